"""Parsing a report: the closed header, the ledger table, and the problems staff see."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import DEFAULT_ROWS, report_text

from gongshi.content.model import Kind, ReviewOutcome, Status
from gongshi.content.reports import parse_report
from gongshi.problems.errors import ProblemLog


def parse(text):
    log = ProblemLog("content/reports/2025-r1/edu.md", [])
    return parse_report(text, log), log.problems


def codes(problems):
    return [p.code for p in problems if p.is_error]


def test_a_complete_report_parses_into_typed_values():
    report, problems = parse(report_text(Rules_Made="12", Accountable="3", Funds_Recovered="45.6"))
    assert problems == []
    assert report.round_id == "2025-r1" and report.unit_id == "edu"
    assert report.date == dt.date(2025, 7, 8)
    assert report.review.outcome is ReviewOutcome.PASSED and report.review.passed
    assert report.feedback.until == dt.date(2025, 8, 8)
    assert report.figures.rules_made == 12 and report.figures.funds_recovered == Decimal("45.6")
    assert [i.kind for i in report.ledger] == [Kind.IMMEDIATE, Kind.DEADLINE, Kind.LONG_TERM]
    assert report.ledger[2].deadline is None and report.ledger[2].status is Status.IN_PROGRESS
    assert (
        report.ledger[0].line == 23
    )  # 15 header lines, blank, body, blank, heading, blank, header, separator


@pytest.mark.parametrize("value", ["", " "], ids=["empty", "blank"])
def test_an_optional_figure_left_empty_is_absent_as_if_deleted(value):
    text = report_text(Rules_Made=value, Accountable=value, Funds_Recovered=value, Review_Note=value)
    report, problems = parse(text)
    assert problems == [] and "Rules-Made:" in text
    assert (report.figures.rules_made, report.figures.accountable, report.figures.funds_recovered) == (
        None,
    ) * 3
    deleted, _ = parse(report_text())
    assert report.figures == deleted.figures and report.review.note == ""
    zero, _ = parse(report_text(Rules_Made="0", Funds_Recovered="0"))
    assert zero.figures.rules_made == 0 and zero.figures.funds_recovered == Decimal("0")


def test_ledger_section_is_removed_from_the_narrative():
    report, _ = parse(report_text(body="## 一、总体情况\n\n正文内容。\n"))
    assert "正文内容" in report.narrative
    assert "整改台账" not in report.narrative and "公车管理" not in report.narrative


def test_narrative_after_the_ledger_section_is_kept():
    text = report_text() + "\n## 三、下一步工作打算\n\n继续推进。\n"
    report, problems = parse(text)
    assert problems == [] and "继续推进" in report.narrative and len(report.ledger) == 3


def test_full_width_colon_in_header_is_named_with_its_line():
    text = report_text().replace("Review: 会审通过", "Review：会审通过")
    report, problems = parse(text)
    assert report is None
    bad = [p for p in problems if p.code == "header.fullwidth-colon"]
    assert bad and bad[0].line == 6 and "：" in bad[0].hint
    assert len(problems) == 1  # one mistake, one error: the key is not also reported missing


@pytest.mark.parametrize(
    ("line", "code"),
    [
        pytest.param("Save_as: ../../evil.html", "header.forbidden", id="save_as"),
        pytest.param("Status: draft", "header.forbidden", id="status"),
        pytest.param("Template: page", "header.forbidden", id="template"),
        pytest.param("Url: x.html", "header.forbidden", id="url"),
        pytest.param("Reviewr: 某某", "header.unknown", id="misspelled"),
    ],
)
def test_steering_and_unknown_keys_are_refused(line, code):
    text = report_text().replace("Reviewers:", f"{line}\nReviewers:", 1)
    report, problems = parse(text)
    assert report is None and code in codes(problems)


def test_a_misspelled_key_gets_a_suggestion():
    _, problems = parse(report_text().replace("Reviewers:", "Reviewer:"))
    unknown = next(p for p in problems if p.code == "header.unknown")
    assert "Reviewers" in unknown.hint


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        pytest.param("2025", "完整", id="year-only"),
        pytest.param("2025-07", "完整", id="year-month"),
        pytest.param("2025-02-30", "不是有效日期", id="impossible"),
        pytest.param("2025年2月30日", "不是有效日期", id="impossible-chinese"),
    ],
)
def test_invalid_and_partial_dates_are_errors_with_a_fix(value, hint):
    _, problems = parse(report_text(Date=value))
    bad = next(p for p in problems if p.code == "header.date")
    assert bad.line == 5 and hint in bad.hint + bad.message


@pytest.mark.parametrize("value", ["2025年7月8日", "2025.7.8", "2025/7/8", "2025-7-8", "2025 年 7 月 8 日"])
def test_header_dates_take_the_forms_the_importer_reads(value):
    report, problems = parse(report_text(Date=value, Feedback_Until=value.replace("8", "9")))
    assert problems == []
    assert report.date == dt.date(2025, 7, 8) and report.feedback.until == dt.date(2025, 7, 9)


def test_every_problem_is_reported_in_one_run():
    rows = DEFAULT_ROWS.replace("立行立改", "马上改").replace("| 推进中 |", "| 待定 |")
    text = report_text(rows=rows, Date="2025", Review="通过").replace("Reviewers:", "Foo: 1\nReviewers:")
    _, problems = parse(text)
    assert {"header.date", "header.review", "header.unknown", "ledger.kind", "ledger.status"} <= set(
        codes(problems)
    )


@pytest.mark.parametrize(
    ("row", "code"),
    [
        pytest.param(
            "| 4 | 方面 | 问题 | 措施 | 立行立改 | 办公室 | 2025-05-31 | 已完成 |\n",
            "ledger.cells",
            id="too-few-cells",
        ),
        pytest.param(
            "| 4 | 方面 | 问题 | 措施 | 马上改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-01 |\n",
            "ledger.kind",
            id="kind",
        ),
        pytest.param(
            "| 4 | 方面 | 问题 | 措施 | 立行立改 | 办公室 | 2025-05-31 | 大体完成 | 2025-05-01 |\n",
            "ledger.status",
            id="status",
        ),
        pytest.param(
            "| 4 | 方面 | 问题 | 措施 | 立行立改 | 办公室 | 2025-05-31 | 推进中 | 2025-05-01 |\n",
            "ledger.completed-not-done",
            id="completed-not-done",
        ),
        pytest.param(
            "| 4 | 方面 | 问题 | 措施 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | |\n",
            "ledger.completed-missing",
            id="done-without-date",
        ),
        pytest.param(
            "| 4 | 方面 | 问题 | 措施 | 限期整改 | 办公室 | 长期 | 推进中 | |\n",
            "ledger.deadline",
            id="deadline-kind-long",
        ),
        pytest.param(
            "| 4 | 方面 | 问题 | 措施 | 限期整改 | 办公室 | | 推进中 | |\n",
            "ledger.deadline-missing",
            id="no-deadline",
        ),
        pytest.param(
            "| 4 | 方面 | | 措施 | 限期整改 | 办公室 | 2025-09-01 | 推进中 | |\n",
            "ledger.blank",
            id="blank-problem",
        ),
    ],
)
def test_bad_ledger_rows_are_named_by_line(row, code):
    _, problems = parse(report_text(rows=DEFAULT_ROWS + row))
    bad = [p for p in problems if p.code == code]
    assert bad and bad[0].line == 23


def test_an_empty_ledger_is_an_error():
    _, problems = parse(report_text(rows=""))
    assert "ledger.empty" in codes(problems)


def test_a_report_without_ledger_is_an_error():
    text = report_text().split("## 整改台账")[0]
    _, problems = parse(text)
    assert "ledger.missing" in codes(problems)


def test_text_inside_the_ledger_section_is_an_error():
    text = report_text().replace("## 整改台账\n\n", "## 整改台账\n\n说明：以下为台账。\n\n")
    _, problems = parse(text)
    assert "ledger.stray-text" in codes(problems)


def test_columns_may_use_common_header_variants_in_any_order():
    rows = (
        "| 完成情况 | 反馈问题 | 整改措施 | 整改类型 | 责任单位 | 完成时限 | 完成日期 |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        "| 已完成 | 问题一 | 措施一 | 立行立改 | 办公室 | 2025-05-31 | 2025-05-02 |\n"
    )
    text = report_text().split("| 序号")[0] + rows
    report, problems = parse(text)
    assert problems == [] and report.ledger[0].responsible == "办公室" and report.ledger[0].number == 1


def test_escaped_pipe_stays_inside_its_cell():
    rows = "| 1 | 方面 | 问题 A\\|B | 措施 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
    report, problems = parse(report_text(rows=rows))
    assert problems == [] and report.ledger[0].problem == "问题 A|B"


def test_missing_required_header_keys_are_each_reported():
    _, problems = parse(report_text(Feedback_Email=None, Reviewers=None))
    missing = [p.message for p in problems if p.code == "header.required"]
    assert any("Feedback-Email" in m for m in missing) and any("Reviewers" in m for m in missing)
