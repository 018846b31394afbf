"""Benchmark: gongshi against plain Pelican (and Hugo, if installed) on the same reports.

    python benchmarks/bench.py                      # N = 100 and 1,000, medians of 3 runs
    python benchmarks/bench.py --sizes 5000 --runs 1
    python benchmarks/bench.py --sizes 100,1000 --write benchmarks/RESULTS.md

For each N it generates synthetic units in the real content format
(benchmarks/synth.py), then measures, each build in its own process:
full build (empty output and cache), rebuild with no change, rebuild with
one report changed; peak RSS; QR codes made and reused; search indexing
time. Plain Pelican builds the same Markdown with its default theme,
ledger tables left in; Hugo the same Markdown with a minimal layout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth

GONGSHI_RUN = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
from gongshi.build.runner import build
started = time.perf_counter()
result = build(Path(sys.argv[1]), as_of=dt.date.fromisoformat(sys.argv[2]), batch=True)
prepared = result.prepared
print(json.dumps({"seconds": time.perf_counter() - started, "qr_made": prepared.qr_made,
                  "qr_reused": prepared.qr_reused, "pages": result.pages,
                  "timings": result.timings, "public": len(prepared.publication.public),
                  "held": len(prepared.publication.held()), "pages_reused": result.pages_reused,
                  "shards": result.search.shards, "shards_indexed": result.search.indexed,
                  "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@dataclass
class Run:
    seconds: float
    rss_mb: float  # the largest single process (ru_maxrss)
    extra: dict = field(default_factory=dict)
    tree_mb: float = 0.0  # the process tree's peak, sampled (PSS)


# Runs the command and samples its whole process tree (workers, Pagefind) every 20 ms: the peak of
# the summed proportional set size (PSS: a page shared by forked workers is counted once, split
# between them) is what the build costs the machine; ru_maxrss gives the largest single process.
WRAPPER = r"""
import json, os, subprocess, sys, threading, time

def tree(pid):
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except OSError:
            pass
    return found

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0

t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
peak, done = [0], threading.Event()

def sample():
    while not done.wait(0.02):
        peak[0] = max(peak[0], sum(pss_kb(c) for c in tree(p.pid)))

threading.Thread(target=sample, daemon=True).start()
out, err = p.communicate()
status = p.returncode
done.set()
import resource
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - t, "rss_kb": usage.ru_maxrss, "tree_kb": peak[0],
                  "code": status, "out": out[-20000:], "err": err[-3000:]}))
"""


def run_measured(command: list[str], cwd: Path) -> Run:
    """Run one build in its own process; wall time, largest process and whole-tree memory."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], cwd=cwd, capture_output=True, text=True, check=True
    )
    info = json.loads(done.stdout)
    if info["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{info['err']}")
    lines = [line for line in info["out"].strip().splitlines() if line.startswith("{")]
    extra = json.loads(lines[-1]) if lines else {}
    return Run(info["seconds"], info["rss_kb"] / 1024, extra, info["tree_kb"] / 1024)


def median_run(runs: list[Run]) -> Run:
    ordered = sorted(runs, key=lambda r: r.seconds)
    middle = ordered[len(ordered) // 2]
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.rss_mb for r in runs),
        middle.extra,
        max(r.tree_mb for r in runs),
    )


def published_unit(n: int) -> str:
    """A unit in the middle of the list that passes the gate, so its change reaches a public page."""
    units = [u for u in synth.plan(n) if not u.lagging and not u.low_satisfaction]
    return units[len(units) // 2].unit_id


def touch_one_report(root: Path, unit_id: str, run: int) -> None:
    """Change one report's narrative the way staff correct a typo; a new text every run,
    so no run can reuse what an earlier run (or the full build) cached."""
    (path,) = [p for p in root.rglob("*.md") if p.stem.endswith(unit_id)]
    text = re.sub(r"（更正\d+）", "", path.read_text(encoding="utf-8"))
    marker = "现将整改进展情况予以公布。"
    path.write_text(text.replace(marker, f"{marker}（更正{run}）", 1), encoding="utf-8")


GONGSHI_REVISE = """
import datetime as dt, sys
from pathlib import Path
from gongshi.build.runner import revise
revise(Path(sys.argv[1]), sys.argv[2], sys.argv[3], "更正笔误", dt.date.fromisoformat(sys.argv[4]))
"""


def three_builds(
    project: Path,
    full_build: list[str],
    rebuild: list[str],
    clean: list[str],
    edits: Path,
    n: int,
    runs: int,
    publish: list[str] | None = None,
) -> dict[str, Run]:
    """Full builds from clean, rebuilds with no change, rebuilds after one report changed.

    `publish`: the command that publishes the changed report, unmeasured (gongshi: a published report
    changes nothing public until `gongshi revise` publishes the correction)."""
    full = []
    for _ in range(runs):
        for leftover in clean:
            target = project / leftover
            shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
        full.append(run_measured(full_build, project))
    if rebuild != full_build:
        run_measured(rebuild, project)  # fill the tool's own cache first
    unchanged = [run_measured(rebuild, project) for _ in range(runs)]
    changed = []
    for run in range(runs):
        touch_one_report(edits, published_unit(n), run)
        if publish is not None:
            subprocess.run(publish, cwd=project, capture_output=True, check=True)
        changed.append(run_measured(rebuild, project))
    return {"full": median_run(full), "unchanged": median_run(unchanged), "changed": median_run(changed)}


def bench_gongshi(n: int, work: Path, runs: int) -> dict[str, Run]:
    project = work / "gongshi"
    config = synth.write_project(project, n)
    command = [sys.executable, "-c", GONGSHI_RUN, str(config), synth.AS_OF.isoformat()]
    clean = ["output", "internal", "cache", "content/publication-record.jsonl", "content/published"]
    unit = published_unit(n)
    round_id = next(p.parent.name for p in (project / "content" / "reports").rglob(f"{unit}.md"))
    publish = [sys.executable, "-c", GONGSHI_REVISE, str(config), round_id, unit, synth.AS_OF.isoformat()]
    return three_builds(project, command, command, clean, project / "content" / "reports", n, runs, publish)


GONGSHI_NEXT_DAY = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
from gongshi.build.runner import build
started = time.perf_counter()
result = build(Path(sys.argv[1]), as_of=dt.date.fromisoformat(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - started, "pages": result.pages,
                  "pages_reused": result.pages_reused, "timings": result.timings,
                  "shards": result.search.shards, "shards_indexed": result.search.indexed}))
