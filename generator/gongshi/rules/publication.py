"""Which reports are public as of a date: the gate's decisions plus the record.

The public site shows exactly the reports the record has published and not
withdrawn. A preview build (no batch) computes what the next batch would
add without writing anything; a batch build appends those to the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongshi.config.settings import GongshiSettings
from gongshi.content.figures import Mismatch
from gongshi.content.loader import Content
from gongshi.content.metrics import LedgerMetrics
from gongshi.problems.errors import Problem, ProblemLog
from gongshi.problems.messages import Verbatim
from gongshi.rules.gate import Decision, Outcome, evaluate
from gongshi.rules.record import PublishedUnit, Record, append_batch
from gongshi.rules.satisfaction import SurveyResult
from gongshi.rules.versions import Edit, Kind

Key = tuple[str, str]


@dataclass(frozen=True)
class Publication:
    as_of: dt.date
    decisions: dict[Key, Decision]
    metrics: dict[Key, LedgerMetrics]
    mismatches: dict[Key, tuple[Mismatch, ...]]  # narrative figures vs ledger, for every report
    record: Record  # after this build's batch, if any
    public: frozenset[Key]
    candidates: tuple[Key, ...]  # would be first published in the next batch
    batch_written: bool
    surveys: dict[Key, SurveyResult] = field(default_factory=dict)  # every result, final or not: gate only
    edits: dict[Key, Edit] = field(
        default_factory=dict
    )  # published reports changed since (rules/versions.py)
    updates: tuple[Key, ...] = ()  # progress the next batch publishes (this one's, if written)

    def not_public(self, outcome: Outcome) -> list[Decision]:
        """The gate's bucket `outcome`, less the units already public (a published unit stays so)."""
        return [d for k, d in self.decisions.items() if d.outcome is outcome and k not in self.public]

    def held(self) -> list[Decision]:
        """Deferred now (延后公示): approved but lagging."""
        return self.not_public(Outcome.HOLD)

    def unapproved(self) -> list[Decision]:
        """Cannot be published (不能公示): returned, or no report past its due date."""
        return self.not_public(Outcome.UNAPPROVED)

    def pending(self) -> list[Decision]:
        """No report yet, and not yet due."""
        return self.not_public(Outcome.PENDING)


def decide(
    content: Content,
    record: Record,
    surveys: dict[Key, SurveyResult],
    settings: GongshiSettings,
    as_of: dt.date,
    batch: bool,
    rounds: frozenset[str] = frozenset(),
    edits: dict[Key, Edit] | None = None,
) -> Publication:
    """`rounds`: limit the next batch to units of these rounds (`build --batch --round`); empty: all.
    `edits`: published reports changed since; the batch publishes the progress among them and pins
    the new reports' bytes (and those of reports published before pinning)."""
    edits = edits or {}
    metrics, mismatches = content.metrics, content.mismatches
    decisions: dict[Key, Decision] = {}
    for round_ in content.rounds_newest_first():
        for unit in round_.units:
            key = (round_.id, unit.id)
            decisions[key] = evaluate(
                round_, unit.id, content.report(*key), metrics.get(key), surveys.get(key), settings,
                as_of, mismatches.get(key, ()),
            )  # fmt: skip
    ever = record.ever_published()

    def covered(key: Key) -> bool:
        return not rounds or key[0] in rounds

    candidates = tuple(
        k for k, d in decisions.items() if d.outcome is Outcome.PUBLISH and k not in ever and covered(k)
    )
    public_before = record.public_keys()
    updates = tuple(
        k
        for k, e in sorted(edits.items())
        if e.diff.kind is Kind.PROGRESS and covered(k) and k in public_before
    )
    written = False
    if batch and (candidates or updates):

        def unit(key: Key, changes: tuple[str, ...] = ()) -> PublishedUnit:
            head = content.reports.get(key)
            sha = content.digests.get(head.source, "") if head is not None else ""
            return PublishedUnit(key[0], key[1], content.rounds[key[0]].unit(key[1]).name, sha, changes)

        units = [unit(k) for k in candidates]
        updated = tuple(unit(k, edits[k].diff.texts) for k in updates)
        unpinned = tuple(
            unit(k)
            for k in sorted(public_before)
            if not record.pin(k) and k in content.reports and k in decisions
        )
        deferred = sum(1 for k, d in decisions.items() if d.outcome.deferred and k not in ever and covered(k))
        record = append_batch(record, as_of, units, deferred, tuple(sorted(rounds)), updated, unpinned)
        written = True
    public = frozenset(k for k in record.public_keys() if k in decisions)
    return Publication(
        as_of, decisions, metrics, mismatches, record, public, candidates, written, dict(surveys),
        dict(edits), updates,
    )  # fmt: skip


def figure_problems(content: Content, held: bool) -> list[Problem]:
    """A warning for each report whose narrative states figures its ledger contradicts, at the first
    such line; `held`: GONGSHI_RULE_CONSISTENCY is on, so the hint says the unit is held for it.
    Worked out from the content alone, so `gongshi check` reports them beside content errors."""
    problems: list[Problem] = []
    for key, found in content.mismatches.items():
        if found:
            line = next((m.line for m in found if m.line is not None), None)
            log = ProblemLog(content.reports[key].source, problems)
            if held:  # the hint says whether the unit is held for it
                log.warning(line, "report.figures-mismatch", case="hold", mismatches=tuple(found))
            else:
                log.warning(line, "report.figures-mismatch", case="note", mismatches=tuple(found))
    return problems


def check_record_against_content(
    content: Content, record: Record, settings: GongshiSettings, as_of: dt.date
) -> list[Problem]:
    """A published report must stay publishable: present, approved, still listed."""
    problems: list[Problem] = []
    log = ProblemLog(settings.record_label, problems)
    for key in sorted(record.public_keys()):
        report = content.report(*key)
        round_ = content.rounds.get(key[0])
        if round_ is None or round_.unit(key[1]) is None:
            log.error(None, "record.unit-gone", round=key[0], unit=key[1])
        elif report is None:
            log.error(None, "record.report-gone", round=key[0], unit=key[1])
        elif not report.review.passed:
            log.error(
                None,
                "record.report-unapproved",
                round=key[0],
                unit=key[1],
                outcome=Verbatim(report.review.outcome),
            )
    if record.last_date and as_of < record.last_date:
        log.error(None, "record.as-of", as_of=as_of, last=record.last_date)
    return problems
