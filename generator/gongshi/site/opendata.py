"""Open data: the figures behind the pages as CSV, JSON and a Frictionless data package.

Rows are made from the public site's views, the same objects the HTML is
rendered from, so an export can never hold a unit, field or figure the
pages do not show: no held unit, no review note, no satisfaction rate
before its survey window has closed. Every row carries the as-of date
(统计日期), so a file copied on its own still says which day it is true for.
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

from gongshi.content.model import Kind, ReviewOutcome, RoundType, Status
from gongshi.infra.cache import digest
from gongshi.infra.parallel import parallel_map
from gongshi.infra.staging import Stage, hashed
from gongshi.site import urls
from gongshi.site.views import ReportView, RoundView, Site

UTF8_BOM = "\ufeff"  # so Excel on Chinese Windows reads UTF-8, not GBK


@dataclass(frozen=True)
class Column:
    name: str
    title: str  # 中文列名
    type: str  # Table Schema type
    description: str
    value: Callable[[Any], Any]
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the site root
    table: Table | None  # None for datapackage.json itself
    scope: str  # "全部轮次" or the round's name
    size: int
    sha256: str
    media_type: str
    rows: int = 0  # data rows (not the CSV header)


def _enum(values: type) -> tuple[str, ...]:
    return tuple(v.value for v in values)


def _survey(view: ReportView, attribute: str) -> Any:
    panel = view.survey
    result = panel.result if panel is not None else None  # only a final result large enough to show
    if result is None:
        return None
    return result.rate_percent if attribute == "rate" else getattr(result, attribute)


def _window(view: ReportView, end: bool) -> dt.date | None:
    window = view.round.survey
    return None if window is None else (window.end if end else window.start)


def _as_of_column(value: Callable[[Any], dt.date]) -> Column:
    """统计日期 on every row, as GAO's recommendation tables carry a "status as of" date:
    a file saved on its own still says which day its overdue counts and rates are for."""
    return Column("as_of", "统计日期", "date",
                  "本行数据的统计日期：逾期项数、逾期天数、整改完成率等都截至这一天；同一文件中每行相同。", value)  # fmt: skip


UNITS = Table(
    "units",
    "公示单位",
    "每行一个已公示单位在一个巡察轮次的整改情况。",
    (
        _as_of_column(lambda v: v.as_of),
        Column("round_id", "轮次编号", "string", "巡察轮次的编号。", lambda v: v.round.id),
        Column("round_name", "巡察轮次", "string", "巡察轮次的名称。", lambda v: v.round.name),
        Column("round_type", "巡察类型", "string", "常规、专项或回头看。", lambda v: v.round.type.value, _enum(RoundType)),
        Column("unit_id", "单位编号", "string", "被巡察单位的编号，跨轮次不变。", lambda v: v.report.unit_id),
        Column("unit_name", "被巡察单位", "string", "被巡察单位（党组织）名称。", lambda v: v.report.unit_name),
        Column("report_title", "报告标题", "string", "整改进展情况报告的标题。", lambda v: v.report.title),
        Column("report_date", "报告日期", "date", "整改报告的日期。", lambda v: v.report.date),
        Column("review_result", "会审结果", "string", "整改质量联合会审的结果；公示的报告都已会审通过。",
               lambda v: v.report.review.outcome.value, (ReviewOutcome.PASSED.value,)),
        Column("review_date", "会审日期", "date", "联合会审的日期。", lambda v: v.report.review.date),
        Column("reviewers", "会审单位", "string", "参加联合会审的单位。", lambda v: v.report.review.reviewers),
        Column("items_total", "反馈问题总数", "integer", "整改台账中的问题（事项）总数。", lambda v: v.metrics.total),
        Column("items_done", "已完成", "integer", "已完成的事项数：状态为“已完成”或“已完成并长期坚持”（设置为计入时，也含“基本完成”“阶段性完成”）。", lambda v: v.metrics.done),
        Column("items_in_progress", "推进中", "integer", "状态为“推进中”的事项数。", lambda v: v.metrics.by_status[Status.IN_PROGRESS]),
        Column("items_not_started", "未启动", "integer", "状态为“未启动”的事项数。", lambda v: v.metrics.by_status[Status.NOT_STARTED]),
        Column("items_immediate", "立行立改", "integer", "类型为“立行立改”的事项数。", lambda v: v.metrics.by_kind[Kind.IMMEDIATE]),
        Column("items_deadline", "限期整改", "integer", "类型为“限期整改”的事项数。", lambda v: v.metrics.by_kind[Kind.DEADLINE]),
        Column("items_long_term", "长期坚持", "integer", "类型为“长期坚持”的事项数。", lambda v: v.metrics.by_kind[Kind.LONG_TERM]),
        Column("long_term_ongoing", "长期坚持、持续推进", "integer", "长期坚持且尚未完成的事项数。", lambda v: v.metrics.long_term_ongoing),
        Column("completion_rate", "整改完成率（%）", "number", "已完成问题 ÷ 问题总数 × 100，四舍五入保留两位小数；台账未把问题分成任务时即已完成 ÷ 反馈问题总数。",
               lambda v: v.metrics.completion_percent),
        Column("overdue_items", "逾期未整改（项）", "integer", "立行立改、限期整改事项中超过整改时限仍未完成的项数（截至统计日期）。",
               lambda v: v.metrics.overdue_count),
        Column("rules_made", "建章立制（项）", "integer", "报告所述新建或修订的制度数；报告未写则为空。", lambda v: v.report.figures.rules_made),
        Column("accountable", "问责（人）", "integer", "报告所述问责人数；报告未写则为空。", lambda v: v.report.figures.accountable),
        Column("funds_recovered", "挽回经济损失（万元）", "number", "报告所述挽回或追缴的资金；报告未写则为空。",
               lambda v: v.report.figures.funds_recovered),
        Column("survey_start", "测评开始日期", "date", "群众满意度测评开始日期；本轮无测评则为空。", lambda v: _window(v, end=False)),
        Column("survey_end", "测评截止日期", "date", "群众满意度测评截止日期；本轮无测评则为空。", lambda v: _window(v, end=True)),
        Column("satisfaction_rate", "群众满意率（%）", "number",
               "（满意 + 基本满意）÷ 有效样本 × 100，保留两位小数；哪些答案计为满意、基本满意，哪些（如“不了解”）不计入样本，由各轮测评设置决定，见“计算方法”页。测评结束且样本足够后才公布，此前为空。",
               lambda v: _survey(v, "rate")),
        Column("survey_responses", "有效样本（份）", "integer", "计入满意率的答卷数；与满意率同时公布。", lambda v: _survey(v, "responses")),
        Column("satisfied", "满意（份）", "integer", "计为“满意”的答卷数（本轮设置可包括“非常满意”等）；与满意率同时公布。", lambda v: _survey(v, "satisfied")),
        Column("basically_satisfied", "基本满意（份）", "integer", "计为“基本满意”的答卷数（本轮设置可为“较满意”等）；与满意率同时公布。", lambda v: _survey(v, "basically")),
        Column("dissatisfied", "不满意（份）", "integer", "计为“不满意”的答卷数（本轮设置可包括“一般”等）；与满意率同时公布。", lambda v: _survey(v, "dissatisfied")),
        Column("first_batch", "首次公示批次", "integer", "该报告首次公示的批次号。", lambda v: v.first_batch.number if v.first_batch else None),
        Column("first_batch_date", "首次公示日期", "date", "该批次的公示日期。", lambda v: v.first_batch.date if v.first_batch else None),
        Column("page", "页面", "string", "该报告公示页面的地址（相对网站根目录）。", lambda v: v.url),
        Column("problems_total", "问题总数（个）", "integer", "反馈问题数：一个问题分成几项整改任务时算一个；台账未分组时等于反馈问题总数。",
               lambda v: v.metrics.problems),
        Column("problems_done", "已完成问题（个）", "integer", "全部整改任务都已完成的问题数。", lambda v: v.metrics.problems_done),
    ),
)  # fmt: skip

ITEMS = Table(
    "items",
    "整改台账事项",
    "每行一个已公示单位整改台账中的一项问题及其整改情况。",
    (
        _as_of_column(lambda r: r[0].as_of),
        Column("round_id", "轮次编号", "string", "巡察轮次的编号。", lambda r: r[0].round.id),
        Column("unit_id", "单位编号", "string", "被巡察单位的编号。", lambda r: r[0].report.unit_id),
        Column("unit_name", "被巡察单位", "string", "被巡察单位（党组织）名称。", lambda r: r[0].report.unit_name),
        Column("number", "序号", "integer", "事项在台账中的序号。", lambda r: r[1].item.number),
        Column("area", "方面", "string", "问题所属方面。", lambda r: r[1].item.area),
        Column("problem", "反馈问题", "string", "巡察反馈的问题。", lambda r: r[1].item.problem),
        Column("measures", "整改措施", "string", "采取的整改措施。", lambda r: r[1].item.measures),
        Column("kind", "类型", "string", "立行立改、限期整改或长期坚持。", lambda r: r[1].item.kind.value, _enum(Kind)),
        Column("responsible", "责任部门", "string", "负责整改的部门。", lambda r: r[1].item.responsible),
        Column("deadline", "整改时限", "date", "整改期限；长期坚持事项为空（长期）。", lambda r: r[1].item.deadline),
        Column("status", "状态", "string", "按台账所写：已完成、已完成并长期坚持、基本完成、阶段性完成、申请延期、推进中或未启动。",
               lambda r: r[1].item.status.value, _enum(Status)),
        Column("completed_on", "完成时间", "date", "完成日期；未完成为空。", lambda r: r[1].item.completed_on),
        Column("overdue", "是否逾期", "boolean", "立行立改、限期整改事项超过整改时限仍未完成为 true（截至统计日期）。",
               lambda r: r[1].overdue),
        Column("days_overdue", "逾期天数", "integer", "逾期的天数；未逾期为 0。", lambda r: r[1].days_overdue),
        Column("problem_id", "问题序号", "string", "事项所属问题的序号：同一问题的几项整改任务相同，未分组的事项为其序号。",
               lambda r: r[1].item.problem_key or str(r[1].item.number)),
        Column("task", "任务序号", "integer", "序号写成 1-2 时的任务号（2）；其他为空。", lambda r: r[1].item.task),
        Column("extended_to", "延期至", "date", "申请延期后的整改时限；未延期为空。逾期按此判断，整改时限列仍为原时限。",
               lambda r: r[1].item.extended_to),
    ),
)  # fmt: skip

VERSIONS = Table(
    "versions",
    "报告版本",
    "每行一个已公示报告的一个版本：首次公示、进展更新（随批次发布的整改进展）或修订（说明原因的更正）。"
    "公示后的报告不再改动，每个版本的原文按其 SHA-256 校验值留存。",
    (
        _as_of_column(lambda r: r[0].as_of),
        Column("round_id", "轮次编号", "string", "巡察轮次的编号。", lambda r: r[0].round.id),
        Column("unit_id", "单位编号", "string", "被巡察单位的编号。", lambda r: r[0].report.unit_id),
        Column("unit_name", "被巡察单位", "string", "被巡察单位（党组织）名称。", lambda r: r[0].report.unit_name),
        Column("version", "版本", "integer", "第几版，从 1 起。", lambda r: r[1].version.number),
        Column("kind", "版本类型", "string", "publish：首次公示；update：进展更新；revision：修订。",
               lambda r: r[1].version.kind, ("publish", "update", "revision")),
        Column("kind_label", "版本类型（中文）", "string", "首次公示、进展更新或修订。", lambda r: r[1].label),
        Column("batch", "公示批次", "integer", "发布这一版本的批次号；修订不随批次发布，为空。", lambda r: r[1].version.batch),
        Column("date", "发布日期", "date", "这一版本公示的日期。", lambda r: r[1].version.date),
        Column("reason", "修订原因", "string", "修订的原因（公开说明）；其他版本为空。", lambda r: r[1].version.reason or None),
        Column("changes", "变化", "string", "与上一版本相比的变化，以“；”分隔；首次公示为空。",
               lambda r: "；".join(r[1].version.changes) or None),
        Column("sha256", "原文校验值", "string", "这一版本原文的 SHA-256；启用版本留存之前首次公示的版本为空。",
               lambda r: r[1].version.sha256 or None),
        Column("current", "现行版本", "boolean", "是否为网站现在显示的版本。", lambda r: r[1].current),
    ),
)  # fmt: skip

TABLES = (UNITS, ITEMS, VERSIONS)


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
) -> list[DataFile]:
    """Write every open-data file into the stage; datapackage.json last (it describes the others).

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
    whole = digest(base_key, ALL_ROUNDS, site.as_of.isoformat(), *round_keys) if cached else None  # type: ignore[arg-type]
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
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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
        "schema": schema(f.table),
    }
    if csv_file:  # validators count bytes of text files only
        resource["bytes"] = f.size
        resource["hash"] = "sha256:" + f.sha256
        resource["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "header": True}
    return resource
