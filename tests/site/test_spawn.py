"""The build does not depend on fork: with workers spawned (Windows, macOS) the output is the same."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from factories import REPO, make_project, report_text, round_text

from gongshi.build.runner import build

pytestmark = pytest.mark.slow  # four whole builds in fresh processes

ROWS = "| 1 | 党的建设 | 公车管理不规范 | 修订办法 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"


def build_in_a_process(config, output, start_method):
    """`gongshi build` in a fresh interpreter whose multiprocessing starts workers by `start_method`."""
    script = textwrap.dedent(
        f"""
        import datetime as dt, multiprocessing, sys
        from pathlib import Path
        multiprocessing.set_start_method({start_method!r}, force=True)
        from gongshi.build.runner import build
        from gongshi.infra import parallel
        parallel.workers = lambda: 2  # as on a 2-core office PC, whatever this machine has
        build(Path({str(config)!r}), as_of=dt.date(2026, 11, 22), output=Path({str(output)!r}),
              internal=Path({str(output)!r} + "-pack"))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {
        f"{kind}/{p.relative_to(folder).as_posix()}": p.read_bytes()
        for kind, folder in (("site", output), ("pack", output.with_name(output.name + "-pack")))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_demo_built_with_spawned_workers_equals_a_forked_build(tmp_path):
    config = REPO / "pelicanconf.py"
    forked = build_in_a_process(config, tmp_path / "fork", "fork")
    spawned = build_in_a_process(config, tmp_path / "spawn", "spawn")
    assert spawned == forked and len(forked) > 100


def test_a_site_big_enough_for_workers_is_the_same_with_spawned_workers(tmp_path):
    """60 reports: parsing, codes, pages and open data all cross the threshold for workers."""
    units = {f"u{n:02d}": f"市第{n:02d}单位党组" for n in range(60)}
    rounds = {"2025-r1": round_text(units=units, survey_start="2025-07-15", survey_end="2025-08-15")}
    reports = {f"2025-r1/{u}.md": report_text(ROWS, Unit=u, Unit_Name=name) for u, name in units.items()}
    config = make_project(tmp_path / "project", rounds, reports)
    build(config, as_of=dt.date(2026, 11, 22), batch=True)  # publish them: the builds below show them
    forked = build_in_a_process(config, tmp_path / "fork", "fork")
    spawned = build_in_a_process(config, tmp_path / "spawn", "spawn")
    assert spawned == forked
    assert sum(1 for path in forked if path.startswith("site/rounds/2025-r1/")) == 60
