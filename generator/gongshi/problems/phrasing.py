"""How the message catalog speaks: terms, verbatim words, phrases, and the shared derive helpers.

The entries themselves live in problems/catalog/, one module per area;
problems/messages.py assembles them and renders a code in a language.


Staff read the Chinese; `gongshi --lang en` shows the English to reviewers
who read no Chinese. Each problem code has a message and a hint template
per language (str.format fields named by the call site), so a wording is
changed in one place and a missing translation is a failing test, not a
Chinese sentence in an English log.

Values are passed as data and phrased here: a `Term` is a Chinese word the
code chose (a header's label, the kind of personal data), said in English
through `TERMS`; a `Verbatim` is a word staff type as it is (a column
header, a status), kept in Chinese and glossed from `TERMS`; a `Phrase` is
words the code holds in both languages (what a setting expects); a list is
joined the way each language joins lists; anything harder is worked out by
the entry's `derive` function.

`CATALOG` holds content problems (errors.Problem); `ERRORS` holds the
configuration errors that stop a run (errors.GongshiError.of), said the
same way. A setting with several problems at once is one error whose lines
come from `LINK_PROBLEMS` (survey link templates) or `EXPORT_PROBLEMS`
(GONGSHI_SURVEY_EXPORT), so every problem is named in one run.

In the English, Chinese appears only where staff must type it (a header
key, a status such as "已完成"), in quotes, or as a gloss in brackets after
an English term, such as "ledger (整改台账)".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"  # what staff read; str() of an error is in it
_SEPARATOR = {"zh": "、", "en": ", "}


class Term(str):
    """A Chinese word chosen by the code, said in English through `TERMS`."""


class Verbatim(str):
    """A Chinese word staff type as it is: quoted in English, with its meaning from `TERMS`."""


@dataclass(frozen=True)
class Phrase:
    """Words the code holds in both languages, such as what a setting expects."""

    zh: str
    en: str


Derive = Callable[[Mapping[str, Any], str], dict[str, str]]


@dataclass(frozen=True)
class Message:
    """One problem's message and hint templates, as (message, hint) per language."""

    zh: tuple[str, str]
    en: tuple[str, str]
    derive: Derive | None = None  # fields phrased per language from the raw values

    def render(self, args: Mapping[str, Any], lang: str) -> tuple[str, str]:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
        values = {name: localize(value, lang) for name, value in args.items()}
        if self.derive is not None:
            values |= self.derive(args, lang)
        message, hint = getattr(self, lang)
        return message.format_map(values), hint.format_map(values)


def localize(value: Any, lang: str) -> Any:
    """A Term in the language's words, a list joined the language's way, anything else unchanged."""
    if isinstance(value, Term):
        return value if lang == "zh" else TERMS[value]
    if isinstance(value, Verbatim):
        return value if lang == "zh" else f'"{value}" ({TERMS[value]})'
    if isinstance(value, Phrase):
        return getattr(value, lang)
    if isinstance(value, list | tuple):
        return _SEPARATOR[lang].join(str(localize(item, lang)) for item in value)
    return value


