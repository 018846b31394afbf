"""`gongshi serve` over a portal that has published batches already: its three previews."""

import signal

import pytest
from click.testing import CliRunner
from factories import make_project, report_text, round_text
from servetools import eventually, get, served_url, start_serve

from gongshi.cli import main

pytestmark = pytest.mark.slow  # whole builds, several each: left out of the fast loop

AS_OF = "2025-10-01"


def test_next_batch_preview_keeps_rebuilding_and_leaves_no_record_behind(tmp_path):
    """The preview's next batch is not recorded, so its pack must not keep it as the record either:
    the next rebuild would take the real record for a truncated one and refuse to build."""
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    published = CliRunner().invoke(main, ["build", "--batch", "--as-of", AS_OF, "--config", str(config)])
    assert published.exit_code == 0, published.output
    record = tmp_path / "content/publication-record.jsonl"
    recorded = record.read_bytes()
    water = tmp_path / "content/reports/2025-r1/water.md"
    water.write_text(report_text(Unit="water", Unit_Name="市水务局党组"), encoding="utf-8")
    server = start_serve(config, AS_OF)
    lines: list[str] = []
    try:
        page = served_url(server, lines) + "rounds/2025-r1/water.html"
        assert "市水务局党组" in get(page)  # the next batch, shown but not recorded
        for edit in ("第一次修改的标题", "第二次修改的标题"):
            water.write_text(
                report_text(Unit="water", Unit_Name="市水务局党组", Title=edit), encoding="utf-8"
            )
            assert eventually(lambda edit=edit: edit in get(page)), "".join(lines)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert "有错误" not in "".join(lines)
    assert record.read_bytes() == recorded
    kept = tmp_path / "cache/serve/next/internal/publication-record.jsonl"
    assert kept.read_bytes() == recorded


def test_the_three_previews_show_what_each_says_and_the_held_unit_only_internally(tmp_path):
    """Published edu, transport passes (the next batch), water held (an overdue item)."""
    from servetools import fetch

    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    published = CliRunner().invoke(main, ["build", "--batch", "--as-of", AS_OF, "--config", str(config)])
    assert published.exit_code == 0, published.output
    reports = tmp_path / "content/reports/2025-r1"
    (reports / "transport.md").write_text(
        report_text(Unit="transport", Unit_Name="市交通运输局党组"), encoding="utf-8"
    )
    lagging = report_text(Unit="water", Unit_Name="市水务局党组", Title="水务局暂缓公示的整改报告").replace(
        "| 已完成 | 2025-05-20 |", "| 推进中 | |"
    )
    (reports / "water.md").write_text(lagging, encoding="utf-8")
    record = (tmp_path / "content/publication-record.jsonl").read_bytes()
    seen: dict[str, dict[str, tuple[int, str]]] = {}
    said: dict[str, str] = {}
    for mode in ("--published", "", "--all"):
        server = start_serve(config, AS_OF, modes=(mode,) if mode else ())
        lines: list[str] = []
        try:
            url = served_url(server, lines)
            assert url.startswith("http://127.0.0.1:")
            seen[mode] = {u: fetch(f"{url}rounds/2025-r1/{u}.html") for u in ("edu", "transport", "water")}
            seen[mode]["home"] = fetch(url)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
        said[mode] = "".join(lines)
    status = {mode: {u: s for u, (s, _) in pages.items()} for mode, pages in seen.items()}
    assert status["--published"] == {"edu": 200, "transport": 404, "water": 404, "home": 200}
    assert status[""] == {"edu": 200, "transport": 200, "water": 404, "home": 200}
    assert status["--all"] == {"edu": 200, "transport": 200, "water": 200, "home": 200}
    # the banner says what the preview is and what the next batch adds
    assert "目前已公示的内容" in seen["--published"]["home"][1]
    home = seen[""]["home"][1]
    assert "下一批公示后的样子" in home and "下一批将新增 1 个单位" in home and "市交通运输局党组" in home
    # the internal preview: watermarked, not indexed, the held report marked with its outcome and reason
    water = seen["--all"]["water"][1]
    assert "水务局暂缓公示的整改报告" in water and 'data-stamp="内部预览"' in water
    assert '<meta name="robots" content="noindex, nofollow">' in water
    assert "本报告把关结果：<strong>延后公示</strong>" in water and "逾期" in water
    # the console names every unit it does not show, and why
    assert "未显示：2025-r1/water 市水务局党组（延后公示）" in said[""]
    assert "未显示：2025-r1/transport 市交通运输局党组（可以公示）下一批将公示" in said["--published"]
    assert "未显示" not in said["--all"]
    # nothing of a preview reaches the public output or the record
    public = tmp_path / "output"
    assert not list(public.rglob("water*")) and "水务局暂缓公示" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in public.rglob("*") if p.is_file()
    )
    assert (tmp_path / "cache/serve/all/site/rounds/2025-r1/water.html").is_file()
    assert (tmp_path / "content/publication-record.jsonl").read_bytes() == record


