"""The manifest of a public build: SHA-256 of every file, with the batch and as-of date.

`gongshi verify DIR` compares a deployed folder with its manifest, so anyone
can show that what is online is exactly what was built and published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gongshi.problems.errors import GongshiError

MANIFEST = "manifest.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> dict[str, Path]:
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST
    }


def write_manifest(
    folder: Path, as_of: dt.date, batch: int | None, record_head: str, hashes: Mapping[str, str]
) -> None:
    """`hashes`: path -> SHA-256 of every file in `folder`, as the build recorded them while writing."""
    manifest = {
        "as_of": as_of.isoformat(),
        "batch": batch,
        "record_head": record_head,
        "files": {name: hashes[name] for name in sorted(hashes) if name != MANIFEST},
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Verification:
    added: tuple[str, ...]
    missing: tuple[str, ...]
    altered: tuple[str, ...]
    as_of: str
    batch: int | None

    @property
    def ok(self) -> bool:
        return not (self.added or self.missing or self.altered)


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
    )
