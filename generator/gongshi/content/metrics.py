"""Figures computed from a ledger as of a date.

整改完成率 = 已完成问题 / 问题总数, as published notices compute it (25 problems
with 19 done is 76%; 697 with 688 done is 98.71%); where no row is grouped into
a problem's tasks, every item is a problem. 长期坚持 items count in
the total like any other; those under way are reported separately so a
reader can see why a rate is below 100%.

逾期未整改: a 立行立改 or 限期整改 item whose deadline is before the as-of
date and which is not done. The deadline day itself is still on time. An item
with a recorded extension (申请延期至…) is judged against the extended deadline;
one that only asks for an extension keeps its original deadline.

基本完成 and 阶段性完成 are done only when `partial_done` says so
(GONGSHI_PARTIAL_COUNTS_AS_DONE, default False, as official counts read them).

Problems and tasks: a problem split into tasks is done when all its tasks are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from gongshi.content.model import Kind, LedgerItem, Status

OVERDUE_KINDS = (Kind.IMMEDIATE, Kind.DEADLINE)


def is_overdue(item: LedgerItem, as_of: dt.date, partial_done: bool = False) -> bool:
    due = item.due
    return item.kind in OVERDUE_KINDS and due is not None and due < as_of and not item.done(partial_done)


def days_overdue(item: LedgerItem, as_of: dt.date, partial_done: bool = False) -> int:
    due = item.due
    return (as_of - due).days if due is not None and is_overdue(item, as_of, partial_done) else 0


def is_extended(item: LedgerItem, as_of: dt.date) -> bool:
    """Past its original deadline but within a recorded extension: shown as extended, never re-dated."""
    return item.extended_to is not None and item.deadline is not None and item.deadline < as_of


def problem_groups(ledger: tuple[LedgerItem, ...]) -> list[list[LedgerItem]]:
    """The ledger's problems in order of first appearance, each the list of its tasks (rows)."""
    groups: dict[object, list[LedgerItem]] = {}
    for index, item in enumerate(ledger):
        groups.setdefault(item.problem_key or index, []).append(item)
    return list(groups.values())


@dataclass(frozen=True)
class OverdueItem:
    item: LedgerItem
    days: int


@dataclass(frozen=True)
class LedgerMetrics:
    total: int
    by_status: dict[Status, int]
    by_kind: dict[Kind, int]
    overdue: tuple[OverdueItem, ...]
    long_term_ongoing: int
    # Official counts are by problem (问题); a problem split into tasks (整改任务) is done
    # when all its tasks are. Where a ledger groups no rows, each row is its own problem.
    problems: int = 0
    problems_done: int = 0
    done: int = 0  # items done: 已完成, 已完成并长期坚持 (and 基本完成, 阶段性完成 when partial_done)
    partial_done: bool = False  # whether 基本完成 / 阶段性完成 counted as done
    extended: int = 0  # items with a recorded extension (延期至)
    last_completed: dt.date | None = None  # the latest 完成时间 in the ledger
    # original deadlines of items with an extension: each is shown as extended from the day after
    extension_deadlines: tuple[dt.date, ...] = ()

    def ticking(self) -> bool:
        """Whether the figures change every day: an overdue item's days count up."""
        return bool(self.overdue)

    def date_state(self, as_of: dt.date) -> tuple[object, ...]:
        """Everything of the ledger's figures that the as-of date decides, and nothing else."""
        return (tuple(o.days for o in self.overdue), sum(d < as_of for d in self.extension_deadlines))

    def updated(self, report_date: dt.date, as_of: dt.date) -> dt.date:
        """When the ledger was last brought up to date, as far as it says: the later of the report's
        Date and its latest completion date, never after the as-of date."""
        return min(max(report_date, self.last_completed or report_date), max(as_of, report_date))

    @property
    def grouped(self) -> bool:
        """Whether the ledger splits problems into tasks (the page then shows both counts)."""
        return self.problems != self.total

    @property
    def completion(self) -> Fraction:
        """Problems done over problems, as notices count; the same as items where no row is grouped."""
        return Fraction(self.problems_done, self.problems) if self.problems else Fraction(0)

    @property
    def completion_percent(self) -> Decimal:
        return percent(self.completion)

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)


def as_reported(ledger: tuple[LedgerItem, ...], day: dt.date) -> tuple[LedgerItem, ...]:
    """The ledger as it stood on `day`: an item completed after it was still under way then.

    A report (通报) speaks for its own date: "已完成整改8个" means by that date, so the
    narrative's figures are judged against this ledger, and progress since is shown as such.
    """
    return tuple(
        replace(item, status=Status.IN_PROGRESS, completed_on=None)
        if item.completed_on is not None and item.completed_on > day
        else item
        for item in ledger
    )


def measure(ledger: tuple[LedgerItem, ...], as_of: dt.date, partial_done: bool = False) -> LedgerMetrics:
    statuses = Counter(item.status for item in ledger)
    kinds = Counter(item.kind for item in ledger)
    overdue = tuple(
        OverdueItem(i, days_overdue(i, as_of, partial_done))
        for i in ledger
        if is_overdue(i, as_of, partial_done)
    )
    ongoing = sum(1 for i in ledger if i.kind is Kind.LONG_TERM and not i.done(partial_done))
    groups = problem_groups(ledger)
    return LedgerMetrics(
        total=len(ledger),
        by_status={s: statuses.get(s, 0) for s in Status},
        by_kind={k: kinds.get(k, 0) for k in Kind},
        overdue=overdue,
        long_term_ongoing=ongoing,
        problems=len(groups),
        problems_done=sum(all(i.done(partial_done) for i in tasks) for tasks in groups),
        done=sum(i.done(partial_done) for i in ledger),
        partial_done=partial_done,
        extended=sum(1 for i in ledger if i.extended_to is not None),
        last_completed=max((i.completed_on for i in ledger if i.completed_on), default=None),
        extension_deadlines=tuple(
            sorted(i.deadline for i in ledger if i.extended_to is not None and i.deadline is not None)
        ),
    )


def percent(share: Fraction) -> Decimal:
    """A share as a percentage rounded half-up to two places (98.71, 76.00)."""
    value = Decimal(share.numerator * 100) / Decimal(share.denominator) if share.denominator else Decimal(0)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_percent(value: Decimal) -> str:
    """76.00 -> "76%", 98.70 -> "98.7%": the way notices print rates."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"