def test_the_internal_preview_is_never_served_beyond_this_computer(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    result = CliRunner().invoke(main, ["serve", "--all", "--bind", "0.0.0.0", "--config", str(config)])
    assert result.exit_code == 2 and "127.0.0.1" in result.output
    both = CliRunner().invoke(main, ["serve", "--all", "--published", "--config", str(config)])
    assert both.exit_code == 2


def test_the_internal_preview_sets_a_broken_report_aside_and_shows_the_rest(tmp_path, capsys):
    """A held report can be proof-read while another unit's report still has errors; the other
    previews, like the build, stop on the errors and show them."""
    import datetime as dt

    from gongshi.cli.serve import Preview
    from gongshi.site.preview import PreviewMode

    lagging = report_text(Unit="water", Unit_Name="市水务局党组", Title="水务局暂缓公示的整改报告").replace(
        "| 已完成 | 2025-05-20 |", "| 推进中 | |"
    )
    reports = {
        "2025-r1/edu.md": report_text(),
        "2025-r1/water.md": lagging,
        "2025-r1/transport.md": report_text(
            Unit="transport", Unit_Name="市交通运输局党组", Date="2025-13-01"
        ),
    }
    config = make_project(tmp_path, {"2025-r1": round_text()}, reports)
    as_of = dt.date(2025, 10, 1)
    internal = Preview(config, as_of, PreviewMode.ALL, "zh")
    assert internal.rebuild() is True and internal.error_page is None
    said = capsys.readouterr().out
    assert "水务局暂缓公示的整改报告" in (internal.output / "rounds/2025-r1/water.html").read_text(
        encoding="utf-8"
    )
    assert not (internal.output / "rounds/2025-r1/transport.html").exists()
    assert (
        "未显示：2025-r1/transport 市交通运输局党组（报告有错误）content/reports/2025-r1/transport.md:5"
        in said
    )
    shown = Preview(config, as_of, PreviewMode.NEXT, "zh")
    assert shown.rebuild() is False
    assert b"transport.md:5" in shown.error_page
    assert not (tmp_path / "output").exists()


def test_the_banner_names_a_few_units_and_one_page_names_them_all(tmp_path):
    """A province's first batch adds thousands of units; every preview page used to name them all."""
    import datetime as dt

    from gongshi.build.runner import build
    from gongshi.site.preview import PreviewBanner, PreviewMode

    names = {f"u{n:02d}": f"市第{n}局党组" for n in range(1, 13)}
    reports = {f"2025-r1/{u}.md": report_text(Unit=u, Unit_Name=name) for u, name in names.items()}
    lagging = report_text(Unit="water", Unit_Name="市水务局党组").replace(
        "| 已完成 | 2025-05-20 |", "| 推进中 | |"
    )
    config = make_project(
        tmp_path,
        {"2025-r1": round_text(units={**names, "water": "市水务局党组"})},
        {**reports, "2025-r1/water.md": lagging},
    )
    out = tmp_path / "preview"
    build(config, dt.date.fromisoformat(AS_OF), batch=True, output=out, internal=tmp_path / "pack",
          preview=PreviewMode.NEXT)  # fmt: skip

    home = (out / "index.html").read_text(encoding="utf-8")
    banner = home[home.index("preview-banner") : home.index("</aside>")]
    assert "下一批将新增 12 个单位" in banner and 'href="./preview.html">全部名单</a>' in banner
    assert sum(name in banner for name in names.values()) == PreviewBanner.NAMED
    listing = (out / "preview.html").read_text(encoding="utf-8")
    assert all(name in listing for name in names.values())
    assert "市水务局党组（2025-r1）：延后公示——" in listing and "逾期" in listing
    assert "preview.html" not in (out / "sitemap.xml").read_text(encoding="utf-8")

    published = CliRunner().invoke(main, ["build", "--batch", "--as-of", AS_OF, "--config", str(config)])
    assert published.exit_code == 0, published.output
    assert not (tmp_path / "output" / "preview.html").exists()
