"""Chinese full-text search: Pagefind indexes of the public output, and their vocabulary.

The indexes are made from the staging folder after Pelican has written it, so
they can only hold what is public: held units never reach that folder.

Pagefind cannot update an index, and its time and memory grow with the pages
of one index. So the searchable pages are split into shards: a round's pages
stay together, rounds are packed into shards in the order of their ids (see
`plan_shards`; about 20 shards at most, of 128 units at least), and the
pages that are not a round's (method, batches) form the shard
`site`. A rebuild re-indexes only the shards whose pages changed and links the
others. In the browser, the `site` shard is Pagefind's primary index and the
others are merged into it; a query fetches its terms' part of every shard, so
more shards mean more fetches per search (docs/internals.md, "Search shards").

The changed shards are indexed by runs of Pagefind's CLI, one per core at a time.

Pagefind's extended build segments Chinese with jieba when it indexes, but a
browser segments a query with its own dictionary (ICU), and the two disagree
(云山街道 is 云 + 山 + 街道 to ICU, 云山 + 街道 in the index). So each shard also
keeps its words, the build writes them all to `pagefind/gongshi-words.txt`, and
the search page splits a query against exactly those words (theme/static/js/).
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import cbor2

from gongshi.infra.cache import digest
from gongshi.infra.parallel import workers
from gongshi.infra.staging import Stage, written
from gongshi.problems.errors import BuildError

BUNDLE = "pagefind"
SITE_SHARD = "site"  # the primary index: its folder also holds the engine (pagefind.js, WebAssembly)
SHARDS_FILE = "shards.json"
WORDS_FILE = "gongshi-words.txt"
TARGET_SHARDS = 20  # at most about this many report shards: each is one fetch per term in a search
MIN_SHARD = 128  # units; a shard's size is a power of two times this (see `shard_size`)
FORMAT = "1"  # bump when what a shard folder holds changes
SIGNATURE = b"pagefind_dcd"
# Not shipped: the ready-made interfaces (the site has its own accessible page), Pagefind's
# worker (the site runs Pagefind inside its own worker, theme/static/js/search-worker.js), and
# in merged shards the engine, which only the primary index loads.
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js",
)  # fmt: skip
ENGINE = ("pagefind.js", "wasm.unknown.pagefind", "wasm.zh-cn.pagefind", "wasm.zh.pagefind")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MAX_WORD = 16  # longer "words" are whole titles Pagefind also indexes; a query never needs them
TIMEOUT = 600
_ROUND_PAGE = re.compile(r"^rounds/([^/]+?)(?:\.html$|/)")


@dataclass(frozen=True)
class SearchIndex:
    """What indexing produced, for the build summary, the benchmark and tests."""

    shards: int
    indexed: int  # shards indexed by this build; the others were linked from the last one
    words: int  # Chinese words written to the vocabulary file
    pending: int = 0  # shards left as the last build indexed them, to be indexed by the next (`later`)

    @property
    def reused(self) -> bool:
        return self.indexed == 0


def pagefind_executable() -> Path:
    """The extended binary shipped in the `pagefind[extended]` wheel; only it segments Chinese.

    Not the `pagefind` package's own lookup: it obeys PAGEFIND_BINARY_PATH and falls back to
    the plain binary or one on PATH, which do not segment Chinese into words.
    """
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise BuildError.of("build.pagefind-missing", error=str(exc)) from exc
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise BuildError.of("build.pagefind-missing", error=str(exc)) from exc


def shard_size(total: int) -> int:
    """The units a report shard may weigh, for rounds weighing `total` units in all.

    The smallest of MIN_SHARD, twice that, four times…, that makes at most about
    TARGET_SHARDS shards: 128 at 1,000 units (two rounds of 50, about 85 pages a
    shard, re-indexed in under a second), 256 at 5,000. Being a power of two, it
    changes only when the total crosses a doubling (2,560, 5,120 units…); then
    every report shard is packed and indexed anew, once. Not smaller: each shard
    is one more fetch for every word a citizen searches, on a phone (32 units a
    shard, 21 shards at 1,000 units, made a one-word search fetch 220–430 KiB
    where 10 shards fetch 110–200 KiB; docs/internals.md, "Search shards").
    """
    size = MIN_SHARD
    while size * TARGET_SHARDS < total:
        size *= 2
    return size


def plan_shards(pages: Iterable[str], weights: Mapping[str, int] | None = None) -> dict[str, list[str]]:
    """The shard of each searchable page, by name; `site` always comes first.

    Rounds are packed in the order of their ids into shards of `shard_size` units,
    each round weighing as many units as its round file lists (`weights`; else as
    many pages as it has now). A round's weight changes only when its round file
    does, not as its units are published, so shards keep their rounds from build
    to build; a new round, its id sorting last, only grows the last shard or
    starts a new one (unless the total crosses a doubling of the size).
    """
    rounds: dict[str, list[str]] = {}
    shards: dict[str, list[str]] = {SITE_SHARD: []}
    for path in sorted(pages):
        match = _ROUND_PAGE.match(path)
        if match:
            rounds.setdefault(match.group(1), []).append(path)
        else:
            shards[SITE_SHARD].append(path)
    weight = {r: max(1, (weights or {}).get(r, len(paths))) for r, paths in rounds.items()}
    size = shard_size(sum(weight.values()))
    groups: list[list[str]] = []
    filled = size
    for round_id in sorted(rounds):
        if filled + weight[round_id] > size and filled:
            groups.append([])
            filled = 0
        groups[-1].append(round_id)
        filled += weight[round_id]
    width = max(2, len(str(len(groups) - 1)))  # r00…r99: a tenth shard renames none of the others
    for number, group in enumerate(groups):
        shards[f"r{number:0{width}d}"] = [p for round_id in group for p in rounds[round_id]]
    return shards


def index_site(
    stage: Stage, pages: Iterable[str], weights: Mapping[str, int] | None = None, later: bool = False
) -> SearchIndex:
    """Index the searchable pages of the stage, shard by shard, offline; link unchanged shards.

    `later` (a preview showing an edit at once): a changed shard the last build indexed is linked as
    it was, under its old key, so the next build without `later` indexes it again; only a shard that
    has no index yet is indexed now.
    """
    shards = plan_shards(pages, weights)
    engine = version("pagefind")
    before: dict[str, list[str]] = {}  # the last build's index files, by shard
    for path in stage.previous:
        if path.startswith(f"{BUNDLE}/") and path.count("/") > 1:
            before.setdefault(path.split("/", 2)[1], []).append(path)
    todo: list[tuple[str, list[str], str]] = []
    pending = 0
    for name, paths in shards.items():
        key = digest(FORMAT, engine, name, *(f"{p}\0{stage.files[p].sha256}" for p in paths))
        old = before.get(name, [])
        if _link_shard(stage, name, key, old):
            continue
        if later and old and _link_shard(stage, name, stage.previous[old[0]].key, old):
            pending += 1
            continue
        todo.append((name, paths, key))
    _index_shards(stage, todo)
    masks: dict[str, int] = {}
    for bit, name in enumerate(shards):
        for word in (stage.root / BUNDLE / name / WORDS_FILE).read_text(encoding="utf-8").split():
            masks[word] = masks.get(word, 0) | 1 << bit
    lines = "".join(f"{word}\t{masks[word]:x}\n" for word in sorted(masks))
    stage.write(f"{BUNDLE}/{WORDS_FILE}", lines.encode("utf-8"))
    stage.write(f"{BUNDLE}/{SHARDS_FILE}", (json.dumps(list(shards)) + "\n").encode("utf-8"))
    return SearchIndex(len(shards), len(todo), len(masks), pending)


def words_of(bundle: Path) -> dict[str, list[str]]:
    """The vocabulary file read back: each word with the names of the shards that hold it."""
    names = json.loads((bundle / SHARDS_FILE).read_text(encoding="utf-8"))
    found = {}
    for line in (bundle / WORDS_FILE).read_text(encoding="utf-8").splitlines():
        word, mask = line.split("\t")
        found[word] = [name for bit, name in enumerate(names) if int(mask, 16) >> bit & 1]
    return found


def _link_shard(stage: Stage, name: str, key: str, before: list[str]) -> bool:
    """Link the shard's files from the last build (`before`) if it indexed exactly these pages then."""
    files = [path for path in before if stage.previous[path].key == key]
    linked = list(itertools.takewhile(lambda path: stage.reuse(path, key) is not None, files))
    if files and len(linked) == len(files):
        return True
    shutil.rmtree(stage.root / BUNDLE / name, ignore_errors=True)  # some files were linked: start afresh
    for path in linked:
        del stage.files[path]
    return False


