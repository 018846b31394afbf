"""An urgent withdrawal (撤回): recorded at once, and taken off the deployed site at once.

`gongshi withdraw` reads only the record, so an unrelated report that does not
validate cannot hold it up. Then the public output is rebuilt (build/runner.py):
by a full build when the content builds; otherwise from the record and the
archive alone. Every public report is shown as the record pins it
(content/published/), so the public site can be made from a copy of the
content folder whose reports are exactly the pinned versions of the units
still public: the working copies, broken or not, play no part. The staff pack
is not remade then (its gate needs every working copy); the next full build
remakes it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from gongshi.build.prepare import load_public_key, load_record
from gongshi.config.settings import GongshiSettings, resolve
from gongshi.content.archive import archived
from gongshi.content.loader import REPORTS_DIR
from gongshi.content.textfile import control_characters
from gongshi.infra import atomic
from gongshi.problems.errors import ConfigError, ContentError, GongshiError, Problem, ProblemLog
from gongshi.rules.record import Record, append_withdrawal, dumps
from gongshi.rules.signing import Signer


class SiteUpdate(StrEnum):
    """What happened to the deployed site after the withdrawal was recorded."""

    REBUILT = "rebuilt"  # a full build: the site and the staff pack
    FROM_RECORD = "from-record"  # the content does not build: the site remade from the record and archive
    NO_SITE = "no-site"  # nothing deployed yet in the output folder
    FAILED = "failed"  # recorded, but the site still shows the unit: say why, exit non-zero


@dataclass(frozen=True)
class Withdrawn:
    record: Record
    site: SiteUpdate
    output: Path
    stopped: tuple[Problem, ...] = ()  # the content errors that stopped the full build
    error: GongshiError | None = None  # why the site could not be updated (FAILED)


def append_the_withdrawal(
    config_values: dict[str, Any],
    as_of: dt.date,
    round_id: str,
    unit_id: str,
    reason: str,
    signer: Signer | None,
) -> Record:
    """Reads only the record (and its key): an urgent withdrawal is not held up by an unrelated
    report that does not validate yet."""
    settings = resolve(config_values)
    problems: list[Problem] = []
    record = load_record(settings, problems, load_public_key(settings, problems))
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    key = (round_id, unit_id)
    if key not in record.public_keys():
        raise ConfigError.of("withdraw.not-published", round=round_id, unit=unit_id)
    if not reason.strip():
        raise ConfigError.of("withdraw.no-reason")
    for _line, chars in control_characters(reason)[:1]:  # shown publicly, and kept in the record
        raise ConfigError.of("withdraw.control", chars=chars)
    if record.last_date and as_of < record.last_date:
        ProblemLog(settings.record_label, problems).error(
            None, "record.as-of", as_of=as_of, last=record.last_date
        )
        raise ContentError(problems)
    unit = next(u for b in record.batches for u in b.published if u.key == key)
    record = append_withdrawal(record, as_of, unit, reason.strip()).signed(signer)
    atomic.write_file_atomically(settings.record_path, dumps(record))
    return record


def published_tree(settings: GongshiSettings, record: Record, scratch: Path) -> Path:
    """A content folder under `scratch` (named like the real one, so every label reads the same)
    whose reports are the versions the record pins for the units still public; everything else
    (rounds, surveys, the record, the archive, the office's key) is copied as it is. Copied, not
    linked: the loader refuses links, which could point outside the project."""
    source = settings.content_path
    folder = scratch / source.name
    folder.mkdir(parents=True)
    for entry in sorted(source.iterdir()):
        if entry.is_dir() and entry.name != REPORTS_DIR:
            shutil.copytree(entry, folder / entry.name, symlinks=True)  # a link stays one, and is refused
        elif entry.is_file():
            shutil.copyfile(entry, folder / entry.name)
    reports = source / REPORTS_DIR
    for key in sorted(record.public_keys()):
        pin = record.pin(key)
        target = folder / REPORTS_DIR / key[0] / f"{key[1]}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        if pin:
            shutil.copyfile(archived(source, key, pin), target)
        elif (reports / key[0] / f"{key[1]}.md").is_file():  # published before pinning (and named as
            shutil.copyfile(reports / key[0] / f"{key[1]}.md", target)  # `gongshi new` names it): shown as is
    return folder
