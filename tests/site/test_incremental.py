"""Rebuilds reuse what they can, and the output is still exactly what a clean build makes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time

import pytest
from factories import make_project, report_text, round_text

from gongshi.build import search
from gongshi.build.runner import build, revise
from gongshi.infra import parallel
from gongshi.rules.record import PublishedUnit, Record, append_batch, dumps

pytestmark = pytest.mark.slow  # whole builds, several each: left out of the fast loop

AS_OF = dt.date(2025, 8, 20)
ROWS = (
    "| 1 | 党的建设 | 公车管理不规范 | 修订公务用车管理办法 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
    "| 2 | 作风建设 | 机关食堂经费使用不规范 | 开展专项审计 | 限期整改 | 财务科 | 2025-07-31 | 已完成 | 2025-07-15 |\n"
)
UNITS = {"edu": "市教育局党组", "water": "市水务局党组", "market": "市市场监督管理局党组"}


def project(tmp_path, **settings):
    reports = {
        f"2025-r1/{uid}.md": report_text(ROWS, Unit=uid, Unit_Name=name, body=f"{name}整改正文。\n")
        for uid, name in UNITS.items()
    }
    rounds = {"2025-r1": round_text(units=UNITS, survey_start="2025-07-15", survey_end="2025-08-15")}
    config = make_project(tmp_path, rounds, reports, GONGSHI_SURVEY_EXPORT="plain", **settings)
    survey = ["单位编号,测评结果"] + [f"{uid},满意" for uid in UNITS for _ in range(30)]
    (tmp_path / "content" / "surveys").mkdir()
    (tmp_path / "content" / "surveys" / "2025-r1.csv").write_text("\n".join(survey) + "\n", encoding="utf-8")
    return config


def published_before_pinning(tmp_path, config, batch_rounds=("2025-r1",)):
    """Build once with a record from before pinning (rules/record.py): its reports show their working
    copies, so an edit changes a public page without a new record entry, which would change every
    page's key (a pinned report changes only with the record: tests/site/test_versions.py)."""
    units = [PublishedUnit("2025-r1", uid, name) for uid, name in UNITS.items()]
    if "2025-r2" in batch_rounds:
        units.append(PublishedUnit("2025-r2", "forest", "市林业局党组"))
    record = append_batch(Record(), AS_OF, units, 0)
    (tmp_path / "content" / "publication-record.jsonl").write_text(dumps(record), encoding="utf-8")
    return build(config, as_of=AS_OF)


def files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def clean_build(tmp_path, config, name):
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    return build(config, as_of=AS_OF, output=tmp_path / name, internal=tmp_path / f"{name}-internal")


def test_a_rebuild_after_one_change_equals_a_clean_build_and_redraws_no_code(tmp_path):
    config = project(tmp_path)
    first = published_before_pinning(tmp_path, config)
    assert (first.prepared.qr_made, first.prepared.qr_reused) == (3, 0)
    report = tmp_path / "content" / "reports" / "2025-r1" / "water.md"
    report.write_text(
        report.read_text(encoding="utf-8").replace("整改正文", "整改正文（更正）"), encoding="utf-8"
    )
    again = build(config, as_of=AS_OF)
    assert (again.prepared.qr_made, again.prepared.qr_reused) == (0, 3)
    assert "整改正文（更正）" in (tmp_path / "output" / "rounds/2025-r1/water.html").read_text(
        encoding="utf-8"
    )
    assert not again.search_reused  # a public page changed: its shard is indexed again
    unchanged = build(config, as_of=AS_OF)
    # reports, unit pages, the round page and the batch page (3 + 3 + 1 + 1), posters (3 + the round's)
    assert unchanged.search_reused and unchanged.pages_reused == 12
    clean = clean_build(tmp_path, config, "clean")
    assert clean.prepared.qr_made == 3
    assert files(tmp_path / "output") == files(tmp_path / "clean")
    assert files(tmp_path / "internal") == files(tmp_path / "clean-internal")


