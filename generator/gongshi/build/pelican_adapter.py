"""Pelican, used for what it is good at: reading the settings file and rendering the theme.

The only module of the package that imports Pelican (the plugin is the
other). Pelican's own run is never started: the build owns the order, the
keys and the writing, and asks this renderer for one page at a time. So no
article, draft, hidden page or copied source of Pelican's can ever reach the
output, and a plain `pelican` run is refused by the plugin.
"""

from __future__ import annotations

import fnmatch
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican.generators import Generator
from pelican.log import LimitFilter
from pelican.settings import get_settings_from_file, read_settings
from pelican.utils import get_relative_path, path_to_url

from gongshi.problems.errors import ConfigError
from gongshi.site.filters import FILTERS
from gongshi.site.views import SEARCHED, Page

PLUGIN_NAME = "gongshi_portal"


def load_settings(config: Path, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The settings file as Pelican reads it, with Pelican's defaults; it must name the plugin.

    `overrides` are settings given on the command line (the output folders).
    """
    if not config.is_file():
        raise ConfigError.of("config.missing", config=str(config))
    try:
        override = dict(overrides or {})
        if "THEME" not in get_settings_from_file(str(config)):  # a portal made by `gongshi init`
            override.setdefault("THEME", str(bundled_theme()))
        settings = read_settings(str(config), override=override)
    except Exception as exc:  # a broken pelicanconf.py raises anything
        raise ConfigError.of("config.unloadable", config=str(config), error=str(exc)) from exc
    if PLUGIN_NAME not in [getattr(p, "__name__", p) for p in settings.get("PLUGINS") or []]:
        raise ConfigError.of("config.plugin", config=str(config), plugin=PLUGIN_NAME)
    return settings


def bundled_theme() -> Path:
    """The theme that ships with the package: `gongshi/theme/` in a wheel (setup.py maps the
    repository's `theme/` there), the repository's `theme/` in an editable checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "theme"
    return installed if (installed / "templates").is_dir() else package.parent.parent / "theme"


def content_folder(config: Path) -> Path | None:
    """PATH as Pelican will resolve it (relative to the settings file), read without Pelican's checks:
    Pelican refuses settings whose PATH does not exist, and a new project has no content folder yet.
    None when the file is missing or broken or sets no PATH; loading the settings then says why."""
    if not config.is_file():
        return None
    try:
        path = get_settings_from_file(str(config)).get("PATH")
    except Exception:  # a broken pelicanconf.py raises anything
        return None
    return (config.parent / path).resolve() if isinstance(path, str) and path else None


class PelicanRenderer:
    """Renders pages with the theme's templates in Pelican's Jinja environment.

    Each page sees the settings (SITENAME...), `context` (the site, for every
    page) and its own values, with SITEURL relative to the page, as Pelican's
    writer does with RELATIVE_URLS: the site also works opened from disk.
    """

    def __init__(self, config: Mapping[str, Any], context: Mapping[str, Any], compiled: Path | None = None):
        """`compiled`: a folder keeping the templates compiled, so a build (and each of its workers)
        loads them instead of compiling them again; Jinja keys them on each template's source."""
        settings = dict(config)
        generator = Generator(
            context={},
            settings=settings,
            path=settings["PATH"],
            theme=settings["THEME"],
            output_path=settings["OUTPUT_PATH"],
        )
        generator.env.filters.update(FILTERS)
        if compiled is not None:
            compiled.mkdir(parents=True, exist_ok=True)
            generator.env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
        self._env = generator.env
        self._context = {**settings, **context}

    def render(self, page: Page) -> bytes:
        relative = path_to_url(get_relative_path(page.path))
        values = dict(self._context, SITEURL=relative, localsiteurl=relative, output_file=page.path)
        values.update(page_path=page.path, searched=page.template in SEARCHED, **page.values)
        return self._env.get_template(page.template).render(values).encode("utf-8")


def theme_files(config: Mapping[str, Any]) -> Iterator[tuple[str, Path]]:
    """(output path, source) of the theme's static files, where Pelican would copy them."""
    theme = Path(str(config["THEME"]))
    target = str(config.get("THEME_STATIC_DIR", "theme"))
    ignored = list(config.get("IGNORE_FILES") or [])
    for name in config.get("THEME_STATIC_PATHS") or []:
        source = theme / name
        if source.is_file():
            yield f"{target}/{source.name}", source
            continue
        for folder, dirs, files in os.walk(source):
            dirs[:] = sorted(d for d in dirs if not _ignored(d, ignored))
            for file in sorted(files):
                if not _ignored(file, ignored):
                    path = Path(folder, file)
                    yield f"{target}/{path.relative_to(source).as_posix()}", path


def _ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


@contextmanager
def logged_problems() -> Iterator[list[str]]:
    """Pelican and Jinja log problems and carry on; every WARNING+ record fails the build."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(f"{record.levelname}: {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    root = logging.getLogger()
    # Pelican's de-duplication filter keeps class-level state across builds in one process.
    LimitFilter._ignore = set()
    LimitFilter._raised_messages = set()
    LimitFilter._group_count.clear()
    root.addHandler(handler)
    try:
        yield messages
    finally:
        root.removeHandler(handler)
