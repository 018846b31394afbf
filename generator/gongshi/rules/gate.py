"""The publication gate: is a unit's report published as of a date, and if not, why.

A unit is published when its report passed the joint review and no lagging
rule fires. Each rule explains itself with the value it measured and the
threshold it compared against, so a hold can be defended to the unit.

Every unit of every round gets exactly one of four outcomes, and every list
(the build summary, the staff pack, posters, batch counts) takes its buckets
from them: published, held (延后公示: approved but lagging), unapproved (不能公示:
returned, or no report past its due date) and pending (no report, not yet due).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongshi.config.settings import GongshiSettings
from gongshi.content.figures import Mismatch, describe
from gongshi.content.metrics import LedgerMetrics, format_percent
from gongshi.content.model import ReportHead, Round
from gongshi.problems.catalog.sentences import GATE
from gongshi.problems.messages import figures_in
from gongshi.rules.satisfaction import SurveyResult


class Outcome(StrEnum):
    PUBLISH = "publish"  # approved and not lagging
    HOLD = "hold"  # approved but lagging: deferred to a later batch (延后公示)
    UNAPPROVED = "unapproved"  # no approved report: returned, or none past its due date (不能公示)
    PENDING = "pending"  # no report yet, and not yet due

    @property
    def deferred(self) -> bool:
        """Counted as deferred on a batch: due, and not published in it (lagging or unapproved)."""
        return self in (Outcome.HOLD, Outcome.UNAPPROVED)


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict on one unit: fired or not, with what it measured."""

    rule: str
    label: str
    fired: bool
    measured: str
    threshold: str
    explanation: str
    explanation_en: str = ""  # for `gongshi build --lang en`; the public site is Chinese only


@dataclass(frozen=True)
class Decision:
    round_id: str
    unit_id: str
    outcome: Outcome
    results: tuple[RuleResult, ...]

    @property
    def reasons(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.fired)

    @property
    def main_reason(self) -> str:
        reasons = self.reasons
        return reasons[0].explanation if reasons else ""

    def main_reason_in(self, lang: str) -> str:
        reasons = self.reasons
        if not reasons:
            return ""
        return (
            (reasons[0].explanation_en or reasons[0].explanation) if lang == "en" else reasons[0].explanation
        )


RULE_LABELS = {
    "report_overdue": "整改报告逾期未报",
    "review": "会审未通过",
    "overdue": "逾期未整改事项",
    "completion": "整改完成率",
    "satisfaction": "群众满意率",
    "consistency": "报告数字与台账一致",
}


def evaluate(
    round_: Round,
    unit_id: str,
    report: ReportHead | None,
    metrics: LedgerMetrics | None,
    survey: SurveyResult | None,
    settings: GongshiSettings,
    as_of: dt.date,
    mismatches: tuple[Mismatch, ...] = (),
) -> Decision:
    approved = report is not None and report.review.passed
    results: list[RuleResult] = []
    if not approved:
        if report is not None and settings.rule_review:
            results.append(_review(report))
        if settings.rule_report_overdue:
            results.append(_report_overdue(round_, report, as_of))
        fired = any(r.fired for r in results)
        if report is not None and not report.review.passed:
            fired = True  # an unapproved report can never be published, rule on or off
        outcome = Outcome.UNAPPROVED if fired else Outcome.PENDING
        return Decision(round_.id, unit_id, outcome, tuple(results))
    assert metrics is not None
    if settings.rule_overdue_max is not None:
        results.append(_overdue(metrics, settings.rule_overdue_max))
    if settings.rule_completion_min is not None:
        results.append(_completion(metrics, settings.rule_completion_min))
    if settings.rule_satisfaction_min is not None:
        results.append(_satisfaction(survey, settings))
    if settings.rule_consistency:
        results.append(_consistency(mismatches))
    outcome = Outcome.HOLD if any(r.fired for r in results) else Outcome.PUBLISH
    return Decision(round_.id, unit_id, outcome, tuple(results))


