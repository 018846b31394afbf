"""Driving `gongshi serve` from tests: start it as staff do, read the URL it prints, poll its pages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO


def start_serve(
    config: Path, as_of: str, stdout: int | IO[str] = subprocess.PIPE, *, modes: tuple[str, ...] = (),
    sigint: object = signal.SIG_DFL,
) -> subprocess.Popen:  # fmt: skip
    """The preview on a free port, run from the project folder: of the next batch (the default),
    or as `modes` say (`--published`, `--all`).

    `sigint`: the disposition it starts with; a shell script's background job starts with it ignored.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "gongshi.cli", "serve", "--config", str(config), "--as-of", as_of,
         "--port", "0", *modes],
        stdout=stdout, stderr=subprocess.STDOUT, text=True, cwd=config.parent,
        env=dict(os.environ, CI="1"), preexec_fn=lambda: signal.signal(signal.SIGINT, sigint),
    )  # fmt: skip


FIRST_BUILD_DONE = ("已重新生成", "有错误")  # what serve prints when its first build is over


def served_url(server: subprocess.Popen, lines: list[str], timeout: float = 60.0) -> str:
    """Collect the server's output in the background; return the URL it says it serves, once its
    first build is over (the URL comes first, before the build)."""
    threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")), daemon=True).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        said = "".join(lines)
        if "http://" in said and any(done in said for done in FIRST_BUILD_DONE):
            line = next(line for line in lines if "http://" in line)
            return line[line.index("http://") :].split("（")[0].split()[0]
        if server.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError("gongshi serve printed no URL or never finished its first build:\n" + "".join(lines))


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a page, also of an error page (serve answers 503 while a build failed)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def get(url: str) -> str:
    return fetch(url)[1]


def eventually(check: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False
