"""`gongshi serve` shows an edit at once and lets search catch up when staff pause (issue 23)."""

from __future__ import annotations

import signal
import time

import pytest
from factories import make_project, report_text, round_text
from servetools import eventually, get, served_url, start_serve

from gongshi.build.search import bundle_texts

AS_OF = "2025-10-01"
WORD = "饮水安全专项检查"  # a phrase no report holds until staff type it


UNITS = {"edu": "市教育局党组", "water": "市水务局党组"}


def project(tmp_path):
    reports = {f"2025-r1/{u}.md": report_text(Unit=u, Unit_Name=name) for u, name in UNITS.items()}
    return make_project(tmp_path, {"2025-r1": round_text(units=UNITS)}, reports)


def type_the_word(tmp_path) -> str:
    """Staff add WORD to edu's report, as an editor saves it; returns the text before."""
    report = tmp_path / "content/reports/2025-r1/edu.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("现将", f"开展{WORD}。现将", 1), encoding="utf-8")
    return text


def indexed(tmp_path) -> str:
    bundle = tmp_path / "cache/serve/next/site/pagefind"
    return "".join(text for _, text in bundle_texts(bundle)).replace("\u200b", "")  # Pagefind's word breaks


@pytest.mark.slow
def test_an_edit_is_shown_at_once_and_search_catches_up_when_staff_pause(tmp_path):
    config = project(tmp_path)
    server = start_serve(config, AS_OF)
    lines: list[str] = []
    try:
        url = served_url(server, lines)
        page, search = url + "rounds/2025-r1/edu.html", url + "search.html"
        assert "正在更新" not in get(search)
        type_the_word(tmp_path)
        assert eventually(lambda: WORD in get(page)), "".join(lines)
        said = "".join(lines)
        if "搜索索引稍后更新" in said and "已跟上" not in said:  # caught between the two builds
            assert "搜索索引正在更新" in get(search)
        assert eventually(lambda: "搜索索引和内部材料已跟上" in "".join(lines)), "".join(lines)
        assert WORD in indexed(tmp_path)
        assert "搜索索引正在更新" not in get(search)
        assert WORD in get(page)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    out = "".join(lines)
    assert out.count("已重新生成") == 2  # the first build and the edit; the catch-up says only that
    assert "搜索索引稍后更新" in out  # the quick build left the edited report's shard for later


def test_the_search_page_says_the_index_is_catching_up_first_in_its_main_content():
    from gongshi.cli.serve import with_search_pending

    html = '<html><body><header>站名</header><main id="main" class="wrap"><h1>搜索</h1></main></body></html>'
    shown = with_search_pending(html)
    assert shown.index("<main") < shown.index("搜索索引正在更新") < shown.index("<h1>搜索</h1>")
    assert 'role="status"' in shown
    assert with_search_pending("<p>无主体</p>") == "<p>无主体</p>"


@pytest.mark.slow
def test_a_broken_save_after_a_quick_build_is_built_once_not_again_every_second(tmp_path):
    """A failed build has nothing to catch up: the preview waits for the next save."""
    config = project(tmp_path)
    server = start_serve(config, AS_OF)
    lines: list[str] = []
    try:
        url = served_url(server, lines)
        page = url + "rounds/2025-r1/edu.html"
        text = type_the_word(tmp_path)
        assert eventually(lambda: WORD in get(page)), "".join(lines)
        (tmp_path / "content/reports/2025-r1/edu.md").write_text(
            text.replace("Date: 2025-07-08", "Date: 2025年13月45日"), encoding="utf-8"
        )
        assert eventually(lambda: "有错误" in "".join(lines)), "".join(lines)
        time.sleep(4)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert "".join(lines).count("有错误") == 1, "".join(lines)
