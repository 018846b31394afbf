"""The archive of published reports (content/published/<round>/<unit>/<sha256>.md): write-once.

When a batch or a revision publishes a report, its exact bytes are kept here
under their SHA-256, and the record pins that hash. The public site shows
these bytes, never the working copy, so editing a published report changes
nothing public until a batch or `gongshi revise` publishes it. A file whose
bytes no longer match its name is refused, naming it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from gongshi.content.figures import stated_figures_mismatch
from gongshi.content.loader import Content, Key
from gongshi.content.metrics import LedgerMetrics, measure
from gongshi.content.model import Report, ReportHead
from gongshi.infra.cache import file_sha256
from gongshi.problems.errors import Problem, ProblemLog

ARCHIVE_DIR = "published"


def archive_label(content: Content, key: Key, sha256: str) -> str:
    """The file's label (relative to the project), as problems and page keys name it."""
    return f"{content.root.name}/{ARCHIVE_DIR}/{key[0]}/{key[1]}/{sha256}.md"


def check_archive(root: Path, pinned: Iterable[tuple[Key, str]], problems: list[Problem]) -> None:
    """Every archived file must still match its name, and every pinned version must be there."""
    folder = root / ARCHIVE_DIR
    base = root.parent
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            label = path.relative_to(base).as_posix()
            if path.suffix != ".md" or file_sha256(path.read_bytes()) != path.stem:
                ProblemLog(label, problems).error(None, "archive.altered")
    for key, sha in sorted(pinned):
        path = folder / key[0] / key[1] / f"{sha}.md"
        if not path.is_file():
            label = path.relative_to(base).as_posix()
            ProblemLog(label, problems).error(None, "archive.missing", round=key[0], unit=key[1])


def check_pinned_reports(content: Content, pins: Mapping[Key, str], problems: list[Problem]) -> None:
    """Each version the site shows must still read as a report (a newer Gongshi, a narrower privacy
    allow-list): the site would otherwise fall back to a working copy never published."""
    for key, sha in sorted(pins.items()):
        label = archive_label(content, key, sha)
        head = content.reports.get(key)
        if head is not None and content.digests.get(head.source) == sha:
            continue  # the working copy is this version, and was checked as a report
        if not (content.root.parent / label).is_file():
            continue  # check_archive says it is missing
        found, report = content.store.parse_pinned(label, sha)
        errors = [p for p in found if p.is_error]
        if report is None or errors:
            first = errors[0] if errors else None
            ProblemLog(label, problems).error(
                first.line if first else None, "archive.unreadable", round=key[0], unit=key[1],
                problem=first.message if first else "",
            )  # fmt: skip


def read_pinned(content: Content, key: Key, sha256: str) -> Report | None:
    """The report as it was published; None when its file is missing or cannot be parsed."""
    problems, report = content.store.parse_pinned(archive_label(content, key, sha256), sha256)
    return report if report is not None and not any(p.is_error for p in problems) else None


def working_bytes(content: Content, key: Key) -> bytes | None:
    head = content.reports.get(key)
    if head is None:
        return None
    try:
        return (content.root.parent / head.source).read_bytes()
    except OSError:
        return None


def archived(root: Path, key: Key, sha256: str) -> Path:
    """Where the archive keeps the version `sha256` of a report (`root`: the content folder)."""
    return root / ARCHIVE_DIR / key[0] / key[1] / f"{sha256}.md"


def pinned_bytes(content: Content, key: Key, sha256: str) -> bytes | None:
    """The bytes of a pinned version: from the archive, or (a preview of the next batch, which
    archives nothing yet) the working copy when it is that version; None when neither is."""
    path = archived(content.root, key, sha256)
    if path.is_file():
        return path.read_bytes()
    data = working_bytes(content, key)
    return data if data is not None and file_sha256(data) == sha256 else None


def write_archive(root: Path, key: Key, data: bytes) -> Path:
    """Keep `data` under its SHA-256; a file already there with those bytes is left as it is."""
    sha = file_sha256(data)
    path = archived(root, key, sha)
    if path.is_file() and file_sha256(path.read_bytes()) == sha:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return path


def shown_content(content: Content, pins: Mapping[Key, str], as_of: dt.date, partial_done: bool) -> Content:
    """`content` with each report in `pins` (key -> SHA-256) read from the archive instead of the
    working copy, its figures worked out again as of the date. The working copy stays for the gate."""
    reports, metrics, mismatches = dict(content.reports), dict(content.metrics), dict(content.mismatches)
    for key, sha in pins.items():
        label = archive_label(content, key, sha)
        head = reports.get(key)
        if head is None or content.digests.get(head.source) == sha:
            continue  # the working copy is the published version (or gone: the record says so)
        report = read_pinned(content, key, sha)
        if report is None:
            continue  # check_archive has said why
        content.digests[label] = sha  # the page keys of the archived file (build/keys.py)
        reports[key] = report.head()
        found = measure(report.ledger, as_of, partial_done)
        metrics[key] = found
        mismatches[key] = tuple(
            stated_figures_mismatch(report.narrative, found, report.figures, report.narrative_lines)
        )
    return dataclasses.replace(content, reports=reports, metrics=metrics, mismatches=mismatches)


def read_version(
    content: Content, key: Key, sha256: str, as_of: dt.date, partial_done: bool
) -> tuple[ReportHead, LedgerMetrics] | None:
    """An earlier version's head and figures (as of `as_of`), for its own page."""
    report = read_pinned(content, key, sha256)
    if report is None:
        return None
    content.digests[archive_label(content, key, sha256)] = sha256  # its page's key (build/keys.py)
    return report.head(), measure(report.ledger, as_of, partial_done)
