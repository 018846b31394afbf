"""The closing lines of every command that changes files: which files, and how to keep them safe.

Staff who never used git must still keep the record and the reports: the
lines say where the files are and how to keep them, with git or without.
"""

from __future__ import annotations

from pathlib import Path

import click

from gongshi.cli.text import say


def keep(lang: str, paths: list[Path], record: Path | None = None) -> None:
    """The closing lines of a command that changed files: which, and how to keep them safe."""
    files = [as_typed(p) for p in paths]
    if record is not None:
        files.insert(0, as_typed(record))
    if not files:
        return
    click.echo(say(lang, "files-changed", files="\n  ".join(files)))
    if record is not None:
        click.echo(say(lang, "keep-record", record=as_typed(record)))
    click.echo(say(lang, "keep-how", files=" ".join(files)))


def as_typed(path: Path) -> str:
    """A path as staff would type it: relative to the folder they are in, when it is under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
