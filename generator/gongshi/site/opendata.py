"""Open data: the figures behind the pages as CSV, JSON and a Frictionless data package.

Rows are made from the public site's views, the same objects the HTML is
rendered from, so an export can never hold a unit, field or figure the
pages do not show: no held unit, no review note, no satisfaction rate
before its survey window has closed. Every row carries the as-of date
(统计日期), so a file copied on its own still says which day it is true for.
The tables' columns are declared in site/opendata_tables.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongshi.infra.cache import digest
from gongshi.infra.parallel import parallel_map
from gongshi.infra.staging import Stage, hashed
from gongshi.site import urls
from gongshi.site.opendata_tables import ITEMS, TABLES, UNITS, VERSIONS, Column, DataFile, Table
from gongshi.site.views import ReportView, RoundView, Site

UTF8_BOM = "\ufeff"  # so Excel on Chinese Windows reads UTF-8, not GBK

__all__ = [
    "ITEMS",
    "TABLES",
    "UNITS",
    "VERSIONS",
    "Column",
    "DataFile",
    "Table",
    "datapackage",
    "write_data_files",
]


def _rows(table: Table, view: ReportView) -> list[Any]:
    if table is UNITS:
        return [view]
    if table is VERSIONS:
        return [(view, version) for version in view.versions]
    return [(view, item) for item in view.items]


# A text cell starting with one of these is run as a formula by Excel and WPS (=HYPERLINK(…)); the
# OWASP rule: put an apostrophe before it, which the spreadsheet shows as text and does not run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # the JSON keeps the exact text
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# A JSON file is an array of objects, one per line: "[" "\n" record ",\n" record … "\n]\n", or "[]\n".
JSON_OPEN, JSON_FIRST, JSON_NEXT = "[", "\n", ",\n"
JSON_CLOSE, JSON_CLOSE_EMPTY = "\n]\n", "]\n"
CHUNK = 1 << 20  # bytes read at a time when a round's file is copied into the file for all rounds


class _Sink:
    """One output file written as rows arrive, its size and SHA-256 kept on the way."""

    def __init__(self, target: Path, path: str, table: Table, scope: str, kind: str):
        self.path, self.table, self.scope, self.kind = path, table, scope, kind
        self._handle = target.open("wb")
        self._hash = hashlib.sha256()
        self.size = 0
        self._records = 0
        self._write(_head(table, kind))

    def _write(self, text: str | bytes) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        self._handle.write(data)
        self._hash.update(data)
        self.size += len(data)

    def add(self, csv_rows: str, json_records: list[str]) -> None:
        if self.kind == "csv":
            self._write(csv_rows)
            self._records += len(json_records)  # one record per CSV row
            return
        for record in json_records:
            self._write((JSON_FIRST if self._records == 0 else JSON_NEXT) + record)
            self._records += 1

    def add_file(self, source: Path, size: int, rows: int) -> None:
        """The rows of another file of the same table and kind, as written there, copied in chunks."""
        if not rows:
            return
        if self.kind == "csv":
            start, end = len(_head(self.table, "csv").encode("utf-8")), size
        else:
            self._write(JSON_FIRST if self._records == 0 else JSON_NEXT)
            start, end = len(JSON_OPEN + JSON_FIRST), size - len(JSON_CLOSE)
        with source.open("rb") as handle:
            handle.seek(start)
            left = end - start
            while left > 0:
                chunk = handle.read(min(CHUNK, left))
                if not chunk:
                    raise OSError(f"{source} is shorter than the {size} bytes recorded for it")
                self._write(chunk)
                left -= len(chunk)
        self._records += rows

    def close(self) -> DataFile:
        if self.kind == "json":
            self._write(JSON_CLOSE if self._records else JSON_CLOSE_EMPTY)
        self._handle.close()
        return DataFile(
            self.path,
            self.table,
            self.scope,
            self.size,
            self._hash.hexdigest(),
            _media(self.kind),
            self._records,
        )


def _head(table: Table, kind: str) -> str:
    return UTF8_BOM + ",".join(c.name for c in table.columns) + "\r\n" if kind == "csv" else JSON_OPEN


def _media(kind: str) -> str:
    return "text/csv" if kind == "csv" else "application/json"


def encode_rows(table: Table, view: ReportView) -> tuple[str, list[str]]:
    """A view's rows as CSV text and JSON records, computed once for every file that holds them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    records = []
    for row in _rows(table, view):
        values = [c.value(row) for c in table.columns]
        writer.writerow(_csv_cell(v) for v in values)
        records.append(json.dumps({c.name: _json_value(v) for c, v in zip(table.columns, values, strict=True)},
                                  ensure_ascii=False))  # fmt: skip
    return buffer.getvalue(), records