def _index_shards(stage: Stage, todo: list[tuple[str, list[str], str]]) -> None:
    """Index the shards in `todo`, one Pagefind run each, as many at once as there are cores,
    the largest first.

    A run costs about 0.25 s to start (its Chinese dictionary) and 5 ms a page. Pagefind's
    service, which starts once for many shards, was tried: it held 20–25 MB more than a run
    for the same shard and kept what it allocated from shard to shard (the whole build's peak
    at 5,000 units went from 456 MB to 549–623 MB), and it writes its files on background
    tasks after it answers, so a service stopped at once left an index file empty.
    """
    if not todo:
        return
    executable = pagefind_executable()
    ordered = sorted(todo, key=lambda job: (-len(job[1]), job[0]))
    with ThreadPoolExecutor(max(1, min(len(todo), workers()))) as pool:
        list(pool.map(lambda job: _index_shard(stage, executable, *job), ordered))


def _index_shard(stage: Stage, executable: Path, name: str, paths: list[str], key: str) -> None:
    command = [
        str(executable), "--site", str(stage.root), "--output-subdir", f"{BUNDLE}/{name}",
        "--glob", "{" + ",".join(paths) + "}" if len(paths) > 1 else paths[0],
        "--keep-index-url", "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(  # what Pagefind says goes into the error, whatever its bytes
            command, capture_output=True, text=True, errors="replace", timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError.of("build.pagefind", error=f"{name}: {exc}") from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip()[-500:]
        raise BuildError.of("build.pagefind", error=f"{name}: exit {done.returncode}: {said}")
    folder = stage.root / BUNDLE / name
    for unused in UNUSED + (() if name == SITE_SHARD else ENGINE):
        (folder / unused).unlink(missing_ok=True)
    (folder / WORDS_FILE).write_text("".join(w + "\n" for w in vocabulary(folder)), encoding="utf-8")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stage.add(path.relative_to(stage.root).as_posix(), written(path, key))


def vocabulary(bundle: Path) -> list[str]:
    """Every Chinese word in the index, sorted: what a query may be split into."""
    words: set[str] = set()
    for path in sorted((bundle / "index").glob("*.pf_index")):
        chunk = decode(path)
        try:
            entries = chunk[0]
            words.update(entry[0] for entry in entries if isinstance(entry[0], str))
        except (IndexError, KeyError, TypeError) as exc:
            raise BuildError.of("build.pagefind-format", path=str(path), error=repr(exc)) from exc
    return sorted(w for w in words if CJK.search(w) and len(w) <= MAX_WORD)


def decode(path: Path) -> object:
    """A Pagefind index file: gzip, a signature, then CBOR."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BuildError.of("build.pagefind-format", path=str(path), error="no signature")
    try:
        return cbor2.loads(data[len(SIGNATURE) :])
    except cbor2.CBORDecodeError as exc:
        raise BuildError.of("build.pagefind-format", path=str(path), error=str(exc)) from exc


def bundle_texts(bundle: Path) -> Iterator[tuple[Path, str]]:
    """Each compressed index file as text, so a test can scan what the index really holds."""
    for path in sorted(bundle.rglob("*")):
        if path.suffix in {".pf_index", ".pf_fragment", ".pf_meta", ".pf_filter"}:
            data = gzip.decompress(path.read_bytes())
            yield path, data.decode("utf-8", errors="replace")
