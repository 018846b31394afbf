"""`gongshi serve`: a local preview that rebuilds when staff save a file.

The preview is an ordinary build pointed at folders of its own under the
cache (`cache/serve/<mode>/`), so it cannot replace the published output or
the internal pack, and it never writes the publication record. By default it
shows the site as the next batch would publish it; `--published` what is
public now; `--all` an internal copy of every report (site/preview.py), only
on 127.0.0.1. A build with errors serves an error page listing every problem
until the next good build: a stale site would look like the fix had worked.

What is watched: the content, theme and plugin folders, and the settings
file itself. Not the settings file's whole folder: anything written there
while the preview runs (its own log, `gongshi serve > serve.log` or
nohup.out, an editor's backup) would start a build that writes to the log
again, a rebuild about every half second with nothing edited. Only events
that change a file count (a build's own reads open and close files too), and
a rebuild happens only if a watched file's size or time stamp has changed
since the last one began.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import signal
import threading
import time
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import click
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from gongshi.cli.output import print_error, print_problems
from gongshi.cli.text import say
from gongshi.problems.errors import ConfigError, ContentError, GongshiError
from gongshi.rules.gate import Outcome
from gongshi.site.preview import PreviewMode, PreviewUnit

DEBOUNCE_SECONDS = 0.05  # editors save in bursts (temp file, rename, chmod) within milliseconds
CATCH_UP_SECONDS = 1.0  # quiet this long after an edit shown at once: index search, write the pack


class Preview:
    def __init__(
        self, config: Path, as_of: dt.date | None, mode: PreviewMode, lang: str,
        rounds: frozenset[str] = frozenset(),
    ):  # fmt: skip
        from gongshi.build.pelican_adapter import load_settings
        from gongshi.config.settings import resolve

        self.config = config.resolve()
        self.as_of = as_of
        self.mode = mode
        self.rounds = rounds  # the next batch as `build --batch --round` would make it
        self.lang = lang
        self.error_page: bytes | None = None  # served for every request while the last build failed
        pelican = load_settings(config)
        settings = resolve(pelican)
        folder = settings.cache_path.resolve() / "serve" / mode.value
        self.ignored = (
            settings.cache_path.resolve(),
            settings.output_path.resolve(),
            settings.internal_path.resolve(),
        )
        self.output = folder / "site"
        self.internal = folder / "internal"
        folders = [
            settings.content_path,
            pelican.get("THEME"),
            *(pelican.get("PLUGIN_PATHS") or []),
        ]
        # resolved like the ignored folders, so an event's path can be compared with both
        self.watched = [Path(str(p)).resolve() for p in folders if p]
        self.changed = threading.Event()
        self.built_from: dict[str, tuple[int, int]] | None = None  # the watched files as the last build began
        self.behind = False  # the last build was quick: search and the staff pack still to catch up
        self.search_pending = False  # the search index does not hold the last edit yet
        self.memo: dict[str, Any] = {}  # reports' facts read by earlier builds (infra/cache.py)

    def rebuild(
        self, files: dict[str, tuple[int, int]] | None = None, quick: bool = False, catch_up: bool = False
    ) -> bool:
        """One preview build; says what went wrong and keeps the last good site if it fails.

        `files`: the watched files as `files()` found them just now, which the build starts from.
        `quick`: show an edit at once; a changed search shard is indexed by the catch-up build that
        follows when staff pause (`CATCH_UP_SECONDS`), and the search page says so meanwhile.
        `catch_up`: that build; it says only that it is done (the quick one said the rest).
        """
        from gongshi.build.runner import build

        now = time.strftime("%H:%M:%S")
        self.built_from = self.files() if files is None else files
        try:
            result = build(
                self.config, as_of=self.as_of, batch=self.mode is not PreviewMode.PUBLISHED,
                output=self.output, internal=self.internal, write_record=False, preview=self.mode,
                rounds=self.rounds, quick=quick, memo=self.memo,
            )  # fmt: skip
        except GongshiError as error:
            click.secho(say(self.lang, "serve-failed", time=now), fg="red", err=True)
            print_error(error, self.lang)
            self.error_page = error_page(error, self.lang, now)
            self.behind = False  # nothing to catch up: the next save builds again
            return False
        self.error_page = None
        self.behind = quick
        self.search_pending = result.search.pending > 0
        if catch_up:
            click.echo(say(self.lang, "serve-caught-up", time=now, seconds=result.seconds))
            return True
        print_problems(result.prepared.warnings, self.lang)
        banner = result.prepared.site.preview
        if banner is not None:
            for unit in banner.hidden:
                click.echo(say(self.lang, "serve-hidden", **_hidden(unit, self.lang, self.rounds)))
        click.echo(say(self.lang, "serve-rebuilt", time=now, seconds=result.seconds))
        if self.search_pending:
            click.echo(say(self.lang, "serve-search-later"))
        return True

    def run(self, bind: str, port: int) -> None:
        # Started in the background by a script (`gongshi serve &`, CI), the process inherits
        # SIGINT ignored, and Ctrl-C or `kill -INT` would never stop it.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # A pack left by an older preview may hold a record copy the record file never had.
        shutil.rmtree(self.internal, ignore_errors=True)
        self.output.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(_QuietHandler, directory=str(self.output), preview=self)
        server = ThreadingHTTPServer((bind, port), handler)
        host, bound = server.server_address[:2]
        # The address first: it is what staff look for, above whatever the first build says.
        click.echo(say(self.lang, "serve-url", url=f"http://{host}:{bound}/"))
        click.echo(say(self.lang, f"serve-mode-{self.mode.value}"))
        self.error_page = _building_page()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        observer = Observer()
        watcher = _Changes(self.changed, ignore=self.ignored)
        for folder in self.watched:
            if folder.is_dir():
                observer.schedule(watcher, str(folder), recursive=True, event_filter=CHANGES)
        # The settings file's folder also holds output/, cache/ and whatever staff keep beside it.
        settings_file = _Changes(self.changed, ignore=(), only=self.config)
        observer.schedule(settings_file, str(self.config.parent), recursive=False, event_filter=CHANGES)
        try:  # Ctrl-C may come during the first build too
            observer.start()
            self.rebuild()
            while True:
                if self.behind and not self.changed.wait(CATCH_UP_SECONDS):
                    self.rebuild(self.files(), catch_up=True)  # staff paused: search and the pack
                    continue
                self.changed.wait()
                time.sleep(DEBOUNCE_SECONDS)
                self.changed.clear()
                files = self.files()
                if files != self.built_from:  # an event that changed nothing builds nothing
                    self.rebuild(files, quick=True)
        except KeyboardInterrupt:
            click.echo(say(self.lang, "serve-stopped"))
        finally:
            observer.stop()
            server.shutdown()
            if observer.is_alive():
                observer.join(timeout=5)

    def files(self) -> dict[str, tuple[int, int]]:
        """(modification time, size) of every file a build reads from the watched folders."""
        found: dict[str, tuple[int, int]] = {}
        for path in [self.config, *(f for folder in self.watched for f in _walk(folder, self.ignored))]:
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since it was listed
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
        return found


def _walk(folder: Path, ignored: tuple[Path, ...]) -> list[Path]:
    """The files under `folder` (a linked folder is not entered), outside the `ignored` folders;
    one listing a folder, as a path walk took a tenth of a second at 5,000 reports on every save."""
    if not folder.is_dir():
        return []
    skip = {str(i) for i in ignored}
    found = []
    for root, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if f != "__pycache__" and os.path.join(root, f) not in skip]
        found += [Path(root, name) for name in names if not _skipped(Path(name))]
    return found


def _skipped(path: Path) -> bool:
    """Files no build reads: byte code, editors' swap and backup files."""
    return "__pycache__" in path.parts or path.name.endswith((".pyc", "~", ".swp", ".swx"))


