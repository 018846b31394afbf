"""The date a page states its figures as of (issue 23): it moves only when the figures could have.

A page whose figures are the same on every later day says the last day they
could have changed, so a build on the next day links it; a page with an
overdue item (its days count up) says the as-of date and is made every day.
"""

import datetime as dt

from factories import report_text

from gongshi.content.metrics import measure
from gongshi.content.model import Round, RoundType, SurveyWindow, UnitRef
from gongshi.content.reports import parse_report
from gongshi.problems.errors import ProblemLog
from gongshi.site.markup import render_narrative
from gongshi.site.views import ReportView, figures_date

ROUND = Round(
    "2025-r1", "第一轮", RoundType.REGULAR, dt.date(2025, 4, 10), dt.date(2025, 7, 10),
    (UnitRef("edu", "市教育局党组"),), "r.toml",
)  # fmt: skip
DONE = (
    "| 1 | 党的建设 | 公车管理不规范 | 修订办法 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
    "| 2 | 作风建设 | 食堂经费不规范 | 专项审计 | 限期整改 | 财务科 | 2025-09-30 | 已完成 | 2025-09-15 |\n"
)
ONGOING = "| 3 | 选人用人 | 档案审核不严 | 常态化审核 | 限期整改 | 组织人事科 | 2025-12-31 | 推进中 | |\n"
EXTENDED = "| 3 | 选人用人 | 档案审核不严 | 常态化审核 | 限期整改 | 组织人事科 | 2025-10-31 | 申请延期至2026-03-31 | |\n"


def view(as_of: dt.date, rows: str = DONE, round_: Round = ROUND) -> ReportView:
    report = parse_report(report_text(rows), ProblemLog("x.md", []))
    return ReportView(
        report=report.head(), round=round_, metrics=measure(report.ledger, as_of), first_batch=None,
        as_of=as_of, render=render_narrative, whole=lambda _: report,
    )  # fmt: skip


def test_a_finished_ledger_is_stated_as_of_its_last_completion_on_every_later_day():
    for as_of in (dt.date(2025, 10, 1), dt.date(2026, 6, 1)):
        shown = view(as_of)
        assert shown.figures_date == dt.date(2025, 9, 15)
        assert shown.date_state == view(dt.date(2025, 10, 2)).date_state


def test_the_channel_closing_is_a_change_the_date_makes():
    # Feedback-Until 2025-08-08: from the 9th the page says 已截止
    assert view(dt.date(2025, 8, 20), DONE.replace("2025-09-15", "2025-06-30")).figures_date == dt.date(
        2025, 8, 9
    )
    assert view(dt.date(2025, 8, 8)).feedback_closed is False
    assert view(dt.date(2025, 8, 9)).date_state != view(dt.date(2025, 8, 8)).date_state


def test_an_overdue_item_states_the_figures_as_of_today_and_changes_every_day():
    late = view(dt.date(2026, 1, 5), DONE + ONGOING)
    assert late.figures_date == dt.date(2026, 1, 5)
    assert late.date_state != view(dt.date(2026, 1, 6), DONE + ONGOING).date_state


def test_an_item_not_yet_due_changes_nothing_until_its_deadline_passes():
    before = [view(dt.date(2025, 12, d), DONE + ONGOING) for d in (1, 31)]
    assert before[0].date_state[1:] == before[1].date_state[1:] and before[1].figures_date == dt.date(
        2025, 9, 15
    )
    assert view(dt.date(2026, 1, 1), DONE + ONGOING).figures_date == dt.date(2026, 1, 1)  # overdue now


def test_an_extension_takes_effect_the_day_after_the_original_deadline():
    during = view(dt.date(2025, 12, 1), DONE + EXTENDED)
    assert during.figures_date == dt.date(2025, 11, 1)
    assert view(dt.date(2025, 10, 31), DONE + EXTENDED).date_state != during.date_state
    assert view(dt.date(2026, 2, 1), DONE + EXTENDED).date_state == during.date_state  # until 2026-03-31


def test_a_survey_closing_is_a_change_the_date_makes():
    surveyed = Round(
        **{**ROUND.__dict__, "survey": SurveyWindow(dt.date(2025, 9, 20), dt.date(2025, 10, 20))}
    )
    assert view(dt.date(2025, 11, 1), round_=surveyed).figures_date == dt.date(2025, 10, 21)
    assert view(dt.date(2025, 10, 5), round_=surveyed).figures_date == dt.date(2025, 9, 20)


def test_a_listing_states_the_latest_of_its_reports_dates():
    views = [view(dt.date(2025, 10, 1)), view(dt.date(2025, 10, 1), DONE.replace("2025-09-15", "2025-06-30"))]
    assert figures_date(views) == dt.date(2025, 9, 15)
    assert figures_date([]) is None
