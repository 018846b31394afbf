"""The gate: each lagging rule, its explanation, and switching rules off."""

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from factories import report_text

from gongshi.config.settings import resolve
from gongshi.content.metrics import measure
from gongshi.content.model import Round, RoundType, UnitRef
from gongshi.content.reports import parse_report
from gongshi.problems.errors import ProblemLog
from gongshi.rules.gate import Outcome, evaluate
from gongshi.rules.satisfaction import SurveyResult

ROUND = Round(
    "2025-r1",
    "第一轮",
    RoundType.REGULAR,
    dt.date(2025, 4, 10),
    dt.date(2025, 7, 10),
    (UnitRef("edu", "市教育局党组"),),
    "r.toml",
)
OVERDUE_ROW = "| 4 | 方面 | 问题 | 措施 | 限期整改 | 办公室 | 2025-08-31 | 推进中 | |\n"


def settings(**values):
    base = {"PATH": "/tmp/content", "OUTPUT_PATH": "/tmp/output"}
    return resolve(base | {f"GONGSHI_{k.upper()}": v for k, v in values.items()})


def decide(text=None, survey=None, as_of=dt.date(2025, 10, 1), **config):
    s = settings(**config)
    report = parse_report(text, ProblemLog("x.md", [])) if text else None
    metrics = measure(report.ledger, as_of) if report else None
    return evaluate(ROUND, "edu", report, metrics, survey, s, as_of)


def test_an_approved_report_on_track_is_published():
    decision = decide(report_text())
    assert decision.outcome is Outcome.PUBLISH and decision.reasons == ()


def with_overdue_item():
    return report_text().replace("| 3 | 选人用人", OVERDUE_ROW + "| 3 | 选人用人")


def test_overdue_items_hold_with_measured_value_and_threshold():
    decision = decide(with_overdue_item(), rule_completion_min=None)
    assert decision.outcome is Outcome.HOLD
    (reason,) = decision.reasons
    assert reason.rule == "overdue" and reason.measured == "1 项" and reason.threshold == "至多 0 项"


def test_overdue_rule_allows_up_to_n_and_can_be_switched_off():
    text = with_overdue_item()
    assert decide(text, rule_overdue_max=1, rule_completion_min=None).outcome is Outcome.PUBLISH
    assert decide(text, rule_overdue_max=None, rule_completion_min=None).outcome is Outcome.PUBLISH
    assert decide(text, rule_overdue_max=None).reasons[0].rule == "completion"  # 2 of 4 done


def test_completion_below_threshold_holds():
    decision = decide(report_text(), rule_completion_min=70)  # 2 of 3 done = 66.67%
    assert decision.outcome is Outcome.HOLD
    assert decision.reasons[0].measured == "66.67%" and decision.reasons[0].threshold == "不低于 70%"
    assert decide(report_text(), rule_completion_min=None).outcome is Outcome.PUBLISH


def test_returned_report_is_unapproved_even_with_the_review_rule_off():
    text = report_text(Review="退回重报")
    assert decide(text).reasons[0].rule == "review"
    assert decide(text).outcome is Outcome.UNAPPROVED
    assert decide(text, rule_review=False).outcome is Outcome.UNAPPROVED


def test_no_report_after_due_date_is_unapproved_and_before_it_is_pending():
    assert decide(None).outcome is Outcome.UNAPPROVED
    assert decide(None).reasons[0].rule == "report_overdue"
    assert decide(None, as_of=dt.date(2025, 7, 10)).outcome is Outcome.PENDING
    assert decide(None, rule_report_overdue=False).outcome is Outcome.PENDING


@pytest.mark.parametrize(
    ("survey", "policy", "outcome"),
    [
        pytest.param(SurveyResult(20, 10, 2, closed=True), "publish", Outcome.PUBLISH, id="rate-ok"),
        pytest.param(SurveyResult(10, 10, 12, closed=True), "publish", Outcome.HOLD, id="rate-low"),
        pytest.param(SurveyResult(1, 1, 8, closed=True), "publish", Outcome.PUBLISH, id="too-few-publish"),
        pytest.param(SurveyResult(1, 1, 8, closed=True), "hold", Outcome.HOLD, id="too-few-hold"),
        pytest.param(SurveyResult(10, 10, 12, closed=False), "publish", Outcome.PUBLISH, id="window-open"),
        pytest.param(None, "publish", Outcome.PUBLISH, id="no-data-publish"),
        pytest.param(None, "hold", Outcome.HOLD, id="no-data-hold"),
    ],
)
def test_satisfaction_rule_and_its_missing_data_policy(survey, policy, outcome):
    decision = decide(report_text(), survey=survey, rule_satisfaction_missing=policy)
    assert decision.outcome is outcome
    result = next(r for r in decision.results if r.rule == "satisfaction")
    assert result.threshold == "不低于 80%（样本至少 30 份）"


def test_low_satisfaction_explains_rate_and_sample():
    decision = decide(report_text(), survey=SurveyResult(10, 10, 12, closed=True))
    assert decision.reasons[0].measured == "62.5%（32 份）"


def test_settings_are_validated():
    from gongshi.problems.errors import ConfigError

    with pytest.raises(ConfigError, match="GONGSHI_RULE_COMPLETION_MIN"):
        settings(rule_completion_min="60")
    with pytest.raises(ConfigError, match="GONGSHI_RULE_SATISFACTION_MISSING"):
        settings(rule_satisfaction_missing="maybe")
    with pytest.raises(ConfigError, match="不认识的设置") as unknown:
        resolve({"GONGSHI_RULE_OVERDUE": 1})
    assert unknown.value.text("en")[0].startswith("Unknown setting")
    from gongshi.build.folders import check_output_folders  # where a build may write: checked by the build

    inside_output = {
        "PATH": "/p/content",
        "OUTPUT_PATH": "/p/output",
        "GONGSHI_INTERNAL_PATH": "/p/output/internal",
    }
    with pytest.raises(ConfigError, match="在 OUTPUT_PATH（/p/output）之内") as inside:
        check_output_folders(
            Path("/p/pelicanconf.py"), inside_output, resolve(inside_output), output_given=False
        )
    assert "inside OUTPUT_PATH" in inside.value.text("en")[0]
    assert dataclasses.is_dataclass(settings())
