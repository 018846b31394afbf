"""Whole builds through Pelican: pages written, nothing unapproved anywhere, atomic swap."""

import datetime as dt
import re

import pytest
from factories import make_project, report_text, round_text

from gongshi.build.runner import build
from gongshi.problems.errors import BuildError, ContentError

AS_OF = dt.date(2025, 10, 1)
SECRET = "绝密测试串XYZZY"


def project(tmp_path, **settings):
    reports = {
        "2025-r1/edu.md": report_text(body="## 一、总体情况\n\n教育局正文。\n"),
        "2025-r1/water.md": report_text(
            Unit="water",
            Unit_Name="市水务局党组",
            Title=f"水务局退回报告{SECRET}",
            Review="退回重报",
            Review_Note="台账与报告数字不一致",
            body=f"正文里的{SECRET}。\n",
        ),
    }
    return make_project(tmp_path, {"2025-r1": round_text()}, reports, **settings)


def public_bytes(output):
    return {
        p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()
    }


def test_batch_build_writes_every_page_type(tmp_path):
    result = build(project(tmp_path), as_of=AS_OF, batch=True)
    out = tmp_path / "output"
    for page in ["index.html", "method.html", "batches.html", "batches/1.html", "rounds/2025-r1.html",
                 "rounds/2025-r1/edu.html", "units/edu.html", "theme/css/site.css"]:  # fmt: skip
        assert (out / page).is_file(), page
    report_page = (out / "rounds/2025-r1/edu.html").read_text(encoding="utf-8")
    assert "教育局正文" in report_page and "整改台账" in report_page and "首次公示" in report_page
    assert "66.67%" in report_page and "0000-86123456" in report_page and "会审通过" in report_page
    assert 'lang="zh-CN"' in report_page
    assert result.prepared.publication.batch_written


@pytest.mark.slow
def test_unapproved_and_missing_reports_appear_in_no_public_file(tmp_path):
    build(project(tmp_path), as_of=AS_OF, batch=True)
    for name, data in public_bytes(tmp_path / "output").items():
        text = data.decode("utf-8", errors="replace")
        for needle in (SECRET, "water", "水务局", "transport", "交通运输局", "台账与报告数字不一致"):
            assert needle not in text and needle not in name, f"{needle} leaked into {name}"
    assert not (tmp_path / "output" / "drafts").exists()


@pytest.mark.slow
def test_the_leak_check_itself_can_fail(tmp_path):
    """Publish the returned report's unit on purpose: the same scan must find it."""
    config = project(tmp_path)
    text = (tmp_path / "content/reports/2025-r1/water.md").read_text(encoding="utf-8")
    (tmp_path / "content/reports/2025-r1/water.md").write_text(
        text.replace("退回重报", "会审通过"), encoding="utf-8"
    )
    build(config, as_of=AS_OF, batch=True)
    leaked = [n for n, d in public_bytes(tmp_path / "output").items() if SECRET.encode() in d]
    assert "rounds/2025-r1/water.html" in leaked


def test_held_units_are_named_in_the_internal_pack_only(tmp_path):
    build(project(tmp_path), as_of=AS_OF, batch=True)
    hold = (tmp_path / "internal" / "hold-report.json").read_text(encoding="utf-8")
    assert "water" in hold and "台账与报告数字不一致" in hold and "transport" in hold
    assert (tmp_path / "internal" / "publication-record.jsonl").is_file()


def test_preview_build_writes_no_record_and_publishes_nothing_new(tmp_path):
    result = build(project(tmp_path), as_of=AS_OF)
    assert not (tmp_path / "content" / "publication-record.jsonl").exists()
    assert result.prepared.publication.candidates == (("2025-r1", "edu"),)
    assert not (tmp_path / "output" / "rounds" / "2025-r1" / "edu.html").exists()


