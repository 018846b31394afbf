"""The demo portal in content/: the README's main job, built and checked."""

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path

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


def test_the_demo_record_tells_a_progress_update_and_a_revision_on_every_page_that_should(demo):
    """Batch 4 publishes 市水务局党组's progress (2026-r2), `gongshi revise` rewords an item of
    市住建局's 2026-r2 report: the report pages list the versions, the earlier ones stay reachable,
    the batch page names the update, open data has the versions table."""
    _, output, _ = demo
    water = " ".join(words(read(output, "rounds/2026-r2/water.html")).split())
    assert "第2版 · 进展更新 · 2026年11月5日 · 第4批（现行版本）" in water
    assert "第 3 项状态由“推进中”推进为“已完成”" in water
    housing = " ".join(words(read(output, "rounds/2026-r2/housing.html")).split())
    assert "第2版 · 修订 · 2026年11月12日" in housing and "修订原因：第5项整改措施原表述不完整" in housing
    earlier = read(output, "rounds/2026-r2/housing/v1.html")
    assert "督促租赁企业开设监管账户" in earlier
    ledger = earlier.split('id="versions-h"')[0]  # the reason, quoted in the history, says the new wording
    assert "督促全市住房租赁企业全部开设资金监管账户" not in ledger  # the version as first published
    batch = " ".join(words(read(output, "batches/4.html")).split())
    assert "本批进展更新1 个" in batch and "本批进展更新的单位" in batch and "本批公示的单位" not in batch
    with (output / "data" / "2026-r2" / "versions.csv").open(encoding="utf-8-sig") as f:
        kinds = {(r["unit_id"], r["version"], r["kind"]) for r in csv.DictReader(f)}
    assert {("water", "2", "update"), ("housing", "2", "revision")} <= kinds


def test_every_published_version_is_served_byte_for_byte_under_its_sha256(demo):
    """Anyone can check a version against the record with sha256sum: each served archive file's
    SHA-256 is its name, and the names are exactly the versions the record pins for public units."""
    result, output, _ = demo
    record = result.prepared.publication.record
    pinned = {
        f"record/archive/{k[0]}/{k[1]}.{v.sha256}.md"
        for k in record.public_keys()
        for v in record.versions(k)
        if v.sha256
    }
    served = {p.relative_to(output).as_posix(): p for p in (output / "record" / "archive").rglob("*.md")}
    assert set(served) == pinned and len(pinned) == 12 + 2  # every public unit's, the update and revision
    for label, path in served.items():
        round_id, name = Path(label).relative_to("record/archive").parts
        unit, sha, _ = name.split(".")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha, label
        assert path.read_bytes() == (REPO / "content/published" / round_id / unit / f"{sha}.md").read_bytes()
    housing = read(output, "rounds/2026-r2/housing.html")
    assert all(f'href="../../{p}"' in housing for p in pinned if "/2026-r2/housing." in p)