def schema(table: Table) -> dict[str, Any]:
    fields = []
    for c in table.columns:
        field: dict[str, Any] = {
            "name": c.name,
            "title": c.title,
            "type": c.type,
            "description": c.description,
        }
        if c.type == "date":
            field["format"] = "default"
        if c.enum:
            field["constraints"] = {"enum": list(c.enum)}
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


KINDS = ("csv", "json")
ALL_ROUNDS = "全部轮次"  # the scope of the files that hold every round


@dataclass(frozen=True)
class _RoundFile:
    table: Table
    kind: str
    path: str
    key: str | None  # what the file was made under; None: not cached


def write_data_files(
    site: Site,
    stage: Stage,
    package: Mapping[str, Any],
    round_key: Callable[[RoundView], str | None] = lambda _rv: None,
    base_key: str | None = None,
    later: bool = False,
) -> list[DataFile]:
    """Write every open-data file into the stage; datapackage.json last (it describes the others).

    `later` (a preview showing an edit at once): the files for all rounds are linked as the last
    build made them, under their old keys, so the next build without `later` makes them again;
    at 5,000 units putting them together is a sixth of a preview rebuild.

    A round's files whose key (`round_key`: everything that shapes them) is
    unchanged are linked from the last build; the files for all rounds are
    then put together from the rounds' files, byte for byte what writing
    every row again would give. Rows are streamed: memory stays flat.
    `base_key` is everything global that shapes every file (code, theme,
    settings); None caches none of the files for all rounds.
    """

    def plan(rv: RoundView, key: str | None) -> list[_RoundFile]:
        files = []
        for t in TABLES:
            for kind in KINDS:
                path = f"{urls.DATA_DIR}/{rv.round.id}/{t.name}.{kind}"
                files.append(_RoundFile(t, kind, path, key and digest(key, path)))
        return files

    round_keys = [round_key(rv) for rv in site.rounds]
    planned = [plan(rv, key) for rv, key in zip(site.rounds, round_keys, strict=True)]

    def write_round(index: int) -> list[tuple[int, str, int]]:  # in a forked worker when there are many
        """(size, SHA-256, rows) of each of the round's files: plain values cross back, tables do not."""
        rv = site.rounds[index]
        sinks = [_Sink(stage.fresh(f.path), f.path, f.table, rv.round.name, f.kind) for f in planned[index]]
        for view in rv.reports:
            for table in TABLES:
                encoded = encode_rows(table, view)
                for sink in sinks:
                    if sink.table is table:
                        sink.add(*encoded)
        return [(f.size, f.sha256, f.rows) for f in (sink.close() for sink in sinks)]

    per_round: dict[int, list[DataFile]] = {}
    for index, rv in enumerate(site.rounds):
        reused = [stage.reuse(f.path, f.key) for f in planned[index]]
        if all(w is not None for w in reused):
            per_round[index] = [
                DataFile(f.path, f.table, rv.round.name, w.size, w.sha256, _media(f.kind), w.rows)
                for f, w in zip(planned[index], reused, strict=True)
                if w is not None
            ]
    todo = [index for index in range(len(site.rounds)) if index not in per_round]
    for index, sizes in zip(todo, parallel_map(write_round, todo, min_items=4), strict=True):
        rv = site.rounds[index]
        per_round[index] = [
            DataFile(f.path, f.table, rv.round.name, size, sha, _media(f.kind), rows)
            for f, (size, sha, rows) in zip(planned[index], sizes, strict=True)
        ]
        for f, made in zip(planned[index], per_round[index], strict=True):
            stage.add(made.path, hashed(stage.root / made.path, made.sha256, f.key or "", made.rows))
    # Every round's key, and the base for what all rounds share: with no round shown yet, the files
    # for all rounds are still header-only files of this build's columns, not of the last build's.
    cached = bool(base_key) and all(round_keys)
    whole = digest(base_key, ALL_ROUNDS, *round_keys) if cached else None  # type: ignore[arg-type]
    by_file: dict[tuple[Table, str], list[DataFile]] = {}
    for index in sorted(per_round):
        for f, made in zip(planned[index], per_round[index], strict=True):
            by_file.setdefault((f.table, f.kind), []).append(made)
    files: list[DataFile] = []
    for t in TABLES:
        for kind in KINDS:
            path = f"{urls.DATA_DIR}/{t.name}.{kind}"
            key = whole and digest(whole, path)
            linked = stage.reuse(path, key)
            if linked is None and later and path in stage.previous:
                linked = stage.reuse(path, stage.previous[path].key)
            if linked is not None:
                files.append(
                    DataFile(path, t, ALL_ROUNDS, linked.size, linked.sha256, _media(kind), linked.rows)
                )
                continue
            sink = _Sink(stage.fresh(path), path, t, ALL_ROUNDS, kind)
            for made in by_file.get((t, kind), ()):
                sink.add_file(stage.root / made.path, made.size, made.rows)
            files.append(sink.close())
            stage.add(path, hashed(stage.root / path, files[-1].sha256, key or "", files[-1].rows))
    files += [f for index in sorted(per_round) for f in per_round[index]]
    descriptor = datapackage(site, files, package)
    stage.write(urls.DATAPACKAGE, descriptor)
    digest_ = hashlib.sha256(descriptor).hexdigest()
    files.append(
        DataFile(urls.DATAPACKAGE, None, "全部文件的说明", len(descriptor), digest_, "application/json")
    )
    return files


