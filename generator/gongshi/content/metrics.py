"""Figures computed from a ledger as of a date.

整改完成率 = 已完成事项 / 事项总数, as published notices compute it (25 problems
with 19 done is 76%; 697 with 688 done is 98.71%). 长期坚持 items count in
the total like any other; those under way are reported separately so a
reader can see why a rate is below 100%.

逾期未整改: a 立行立改 or 限期整改 item whose deadline is before the as-of
date and which is not done. The deadline day itself is still on time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from gongshi.content.model import Kind, LedgerItem, Status

OVERDUE_KINDS = (Kind.IMMEDIATE, Kind.DEADLINE)


def is_overdue(item: LedgerItem, as_of: dt.date) -> bool:
    return (
        item.kind in OVERDUE_KINDS
        and item.deadline is not None
        and item.deadline < as_of
        and not item.is_done
    )


def days_overdue(item: LedgerItem, as_of: dt.date) -> int:
    return (as_of - item.deadline).days if is_overdue(item, as_of) and item.deadline else 0


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
    # when all its tasks are. Until a ledger groups its rows, each row is its own problem.
    problems: int = 0
    problems_done: int = 0
    last_completed: dt.date | None = None  # the latest 完成时间 in the ledger

    def updated(self, report_date: dt.date, as_of: dt.date) -> dt.date:
        """When the ledger was last brought up to date, as far as it says: the later of the report's
        Date and its latest completion date, never after the as-of date."""
        return min(max(report_date, self.last_completed or report_date), max(as_of, report_date))

    @property
    def done(self) -> int:
        return self.by_status.get(Status.DONE, 0)

    @property
    def completion(self) -> Fraction:
        return Fraction(self.done, self.total) if self.total else Fraction(0)

    @property
    def completion_percent(self) -> Decimal:
        return percent(self.completion)

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)


def measure(ledger: tuple[LedgerItem, ...], as_of: dt.date) -> LedgerMetrics:
    statuses = Counter(item.status for item in ledger)
    kinds = Counter(item.kind for item in ledger)
    overdue = tuple(OverdueItem(i, days_overdue(i, as_of)) for i in ledger if is_overdue(i, as_of))
    ongoing = sum(1 for i in ledger if i.kind is Kind.LONG_TERM and not i.is_done)
    return LedgerMetrics(
        total=len(ledger),
        by_status={s: statuses.get(s, 0) for s in Status},
        by_kind={k: kinds.get(k, 0) for k in Kind},
        overdue=overdue,
        long_term_ongoing=ongoing,
        problems=len(ledger),
        problems_done=statuses.get(Status.DONE, 0),
        last_completed=max((i.completed_on for i in ledger if i.completed_on), default=None),
    )


def percent(share: Fraction) -> Decimal:
    """A share as a percentage rounded half-up to two places (98.71, 76.00)."""
    value = Decimal(share.numerator * 100) / Decimal(share.denominator) if share.denominator else Decimal(0)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_percent(value: Decimal) -> str:
    """76.00 -> "76%", 98.70 -> "98.7%": the way notices print rates."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"
