"""The demo portal in content/: the README's main job, built and checked."""

import datetime as dt
import re

import pytest
from factories import REPO, words

from gongshi.build.runner import build

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = build(REPO / "pelicanconf.py", as_of=AS_OF, output=out / "output", internal=out / "internal")
    return result, out / "output", out / "internal"


def read(folder, page):
    return (folder / page).read_text(encoding="utf-8")


def test_demo_builds_every_page_type(demo):
    result, output, _ = demo
    for page in ["index.html", "method.html", "batches.html", "batches/1.html", "rounds/2025-r1.html", "rounds/2026-r2.html",
                 "rounds/2025-r1/edu.html", "units/housing.html"]:  # fmt: skip
        assert (output / page).is_file(), page
    assert "截至 2026年11月22日，" in words(read(output, "index.html"))
    # the returned 水务局 report overstates its figures, which is why it was returned; the survey
    # export carries what the public really sends: a mistyped unit code and two abandoned answers;
    # the 问卷星 exports of 2026-r2 each hold the office's test answer sent before the survey opened
    r2 = "content/surveys/2026-r2/"
    assert [(p.path, p.line, p.code) for p in result.prepared.warnings] == [
        ("content/surveys/2025-r1.csv", 367, "survey.skip.no-answer"),
        ("content/surveys/2025-r1.csv", 455, "survey.skip.unknown-unit"),
        (r2 + "wjx-housing-问卷星答卷数据.csv", 42, "survey.skip.outside-window"),
        (r2 + "wjx-urban-invest-问卷星答卷数据.csv", 38, "survey.skip.outside-window"),
        (r2 + "wjx-water-问卷星答卷数据.csv", 36, "survey.skip.outside-window"),
        (r2 + "问卷星-市卫生健康委员会党组-答卷数据.xlsx", 40, "survey.skip.outside-window"),
        ("content/reports/2025-r1/water.md", 24, "report.figures-mismatch"),
    ]


def test_returned_and_missing_reports_are_nowhere_in_public_output(demo):
    _, output, internal = demo
    water_r1 = (REPO / "content/reports/2025-r1/water.md").read_text(encoding="utf-8")
    title = re.search(r"^Title: (.+)$", water_r1, re.M).group(1)
    for path in output.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert title not in text and "rounds/2025-r1/water" not in text and "transport" not in text, path
            assert "市交通运输局" not in text, path
    hold = read(internal, "hold-report.json")
    assert "transport" in hold and "退回重报" in hold


def test_unit_history_links_both_rounds_of_a_revisited_unit(demo):
    _, output, _ = demo
    page = read(output, "units/housing.html")
    assert "rounds/2025-r1/housing.html" in page and "rounds/2026-r2/housing.html" in page


def test_published_unit_that_now_lags_stays_published_and_shows_it(demo):
    _, output, _ = demo
    page = read(output, "rounds/2025-r1/housing.html")
    assert "逾期" in page and "首次公示" in page and "第1批" in page


def test_the_demo_survey_holds_a_unit_and_shows_each_window_phase(demo):
    result, output, internal = demo
    baishi = next(d for d in result.prepared.publication.held() if d.unit_id == "baishi-town")
    assert [r.rule for r in baishi.reasons] == ["completion", "satisfaction"]
    assert "群众满意率 71.43%（42 份），低于 80%" in read(internal, "hold-report.json")
    closed = read(output, "rounds/2025-r1/edu.html")
    assert "测评已结束" in closed and "群众满意率 <strong>95.56%</strong>" in closed
    open_ = read(output, "rounds/2026-r2/housing.html")
    assert "测评截止 2026年11月30日" in words(open_) and "群众满意率" not in open_
    # 2026-r2 reads its 问卷星 exports with its own [survey] mapping; 2025-r1 keeps the portal's
    counts = result.prepared.surveys.counts
    assert {u: sum(counts[("2026-r2", u)].values()) for u in ("housing", "urban-invest", "water", "health")} == {
        "housing": 40, "urban-invest": 36, "water": 34, "health": 38,
    }  # fmt: skip
    assert sum(counts[("2025-r1", "edu")].values()) == 45
