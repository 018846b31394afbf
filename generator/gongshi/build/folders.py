"""Where a build may write: its output folders, checked before anything is written or removed.

A build replaces its public and internal folders wholesale, so a folder
named by mistake (`--output content`, `GONGSHI_INTERNAL_PATH = "."`) would
be deleted with everything in it. A folder is accepted only when it is new,
empty, or a previous Gongshi output, and never when it is, or holds, the
project, its content, theme, plugins, `.git`, the home folder or `/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from gongshi.build.manifest import MANIFEST
from gongshi.config.settings import GongshiSettings
from gongshi.problems.errors import ConfigError

PACK_MARK = "hold-report.json"  # what every staff pack holds; a folder with it is a previous pack


def check_output_folders(
    config_file: Path, config: Mapping[str, Any], settings: GongshiSettings, output_given: bool
) -> None:
    """Raise a ConfigError naming every unsafe output folder; touch nothing."""
    project = config_file.resolve().parent
    protected = _protected(project, config, settings)
    errors = []
    for setting, folder, mark in (
        ("--output" if output_given else "OUTPUT_PATH", settings.output_path, MANIFEST),
        ("GONGSHI_INTERNAL_PATH", settings.internal_path, PACK_MARK),
    ):
        why = _unsafe(folder, mark, protected)
        if why is not None:
            errors.append(ConfigError.of(f"output.{why}", setting=setting, folder=str(folder)))
    if errors:
        raise ConfigError.together(errors, [])


def _protected(project: Path, config: Mapping[str, Any], settings: GongshiSettings) -> list[Path]:
    """Folders a build must never replace, nor any folder holding them."""
    named: Iterable[object] = (config.get("THEME"), *(config.get("PLUGIN_PATHS") or []))
    folders = [project, project / ".git", settings.content_path, settings.cache_path, Path.home(), Path("/")]
    folders += [Path(str(p)) for p in named if p]
    return [f.resolve() for f in folders]


def _unsafe(folder: Path, mark: str, protected: list[Path]) -> str | None:
    """Why `folder` may not be replaced by a build, or None."""
    folder = folder.resolve()
    if any(folder == p or folder in p.parents for p in protected):
        return "protected"
    if not folder.exists():
        return None
    if not folder.is_dir():
        return "file"
    try:
        entries = [p.name for p in folder.iterdir()]
    except OSError:
        return "unreadable"
    if not entries or mark in entries:
        return None
    return "foreign"
