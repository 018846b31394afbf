"""What every content problem says, in Chinese and in English.

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


def render(code: str, args: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """The (message, hint) of problem `code` in `lang`; `args["case"]` picks among variants."""
    entry = CATALOG[code]
    if isinstance(entry, dict):
        entry = entry[args["case"]]
    return entry.render(args, lang)


def render_error(code: str, args: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """The (message, hint) of configuration error `code` in `lang`."""
    return ERRORS[code].render(args, lang)


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
_FIGURES = {"问题总数": "total problems", "已完成": "problems fixed", "整改完成率": "completion rate"}

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
    """`mismatches`: lint.Mismatch values (figure, stated, ledger), said as lint.describe says them."""
    if lang == "zh":
        said = (f"{m.figure}报告称 {m.stated}，台账为 {m.ledger}" for m in args["mismatches"])
        return {"figures": "；".join(said)}
    said = (
        f"{_FIGURES[m.figure]}: the report says {m.stated}, the ledger {m.ledger}" for m in args["mismatches"]
    )
    return {"figures": "; ".join(said)}


def figures_in(mismatches: Any, lang: str) -> str:
    """lint.Mismatch values said in `lang` as report.figures-mismatch says them (for gate.py's reason)."""
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
    """`also`: other headers a column may have, bare in Chinese, quoted in English."""
    if lang == "zh":
        return {"also": "、".join(args["also"])}
    return {"also": ", ".join(_quote(header, lang) for header in args["also"])}


def _sheet_names(args: Mapping[str, Any], lang: str) -> dict[str, str]:
    """`others`: names of the other sheets that look like a ledger, each quoted."""
    return {"others": _SEPARATOR[lang].join(_quote(name, lang) for name in args["others"])}


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

# Each message and hint on one line, so a wording found in a log can be grepped for.
# fmt: off
CATALOG: dict[str, Message | dict[str, Message]] = {
    # files (textfile.py)
    "file.unreadable": Message(
        ("无法读取文件：{error}", "检查文件权限。"),
        ("Cannot read the file: {error}", "Check the file's permissions."),
    ),
    "file.empty": Message(
        ("文件为空。", "填写内容，或删除这个文件。"),
        ("The file is empty.", "Fill it in, or delete the file."),
    ),
    "file.binary": Message(
        ("这不是文本文件（含有二进制数据）。", "content/ 里只放 Markdown（.md）、TOML（.toml）和 CSV 文件；Word、Excel 请另存为文本。"),
        ("This is not a text file (it contains binary data).", "Only Markdown (.md), TOML (.toml) and CSV files belong in content/; save Word or Excel files as text."),
    ),
    "file.bom": Message(
        ("文件以 BOM（字节顺序标记）开头，已自动忽略。", "在编辑器中另存为“UTF-8（无 BOM）”。"),
        ("The file starts with a BOM (byte order mark); it was ignored.", "Save the file as UTF-8 without BOM."),
    ),
    "file.gbk": Message(
        ("文件是 GBK/GB18030 编码，不是 UTF-8。", "在编辑器中另存为“UTF-8（无 BOM）”编码后重试。"),
        ("The file is encoded in GBK/GB18030, not UTF-8.", "Save it as UTF-8 without BOM, then try again."),
    ),
    "file.encoding": Message(
        ("文件不是 UTF-8 编码。", "另存为 UTF-8 编码后重试。"),
        ("The file is not encoded in UTF-8.", "Save it as UTF-8, then try again."),
    ),
    "file.crlf": Message(
        ("文件使用 Windows 换行符（CRLF），已自动转换。", "可在编辑器中把换行符设为 LF。"),
        ("The file has Windows line endings (CRLF); they were converted.", "You can set your editor's line endings to LF."),
    ),
    # the content tree (content.py)
    "content.missing": Message(
        ("内容目录不存在。", "检查 pelicanconf.py 中的 PATH 设置。"),
        ("The content folder does not exist.", "Check the PATH setting in pelicanconf.py."),
    ),
    "content.no-rounds": Message(
        ("没有 rounds 目录。", "每个巡察轮次在 content/rounds/ 下建一个 .toml 文件。"),
        ("There is no rounds folder.", "Add one .toml file under content/rounds/ for each inspection round."),
    ),
    "content.ignored": {
        "round": Message(
            ("不是 .toml 文件，已忽略。", "轮次文件以 .toml 结尾。"),
            ("Not a .toml file; it was ignored.", "Round files end in .toml."),
        ),
        "report": Message(
            ("不是 .md 文件，已忽略，不会发布。", "整改报告以 .md 结尾。"),
            ("Not a .md file; it was ignored and will not be published.", "Rectification reports end in .md."),
        ),
    },
    "round.duplicate": Message(
        ("轮次编号“{id}”重复。", "每个轮次使用不同的编号。"),
        ('The round ID "{id}" is used twice.', "Give each round a different ID."),
    ),
    "round.revisits-unknown": Message(
        ("revisits 指向的轮次“{revisits}”不存在。", "已有轮次：{known}。"),
        ('revisits names the round "{revisits}", which does not exist.', "Existing rounds: {known}."),
    ),
    "report.duplicate": Message(
        ("单位“{unit}”在轮次“{round}”已有报告：{other}。", "一个单位每轮只能有一份报告；删除或合并其中一份。"),
        ('Unit "{unit}" already has a report in round "{round}": {other}.', "A unit has one report per round; delete one of the two or merge them."),
    ),
    "privacy": Message(
        ("疑似{kind}“{value}”，不能公开发布。", "删除或打码（如 138****1234）；若是公开的办公电话等，把这个值原样加入 GONGSHI_PRIVACY_ALLOW。"),
        ('This looks like a {kind} ("{value}"): it must not be published.', "Delete or mask it (e.g. 138****1234); if it is public, such as an office phone number, add the value exactly as written to GONGSHI_PRIVACY_ALLOW."),
    ),
    "report.round": Message(
        ("轮次“{round}”不存在。", "已有轮次：{known}。"),
        ('There is no round "{round}".', "Existing rounds: {known}."),
    ),
    "report.unit-not-in-round": Message(
        ("轮次“{round}”的单位名单里没有“{unit}”。", "检查单位编号，或在 {source} 中补上这个单位。"),
        ('Round "{round}" has no unit "{unit}" in its list of units.', "Check the unit ID, or add the unit to {source}."),
    ),
    "report.unit-name": Message(
        ("单位名称“{name}”与轮次文件中的“{expected}”不一致。", "检查是否从其他单位的报告复制而来；名称以轮次文件为准。"),
        ('The unit name "{name}" differs from "{expected}" in the round file.', "Check that the report was not copied from another unit's; the round file's name is the right one."),
    ),
    "report.future": Message(
        ("{label} {day} 晚于统计日期 {as_of}。", "检查日期，或用 --as-of 指定更晚的统计日期。"),
        ("The {label} {day} is after the as-of date {as_of} (统计日期, the day the figures count up to).", "Check the date, or give a later as-of date with --as-of."),
    ),
    "report.review-before-report": Message(
        ("会审日期早于报告日期。", "检查两个日期。"),
        ('The review date ("Review-Date") is before the report date ("Date").', "Check both dates."),
    ),
    "report.before-feedback": Message(
        ("报告日期早于巡察反馈日期 {feedback}。", "检查报告日期。"),
        ("The report date is before the inspection feedback date {feedback}.", "Check the report date."),
    ),
    "ledger.deadline-before-feedback": Message(
        ("第 {number} 项整改时限 {deadline} 早于巡察反馈日期 {feedback}。", "整改时限应在反馈之后；检查年份是否写错。"),
        ("Item {number}: the deadline {deadline} is before the inspection feedback date {feedback}.", "A deadline comes after the feedback; check the year."),
    ),
    "ledger.completed-future": Message(
        ("第 {number} 项完成时间 {completed} 晚于统计日期 {as_of}。", "完成时间不能是将来的日期；尚未完成请把状态改为“推进中”并清空完成时间。"),
        ("Item {number}: the completion date {completed} is after the as-of date {as_of}.", 'A completion date cannot be in the future; if the item is not done, set its status to "推进中" (in progress) and clear the completion date.'),
    ),
    # report headers (reports.py)
    "header.fullwidth-colon": Message(
        ("头部“{key}”后面用了中文冒号“：”。", "把“：”改成英文冒号“:”。"),
        ('The header "{key}" is followed by a full-width Chinese colon "：".', 'Replace "：" with a plain colon ":".'),
    ),
    "header.missing": Message(
        ("文件开头没有头部信息。", "在第一行前加上 Title:、Round: 等头部，再空一行写正文。"),
        ("The file does not start with a header.", "Before the first line, add header lines such as Title: and Round:, then a blank line before the text."),
    ),
    "header.line": Message(
        ("头部这一行无法识别：“{text}”。", "头部每行写成“键: 值”；头部与正文之间空一行。"),
        ('This header line cannot be read: "{text}".', 'Write each header line as "Key: value", with one blank line between the header and the text.'),
    ),
    "header.forbidden": Message(
        ("不允许使用头部“{key}”。", "这个键会改变网站的输出位置或发布状态，请删除这一行。"),
        ('The header "{key}" is not allowed.', "This key would change where the page is written or whether it is published; delete the line."),
    ),
    "header.unknown": {
        "suggest": Message(
            ("不认识的头部“{key}”。", "是不是“{suggestion}”？"),
            ('Unknown header "{key}".', 'Did you mean "{suggestion}"?'),
        ),
        "none": Message(
            ("不认识的头部“{key}”。", "删除这一行，或查看文档中的头部列表。"),
            ('Unknown header "{key}".', "Delete the line, or see the list of headers in the documentation."),
        ),
    },
    "header.duplicate": Message(
        ("头部“{key}”重复出现。", "只保留一行。"),
        ('The header "{key}" appears more than once.', "Keep one of the lines."),
    ),
    "header.required": Message(
        ("缺少头部“{key}”（{label}）。", "在头部加上一行“{key}: …”。"),
        ('The header "{key}" ({label}) is missing.', 'Add a line "{key}: …" to the header.'),
    ),
    "header.date": Message(
        ("{label}：{date_error}", "{date_hint}"),
        ('Header "{key}" ({label}): {date_error}.', "{date_hint}"), _date_error,
    ),
    "header.id": Message(
        ("编号“{value}”不合规。", _ID_HINT[0]),
        ('The ID "{value}" is not valid.', _ID_HINT[1]),
    ),
    "header.review": Message(
        ("会审结果“{value}”无法识别。", "只能写“会审通过”或“退回重报”。"),
        ('The review result "{value}" is not recognised.', 'Write "会审通过" (approved) or "退回重报" (returned for revision).'),
    ),
    "header.number": Message(
        ("{label}应为非负整数，实际为“{value}”。", "只填写数字，如 3。"),
        ('Header "{key}" ({label}) must be a whole number, 0 or more, not "{value}".', "Write only the number, e.g. 3."),
    ),
    "header.amount": Message(
        ("{label}应为数字（万元），实际为“{value}”。", "只填写数字，如 125.6，不要写单位。"),
        ('Header "{key}" ({label}) must be a number of 10,000 yuan, not "{value}".', "Write only the number, e.g. 125.6, without a unit."),
    ),
    # the ledger table (ledger.py)
    "ledger.missing": Message(
        ("报告中没有“## 整改台账”部分。", "在正文末尾加上“## 整改台账”标题和台账表格。"),
        ('The report has no ledger section ("## 整改台账", the table of rectification items).', 'At the end of the text, add the heading "## 整改台账" and the ledger table.'),
    ),
    "ledger.duplicate": Message(
        ("报告中有两个“整改台账”部分。", "合并为一个台账表格。"),
        ('The report has two ledger sections ("整改台账").', "Merge them into one ledger table."),
    ),
    "ledger.heading-level": Message(
        ("“整改台账”标题应为二级标题。", "写成“## 整改台账”。"),
        ('The ledger heading ("整改台账") must be a level-2 heading.', 'Write it as "## 整改台账".'),
    ),
    "ledger.stray-text": Message(
        ("“整改台账”部分只能包含表格，这一行不是表格行。", "把说明文字移到“## 整改台账”标题之前，或在表格行首尾加“|”。"),
        ('The ledger section ("整改台账") may hold only the table, and this line is not a table row.', 'Move notes above the "## 整改台账" heading, or start and end each table row with "|".'),
    ),
    "ledger.no-table": Message(
        ("“整改台账”下没有找到表格（表头行和分隔行）。", _TABLE_HINT[0]),
        ('No table (header row and separator row) under the ledger heading ("整改台账").', _TABLE_HINT[1]),
    ),
    "ledger.empty": Message(
        ("整改台账没有任何事项。", "每个整改事项填写一行。"),
        ("The ledger (整改台账) has no items.", "Add one row per rectification item."),
    ),
    "ledger.cells": Message(
        ("这一行有 {cells} 列，表头有 {columns} 列。", "补齐或删除多余的单元格；空单元格也要保留“| |”，单元格内的“|”写成“\\|”。"),
        ("This row has {cells} cells, the header has {columns} columns.", 'Add the missing cells or delete extra ones; keep empty cells as "| |", and write a "|" inside a cell as "\\|".'),
    ),
    "ledger.unknown-column": Message(
        ("不认识的表头“{cell}”。", "可用表头：{known}。"),
        ('Unknown column header "{cell}".', "Column headers to use: {known}."),
    ),
    "ledger.duplicate-column": Message(
        ("表头“{cell}”重复。", "删除重复的列。"),
        ("The column {cell} appears twice.", "Delete one of the two columns."),
    ),
    "ledger.missing-column": Message(
        ("缺少“{column}”列。", "在表头中补上这一列。"),
        ("The column {column} is missing.", "Add the column to the table."),
    ),
    "ledger.blank": Message(
        ("“{column}”不能为空。", "填写这一单元格。"),
        ("The {column} cell must not be empty.", "Fill in the cell."),
    ),
    "ledger.kind": Message(
        ("类型“{value}”不在可选范围内。", "类型只能是：立行立改、限期整改、长期坚持。"),
        ('The type "{value}" is not one of the allowed types.', 'The type must be "立行立改" (fixed at once), "限期整改" (fixed by a deadline) or "长期坚持" (ongoing).'),
    ),
    "ledger.status": Message(
        ("状态“{value}”不在可选范围内。", "状态只能是：已完成、推进中、未启动。"),
        ('The status "{value}" is not one of the allowed statuses.', 'The status must be "已完成" (done), "推进中" (in progress) or "未启动" (not started).'),
    ),
    "ledger.number": Message(
        ("序号“{value}”不是整数。", "序号写成 1、2、3……"),
        ('The item number "{value}" is not a whole number.', "Number the items 1, 2, 3, …"),
    ),
    "ledger.deadline-missing": Message(
        ("立行立改、限期整改事项必须填写整改时限。", "填写 YYYY-MM-DD 格式的日期。"),
        ('Items of type "立行立改" (fixed at once) or "限期整改" (fixed by a deadline) need a deadline.', "Fill in a date as YYYY-MM-DD."),
    ),
    "ledger.deadline": Message(
        ("整改时限：{date_error}", "{date_hint}"),
        ("Deadline (整改时限): {date_error}.", "{date_hint}"), _date_error,
    ),
    "ledger.completed": Message(
        ("完成时间：{date_error}", "{date_hint}"),
        ("Completion date (完成时间): {date_error}.", "{date_hint}"), _date_error,
    ),
    "ledger.completed-not-done": Message(
        ("状态为“{status}”的事项填写了完成时间。", "事项已完成请把状态改为“已完成”，否则清空完成时间。"),
        ("An item with the status {status} has a completion date.", 'If the item is done, set its status to "已完成" (done); otherwise clear the completion date.'),
    ),
    "ledger.completed-missing": Message(
        ("已完成事项缺少完成时间。", "填写销号日期，格式 YYYY-MM-DD。"),
        ('An item with the status "已完成" (done) has no completion date.', "Fill in the day it was closed, as YYYY-MM-DD."),
    ),
    # round files (rounds.py)
    "round.syntax": Message(
        ("TOML 格式错误：{error}", "检查引号、等号和方括号；日期不加引号，如 feedback_date = 2025-04-10。"),
        ("TOML syntax error: {error}", "Check the quotes, equals signs and square brackets; dates take no quotes, e.g. feedback_date = 2025-04-10."),
    ),
    "round.unknown-key": Message(
        ("不认识的键“{key}”。", "可用的键：{known}。"),
        ('Unknown key "{key}".', "Keys to use: {known}."),
    ),
    "round.missing-key": Message(
        ("缺少“{key}”（{label}）。", "加上一行 {key} = …"),
        ('The key "{key}" ({label}) is missing.', "Add a line {key} = …"),
    ),
    "round.id-file": Message(
        ("编号“{id}”与文件名“{stem}.toml”不一致。", "把文件重命名为“编号.toml”。"),
        ('The ID "{id}" does not match the file name "{stem}.toml".', 'Rename the file to "<id>.toml".'),
    ),
    "round.id": Message(
        ("轮次编号“{id}”不合规。", _ID_HINT[0]),
        ('The round ID "{id}" is not valid.', _ID_HINT[1]),
    ),
    "round.type": Message(
        ("巡察类型“{value}”无法识别。", "只能是：常规、专项、回头看。"),
        ('The inspection type "{value}" is not recognised.', 'Use "常规" (regular), "专项" (special) or "回头看" (follow-up).'),
    ),
    "round.due-before-feedback": Message(
        ("整改报告报送期限早于反馈日期。", "检查两个日期。"),
        ("The report due date (report_due) is before the feedback date (feedback_date).", "Check both dates."),
    ),
    "round.revisits": Message(
        ("revisits 应为轮次编号字符串。", '写成 revisits = "2025-r1"。'),
        ("revisits must be a round ID in quotes.", 'Write it as revisits = "2025-r1".'),
    ),
    "round.survey-window": {
        "one-date": Message(
            ("只写了 {given}，缺少 {missing}：满意度测评期要有开始和截止两个日期。", "加上一行 {missing} = …，或两行都删掉（本轮不做满意度测评）。"),
            ("{given} is given without {missing}: a satisfaction survey period has a start and an end date.", "Add a line {missing} = …, or delete both lines (no satisfaction survey this round)."),
        ),
        "end-before-start": Message(
            ("满意度测评截止日期早于开始日期。", "检查两个日期。"),
            ("The satisfaction survey ends (survey_end) before it starts (survey_start).", "Check both dates."),
        ),
        "before-feedback": Message(
            ("满意度测评开始日期 {start} 早于巡察反馈日期 {feedback}。", "测评的是反馈之后的整改，开始日期应不早于反馈日期。"),
            ("The satisfaction survey starts on {start}, before the inspection feedback date {feedback}.", "The survey rates the rectification done after the feedback, so it cannot start earlier."),
        ),
    },
    "round.type-error": Message(
        ("“{key}”应为非空字符串。", '写成 {key} = "…"。'),
        ('"{key}" must be a non-empty string.', 'Write it as {key} = "…".'),
    ),
    "round.date": Message(
        ("“{key}”应为日期，实际为“{value}”。", "写成 {key} = 2025-04-10（不加引号，不带时间）。"),
        ('"{key}" must be a date, not "{value}".', "Write it as {key} = 2025-04-10 (no quotes, no time)."),
    ),
    "round.units": Message(
        ("被巡察单位列表为空或格式不对。", "每个单位写一个 [[units]] 段，含 id 和 name。"),
        ("The list of inspected units is empty or malformed.", "Write one [[units]] section per unit, with id and name."),
    ),
    "round.unit-entry": {
        "keys": Message(
            ("单位条目格式不对：{entry}", '每个 [[units]] 段只含 id = "…" 和 name = "…"。'),
            ("Malformed unit entry: {entry}", 'Each [[units]] section holds only id = "…" and name = "…".'),
        ),
        "values": Message(
            ("单位条目格式不对：{entry}", "id 和 name 都应为非空字符串。"),
            ("Malformed unit entry: {entry}", "id and name must both be non-empty strings."),
        ),
    },
    "round.unit-id": Message(
        ("单位编号“{id}”不合规。", _ID_HINT[0]),
        ('The unit ID "{id}" is not valid.', _ID_HINT[1]),
    ),
    "round.duplicate-unit": Message(
        ("单位编号“{id}”在本轮重复出现。", "每个单位只列一次；不同单位使用不同编号。"),
        ('The unit ID "{id}" appears more than once in this round.', "List each unit once, each with its own ID."),
    ),
    # the publication record (record.py, publication.py, runner.py)
    "record.syntax": {
        "json": Message(
            ("公示记录第 {line} 行无法读取：{error}", _FORMAT_HINT[0]),
            ("Line {line} of the publication record (公示记录) cannot be read: {error}", _FORMAT_HINT[1]),
        ),
        "not-object": Message(
            ("公示记录第 {line} 行无法读取：不是 JSON 对象", _FORMAT_HINT[0]),
            ("Line {line} of the publication record (公示记录) cannot be read: it is not a JSON object", _FORMAT_HINT[1]),
        ),
        "unknown-type": Message(
            ("公示记录第 {line} 行无法读取：未知的记录类型 {type}", _FORMAT_HINT[0]),
            ("Line {line} of the publication record (公示记录) cannot be read: unknown entry type {type}", _FORMAT_HINT[1]),
        ),
    },
    "record.chain": Message(
        ("公示记录第 {line} 行与上一条记录衔接不上（之前的记录被修改或删除）。", _FORMAT_HINT[0]),
        ("Line {line} of the publication record (公示记录) does not follow on from the entry before it (an earlier entry was changed or deleted).", _FORMAT_HINT[1]),
    ),
    "record.altered": Message(
        ("公示记录第 {line} 行的内容与其校验值不符（记录被修改）。", _FORMAT_HINT[0]),
        ("Line {line} of the publication record (公示记录) does not match its checksum (the entry was changed).", _FORMAT_HINT[1]),
    ),
    "record.number": Message(
        ("公示记录第 {line} 行的批次号 {batch} 不连续。", _FORMAT_HINT[0]),
        ("Line {line} of the publication record (公示记录): batch number {batch} is out of sequence.", _FORMAT_HINT[1]),
    ),
    "record.date": Message(
        ("公示记录第 {line} 行的日期早于上一条记录。", _FORMAT_HINT[0]),
        ("Line {line} of the publication record (公示记录) is dated before the entry above it.", _FORMAT_HINT[1]),
    ),
    "record.truncated": Message(
        ("公示记录比上次构建时（{kept}）少了记录或被改动：共 {before} 条，现在 {now} 条。", "公示记录只能追加；请从版本库恢复被删除的记录。"),
        ("The publication record (公示记录) has lost or changed entries since the last build ({kept}): {before} entries then, {now} now.", "The publication record can only grow; restore the deleted entries from version control."),
    ),
    "record.unit-gone": Message(
        ("已公示的轮次“{round}”单位“{unit}”在轮次文件中不存在了。", "恢复轮次文件中的单位；如需撤下，使用 gongshi withdraw。"),
        ('Round "{round}", unit "{unit}" was published but is no longer in the round file.', "Put the unit back in the round file; to take it down, use gongshi withdraw."),
    ),
    "record.report-gone": Message(
        ("已公示的轮次“{round}”单位“{unit}”的整改报告文件不存在了。", "恢复报告文件；如需撤下，使用 gongshi withdraw。"),
        ('The report of round "{round}", unit "{unit}" was published but its file no longer exists.', "Restore the report file; to take it down, use gongshi withdraw."),
    ),
    "record.report-unapproved": Message(
        ("已公示的轮次“{round}”单位“{unit}”的报告被改为“{outcome}”。", "已公示报告不能改为未通过；如需撤下，使用 gongshi withdraw 并写明原因。"),
        ('The published report of round "{round}", unit "{unit}" now has the review result {outcome}.', "A published report cannot go back to not approved; to take it down, use gongshi withdraw and give the reason."),
    ),
    "record.as-of": Message(
        ("统计日期 {as_of} 早于最近一次公示记录日期 {last}。", "使用不早于最近公示日期的 --as-of。"),
        ("The as-of date {as_of} is before the last date in the publication record, {last}.", "Use an --as-of date no earlier than the last publication."),
    ),
    "report.figures-mismatch": {
        "hold": Message(
            ("报告数字与台账不一致：{figures}", "核对正文中的数字与整改台账；不一致的单位延后公示。"),
            ("Figures in the report text differ from its ledger (整改台账): {figures}", "Check the figures in the text against the ledger; a unit whose figures differ is held back."), _figures,
        ),
        "note": Message(
            ("报告数字与台账不一致：{figures}", "核对正文中的数字与整改台账。"),
            ("Figures in the report text differ from its ledger (整改台账): {figures}", "Check the figures in the text against the ledger."), _figures,
        ),
    },
    # survey exports (surveyexport.py); survey.skip.* are added below
    "survey.ignored": Message(
        ("不是 .csv 文件，已忽略。", "测评导出请存为 CSV（UTF-8 或 GB18030）。"),
        ("Not a .csv file; it was ignored.", "Save survey exports as CSV (UTF-8 or GB18030)."),
    ),
    "survey.round": Message(
        ("找不到轮次“{round}”：导出文件按轮次编号命名或分文件夹。", "改名为 <轮次编号>.csv 或放进 <轮次编号>/ 文件夹；已有轮次：{known}。"),
        ('There is no round "{round}": survey exports are named, or put in folders, by round ID.', "Rename the file to <round ID>.csv or move it into a <round ID>/ folder; existing rounds: {known}."),
    ),
    "survey.no-window": Message(
        ("轮次“{round}”没有设置满意度测评期，不能导入测评结果。", "在 {source} 中加上 survey_start 和 survey_end。"),
        ('Round "{round}" has no satisfaction survey period, so no survey results can be imported for it.', "Add survey_start and survey_end to {source}."),
    ),
    "survey.empty": Message(
        ("导出文件是空的。", "重新从测评系统导出，或删除这个文件。"),
        ("The export file is empty.", "Export it again from the survey system, or delete the file."),
    ),
    "survey.binary": Message(
        ("这不是 CSV 文本文件。", "Excel 文件请另存为“CSV UTF-8”。"),
        ("This is not a CSV text file.", 'Save Excel files as "CSV UTF-8".'),
    ),
    "survey.encoding": Message(
        ("无法识别文件编码。", "另存为 UTF-8 或 GB18030 编码的 CSV。"),
        ("The file's text encoding is not recognised.", "Save it as CSV in UTF-8 or GB18030."),
    ),
    "survey.csv": Message(
        ("CSV 格式错误：{error}。", "用测评系统重新导出；手工编辑过的文件检查引号是否成对。"),
        ("CSV format error: {error}.", "Export the file again from the survey system; in a file edited by hand, check that quotes come in pairs."),
    ),
    "survey.columns": Message(
        ("表头里没有列：{missing}。表头是：{shown}。", "在 GONGSHI_SURVEY_EXPORT 中选对预设（formbricks、limesurvey、kobotoolbox、plain），或写明 unit、answer 等列名；见 docs/surveys.md。"),
        ("The header row lacks these columns: {missing}. The header row is: {shown}.", "In GONGSHI_SURVEY_EXPORT choose the right preset (formbricks, limesurvey, kobotoolbox, plain), or name the unit, answer and other columns; see docs/surveys.md."), _header_row,
    ),
    "survey.unknown-answer": Message(
        ("不认识的测评结果“{value}”（第 {shown} 行）。", "在 GONGSHI_SURVEY_EXPORT 的 answers 中说明它算满意、基本满意还是不满意；现有：{known}。"),
        ('Unknown survey answer "{value}" on {shown}.', 'In the answers of GONGSHI_SURVEY_EXPORT, say whether it counts as "满意" (satisfied), "基本满意" (basically satisfied) or "不满意" (dissatisfied); the answers known now: {known}.'), _answer_lines,
    ),
    # new rounds and report skeletons (scaffold.py)
    "new.round-id": Message(
        ("轮次编号“{id}”不合规。", _ID_HINT[0]),
        ('The round ID "{id}" is not valid.', _ID_HINT[1]),
    ),
    "new.no-units": Message(
        ("没有给出被巡察单位。", "用 --unit 编号=名称 逐个给出，可重复。"),
        ("No inspected units were given.", "Give each one as --unit ID=name; repeat the option for more."),
    ),
    "new.unit-id": Message(
        ("单位编号“{id}”不合规。", _ID_HINT[0]),
        ('The unit ID "{id}" is not valid.', _ID_HINT[1]),
    ),
    "new.unit-duplicate": Message(
        ("单位编号“{id}”重复。", "每个单位只列一次。"),
        ('The unit ID "{id}" is given twice.', "List each unit once."),
    ),
    "report.placeholder": Message(
        ("还有 {count} 处未填写的内容“{placeholder}”，在第 {lines} 行。", "把它们换成实际内容；选填的头部可以留空或删去那一行；台账可以用 gongshi import-ledger 从 Excel 导入。"),
        ('The report still has "{placeholder}" (to be filled in) in {count} place(s), on line(s) {lines}.', "Replace each with the real content; an optional header may be left empty or its line deleted; the ledger can be imported from Excel with gongshi import-ledger."),
    ),
    # importing a ledger from a spreadsheet (ledgerimport.py); lines are the rows Excel shows
    "import.format": {
        "xls": Message(
            ("不能导入旧版 Excel 文件（.xls），只能导入 .xlsx 或 .csv。", _SAVE_AS_HINT[0]),
            ("Old Excel files (.xls) cannot be imported, only .xlsx or .csv.", _SAVE_AS_HINT[1]),
        ),
        "other": Message(
            ("不能导入“{suffix}”文件，只能导入 .xlsx 或 .csv。", _SAVE_AS_HINT[0]),
            ('A "{suffix}" file cannot be imported, only .xlsx or .csv.', _SAVE_AS_HINT[1]),
        ),
        "binary": Message(
            ("这不是 CSV 文本文件。", "Excel 文件请直接用 .xlsx，或另存为 CSV。"),
            ("This is not a CSV text file.", "Import the Excel file (.xlsx) itself, or save it as CSV."),
        ),
    },
    "import.unreadable": {
        "xlsx": Message(
            ("无法打开这个 Excel 文件：{error}", "用 Excel 或 WPS 打开，另存为 .xlsx 后再试；有密码的文件请先取消密码。"),
            ("Cannot open this Excel file: {error}", "Open it in Excel or WPS, save it as .xlsx and try again; take the password off a protected file first."),
        ),
        "csv": Message(
            ("无法读取文件：{error}", "检查文件是否存在、是否有权限读取。"),
            ("Cannot read the file: {error}", "Check that the file exists and that you may read it."),
        ),
    },
    "import.csv": Message(
        ("CSV 格式错误：{error}。", "用 Excel 重新另存为 CSV；手工编辑过的文件检查引号是否成对。"),
        ("CSV format error: {error}.", "Save it as CSV from Excel again; in a file edited by hand, check that quotes come in pairs."),
    ),
    "import.empty": Message(
        ("文件是空的。", "检查是否选错了文件。"),
        ("The file is empty.", "Check that you chose the right file."),
    ),
    "import.encoding": Message(
        ("无法识别文件编码。", "另存为“CSV UTF-8”或 GB18030 编码的 CSV。"),
        ("The file's text encoding is not recognised.", 'Save it as "CSV UTF-8", or as CSV in GB18030.'),
    ),
    "import.no-header": Message(
        ("前 {within} 行中找不到台账表头。", "表头行要有这些列名：{wanted}（其他写法见 docs/import-ledger.md）。"),
        ("No ledger header row in the first {within} rows.", "The header row needs these column names: {wanted}. Other spellings are listed in docs/import-ledger.md."),
    ),
    "import.other-sheets": Message(
        ("只导入了工作表“{sheet}”；工作表{others}也像台账，未导入。", "一个单位的台账放在一个工作表里；要导入其他工作表，把它设为打开文件时的活动工作表。"),
        ('Only the sheet "{sheet}" was imported; the sheet(s) {others} also look like a ledger and were not imported.', "Keep a unit's ledger in one sheet; to import another sheet, make it the sheet that is active when the file opens."),
        _sheet_names,
    ),
    "import.duplicate-column": Message(
        ("有两列都是“{label}”（{columns}）。", "删除或改名其中一列。"),
        ('More than one column is headed "{label}" ({columns}).', "Delete or rename all but one of them."),
        _letters,
    ),
    "import.missing-column": Message(
        ("表头中没有“{column}”列。", "在表头行加上这一列；也可以写作：{also}。"),
        ("The header row has no {column} column.", "Add the column to the header row; it may also be headed {also}."),
        _header_spellings,
    ),
    "import.column-ignored": Message(
        ("这些列没有导入：{columns}。", "台账只公示{published}；需要公示的列请把表头改成对应的列名。"),
        ("These columns were not imported: {columns}.", "The ledger publishes only {published}; to publish a column, change its header to the matching one of these."),
        _unused_columns,
    ),
    "import.repeated-header": Message(
        ("这一行是重复的表头，已跳过。", "可以删除这一行。"),
        ("This row repeats the header row; it was skipped.", "You can delete the row."),
    ),
    "import.no-items": Message(
        ("表头下面没有整改事项。", "每个整改事项填写一行。"),
        ("There are no rectification items below the header row.", "Fill in one row per rectification item."),
    ),
    "import.blank-rows": Message(
        ("跳过空行：{rows}。", "空行不影响导入，也可以删除。"),
        ("Blank rows skipped: {rows}.", "Blank rows do the import no harm; you can also delete them."),
        _sheet_rows,
    ),
    "import.hidden-rows": Message(
        ("{rows}在 Excel 中是隐藏的，也已导入。", "隐藏的行同样会公示；不该公示的行请删除。"),
        ("Hidden in Excel, and imported all the same: {rows}.", "Hidden rows are published too; delete the rows that must not be published."),
        _sheet_rows,
    ),
    "import.note-row": Message(
        ("这一行不是整改事项（“{text}”），没有导入。", "表格下方的说明、合计、落款不会导入；如果这是一个事项，请把反馈问题、整改措施等填在对应列。"),
        ('This row is not a rectification item ("{text}"); it was not imported.', "Notes, totals and signatures below the table are not imported; if this is an item, put its problem, measures and the rest in their columns."),
    ),
    "import.blank": Message(
        ("{cells}为空。", "填写这些单元格；不是整改事项的行请删除。"),
        ("These cells are empty: {cells}.", "Fill them in; delete rows that are not rectification items."),
        _empty_cells,
    ),
    "import.number": Message(
        ("序号“{value}”不是整数。", "序号写成 1、2、3……；序号列留空则按行的顺序编号。"),
        ('The item number "{value}" is not a whole number.', "Number the items 1, 2, 3, …, or leave the whole number column empty to number them in row order."),
    ),
    "import.kind": {
        "empty": Message(("“{label}”为空。", _OPTIONS_HINT[0]), ('The "{label}" ({field}) cell is empty.', _OPTIONS_HINT[1])),
        "unknown": Message(("{label}“{value}”无法识别。", _OPTIONS_HINT[0]), ('"{value}" in the "{label}" ({field}) column is not recognised.', _OPTIONS_HINT[1])),
    },
    "import.status": {
        "empty": Message(("“{label}”为空。", _OPTIONS_HINT[0]), ('The "{label}" ({field}) cell is empty.', _OPTIONS_HINT[1])),
        "unknown": Message(("{label}“{value}”无法识别。", _OPTIONS_HINT[0]), ('"{value}" in the "{label}" ({field}) column is not recognised.', _OPTIONS_HINT[1])),
    },
    "import.deadline-missing": {
        "empty": Message(
            ("{kind}事项的“{label}”为空，要写具体日期。", _DEADLINE_HINT[0]),
            ('An item of type {kind} has an empty "{label}" ({field}); it needs a date.', _DEADLINE_HINT[1]),
        ),
        "word": Message(
            ("{kind}事项的“{label}”是“{value}”，要写具体日期。", _DEADLINE_HINT[0]),
            ('An item of type {kind} has "{value}" as its "{label}" ({field}); it needs a date.', _DEADLINE_HINT[1]),
        ),
    },
    "import.deadline": Message(
        ("{label}：{date_error}", "{date_hint}"),
        ('"{label}" ({field}): {date_error}.', "{date_hint}"), _date_error,
    ),
    "import.completed-missing": {
        "cell": Message(
            ("已完成事项缺少{label}。", "填写销号（完成）日期。"),
            ('An item with the status "已完成" (done) has no "{label}" ({field}).', "Fill in the day it was closed (completed)."),
        ),
        "no-column": Message(
            ("已完成事项缺少{label}。", "表格中没有“完成时间”列；填写销号（完成）日期。"),
            ('An item with the status "已完成" (done) has no "{label}" ({field}).', 'The table has no "完成时间" (completion date) column; add it and fill in the day the item was closed (completed).'),
        ),
    },
    "import.completed": Message(
        ("{label}：{date_error}", "{date_hint}"),
        ('"{label}" ({field}): {date_error}.', "{date_hint}"), _date_error,
    ),
    "import.completed-not-done": Message(
        ("状态为“{status}”的事项填写了{label}。", "已完成请把状态改为“已完成”，否则清空这一格；这一列若是计划完成时间，请把表头改为“整改时限”。"),
        ('An item with the status {status} has its "{label}" ({field}) filled in.', 'If the item is done, set its status to "已完成" (done), otherwise clear the cell; if this column holds planned dates, change its header to "整改时限" (deadline).'),
    ),
    "import.status-narrative": Message(
        ("{rows}的“{label}”以状态开头、后面还有说明文字，只按状态导入（如“{example}”导入为“{status}”）；后面的文字没有导入。", "状态列只写已完成、推进中或未启动；整改措施和进展请写在“整改措施”列或报告正文里，否则不会公示。"),
        ('In {rows}, the "{label}" ({field}) cell starts with a status followed by more text; only the status was imported (e.g. "{example}" as {status}), and the text after it was not.', 'The status column holds only "已完成" (done), "推进中" (in progress) or "未启动" (not started); put measures and progress in the "整改措施" (rectification measures) column or in the report text, or they are not published.'),
        _sheet_rows,
    ),
    "import.figures-mismatch": Message(
        ("台账已导入，但报告正文中的数字与新台账不一致：{figures}。", "修改正文中的问题总数、已完成数和整改率，使之与台账一致；gongshi check 也会报告，不一致的单位会延后公示（GONGSHI_RULE_CONSISTENCY）。"),
        ("The ledger was imported, but figures in the report text differ from the new ledger (整改台账): {figures}.", "Correct the total, the number fixed and the completion rate in the text to match the ledger; gongshi check reports it too, and a unit whose figures differ is held back (GONGSHI_RULE_CONSISTENCY)."),
        _figures,
    ),
    "import.duplicate-number": Message(
        ("序号 {number} 出现在{rows}。", "每一行算一个整改事项，计入完成率；同一问题的几条措施若只算一项，请合并为一行，否则改用不同序号。"),
        ("Item number {number} is used in {rows}.", "Each row counts as one rectification item in the completion rate; if the measures on those rows make one item, merge them into one row, otherwise give them different numbers."),
        _sheet_rows,
    ),
    "import.report-missing": Message(
        ("报告文件不存在。", "先用 gongshi new report --round <轮次> --unit <单位> 生成报告，再导入台账。"),
        ("The report file does not exist.", "Create it first with gongshi new report --round <round> --unit <unit>, then import the ledger."),
    ),
    "import.report-unreadable": Message(
        ("无法读取报告：{error}", "检查文件权限。"),
        ("Cannot read the report: {error}", "Check the file's permissions."),
    ),
    "import.report-encoding": Message(
        ("报告不是 UTF-8 编码。", "另存为 UTF-8 编码后再导入；gongshi check 会指出位置。"),
        ("The report is not encoded in UTF-8.", "Save it as UTF-8, then import again; gongshi check shows where the problem is."),
    ),
    "import.report-section": Message(
        ("“整改台账”部分除了一个表格还有其他内容，无法确定导入时替换哪些行。", "把这些文字移到“## 整改台账”标题之前，或删除多余的表格，再导入。"),
        ('The ledger section ("整改台账") holds more than its one table, so the import cannot tell which lines to replace.', 'Move the text above the "## 整改台账" heading, or delete the extra table, then import again.'),
    ),
    "import.round-trip": {
        "parse": Message(
            ("写入后的台账无法被正确读回（{detail}），报告未改动。", _BUG_HINT[0]),
            ("The ledger as it would be written cannot be read back correctly ({detail}); the report was not changed.", _BUG_HINT[1]),
        ),
        "mismatch": Message(
            ("写入后的台账无法被正确读回（读回的事项与导入的不一致），报告未改动。", _BUG_HINT[0]),
            ("The ledger as it would be written cannot be read back correctly (the items read back differ from those imported); the report was not changed.", _BUG_HINT[1]),
        ),
    },
}
# fmt: on

# fmt: off
_SKIPPED = {  # survey.skip.<reason>: what was wrong with the rows, and why they do not count
    "unknown-unit": (
        ("单位编号无法识别", "多为手工改动或伪造的链接；确认本轮单位名单无误即可"),
        ("unit ID not recognised", "Usually a link edited by hand or forged; just check this round's list of units"),
    ),
    "other-round": (
        ("轮次与文件所属轮次不符", "把这些行移到对应轮次的导出文件"),
        ("round differs from the file's round", "Move these rows to the export file of their round"),
    ),
    "no-answer": (
        ("未作答", "测评题未作答，不计入样本"),
        ("no answer", "The survey question was not answered, so the row is not counted"),
    ),
    "unsigned": (
        ("缺少签名", "开启签名后，不带签名的链接提交的结果不计入"),
        ("no signature", "With signed links on, answers sent from a link without a signature are not counted"),
    ),
    "bad-signature": (
        ("签名无效", "单位编号与签名不符，多为伪造的链接"),
        ("invalid signature", "The unit ID does not match the signature; usually a forged link"),
    ),
    "duplicate": (
        ("重复的答卷编号", "同一份答卷导出了多次，只计一次"),
        ("repeated response ID", "The same response was exported more than once; it is counted once"),
    ),
    "outside-window": (
        ("提交时间不在测评期内", "测评期外提交的答卷不计入"),
        ("sent outside the survey period", "Responses sent outside the survey period are not counted"),
    ),
}
# fmt: on
CATALOG |= {f"survey.skip.{reason}": _skipped(zh, en) for reason, (zh, en) in _SKIPPED.items()}

# --- configuration errors (errors.GongshiError.of) ---------------------------------------------

# fmt: off
LINK_PROBLEMS: dict[str, Message] = {  # what is wrong with one survey link template (surveylinks.py)
    "braces": Message(
        ("花括号不成对（{error}）", "占位符写成 {{round}}、{{unit}}，字面花括号写成 {{{{ 和 }}}}"),
        ("the braces do not pair up ({error})", "write the placeholders as {{round}} and {{unit}}, and a literal brace as {{{{ or }}}}"),
    ),
    "placeholder": Message(
        ("不认识的占位符 {{{name}}}", "可用：{{round}}（轮次编号）、{{unit}}（单位编号）"),
        ("unknown placeholder {{{name}}}", "use {{round}} (the round ID) and {{unit}} (the unit ID)"),
    ),
    "format-spec": Message(
        ("占位符 {{{name}}} 不能带格式或转换", "只写 {{{name}}}"),
        ("the placeholder {{{name}}} cannot carry a format or a conversion", "write just {{{name}}}"),
    ),
    "no-unit": Message(
        ("没有占位符 {{unit}}：每个单位的二维码都会一样，测评结果无法分到单位", "在路径或查询参数里加上 {{unit}}，如 https://主机名/s/{{round}}/{{unit}}"),
        ("it has no {{unit}} placeholder: every unit would get the same QR code, and the answers could not be told apart by unit", "add {{unit}} to the path or the query, e.g. https://<host>/s/{{round}}/{{unit}}"),
    ),
    "no-round": Message(
        ("没有占位符 {{round}}，而轮次 {rounds} 都用这个链接：单位编号在各轮之间会重复，测评结果无法分到轮次", "在链接里加上 {{round}}，如 https://主机名/s/{{round}}/{{unit}}；或在 GONGSHI_SURVEY_ROUND_URLS 中给这些轮次各写一个链接"),
        ("it has no {{round}} placeholder, and the rounds {rounds} all use it: unit IDs repeat across rounds, so the answers could not be told apart by round", "add {{round}}, e.g. https://<host>/s/{{round}}/{{unit}}, or give each of these rounds a link of its own in GONGSHI_SURVEY_ROUND_URLS"),
    ),
    "url": Message(
        ("不是有效的网址（{error}）", "检查方括号：IPv6 地址要整个写在一对方括号里，如 https://[2001:db8::1]/s/{{round}}/{{unit}}；主机名不用方括号"),
        ("it is not a valid URL ({error})", "check the square brackets: an IPv6 address goes whole inside one pair, e.g. https://[2001:db8::1]/s/{{round}}/{{unit}}; a host name takes none"),
    ),
    "https": Message(
        ("必须使用 https，而不是“{scheme}”", "链接以 https:// 开头"),
        ('it must use https, not "{scheme}"', "start the link with https://"),
    ),
    "host-placeholder": Message(
        ("主机名里不能有占位符", "占位符只能放在路径或查询参数里"),
        ("the host name cannot hold a placeholder", "put placeholders in the path or the query only"),
    ),
    "no-host": Message(
        ("缺少主机名", "写成 https://主机名/…"),
        ("the host name is missing", "write it as https://<host>/…"),
    ),
    "host": Message(
        ("主机“{host}”不在 GONGSHI_SURVEY_HOSTS 中（现有：{listed}）", "确认链接无误后，把这个主机加入 GONGSHI_SURVEY_HOSTS"),
        ('the host "{host}" is not in GONGSHI_SURVEY_HOSTS (listed now: {listed})', "check the link, then add the host to GONGSHI_SURVEY_HOSTS"),
    ),
    "userinfo": Message(
        ("链接里不能带用户名或密码", "删除“用户名:密码@”这一段"),
        ("the link cannot carry a user name or a password", 'delete the "user:password@" part'),
    ),
    "signature-param": Message(
        ("链接里已有参数“{param}”，它留给签名使用", "删除这个参数，或用 GONGSHI_SURVEY_SIGNATURE_PARAM 给签名换一个参数名"),
        ('the link already has the parameter "{param}", which is kept for the signature', "remove it, or give the signature another name with GONGSHI_SURVEY_SIGNATURE_PARAM"),
    ),
    "round": Message(
        ("没有编号为“{round}”的轮次（已有：{known}）", "删除这一项，或改正轮次编号"),
        ('there is no round "{round}" (existing rounds: {known})', "delete the entry or correct the round ID"),
    ),
}
# fmt: on


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


# fmt: off
EXPORT_PROBLEMS: dict[str, Message] = {  # what is wrong with GONGSHI_SURVEY_EXPORT (surveyexport.py)
    "preset": Message(
        ("没有预设“{preset}”", "可选：{presets}"),
        ('there is no preset "{preset}"', "choose one of {presets}"),
    ),
    "key": Message(
        ("不认识的键“{key}”", "可用的键：{known}"),
        ('unknown key "{key}"', "the keys are {known}"),
    ),
    "column": Message(
        ("“{key}”应为列名或 None，实际为 {value}", "写出表头里这一列的名称；不用这一列就写 None"),
        ('"{key}" must be a column name or None, not {value}', "write the column's name as the header row has it, or None to leave the column out"),
    ),
    "delimiter": Message(
        ("“delimiter”应为一个分隔字符或 None，实际为 {value}", '写一个字符，如 ";" 或 ","；制表符写成 "\\t"（r"\\t" 和 "\\\\t" 是两个字符）；写 None 则自动识别逗号、分号和制表符'),
        ('"delimiter" must be one separator character or None, not {value}', 'write one character, e.g. ";" or ","; a tab is "\\t" (r"\\t" and "\\\\t" are two characters); or None to detect commas, semicolons and tabs'),
    ),
    "required": Message(
        ("“{key}”不能为 None", "写出这一列的名称：每一行的单位和测评结果都从这两列读取"),
        ('"{key}" cannot be None', "name its column: every row's unit and answer are read from these two columns"),
    ),
    "answers": Message(
        ("answers 应为字典，给满意、基本满意、不满意各列出一组值", '写成 {{"满意": ["满意"], "基本满意": ["基本满意"], "不满意": ["不满意"]}}'),
        ('"answers" must be a dict listing values for each of "满意" (satisfied), "基本满意" (basically satisfied) and "不满意" (dissatisfied)', 'write it as {{"满意": ["满意"], "基本满意": ["基本满意"], "不满意": ["不满意"]}}'),
    ),
    "answer-values": Message(
        ("answers 中“{label}”的值应为非空的字符串列表", '例如 ["满意", "非常满意"]'),
        ('the values of {label} in "answers" must be a non-empty list of strings', 'e.g. ["满意", "非常满意"]'),
    ),
    "answer-twice": Message(
        ("测评结果“{value}”同时列在“{first}”和“{second}”下", "一个值只能算一种结果；删去其中一处"),
        ('the answer value "{value}" is listed under both {first} and {second}', "a value counts as one answer only; delete one of the two"),
    ),
}
# fmt: on


_OUTSIDE_OUTPUT = (
    "改用公开输出目录之外的文件夹，如 '{example}'。",
    "Choose a folder outside the public output, e.g. '{example}'.",
)

# fmt: off
ERRORS: dict[str, Message] = {
    # the settings file itself (runner.load_settings) and the content folder it names (cli)
    "config.missing": Message(
        ("找不到配置文件 {config}。", "在网站项目文件夹中运行 gongshi，或用 --config 指定配置文件。"),
        ("Configuration file not found: {config}.", "Run gongshi in the project folder, or name the file with --config."),
    ),
    "config.unloadable": Message(
        ("配置文件 {config} 无法加载：{error}", "改正文件中的错误（它是 Python 文件，注意引号、括号和缩进）后重新运行。"),
        ("The configuration file {config} cannot be loaded: {error}", "Correct the mistake in the file (it is Python: check quotes, brackets and indentation) and run again."),
    ),
    "config.plugin": Message(
        ("{config} 的 PLUGINS 中没有“{plugin}”：不加载它，整改报告就不经把关。", "在 PLUGINS 中加上它：PLUGINS = [\"{plugin}\"]。"),
        ('PLUGINS in {config} does not include "{plugin}": without it nothing would be gated.', 'Add it: PLUGINS = ["{plugin}"].'),
    ),
    "config.content-folder": Message(
        ("无法创建 {config} 中 PATH 指定的内容文件夹 {folder}：{error}", "检查 PATH 设置，以及是否有权限在那里新建文件夹。"),
        ("The content folder {folder} (PATH in {config}) cannot be created: {error}", "Check the PATH setting, and that you may create a folder there."),
    ),
    # what a run found in the content (errors.ContentError)
    "content.errors": Message(
        ("发现 {errors} 处内容错误。", "按上面列出的文件、行号逐条改正后重新运行。"),
        ("{errors} content error(s) found.", "Correct each problem listed above, at its file and line, and run again."),
    ),
    # gongshi withdraw (runner.withdraw)
    "withdraw.not-published": Message(
        ("轮次“{round}”单位“{unit}”没有公示，无需撤回。", "检查轮次和单位编号；只有已公示的报告才能撤回。"),
        ('Round "{round}", unit "{unit}" is not published, so there is nothing to withdraw.', "Check the round and unit IDs; only a published report can be withdrawn."),
    ),
    "withdraw.no-reason": Message(
        ("撤回公示必须写明原因。", "用 --reason 写明原因；原因会公开显示。"),
        ("A withdrawal needs a reason.", "Give it with --reason; it is shown publicly."),
    ),
    # gongshi verify (manifest.py)
    "verify.manifest": Message(
        ("无法读取清单 {path}：{error}", "确认这是 gongshi build 生成的公开网站文件夹（其中有 manifest.json）。"),
        ("No readable manifest at {path}: {error}", "Check that this is a public site folder written by gongshi build (it holds manifest.json)."),
    ),
    # GONGSHI_* settings in pelicanconf.py (settings.py)
    "setting.unknown": Message(
        ("pelicanconf.py 中有不认识的设置：{unknown}。", "检查拼写；可用的设置：{known}。"),
        ("Unknown setting(s) in pelicanconf.py: {unknown}.", "Check the spelling. Known: {known}."),
    ),
    "setting.value": Message(
        ("pelicanconf.py 中的 {name} = {value} 不对，应为：{expect}。", "改正这个值；每项设置的说明见 docs/settings.md。"),
        ("{name} = {value} in pelicanconf.py: expected {expect}.", "{help} See docs/settings.md."),
    ),
    "setting.internal-in-output": Message(
        ("GONGSHI_INTERNAL_PATH（{internal}）在 OUTPUT_PATH（{output}）之内：内部材料会被公开发布。", _OUTSIDE_OUTPUT[0]),
        ("GONGSHI_INTERNAL_PATH ({internal}) lies inside OUTPUT_PATH ({output}): the internal pack would be published.", _OUTSIDE_OUTPUT[1]),
    ),
    "setting.cache-in-output": Message(
        ("GONGSHI_CACHE_PATH（{cache}）在 OUTPUT_PATH（{output}）之内，缓存会被公开发布。", _OUTSIDE_OUTPUT[0]),
        ("GONGSHI_CACHE_PATH ({cache}) lies inside OUTPUT_PATH ({output}): the cache would be published.", _OUTSIDE_OUTPUT[1]),
    ),
    # survey link templates (surveylinks.py)
    "survey.links": Message(
        ("测评链接模板有误：\n  {problems}", "改正后重新运行；链接模板的写法见 docs/surveys.md。"),
        ("Survey link template(s) refused:\n  {problems}", "Correct them and run again; docs/surveys.md shows how to write a link template."),
        _problem_list(LINK_PROBLEMS),
    ),
    # a build that broke after validation (errors.BuildError): the published site is left as it was
    "build.changed": Message(
        ("{path} 在构建过程中被修改了。", "等文件保存完毕后重新构建。"),
        ("{path} changed while the site was being built.", "Build again once the file is saved."),
    ),
    "build.unreadable": Message(
        ("构建过程中无法再次读取 {path}。", "检查文件是否被移走或改了权限，然后重新构建。"),
        ("{path} could not be read again while the site was being built.", "Check that the file was not moved and may be read, then build again."),
    ),
    "build.plugin": Message(
        ("Pelican 插件“{plugin}”没有加载。", "检查 pelicanconf.py 中的 PLUGIN_PATHS 是否指向 plugins 文件夹。"),
        ('The Pelican plugin "{plugin}" did not load.', "Check that PLUGIN_PATHS in pelicanconf.py names the plugins folder."),
    ),
    "build.pelican": Message(
        ("Pelican 运行失败：{error}", "这通常是主题模板或插件的问题。请把这条信息发给维护人员。"),
        ("Pelican failed: {error}", "This is usually a theme template or plugin problem. Send this message to the maintainers."),
    ),
    "build.pelican-log": Message(
        ("Pelican 报告了问题：\n  {problems}", "请把这条信息发给维护人员。"),
        ("Pelican reported problems:\n  {problems}", "Send this message to the maintainers."),
    ),
    "build.no-pages": Message(
        ("网站生成器没有写出任何页面。", "检查 pelicanconf.py 的 PLUGINS 中是否有 gongshi_portal。"),
        ("The portal generator wrote no pages.", "Check that PLUGINS in pelicanconf.py includes gongshi_portal."),
    ),
    "build.pagefind-missing": Message(
        ("站内搜索需要 Pagefind 扩展版：{error}", "重新安装依赖：pip install -e . （pyproject.toml 固定了 pagefind[extended] 的版本）。"),
        ("Search needs Pagefind's extended build: {error}", "Install the dependencies again: pip install -e . (pyproject.toml pins pagefind[extended])."),
    ),
    "build.pagefind": Message(
        ("Pagefind 建立搜索索引失败：{error}", "重新构建；仍然失败请把这条信息发给维护人员。"),
        ("Pagefind could not build the search index: {error}", "Build again; if it fails again, send this message to the maintainers."),
    ),
    "build.pagefind-format": Message(
        ("无法读取 Pagefind 索引文件 {path}：{error}", "检查 pagefind 的版本是否是 pyproject.toml 固定的版本。"),
        ("The Pagefind index file {path} cannot be read: {error}", "Check that pagefind is the version pyproject.toml pins."),
    ),
    # how survey exports are read (surveyexport.py)
    "survey.export": Message(
        ("GONGSHI_SURVEY_EXPORT 设置有误：\n  {problems}", "改正后重新运行；各预设和可改的键见 docs/surveys.md。"),
        ("GONGSHI_SURVEY_EXPORT refused:\n  {problems}", "Correct it and run again; docs/surveys.md lists the presets and the keys you may set."),
        _problem_list(EXPORT_PROBLEMS),
    ),
}
# fmt: on
