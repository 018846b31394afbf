"""Writing a prepared build with a fake renderer: which pages exist, what is linked, what leaks.

No theme and no Pelican: the build hands pages to `FakeRenderer`, which writes
each page as its template, its path and the names of its values.
"""

from __future__ import annotations

import datetime as dt

from factories import make_project, report_text, round_text

from gongshi.build.render import FakeRenderer
from gongshi.build.runner import build, revise
from gongshi.site.views import Page

AS_OF = dt.date(2025, 10, 1)


def no_search(stage, pages, weights):
    """Search is Pagefind's job; these tests are about what the build hands the renderer."""
    from gongshi.build.search import SearchIndex

    return SearchIndex(0, 0, 0)


def project(tmp_path):
    reports = {
        "2025-r1/edu.md": report_text(),
        "2025-r1/water.md": report_text(Unit="water", Unit_Name="市水务局党组", Review="退回重报"),
    }
    return make_project(tmp_path, {"2025-r1": round_text()}, reports)


def fake_build(config, **options):
    return build(config, as_of=AS_OF, renderer=lambda prepared: FakeRenderer(), indexer=no_search, **options)


def test_the_fake_renderer_writes_what_it_was_handed():
    page = Page("rounds/r/u.html", "report.html", {"view": object(), "b": 1})
    assert FakeRenderer().render(page) == b"report.html\nrounds/r/u.html\nb,view\n"


def test_a_batch_hands_the_renderer_every_public_page_and_nothing_held(tmp_path):
    config = project(tmp_path)
    result = fake_build(config, batch=True)
    output = tmp_path / "output"
    written = {p.relative_to(output).as_posix() for p in output.rglob("*.html")}
    assert "rounds/2025-r1/edu.html" in written and "units/edu.html" in written
    assert not [p for p in written if "water" in p or "transport" in p]
    assert (
        output / "rounds/2025-r1/edu.html"
    ).read_bytes() == b"report.html\nrounds/2025-r1/edu.html\nfigures_date,view\n"
    pack = tmp_path / "internal"
    assert (pack / "index.html").read_text(
        encoding="utf-8"
    ) == "internal/hold-report.html\nindex.html\nbuild,pack\n"
    assert result.pages == result.public.pages + result.internal.pages > 0


def test_a_rebuild_links_every_keyed_page_and_renders_only_what_changed(tmp_path):
    config = project(tmp_path)
    market = report_text(Unit="market", Unit_Name="市市场监管局党组")
    (tmp_path / "content/reports/2025-r1/market.md").write_text(market, encoding="utf-8")
    round_file = tmp_path / "content/rounds/2025-r1.toml"
    round_file.write_text(
        round_text(units={"edu": "市教育局党组", "water": "市水务局党组", "market": "市市场监管局党组"}),
        encoding="utf-8",
    )
    fake_build(config, batch=True)
    again = fake_build(config)
    output = tmp_path / "output"
    inode = {name: (output / f"rounds/2025-r1/{name}.html").stat().st_ino for name in ("edu", "market")}
    assert again.public.pages_reused > 0
    edu = tmp_path / "content/reports/2025-r1/edu.md"
    edu.write_text(edu.read_text(encoding="utf-8").replace("现将", "兹将"), encoding="utf-8")
    silent = fake_build(config)  # a published report edited: nothing public changes
    assert silent.public.pages_reused == again.public.pages_reused
    assert (output / "rounds/2025-r1/edu.html").stat().st_ino == inode["edu"]
    revise(config, "2025-r1", "edu", "更正用词", AS_OF)  # published as a revision: its pages change
    changed = fake_build(config)
    assert changed.public.pages_reused < again.public.pages_reused
    assert (output / "rounds/2025-r1/market.html").stat().st_ino == inode["market"]  # linked
    assert (output / "rounds/2025-r1/edu.html").stat().st_ino != inode["edu"]  # rendered again
    assert fake_build(config).public.pages_reused == again.public.pages_reused + 1  # + the earlier version


def test_the_prepared_build_is_not_changed_by_writing(tmp_path):
    config = project(tmp_path)
    result = fake_build(config, batch=True)
    prepared = result.prepared
    assert prepared.publication.batch_written and prepared.qr_made >= 0
    try:
        prepared.qr_made = 99  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a prepared build is a frozen value")


def test_a_batch_limited_to_a_round_publishes_only_that_round(tmp_path):
    import json

    import pytest

    from gongshi.problems.errors import ConfigError

    rounds = {
        "2025-r1": round_text(units={"edu": "市教育局党组"}),
        "2025-r2": round_text("2025-r2", units={"water": "市水务局党组"}),
    }
    reports = {
        "2025-r1/edu.md": report_text(),
        "2025-r2/water.md": report_text(Round="2025-r2", Unit="water", Unit_Name="市水务局党组"),
    }
    config = make_project(tmp_path, rounds, reports)
    with pytest.raises(ConfigError) as caught:
        fake_build(config, batch=True, rounds=frozenset({"2025-r9"}))
    assert caught.value.code == "batch.unknown-round"
    assert not (tmp_path / "content" / "publication-record.jsonl").exists()
    result = fake_build(config, batch=True, rounds=frozenset({"2025-r2"}))
    assert result.prepared.publication.public == {("2025-r2", "water")}
    lines = (tmp_path / "content" / "publication-record.jsonl").read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[-1])
    assert entry["rounds"] == ["2025-r2"] and [u["unit"] for u in entry["published"]] == ["water"]
    assert not (tmp_path / "output" / "rounds" / "2025-r1" / "edu.html").exists()
