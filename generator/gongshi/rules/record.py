"""The publication record (公示记录): an append-only, hash-chained list of batches.

One JSON object per line (`content/publication-record.jsonl`), committed by
staff. Each entry carries the SHA-256 of the previous entry and of itself,
so altering or deleting an earlier entry breaks the chain and the build
refuses the record. A published report stays published until a withdrawal
entry (撤回) names it with a reason.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from gongshi.problems.errors import ProblemLog
from gongshi.rules.signing import PublicKey, Signer


@dataclass(frozen=True)
class PublishedUnit:
    round_id: str
    unit_id: str
    unit_name: str
    sha256: str = ""  # the exact bytes published (content/published/...); "" in entries before pinning
    changes: tuple[str, ...] = ()  # an update (进展更新): what moved forward, as shown publicly

    @property
    def key(self) -> tuple[str, str]:
        return (self.round_id, self.unit_id)


@dataclass(frozen=True)
class Batch:
    number: int
    date: dt.date
    published: tuple[PublishedUnit, ...]
    deferred: int
    hash: str
    rounds: tuple[str, ...] = ()  # the rounds a `--round` batch was limited to; empty: every round
    updated: tuple[PublishedUnit, ...] = ()  # published units whose progress this batch publishes
    pinned: tuple[PublishedUnit, ...] = ()  # units published before pinning, pinned as they stand now


@dataclass(frozen=True)
class Withdrawal:
    date: dt.date
    round_id: str
    unit_id: str
    unit_name: str
    reason: str
    hash: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.round_id, self.unit_id)


@dataclass(frozen=True)
class Revision:
    """A published report changed beyond progress (`gongshi revise`), with the reason shown publicly."""

    date: dt.date
    round_id: str
    unit_id: str
    unit_name: str
    reason: str
    sha256: str
    changes: tuple[str, ...]
    hash: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.round_id, self.unit_id)


@dataclass(frozen=True)
class Version:
    """One published version of a unit's report: its first publication, an update or a revision."""

    number: int  # 1, 2, 3 ... ; a pin of a unit published before pinning is no new version
    kind: str  # "publish", "update", "revision"
    date: dt.date
    batch: int | None  # the batch that published it; None for a revision
    sha256: str  # "" for a first publication before pinning existed
    reason: str = ""
    changes: tuple[str, ...] = ()


Entry = Batch | Withdrawal | Revision


@dataclass(frozen=True)
class Record:
    entries: tuple[Entry, ...] = ()
    # entry hash -> its Ed25519 signature (rules/signing.py); not part of the hash it signs
    signatures: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def signed(self, signer: Signer | None) -> Record:
        """The record with its last entry signed (unchanged without a signer or an entry)."""
        if signer is None or not self.entries:
            return self
        return Record(self.entries, MappingProxyType({**self.signatures, self.head: signer.sign(self.head)}))

    @property
    def batches(self) -> tuple[Batch, ...]:
        return tuple(e for e in self.entries if isinstance(e, Batch))

    @property
    def withdrawals(self) -> tuple[Withdrawal, ...]:
        return tuple(e for e in self.entries if isinstance(e, Withdrawal))

    def versions(self, key: tuple[str, str]) -> tuple[Version, ...]:
        return self._versions.get(key, ())

    def pin(self, key: tuple[str, str]) -> str:
        """The SHA-256 of the version the site shows; "" while the unit is not pinned yet."""
        found = self._versions.get(key, ())
        return found[-1].sha256 if found else ""

    @functools.cached_property
    def _versions(self) -> dict[tuple[str, str], tuple[Version, ...]]:
        found: dict[tuple[str, str], list[Version]] = {}
        for entry in self.entries:
            if isinstance(entry, Batch):
                for u in entry.published:
                    found.setdefault(u.key, []).append(
                        Version(1, "publish", entry.date, entry.number, u.sha256)
                    )
                for u in entry.pinned:
                    if found.get(u.key):
                        found[u.key][-1] = replace(found[u.key][-1], sha256=u.sha256)
                for u in entry.updated:
                    versions = found.setdefault(u.key, [])
                    versions.append(
                        Version(
                            len(versions) + 1, "update", entry.date, entry.number, u.sha256, "", u.changes
                        )
                    )
            elif isinstance(entry, Revision):
                versions = found.setdefault(entry.key, [])
                versions.append(
                    Version(
                        len(versions) + 1,
                        "revision",
                        entry.date,
                        None,
                        entry.sha256,
                        entry.reason,
                        entry.changes,
                    )
                )
        return {k: tuple(v) for k, v in found.items()}

    def all_pins(self) -> set[tuple[tuple[str, str], str]]:
        """Every (unit, SHA-256) the record pins: each must be in the archive."""
        return {(k, v.sha256) for k, versions in self._versions.items() for v in versions if v.sha256}

    @property
    def revisions(self) -> tuple[Revision, ...]:
        return tuple(e for e in self.entries if isinstance(e, Revision))

    @property
    def head(self) -> str:
        return self.entries[-1].hash if self.entries else ""

    @property
    def next_number(self) -> int:
        return len(self.batches) + 1

    @property
    def last_date(self) -> dt.date | None:
        return self.entries[-1].date if self.entries else None

    def first_batch(self, key: tuple[str, str]) -> Batch | None:
        return self._first_batches.get(key)

    @functools.cached_property
    def _first_batches(self) -> dict[tuple[str, str], Batch]:
        """Asked once per public report: a scan of every batch each time is quadratic."""
        first: dict[tuple[str, str], Batch] = {}
        for batch in self.batches:
            for unit in batch.published:
                first.setdefault(unit.key, batch)
        return first

    def withdrawal(self, key: tuple[str, str]) -> Withdrawal | None:
        return next((w for w in self.withdrawals if w.key == key), None)

    def public_keys(self) -> set[tuple[str, str]]:
        """Reports published in some batch and not withdrawn since."""
        return set(self._public_keys)

    @functools.cached_property
    def _public_keys(self) -> frozenset[tuple[str, str]]:  # asked for by every stage of a build
        shown: set[tuple[str, str]] = set()
        for entry in self.entries:
            if isinstance(entry, Batch):
                shown.update(u.key for u in entry.published)
            elif isinstance(entry, Withdrawal):
                shown.discard(entry.key)
        return frozenset(shown)

    def ever_published(self) -> set[tuple[str, str]]:
        return {u.key for b in self.batches for u in b.published}


