"""Chinese full-text search: Pagefind indexes of the public output, and their vocabulary.

The indexes are made from the staging folder after Pelican has written it, so
they can only hold what is public: held units never reach that folder.

Pagefind cannot update an index, and its time and memory grow with the pages
of one index. So the searchable pages are split into shards: a round's pages
stay together, rounds are packed into shards in the order of their ids (see
`plan_shards`; about 20 shards at most, of one round of 50 units at 1,000
units), and the pages that are not a round's (method, batches) form the shard
`site`. A rebuild re-indexes only the shards whose pages changed and links the
others. In the browser, the `site` shard is Pagefind's primary index and the
others are merged into it; a query fetches its terms' part of every shard, so
more shards mean more fetches per search (docs/internals.md, "Search shards").

The changed shards are indexed by Pagefind running as a service (`_Service`),
one process per core, each indexing its share one shard after another: starting
Pagefind costs more than indexing a small shard. The files are byte for byte
those of its CLI for the same pages.

Pagefind's extended build segments Chinese with jieba when it indexes, but a
browser segments a query with its own dictionary (ICU), and the two disagree
(云山街道 is 云 + 山 + 街道 to ICU, 云山 + 街道 in the index). So each shard also
keeps its words, the build writes them all to `pagefind/gongshi-words.txt`, and
the search page splits a query against exactly those words (theme/static/js/).
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
import queue
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path, PurePosixPath

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
SERVICE_PAGES = 300  # pages one Pagefind service indexes before it is started afresh (`_shares`)
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

    Not `pagefind.service.get_executable`: it obeys PAGEFIND_BINARY_PATH and falls back to
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
    """Index the shards in `todo`: one Pagefind service per core, each indexing its share in turn.

    Starting Pagefind (its Chinese dictionary) costs about 0.25 s, a shard in a running service
    about 0.04 s plus its pages; a service answers one request at a time, so two cores need two.
    Shards go largest first to the least loaded service.
    """
    if not todo:
        return
    executable = pagefind_executable()
    lanes: list[list[tuple[str, list[str], str]]] = [[] for _ in range(min(len(todo), workers()))]
    for job in sorted(todo, key=lambda job: (-len(job[1]), job[0])):
        min(lanes, key=lambda lane: sum(len(paths) for _, paths, _ in lane)).append(job)
    failed = threading.Event()

    def run(lane: list[tuple[str, list[str], str]]) -> None:
        try:
            for share in _shares(lane):
                with _Service(executable, share[0][0]) as service:
                    for name, paths, key in share:
                        if failed.is_set():
                            return
                        service.index(stage.root, stage.root / BUNDLE / name, paths, name)
                        _keep_shard(stage, name, key)
        except Exception:  # the others stop before their next shard
            failed.set()
            raise

    with ThreadPoolExecutor(len(lanes)) as pool:
        for done in [pool.submit(run, lane) for lane in lanes]:
            done.result()


def _shares(lane: list[tuple[str, list[str], str]]) -> list[list[tuple[str, list[str], str]]]:
    """The lane's shards in runs of at most SERVICE_PAGES pages (one shard at least), each indexed
    by a service of its own: a service keeps what it allocated, and its memory grew from 190 MB
    after one shard of 210 pages to 255 MB after eight (two services: the whole build's peak went
    from 456 MB to 623 MB at 5,000 units)."""
    shares: list[list[tuple[str, list[str], str]]] = []
    pages = SERVICE_PAGES
    for job in lane:
        if pages + len(job[1]) > SERVICE_PAGES:
            shares.append([])
            pages = 0
        shares[-1].append(job)
        pages += len(job[1])
    return shares


def _keep_shard(stage: Stage, name: str, key: str) -> None:
    """A shard written from Pagefind's answer (without what is not shipped): add its words, stage it."""
    folder = stage.root / BUNDLE / name
    (folder / WORDS_FILE).write_text("".join(w + "\n" for w in vocabulary(folder)), encoding="utf-8")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stage.add(path.relative_to(stage.root).as_posix(), written(path, key))


