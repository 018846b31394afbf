"""`gongshi keygen`: the office's signing key for the publication record, made once.

The private key goes to a file outside the project (it must never be committed
or copied with the site); the public key is written beside the record, where
staff commit it, and the record's current last entry is signed with the new
key at once, so the record is signed from this moment on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from gongshi.build.folders import check_output_folders
from gongshi.build.lock import one_build_at_a_time
from gongshi.build.pelican_adapter import load_settings
from gongshi.config.settings import resolve
from gongshi.content.textfile import read_text
from gongshi.infra.atomic import write_file_atomically
from gongshi.problems.errors import ConfigError, ContentError, Problem, ProblemLog
from gongshi.rules.record import Record, dumps, parse_record
from gongshi.rules.signing import PUBLIC_KEY_FILE, new_key, signer_from_pem


@dataclass(frozen=True)
class NewKey:
    private: Path  # where the private key was written: GONGSHI_RECORD_KEY must name it
    public: Path  # content/record-key.pub, to commit
    signed: int  # entries of the record signed now (0 or 1: the last)


def default_key_path(data_name: str) -> Path:
    return Path.home() / ".gongshi" / f"{data_name}-record.key"


def keygen(config: Path, key: Path | None = None) -> NewKey:
    values = load_settings(config)
    settings = resolve(values)
    check_output_folders(config, values, settings, output_given=False)  # the lock goes in the cache
    public_path = settings.content_path / PUBLIC_KEY_FILE
    if public_path.exists():
        raise ConfigError.of("keygen.exists", public=str(public_path))
    private_path = (key or default_key_path(settings.data_name)).expanduser().resolve()
    project = config.resolve().parent
    if private_path == project or project in private_path.parents:
        raise ConfigError.of("keygen.inside", path=str(private_path))
    with one_build_at_a_time(settings.cache_path):
        problems: list[Problem] = []
        record = _record(settings.record_path, settings.record_label, problems)
        if any(p.is_error for p in problems):
            raise ContentError(problems)
        pem, public_text = new_key()
        private_path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        signer = signer_from_pem(pem)
        write_file_atomically(public_path, public_text + "\n")
        if record.entries:
            write_file_atomically(settings.record_path, dumps(record.signed(signer)))
    return NewKey(private_path, public_path, 1 if record.entries else 0)


def _record(path: Path, label: str, problems: list[Problem]) -> Record:
    if not path.exists():
        return Record()
    log = ProblemLog(label, problems)
    text = read_text(path, log) if path.stat().st_size else ""
    return (parse_record(text, log) if text and text.strip() else Record()) or Record()