EMPTY_JSON = "目前没有数据（空数组 []）；有单位公示后为与 schema 相同列的对象数组。"


def datapackage(site: Site, files: list[DataFile], package: Mapping[str, Any]) -> bytes:
    """The package descriptor; a tabular-data-package only while every resource is a table."""
    batch = site.batches[-1].batch if site.batches else None
    resources = [_resource(f) for f in files]
    tabular = all(r["profile"] == "tabular-data-resource" for r in resources)
    descriptor = {
        "profile": "tabular-data-package" if tabular else "data-package",
        "name": package["name"],
        "title": site.settings.site_name,
        "description": "已公示的巡察整改情况：各单位整改进展与整改台账。只含网站公开展示的单位和数据。",
        "created": f"{site.as_of.isoformat()}T00:00:00+08:00",
        "as_of": site.as_of.isoformat(),
        "batch": batch.number if batch else None,
        "batch_date": batch.date.isoformat() if batch else None,
        "licenses": [dict(package["license"])],
        "contributors": [dict(package["contact"], role="publisher")],
        "resources": resources,
    }
    text = json.dumps(descriptor, ensure_ascii=False, indent=2)
    # Each schema is written once a table and put in place of its stand-in: dumping a schema per
    # file was most of a preview rebuild's open data at 5,000 units (200 files).
    for table in TABLES:
        placed = json.dumps(schema(table), ensure_ascii=False, indent=2).replace("\n", "\n" + " " * 6)
        text = text.replace(json.dumps(_SCHEMA.format(table.name)), placed)
    return (text + "\n").encode("utf-8")


_SCHEMA = "\0schema of {}\0"  # a resource's schema, written in by `datapackage`


def _resource(f: DataFile) -> dict[str, Any]:
    """One file's entry. An empty JSON table is declared a plain JSON resource, its schema kept:
    validators read a JSON table's columns from its first row, so `[]` cannot be a valid table,
    while a CSV keeps its header row and stays a table with no rows."""
    assert f.table is not None
    csv_file = f.path.endswith(".csv")
    table = csv_file or f.rows > 0
    resource: dict[str, Any] = {
        "name": f.path.removeprefix(f"{urls.DATA_DIR}/").replace("/", "-").replace(".", "-"),
        "path": f.path.removeprefix(f"{urls.DATA_DIR}/"),
        "title": f"{f.table.title}（{f.scope}）",
        "description": f.table.description + ("" if table else EMPTY_JSON),
        "profile": "tabular-data-resource" if table else "data-resource",
        "format": f.path.rsplit(".", 1)[1],
        "mediatype": f.media_type,
        "encoding": "utf-8-sig" if csv_file else "utf-8",
        "schema": _SCHEMA.format(f.table.name),
    }
    if csv_file:  # validators count bytes of text files only
        resource["bytes"] = f.size
        resource["hash"] = "sha256:" + f.sha256
        resource["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}
    return resource
