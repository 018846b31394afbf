"""QR codes for survey links: one matrix, drawn as an SVG path and as a PNG.

Codes use error correction M or better and the standard four-module quiet
zone, so a phone still reads a poster that is scuffed or photographed at an
angle. The output is byte-stable (same URL and settings, same bytes), and a
cache keyed on everything that shapes the bytes makes unchanged units free.

The matrix is qrcode's, made by `qrmatrix` in a fraction of qrcode's time;
the path and the PNG are drawn from its rows as strings of bits, with the
same bytes as drawing module by module.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import qrcode
import qrcode.constants
import qrcode.exceptions
from PIL import Image

from gongshi.content.model import Round
from gongshi.infra.cache import FileCache
from gongshi.infra.parallel import parallel_map
from gongshi.problems.errors import Problem, ProblemLog
from gongshi.surveys import qrmatrix
from gongshi.surveys.links import SurveyLinks

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


def draw(url: str, level: str) -> QrImage:
    """The code for `url`: SVG path and PNG, from one matrix."""
    n, rows = qrmatrix.matrix_rows(url, LEVELS[level])
    lines = [format(row, f"0{n}b")[::-1] for row in rows]  # column c is character c; "1" is dark
    return QrImage(url, n + 2 * QUIET_ZONE, _svg_path(lines), _png(lines))


# The end of a run's subpath, by its width: the widest symbol (version 40) is 177 modules.
_RUN_TAIL = tuple(f"{width}v1h-{width}z" for width in range(178))


def _svg_path(lines: list[str]) -> str:
    """One subpath per horizontal run of dark modules: compact and exact."""
    parts: list[str] = []
    for y, line in enumerate(lines, start=QUIET_ZONE):
        x = QUIET_ZONE
        row = f" {y}h"
        for run in line.split("0"):  # the runs of dark modules, each after one light module
            if run:
                parts.append(f"M{x}{row}{_RUN_TAIL[len(run)]}")
                x += len(run)
            x += 1
    return "".join(parts)


def _pixels(digit: int) -> str:
    """Four modules (a hex digit's bits, set is light) as 4 * PNG_SCALE pixels, in hex digits."""
    bits = "".join(("1" if digit >> (3 - i) & 1 else "0") * PNG_SCALE for i in range(4))
    return format(int(bits, 2), f"0{PNG_SCALE}x")


_SPREAD = str.maketrans({f"{digit:x}": _pixels(digit) for digit in range(16)})


def _png(lines: list[str]) -> bytes:
    """The modules scaled up PNG_SCALE times; the same pixels (and bytes) as drawing and resizing.

    Each row of modules becomes a row of pixels by string translation, not pixel by pixel.
    """
    modules = len(lines) + 2 * QUIET_ZONE
    width = modules * PNG_SCALE
    stride = 2 * -(-width // 8)  # hex digits a pixel row takes: 1-bit rows are whole bytes
    digits = max(-(-modules // 4), -(-stride // PNG_SCALE))  # hex digits of modules that cover it
    light = (1 << (4 * digits)) - 1
    quiet = "0" * QUIET_ZONE
    pad = "0" * (4 * digits - modules)
    white = "f" * stride * QUIET_ZONE * PNG_SCALE
    rows = [white]
    for line in lines:
        spaced = int(quiet + line + quiet + pad, 2) ^ light
        rows.append(format(spaced, f"0{digits}x").translate(_SPREAD)[:stride] * PNG_SCALE)
    rows.append(white)
    image = Image.frombytes("1", (width, width), bytes.fromhex("".join(rows)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # Pillow writes no timestamp: same pixels, same bytes
    return buffer.getvalue()


@functools.cache
def _renderer() -> str:
    """Everything besides URL and level that shapes the bytes; looked up once per process."""
    return "|".join((RENDER_VERSION, version("qrcode"), version("pillow"), str(QUIET_ZONE), str(PNG_SCALE)))


SURE_TO_FIT = 1000  # characters a QR code holds at every level (level H at version 40: 1,273 bytes)


def check_links_fit(rounds: Iterable[Round], links: SurveyLinks, level: str, problems: list[Problem]) -> None:
    """A link no QR code can hold (a template pasted twice, a platform's long form) is an error
    naming the round file and the unit, before any code is drawn."""
    for round_ in rounds:
        for unit in round_.units:
            url = links.url(round_.id, unit.id)
            if url is not None and len(url) > SURE_TO_FIT and not fits(url, level):
                ProblemLog(round_.source, problems).error(
                    None, "survey.link-too-long", round=round_.id, unit=unit.id, length=len(url), level=level
                )


def fits(url: str, level: str) -> bool:
    """Whether a QR code at this level can hold the link at all (version 40 is the largest)."""
    try:
        qrmatrix.unmasked(url, LEVELS[level])
    except qrcode.exceptions.DataOverflowError:
        return False
    return True


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
