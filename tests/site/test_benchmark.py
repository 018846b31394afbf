"""A small run of the benchmark, so it cannot rot. Not a timed test: it checks that figures come out."""

from __future__ import annotations

import re
import sys

import pytest
from factories import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import bench
import synth

pytestmark = pytest.mark.slow  # whole builds, several each: left out of the fast loop


def test_synthetic_reports_have_the_advertised_shape(tmp_path):
    synth.write_project(tmp_path, 3)
    report = sorted((tmp_path / "content" / "reports").rglob("*.md"))[0].read_text(encoding="utf-8")
    narrative, _, ledger = report.partition("## 整改台账")
    assert len(narrative) >= 3000
    rows = [line for line in ledger.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    assert len(rows) == synth.LEDGER_ROWS + 1  # the header and 40 items


def test_a_small_benchmark_run_prints_every_figure(tmp_path, capsys):
    results = tmp_path / "RESULTS.md"
    assert bench.main(["--sizes", "6", "--runs", "1", "--no-hugo", "--write", str(results)]) == 0
    printed = capsys.readouterr().out
    written = results.read_text(encoding="utf-8")
    for text in (printed, written):
        assert "### N = 6" in text
        assert "| gongshi |" in text and "| plain Pelican |" in text
        assert "QR codes made / reused: full 6 / 0; no change 0 / 6; one changed 0 / 6" in text
        reused = re.search(r"pages linked from the last build: no change (\d+), one changed (\d+)", text)
        # its report, unit, round and batch pages, its poster and its round's posters (published with
        # `gongshi revise`: the record's word on its unit is in those pages' keys, not in every page's)
        assert reused and int(reused[2]) == int(reused[1]) - 6
        next_day = re.search(
            r"next day, nothing else changed: [\d.]+ s, [\d.]+× the full build .*pages linked (\d+) of (\d+)",
            text,
        )
        assert next_day and int(next_day[1]) > 0  # the reports' pages are linked, not made again
        serve = re.search(
            r"`gongshi serve`, one report edited: its page shows the edit after ([\d.]+) s", text
        )
        assert serve and float(serve[1]) < 60
        assert (
            "full build vs plain Pelican:" in text
            and "search indexing" in text
            and "peak memory vs Hugo" in text
        )
