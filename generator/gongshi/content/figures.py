"""Reading the figures a report's narrative states, and checking them against its ledger.

数字整改 (rectification on paper) shows up as a narrative claiming more than
its own ledger records, and the gate holds a unit for it; so a figure misread
here defers a unit wrongly. The reader therefore attributes a number to a
figure only when the phrase itself says which figure it is (巡察反馈问题12个,
已完成整改10个, 整改完成率83.3%), and a number it cannot attribute is not a
figure. Phrases that name a part of the problems (其中……, 立行立改事项……,
……方面问题3个) or work not finished (基本完成, 正在整改, 申请延期) end what is
read of their sentence. See docs/content-format.md for the vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from gongshi.content.metrics import LedgerMetrics, format_percent, percent
from gongshi.content.model import Figures
from gongshi.problems.messages import figures_in


class Figure(StrEnum):
    """What a stated number counts; the value is the label staff read (zh)."""

    PROBLEMS = "问题总数"
    PROBLEMS_DONE = "已完成"
    RATE = "整改完成率"
    TASKS = "整改任务数"
    TASKS_DONE = "已完成任务"
    TASK_RATE = "任务完成率"
    RULES = "建章立制"
    ACCOUNTABLE = "问责人数"
    FUNDS = "挽回经济损失"


@dataclass(frozen=True)
class Stated:
    """One figure as the narrative states it, and where."""

    figure: Figure
    value: Decimal | None  # None: 已全部完成整改 (done = all)
    text: str  # as written, normalised: "12", "83.3%", "23.8万元", "全部"
    line: int  # line of the report file (or of the narrative when lines are not known)
    sentence: str
    bare: bool = False  # a done count naming neither problems nor tasks (已完成整改10个)


@dataclass(frozen=True)
class Mismatch:
    figure: str
    stated: str
    ledger: str
    line: int | None = None
    sentence: str = ""
    against: str = "ledger"  # or "header": 建章立制, 问责 and 挽回 are compared with the report header


def describe(mismatches: Sequence[Mismatch]) -> str:
    """The mismatches in Chinese, each sentence named by its line (the gate's hold reason says this)."""
    return figures_in(mismatches, "zh")


# --- reading ------------------------------------------------------------------------------------

_WIDE = str.maketrans("０１２３４５６７８９％．", "0123456789%.")  # one character for one: offsets hold
_CN_DIGITS = {
    c: n for n, cs in enumerate(("零〇", "一", "二两", "三", "四", "五", "六", "七", "八", "九")) for c in cs
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUM = r"(\d+|[零〇一二两三四五六七八九十百千]{2,7}|[二两三四五六七八九十])"
_COUNTER = r"[个项条件]"
_END = r"(?=[\s，。；、,;：:）)！？中已均全]|$)"  # a count is followed by punctuation or the end
_EXACT = r"(?![以左多余])"  # 83%以上, 20万元左右: not an exact figure
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_CLAUSE_BREAK = re.compile(r"[，,；;：:、]")
_SPACE = re.compile(r"[ \t\u3000\xa0]+")
_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_QUOTE = re.compile(r"“[^“”]*”")  # a slogan: “边巡边改、立行立改”

# Words that make what follows in the sentence a part of the whole, or another round.
_PART = re.compile(
    r"其中|其余|剩余|立行立改|限期整改|长期坚持|长期整改|长期性|共性问题|个性问题|上轮|上一轮|上次|首轮|"
    r"前期|此前|自查|下属|所属|(?<![个等])方面|分别|巡视|审计"
)
# Words that make a count in their clause something not done, planned or partial.
_NOT_DONE = re.compile(
    r"未|不|没|尚|仍|正在|基本|阶段|计划|将|确保|力争|争取|预计|拟|需|要|应|延期|持续|推进|剩|其余|部分"
)

# What may come before a done count or a rate in its clause: a time, the problems, 共/累计.
_TIME = re.compile(
    r"截[至止](?:目前|今|到目前)?(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日|底|末|中旬|上旬|下旬)?|到目前为止|目前|当前|现已|现"
)
_NEUTRAL = re.compile(
    rf"(?:巡察(?:组)?)?(?:反馈|指出)?(?:的)?(?:上述|以上|所有|全部)?(?:{NUM}{_COUNTER})?(?:问题)?"
    rf"(?:{NUM}{_COUNTER})?(?:中)?(?:累计|共计|共|总共)?(?:已经|均)?"
)
_NEEDS_NEUTRAL = {Figure.PROBLEMS_DONE, Figure.TASKS_DONE, Figure.RATE, Figure.TASK_RATE}

_PATTERNS: tuple[tuple[Figure, re.Pattern[str]], ...] = tuple(
    (figure, re.compile(pattern))
    for figure, pattern in (
        (Figure.PROBLEMS, rf"(?:巡察(?:组)?)?(?:反馈|指出)(?:的)?(?:各类|具体)?{NUM}{_COUNTER}(?:具体)?问题"),
        (
            Figure.PROBLEMS,
            rf"(?:巡察(?:组)?)?(?:反馈|指出)(?:的)?问题(?:共计|总计|合计|共)?{NUM}{_COUNTER}{_END}",
        ),
        (Figure.PROBLEMS, rf"(?:\d+|[一二三四五六七八九十]{{1,3}})个方面(?:的)?{NUM}{_COUNTER}(?:具体)?问题"),
        (Figure.PROBLEMS, rf"问题清单(?:共计|共|合计)?{NUM}{_COUNTER}{_END}"),
        (Figure.PROBLEMS, rf"对(?:存在的|巡察反馈的|反馈的|巡察指出的|指出的){NUM}{_COUNTER}问题"),
        (Figure.PROBLEMS, rf"问题[^，。；\d]{{0,6}}共计{NUM}{_COUNTER}{_END}"),
        (
            Figure.TASKS,
            rf"(?:细化|分解)(?:为|成|出)?(?:整改)?(?:任务|措施)?{NUM}{_COUNTER}(?:具体)?(?:整改)?(?:任务|措施)",
        ),
        (Figure.TASKS, rf"(?:细化|分解)(?:为|成|出)?(?:整改)?(?:任务|措施){NUM}{_COUNTER}{_END}"),
        (Figure.TASKS_DONE, rf"(?:已完成|完成整改|整改完成)(?:整改)?(?:任务|措施){NUM}{_COUNTER}{_END}"),
        (Figure.TASKS_DONE, rf"(?:已完成|完成整改){NUM}{_COUNTER}(?:整改)?(?:任务|措施)"),
        (
            Figure.PROBLEMS_DONE,
            rf"(?:已完成整改|已整改完成|完成整改|整改完成|已整改到位|整改到位|已整改销号|整改销号|已办结|已完成)"
            rf"(?:问题|事项)?(?:共)?{NUM}{_COUNTER}(?:问题|事项)?(?=[\s，。；、,;：:）)！？]|$|的整改)",
        ),
        (
            Figure.PROBLEMS_DONE,
            r"(?:问题)?(?:已全部|均已|已经全部)(?:完成整改|整改完成|整改到位|整改销号|办结)",
        ),
        (Figure.TASK_RATE, rf"(?:任务|措施)(?:整改)?完成率(?:为|达|达到|已达|是)?(\d+(?:\.\d+)?)%{_EXACT}"),
        (
            Figure.RATE,
            rf"(?:整改|总体|整体|问题)?(?:整改)?(?:完成率|整改率)(?:为|达|达到|已达|是)?(\d+(?:\.\d+)?)%{_EXACT}",
        ),
        (Figure.RATE, rf"占(?:巡察)?(?:反馈)?(?:问题|整改任务|任务)?总数的(\d+(?:\.\d+)?)%{_EXACT}"),
        (
            Figure.RULES,
            rf"(?:建立|健全|完善|新建|制定|修订|修改|出台)[^，。；\d]{{0,8}}?制度(?:机制)?(?:共)?{NUM}{_COUNTER}{_END}",
        ),
        (
            Figure.ACCOUNTABLE,
            rf"问责(?:处理)?(?:了)?(?:党员干部|领导干部|干部|党员|相关责任人|责任人)?(?:共)?{NUM}人{_EXACT}",
        ),
        (
            Figure.FUNDS,
            rf"(?:追缴|清退|挽回|追回|退还|收回|退赔)[^，。；\d]{{0,20}}?(\d+(?:\.\d+)?)万元{_EXACT}",
        ),
    )
)
_COUNTED = {Figure.PROBLEMS, Figure.PROBLEMS_DONE, Figure.TASKS, Figure.TASKS_DONE}
_ALL_DONE = "全部"


def cn_number(text: str) -> int | None:
    """Arabic or Chinese numerals (十二, 二十三, 一百零五, 两百) as a whole number; None if not one."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in "零〇" and total:  # 一百零五: a place left empty
            continue
        if char in _CN_DIGITS:
            if digit is not None:  # two digits in a row ("一二"): not a number we read
                return None
            digit = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def read_figures(narrative: str, lines: Sequence[int] = ()) -> tuple[Stated, ...]:
    """Every figure the narrative states and can be attributed; `lines`: the file line of each line."""
    text = narrative.translate(_WIDE)
    found: list[Stated] = []
    index, counted = 0, 0  # newlines before `counted`
    for match in _SENTENCE.finditer(text):
        index += text.count("\n", counted, match.start())
        counted = match.start()
        line = lines[index] if index < len(lines) else index + 1
        found += _read_sentence(match.group(0), line, narrative[match.start() : match.end()])
    if any(s.figure in (Figure.TASKS, Figure.TASKS_DONE) for s in found):
        found = [s for s in found if not s.bare]  # of problems or of tasks: the report names both
    return tuple(_wholes(found))


def _wholes(found: list[Stated]) -> list[Stated]:
    """Counts stated with several values: the largest is the whole, and the sentences that state a
    smaller one speak of a part (a section, an earlier date), so nothing in them is read."""
    parts: set[tuple[int, str]] = set()
    for figure in _COUNTED:
        said = [s for s in found if s.figure is figure and s.value is not None]
        whole = max((s.value for s in said if s.value is not None), default=None)
        parts |= {
            (s.line, s.sentence)
            for s in said
            if whole is not None and s.value is not None and s.value < whole
        }
    return [s for s in found if (s.line, s.sentence) not in parts]


def _read_sentence(sentence: str, line: int, original: str) -> list[Stated]:
    sentence = _SPACE.sub("", sentence)  # 反馈问题共 3 个: Word puts spaces around digits
    blanked = _PAREN.sub(
        lambda m: " " * len(m.group(0)) if _PART.search(m.group(0)) else m.group(0), sentence
    )
    blanked = _QUOTE.sub(lambda m: " " * len(m.group(0)), blanked)
    part = _PART.search(blanked)
    scope = blanked[: part.start()] if part else blanked
    hits: list[tuple[int, int, Figure, str]] = []
    for figure, pattern in _PATTERNS:
        for m in pattern.finditer(scope):
            if any(start <= m.start() < end or m.start() <= start < m.end() for start, end, *_ in hits):
                continue  # one phrase, one figure: the first pattern that reads it
            hits.append((m.start(), m.end(), figure, m.group(1) if m.groups() else ""))
    hits.sort()
    stated: list[Stated] = []
    kinds: list[Figure | None] = []  # what the sentence spoke of so far (None: a count not read), for rates
    last_end = 0  # where the last count read ends
    for start, end, figure, number in hits:
        clause = _CLAUSE_BREAK.split(scope[:start])[-1]
        value, text = _value(figure, number)
        if (
            _NOT_DONE.search(clause)
            or (figure in _NEEDS_NEUTRAL and _NEUTRAL.fullmatch(_TIME.sub("", clause)) is None)
            or (value is None and text != _ALL_DONE)  # 一二个: not a number we read
        ):
            kinds.append(None)
            continue
        if figure is Figure.RATE:
            if scope[start] == "占" and not (
                kinds
                and kinds[-1] in (Figure.PROBLEMS_DONE, Figure.TASKS_DONE)
                and not scope[last_end:start].strip("，,")
            ):
                continue  # 占……总数的N% is a completion rate only right after a done count
            if kinds and kinds[-1] in (Figure.TASKS, Figure.TASKS_DONE):
                figure = Figure.TASK_RATE
        bare = figure is Figure.PROBLEMS_DONE and "问题" not in scope[start:end] and text != _ALL_DONE
        stated.append(Stated(figure, value, text, line, original.strip(), bare))
        kinds.append(figure)
        last_end = end
    return stated


def _value(figure: Figure, number: str) -> tuple[Decimal | None, str]:
    if figure is Figure.PROBLEMS_DONE and not number:
        return None, _ALL_DONE
    if figure in (Figure.RATE, Figure.TASK_RATE):
        return Decimal(number), f"{number}%"
    if figure is Figure.FUNDS:
        return Decimal(number), f"{number}万元"
    whole = cn_number(number)
    return (Decimal(whole), str(whole)) if whole is not None else (None, number)


# --- comparing ----------------------------------------------------------------------------------


def rate_agrees(stated: Decimal, done: int, total: int) -> bool:
    """The ledger's rate rounded half-up to as many decimals as the report wrote equals the stated one."""
    if not total:
        return stated == 0
    exponent = stated.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    share = Fraction(done * 100, total)
    ledger = (Decimal(share.numerator) / Decimal(share.denominator)).quantize(places, rounding=ROUND_HALF_UP)
    return ledger == stated


def compare(
    stated: Sequence[Stated], metrics: LedgerMetrics, figures: Figures | None = None
) -> list[Mismatch]:
    """Each stated figure that the ledger (or the report header's figures) contradicts."""
    problems, done = (
        metrics.problems or metrics.total,
        metrics.problems_done if metrics.problems else metrics.done,
    )
    tasks_named = any(s.figure in (Figure.TASKS, Figure.TASKS_DONE) for s in stated)
    counts: dict[Figure, int] = {
        Figure.PROBLEMS: problems,
        Figure.PROBLEMS_DONE: done,
        Figure.TASKS: metrics.total,
        Figure.TASKS_DONE: metrics.done,
    }
    found: list[Mismatch] = []

    def add(s: Stated, ledger: str) -> None:
        found.append(Mismatch(s.figure.value, s.text, ledger, s.line, s.sentence))

    for s in stated:
        if s.figure in counts:
            expected = counts[s.figure]
            if s.value is None:  # 已全部完成整改
                if done != problems:
                    add(s, f"{done}/{problems}")
            elif s.value != expected:
                add(s, str(expected))
        elif s.figure in (Figure.RATE, Figure.TASK_RATE) and s.value is not None:
            rates: list[tuple[int, int]] = (
                [(metrics.done, metrics.total)] if s.figure is Figure.TASK_RATE else []
            )
            if s.figure is Figure.RATE:
                rates.append((done, problems))
                if tasks_named:
                    rates.append((metrics.done, metrics.total))
            if not any(rate_agrees(s.value, d, t) for d, t in rates):
                d, t = rates[0]
                add(s, format_percent(percent(Fraction(d, t) if t else Fraction(0))))
    found += _header_figures(stated, figures)
    return found


_HEADER: tuple[tuple[Figure, Callable[[Figures], Decimal | int | None], str], ...] = (
    (Figure.RULES, lambda f: f.rules_made, "项"),
    (Figure.ACCOUNTABLE, lambda f: f.accountable, "人"),
    (Figure.FUNDS, lambda f: f.funds_recovered, "万元"),
)


def _header_figures(stated: Sequence[Stated], figures: Figures | None) -> list[Mismatch]:
    """建章立制, 问责, 挽回 against the header, when the narrative states each with one value (parts add up)."""
    found: list[Mismatch] = []
    if figures is None:
        return found
    for figure, get, unit in _HEADER:
        value = get(figures)
        said = [s for s in stated if s.figure is figure]
        if value is None or len({s.value for s in said}) != 1 or said[0].value is None:
            continue  # not stated, or stated in parts: 追缴A万元……清退B万元
        s = said[0]
        if s.value != Decimal(value):
            shown = s.text if figure is Figure.FUNDS else f"{s.text}{unit}"
            found.append(Mismatch(figure.value, shown, f"{value}{unit}", s.line, s.sentence, "header"))
    return found


def stated_figures_mismatch(
    narrative: str, metrics: LedgerMetrics, figures: Figures | None = None, lines: Sequence[int] = ()
) -> list[Mismatch]:
    """Read the narrative's figures and compare them with the ledger and the header's figures."""
    return compare(read_figures(narrative, lines), metrics, figures)
