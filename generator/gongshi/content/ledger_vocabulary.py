"""The words of the 整改台账, one table for every reader of a ledger.

A ledger reaches the portal as the Markdown table of a report (content/ledger.py)
and as a spreadsheet staff keep (authoring/ledger_import.py). Both read the same
column names, kinds, statuses and row rules from here, so a header or a status
accepted by one is accepted by the other. Only the syntax around the words
differs: a spreadsheet's cells, merges and Excel dates are the importer's
business, and the report keeps its dates strict (YYYY-MM-DD).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from gongshi.content.model import Kind, LedgerItem, Status

# field -> headers staff use; the first is the one the report writes, the rest in order of
# preference when a sheet has several columns for one field (责任部门 before 责任领导).
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "group": ("问题序号", "问题编号"),
    "area": ("方面", "问题类别", "类别", "所属方面", "问题方面", "问题分类", "反馈问题类别"),
    "problem": ("反馈问题", "问题", "存在问题", "问题内容", "问题描述", "具体问题", "巡察反馈问题", "主要问题", "问题表现"),
    "measures": ("整改措施", "措施", "具体整改措施", "整改举措"),
    "kind": ("类型", "整改类型", "整改方式", "整改分类"),
    "responsible": ("责任部门", "责任单位", "牵头部门", "牵头单位", "责任科室", "责任处室", "责任主体", "责任领导", "责任人"),
    "deadline": ("整改时限", "完成时限", "时限", "整改期限", "完成期限", "计划完成时间", "计划完成时限", "时限要求"),
    "extended_to": ("延期至", "延期时限", "延期后时限", "调整后时限", "调整后完成时限", "延长至"),
    "status": ("状态", "整改状态", "完成情况", "整改情况", "整改进度", "整改进展", "进展情况", "完成状态", "是否完成", "整改完成情况", "进展"),
    "completed_on": ("完成时间", "完成日期", "实际完成时间", "实际完成日期", "销号时间", "销号日期"),
}  # fmt: skip
# header -> (field, rank among the field's headers)
HEADER_FIELDS: dict[str, tuple[str, int]] = {
    header: (name, rank) for name, headers in COLUMNS.items() for rank, header in enumerate(headers)
}
# Every ledger has these; 完成时间 may be missing from a sheet where nothing is done yet.
REQUIRED = ("problem", "measures", "kind", "responsible", "deadline", "status", "completed_on")
# The report's column order; 问题序号 and 延期至 are written only when some row needs them.
FIELDS = ("number", "group", "area", "problem", "measures", "kind", "responsible", "deadline", "extended_to",
          "status", "completed_on")  # fmt: skip
OPTIONAL_FIELDS = ("group", "extended_to")

KIND_WORDS: dict[str, Kind] = {
    **dict.fromkeys(("立行立改", "立即整改", "立查立改", "即知即改"), Kind.IMMEDIATE),
    **dict.fromkeys(("限期整改", "限时整改", "限期完成"), Kind.DEADLINE),
    **dict.fromkeys(("长期坚持", "长期整改", "长期推进", "持续整改", "持续推进", "长期"), Kind.LONG_TERM),
}
STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(
        ("已完成", "完成", "已整改", "整改完成", "已完成整改", "已整改到位", "整改到位", "已办结", "办结", "已销号", "销号"),
        Status.DONE,
    ),
    **dict.fromkeys(("已完成并长期坚持", "已完成并持续推进", "已完成长期坚持", "完成并长期坚持"), Status.DONE_ONGOING),
    **dict.fromkeys(("基本完成", "基本完成整改", "基本整改到位"), Status.BASICALLY_DONE),
    **dict.fromkeys(("阶段性完成", "取得阶段性成果", "阶段性成果", "阶段性整改"), Status.PARTLY_DONE),
    **dict.fromkeys(("申请延期", "申请延期整改", "延期整改", "已延期"), Status.EXTENSION),
    **dict.fromkeys(
        ("推进中", "正在推进", "整改中", "正在整改", "进行中", "持续推进", "持续整改", "长期坚持"), Status.IN_PROGRESS
    ),
    **dict.fromkeys(("未启动", "未开始", "尚未启动", "尚未开始"), Status.NOT_STARTED),
}  # fmt: skip
# A 是否完成 column asks a question: 是 is done, 否 not yet, which the report writes 推进中 as it does
# every word for work not finished (整改中, 持续推进); 未启动 only where the cell says so. Elsewhere
# 是 and 否 answer nothing and are refused.
YES_NO_HEADER = "是否完成"
YES_NO_WORDS: dict[str, Status] = {"是": Status.DONE, "否": Status.IN_PROGRESS}
NONE_WORDS = frozenset({"", "—", "——", "-", "/", "无"})  # a cell left empty on purpose
LONG_TERM_DEADLINES = frozenset(
    {"长期", "长期坚持", "长期推进", "长期整改", "持续推进", "持续整改", "常态化", "长期有效"}
)
LONG_TERM_DEADLINE = "长期"  # what the report writes for a 长期坚持 item without a date

# A narrative status cell, 已完成。制定《公务用车管理办法》: a status word, punctuation, more words.
# Not 完成 alone: 完成：60% or 完成，剩余部分推进中 reports a share of the work, not the work done.
_LEADING_STATUS = re.compile(
    "^("
    + "|".join(sorted(map(re.escape, STATUS_WORDS.keys() - {"完成"}), key=len, reverse=True))
    + r")[\s。,;:、.!?()（）]+(\S.*)$"
)
# What follows a done word and takes it back: 已完成：60%, 已完成，部分措施推进中.
_PARTLY = re.compile(r"^(?:(?:约|近)?\d{1,2}(?:\.\d+)?%|部分|大部分|基本|初步)")
# 申请延期至2027年6月30日, 申请延期到 2027-06-30, 已延期至2027年6月底
_EXTENSION = re.compile(r"^(?:申请|已)?延期(?:整改)?(?:至|到)[:]?(.+)$")
# A row below a spreadsheet's table that is no item: a note, a total, the 落款 (who filled it in, the seal).
NOTE_ROW = re.compile(
    r"^[*※]?(?:(?:填表说明|说明|备注|注\d*|填表人|填报人|制表人|审核人|负责人|联系人|联系电话|填报日期|填表日期|制表日期)"
    r"\s*(?::|$)|合计|总计|小计|共计|(?:单位)?\(?盖章)"
)
# A group heading row, 一、政治建设方面（3个）: its ordinal, its count and the word 方面 are how the
# sheet writes the heading, not the area.
_ORDINAL = re.compile(r"^(?:[(（][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百\d]+[、.．])\s*")
_COUNT = re.compile(r"\s*[(（]\s*(?:共|计)?\s*\d+\s*(?:个|项|条|件)(?:问题)?\s*[)）]\s*$")
_AREA_WORD = re.compile(r"方面(?:存在的?|的)?(?:问题)?[:：]?$")
# 序号: 3, 3., 3、 or 1-2 (the second task of problem 1)
_NUMBER = re.compile(r"^(\d+)(?:[-–—](\d+))?[.、]?$")


def word(text: str) -> str:
    """A short value as staff may type it: full-width, spaced, with a trailing 。 or ；."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip("。;,.!")


