"""`gongshi serve`: a local preview that rebuilds when staff save a file.

The preview is an ordinary build pointed at folders of its own under the
cache, so it cannot replace the published output or the internal pack, and
it never writes the publication record, even when it shows the next batch.
A build with errors keeps serving the last good preview.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..errors import GongshiError
from .output import print_error, print_problems
from .text import say

DEBOUNCE_SECONDS = 0.3  # editors save in bursts (temp file, rename, chmod): one rebuild per save


class Preview:
    def __init__(self, config: Path, as_of: dt.date | None, next_batch: bool, lang: str):
        from ..runner import load_settings
        from ..settings import resolve

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
        self.watched = [
            settings.content_path,
            *(Path(str(p)) for p in [pelican.get("THEME"), *(pelican.get("PLUGIN_PATHS") or [])] if p),
        ]
        self.changed = threading.Event()

    def rebuild(self) -> bool:
        """One preview build; says what went wrong and keeps the last good site if it fails."""
        from ..runner import build

        now = time.strftime("%H:%M:%S")
        try:
            result = build(
                self.config, as_of=self.as_of, batch=self.next_batch, output=self.output,
                internal=self.internal, write_record=False,
            )  # fmt: skip
        except GongshiError as error:
            click.secho(say(self.lang, "serve-failed", time=now), fg="red", err=True)
            print_error(error, self.lang)
            return False
        print_problems(result.runtime.warnings, self.lang)
        click.echo(say(self.lang, "serve-rebuilt", time=now, seconds=result.seconds))
        return True

    def run(self, bind: str, port: int) -> None:
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
        observer.schedule(watcher, str(self.config.parent), recursive=False)
        observer.start()
        click.echo(say(self.lang, "serve-url", url=f"http://{host}:{bound}/"))
        if self.next_batch:
            click.echo(say(self.lang, "serve-next-batch"))
        try:
            while True:
                self.changed.wait()
                time.sleep(DEBOUNCE_SECONDS)
                self.changed.clear()
                self.rebuild()
        except KeyboardInterrupt:
            click.echo(say(self.lang, "serve-stopped"))
        finally:
            observer.stop()
            server.shutdown()
            observer.join(timeout=5)


class _Changes(FileSystemEventHandler):
    """Any change under the watched folders, except the preview's own output and caches."""

    def __init__(self, changed: threading.Event, ignore: tuple[Path, ...]):
        self.changed = changed
        self.ignore = tuple(str(p) for p in ignore)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        path = str(event.src_path)
        if path.startswith(self.ignore) or "__pycache__" in path or path.endswith((".pyc", "~", ".swp")):
            return
        self.changed.set()


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the preview; no request log on the console, no stale pages in the browser."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()
