"""WCAG 2.1 AA in real Chromium on what versions add: the versions block, an earlier version's page
and a batch page listing progress updates."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from factories import DEFAULT_ROWS, make_project, report_text, round_text
from sitetools import serve

from gongshi.build.runner import build, revise

pytestmark = pytest.mark.browser

OPEN = "| 3 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |\n"


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder-mode"])
def test_no_axe_violations_on_versions(browser, tmp_path, elder):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    report = tmp_path / "content/reports/2025-r1/edu.md"
    build(config, as_of=dt.date(2025, 9, 20), batch=True)
    done = OPEN.replace("| 推进中 | |", "| 已完成 | 2025-09-22 |")
    report.write_text(report_text(rows=DEFAULT_ROWS.replace(OPEN, done)), encoding="utf-8")
    build(config, as_of=dt.date(2025, 9, 25), batch=True)
    report.write_text(
        report_text(rows=DEFAULT_ROWS.replace(OPEN, done), body="更正后的正文。\n"), encoding="utf-8"
    )
    revise(config, "2025-r1", "edu", "更正笔误", dt.date(2025, 9, 26))
    build(config, as_of=dt.date(2025, 9, 26))
    with serve(tmp_path / "output") as url:
        for page in ("rounds/2025-r1/edu.html", "rounds/2025-r1/edu/v1.html", "batches/2.html"):
            tab = browser.new_page(viewport={"width": 360, "height": 740})
            tab.goto(url + page)
            if elder:
                tab.click("label.elder-toggle")
            found = Axe().run(tab).response["violations"]
            assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found] == [], page
            tab.close()