def header_key(label: str) -> str:
    """整改时限（年月日）, *反馈问题, 整改\\n时限 all name a known header."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))
    return re.sub(r"\(.*\)$", "", key).strip("*※:")


def header_field(label: str) -> tuple[str, int] | None:
    """(field, rank) of a column header, or None when it names no field."""
    return HEADER_FIELDS.get(header_key(label))


def settle_columns(columns: dict[str, int]) -> dict[str, int]:
    """问题序号 alone numbers the rows (as it always has); beside a 序号 column it names their problem."""
    if "group" in columns and "number" not in columns:
        columns = dict(columns)
        columns["number"] = columns.pop("group")
    return columns


def status_words(label: str) -> dict[str, Status]:
    """The words a status column headed `label` may hold: 是 and 否 too when it asks 是否完成."""
    return STATUS_WORDS | YES_NO_WORDS if header_key(label) == YES_NO_HEADER else STATUS_WORDS


def read_kind(text: str) -> Kind | None:
    return KIND_WORDS.get(word(text))


@dataclass(frozen=True)
class StatusReading:
    """What a status cell says: the status, the extension date as written (申请延期至…), and
    whether the cell said more than its status (已完成。制定《…》), which is not imported."""

    status: Status
    extended_to: str = ""
    narrated: bool = False


def read_status(text: str, words: dict[str, Status] = STATUS_WORDS) -> StatusReading | None:
    """The status in a cell, or None when it holds none the ledger knows.

    A done word taken back by what follows it (已完成：60%) is not a status: the cell is refused,
    never imported as done.
    """
    plain = word(text)
    if plain in words:
        return StatusReading(words[plain])
    extension = _EXTENSION.match(plain)
    if extension:
        return StatusReading(Status.EXTENSION, extended_to=extension.group(1))
    match = _LEADING_STATUS.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    status = STATUS_WORDS[match.group(1)]
    if status.completed and _PARTLY.match(match.group(2)):
        return None
    return StatusReading(status, narrated=True)


def read_number(text: str) -> tuple[int, int | None] | None:
    """(number, task) of a 序号 cell: 3 -> (3, None), 1-2 -> (1, 2); None when it is neither."""
    match = _NUMBER.match(word(text) if text else "")
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def heading_area(title: str) -> str:
    """The 方面 a group heading row names: 一、政治建设方面（3个） is 政治建设, （二）关于全面从严治党方面
    is 全面从严治党; a heading that is nothing but those words stays as written."""
    area = _ORDINAL.sub("", title.strip())
    area = _AREA_WORD.sub("", _COUNT.sub("", area).strip())
    return re.sub(r"^关于", "", area).strip() or title.strip()


def is_none(text: str) -> bool:
    """An empty cell, or one left empty on purpose (—, /, 无)."""
    return word(text) in NONE_WORDS


def is_long_term_deadline(text: str) -> bool:
    """长期, 常态化 or an empty cell: the deadline of a 长期坚持 item that has no date."""
    plain = word(text)
    return plain in NONE_WORDS or plain in LONG_TERM_DEADLINES


def canonical_options(words: dict[str, Kind] | dict[str, Status]) -> list[str]:
    """The values the report writes, in the table's order (已完成, 已完成并长期坚持, …)."""
    return [str(value) for value in dict.fromkeys(words.values())]


