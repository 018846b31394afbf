"""The built pages in real headless Chromium, at a phone's width and a desktop's."""

import datetime as dt

import pytest
from factories import make_project, report_text, round_text

from gongshi.runner import build

pytestmark = pytest.mark.browser

LONG = "对照巡察反馈意见逐项建立问题清单、任务清单、责任清单，" * 6
ROWS = f"| 1 | 党的建设 | {LONG} | {LONG} | 立行立改 | 办公室 | 2025-05-31 | 推进中 | |\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    rows = (
        "| 1 | 党的建设 | 公车管理不规范 | 修订制度 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
        + ROWS.replace("| 1 |", "| 2 |")
    )
    config = make_project(root, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text(rows=rows)},
                          GONGSHI_RULE_OVERDUE_MAX=None, GONGSHI_RULE_COMPLETION_MIN=None)  # fmt: skip
    build(config, as_of=dt.date(2025, 10, 1), batch=True)
    return root / "output"


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "rounds/2025-r1.html",
        "rounds/2025-r1/edu.html",
        "units/edu.html",
        "batches.html",
        "method.html",
    ],
)
def test_no_horizontal_scrolling_at_360px(browser, site, artifacts, page):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto((site / page).as_uri())
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.screenshot(path=str(artifacts / f"360-{page.replace('/', '_')}.png"), full_page=True)
    tab.close()


def test_report_page_shows_ledger_status_as_text_and_overdue_flag(browser, site, artifacts):
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    tab.goto((site / "rounds/2025-r1/edu.html").as_uri())
    rows = tab.locator("table.ledger tbody tr")
    assert rows.count() == 2
    assert rows.nth(1).locator(".tag").all_inner_texts() == ["推进中", "逾期 123 天"]
    assert tab.locator("h1").inner_text().startswith("中共青岚市")
    tab.screenshot(path=str(artifacts / "1280-report.png"), full_page=True)
    tab.close()