def test_a_changed_report_re_indexes_only_its_search_shard(tmp_path, monkeypatch):
    """One shard per round: the other round's shard and the site shard are linked, file for file."""
    monkeypatch.setattr(search, "MIN_SHARD", 1)  # one round a shard
    config = project(tmp_path)
    (tmp_path / "content/rounds/2025-r2.toml").write_text(
        round_text("2025-r2", units={"forest": "市林业局党组"}, name='"十四届市委第二轮巡察"'),
        encoding="utf-8",
    )
    (tmp_path / "content/reports/2025-r2").mkdir()
    (tmp_path / "content/reports/2025-r2/forest.md").write_text(
        report_text(ROWS, Round="2025-r2", Unit="forest", Unit_Name="市林业局党组"), encoding="utf-8"
    )
    first = published_before_pinning(tmp_path, config, ("2025-r1", "2025-r2"))
    assert (first.search.shards, first.search.indexed) == (3, 3)
    bundle = tmp_path / "output" / "pagefind"
    names = json.loads((bundle / "shards.json").read_text(encoding="utf-8"))
    kept = {p: p.stat().st_ino for name in names[:2] for p in (bundle / name).rglob("*") if p.is_file()}
    forest = tmp_path / "content/reports/2025-r2/forest.md"
    forest.write_text(
        forest.read_text(encoding="utf-8").replace("予以公布", "予以公布（更正）"), encoding="utf-8"
    )
    again = build(config, as_of=AS_OF)
    assert (again.search.shards, again.search.indexed) == (3, 1)
    assert kept and {p: p.stat().st_ino for p in kept} == kept  # the site and 2025-r1 shards, linked
    clean = clean_build(tmp_path, config, "clean")
    assert clean.search.indexed == 3
    assert files(tmp_path / "output") == files(tmp_path / "clean")


def test_a_setting_that_shapes_the_codes_redraws_them(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            '"https://myd.qinglan.gov.cn/s/{round}/{unit}"', '"https://myd.qinglan.gov.cn/v2/{unit}"'
        )
    )
    moved = build(config, as_of=AS_OF)
    assert (moved.prepared.qr_made, moved.prepared.qr_reused) == (3, 0)
    config.write_text(config.read_text(encoding="utf-8") + '\nGONGSHI_QR_ERROR_CORRECTION = "Q"\n')
    stronger = build(config, as_of=AS_OF)
    assert (stronger.prepared.qr_made, stronger.prepared.qr_reused) == (3, 0)
    assert files(tmp_path / "output") == files(clean_build(tmp_path, config, "clean").output_path)


def test_a_theme_change_reaches_every_cached_page(tmp_path):
    from factories import REPO

    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    config = project(tmp_path)
    config.write_text(
        config.read_text(encoding="utf-8").replace(f'THEME = "{REPO / "theme"}"', f'THEME = "{theme}"')
    )
    build(config, as_of=AS_OF, batch=True)
    template = theme / "templates" / "report.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("整改台账</h2>", "整改台账（新版）</h2>")
    )
    again = build(config, as_of=AS_OF)
    assert again.pages_reused == 0
    for uid in UNITS:
        assert "整改台账（新版）" in (tmp_path / "output" / f"rounds/2025-r1/{uid}.html").read_text(
            encoding="utf-8"
        )


def test_parsed_reports_are_kept_for_the_next_build_and_do_not_block_it(tmp_path, monkeypatch):
    config = project(tmp_path)
    build(config, as_of=AS_OF)
    parsed = []
    monkeypatch.setattr("gongshi.content.loader.parse_report", lambda *a: parsed.append(a) or None)
    started = time.perf_counter()
    second = build(config, as_of=AS_OF)  # same process, as in `gongshi serve`
    assert time.perf_counter() - started < 20  # a cache left open would hold its lock for 30 s
    assert parsed == [] and len(second.prepared.content.reports) == len(UNITS)