class _Service:
    """One `pagefind --service` process: a request in, its answer out, one at a time.

    The protocol is the one the `pagefind` Python package speaks (JSON in base64, each message
    ended by a comma), spoken here directly: that package's client polls for each answer every
    0.1 s (0.4 s a shard, more than starting the CLI) and never gives up waiting.
    """

    def __init__(self, executable: Path, shard: str) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by __exit__): never a pipe nobody drains
        try:
            self._process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
            )
        except OSError as exc:
            self._errors.close()
            raise BuildError.of("build.pagefind", error=f"{shard}: {exc}") from exc
        self._answers: queue.Queue[bytes | None] = queue.Queue()
        self._sent = 0
        threading.Thread(target=self._read, daemon=True).start()

    def __enter__(self) -> _Service:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            assert self._process.stdin is not None
            self._process.stdin.close()  # at the end of its input the service exits
            self._process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        self._errors.close()

    def index(self, site: Path, output: Path, paths: list[str], shard: str) -> None:
        """Index `paths` (relative to `site`) as one index written to `output`, as the CLI would."""
        made = self._ask({"type": "NewIndex", "config": {"keep_index_url": True}}, shard)
        index = {"index_id": made["index_id"]}
        glob = "{" + ",".join(paths) + "}" if len(paths) > 1 else paths[0]
        added = self._ask({"type": "AddDir", **index, "path": str(site), "glob": glob}, shard)
        if added.get("page_count") != len(paths):
            raise self._failed(shard, f"{added.get('page_count')} of {len(paths)} pages indexed")
        # The files come back in the answer and are written here: the service writes files on
        # background tasks after it answers WriteFiles, and exits at the end of its input without
        # waiting for them (an index file came out empty, now and then).
        answer = self._ask({"type": "GetFiles", **index}, shard)
        files = answer.get("files")
        if not isinstance(files, list):
            raise self._failed(shard, f"no files in {str(answer)[:80]}")
        skipped = UNUSED + (() if shard == SITE_SHARD else ENGINE)
        for made in files:
            relative = PurePosixPath(str(made.get("path", "")))
            if relative.is_absolute() or ".." in relative.parts or not relative.parts:
                raise self._failed(shard, f"a file outside the index: {relative}")
            if relative.as_posix() in skipped:
                continue
            target = output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(str(made.get("content", ""))))
        self._ask({"type": "DeleteIndex", **index}, shard)

    def _ask(self, payload: dict[str, object], shard: str) -> dict[str, object]:
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
        try:
            assert self._process.stdin is not None
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
            answer = self._answers.get(timeout=TIMEOUT)
        except OSError as exc:
            raise self._failed(shard, str(exc)) from exc
        except queue.Empty:
            raise self._failed(shard, f"no answer in {TIMEOUT} s") from None
        if answer is None:
            raise self._failed(shard, f"exit {self._process.wait()}")
        try:
            reply = json.loads(base64.b64decode(answer))
            result: dict[str, object] = reply["payload"]
        except (ValueError, TypeError, KeyError) as exc:
            raise self._failed(shard, f"unreadable answer: {answer[:80]!r}") from exc
        if result.get("type") == "Error" or reply.get("message_id") != self._sent:
            raise self._failed(shard, str(result.get("message", result)))
        return result

    def _read(self) -> None:
        assert self._process.stdout is not None
        pending = bytearray()
        while chunk := self._process.stdout.read1(1 << 16):
            start = len(pending)  # an index's files make answers of megabytes: look in what is new
            pending += chunk
            while (end := pending.find(b",", start)) >= 0:
                self._answers.put(bytes(pending[:end]))
                del pending[: end + 1]
                start = 0
        self._answers.put(None)

    def _failed(self, shard: str, what: str) -> BuildError:
        """Stop the service; the error names the shard, what went wrong and what Pagefind said."""
        self._process.kill()
        self._process.wait()
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", errors="replace").strip()[-500:]
        return BuildError.of("build.pagefind", error=f"{shard}: {what}" + (f": {said}" if said else ""))


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
