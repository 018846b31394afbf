"""Property: whatever staff do after publication (progress, a silent edit, a revision, a withdrawal, a
batch), the public site shows exactly the versions the record pins, never a working copy it does not
pin; nothing of a withdrawn report is in any public file; the site verifies against its manifest; and
a batch refuses a silent edit, naming the file."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from factories import make_project, report_text, round_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongshi.build.manifest import verify
from gongshi.build.render import FakeRenderer
from gongshi.build.runner import build, revise, withdraw
from gongshi.content.archive import archive_label
from gongshi.content.reports import parse_report
from gongshi.infra.cache import file_sha256
from gongshi.problems.errors import ContentError, ProblemLog

pytestmark = pytest.mark.slow

START = dt.date(2025, 9, 1)
UNITS = {"edu": "市教育局党组", "water": "市水务局党组"}
STEPS = ("batch", "progress", "silent", "revise", "withdraw")
TAGS = {"edu": "甲", "water": "乙"}  # in each unit's ledger and narrative: a text grep finds its content
NEXT = {"未启动": "推进中", "推进中": "已完成"}


def no_search(stage, pages, weights):
    from gongshi.build.search import SearchIndex

    return SearchIndex(0, 0, 0)


def rows(statuses: list[tuple[str, str]], tag: str) -> str:
    lines = []
    for n, (status, done) in enumerate(statuses, start=1):
        lines.append(
            f"| {n} | 党的建设 | {tag}单位问题{n} | 措施{n} | 限期整改 | 办公室 | 2026-06-30 | {status} | {done} |\n"
        )
    return "".join(lines)


class Portal:
    """The working copies as staff leave them, and the day each step happens."""

    def __init__(self, root):
        done = [("已完成", "2025-08-01")] * 3  # 60 % done: the gate publishes both units
        self.statuses = {u: [*done, ("未启动", ""), ("推进中", "")] for u in UNITS}
        self.bodies = {u: f"根据市委统一部署，现将{TAGS[u]}单位整改情况予以公布。\n" for u in UNITS}
        reports = {f"2025-r1/{u}.md": self.text(u) for u in UNITS}
        self.config = make_project(root, {"2025-r1": round_text(units=UNITS)}, reports)
        self.day = START

    def text(self, unit: str) -> str:
        return report_text(
            rows(self.statuses[unit], TAGS[unit]), body=self.bodies[unit], Unit=unit, Unit_Name=UNITS[unit]
        )

    def write(self, unit: str) -> None:
        path = self.config.parent / "content/reports/2025-r1" / f"{unit}.md"
        path.write_text(self.text(unit), encoding="utf-8")

    @property
    def output(self):
        """Not OUTPUT_PATH: `withdraw` finds no site there, so it only records (the CLI tests cover
        its rebuild), and this test stays on the fake renderer."""
        return self.config.parent / "site"

    def build(self, batch: bool = False):
        return build(
            self.config,
            as_of=self.day,
            batch=batch,
            output=self.output,
            renderer=lambda prepared: FakeRenderer(),
            indexer=no_search,
        )


def step(portal: Portal, kind: str, unit: str, n: int) -> None:
    portal.day += dt.timedelta(days=1)
    if kind == "progress":
        statuses = portal.statuses[unit]
        index = next((i for i, (s, _) in enumerate(statuses) if s in NEXT), None)
        if index is not None:
            status = NEXT[statuses[index][0]]
            statuses[index] = (status, portal.day.isoformat() if status == "已完成" else "")
            portal.write(unit)
    elif kind == "silent":
        portal.bodies[unit] += f"补充说明{n}。\n"
        portal.write(unit)
    elif kind == "revise":
        try:
            revise(portal.config, "2025-r1", unit, f"更正{n}", portal.day)
        except Exception as error:  # not published, or nothing to revise: a usage error, nothing written
            assert getattr(error, "code", "").startswith("revise."), error
    elif kind == "withdraw":
        try:
            withdraw(portal.config, "2025-r1", unit, f"撤回{n}", portal.day)
        except Exception as error:  # withdrawn already: a usage error, nothing written
            assert getattr(error, "code", "") == "withdraw.not-published", error
    else:
        record = portal.config.parent / "content/publication-record.jsonl"
        before = record.read_bytes() if record.exists() else b""
        try:
            portal.build(batch=True)
        except ContentError as error:
            refused = [p for p in error.problems if p.is_error]
            assert {p.code for p in refused} == {"report.edited-batch"}
            assert {p.path for p in refused} <= {f"content/reports/2025-r1/{u}.md" for u in UNITS}
            assert (record.read_bytes() if record.exists() else b"") == before


def assert_public_is_pinned(portal: Portal) -> int:
    prepared = portal.build().prepared
    record, content = prepared.publication.record, prepared.content
    assert verify(portal.output).ok
    withdrawn = {w.unit_id for w in record.withdrawals}
    assert not withdrawn & {v.report.unit_id for v in prepared.site.reports}
    texts = {
        p: p.read_text(encoding="utf-8", errors="replace") for p in portal.output.rglob("*") if p.is_file()
    }
    for path, text in texts.items():
        assert not [u for u in withdrawn if f"{TAGS[u]}单位" in text], path  # ledger, narrative, archive
    for view in prepared.site.reports:  # the grep would find a public unit's text: it can fail
        assert any(f"{TAGS[view.report.unit_id]}单位" in text for text in texts.values())
    for view in prepared.site.reports:
        key = (view.round.id, view.report.unit_id)
        pin = record.pin(key)
        assert pin, key  # every report this test published was pinned by its batch
        assert content.digests[view.report.source] == pin  # the shown file is the pinned bytes
        archived = portal.config.parent / archive_label(content, key, pin)
        data = archived.read_bytes()
        assert file_sha256(data) == pin
        pinned = parse_report(data.decode("utf-8"), ProblemLog("x", []))
        shown = content.whole(view.report)
        assert (shown.narrative, shown.ledger) == (pinned.narrative, pinned.ledger)
    return len(prepared.site.reports)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(STEPS), st.sampled_from(sorted(UNITS))), min_size=1, max_size=7))
def test_the_public_site_always_shows_what_the_record_pins(tmp_path, steps):
    root = tmp_path / "portal"
    shutil.rmtree(root, ignore_errors=True)
    portal = Portal(root)
    step(portal, "batch", "edu", 0)  # both units published first
    assert assert_public_is_pinned(portal) == 2
    archive = portal.output / "record" / "archive" / "2025-r1"
    assert {p.name.split(".")[0] for p in archive.glob("*.md")} == set(UNITS)  # the archive is public too
    for n, (kind, unit) in enumerate(steps, start=1):
        step(portal, kind, unit, n)
        assert_public_is_pinned(portal)
