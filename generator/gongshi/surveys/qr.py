"""QR codes for survey links: one matrix, drawn as an SVG path and as a PNG.

Codes use error correction M or better and the standard four-module quiet
zone, so a phone still reads a poster that is scuffed or photographed at an
angle. The output is byte-stable (same URL and settings, same bytes), and a
cache keyed on everything that shapes the bytes makes unchanged units free.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import qrcode
import qrcode.constants
from PIL import Image

from gongshi.infra.cache import FileCache
from gongshi.infra.parallel import parallel_map

LEVELS = {
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks
PNG_SCALE = 10  # pixels per module: a version-4 code is 410 px, sharp when printed at 5 cm
RENDER_VERSION = "1"  # bump when the drawing below changes


@dataclass(frozen=True)
class QrImage:
    url: str
    modules: int  # width in modules, quiet zone included
    path: str  # SVG path data, one unit per module
    png: bytes = field(repr=False)

    def svg(self, label: str, size: int = 200) -> str:
        """Inline SVG with a text alternative; CSS may resize it without blur."""
        n = self.modules
        return (
            f'<svg class="qr" xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {n} {n}" role="img" '
            f'aria-label="{_attr(label)}" shape-rendering="crispEdges">'
            f'<rect width="{n}" height="{n}" fill="#fff"/><path fill="#000" d="{self.path}"/></svg>'
        )


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def matrix(url: str, level: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=LEVELS[level], border=QUIET_ZONE, box_size=1)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def draw(url: str, level: str) -> QrImage:
    rows = matrix(url, level)
    return QrImage(url, len(rows), _svg_path(rows), _png(rows))


def _svg_path(rows: list[list[bool]]) -> str:
    """One subpath per horizontal run of dark modules: compact and exact."""
    parts: list[str] = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts)


def _png(rows: list[list[bool]]) -> bytes:
    n = len(rows)
    image = Image.new("1", (n, n), 1)
    image.putdata([0 if dark else 1 for row in rows for dark in row])
    image = image.resize((n * PNG_SCALE, n * PNG_SCALE), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # Pillow writes no timestamp: same pixels, same bytes
    return buffer.getvalue()


@functools.cache
def _renderer() -> str:
    """Everything besides URL and level that shapes the bytes; looked up once per process."""
    return "|".join((RENDER_VERSION, version("qrcode"), version("pillow"), str(QUIET_ZONE), str(PNG_SCALE)))


def cache_key(url: str, level: str) -> str:
    return hashlib.sha256(f"{_renderer()}|{level}|{url}".encode()).hexdigest()


@dataclass
class QrCache:
    """Codes by URL and settings, in the cache folder; `folder=None` keeps them in memory.

    Nothing is held per code beyond the build's own bookkeeping: a page reads
    its code back when it is written, so memory stays flat as units grow.
    """

    folder: Path | None
    level: str = "M"
    made: int = 0
    reused: int = 0
    _known: set[str] = field(default_factory=set, repr=False)  # URLs whose code is stored
    _memory: dict[str, QrImage] = field(default_factory=dict, repr=False)  # only without a folder
    _store: FileCache = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._store = FileCache(self.folder / "qr" if self.folder is not None else None)

    def prefetch(self, urls: list[str]) -> None:
        """Draw every missing code up front, on all cores when there are many."""
        missing: dict[str, str] = {}
        for url in dict.fromkeys(urls):
            if url in self._known or url in self._memory:
                continue
            key = cache_key(url, self.level)
            if self._store.has(key):
                self._known.add(url)
                self.reused += 1
            else:
                missing[url] = key
        level = self.level
        drawn = parallel_map(functools.partial(draw, level=level), list(missing))
        for (url, key), image in zip(missing.items(), drawn, strict=True):
            self._keep(url, key, image)
            self.made += 1
        self._store.flush()

    def get(self, url: str) -> QrImage:
        if url in self._memory:
            return self._memory[url]
        key = cache_key(url, self.level)
        image = self._load(key, url)
        if image is None:
            image = draw(url, self.level)
            self._keep(url, key, image)
            self._store.flush()
            self.made += 1
        elif url not in self._known:
            self._known.add(url)
            self.reused += 1
        return image

    def _keep(self, url: str, key: str, image: QrImage) -> None:
        if self._store.folder is None:
            self._memory[url] = image
        else:
            self._store.put(key, (image.modules, image.path, image.png))
            self._known.add(url)

    def _load(self, key: str, url: str) -> QrImage | None:
        value = self._store.get(key)
        try:
            modules, path, png = value  # type: ignore[misc]
            return QrImage(url, int(modules), str(path), bytes(png))
        except (TypeError, ValueError):
            return None  # absent or damaged: draw it again

    def close(self) -> None:
        self._store.close()
