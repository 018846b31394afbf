"""The citizen-facing values of a page: its report's own feedback channel as of the build,
its description, the footer a government site carries, and the checks on those settings."""

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from factories import REPO, report_text

from gongshi.config.identity import gov_site_missing
from gongshi.config.settings import resolve
from gongshi.content.metrics import measure
from gongshi.content.model import Round, RoundType, UnitRef
from gongshi.content.reports import parse_report
from gongshi.problems.errors import ConfigError, ProblemLog
from gongshi.site.identity import identity, identity_files
from gongshi.site.markup import render_narrative, sections
from gongshi.site.views import ReportView

ROUND = Round(
    "2025-r1", "第一轮", RoundType.REGULAR, dt.date(2025, 4, 10), dt.date(2025, 7, 10),
    (UnitRef("edu", "市教育局党组"),), "r.toml",
)  # fmt: skip
BADGE = str(REPO / "assets" / "gov-badge.png")


def settings(**values):
    base = {"PATH": "/tmp/content", "OUTPUT_PATH": "/tmp/output"}
    return resolve(base | {f"GONGSHI_{k.upper()}": v for k, v in values.items()})


def view(as_of: dt.date) -> ReportView:
    report = parse_report(report_text(), ProblemLog("x.md", []))
    return ReportView(
        report=report.head(), round=ROUND, metrics=measure(report.ledger, as_of), first_batch=None,
        as_of=as_of, render=render_narrative, whole=lambda _: report,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("as_of", "closed"),
    [
        pytest.param(dt.date(2025, 8, 7), False, id="the-day-before"),
        pytest.param(dt.date(2025, 8, 8), False, id="the-last-day-is-still-open"),
        pytest.param(dt.date(2025, 8, 9), True, id="the-day-after"),
    ],
)
def test_a_reports_own_channel_closes_after_its_feedback_until_date(as_of, closed):
    assert view(as_of).feedback_closed is closed


def test_a_report_is_described_by_unit_round_and_key_figures():
    text = view(dt.date(2025, 10, 1)).description
    assert text.startswith("市教育局党组第一轮整改情况：反馈问题")
    # as of the ledger's last completion, not the build's date (tests/unit/site/test_figures_date.py)
    assert "整改完成率" in text and text.endswith("（截至2025年9月15日）。")


def test_narrative_sections_are_numbered_for_the_contents_list():
    html = render_narrative("导语\n\n## 一、压实责任\n\n正文\n\n# 二、<b>下一步</b> & 打算\n")
    assert '<h2 id="sec-1">一、压实责任</h2>' in html
    assert sections(html) == [("sec-1", "一、压实责任"), ("sec-2", "二、下一步 & 打算")]


def test_a_report_cannot_forge_a_section_id():
    html = render_narrative('<h2 id="sec-9" onclick="x()">标题</h2>')
    assert sections(html) == [("sec-1", "标题")] and "onclick" not in html


def test_find_error_link_carries_the_site_code_and_the_encoded_page_address():
    s = settings(site_code="0000000000", site_url="https://www.example.gov.cn/xczg")
    link = identity(s).find_error("rounds/2025-r1/edu.html")
    assert link == (
        "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=0000000000"
        "&url=https%3A%2F%2Fwww.example.gov.cn%2Fxczg%2Frounds%2F2025-r1%2Fedu.html"
    )
    assert identity(settings()).find_error("index.html") is None  # no site code: no link


def test_police_record_link_takes_the_record_numbers_digits():
    s = settings(police_record="青公网安备 12345678901234号")
    assert identity(s).police_record_url == "https://beian.mps.gov.cn/#/query/webSearch?code=12345678901234"


def test_badges_are_local_files_copied_under_identity():
    s = settings(gov_badge=BADGE)
    assert identity_files(s) == {"identity/gov-badge.png": Path(BADGE)}
    assert identity(s).gov_badge == "identity/gov-badge.png"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("https://bszs.conac.cn/badge.png", id="a-url"),
        pytest.param("nowhere.png", id="no-such-file"),
    ],
)
def test_a_badge_that_is_not_a_local_file_stops_the_build(value):
    with pytest.raises(ConfigError) as caught:
        settings(gov_badge=value)
    assert caught.value.code == "setting.file" and caught.value.values["name"] == "GONGSHI_GOV_BADGE"


def test_a_government_site_is_told_every_footer_item_it_lacks():
    assert gov_site_missing(settings()) == []  # not a government site: nothing to say
    missing = gov_site_missing(settings(gov_site=True, site_code="0000000000", channel={"phone": "12388"}))
    assert "GONGSHI_SITE_CODE" not in missing
    assert {"GONGSHI_ICP", "GONGSHI_POLICE_RECORD", "GONGSHI_GOV_BADGE", "GONGSHI_SITE_URL"} <= set(missing)
    assert "GONGSHI_CHANNEL['hotline']" in missing and "GONGSHI_CHANNEL['phone']" not in missing


def test_the_demo_settings_carry_every_footer_item():
    from gongshi.build.runner import load_settings

    demo = resolve(load_settings(REPO / "pelicanconf.py"))
    assert demo.gov_site and gov_site_missing(demo) == []
    assert dataclasses.asdict(demo)["channel"]["hotline"] == "12388"


def test_rounds_and_units_are_described_by_their_figures():
    from gongshi.site.views import RoundView, UnitView

    report = view(dt.date(2025, 10, 1))
    assert RoundView(ROUND, (report,), 2).description.startswith("第一轮整改情况：已公示1个单位，反馈问题")
    unit = UnitView("edu", "市教育局党组", (report,))
    assert unit.description.startswith("市教育局党组历次巡察整改情况：第一轮整改完成率")


def test_a_word_report_without_heading_styles_gets_its_typed_sections_listed():
    text = "导语。\n\n一、提高政治站位，压实整改责任\n\n正文。一、不是标题，因为它在句中。\n\n二、下一步工作打算\n\n三、这一段很长，是正文而不是标题，它写完了一句话。\n"
    assert [heading for _, heading in sections(render_narrative(text))] == [
        "一、提高政治站位，压实整改责任",
        "二、下一步工作打算",
    ]