def inodes(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.html")}


def test_a_rebuild_links_what_did_not_change_and_makes_what_did(tmp_path):
    config = project(tmp_path)
    published_before_pinning(tmp_path, config)
    before = inodes(tmp_path / "output")
    report = tmp_path / "content" / "reports" / "2025-r1" / "water.md"
    report.write_text(
        report.read_text(encoding="utf-8").replace("整改正文", "整改正文（更正）"), encoding="utf-8"
    )
    build(config, as_of=AS_OF)
    after = inodes(tmp_path / "output")
    remade = {path for path in after if after[path] != before.get(path)}
    # the pages that show the water report, and the pages that show every report
    shows_water = {"rounds/2025-r1/water.html", "units/water.html", "rounds/2025-r1.html", "batches/1.html"}
    every = {
        "index.html",
        "method.html",
        "batches.html",
        "search.html",
        "data.html",
        "contact.html",
        "accessibility.html",
    }
    assert remade == shows_water | every


def test_a_published_file_edited_in_place_is_made_again(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    page = tmp_path / "output" / "rounds/2025-r1/edu.html"
    honest = page.read_bytes()
    with page.open("r+b") as handle:  # the same file, altered: a deploy tool or a person editing it
        handle.write(b"<!-- altered -->")
    assert page.read_bytes() != honest
    build(config, as_of=AS_OF)
    assert page.read_bytes() == honest
    assert files(tmp_path / "output") == files(clean_build(tmp_path, config, "clean").output_path)


def test_a_lost_state_or_a_moved_output_is_built_in_full(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    shutil.rmtree(tmp_path / "cache" / "outputs")
    again = build(config, as_of=AS_OF)
    assert again.pages_reused == 0
    os.rename(tmp_path / "output", tmp_path / "moved")
    shutil.copytree(tmp_path / "moved", tmp_path / "output")  # new files: nothing can be linked
    copied = build(config, as_of=AS_OF)
    assert copied.pages_reused == 4  # the posters alone: the internal pack stayed where it was
    assert files(tmp_path / "output") == files(tmp_path / "moved")


def test_a_build_on_every_core_equals_a_build_on_one(tmp_path, monkeypatch):
    """Parsing, codes, pages and open data go to forked workers when there is enough of them."""
    rounds, reports = {}, {}
    for r in range(1, 6):
        units = {f"u{r}{n:02d}": f"市第{r}{n:02d}单位党组" for n in range(12)}
        rounds[f"2025-r{r}"] = round_text(
            f"2025-r{r}", units=units, survey_start="2025-07-15", survey_end="2025-08-15"
        )
        for uid, name in units.items():
            reports[f"2025-r{r}/{uid}.md"] = report_text(ROWS, Round=f"2025-r{r}", Unit=uid, Unit_Name=name)
    config = make_project(tmp_path, rounds, reports)
    assert len(reports) >= parallel.MIN_ITEMS
    build(config, as_of=AS_OF, batch=True)
    built = {}
    for cores in (2, 1):
        shutil.rmtree(tmp_path / "cache")
        monkeypatch.setattr(parallel, "workers", lambda cores=cores: cores)
        result = build(config, as_of=AS_OF, output=tmp_path / f"{cores}", internal=tmp_path / f"{cores}-pack")
        assert result.prepared.qr_made == len(reports)
        built[cores] = files(tmp_path / f"{cores}"), files(tmp_path / f"{cores}-pack")
    assert built[2] == built[1]


def test_a_revision_or_an_update_remakes_its_units_pages_only_and_equals_a_clean_build(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    before = inodes(tmp_path / "output")
    report = tmp_path / "content" / "reports" / "2025-r1" / "water.md"
    report.write_text(
        report.read_text(encoding="utf-8").replace("整改正文", "整改正文（更正）"), encoding="utf-8"
    )
    revise(config, "2025-r1", "water", "更正笔误", AS_OF)
    build(config, as_of=AS_OF)
    after = inodes(tmp_path / "output")
    remade = {path for path in after if after[path] != before.get(path)}
    shows_water = {"rounds/2025-r1/water.html", "units/water.html", "rounds/2025-r1.html", "batches/1.html"}
    earlier = {"rounds/2025-r1/water/v1.html"}  # the first version, now earlier
    assert remade == shows_water | earlier | {
        "index.html",
        "method.html",
        "batches.html",
        "search.html",
        "data.html",
        "contact.html",  # pages that show no report are made on every build
        "accessibility.html",
    }
    assert "整改正文（更正）" in (tmp_path / "output/rounds/2025-r1/water.html").read_text(encoding="utf-8")
    assert files(tmp_path / "output") == files(clean_build(tmp_path, config, "clean").output_path)


def test_a_quick_preview_shows_an_edit_leaves_search_for_later_and_the_next_build_catches_up(tmp_path):
    """`gongshi serve` shows an edit with a quick build (issue 23): pages now, the changed search
    shard and the staff pack by the build after it, which then equals a clean build."""
    from gongshi.site.preview import PreviewMode

    config = project(tmp_path)
    out, pack = tmp_path / "preview", tmp_path / "preview-pack"

    def preview(quick):
        return build(
            config, as_of=AS_OF, batch=True, output=out, internal=pack, write_record=False,
            preview=PreviewMode.NEXT, quick=quick,
        )  # fmt: skip

    preview(False)
    index_before = {p: p.stat().st_ino for p in (out / "pagefind").glob("*/**/*") if p.is_file()}
    all_rounds = {p: p.stat().st_ino for p in (out / "data").glob("*.*") if p.name != "datapackage.json"}
    pack_before = files(pack)
    report = tmp_path / "content/reports/2025-r1/water.md"
    edited = report.read_text(encoding="utf-8").replace("整改正文", "饮水安全整改正文")
    report.write_text(edited.replace("| 公车管理不规范 |", "| 饮水安全公车管理不规范 |"), encoding="utf-8")
    quick = preview(True)
    assert "饮水安全整改正文" in (out / "rounds/2025-r1/water.html").read_text(encoding="utf-8")
    assert quick.search.pending >= 1 and quick.search.indexed == 0
    index_now = {p: p.stat().st_ino for p in (out / "pagefind").glob("*/**/*") if p.is_file()}
    assert index_now == index_before  # the index is the last build's, linked, not made again
    assert "饮水安全" not in "".join(t for _, t in search.bundle_texts(out / "pagefind")).replace(
        "\u200b", ""
    )
    assert files(pack) == pack_before  # the staff pack is left as the last full build wrote it
    # so are the open-data files for all rounds, and the package describes them as they are
    assert {p: p.stat().st_ino for p in all_rounds} == all_rounds
    assert "饮水安全" in (out / "data/2025-r1/items.csv").read_text(encoding="utf-8-sig")
    assert "饮水安全" not in (out / "data/items.csv").read_text(encoding="utf-8-sig")
    described = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))
    for resource in described["resources"]:
        if "hash" in resource:
            data = (out / "data" / resource["path"]).read_bytes()
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), resource["path"]
    caught_up = preview(False)
    assert caught_up.search.pending == 0 and caught_up.search.indexed == quick.search.pending
    assert "饮水安全" in "".join(t for _, t in search.bundle_texts(out / "pagefind")).replace("\u200b", "")
    assert "饮水安全" in (out / "data/items.csv").read_text(encoding="utf-8-sig")
    shutil.rmtree(tmp_path / "cache")
    build(
        config, as_of=AS_OF, batch=True, output=tmp_path / "clean", internal=tmp_path / "clean-pack",
        write_record=False, preview=PreviewMode.NEXT,
    )  # fmt: skip
    assert files(out) == files(tmp_path / "clean")
    assert files(pack) == files(tmp_path / "clean-pack")


def test_only_a_preview_builds_quick(tmp_path):
    with pytest.raises(ValueError):
        build(project(tmp_path), as_of=AS_OF, quick=True)


def test_the_next_day_remakes_only_the_pages_the_date_changes_and_equals_a_clean_build(tmp_path):
    """Issue 23: the as-of date is not in every page's key. A report whose figures cannot change
    with the day keeps its page (its figures stated as of the last day they could change); one
    whose deadline passes overnight, or with an item overdue (its days count up), is made again."""
    done = ROWS
    due_overnight = ROWS.replace("| 已完成 | 2025-07-15 |", "| 推进中 | |").replace(
        "2025-07-31", "2025-09-10"
    )
    overdue = ROWS.replace("| 已完成 | 2025-07-15 |", "| 推进中 | |")
    config = project(tmp_path)
    for uid, rows in (("edu", done), ("water", due_overnight), ("market", overdue)):
        path = tmp_path / f"content/reports/2025-r1/{uid}.md"
        path.write_text(
            report_text(rows, Unit=uid, Unit_Name=UNITS[uid], body="整改正文。\n"), encoding="utf-8"
        )
    published_before_pinning(tmp_path, config)
    day_one, day_two = dt.date(2025, 9, 10), dt.date(2025, 9, 11)
    build(config, as_of=day_one)
    out = tmp_path / "output"
    before = {p: p.stat().st_ino for p in out.rglob("*.html")}
    again = build(config, as_of=day_two)
    kept = {p.relative_to(out).as_posix() for p, inode in before.items() if p.stat().st_ino == inode}
    assert {"rounds/2025-r1/edu.html", "units/edu.html"} <= kept
    remade = {"rounds/2025-r1/water.html", "rounds/2025-r1/market.html", "rounds/2025-r1.html", "index.html"}
    assert not remade & kept
    edu = (out / "rounds/2025-r1/edu.html").read_text(encoding="utf-8")
    assert "2025年9月10日" not in edu and "2025年9月11日" not in edu  # stated as of its last change
    market = (out / "rounds/2025-r1/market.html").read_text(encoding="utf-8")
    assert "2025年9月11日" in market  # overdue: its days count up, it says so as of today
    assert again.search.indexed >= 1  # the shard with the changed pages, not every shard
    clean = tmp_path / "clean"
    shutil.rmtree(tmp_path / "cache")
    build(config, as_of=day_two, output=clean, internal=tmp_path / "clean-internal")
    assert files(out) == files(clean)
    assert files(tmp_path / "internal") == files(tmp_path / "clean-internal")
