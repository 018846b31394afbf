"""The manifest of a public build: SHA-256 of every file, with the batch and as-of date.

`gongshi verify DIR` compares a deployed folder with its manifest, so anyone
can show that what is online is exactly what was built and published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongshi.problems.errors import GongshiError, Problem, ProblemLog
from gongshi.problems.phrasing import Phrase
from gongshi.rules.record import parse_record
from gongshi.rules.signing import read_public_key

MANIFEST = "manifest.json"
RECORD = "record/publication-record.jsonl"  # published with the site (build/write.py)
KEY = "record/record-key.pub"
ARCHIVE = "record/archive"  # each public version's Markdown, named by its SHA-256 (build/write.py)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> dict[str, Path]:
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST
    }


def write_manifest(
    folder: Path,
    as_of: dt.date,
    batch: int | None,
    record_head: str,
    hashes: Mapping[str, str],
    record_resets: Sequence[Mapping[str, str]] = (),
) -> None:
    """`hashes`: path -> SHA-256 of every file in `folder`, as the build recorded them while writing.
    `record_resets`: each time a build replaced a site whose record head it did not hold, and why."""
    manifest: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "batch": batch,
        "record_head": record_head,
        "files": {name: hashes[name] for name in sorted(hashes) if name != MANIFEST},
    }
    if record_resets:
        manifest["record_resets"] = [dict(reset) for reset in record_resets]
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a folder built before, or {} (no folder, no manifest, or not readable)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class Verification:
    added: tuple[str, ...]
    missing: tuple[str, ...]
    altered: tuple[str, ...]
    as_of: str
    batch: int | None
    record: tuple[Problem, ...] = ()  # the published record: its chain, signatures and head

    @property
    def ok(self) -> bool:
        return not (self.added or self.missing or self.altered or self.record)


class ManifestError(GongshiError, ValueError):
    """Raised by `verify` when the folder has no readable manifest."""


def verify(folder: Path) -> Verification:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        expected: dict[str, str] = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ManifestError.of("verify.manifest", path=str(path), error=str(exc)) from exc
    actual = _files(folder)
    return Verification(
        added=tuple(sorted(set(actual) - set(expected))),
        missing=tuple(sorted(set(expected) - set(actual))),
        altered=tuple(sorted(n for n in set(expected) & set(actual) if _digest(actual[n]) != expected[n])),
        as_of=str(manifest.get("as_of")),
        batch=manifest.get("batch"),
        record=tuple(_record_problems(folder, str(manifest.get("record_head") or ""))),
    )


def _record_problems(folder: Path, head: str) -> list[Problem]:
    """The record published with the site: an unbroken chain, valid signatures when the site carries
    the office's public key, and a last entry that is the manifest's record head."""
    path = folder / RECORD
    if not path.is_file():
        return []
    problems: list[Problem] = []
    log = ProblemLog(RECORD, problems)
    key_path = folder / KEY
    public = (
        read_public_key(key_path.read_text(encoding="utf-8", errors="replace"))
        if key_path.is_file()
        else None
    )
    if key_path.is_file() and public is None:
        ProblemLog(KEY, problems).error(1, "record.public-key")
    record = parse_record(path.read_text(encoding="utf-8", errors="replace"), log, public)
    if record is not None and record.head != head:
        log.error(None, "record.head", head=head[:12], last=record.head[:12])
    pins = {f"{k[0]}/{k[1]}.{sha}.md" for k, sha in record.all_pins()} if record is not None else set()
    for name, file in _files(folder / ARCHIVE).items() if (folder / ARCHIVE).is_dir() else ():
        if _digest(file) != file.stem.rpartition(".")[2]:  # <round>/<unit>.<sha256>.md
            why = Phrase("校验值与文件名不符", "its SHA-256 is not its name")
        elif record is not None and name not in pins:
            why = Phrase("公示记录中没有这个版本", "the record pins no such version")
        else:
            continue
        ProblemLog(f"{ARCHIVE}/{name}", problems).error(None, "verify.archive", why=why)
    return problems
