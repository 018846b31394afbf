"""A failed or killed build leaves the previously published site byte-for-byte intact."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
from factories import make_project, report_text, round_text

from gongshi.build.runner import build, revise

pytestmark = pytest.mark.slow  # whole builds, several each: left out of the fast loop

AS_OF = dt.date(2025, 10, 1)


def snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def big_project(root, units=120):
    ids = {f"unit{n:03d}": f"市第{n}单位党组" for n in range(units)}
    reports = {
        f"2025-r1/{uid}.md": report_text(Unit=uid, Unit_Name=name, body="正文。\n" * 200)
        for uid, name in ids.items()
    }
    return make_project(root, {"2025-r1": round_text(units=ids)}, reports)


@pytest.fixture
def published(tmp_path):
    config = big_project(tmp_path, units=12)
    build(config, as_of=AS_OF, batch=True)
    # a later correction to be rebuilt: the published site must survive any failure of that rebuild
    path = tmp_path / "content/reports/2025-r1/unit001.md"
    path.write_text(path.read_text(encoding="utf-8").replace("正文。", "更正后的正文。"), encoding="utf-8")
    revise(config, "2025-r1", "unit001", "更正", AS_OF)  # published: the rebuild renders it
    return config, tmp_path / "output", snapshot(tmp_path / "output")


@pytest.mark.parametrize(
    "target",
    [
        pytest.param("gongshi.build.prepare.render_narrative", id="while-preparing"),
        pytest.param("gongshi.build.runner.write_manifest", id="after-rendering"),
        pytest.param("gongshi.infra.atomic.swap_in", id="at-the-swap"),
        pytest.param("gongshi.build.write.build_staff_pack", id="while-writing-internal-pack"),
    ],
)
def test_injected_failures_leave_the_site_intact(published, monkeypatch, target):
    config, output, before = published

    def explode(*args, **kwargs):
        raise OSError("disk full (injected)")

    module, name = target.rsplit(".", 1)
    monkeypatch.setattr(sys.modules[module], name, explode)
    with pytest.raises(Exception, match="injected"):
        build(config, as_of=AS_OF)
    assert snapshot(output) == before
    assert not list(output.parent.glob(".output.*"))


@pytest.fixture(scope="module")
def killable(tmp_path_factory):
    """A project big enough that its build takes a measurable time, and that time."""
    root = tmp_path_factory.mktemp("killable")
    config = big_project(root, units=400)
    build(config, as_of=AS_OF, batch=True)
    for path in (root / "content/reports/2025-r1").glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("正文。", "更正。"), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(rebuild_command(config, root / "timed"), check=True, capture_output=True)
    return config, root, time.perf_counter() - started


def rebuild_command(config, output):
    return [
        sys.executable,
        "-m",
        "gongshi.cli",
        "build",
        "--as-of",
        str(AS_OF),
        "--config",
        str(config),
        "--output",
        str(output),
    ]


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8, 0.95])
def test_a_build_killed_with_sigkill_leaves_the_site_intact(killable, fraction):
    config, root, duration = killable
    output = root / "output"
    before = snapshot(output)
    process = subprocess.Popen(
        rebuild_command(config, output), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(duration * fraction)
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    after = snapshot(output)
    if killed:
        # either the old site, or (if the kill came after the swap) the complete new one
        assert after == before or after == snapshot(root / "timed") | {
            "manifest.json": after["manifest.json"]
        }
    assert after == before or all(
        "更正".encode() in data for name, data in after.items() if name.startswith("rounds/2025-r1/")
    )


def test_a_swap_that_removes_the_old_tree_later_shows_the_new_one_at_once(tmp_path):
    """A quick preview build (`gongshi serve`) does not wait for the old tree to be deleted."""
    from gongshi.infra import atomic

    target = tmp_path / "site"
    (target / "rounds").mkdir(parents=True)
    (target / "rounds" / "a.html").write_text("旧", encoding="utf-8")
    staging = atomic.staging_dir(target)
    (staging / "index.html").write_text("新", encoding="utf-8")
    atomic.swap_in(staging, target, remove_later=True)
    assert (target / "index.html").read_text(encoding="utf-8") == "新"
    assert not (target / "rounds").exists()
    deadline = time.monotonic() + 10
    while [p for p in tmp_path.iterdir() if p.name != "site"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # the old tree, and no staging, left
