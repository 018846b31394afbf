"""Published means fixed: the site shows the version the record pins, never the working copy.

A batch pins each report it publishes (SHA-256 in the record, the bytes under
content/published/); progress is published by the next batch as an update;
anything else needs `gongshi revise`, and a batch refuses until then.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json

import pytest
from click.testing import CliRunner
from factories import DEFAULT_ROWS, make_project, report_text, round_text, words

from gongshi.build.manifest import verify
from gongshi.build.runner import build, check, revise
from gongshi.cli import EXIT_CONTENT, main
from gongshi.content.archive import ARCHIVE_DIR
from gongshi.problems.errors import ContentError
from gongshi.rules.record import PublishedUnit, Record, append_batch, dumps
from gongshi.site.preview import PreviewMode

pytestmark = pytest.mark.slow

FIRST = dt.date(2025, 9, 20)
LATER = dt.date(2025, 9, 25)
OPEN = "| 3 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |\n"
DONE = OPEN.replace("| 推进中 | |", "| 已完成 | 2025-09-22 |")


def project(tmp_path):
    return make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})


def edit(config, text):
    (config.parent / "content/reports/2025-r1/edu.md").write_text(text, encoding="utf-8")


def page(config, path="rounds/2025-r1/edu.html"):
    return words((config.parent / "output" / path).read_text(encoding="utf-8"))


def record(config):
    text = (config.parent / "content/publication-record.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def archived(config):
    return sorted(p.name for p in (config.parent / "content" / ARCHIVE_DIR).rglob("*.md"))


def test_a_batch_pins_the_bytes_it_publishes_and_an_edit_changes_nothing_public(tmp_path):
    config = project(tmp_path)
    build(config, as_of=FIRST, batch=True)
    pinned = record(config)[0]["published"][0]["sha256"]
    assert archived(config) == [f"{pinned}.md"]
    edit(config, report_text(body="悄悄改写了正文。\n", rows=DEFAULT_ROWS.replace(OPEN, "")))
    build(config, as_of=LATER)  # a preview build: the site still shows what was published
    shown = page(config)
    assert "根据市委统一部署" in shown and "悄悄改写" not in shown and "干部档案审核不严" in shown


def test_a_batch_refuses_an_edit_beyond_progress_naming_the_file_and_the_changes(tmp_path):
    config = project(tmp_path)
    build(config, as_of=FIRST, batch=True)
    before = (config.parent / "content/publication-record.jsonl").read_bytes()
    site = page(config)
    edit(config, report_text(body="悄悄改写了正文。\n", rows=DEFAULT_ROWS.replace(OPEN, "")))
    with pytest.raises(ContentError) as refused:
        build(config, as_of=LATER, batch=True)
    problem = next(p for p in refused.value.problems if p.code == "report.edited-batch")
    assert problem.path == "content/reports/2025-r1/edu.md"
    assert "修改了报告正文" in problem.message and "删除了第 3 项" in problem.message
    assert "gongshi revise --round 2025-r1 --unit edu" in problem.hint
    assert (config.parent / "content/publication-record.jsonl").read_bytes() == before  # nothing written
    assert len(archived(config)) == 1 and page(config) == site
    warned = {p.args["unit"]: p.message for p in check(config, LATER).warnings if p.code == "report.edited"}
    assert "进展以外的改动" in warned["edu"]  # check says it needs a revision


def test_progress_is_published_by_the_next_batch_as_an_update(tmp_path):
    config = project(tmp_path)
    build(config, as_of=FIRST, batch=True)
    edit(config, report_text(rows=DEFAULT_ROWS.replace(OPEN, DONE)))
    assert [p.message for p in check(config, LATER).warnings if p.code == "report.edited"] == [
        "这份报告公示后有改动，只是整改进展：第 3 项状态由“推进中”推进为“已完成”、第 3 项填写完成时间 2025-09-22。"
    ]
    build(config, as_of=LATER)
    assert "2025年9月22日" not in page(config)  # not before the batch
    build(config, as_of=LATER, batch=True)
    entry = record(config)[-1]
    assert entry["published"] == [] and [u["unit"] for u in entry["updated"]] == ["edu"]
    assert len(archived(config)) == 2 and f"{entry['updated'][0]['sha256']}.md" in archived(config)
    shown = page(config)
    assert "2025年9月22日" in shown and "第2版 · 进展更新" in shown
    assert "本批进展更新1 个" in page(config, "batches/2.html")
    assert "0 个（另有进展更新 1 个）" in page(config, "batches.html")
    feed = (config.parent / "output/feeds/batches.atom.xml").read_text(encoding="utf-8")
    assert "第2批公示：0 个单位，进展更新 1 个单位" in feed
    earlier = page(config, "rounds/2025-r1/edu/v1.html")
    assert "已被后来的版本取代" in earlier and "2025年9月22日" not in earlier
    data = (config.parent / "output/data/versions.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [(r["version"], r["kind"], r["batch"], r["current"]) for r in rows] == [
        ("1", "publish", "1", "false"), ("2", "update", "2", "true")
    ]  # fmt: skip
    assert rows[1]["sha256"] == entry["updated"][0]["sha256"] and "推进为“已完成”" in rows[1]["changes"]


def test_a_revision_publishes_the_change_with_its_reason_and_keeps_the_earlier_version(tmp_path):
    config = project(tmp_path)
    build(config, as_of=FIRST, batch=True)
    edit(config, report_text(body="更正后的正文。\n"))
    _record, label = revise(config, "2025-r1", "edu", "更正正文中的笔误", as_of=LATER)
    entry = record(config)[-1]
    assert entry["type"] == "revision" and entry["reason"] == "更正正文中的笔误"
    assert entry["changes"] == ["修改了报告正文"]
    assert label == f"content/published/2025-r1/edu/{entry['sha256']}.md"
    build(config, as_of=LATER, batch=True)  # nothing left to refuse: the batch has nothing to write
    shown = page(config)
    assert "更正后的正文" in shown and "修订原因：更正正文中的笔误" in shown
    assert "根据市委统一部署" in page(config, "rounds/2025-r1/edu/v1.html")
    assert "修订市教育局党组（2025-r1）已公示的整改情况。原因：更正正文中的笔误" in page(
        config, "batches.html"
    )
    feed = (config.parent / "output/feeds/batches.atom.xml").read_text(encoding="utf-8")
    assert "修订公示：市教育局党组" in feed and "rounds/2025-r1/edu.html" in feed


def test_an_archived_file_changed_or_missing_is_a_content_error_naming_it(tmp_path):
    config = project(tmp_path)
    build(config, as_of=FIRST, batch=True)
    path = next((config.parent / "content" / ARCHIVE_DIR).rglob("*.md"))
    path.write_text(report_text(body="篡改的存档。\n"), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        build(config, as_of=LATER)
    label = path.relative_to(config.parent).as_posix()
    assert [(p.path, p.code) for p in refused.value.problems] == [(label, "archive.altered")]
    path.unlink()
    with pytest.raises(ContentError) as refused:
        build(config, as_of=LATER)
    assert [(p.path, p.code) for p in refused.value.problems] == [(label, "archive.missing")]


def test_a_report_published_before_pinning_shows_its_working_copy_until_the_next_batch_pins_it(tmp_path):
    config = make_project(
        tmp_path,
        {"2025-r1": round_text()},
        {
            "2025-r1/edu.md": report_text(),
            "2025-r1/water.md": report_text(Unit="water", Unit_Name="市水务局党组"),
        },
    )
    old = append_batch(Record(), FIRST, [PublishedUnit("2025-r1", "edu", "市教育局党组")], 0)
    (config.parent / "content/publication-record.jsonl").write_text(dumps(old), encoding="utf-8")
    edit(config, report_text(body="旧记录下改过的正文。\n"))
    build(config, as_of=LATER)
    assert "旧记录下改过的正文" in page(config)  # nothing pinned: the working copy, as before
    build(config, as_of=LATER, batch=True)  # publishes water, pins edu as it stands
    entry = record(config)[-1]
    assert [u["unit"] for u in entry["published"]] == ["water"]
    assert [u["unit"] for u in entry["pinned"]] == ["edu"]
    assert len(archived(config)) == 2
    edit(config, report_text(body="再改一次。\n"))
    build(config, as_of=LATER)
    assert "旧记录下改过的正文" in page(config) and "再改一次" not in page(config)


def test_the_previews_show_the_next_batchs_progress_and_the_internal_one_every_working_copy(tmp_path):
    config = project(tmp_path)
    build(config, as_of=FIRST, batch=True)
    edit(config, report_text(body="尚未发布的更正。\n", rows=DEFAULT_ROWS.replace(OPEN, DONE)))

    def preview(mode):
        out = tmp_path / f"serve-{mode.value}"
        options = {"output": out, "internal": tmp_path / f"serve-{mode.value}-internal", "preview": mode}
        build(config, as_of=LATER, batch=mode is not PreviewMode.PUBLISHED, write_record=False, **options)
        return words((out / "rounds/2025-r1/edu.html").read_text(encoding="utf-8"))

    everything = preview(PreviewMode.ALL)
    assert "尚未发布的更正" in everything and "2025年9月22日" in everything
    assert "尚未发布的更正" not in preview(PreviewMode.NEXT)  # a correction waits for gongshi revise
    assert "2025年9月22日" not in preview(PreviewMode.PUBLISHED)
    edit(config, report_text(rows=DEFAULT_ROWS.replace(OPEN, DONE)))  # progress alone
    assert "2025年9月22日" in preview(PreviewMode.NEXT)
    assert "2025年9月22日" not in preview(PreviewMode.PUBLISHED)
    assert len(record(config)) == 1 and len(archived(config)) == 1  # previews write nothing


def test_a_revision_is_signed_with_the_offices_key_like_a_batch(tmp_path, monkeypatch):
    from gongshi.build.keygen import keygen
    from gongshi.problems.errors import ConfigError
    from gongshi.rules.signing import KEY_ENV

    config = project(tmp_path / "portal")
    made = keygen(config, tmp_path / "keys" / "office.key")  # outside the portal
    monkeypatch.setenv(KEY_ENV, str(made.private))
    build(config, as_of=FIRST, batch=True)
    edit(config, report_text(body="更正后的正文。\n"))
    monkeypatch.delenv(KEY_ENV)
    with pytest.raises(ConfigError) as refused:  # no key: nothing recorded
        revise(config, "2025-r1", "edu", "更正笔误", as_of=LATER)
    assert refused.value.code == "record.key-missing" and len(record(config)) == 1
    monkeypatch.setenv(KEY_ENV, str(made.private))
    revise(config, "2025-r1", "edu", "更正笔误", as_of=LATER)
    assert record(config)[-1]["type"] == "revision" and record(config)[-1]["sig"]
    build(config, as_of=LATER)  # the record, revision included, verifies against the public key
    assert "更正后的正文" in page(config)


def test_a_published_version_that_no_longer_reads_is_an_error_until_a_revision_replaces_it(tmp_path):
    hotline = "13912345678"  # a mobile-shaped official hotline, let through when published
    config = make_project(
        tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text(body=f"监督电话 {hotline}。\n")},
        GONGSHI_PRIVACY_ALLOW=[hotline],
    )  # fmt: skip
    build(config, as_of=FIRST, batch=True)
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"GONGSHI_PRIVACY_ALLOW = ['{hotline}']", "")
    )
    edit(config, report_text(body="监督电话见官网。\n"))
    with pytest.raises(ContentError) as refused:  # never the working copy in its place
        build(config, as_of=LATER)
    [problem] = refused.value.problems
    assert problem.code == "archive.unreadable" and problem.path.startswith("content/published/2025-r1/edu/")
    revise(config, "2025-r1", "edu", "删除个人手机号码", as_of=LATER)
    build(config, as_of=LATER)
    assert "监督电话见官网" in page(config) and hotline not in page(config)
    assert "第1版 · 首次公示 · 2025年9月20日 · 第1批（原文不再显示）" in page(config)  # no dead link
    assert not (config.parent / "output/rounds/2025-r1/edu/v1.html").exists()


def test_a_batch_limited_to_a_round_publishes_that_rounds_progress_and_refuses_any_correction(tmp_path):
    rounds = {"2025-r1": round_text(), "2025-r2": round_text("2025-r2", units={"forest": "市林业局党组"})}
    config = make_project(tmp_path, rounds, {"2025-r1/edu.md": report_text()})
    build(config, as_of=FIRST, batch=True)
    edit(config, report_text(rows=DEFAULT_ROWS.replace(OPEN, DONE)))  # progress in 2025-r1
    forest = report_text(Round="2025-r2", Unit="forest", Unit_Name="市林业局党组")
    (config.parent / "content/reports/2025-r2").mkdir()
    (config.parent / "content/reports/2025-r2/forest.md").write_text(forest, encoding="utf-8")
    build(config, as_of=LATER, batch=True, rounds=frozenset({"2025-r2"}))
    entry = record(config)[-1]
    assert [u["unit"] for u in entry["published"]] == ["forest"] and "updated" not in entry
    assert "2025年9月22日" not in page(config)  # 2025-r1's progress waits for its batch
    edit(config, report_text(body="改写。\n", rows=DEFAULT_ROWS.replace(OPEN, DONE)))
    with pytest.raises(ContentError):  # a correction anywhere stops every batch
        build(config, as_of=LATER, batch=True, rounds=frozenset({"2025-r2"}))


def test_the_site_serves_each_version_under_its_sha256_and_verify_checks_it_against_the_record(tmp_path):
    """Anyone can check a served version with sha256sum; `gongshi verify` checks each against the
    record it publishes, so a file swapped in on the server (manifest and all) is named."""
    config = project(tmp_path)
    build(config, as_of=FIRST, batch=True)
    edit(config, report_text(rows=DEFAULT_ROWS.replace(OPEN, DONE)))
    build(config, as_of=LATER, batch=True)  # an update: two versions
    output = config.parent / "output"
    served = sorted((output / "record/archive/2025-r1").glob("edu.*.md"))
    pins = [record(config)[0]["published"][0]["sha256"], record(config)[1]["updated"][0]["sha256"]]
    assert sorted(p.name.split(".")[1] for p in served) == sorted(pins)
    for path in served:
        assert f"edu.{hashlib.sha256(path.read_bytes()).hexdigest()}.md" == path.name
        assert f'href="../../record/archive/2025-r1/{path.name}"' in (
            output / "rounds/2025-r1/edu.html"
        ).read_text(encoding="utf-8")
    assert verify(output).ok
    forged = output / "record/archive/2025-r1" / f"edu.{'0' * 64}.md"
    forged.write_bytes(served[0].read_bytes())
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][forged.relative_to(output).as_posix()] = hashlib.sha256(forged.read_bytes()).hexdigest()
    (output / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")  # the manifest agrees
    found = verify(output)
    assert not found.ok and [(p.path, p.code) for p in found.record] == [
        (f"record/archive/2025-r1/{forged.name}", "verify.archive")
    ]
    result = CliRunner().invoke(main, ["verify", str(output), "--lang", "en"])
    assert result.exit_code == EXIT_CONTENT and "its SHA-256 is not its name" in result.output
    forged.rename(forged.with_name(f"edu.{hashlib.sha256(forged.read_bytes()).hexdigest()}.md"))  # a real one
    stray = output / "record/archive/2025-r1" / f"edu.{hashlib.sha256(b'x').hexdigest()}.md"
    stray.write_bytes(b"x")  # named by its SHA-256, but no version the record pins
    assert "公示记录中没有这个版本" in CliRunner().invoke(main, ["verify", str(output)]).output
