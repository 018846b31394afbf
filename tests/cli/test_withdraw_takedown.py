"""An urgent withdrawal takes the report off the deployed site at once, even when other content is broken.

The demo project (copied), its site built; then staff break an unrelated report and withdraw
市水务局党组's 2026-r2 report (two published versions: a first publication and a progress update).
"""

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from factories import REPO, words

from gongshi.build.search import bundle_texts
from gongshi.cli import EXIT_CONTENT, main

pytestmark = pytest.mark.slow  # builds the demo site twice

PHRASE = re.compile(r"[\u4e00-\u9fff]{8,}")  # 8 or more Chinese characters in a row
WITHDRAW = ("withdraw", "--as-of", "2026-11-23", "--round", "2026-r2", "--unit", "water")
REASON = ("--reason", "报告所附台账需核实，核实后重新公示")


def run(config, *args):
    return CliRunner().invoke(main, [*args, "--config", str(config)])


def demo_project(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    config = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    config = config.replace('THEME = "theme"', f'THEME = "{REPO / "theme"}"')
    config = config.replace('PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = ["{REPO / "plugins"}"]')
    config = config.replace('= "assets/', f'= "{REPO / "assets"}/')
    (root / "pelicanconf.py").write_text(config, encoding="utf-8")
    built = run(root / "pelicanconf.py", "build", "--as-of", "2026-11-22")
    assert built.exit_code == 0, built.output
    return root / "pelicanconf.py"


def own_phrases(content: Path) -> set[str]:
    """Phrases of every published version of 2026-r2/water that no other published report holds."""
    published = content / "published"
    mine = [p.read_text(encoding="utf-8") for p in (published / "2026-r2" / "water").glob("*.md")]
    others = "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(published.rglob("*.md"))
        if p.parent != published / "2026-r2" / "water"
    )
    own = {p for text in mine for p in PHRASE.findall(text) if p not in others}
    assert len(own) >= 20  # enough of its narrative and ledger to notice a leak
    return own


def public_text(output: Path) -> dict[str, str]:
    """Every file of the site as text, the search index's compressed files read as what they hold."""
    found = {
        p.relative_to(output).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in output.rglob("*")
        if p.is_file()
    }
    for path, text in bundle_texts(output / "pagefind"):
        found[path.relative_to(output).as_posix()] = text.replace("\u200b", "")
    return found


def test_a_withdrawal_with_other_content_broken_takes_the_report_off_the_deployed_site(tmp_path):
    config = demo_project(tmp_path)
    output, internal = tmp_path / "output", tmp_path / "internal"
    own = own_phrases(tmp_path / "content")
    assert any(p in text for text in public_text(output).values() for p in own)  # public before
    pack = {p: p.read_bytes() for p in internal.rglob("*") if p.is_file()}
    edu = tmp_path / "content/reports/2025-r1/edu.md"
    edu.write_text(edu.read_text(encoding="utf-8").replace("Date: 2025-07-08", "Date: 七月"), "utf-8")

    result = run(config, *WITHDRAW, *REASON)

    assert result.exit_code == 0, result.output
    assert "content/reports/2025-r1/edu.md:5" in result.output  # what stopped the full build, to fix
    assert "已只按公示记录和存档（content/published/）重新生成网站" in result.output
    leaked = {path: sorted(p for p in own if p in text)[:3] for path, text in public_text(output).items()}
    assert {path: found for path, found in leaked.items() if found} == {}
    assert not (output / "rounds/2026-r2/water").exists()  # no earlier version, no archive file
    assert not list((output / "record/archive/2026-r2").glob("water.*"))
    page = words((output / "rounds/2026-r2/water.html").read_text(encoding="utf-8"))
    assert "整改情况报告已撤回公示" in page and "撤回原因：报告所附台账需核实" in page
    assert "rounds/2026-r2/water.html" not in (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "water" not in (output / "data/2026-r2/items.csv").read_text(encoding="utf-8-sig")
    other = words((output / "rounds/2026-r2/housing.html").read_text(encoding="utf-8"))
    assert "第2版 · 修订" in " ".join(other.split())  # every other public report as before
    verified = CliRunner().invoke(main, ["verify", str(output)])
    assert verified.exit_code == 0, verified.output
    assert {p: p.read_bytes() for p in internal.rglob("*") if p.is_file()} == pack  # waits for a full build


def test_a_withdrawal_on_content_that_builds_rebuilds_the_site_and_the_pack(tmp_path):
    config = demo_project(tmp_path)
    result = run(config, *WITHDRAW, *REASON, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "was rebuilt: the report's content is off the site" in result.output
    kept = (tmp_path / "internal/publication-record.jsonl").read_text(encoding="utf-8")
    assert '"type":"withdrawal"' in kept  # the staff pack was remade too
    assert not list((tmp_path / "output/record/archive/2026-r2").glob("water.*"))
    assert CliRunner().invoke(main, ["verify", str(tmp_path / "output")]).exit_code == 0


def test_a_withdrawal_whose_site_cannot_be_remade_says_the_site_still_shows_it_and_exits_1(tmp_path):
    config = demo_project(tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()}
    rounds = tmp_path / "content/rounds/2026-r2.toml"
    rounds.write_text(rounds.read_text(encoding="utf-8").replace("report_due", "report_due = ="), "utf-8")
    result = run(config, *WITHDRAW, *REASON)
    assert result.exit_code == EXIT_CONTENT
    assert "已记录撤回：2026-r2/water（2026-11-23）" in result.output
    assert "但网站未能更新，仍显示该报告" in result.output and "content/rounds/2026-r2.toml" in result.output
    record = (tmp_path / "content/publication-record.jsonl").read_text(encoding="utf-8")
    assert '"type":"withdrawal"' in record  # recorded all the same
    assert {p: p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()} == before
