"""`gongshi serve --next-batch` over a portal that has published batches already."""

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
    kept = tmp_path / "cache/serve/internal/publication-record.jsonl"
    assert kept.read_bytes() == recorded