def test_content_errors_leave_the_previous_site_untouched(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    before = public_bytes(tmp_path / "output")
    (tmp_path / "content/reports/2025-r1/edu.md").write_text(
        report_text(Date="2025年2月30日"), encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        build(config, as_of=AS_OF)
    assert [p.code for p in caught.value.problems] == ["header.date"]
    assert public_bytes(tmp_path / "output") == before


def test_a_failure_inside_pelican_leaves_the_previous_site_untouched(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    before = public_bytes(tmp_path / "output")
    broken = tmp_path / "theme"
    import shutil

    from factories import REPO

    shutil.copytree(REPO / "theme", broken)
    (broken / "templates" / "report.html").write_text(
        "{% extends 'base.html' %}{% block content %}{{ view.nope.nope }}{% endblock %}"
    )
    config.write_text(config.read_text().replace(f'THEME = "{REPO / "theme"}"', f'THEME = "{broken}"'))
    with pytest.raises(BuildError):
        build(config, as_of=AS_OF)
    assert public_bytes(tmp_path / "output") == before
    assert not list(tmp_path.glob(".output.*"))


def test_two_builds_of_the_same_inputs_are_byte_identical(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    first = public_bytes(tmp_path / "output")
    build(config, as_of=AS_OF, batch=True)  # same batch again: nothing new, nothing changes
    assert public_bytes(tmp_path / "output") == first
    assert (tmp_path / "content" / "publication-record.jsonl").read_text().count("\n") == 1


@pytest.mark.slow
def test_two_clean_builds_into_different_folders_are_byte_identical(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    first = build(config, as_of=AS_OF, output=tmp_path / "a", internal=tmp_path / "ia")
    second = build(config, as_of=AS_OF, output=tmp_path / "b", internal=tmp_path / "ib")
    assert public_bytes(first.output_path) == public_bytes(second.output_path)
    files = set(public_bytes(first.output_path))
    assert {"index.html", "rounds/2025-r1/edu.html", "qr/2025-r1/edu.png", "data/units.csv",
            "feeds/batches.atom.xml", "sitemap.xml", "robots.txt", "manifest.json"} <= files  # fmt: skip


# --- links ---------------------------------------------------------------------------------------

EXTERNAL = ("http://", "https://", "mailto:", "tel:", "data:")


def internal_links(page):
    """Every href, src and data-worker of a page that points inside the site (not another host, not
    a fragment of the page itself)."""
    from lxml import html as lxml_html

    doc = lxml_html.fromstring(page.read_bytes())
    for element in doc.iter():
        for name in ("href", "src", "data-worker"):
            value = element.get(name)
            if value is not None and not value.startswith(EXTERNAL) and not value.startswith("#"):
                yield value


@pytest.fixture(scope="module")
def demo_pages(tmp_path_factory):
    from sitetools import demo_site

    output = demo_site(tmp_path_factory)
    return output, output.parent / "internal"


@pytest.mark.parametrize("folder", ["public", "internal"])
def test_every_internal_link_is_relative_and_reaches_a_built_file(demo_pages, folder):
    """The site must work opened from disk and served under any folder: no root-absolute link."""
    root = demo_pages[0] if folder == "public" else demo_pages[1]
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 10
    checked = 0
    for page in pages:
        for link in internal_links(page):
            where = f"{page.relative_to(root)}: {link}"
            assert not link.startswith("/"), f"root-absolute link {where}"
            path = link.split("#")[0].split("?")[0]
            target = (page.parent / path).resolve()
            assert target.is_relative_to(root.resolve()) and target.is_file(), f"nothing at {where}"
            checked += 1
    assert checked > (100 if folder == "public" else 20)


def test_pages_use_the_resolved_settings_when_the_settings_file_leaves_them_out(tmp_path):
    """Left out of pelicanconf.py, a setting takes its documented default on every page."""
    config = project(tmp_path)
    text = config.read_text(encoding="utf-8")
    for name in ("GONGSHI_SHOW_DEFERRED_COUNT", "GONGSHI_PUBLISHER", "GONGSHI_RECORD_FILE"):
        text = "\n".join(line for line in text.splitlines() if not line.startswith(f"{name} "))
    config.write_text(text + "\n", encoding="utf-8")
    build(config, as_of=AS_OF, batch=True)
    output = tmp_path / "output"
    batch = (output / "batches/1.html").read_text(encoding="utf-8")
    assert "延后公示单位" in batch  # GONGSHI_SHOW_DEFERRED_COUNT defaults to True, as the feed shows
    assert "延后公示" in (output / "feeds/batches.atom.xml").read_text(encoding="utf-8")
    footer = (output / "index.html").read_text(encoding="utf-8")
    assert "主办单位：巡察工作领导小组办公室" in footer and "主办单位：<" not in footer
    pack = (tmp_path / "internal/index.html").read_text(encoding="utf-8")
    assert (
        'href="publication-record.jsonl"' in pack
        and (tmp_path / "internal/publication-record.jsonl").is_file()
    )


def test_the_as_of_date_is_an_argument_not_a_setting(tmp_path):
    from gongshi.problems.errors import ConfigError

    config = project(tmp_path, GONGSHI_AS_OF="2025-10-01")
    with pytest.raises(ConfigError) as caught:
        build(config, as_of=AS_OF)
    assert caught.value.code == "setting.unknown" and "GONGSHI_AS_OF" in str(caught.value)


def test_the_narrative_is_read_as_of_the_reports_date_and_later_progress_shown_as_such(tmp_path):
    """A report speaks for its date: 已完成整改2个 on 2025-07-08 is true though 3 are done today."""
    rows = (
        "| 1 | 党的建设 | 公车管理不规范 | 修订办法 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
        "| 2 | 作风建设 | 食堂经费不规范 | 专项审计 | 限期整改 | 财务科 | 2025-09-30 | 已完成 | 2025-06-30 |\n"
        "| 3 | 选人用人 | 档案审核不严 | 常态化审核 | 限期整改 | 组织人事科 | 2025-09-30 | 已完成 | 2025-09-15 |\n"
    )
    true_then = report_text(rows, body="截至目前，巡察反馈问题3个，已完成整改2个，整改完成率66.67%。\n")
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": true_then})
    result = build(config, as_of=AS_OF, batch=True)
    assert not [p for p in result.prepared.warnings if p.code == "report.figures-mismatch"]
    page = (tmp_path / "output" / "rounds/2025-r1/edu.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert "报告所写为报告日期（2025年7月8日）时的情况：已完成 2 个，整改完成率 66.67%" in text
    # stated as of the last completion: the figures are the same on every day since
    assert "截至 2025年9月15日 已完成 3 个，整改完成率 100%" in text
    claims_today = report_text(rows, body="截至目前，巡察反馈问题3个，已完成整改3个，整改完成率100%。\n")
    (tmp_path / "content/reports/2025-r1/edu.md").write_text(claims_today, encoding="utf-8")
    again = build(config, as_of=AS_OF)  # 3 were not done on the report's date: that is 数字整改
    (found,) = [p for p in again.prepared.warnings if p.code == "report.figures-mismatch"]
    assert "已完成报告称 3，台账为 2" in found.message
