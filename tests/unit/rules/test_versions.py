"""What a change to a published report is: progress a batch publishes, or a revision."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import DEFAULT_ROWS, report_text

from gongshi.content.reports import parse_report
from gongshi.problems.errors import ProblemLog
from gongshi.rules.versions import Kind, compare

SINCE = dt.date(2025, 9, 20)  # the published version's date
AS_OF = dt.date(2025, 10, 1)
OPEN = "| 3 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |\n"
PUBLISHED = report_text()


def report(text: str):
    problems: list = []
    parsed = parse_report(text, ProblemLog("content/reports/2025-r1/edu.md", problems))
    assert parsed is not None and not [p for p in problems if p.is_error], problems
    return parsed


def diff(text: str, old: str = PUBLISHED):
    return compare(report(old), report(text), SINCE, AS_OF)


def row(status: str, completed: str = "") -> str:
    completed = completed or ("2025-09-25" if status.startswith("已完成") else "")
    return DEFAULT_ROWS.replace(OPEN, OPEN.replace("| 推进中 | |", f"| {status} | {completed} |"))


def test_the_same_report_is_no_change():
    assert compare(report(PUBLISHED), report(PUBLISHED), SINCE, AS_OF, same_bytes=True).kind is Kind.SAME
    # bytes changed where nothing is parsed (spacing): still not the published version
    assert diff(PUBLISHED).revision_texts == ("修改了报告文件（格式或空白）",)


@pytest.mark.parametrize(
    ("old", "new"),
    [("未启动", "推进中"), ("推进中", "已完成"), ("推进中", "阶段性完成"), ("阶段性完成", "基本完成"),
     ("基本完成", "已完成并长期坚持"), ("未启动", "已完成")],
)  # fmt: skip
def test_a_status_moving_forward_is_progress(old, new):
    found = diff(report_text(rows=row(new)), report_text(rows=row(old)))
    assert found.kind is Kind.PROGRESS
    assert found.texts[0] == f"第 3 项状态由“{old}”推进为“{new}”"


def test_a_completion_date_added_within_the_versions_dates_is_progress():
    found = diff(report_text(rows=row("已完成", "2025-09-25")))
    assert found.kind is Kind.PROGRESS
    assert "第 3 项填写完成时间 2025-09-25" in found.texts


@pytest.mark.parametrize("day", ["2025-09-19", "2025-10-02"])
def test_a_completion_date_before_the_published_version_or_after_as_of_is_a_revision(day):
    found = diff(report_text(rows=row("已完成", day)))
    assert found.kind is Kind.REVISION
    assert found.revision_texts == (
        f"第 3 项填写完成时间 {day}（早于上一版本 2025-09-20 或晚于 2025-10-01）",
    )


@pytest.mark.parametrize(
    ("old", "new"), [("已完成", "推进中"), ("推进中", "未启动"), ("推进中", "申请延期"), ("已完成", "已完成并长期坚持")]
)  # fmt: skip
def test_a_status_moving_back_or_sideways_is_a_revision(old, new):
    assert diff(report_text(rows=row(new)), report_text(rows=row(old))).kind is Kind.REVISION


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (report_text(body="改写了正文。\n"), "修改了报告正文"),
        (report_text(Title="另一个标题"), "修改了报告头“标题”"),
        (report_text(Date="2025-07-09"), "修改了报告头“报告日期”"),
        (report_text(rows=DEFAULT_ROWS.replace(OPEN, "")), "删除了第 3 项"),
        (report_text(rows=DEFAULT_ROWS + OPEN.replace("| 3 |", "| 4 |")), "增加了第 4 项"),
        (report_text(rows=DEFAULT_ROWS.replace("干部档案审核不严", "干部档案审核不够严格")), "修改了第 3 项的“问题”"),
        (report_text(rows=DEFAULT_ROWS.replace("2025-09-15", "2025-09-16")), "修改了第 2 项的完成时间"),
        (report_text(rows=DEFAULT_ROWS.replace("| 2025-09-30 |", "| 2025-10-30 |")), "修改了第 2 项的“时限”"),
    ],
)  # fmt: skip
def test_anything_else_is_a_revision_that_says_what_changed(text, said):
    found = diff(text)
    assert found.kind is Kind.REVISION
    assert said in found.revision_texts


def test_progress_beside_a_reworded_item_is_a_revision_listing_both():
    text = report_text(rows=row("已完成", "2025-09-25").replace("公车管理不规范", "公车管理不够规范"))
    found = diff(text)
    assert found.kind is Kind.REVISION
    assert found.revision_texts == ("修改了第 1 项的“问题”",)
    assert "第 3 项状态由“推进中”推进为“已完成”" in found.texts


def test_staff_read_what_changed_in_english_too():
    found = diff(report_text(rows=row("已完成", "2025-09-25"), body="改写了正文。\n"))
    assert [p.en for p in found.phrases] == [
        "narrative changed",
        'item 3: status moved forward from "推进中" to "已完成"',
        "item 3: completed on 2025-09-25",
    ]
    assert found.phrases[0].zh == "修改了报告正文"


def test_a_sideways_status_is_said_as_changed_and_a_lower_one_as_moved_back():
    sideways = diff(report_text(rows=row("已完成并长期坚持")), report_text(rows=row("已完成")))
    assert sideways.revision_texts == ("第 3 项状态由“已完成”改为“已完成并长期坚持”",)
    back = diff(report_text(rows=row("推进中")), report_text(rows=row("阶段性完成")))
    assert back.revision_texts == ("第 3 项状态由“阶段性完成”改回为“推进中”",)
