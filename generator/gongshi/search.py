"""Chinese full-text search: a Pagefind index of the public output, and its vocabulary.

The index is made from the staging folder after Pelican has written it, so it
can only hold what is public: held units never reach that folder.

Pagefind's extended build segments Chinese with jieba when it indexes, but a
browser segments a query with its own dictionary (ICU), and the two disagree
(云山街道 is 云 + 山 + 街道 to ICU, 云山 + 街道 in the index). So the build also
writes the index's own words to `pagefind/gongshi-words.txt`, and the search
page splits a query against exactly those words (theme/static/js/).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import cbor2

from .buildcache import digest
from .errors import BuildError

BUNDLE = "pagefind"
WORDS_FILE = "gongshi-words.txt"
SIGNATURE = b"pagefind_dcd"
# Not shipped: the ready-made interfaces (the site has its own accessible page) and Pagefind's
# worker (the site runs Pagefind inside its own worker, theme/static/js/search-worker.js).
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js",
)  # fmt: skip
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MAX_WORD = 16  # longer "words" are whole titles Pagefind also indexes; a query never needs them
TIMEOUT = 600


@dataclass(frozen=True)
class SearchIndex:
    """What one indexing run produced, for the build summary and tests."""

    bundle: Path
    pages: int
    words: int  # Chinese words written to the vocabulary file


def pagefind_executable() -> Path:
    """The extended binary shipped in the `pagefind[extended]` wheel; only it segments Chinese."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise BuildError(
            "Search needs Pagefind's extended build: pip install 'pagefind[extended]' (see pyproject.toml)."
        ) from exc
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise BuildError(f"Pagefind's extended binary is missing from its package: {exc}") from exc


def index_site(site: Path) -> SearchIndex:
    """Index every page under `site` that marks its content with data-pagefind-body, offline."""
    command = [
        str(pagefind_executable()), "--site", str(site), "--output-subdir", BUNDLE,
        "--keep-index-url", "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"Pagefind could not index {site}: {exc}") from exc
    if done.returncode != 0:
        raise BuildError(f"Pagefind failed (exit {done.returncode}) indexing {site}:\n{done.stderr.strip()}")
    bundle = site / BUNDLE
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    words = vocabulary(bundle)
    (bundle / WORDS_FILE).write_text("".join(w + "\n" for w in words), encoding="utf-8")
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(lang["page_count"] for lang in entry["languages"].values())
    return SearchIndex(bundle, pages, len(words))


def index_site_cached(site: Path, cache: Path | None) -> bool:
    """Index, or reuse the index made last time from exactly the same pages. True if reused.

    Pagefind cannot update an index, so any changed page means a full run; an
    unchanged site (a rebuild after a change that touched no public page) costs a copy.
    """
    if cache is None:
        index_site(site)
        return False
    pages = sorted(site.rglob("*.html"))
    key = digest(
        version("pagefind"),
        *(part for p in pages for part in (p.relative_to(site).as_posix(), p.read_bytes())),
    )
    stored = cache / "search" / key
    if stored.is_dir():
        shutil.copytree(stored, site / BUNDLE)
        return True
    index_site(site)
    with contextlib.suppress(OSError):  # a read-only cache costs time, never correctness
        partial = stored.with_name(f".{key}.tmp-{os.getpid()}")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(site / BUNDLE, partial)
        partial.rename(stored)
    return False


def vocabulary(bundle: Path) -> list[str]:
    """Every Chinese word in the index, sorted: what a query may be split into."""
    words: set[str] = set()
    for path in sorted((bundle / "index").glob("*.pf_index")):
        chunk = decode(path)
        try:
            entries = chunk[0]
            words.update(entry[0] for entry in entries if isinstance(entry[0], str))
        except (IndexError, KeyError, TypeError) as exc:
            raise BuildError(f"{path}: not a Pagefind 1.5 index chunk; is pagefind pinned?") from exc
    return sorted(w for w in words if CJK.search(w) and len(w) <= MAX_WORD)


def decode(path: Path) -> object:
    """A Pagefind index file: gzip, a signature, then CBOR."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BuildError(f"{path}: no Pagefind signature; is pagefind pinned?")
    try:
        return cbor2.loads(data[len(SIGNATURE) :])
    except cbor2.CBORDecodeError as exc:
        raise BuildError(f"{path}: not a Pagefind index file ({exc}); is pagefind pinned?") from exc


def bundle_texts(bundle: Path) -> Iterator[tuple[Path, str]]:
    """Each compressed index file as text, so a test can scan what the index really holds."""
    for path in sorted(bundle.rglob("*")):
        if path.suffix in {".pf_index", ".pf_fragment", ".pf_meta", ".pf_filter"}:
            data = gzip.decompress(path.read_bytes())
            yield path, data.decode("utf-8", errors="replace")
