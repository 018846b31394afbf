"""`gongshi serve`: a local preview that rebuilds when staff save a file.

The preview is an ordinary build pointed at folders of its own under the
cache, so it cannot replace the published output or the internal pack, and
it never writes the publication record, even when it shows the next batch.
A build with errors keeps serving the last good preview.

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
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from gongshi.cli.output import print_error, print_problems
from gongshi.cli.text import say
from gongshi.problems.errors import GongshiError

DEBOUNCE_SECONDS = 0.3  # editors save in bursts (temp file, rename, chmod): one rebuild per save


class Preview:
    def __init__(self, config: Path, as_of: dt.date | None, next_batch: bool, lang: str):
        from gongshi.build.pelican_adapter import load_settings
        from gongshi.config.settings import resolve

        self.config = config.resolve()
        self.as_of = as_of
        self.next_batch = next_batch
        self.lang = lang
        pelican = load_settings(config)
        settings = resolve(pelican)
        folder = settings.cache_path.resolve() / "serve"
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

    def rebuild(self, files: dict[str, tuple[int, int]] | None = None) -> bool:
        """One preview build; says what went wrong and keeps the last good site if it fails.

        `files`: the watched files as `files()` found them just now, which the build starts from.
        """
        from gongshi.build.runner import build

        now = time.strftime("%H:%M:%S")
        self.built_from = self.files() if files is None else files
        try:
            result = build(
                self.config, as_of=self.as_of, batch=self.next_batch, output=self.output,
                internal=self.internal, write_record=False,
            )  # fmt: skip
        except GongshiError as error:
            click.secho(say(self.lang, "serve-failed", time=now), fg="red", err=True)
            print_error(error, self.lang)
            return False
        print_problems(result.prepared.warnings, self.lang)
        click.echo(say(self.lang, "serve-rebuilt", time=now, seconds=result.seconds))
        return True

    def run(self, bind: str, port: int) -> None:
        # Started in the background by a script (`gongshi serve &`, CI), the process inherits
        # SIGINT ignored, and Ctrl-C or `kill -INT` would never stop it.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # A pack left by an older preview may hold a record copy the record file never had.
        shutil.rmtree(self.internal, ignore_errors=True)
        self.output.mkdir(parents=True, exist_ok=True)
        self.rebuild()
        handler = functools.partial(_QuietHandler, directory=str(self.output))
        server = ThreadingHTTPServer((bind, port), handler)
        host, bound = server.server_address[:2]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        observer = Observer()
        watcher = _Changes(self.changed, ignore=self.ignored)
        for folder in self.watched:
            if folder.is_dir():
                observer.schedule(watcher, str(folder), recursive=True)
        # The settings file's folder also holds output/, cache/ and whatever staff keep beside it.
        settings_file = _Changes(self.changed, ignore=(), only=self.config)
        observer.schedule(settings_file, str(self.config.parent), recursive=False)
        observer.start()
        click.echo(say(self.lang, "serve-url", url=f"http://{host}:{bound}/"))
        if self.next_batch:
            click.echo(say(self.lang, "serve-next-batch"))
        try:
            while True:
                self.changed.wait()
                time.sleep(DEBOUNCE_SECONDS)
                self.changed.clear()
                files = self.files()
                if files != self.built_from:  # an event that changed nothing builds nothing
                    self.rebuild(files)
        except KeyboardInterrupt:
            click.echo(say(self.lang, "serve-stopped"))
        finally:
            observer.stop()
            server.shutdown()
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
    if not folder.is_dir():
        return []
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and not _skipped(path) and not any(path.is_relative_to(i) for i in ignored)
    ]


def _skipped(path: Path) -> bool:
    """Files no build reads: byte code, editors' swap and backup files."""
    return "__pycache__" in path.parts or path.name.endswith((".pyc", "~", ".swp", ".swx"))


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


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the preview; no request log on the console, no stale pages in the browser."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()
