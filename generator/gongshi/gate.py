"""The publication gate: is a unit's report published as of a date, and if not, why.

A unit is published when its report passed the joint review and no lagging
rule fires. Each rule explains itself with the value it measured and the
threshold it compared against, so a hold can be defended to the unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .lint import Mismatch, describe
from .metrics import LedgerMetrics, format_percent
from .model import Report, Round
from .settings import GongshiSettings
from .survey import SurveyResult


class Outcome(StrEnum):
    PUBLISH = "publish"  # approved and not lagging
    HOLD = "hold"  # lagging: deferred to a later batch (延后公示)
    PENDING = "pending"  # no approved report yet, and not yet due


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict on one unit: fired or not, with what it measured."""

    rule: str
    label: str
    fired: bool
    measured: str
    threshold: str
    explanation: str


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
    report: Report | None,
    metrics: LedgerMetrics | None,
    survey: SurveyResult | None,
    settings: GongshiSettings,
    mismatches: tuple[Mismatch, ...] = (),
) -> Decision:
    as_of = settings.as_of
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
        return Decision(round_.id, unit_id, Outcome.HOLD if fired else Outcome.PENDING, tuple(results))
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


def _review(report: Report) -> RuleResult:
    fired = not report.review.passed
    return RuleResult(
        "review", RULE_LABELS["review"], fired, str(report.review.outcome), "会审通过",
        f"整改报告{report.review.outcome}（{report.review.date}）" if fired else "会审通过",
    )  # fmt: skip


def _report_overdue(round_: Round, report: Report | None, as_of: dt.date) -> RuleResult:
    late = (as_of - round_.report_due).days
    fired = late > 0
    state = "未报送整改报告" if report is None else "尚无会审通过的整改报告"
    return RuleResult(
        "report_overdue",
        RULE_LABELS["report_overdue"],
        fired,
        f"{state}，已过期 {late} 天" if fired else state,
        f"报送期限 {round_.report_due}",
        f"超过报送期限 {late} 天{state}" if fired else f"报送期限 {round_.report_due} 未到",
    )


def _overdue(metrics: LedgerMetrics, maximum: int) -> RuleResult:
    count = metrics.overdue_count
    fired = count > maximum
    return RuleResult(
        "overdue", RULE_LABELS["overdue"], fired, f"{count} 项", f"至多 {maximum} 项",
        f"{count} 项整改事项逾期未完成（允许 {maximum} 项）",
    )  # fmt: skip


def _completion(metrics: LedgerMetrics, minimum: float) -> RuleResult:
    rate = metrics.completion_percent
    fired = float(rate) < minimum
    shown = format_percent(rate)
    return RuleResult(
        "completion", RULE_LABELS["completion"], fired, shown, f"不低于 {minimum:g}%",
        f"整改完成率 {shown}，低于 {minimum:g}%" if fired else f"整改完成率 {shown}",
    )  # fmt: skip


def _satisfaction(survey: SurveyResult | None, settings: GongshiSettings) -> RuleResult:
    minimum = settings.rule_satisfaction_min
    needed = settings.rule_satisfaction_min_responses
    threshold = f"不低于 {minimum:g}%（样本至少 {needed} 份）"
    if survey is None or not survey.publishable(needed):
        if survey is None:
            why = "尚无满意度测评结果"
        elif not survey.closed:
            why = "满意度测评尚未结束"
        else:
            why = f"测评样本不足（{survey.responses} 份，需 {needed} 份）"
        hold = settings.rule_satisfaction_missing == "hold"
        return RuleResult(
            "satisfaction", RULE_LABELS["satisfaction"], hold, why, threshold,
            f"{why}，按设置{'暂缓公示' if hold else '不作为延后理由'}",
        )  # fmt: skip
    rate = survey.rate_percent
    fired = float(rate) < minimum
    shown = f"{format_percent(rate)}（{survey.responses} 份）"
    return RuleResult(
        "satisfaction", RULE_LABELS["satisfaction"], fired, shown, threshold,
        f"群众满意率 {shown}，低于 {minimum:g}%" if fired else f"群众满意率 {shown}",
    )  # fmt: skip


def _consistency(mismatches: tuple[Mismatch, ...]) -> RuleResult:
    stated = describe(mismatches)
    return RuleResult(
        "consistency", RULE_LABELS["consistency"], bool(mismatches), stated or "一致", "报告所述数字与台账一致",
        f"报告数字与台账不一致：{stated}" if mismatches else "报告数字与台账一致",
    )  # fmt: skip