def _said(key: str, **values: object) -> tuple[str, str]:
    """The gate's sentence `key` (problems/catalog/sentences.py), in Chinese and in English."""
    zh, en = GATE[key]
    return zh.format(**values), en.format(**values)


def _review(report: ReportHead) -> RuleResult:
    fired = not report.review.passed
    review = report.review
    said = (
        _said("review.returned", outcome=review.outcome, date=review.date)
        if fired
        else _said("review.passed")
    )
    return RuleResult("review", RULE_LABELS["review"], fired, str(review.outcome), "会审通过", *said)


def _report_overdue(round_: Round, report: ReportHead | None, as_of: dt.date) -> RuleResult:
    late = (as_of - round_.report_due).days
    fired = late > 0
    state, state_en = _said("report.none" if report is None else "report.unapproved")
    due = round_.report_due
    if fired:
        zh, _ = _said("report.late", late=late, state=state, due=due)
        _, en = _said("report.late", late=late, state=state_en, due=due)
    else:
        zh, en = _said("report.due", due=due)
    measured = f"{state}，已过期 {late} 天" if fired else state
    return RuleResult(
        "report_overdue", RULE_LABELS["report_overdue"], fired, measured, f"报送期限 {due}", zh, en
    )


def _overdue(metrics: LedgerMetrics, maximum: int) -> RuleResult:
    count = metrics.overdue_count
    fired = count > maximum
    said = _said("overdue", count=count, maximum=maximum)
    return RuleResult("overdue", RULE_LABELS["overdue"], fired, f"{count} 项", f"至多 {maximum} 项", *said)


def _completion(metrics: LedgerMetrics, minimum: float) -> RuleResult:
    rate = metrics.completion_percent
    fired = float(rate) < minimum
    shown = format_percent(rate)
    said = _said("completion.low" if fired else "completion.ok", rate=shown, minimum=f"{minimum:g}")
    return RuleResult("completion", RULE_LABELS["completion"], fired, shown, f"不低于 {minimum:g}%", *said)


def _satisfaction(survey: SurveyResult | None, settings: GongshiSettings) -> RuleResult:
    minimum = settings.rule_satisfaction_min
    needed = settings.rule_satisfaction_min_responses
    threshold = f"不低于 {minimum:g}%（样本至少 {needed} 份）"
    if survey is None or not survey.publishable(needed):
        if survey is None:
            why, why_en = _said("satisfaction.none")
        elif not survey.closed:
            why, why_en = _said("satisfaction.open")
        else:
            why, why_en = _said("satisfaction.few", responses=survey.responses, needed=needed)
        hold = settings.rule_satisfaction_missing == "hold"
        key = "satisfaction.missing-hold" if hold else "satisfaction.missing-publish"
        zh, en = _said(key, why=why)[0], _said(key, why=why_en)[1]
        return RuleResult("satisfaction", RULE_LABELS["satisfaction"], hold, why, threshold, zh, en)
    rate = survey.rate_percent
    fired = float(rate) < minimum
    shown = f"{format_percent(rate)}（{survey.responses} 份）"
    values = {"rate": format_percent(rate), "responses": survey.responses, "minimum": f"{minimum:g}"}
    said = _said("satisfaction.low" if fired else "satisfaction.ok", **values)
    return RuleResult("satisfaction", RULE_LABELS["satisfaction"], fired, shown, threshold, *said)


def _consistency(mismatches: tuple[Mismatch, ...]) -> RuleResult:
    stated = describe(mismatches)
    if mismatches:
        zh, en = (
            _said("consistency.differ", stated=stated)[0],
            _said("consistency.differ", stated=figures_in(mismatches, "en"))[1],
        )
    else:
        zh, en = _said("consistency.ok")
    threshold = "报告所述数字与台账一致"
    return RuleResult(
        "consistency", RULE_LABELS["consistency"], bool(mismatches), stated or "一致", threshold, zh, en
    )