# Chinese words the code passes as a Term or a Verbatim, and what they mean in English.
TERMS: dict[str, str] = {
    # report header labels (reports.HEADER_KEYS)
    "报告标题": "report title",
    "巡察轮次编号": "inspection round ID",
    "被巡察单位编号": "inspected unit ID",
    "被巡察单位名称": "inspected unit name",
    "报告日期": "report date",
    "会审结果": "review result",
    "会审日期": "review date",
    "会审单位": "reviewing bodies",
    "会审意见（内部）": "internal review note",
    "联系电话": "feedback phone number",
    "通信地址": "feedback postal address",
    "电子邮箱": "feedback email address",
    "意见反馈截止日期": "last day for public feedback",
    "建章立制（项）": "number of rules and systems set up",
    "问责（人）": "number of people held accountable",
    "挽回经济损失（万元）": "economic losses recovered, in 10,000 yuan",
    # round file keys (rounds.ROUND_KEYS)
    "轮次编号": "round ID",
    "轮次名称": "round name",
    "巡察类型": "inspection type",
    "反馈日期": "feedback date",
    "整改报告报送期限": "report due date",
    "回头看的原轮次": "the round a follow-up round revisits",
    "满意度测评开始日期": "satisfaction survey start date",
    "满意度测评截止日期": "satisfaction survey end date",
    "满意度测评导出设置": "satisfaction survey export settings",
    "被巡察单位": "inspected units",
    # personal data (lint.personal_data)
    "居民身份证号": "resident ID number",
    "手机号码": "mobile phone number",
    "银行卡号": "bank card number",
    # ledger column headers (ledger.COLUMNS), statuses and review results (model)
    "序号": "item number",
    "编号": "number",
    "方面": "area",
    "问题类别": "problem category",
    "类别": "category",
    "反馈问题": "problem found",
    "问题": "problem",
    "存在问题": "problem found",
    "问题内容": "problem description",
    "整改措施": "rectification measures",
    "措施": "measures",
    "类型": "type",
    "整改类型": "type of rectification",
    "责任部门": "responsible department",
    "责任单位": "responsible unit",
    "责任领导": "responsible leader",
    "责任人": "person responsible",
    "整改时限": "deadline",
    "完成时限": "deadline",
    "时限": "deadline",
    "状态": "status",
    "整改状态": "rectification status",
    "完成情况": "progress",
    "整改情况": "rectification progress",
    "完成时间": "completion date",
    "完成日期": "completion date",
    "已完成": "done",
    "推进中": "in progress",
    "未启动": "not started",
    "问题序号": "problem number",
    "问题编号": "problem number",
    "所属方面": "area",
    "问题方面": "area",
    "问题分类": "problem category",
    "反馈问题类别": "problem category",
    "问题描述": "problem description",
    "具体问题": "problem",
    "巡察反馈问题": "problem found by the inspection",
    "主要问题": "main problem",
    "问题表现": "how the problem shows",
    "具体整改措施": "rectification measures",
    "整改举措": "rectification measures",
    "整改方式": "type of rectification",
    "整改分类": "type of rectification",
    "牵头部门": "lead department",
    "牵头单位": "lead unit",
    "责任科室": "responsible section",
    "责任处室": "responsible division",
    "责任主体": "party responsible",
    "整改期限": "deadline",
    "完成期限": "deadline",
    "计划完成时间": "planned completion date",
    "计划完成时限": "planned completion date",
    "时限要求": "deadline",
    "延期至": "extended to",
    "延期时限": "extended deadline",
    "延期后时限": "extended deadline",
    "调整后时限": "adjusted deadline",
    "调整后完成时限": "adjusted deadline",
    "延长至": "extended to",
    "整改进度": "rectification progress",
    "整改进展": "rectification progress",
    "进展情况": "progress",
    "完成状态": "completion status",
    "是否完成": "done or not",
    "整改完成情况": "rectification progress",
    "进展": "progress",
    "实际完成时间": "actual completion date",
    "实际完成日期": "actual completion date",
    "销号时间": "date closed",
    "销号日期": "date closed",
    "已完成并长期坚持": "done, and kept up",
    "基本完成": "basically done",
    "阶段性完成": "done in part (a stage)",
    "申请延期": "extension requested",
    "会审通过": "approved",
    "退回重报": "returned for revision",
    "（无）": "(none)",
    "（空）": "(empty)",
    # survey answers (survey.Answer)
    "满意": "satisfied",
    "基本满意": "basically satisfied",
    "不满意": "dissatisfied",
    # kinds of rectification (model.Kind)
    "立行立改": "fixed at once",
    "限期整改": "fixed by a deadline",
    "长期坚持": "ongoing",
}
_FIGURES = {  # figures.Figure labels
    "问题总数": "total problems",
    "已完成": "problems fixed",
    "整改完成率": "completion rate",
    "整改任务数": "total tasks",
    "已完成任务": "tasks done",
    "任务完成率": "task completion rate",
    "建章立制": "rules made (Rules-Made)",
    "问责人数": "people held accountable (Accountable)",
    "挽回经济损失": "funds recovered (Funds-Recovered)",
}

# --- per-language phrasing of values -----------------------------------------------------------

# fmt: off
DATE_ERRORS: dict[str, Message] = {  # dates.DateError.details["reason"]
    "invalid": Message(
        ("“{value}”不是有效日期", "检查月份和日期是否存在，如 2 月没有 30 日。"),
        ('"{value}" is not a real date', "Check that the month and day exist: February has no 30th, for example."),
    ),
    "format": Message(
        ("日期格式不对：“{value}”", "请写成 YYYY-MM-DD，例如 {example}。"),
        ('the date "{value}" is not written as YYYY-MM-DD', "Write it as YYYY-MM-DD, e.g. {example}."),
    ),
    "partial": Message(
        ("日期不完整：“{value}”", "请写出完整的年月日，格式 YYYY-MM-DD，例如 2025-06-30。"),
        ('the date "{value}" is incomplete', "Write the full year, month and day as YYYY-MM-DD, e.g. 2025-06-30."),
    ),
    "unknown": Message(
        ("无法识别的日期：“{value}”", "请写成 YYYY-MM-DD，例如 2025-06-30。"),
        ('"{value}" is not a date', "Write it as YYYY-MM-DD, e.g. 2025-06-30."),
    ),
    # a spreadsheet cell (ledgerimport.py), where 2025年6月30日 and 2025年6月底 are dates too
    "cell-partial": Message(
        ("日期不完整：“{value}”", "写出具体哪一天，如 2025年6月30日，或写“2025年6月底”。"),
        ('the date "{value}" is incomplete', 'Give the day too, e.g. "2025年6月30日" (30 June 2025), or write "2025年6月底" (the end of June 2025).'),
    ),
    "cell-unknown": Message(
        ("无法识别的日期：“{value}”", "写成 2025-06-30 或 2025年6月30日，或把单元格设为日期格式。"),
        ('"{value}" is not a date', 'Write it as 2025-06-30 or "2025年6月30日", or format the cell as a date.'),
    ),
}
# fmt: on


