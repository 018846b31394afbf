"""What changed between a published report and its working copy: progress, or a revision.

Progress (进展更新) is the one change a batch publishes on its own: an item's
status moves forward (未启动 → 推进中 → 阶段性完成 → 基本完成 → 已完成), and a
completion date is added, not before the version it updates and not after the
as-of date; nothing else changes. Anything else (the narrative, the header, an
item added, removed or reworded, a status moving back, a date changed) is a
revision, which only `gongshi revise` publishes, with a reason shown publicly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongshi.content.archive import read_pinned
from gongshi.content.loader import Content, Key
from gongshi.content.model import LedgerItem, Report, Status
from gongshi.problems.phrasing import Phrase
from gongshi.rules.record import Record

# how far along each status is; a move to a higher rank is progress
RANK = {
    Status.NOT_STARTED: 0,
    Status.IN_PROGRESS: 1,
    Status.EXTENSION: 1,
    Status.PARTLY_DONE: 2,
    Status.BASICALLY_DONE: 3,
    Status.DONE: 4,
    Status.DONE_ONGOING: 4,
}

# header fields, in the words of the report's header (zh, en)
_HEAD_FIELDS = {
    "unit_name": ("单位名称", "unit name"),
    "title": ("标题", "title"),
    "date": ("报告日期", "report date"),
    "review": ("会审", "review"),
    "feedback": ("意见反馈渠道", "feedback channel"),
    "figures": ("主要数据", "stated figures"),
}

# item fields other than status and completion date: a change to any is a revision (zh, en)
_ITEM_FIELDS = {
    "area": ("领域", "area"),
    "problem": ("问题", "problem"),
    "measures": ("整改措施", "measures"),
    "kind": ("类型", "kind"),
    "responsible": ("责任", "responsible"),
    "deadline": ("时限", "deadline"),
    "extended_to": ("延期至", "extended to"),
    "task": ("序号", "number"),
    "group": ("问题序号", "problem number"),
}


class Kind(StrEnum):
    SAME = "same"
    PROGRESS = "progress"
    REVISION = "revision"


@dataclass(frozen=True)
class Change:
    """One change: `text` is shown publicly (and kept in the record), `en` to staff reading English;
    `progress`: a change a batch may publish."""

    text: str
    progress: bool
    en: str = ""

    @property
    def phrase(self) -> Phrase:
        return Phrase(self.text, self.en or self.text)


@dataclass(frozen=True)
class Diff:
    changes: tuple[Change, ...]

    @property
    def kind(self) -> Kind:
        if not self.changes:
            return Kind.SAME
        return Kind.PROGRESS if all(c.progress for c in self.changes) else Kind.REVISION

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.changes)

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        """What changed, for staff messages in either language."""
        return tuple(c.phrase for c in self.changes)

    @property
    def revision_phrases(self) -> tuple[Phrase, ...]:
        """The changes only a revision publishes."""
        return tuple(c.phrase for c in self.changes if not c.progress)

    @property
    def revision_texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.changes if not c.progress)


def compare(old: Report, new: Report, since: dt.date, as_of: dt.date, same_bytes: bool = False) -> Diff:
    """The changes from `old` (published on `since`) to `new`, judged as of `as_of`.

    `same_bytes=False` with no change found: the file differs only where nothing is parsed
    (spacing, a comment); still a change to what was published, so a revision."""
    changes: list[Change] = []
    for name, (label, en) in _HEAD_FIELDS.items():
        if getattr(old, name) != getattr(new, name):
            changes.append(Change(f"修改了报告头“{label}”", False, f"header: {en} changed"))
    if old.narrative != new.narrative:
        changes.append(Change("修改了报告正文", False, "narrative changed"))
    changes += _ledger(old.ledger, new.ledger, since, as_of)
    if not changes and not same_bytes:
        changes.append(Change("修改了报告文件（格式或空白）", False, "file changed (layout or spacing)"))
    return Diff(tuple(changes))


def _ledger(
    old: tuple[LedgerItem, ...], new: tuple[LedgerItem, ...], since: dt.date, as_of: dt.date
) -> list[Change]:
    changes: list[Change] = []
    before = {item.label: item for item in old}
    after = {item.label: item for item in new}
    changes += [Change(f"删除了第 {n} 项", False, f"item {n} removed") for n in before if n not in after]
    changes += [Change(f"增加了第 {n} 项", False, f"item {n} added") for n in after if n not in before]
    if [i.label for i in old if i.label in after] != [i.label for i in new if i.label in before]:
        changes.append(Change("调整了台账事项的顺序", False, "ledger items reordered"))
    for label, was in before.items():
        now = after.get(label)
        if now is not None:
            changes += _item(was, now, since, as_of)
    return changes


def _item(was: LedgerItem, now: LedgerItem, since: dt.date, as_of: dt.date) -> list[Change]:
    n = was.label
    changes = [
        Change(f"修改了第 {n} 项的“{label}”", False, f"item {n}: {en} changed")
        for name, (label, en) in _ITEM_FIELDS.items()
        if getattr(was, name) != getattr(now, name)
    ]
    if was.status != now.status:
        forward = RANK[now.status] > RANK[was.status]
        back = RANK[now.status] < RANK[was.status]
        verb, moved = (
            ("推进", "moved forward") if forward else ("改回", "moved back") if back else ("改", "changed")
        )
        text = f"第 {n} 项状态由“{was.status}”{verb}为“{now.status}”"
        changes.append(
            Change(text, forward, f'item {n}: status {moved} from "{was.status}" to "{now.status}"')
        )
    if was.completed_on != now.completed_on:
        if was.completed_on is None and now.completed_on is not None:
            day = now.completed_on.isoformat()
            fits = since <= now.completed_on <= as_of
            note = "" if fits else f"（早于上一版本 {since.isoformat()} 或晚于 {as_of.isoformat()}）"
            late = (
                "" if fits else f" (before the version of {since.isoformat()} or after {as_of.isoformat()})"
            )
            changes.append(
                Change(f"第 {n} 项填写完成时间 {day}{note}", fits, f"item {n}: completed on {day}{late}")
            )
        else:
            changes.append(Change(f"修改了第 {n} 项的完成时间", False, f"item {n}: completion date changed"))
    return changes


@dataclass(frozen=True)
class Edit:
    """A published report whose working copy differs from the version the record pins."""

    key: Key
    source: str  # the working copy's file
    sha256: str  # of the working copy
    diff: Diff
    since: dt.date  # the date of the pinned version


def find_edits(content: Content, record: Record, as_of: dt.date) -> dict[Key, Edit]:
    """Every public, pinned report whose working copy is no longer the pinned version."""
    edits: dict[Key, Edit] = {}
    for key in sorted(record.public_keys()):
        versions = record.versions(key)
        head = content.reports.get(key)
        if not versions or not versions[-1].sha256 or head is None:
            continue  # not pinned yet (published before pinning), or gone (the record says so)
        sha = content.digests.get(head.source, "")
        if sha == versions[-1].sha256:
            continue
        old = read_pinned(content, key, versions[-1].sha256)
        if old is None:
            continue  # the archive check names the file
        diff = compare(old, content.whole(head), versions[-1].date, as_of)
        edits[key] = Edit(key, head.source, sha, diff, versions[-1].date)
    return edits