def _digest(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _unit(u: PublishedUnit) -> dict[str, Any]:
    """A unit of a batch; `sha256` and `changes` only when there are some, so old entries keep their hashes."""
    found: dict[str, Any] = {"round": u.round_id, "unit": u.unit_id, "name": u.unit_name}
    if u.sha256:
        found["sha256"] = u.sha256
    if u.changes:
        found["changes"] = list(u.changes)
    return found


def _payload(entry: Entry, prev: str) -> dict[str, Any]:
    if isinstance(entry, Batch):
        payload: dict[str, Any] = {
            "type": "batch",
            "number": entry.number,
            "date": entry.date.isoformat(),
            "published": [_unit(u) for u in entry.published],
            "deferred": entry.deferred,
            "prev": prev,
        }
        if entry.rounds:  # optional: a batch of every round writes no key, as records always did
            payload["rounds"] = list(entry.rounds)
        if entry.updated:
            payload["updated"] = [_unit(u) for u in entry.updated]
        if entry.pinned:
            payload["pinned"] = [_unit(u) for u in entry.pinned]
        return payload
    if isinstance(entry, Revision):
        return {
            "type": "revision",
            "date": entry.date.isoformat(),
            "round": entry.round_id,
            "unit": entry.unit_id,
            "name": entry.unit_name,
            "reason": entry.reason,
            "sha256": entry.sha256,
            "changes": list(entry.changes),
            "prev": prev,
        }
    return {
        "type": "withdrawal",
        "date": entry.date.isoformat(),
        "round": entry.round_id,
        "unit": entry.unit_id,
        "name": entry.unit_name,
        "reason": entry.reason,
        "prev": prev,
    }


def dumps(record: Record) -> str:
    lines = []
    prev = ""
    for entry in record.entries:
        payload = _payload(entry, prev)
        payload["hash"] = entry.hash
        if entry.hash in record.signatures:
            payload["sig"] = record.signatures[entry.hash]
        lines.append(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
        prev = entry.hash
    return "".join(line + "\n" for line in lines)


def append_batch(
    record: Record,
    date: dt.date,
    published: list[PublishedUnit],
    deferred: int,
    rounds: tuple[str, ...] = (),
    updated: tuple[PublishedUnit, ...] = (),
    pinned: tuple[PublishedUnit, ...] = (),
) -> Record:
    """`rounds`: the rounds the batch was limited to (`build --batch --round`); empty for all.
    `updated`: progress updates of published units; `pinned`: units published before pinning."""
    batch = Batch(record.next_number, date, tuple(published), deferred, "", tuple(rounds), updated, pinned)
    digest = _digest(_payload(batch, record.head))
    return Record((*record.entries, replace(batch, hash=digest)), record.signatures)


def append_withdrawal(record: Record, date: dt.date, unit: PublishedUnit, reason: str) -> Record:
    draft = Withdrawal(date, unit.round_id, unit.unit_id, unit.unit_name, reason, "")
    digest = _digest(_payload(draft, record.head))
    return Record(
        (*record.entries, Withdrawal(date, unit.round_id, unit.unit_id, unit.unit_name, reason, digest)),
        record.signatures,
    )


def append_revision(
    record: Record, date: dt.date, unit: PublishedUnit, reason: str, changes: tuple[str, ...]
) -> Record:
    """`unit.sha256`: the revised bytes, archived beside the record."""
    draft = Revision(date, unit.round_id, unit.unit_id, unit.unit_name, reason, unit.sha256, changes, "")
    digest = _digest(_payload(draft, record.head))
    return Record((*record.entries, replace(draft, hash=digest)), record.signatures)


def parse_record(text: str, log: ProblemLog, public_key: PublicKey | None = None) -> Record | None:
    """Read and verify the chain, and the signatures when the portal has a public key; every broken
    entry is reported, then None."""
    entries: list[Entry] = []
    signatures: dict[str, str] = {}
    prev = ""
    start = len(log.problems)
    signed_since: int | None = None  # the line of the first signed entry
    last_line = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            entry = _entry(raw)
        except _NotAnEntry as exc:
            log.error(number, "record.syntax", case=exc.case, line=number, **exc.fields)
            return None
        except (ValueError, KeyError, TypeError) as exc:
            log.error(number, "record.syntax", case="json", line=number, error=str(exc))
            return None
        claimed = raw.get("hash")
        if raw.get("prev") != prev:
            log.error(number, "record.chain", line=number)
        elif _digest({k: v for k, v in raw.items() if k not in ("hash", "sig")}) != claimed:
            log.error(number, "record.altered", line=number)
        signature = raw.get("sig")
        if isinstance(signature, str):
            signatures[str(claimed)] = signature
            signed_since = number if signed_since is None else signed_since
            if public_key is None:
                log.error(number, "record.signed-without-key", line=number)
            elif not public_key.verifies(str(claimed), signature):
                log.error(number, "record.signature", line=number)
        elif public_key is not None and signed_since is not None:
            log.error(number, "record.unsigned", line=number)
        last_line = number
        if isinstance(entry, Batch) and entry.number != len([e for e in entries if isinstance(e, Batch)]) + 1:
            log.error(number, "record.number", line=number, batch=entry.number)
        if entries and entry.date < entries[-1].date:
            log.error(number, "record.date", line=number)
        entries.append(entry)
        prev = claimed
    if public_key is not None and entries and entries[-1].hash not in signatures and signed_since is None:
        log.error(last_line, "record.unsigned", line=last_line)  # a key, and an unsigned head: forged?
    if any(p.is_error for p in log.problems[start:]):
        return None
    return Record(tuple(entries), MappingProxyType(signatures))


class _NotAnEntry(ValueError):
    """JSON that is no record entry; `case` and `fields` pick the words of record.syntax."""

    def __init__(self, case: str, **fields: str):
        super().__init__(case)
        self.case = case
        self.fields = fields


def _entry(raw: Any) -> Entry:
    if not isinstance(raw, dict):
        raise _NotAnEntry("not-object")
    date = dt.date.fromisoformat(raw["date"])
    if raw["type"] == "batch":
        rounds = raw.get("rounds", [])
        if not isinstance(rounds, list):
            raise TypeError("rounds is not a list")
        return Batch(
            int(raw["number"]), date, _units(raw["published"]), int(raw["deferred"]), str(raw["hash"]),
            tuple(map(str, rounds)), _units(raw.get("updated", [])), _units(raw.get("pinned", [])),
        )  # fmt: skip
    if raw["type"] == "revision":
        return Revision(
            date, str(raw["round"]), str(raw["unit"]), str(raw["name"]), str(raw["reason"]),
            _sha(raw["sha256"]), tuple(map(str, raw.get("changes", []))), str(raw["hash"]),
        )  # fmt: skip
    if raw["type"] == "withdrawal":
        return Withdrawal(
            date, str(raw["round"]), str(raw["unit"]), str(raw["name"]), str(raw["reason"]), str(raw["hash"])
        )
    raise _NotAnEntry("unknown-type", type=repr(raw["type"]))


def _units(raw: Any) -> tuple[PublishedUnit, ...]:
    if not isinstance(raw, list):
        raise TypeError("a list of units is not a list")
    return tuple(
        PublishedUnit(
            str(u["round"]),
            str(u["unit"]),
            str(u["name"]),
            _sha(u.get("sha256", ""), optional=True),
            tuple(map(str, u.get("changes", []))),
        )
        for u in raw
    )


def _sha(value: Any, optional: bool = False) -> str:
    """A SHA-256 names a file in the archive: 64 lowercase hex digits, nothing else."""
    text = str(value)
    if (optional and text == "") or (len(text) == 64 and all(c in "0123456789abcdef" for c in text)):
        return text
    raise ValueError(f"not a SHA-256: {text!r}")


def is_prefix(earlier: Record, later: Record) -> bool:
    """True if `later` keeps every entry of `earlier` unchanged (it may add more)."""
    heads = [e.hash for e in later.entries]
    return heads[: len(earlier.entries)] == [e.hash for e in earlier.entries]
