"""The open-data tables: every column of units.csv and items.csv, its type, and what it means.

The data package's schema and docs/open-data.md's dictionary are made from
these declarations, so a column is described in one place. Values are read
from the public site's views only (site/opendata.py writes the files).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongshi.content.model import Kind, ReviewOutcome, RoundType, Status
from gongshi.site.views import ReportView


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
        _as_of_column(lambda v: v.figures_date),
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
        _as_of_column(lambda r: r[0].figures_date),
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
        _as_of_column(lambda r: r[0].figures_date),
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
