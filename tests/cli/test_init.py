"""`gongshi init`: an office starts its own portal, without the demo, and publishes one round.

The slow test installs the wheel into a fresh virtual environment (no network:
the wheel is built from this checkout, its dependencies come from the test's
own environment through --system-site-packages) and runs every step there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from factories import REPO, report_text, words

OFFICE = [
    "--site-name", "白石县巡察整改公示", "--publisher", "中共白石县委巡察工作领导小组办公室",
    "--site-url", "https://xc.baishi.example.gov.cn", "--survey-host", "myd.baishi.example.gov.cn",
]  # fmt: skip


def whole_round(gongshi: list[str], folder: Path, env: dict[str, str] | None = None) -> None:
    """init → new round (two rounds) → new report → fill → build --batch --round → verify."""

    def run(*args: str, cwd: Path = folder / "portal", code: int = 0) -> str:
        done = subprocess.run(
            [*gongshi, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300, check=False
        )
        assert done.returncode == code, done.stdout + done.stderr
        return done.stdout + done.stderr

    said = run("init", "portal", *OFFICE, cwd=folder)
    portal = folder / "portal"
    assert "gongshi new round" in said and "pelicanconf.py" in said
    settings = (portal / "pelicanconf.py").read_text(encoding="utf-8")
    assert "白石县巡察整改公示" in settings and "\nTHEME =" not in settings and "青岚" not in settings
    assert (portal / "content/publication-record.jsonl").read_text(encoding="utf-8") == ""
    assert not list((portal / "content").rglob("*.md")) and not list((portal / "content").rglob("*.toml"))
    run("init", "portal", *OFFICE, cwd=folder, code=2)  # never over an existing portal
    run("check")  # an empty portal is a valid one
    for round_id, unit in (("2027-r1", "edu=县教育局党组"), ("2027-r2", "water=县水务局党组")):
        said = run(
            "new", "round", round_id, "--name", f"县委第{round_id[-1]}轮巡察", "--feedback-date", "2025年4月10日",
            "--report-due", "2025.7.10", "--unit", unit,
        )  # fmt: skip
        assert f"content/rounds/{round_id}.toml" in said and "git add" in said
        run("new", "report", "--round", round_id)
    for round_id, unit, name in (("2027-r1", "edu", "县教育局党组"), ("2027-r2", "water", "县水务局党组")):
        text = report_text(
            Round=round_id, Unit=unit, Unit_Name=name, Date="2025年7月8日",
            Title=f"中共白石县{name}关于巡察整改进展情况的通报", Feedback_Mailbox="白石县文昌路18号",
            Feedback_Email="xc@baishi.example",
        )  # fmt: skip
        (portal / f"content/reports/{round_id}/{unit}.md").write_text(text, encoding="utf-8")
    run("check", "--as-of", "2025-10-01")
    said = run("build", "--batch", "--round", "2027-r2", "--as-of", "2025-10-01")
    assert "content/publication-record.jsonl" in said and "2027-r2" in said
    entry = json.loads((portal / "content/publication-record.jsonl").read_text(encoding="utf-8"))
    assert entry["rounds"] == ["2027-r2"] and [u["unit"] for u in entry["published"]] == ["water"]
    output = portal / "output"
    assert (output / "rounds/2027-r2/water.html").is_file()
    assert not (output / "rounds/2027-r1").exists()  # the other round waits for its own batch
    page = (output / "rounds/2027-r2/water.html").read_text(encoding="utf-8")
    assert "中共白石县委巡察工作领导小组办公室" in page and "青岚" not in page
    # the ledger's last completion (2025-09-15) is later than the report's Date (2025-07-08)
    assert "台账最后更新：2025年9月15日" in words(page)
    assert (output / "theme/css/site.css").is_file()  # the theme that ships with the package
    said = run("verify", "output")
    assert "1" in said


@pytest.mark.slow
def test_init_then_a_whole_round_from_the_checkout(tmp_path):
    whole_round([sys.executable, "-m", "gongshi.cli"], tmp_path)


def test_init_refuses_a_bad_address_and_writes_nothing(tmp_path):
    from click.testing import CliRunner

    from gongshi.cli import main

    args = ["init", str(tmp_path / "p"), *OFFICE[:4], "--site-url", "xc.example", "--survey-host", ""]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "--site-url" in result.output
    assert not (tmp_path / "p").exists()


def test_init_into_an_existing_portal_refuses_before_asking_anything(tmp_path):
    from click.testing import CliRunner

    from gongshi.cli import main

    (tmp_path / "pelicanconf.py").write_text("SITENAME = 'kept'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path), "--lang", "en"], input="")  # nobody to answer
    assert (
        result.exit_code == 2
        and "already holds a portal" in result.output
        and "site name" not in result.output
    )
    assert (tmp_path / "pelicanconf.py").read_text(encoding="utf-8") == "SITENAME = 'kept'\n"


@pytest.mark.slow
def test_init_from_a_wheel_installed_in_a_fresh_environment(tmp_path):
    wheels = tmp_path / "wheels"
    # built from a copy of the tracked files: an in-tree build/ folder could carry files since deleted
    source = tmp_path / "source"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The test environment's packages (pelican …) come through a .pth file, not the network.
    site = next(env_dir.glob("lib/python*/site-packages"))
    deps = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "test-deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    wheel = next(wheels.glob("gongshi-*.whl"))
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", "--force-reinstall", str(wheel)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    located = subprocess.run(
        [str(python), "-c", "import gongshi, gongshi_portal; print(gongshi.__file__, gongshi_portal.__file__)"],
        cwd=work, capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert str(REPO) not in located.stdout  # the installed copy, not this checkout
    whole_round([str(env_dir / "bin" / "gongshi")], work, env)