"""


def bench_next_day(n: int, work: Path, runs: int) -> Run:
    """A build on each following day with nothing else changed (after bench_gongshi's builds)."""
    config = work / "gongshi" / "pelicanconf.py"
    days = [synth.AS_OF + dt.timedelta(days=k) for k in range(1, runs + 1)]
    return median_run(
        [
            run_measured(
                [sys.executable, "-c", GONGSHI_NEXT_DAY, str(config), day.isoformat()], config.parent
            )
            for day in days
        ]
    )


def bench_serve(n: int, work: Path, runs: int) -> list[float]:
    """`gongshi serve` on a project with nothing published yet (it previews the next batch): seconds
    from saving an edit of one report to its page, fetched over HTTP, showing the edit."""
    import urllib.request

    source = work / "gongshi"
    project = work / "serve"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir()
    shutil.copy2(source / "pelicanconf.py", project / "pelicanconf.py")
    shutil.copytree(source / "content", project / "content", ignore=shutil.ignore_patterns("published"))
    (project / "content" / "publication-record.jsonl").unlink(missing_ok=True)
    unit = published_unit(n)
    (path,) = [p for p in (project / "content" / "reports").rglob(f"{unit}.md")]
    server = subprocess.Popen(
        [sys.executable, "-m", "gongshi.cli", "serve", "--config", str(project / "pelicanconf.py"),
         "--as-of", synth.AS_OF.isoformat(), "--port", "0"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    seen: list[str] = []
    try:
        url = ""
        for line in server.stdout:  # the URL comes first, then the first build's lines
            seen.append(line)
            if "http://" in line and not url:
                url = line[line.index("http://") :].split("（")[0].split()[0]
            if url and ("已重新生成" in line or "rebuilt" in line):
                break
        if not url:
            raise RuntimeError("gongshi serve did not start:\n" + "".join(seen))
        threading.Thread(target=lambda: seen.extend(server.stdout), daemon=True).start()
        page = f"{url}rounds/{path.parent.name}/{unit}.html"
        waits = []
        for run in range(runs):
            marker = f"（预览更正{run}）"
            text = re.sub(r"（预览更正\d+）", "", path.read_text(encoding="utf-8"))
            edited = text.replace("现将整改进展情况予以公布。", f"现将整改进展情况予以公布。{marker}", 1)
            started = time.perf_counter()
            path.write_text(edited, encoding="utf-8")
            while time.perf_counter() - started < 120:
                try:
                    with urllib.request.urlopen(page, timeout=10) as response:
                        if marker in response.read().decode("utf-8"):
                            break
                except OSError:
                    pass
                time.sleep(0.02)
            waits.append(time.perf_counter() - started)
            time.sleep(max(8.0, n / 250))  # staff pause: the catch-up build (search, pack) runs
        return waits
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


def bench_pelican(n: int, work: Path, runs: int) -> dict[str, Run]:
    project = work / "pelican"
    config = synth.write_plain_pelican(project, work / "gongshi")
    pelican = [sys.executable, "-m", "pelican", "content", "-s", str(config), "-o", "output", "-q"]
    cached = [*pelican, "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
    return three_builds(project, pelican, cached, ["output", "cache"], project / "content", n, runs)


def bench_hugo(n: int, work: Path, runs: int) -> dict[str, Run] | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    project = synth.write_hugo(work / "hugo", work / "gongshi")
    command = [hugo, "--quiet", "--source", str(project), "--destination", "public"]
    return three_builds(project, command, command, ["public"], project / "content", n, runs)


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}"


def ratio(a: float, b: float | None) -> str:
    return f"{a / b:.2f}×" if b else "–"


def report(
    n: int,
    g: dict[str, Run],
    p: dict[str, Run] | None,
    h: dict[str, Run] | None,
    next_day: Run | None = None,
    serve: list[float] | None = None,
) -> list[str]:
    lines = [
        f"### N = {n:,}",
        "",
        "| build | full | no change | one changed | peak memory, whole tree | largest process |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, result in (("gongshi", g), ("plain Pelican", p), ("Hugo", h)):
        if result is None:
            lines.append(f"| {name} | not run | | | | |")
            continue
        tree = max(r.tree_mb for r in result.values())
        rss = max(r.rss_mb for r in result.values())
        lines.append(
            f"| {name} | {result['full'].seconds:.2f} s | {result['unchanged'].seconds:.2f} s | "
            f"{result['changed'].seconds:.2f} s | {tree:.0f} MB | {rss:.0f} MB |"
        )
    full, unchanged, changed = g["full"].extra, g["unchanged"].extra, g["changed"].extra

    def search(run: Run) -> float:
        return run.extra.get("timings", {}).get("search", 0.0)

    def seconds(runs: dict[str, Run] | None, which: str) -> float | None:
        return runs[which].seconds if runs else None

    tree = max(r.tree_mb for r in g.values())
    hugo_tree = max(r.tree_mb for r in h.values()) if h else None
    lines += [
        "",
        f"- units: {full.get('public')} published, {full.get('held')} held; pages written: {full.get('pages')}",
        f"- QR codes made / reused: full {full.get('qr_made')} / {full.get('qr_reused')}; "
        f"no change {unchanged.get('qr_made')} / {unchanged.get('qr_reused')}; "
        f"one changed {changed.get('qr_made')} / {changed.get('qr_reused')}",
        f"- pages linked from the last build: no change {unchanged.get('pages_reused')}, "
        f"one changed {changed.get('pages_reused')}",
        "- search indexing (Pagefind, part of each build above): "
        + ", ".join(
            f"{name} {search(run):.2f} s ({run.extra.get('shards_indexed', '?')} of "
            f"{run.extra.get('shards', '?')} shards)"
            for name, run in g.items()
        ),
        "- gongshi stages (full build): "
        + ", ".join(f"{k} {v:.2f} s" for k, v in full.get("timings", {}).items()),
        f"- full build vs plain Pelican: {ratio(g['full'].seconds, seconds(p, 'full'))} with search indexing "
        f"(target ≤ 0.5×), {ratio(g['full'].seconds - search(g['full']), seconds(p, 'full'))} without it",
        f"- one changed vs Hugo one changed: {ratio(g['changed'].seconds, seconds(h, 'changed'))}, "
        f"search included (target ≤ 0.5×); vs plain Pelican cached: {ratio(g['changed'].seconds, seconds(p, 'changed'))}",
        f"- peak memory vs Hugo: {ratio(tree, hugo_tree)} (target ≤ 0.2×); "
        f"gongshi's own process at most {full.get('rss_self_mb', 0):.0f} MB",
    ]
    if next_day is not None:
        lines.append(
            f"- next day, nothing else changed: {next_day.seconds:.2f} s, {ratio(next_day.seconds, g['full'].seconds)} "
            f"the full build (target ≤ 0.5×); pages linked {next_day.extra.get('pages_reused')} of "
            f"{next_day.extra.get('pages')}, search shards indexed {next_day.extra.get('shards_indexed')} of "
            f"{next_day.extra.get('shards')}; {next_day.tree_mb:.0f} MB"
        )
    if serve:
        lines.append(
            f"- `gongshi serve`, one report edited: its page shows the edit after {statistics.median(serve):.2f} s "
            f"(median of {len(serve)}: "
            + ", ".join(f"{w:.2f}" for w in serve)
            + " s; target ≤ 1 s at 1,000, ≤ 2 s at 5,000)"
        )
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="100,1000", help="comma-separated N (default 100,1000; try 5000 or 10000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--no-pelican", action="store_true", help="skip plain Pelican")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even if installed")
    parser.add_argument("--no-serve", action="store_true", help="skip the next-day build and `gongshi serve`")
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    lines = [f"## {dt.date.today().isoformat()} · {machine()}", "", f"Medians of {args.runs} run(s).", ""]
    print("\n".join(lines), flush=True)
    for n in sizes:
        work = args.keep / str(n) if args.keep else Path(tempfile.mkdtemp(prefix=f"gongshi-bench-{n}-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            g = bench_gongshi(n, work, args.runs)
            next_day = None if args.no_serve else bench_next_day(n, work, args.runs)
            serve = None if args.no_serve else bench_serve(n, work, max(args.runs, 3))
            p = None if args.no_pelican else bench_pelican(n, work, args.runs)
            h = None if args.no_hugo else bench_hugo(n, work, args.runs)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        block = report(n, g, p, h, next_day, serve)
        print("\n".join(block), flush=True)
        lines += block
    if args.write:
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write("\n" + "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