def _date_error(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    message, hint = DATE_ERRORS[args["reason"]].render(args, lang)
    return {"date_error": message, "date_hint": hint}


def _skipped_rows(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`rows`: the first (line, unit or "") pairs skipped; `count`: how many in all."""
    rows, count = args["rows"], args["count"]
    if lang == "zh":
        shown = "、".join(f"第 {n} 行" + (f"（{unit}）" if unit else "") for n, unit in rows)
        return {"shown": shown + (f" 等 {count} 行" if count > len(rows) else "")}
    shown = ", ".join(f"line {n}" + (f" ({unit})" if unit else "") for n, unit in rows)
    return {"shown": shown + (", …" if count > len(rows) else "")}


def _answer_lines(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`lines`: the first lines with the answer; `count`: how many in all."""
    lines, count = args["lines"], args["count"]
    numbers = _SEPARATOR[lang].join(str(n) for n in lines)
    if lang == "zh":
        return {"shown": numbers + (f" 等 {count} 行" if count > len(lines) else "")}
    more = f", … ({count} in all)" if count > len(lines) else ""
    return {"shown": ("line " if count == 1 else "lines ") + numbers + more}


def _header_row(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`header`: the first column names of a survey export; `total`: how many it has."""
    quote, more = ("“{}”", "……") if lang == "zh" else ('"{}"', ", …")
    shown = _SEPARATOR[lang].join(quote.format(name) for name in args["header"])
    return {"shown": shown + (more if args["total"] > len(args["header"]) else "")}


def _figures(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`mismatches`: figures.Mismatch values (figure, stated, ledger, line, sentence, against); the
    line and sentence are said once for the mismatches of one sentence; a header figure (建章立制,
    问责, 挽回) is compared with the report header rather than the ledger."""
    said: list[str] = []
    where = None
    for m in args["mismatches"]:
        line, sentence = getattr(m, "line", None), getattr(m, "sentence", "")
        place = _figure_where(line, sentence, lang) if (line, sentence) != where else ""
        where = (line, sentence)
        against = _AGAINST[getattr(m, "against", "ledger")]
        if lang == "zh":
            said.append(f"{place}{m.figure}报告称 {m.stated}，{against[0]}为 {m.ledger}")
        else:
            figure = _FIGURES.get(m.figure, m.figure)
            said.append(f"{place}{figure}: the report says {m.stated}, {against[1]} {m.ledger}")
    return {"figures": ("；" if lang == "zh" else "; ").join(said)}


_AGAINST = {"ledger": ("台账", "the ledger"), "header": ("报告头部", "the header")}


def _figure_where(line: int | None, sentence: str, lang: str) -> str:
    """ "第 25 行“截至目前，……”：" / "line 25 (截至目前，……): "; nothing when the line is not known."""
    if line is None:
        return ""
    short = sentence.strip() if len(sentence.strip()) <= 40 else sentence.strip()[:39] + "…"
    if lang == "zh":
        return f"第 {line} 行“{short}”：" if short else f"第 {line} 行："
    return f"line {line} ({short}): " if short else f"line {line}: "


def figures_in(mismatches: Any, lang: str) -> str:
    """figures.Mismatch values said in `lang` as report.figures-mismatch says them (for gate.py's reason)."""
    return _figures({"mismatches": mismatches}, lang)["figures"]


def _skipped(zh: tuple[str, str], en: tuple[str, str]) -> Message:
    """A survey.skip.* warning from what was wrong with the rows and why they do not count."""
    return Message(
        (f"跳过 {{count}} 行：{zh[0]}：{{shown}}。", zh[1] + "。"),
        (f"Skipped {{count}} row(s) ({en[0]}): {{shown}}.", en[1] + "."),
        _skipped_rows,
    )


def _quote(text: str, lang: str) -> str:
    return f"“{text}”" if lang == "zh" else f'"{text}"'


def _sheet_rows(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`rows`: spreadsheet row numbers, in runs as staff read them: 第 3 行、第 7–9 行 / row 3, rows 7–9."""
    spans: list[list[int]] = []
    for n in sorted(set(args["rows"])):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    if lang == "zh":
        said = [f"第 {a} 行" if a == b else f"第 {a}–{b} 行" for a, b in spans]
    else:
        said = [f"row {a}" if a == b else f"rows {a}–{b}" for a, b in spans]
    return {"rows": _SEPARATOR[lang].join(said)}


def _letters(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`columns`: column letters as Excel shows them: B 列、D 列 / columns B, D."""
    if lang == "zh":
        return {"columns": "、".join(f"{letter} 列" for letter in args["columns"])}
    return {"columns": "columns " + ", ".join(args["columns"])}


def _unused_columns(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`columns`: (header as written or "", letter) of each column left out of the report."""
    if lang == "zh":
        said = [f"“{header or '（无表头）'}”（{letter} 列）" for header, letter in args["columns"]]
    else:
        said = [
            f'"{header}" (column {letter})' if header else f"column {letter} (no header)"
            for header, letter in args["columns"]
        ]
    return {"columns": _SEPARATOR[lang].join(said)}


def _empty_cells(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`cells`: (header as written, Term of the standard header) of each empty cell."""
    if lang == "zh":
        return {"cells": "、".join(f"“{label}”" for label, _ in args["cells"])}
    return {"cells": ", ".join(f'"{label}" ({TERMS[field]})' for label, field in args["cells"])}


def _header_spellings(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`also`: other headers a column may have, bare in Chinese, quoted in English; `read` (when
    given): the cells read as the header, each quoted."""
    read = (
        {"read": _SEPARATOR[lang].join(_quote(cell, lang) for cell in args["read"])} if "read" in args else {}
    )
    if lang == "zh":
        return {"also": "、".join(args["also"])} | read
    return {"also": ", ".join(_quote(header, lang) for header in args["also"])} | read


def _sheet_choice(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`sheets`: the workbook's sheet names, each quoted."""
    return {"sheets": _SEPARATOR[lang].join(_quote(name, lang) for name in args["sheets"])}


# --- the catalog -------------------------------------------------------------------------------

_ID_HINT = (
    "编号只能用小写英文字母、数字和连字符“-”，如 edu、2025-r1。",
    'IDs use only lowercase letters, digits and hyphens "-", e.g. edu, 2025-r1.',
)
_FORMAT_HINT = (
    "公示记录只能由 gongshi 追加，不能手工修改或删除已有记录；请从版本库恢复原文件（git checkout -- 该文件）。",
    "Only gongshi adds to the publication record; entries must never be edited or deleted by hand. "
    "Restore the file from version control (git checkout -- <file>).",
)
_TABLE_HINT = (
    "表格格式：第一行为表头，第二行为“| --- | --- |”分隔行，之后每行一个事项。",
    'Table layout: column headers in the first row, a "| --- | --- |" separator in the second, then one row per item.',
)

_SAVE_AS_HINT = (
    "在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。",
    "In Excel or WPS, use Save As to save it as an Excel workbook (.xlsx) or as CSV, then import that.",
)
_OPTIONS_HINT = (
    "只能填写：{options}（其他写法见 docs/import-ledger.md）。",
    "Write one of {options}; other spellings are listed in docs/import-ledger.md.",
)
_DEADLINE_HINT = (
    "填写日期，如 2025-06-30 或 2025年6月30日；长期坚持的事项请把类型改为“长期坚持”。",
    'Fill in a date, e.g. 2025-06-30 or "2025年6月30日"; for an ongoing item, change its type to "长期坚持" (ongoing).',
)
_BUG_HINT = (
    "这是 Gongshi 的问题，请把台账文件和这条信息发给维护人员。",
    "This is a fault in Gongshi: send the ledger file and this message to its maintainers.",
)


def _problem_list(table: Mapping[str, Message]) -> Derive:
    """`problems`: ([setting,] code in `table`, values) of each problem, one line each."""

    def problems(args: Mapping[str, Any], lang: str) -> dict[str, str]:
        colon, semicolon = ("：", "；") if lang == "zh" else (": ", "; ")
        lines = []
        for *setting, code, values in args["problems"]:
            message, hint = table[code].render(values, lang)
            lines.append("".join(f"{name}{colon}" for name in setting) + f"{message}{semicolon}{hint}")
        return {"problems": "\n  ".join(lines)}

    return problems


_OUTSIDE_OUTPUT = (
    "改用公开输出目录之外的文件夹，如 '{example}'。",
    "Choose a folder outside the public output, e.g. '{example}'.",
)
