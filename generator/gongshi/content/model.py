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
    DONE = "已完成"
    IN_PROGRESS = "推进中"
    NOT_STARTED = "未启动"


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
    """One row of the 整改台账."""

    number: int
    area: str
    problem: str
    measures: str
    kind: Kind
    responsible: str
    deadline: dt.date | None  # None only for 长期坚持 items written as 长期
    status: Status
    completed_on: dt.date | None
    line: int

    @property
    def is_done(self) -> bool:
        return self.status is Status.DONE


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

    def head(self) -> ReportHead:
        return ReportHead(**{f.name: getattr(self, f.name) for f in fields(ReportHead)})