# Asked of the kernel: only changes. Unfiltered, inotify also reports every file a build opens and
# closes (every report, template and export), and handling those thousands of events took the GIL
# from the build: a quick rebuild at 1,000 units took 1.7 s instead of 0.8 s.
CHANGES = [
    FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
]  # fmt: skip

# Events that change a file. Not "opened" or "closed_no_write" (every build reads the theme and
# content), nor "closed" (a write already came as "modified"), nor a folder's "modified", which
# comes with the event for the file created, deleted or moved in it.
_CHANGES = frozenset({"created", "deleted", "modified", "moved"})


class _Changes(FileSystemEventHandler):
    """A change to a file under the watched folders, except the preview's own output and caches;
    with `only`, a change to that one file (written in place, or renamed onto it by an editor)."""

    def __init__(self, changed: threading.Event, ignore: tuple[Path, ...], only: Path | None = None):
        self.changed = changed
        self.ignore = ignore
        self.only = only

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGES or (event.is_directory and event.event_type == "modified"):
            return
        paths = [Path(os.fsdecode(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if any(self._counts(path) for path in paths):
            self.changed.set()

    def _counts(self, path: Path) -> bool:
        if self.only is not None:
            return path == self.only
        return not _skipped(path) and not any(path.is_relative_to(folder) for folder in self.ignore)


def _hidden(unit: PreviewUnit, lang: str, rounds: frozenset[str]) -> dict[str, str]:
    reason = unit.reason_in(lang)
    if not reason and unit.outcome is Outcome.PUBLISH:
        outside = rounds and unit.round_id not in rounds
        reason = say(lang, "serve-hidden-round") if outside else say(lang, "serve-hidden-next")
    return {
        "unit": f"{unit.round_id}/{unit.unit_id} {unit.name}",
        "label": unit.label_in(lang),
        "reason": reason,
    }


def error_page(error: GongshiError, lang: str, time_: str) -> bytes:
    """The page served after a failed rebuild: every problem, where it is and what to do."""
    message, hint = error.text(lang)
    problems = error.problems if isinstance(error, ContentError | ConfigError) else []
    items = "".join(
        f"<li><code>{escape(p.location())}</code> {escape(text)}<br><small>{escape(tip)}</small></li>"
        for p in problems
        for text, tip in [p.text(lang)]
    )
    extra = [e for e in getattr(error, "errors", ()) if e is not error]
    items += "".join(f"<li>{escape(' '.join(e.text(lang)))}</li>" for e in extra)
    title = say(lang, "serve-error-title", time=time_)
    html = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{escape(title)}</title></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(message)}</p><p>{escape(hint)}</p>"
        f"<ol>{items}</ol><p>{escape(say(lang, 'serve-error-next'))}</p></body></html>"
    )
    return html.encode("utf-8")


def with_search_pending(html: str) -> str:
    """The search page with a line, first in its main content, saying the index does not hold the
    last edit yet (the page is in Chinese whatever the console's language)."""
    main = html.find("<main")
    end = html.find(">", main)
    if main < 0 or end < 0:
        return html
    note = escape(say("zh", "serve-search-pending"))
    return html[: end + 1] + f'\n<p class="note search-pending" role="status">{note}</p>' + html[end + 1 :]


def _building_page() -> bytes:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">'
        "<title>正在生成预览</title></head><body><p>正在生成预览，请稍候…… (building the preview)</p></body></html>"
    ).encode()


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the preview, or the error page while the last build failed; no request log on the
    console, no stale pages in the browser."""

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any):
        self.preview = preview
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        page = self.preview.error_page
        if page is None and self.preview.search_pending and self.path.split("?")[0].endswith("/search.html"):
            page = self._search_pending()
            if page is not None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)
                return
        if page is None:
            super().do_GET()
            return
        self.send_response(503)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def _search_pending(self) -> bytes | None:
        try:
            html = Path(self.translate_path(self.path)).read_text(encoding="utf-8")
        except OSError:
            return None
        return with_search_pending(html).encode("utf-8")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()
