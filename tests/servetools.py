"""Driving `gongshi serve` from tests: start it as staff do, read the URL it prints, poll its pages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO


def start_serve(
    config: Path, as_of: str, stdout: int | IO[str] = subprocess.PIPE, *, sigint: object = signal.SIG_DFL
) -> subprocess.Popen:
    """The preview of the next batch on a free port, run from the project folder.

    `sigint`: the disposition it starts with; a shell script's background job starts with it ignored.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "gongshi.cli", "serve", "--config", str(config), "--as-of", as_of,
         "--port", "0", "--next-batch"],
        stdout=stdout, stderr=subprocess.STDOUT, text=True, cwd=config.parent,
        env=dict(os.environ, CI="1"), preexec_fn=lambda: signal.signal(signal.SIGINT, sigint),
    )  # fmt: skip


def served_url(server: subprocess.Popen, lines: list[str], timeout: float = 60.0) -> str:
    """Collect the server's output in the background; return the URL it says it serves."""
    threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")), daemon=True).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in list(lines):
            if "http://" in line:
                return line[line.index("http://") :].split("（")[0].split()[0]
        if server.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError("gongshi serve printed no URL:\n" + "".join(lines))


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def eventually(check: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False