def group_tasks(items: list[LedgerItem]) -> list[LedgerItem]:
    """Rows that repeat the problem text of the row above are tasks of one problem.

    Offices split a problem into tasks by repeating (or merging) its text on each task's
    row; rows already grouped by a 问题序号 column or 1-2 numbering are left as they are.
    """
    grouped: list[LedgerItem] = []
    for item in items:
        previous = grouped[-1] if grouped else None
        if previous is not None and item.problem == previous.problem and item.task is None and not item.group:
            key = previous.problem_key
            if key is None:
                key = str(previous.number)
                grouped[-1] = replace(previous, group=key)
            item = replace(item, group=key)
        grouped.append(item)
    return grouped


# --- row rules, the same for the report's table and a spreadsheet ------------------------------------


def completion_problem(status: Status, dated: bool) -> str | None:
    """What is wrong with a row's 完成时间: "missing" on a done item without one, "not-done" on an
    item not finished that has one. 基本完成 / 阶段性完成 may carry one or not (the setting decides
    whether they are done)."""
    if status.completed and not dated:
        return "missing"
    if dated and not (status.completed or status.partial):
        return "not-done"
    return None


def extension_problem(deadline: dt.date | None, extended_to: dt.date | None) -> str | None:
    """What is wrong with a row's 延期至: "no-deadline" when there is no original deadline to extend,
    "before" when it is not after the original deadline."""
    if extended_to is None:
        return None
    if deadline is None:
        return "no-deadline"
    return "before" if extended_to <= deadline else None
