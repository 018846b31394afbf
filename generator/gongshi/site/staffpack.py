"""The internal staff pack: who is held and why, and what to follow up.

It is written to GONGSHI_INTERNAL_PATH, never inside the public output. It
may name held units and carry review notes: it is for staff only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gongshi.content.loader import Content
from gongshi.content.metrics import LedgerMetrics, format_percent
from gongshi.content.model import LedgerItem, Round
from gongshi.rules.gate import Decision
from gongshi.rules.publication import Key, Publication
from gongshi.rules.satisfaction import SurveyResult


@dataclass(frozen=True)
class HoldEntry:
    round: Round
    unit_id: str
    unit_name: str
    decision: Decision
    metrics: LedgerMetrics | None
    source: str | None
    review_note: str


@dataclass(frozen=True)
class OverdueEntry:
    round: Round
    unit_id: str
    unit_name: str
    item: LedgerItem
    days: int
    public: bool


@dataclass(frozen=True)
class SurveyEntry:
    """A unit's survey count for staff, interim included (never published before the window closes)."""

    round: Round
    unit_id: str
    unit_name: str
    result: SurveyResult
    public: bool


@dataclass(frozen=True)
class StaffPack:
    as_of: dt.date
    next_batch: int
    candidates: tuple[tuple[Round, str, str], ...]  # (round, unit id, unit name)
    held: tuple[HoldEntry, ...]  # the gate's buckets, less what is public already
    unapproved: tuple[HoldEntry, ...]
    pending: tuple[HoldEntry, ...]
    overdue: tuple[OverdueEntry, ...]  # most days overdue first
    surveys: tuple[SurveyEntry, ...] = ()


def build_staff_pack(content: Content, publication: Publication) -> StaffPack:
    def name(key: Key) -> str:
        unit = content.rounds[key[0]].unit(key[1])
        return unit.name if unit else key[1]

    def entry(decision: Decision) -> HoldEntry:
        key = (decision.round_id, decision.unit_id)
        report = content.report(*key)
        return HoldEntry(
            content.rounds[key[0]],
            key[1],
            name(key),
            decision,
            publication.metrics.get(key),
            report.source if report else None,
            report.review.note if report else "",
        )

    overdue = [
        OverdueEntry(content.rounds[key[0]], key[1], name(key), o.item, o.days, key in publication.public)
        for key, metrics in publication.metrics.items()
        for o in metrics.overdue
    ]
    overdue.sort(key=lambda e: (-e.days, e.round.id, e.unit_id, e.item.number))
    return StaffPack(
        as_of=publication.as_of,
        next_batch=publication.record.next_number
        if not publication.batch_written
        else publication.record.batches[-1].number,
        candidates=tuple((content.rounds[r], u, name((r, u))) for r, u in publication.candidates),
        held=tuple(entry(d) for d in publication.held()),
        unapproved=tuple(entry(d) for d in publication.unapproved()),
        pending=tuple(entry(d) for d in publication.pending()),
        overdue=tuple(overdue),
        surveys=tuple(
            SurveyEntry(content.rounds[key[0]], key[1], name(key), result, key in publication.public)
            for key, result in sorted(publication.surveys.items())
        ),
    )


def hold_report_json(pack: StaffPack) -> dict[str, Any]:
    """The hold report as plain data, for `internal/hold-report.json`."""
    return {
        "as_of": pack.as_of.isoformat(),
        "held": [_hold_json(e) for e in pack.held],
        "unapproved": [_hold_json(e) for e in pack.unapproved],
        "pending": [_hold_json(e) for e in pack.pending],
        "next_batch": {
            "number": pack.next_batch,
            "units": [{"round": r.id, "unit": u, "name": n} for r, u, n in pack.candidates],
        },
        "surveys": [
            {
                "round": e.round.id,
                "unit": e.unit_id,
                "name": e.unit_name,
                "final": e.result.closed,
                "responses": e.result.responses,
                "satisfied": e.result.satisfied,
                "basically_satisfied": e.result.basically,
                "dissatisfied": e.result.dissatisfied,
                "rate": format_percent(e.result.rate_percent) if e.result.responses else None,
                "unit_public": e.public,
            }
            for e in pack.surveys
        ],
        "overdue_items": [
            {
                "round": e.round.id,
                "unit": e.unit_id,
                "name": e.unit_name,
                "item": e.item.number,
                "problem": e.item.problem,
                "responsible": e.item.responsible,
                "deadline": e.item.deadline.isoformat() if e.item.deadline else None,
                "days_overdue": e.days,
                "unit_public": e.public,
            }
            for e in pack.overdue
        ],
    }


def _hold_json(entry: HoldEntry) -> dict[str, Any]:
    metrics = entry.metrics
    return {
        "round": entry.round.id,
        "unit": entry.unit_id,
        "name": entry.unit_name,
        "outcome": str(entry.decision.outcome),
        "source": entry.source,
        "review_note": entry.review_note,
        "completion_rate": format_percent(metrics.completion_percent) if metrics else None,
        "overdue_items": metrics.overdue_count if metrics else None,
        "reasons": [
            {
                "rule": r.rule,
                "label": r.label,
                "measured": r.measured,
                "threshold": r.threshold,
                "explanation": r.explanation,
            }
            for r in entry.decision.reasons
        ],
    }
