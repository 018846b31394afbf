"""The demo site for the public-site tests: built once per test session, and served over HTTP.

Search needs HTTP (browsers run no module worker and fetch nothing from file:), so the
browser tests that load it go through a throwaway server on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from factories import REPO

from gongshi.build.runner import build

AS_OF = dt.date(2026, 11, 22)
PAGE_TYPES = {
    "home": "index.html",
    "round": "rounds/2025-r1.html",
    "report": "rounds/2025-r1/housing.html",
    "report-revisit": "rounds/2026-r2/water.html",
    "unit": "units/housing.html",
    "batch": "batches/1.html",
    "batches": "batches.html",
    "method": "method.html",
    "search": "search.html",
    "data": "data.html",
    "contact": "contact.html",
    "accessibility": "accessibility.html",
}
VIEWPORTS = {"small-phone": (320, 640), "phone": (360, 740), "desktop": (1280, 800)}


def demo_site(tmp_path_factory) -> Path:
    """The demo portal's public output as of AS_OF; built on first use, then shared by every module."""
    root = tmp_path_factory.getbasetemp() / "public-site-demo"
    output = root / "output"
    if not (output / "manifest.json").is_file():
        build(REPO / "pelicanconf.py", as_of=AS_OF, output=output, internal=root / "internal")
    return output


def hold_report(output: Path) -> dict:
    return json.loads((output.parent / "internal" / "hold-report.json").read_text(encoding="utf-8"))


def not_public_reports(output: Path) -> list[Path]:
    """Every report in content/ without a public page: held, returned, never approved, or waiting for a batch."""
    reports = sorted((REPO / "content" / "reports").glob("*/*.md"))
    return [p for p in reports if not (output / "rounds" / p.parent.name / f"{p.stem}.html").is_file()]


def held_only_names(output: Path) -> set[str]:
    """Units held or unapproved in every round they are in: their names must be nowhere in public output."""
    report = hold_report(output)
    published = {p.stem for p in (output / "units").glob("*.html")}
    return {h["name"] for h in report["held"] + report["unapproved"] if h["unit"] not in published}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, extra_headers: dict[str, str], **kwargs):
        self.extra_headers = extra_headers  # before super(): it handles the request at once
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def handle(self):
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser moved on mid-download
            super().handle()


@contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """A static server for `folder` on a free loopback port, sending `headers` with every
    response (as a web server's configuration would); yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder), extra_headers=dict(headers or {}))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _UnderPrefix(_Quiet):
    """Serves the folder only under a sub-path, as a government site's web server would host the
    portal (https://www.example.gov.cn/xczg/); anything outside the prefix is a 404."""

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])


@contextmanager
def serve_under(folder: Path, prefix: str = "/xczg/") -> Iterator[str]:
    """Like serve(), with the site under `prefix`; yields the site's base URL (ending in the prefix)."""
    handler = functools.partial(_UnderPrefix, directory=str(folder), extra_headers={}, prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
