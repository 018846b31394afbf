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
    errors: list[ConfigError] = []
    for setting, folder, mark in (
        ("--output" if output_given else "OUTPUT_PATH", settings.output_path, MANIFEST),
        ("GONGSHI_INTERNAL_PATH", settings.internal_path, PACK_MARK),
    ):
        why = _unsafe(folder, mark, protected)
        if why is not None:
            errors.append(ConfigError.of(f"output.{why}", setting=setting, folder=str(folder)))
    cache_protected = [p for p, _inside in protected if p != project]  # cache/ lives inside the project
    cache = settings.cache_path.resolve()
    if cache == project or any(cache == p or cache in p.parents for p in cache_protected):
        errors.append(ConfigError.of("output.protected", setting="GONGSHI_CACHE_PATH", folder=str(cache)))
    output, internal, cache = settings.output_path, settings.internal_path, settings.cache_path
    output_safe = not errors or errors[0].values.get("setting") == "GONGSHI_INTERNAL_PATH"
    if output_safe and (internal == output or output in internal.parents):
        errors.append(
            ConfigError.of("setting.internal-in-output", internal=internal, output=output, example="internal")
        )
    if output_safe and (cache == output or output in cache.parents):
        errors.append(ConfigError.of("setting.cache-in-output", cache=cache, output=output, example="cache"))
    if errors:
        raise ConfigError.together(errors, [])


def _protected(
    project: Path, config: Mapping[str, Any], settings: GongshiSettings
) -> list[tuple[Path, bool]]:
    """Folders a build must never replace, nor any folder holding them; with True, nor any folder
    inside them (output inside content/ or the theme would be read back as content or theme)."""
    named: Iterable[object] = (config.get("THEME"), *(config.get("PLUGIN_PATHS") or []))
    inside_too = [project / ".git", settings.content_path, *(Path(str(p)) for p in named if p)]
    # output/ lives inside the project; an output holding the cache is setting.cache-in-output
    only_above = [project, Path.home(), Path("/")]
    return [(f.resolve(), True) for f in inside_too] + [(f.resolve(), False) for f in only_above]


def _unsafe(folder: Path, mark: str, protected: list[tuple[Path, bool]]) -> str | None:
    """Why `folder` may not be replaced by a build, or None."""
    folder = folder.resolve()
    if any(folder == p or folder in p.parents or (inside and p in folder.parents) for p, inside in protected):
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
