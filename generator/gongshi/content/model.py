"""The domain model: rounds, units, reports and their ledgers.

Values here are what staff wrote, parsed and typed; anything computed from
them as of a date lives in `metrics`, and publication decisions in `gate`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any


class RoundType(StrEnum):
    REGULAR = "常规"
    SPECIAL = "专项"
    LOOK_BACK = "回头看"


class Kind(StrEnum):
    IMMEDIATE = "立行立改"
    DEADLINE = "限期整改"
    LONG_TERM = "长期坚持"


class Status(StrEnum):
    """A ledger item's status, shown as the office wrote it (基本完成 stays 基本完成).

    Whether 基本完成 and 阶段性完成 count as done is a setting
    (GONGSHI_PARTIAL_COUNTS_AS_DONE), not a property of the word: official counts
    say they are not done, so by default they are not.
    """

    DONE = "已完成"
    DONE_ONGOING = "已完成并长期坚持"  # done, and the measures continue
    BASICALLY_DONE = "基本完成"
    PARTLY_DONE = "阶段性完成"
    EXTENSION = "申请延期"  # not done; the deadline may be extended (LedgerItem.extended_to)
    IN_PROGRESS = "推进中"
    NOT_STARTED = "未启动"

    @property
    def completed(self) -> bool:
        """Done in every reading: 已完成, 已完成并长期坚持."""
        return self in (Status.DONE, Status.DONE_ONGOING)

    @property
    def partial(self) -> bool:
        """Done only where the setting says so: 基本完成, 阶段性完成."""
        return self in (Status.BASICALLY_DONE, Status.PARTLY_DONE)

    def done(self, partial_done: bool = False) -> bool:
        return self.completed or (partial_done and self.partial)


class ReviewOutcome(StrEnum):
    PASSED = "会审通过"
    RETURNED = "退回重报"


@dataclass(frozen=True)
class UnitRef:
    """A unit as a round lists it: stable id plus display name."""

    id: str
    name: str
    line: int | None = None


class SurveyPhase(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class SurveyWindow:
    """When the public can rate a round's units (测评期), both days included."""

    start: dt.date
    end: dt.date

    def phase(self, as_of: dt.date) -> SurveyPhase:
        if as_of < self.start:
            return SurveyPhase.UPCOMING
        return SurveyPhase.OPEN if as_of <= self.end else SurveyPhase.CLOSED


@dataclass(frozen=True)
class Round:
    id: str
    name: str
    type: RoundType
    feedback_date: dt.date
    report_due: dt.date
    units: tuple[UnitRef, ...]
    source: str
    revisits: str | None = None
    survey: SurveyWindow | None = None  # None: this round has no satisfaction survey
    # the round file's [survey] table as written (its export mapping), checked by surveys/mapping.py
    survey_export: dict[str, Any] | None = field(default=None, hash=False)

    def unit(self, unit_id: str) -> UnitRef | None:
        return self._by_id.get(unit_id)

    @functools.cached_property
    def _by_id(self) -> dict[str, UnitRef]:  # a round may list hundreds of units
        return {u.id: u for u in reversed(self.units)}  # the first of a duplicated id wins, as before


@dataclass(frozen=True, slots=True)
class LedgerItem:
    """One row of the 整改台账: a problem (问题), or one task (整改任务) of a problem.

    A row is a task of a problem when its 序号 is written 1-2 (`number` 1, `task` 2),
    when a 问题序号 column names its problem, or when it repeats the row above's
    problem text; `group` is then the problem's id. Ungrouped rows are problems
    of their own.
    """

    number: int
    area: str
    problem: str
    measures: str
    kind: Kind
    responsible: str
    deadline: dt.date | None  # None only for 长期坚持 items written as 长期; the ORIGINAL deadline
    status: Status
    completed_on: dt.date | None
    line: int
    task: int | None = None  # 2 for 序号 1-2
    group: str = ""  # the problem this row is a task of; "" for a problem of its own
    extended_to: dt.date | None = None  # the extended deadline (申请延期至…), after `deadline`

    @property
    def is_done(self) -> bool:
        """Done in every reading; 基本完成 counts only through `done(partial_done=True)`."""
        return self.status.completed

    def done(self, partial_done: bool = False) -> bool:
        return self.status.done(partial_done)

    @property
    def label(self) -> str:
        """序号 as shown: 3, or 1-2 for the second task of problem 1."""
        return str(self.number) if self.task is None else f"{self.number}-{self.task}"

    @property
    def problem_key(self) -> str | None:
        """The id of the problem this row is a task of; None for a row that is a problem of its own."""
        if self.group:
            return self.group
        return str(self.number) if self.task is not None else None

    @property
    def due(self) -> dt.date | None:
        """The deadline overdue is judged against: the extended one when an extension is recorded."""
        return self.extended_to or self.deadline


@dataclass(frozen=True)
class Review:
    outcome: ReviewOutcome
    date: dt.date
    reviewers: str
    note: str = ""  # internal only; never published

    @property
    def passed(self) -> bool:
        return self.outcome is ReviewOutcome.PASSED


@dataclass(frozen=True)
class FeedbackChannel:
    """How the public can comment on the rectification, and until when."""

    phone: str
    mailbox: str
    email: str
    until: dt.date


@dataclass(frozen=True)
class Figures:
    """Optional headline figures a report states (建章立制, 问责, 挽回经济损失)."""

    rules_made: int | None = None
    accountable: int | None = None
    funds_recovered: Decimal | None = None  # 万元


@dataclass(frozen=True)
class ReportHead:
    """What a report's header says: everything but its narrative and its ledger.

    A build holds the head of every report and reads a whole report again only
    to write its pages, so memory stays flat as the number of units grows.
    """

    source: str
    round_id: str
    unit_id: str
    unit_name: str
    title: str
    date: dt.date
    review: Review
    feedback: FeedbackChannel
    figures: Figures
    header_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.round_id, self.unit_id)


@dataclass(frozen=True)
class Report(ReportHead):
    """An approved-or-not rectification report of one unit for one round, whole."""

    narrative: str = field(kw_only=True)  # Markdown, ledger section removed
    ledger: tuple[LedgerItem, ...] = field(kw_only=True)
    # the file line of each narrative line, so a figure the text gets wrong is named by its line
    narrative_lines: tuple[int, ...] = field(default=(), kw_only=True, compare=False, repr=False)

    def head(self) -> ReportHead:
        return ReportHead(**{f.name: getattr(self, f.name) for f in fields(ReportHead)})
