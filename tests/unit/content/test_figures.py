"""The figures a narrative states, read in the styles real notices use, and checked against the ledger.

A misread figure holds a unit back wrongly, so the bar is zero misreads: each
sentence below is read to exactly the figures it states, a consistent ledger
gives no mismatch and a ledger off by one item gives one.
"""

import dataclasses
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from factories import make_project, report_text, round_text
from hypothesis import given, settings
from hypothesis import strategies as st

from gongshi.build.runner import build
from gongshi.content.figures import (
    Figure,
    Mismatch,
    cn_number,
    compare,
    describe,
    rate_agrees,
    read_figures,
    stated_figures_mismatch,
)
from gongshi.content.metrics import LedgerMetrics, measure
from gongshi.content.model import Figures, Kind, LedgerItem, Status

P, D, R = Figure.PROBLEMS, Figure.PROBLEMS_DONE, Figure.RATE
T, TD, TR = Figure.TASKS, Figure.TASKS_DONE, Figure.TASK_RATE
RULES, ACC, FUNDS = Figure.RULES, Figure.ACCOUNTABLE, Figure.FUNDS


def metrics(problems, done, tasks=None, tasks_done=None):
    tasks = problems if tasks is None else tasks
    tasks_done = done if tasks_done is None else tasks_done
    return LedgerMetrics(
        total=tasks, by_status={Status.DONE: tasks_done}, by_kind={}, overdue=(), long_term_ongoing=0,
        problems=problems, problems_done=done, done=tasks_done,
    )  # fmt: skip


# (sentence, ledger (problems, done, tasks, tasks done), header figures, what it states)
CASES = [
    ("截至目前，巡察反馈问题12个，已完成整改10个，整改完成率83.3%。", (12, 10), None, {P: "12", D: "10", R: "83.3%"}),
    ("截止目前，巡察反馈的12个问题已完成整改10个，完成率达83.33%。", (12, 10), None, {P: "12", D: "10", R: "83.33%"}),
    ("市委第二巡察组共反馈问题15个，目前已整改到位13个，正在整改2个。", (15, 13), None, {P: "15", D: "13"}),
    ("巡察反馈4个方面18个问题，已完成整改15个，整改完成率83.3%，其余3个正在推进。", (18, 15), None, {P: "18", D: "15", R: "83.3%"}),
    ("梳理形成问题清单21项，截至目前已完成18项，整改率85.7%。", (21, 18), None, {P: "21", D: "18", R: "85.7%"}),
    ("巡察反馈的问题共计9项，已全部完成整改。", (9, 9), None, {P: "9", D: "全部"}),
    ("对存在的8个问题进行整改，已整改销号问题7个，整改完成率87.5%。", (8, 7), None, {P: "8", D: "7", R: "87.5%"}),
    ("巡察反馈问题10个，完成整改8个，持续整改问题2个。", (10, 8), None, {P: "10", D: "8"}),
    ("巡察反馈问题6个，细化为整改任务7项，已完成整改任务6项。", (6, 5, 7, 6), None, {P: "6", T: "7", TD: "6"}),
    ("巡察反馈问题5个，细化为12条整改措施，已完成11条。", (5, 4, 12, 11), None, {P: "5", T: "12"}),
    ("巡察反馈问题１２个，已完成整改１０个，整改完成率８３.３％。", (12, 10), None, {P: "12", D: "10", R: "83.3%"}),
    ("巡察反馈六个问题，已完成整改五个。", (6, 5), None, {P: "6", D: "5"}),
    ("巡察反馈十二个问题，已完成整改十个，总体完成率83.3%。", (12, 10), None, {P: "12", D: "10", R: "83.3%"}),
    ("截至目前，巡察反馈问题20个，已完成19个，占问题总数的95%。", (20, 19), None, {P: "20", D: "19", R: "95%"}),
    ("巡察反馈问题7个。截至目前，已完成整改5个。整改完成率71.43%。", (7, 5), None, {P: "7", D: "5", R: "71.43%"}),
    ("巡察反馈问题8个，其中立行立改问题3个，已全部完成整改；限期整改问题5个，已完成整改3个。", (8, 6), None, {P: "8"}),
    ("巡察反馈问题9个，已完成整改7个，基本完成1个，需长期坚持1个。", (9, 7), None, {P: "9", D: "7"}),
    ("巡察反馈问题11个，已完成整改9个，申请延期整改2个。", (11, 9), None, {P: "11", D: "9"}),
    ("巡察反馈问题13个，已完成整改10个，取得阶段性成果2个，未完成1个。", (13, 10), None, {P: "13", D: "10"}),
    ("巡察反馈问题10个，完成整改10个，整改率100%。", (10, 10), None, {P: "10", D: "10", R: "100%"}),
    ("反馈问题共14个，截至目前已整改到位12个，整改完成率为85.71%。", (14, 12), None, {P: "14", D: "12", R: "85.71%"}),
    ("对照巡察反馈的3个方面15个问题，逐项制定整改措施，已完成整改13个，完成率86.7%。", (15, 13), None, {P: "15", D: "13", R: "86.7%"}),
    ("巡察反馈问题24个，已完成整改20个，整改完成率83%。", (24, 20), None, {P: "24", D: "20", R: "83%"}),
    ("问题清单共计16项，已完成整改14项，整改完成率87.5%。", (16, 14), None, {P: "16", D: "14", R: "87.5%"}),
    ("巡察反馈问题5个，已完成整改4个，整改完成率80%，未完成的1个为长期坚持事项。", (5, 4), None, {P: "5", D: "4", R: "80%"}),
    ("巡察指出问题18个，已办结16个。", (18, 16), None, {P: "18", D: "16"}),
    ("巡察组反馈的25个问题，已完成整改19个，整改完成率76%。", (25, 19), None, {P: "25", D: "19", R: "76%"}),
    ("巡察反馈问题30个，细化为45项具体整改措施，已完成整改措施40项，任务完成率88.9%。", (30, 20, 45, 40), None, {P: "30", T: "45", TD: "40", TR: "88.9%"}),
    ("截至目前，反馈问题7个已全部整改到位。", (7, 7), None, {P: "7", D: "全部"}),
    ("巡察反馈问题两个，均已完成整改。", (2, 2), None, {P: "2", D: "全部"}),
    ("巡察反馈问题9个，已完成整改8个，占总数的88.9%，其余1个为长期坚持事项。", (9, 8), None, {P: "9", D: "8", R: "88.9%"}),
    ("巡察反馈问题35个。截至2025年9月底，已完成整改33个，整改完成率94.29%。", (35, 33), None, {P: "35", D: "33", R: "94.29%"}),
    ("共性问题4个已纳入长效机制。巡察反馈问题16个，已完成整改13个。", (16, 13), None, {P: "16", D: "13"}),
    ("巡察反馈问题10个，截至目前完成整改9个，整改完成率90%，问责1人，党纪政务处分1人，组织处理2人。", (10, 9), Figures(accountable=1), {P: "10", D: "9", R: "90%", ACC: "1"}),
    ("共挽回经济损失128.6万元，建立健全制度机制21项。", (3, 3), Figures(21, None, Decimal("128.6")), {FUNDS: "128.6万元", RULES: "21"}),
    ("整改中共建立健全制度12项，问责3人，追缴违规资金45.6万元。", (3, 3), Figures(12, 3, Decimal("45.6")), {RULES: "12", ACC: "3", FUNDS: "45.6万元"}),
    ("修订完善制度10项，问责2人。", (3, 3), Figures(10, 2), {RULES: "10", ACC: "2"}),
    ("完善和新建制度6项，问责0人。", (3, 3), Figures(6, 0), {RULES: "6", ACC: "0"}),
    ("制定及修改完善制度9项，清退违规发放的津补贴12.5万元。", (3, 3), Figures(9, None, Decimal("12.5")), {RULES: "9", FUNDS: "12.5万元"}),
    ("上轮巡察反馈问题12个已全部整改。本轮巡察反馈问题8个，已完成整改6个。", (8, 6), None, {P: "8", D: "6"}),
    ("针对巡察反馈的21个问题，细化为整改任务35项，已完成整改任务30项，已完成整改问题17个。", (21, 17, 35, 30), None, {P: "21", T: "35", TD: "30", D: "17"}),
    ("巡察反馈问题18个，截至目前，已完成整改18个，整改完成率100%，建立完善制度5项。", (18, 18), Figures(5), {P: "18", D: "18", R: "100%", RULES: "5"}),
    ("截至目前，巡察反馈问题6个，细化为整改任务7项。", (6, 4, 7, 5), None, {P: "6", T: "7"}),
    ("对巡察反馈的6个方面21个问题逐条认领。目前，21个问题已完成整改19个，2个问题取得阶段性成效。", (21, 19), None, {P: "21", D: "19"}),
    ("截至2025年8月底，巡察反馈问题已整改完成11个，整改完成率91.7%。", (12, 11), None, {D: "11", R: "91.7%"}),
    ("按照“边巡边改、立行立改”要求，巡察反馈问题12个，已完成整改10个。", (12, 10), None, {P: "12", D: "10"}),
    ("巡察反馈问题12个，已完成整改12个，完成率100%。完善制度4项，问责党员干部3人，追缴资金8.5万元。", (12, 12), Figures(4, 3, Decimal("8.5")), {P: "12", D: "12", R: "100%", RULES: "4", ACC: "3", FUNDS: "8.5万元"}),
    ("巡察反馈问题12个，已完成整改10个，完成率83.3％，挽回经济损失0万元。", (12, 10), Figures(funds_recovered=Decimal("0")), {P: "12", D: "10", R: "83.3%", FUNDS: "0万元"}),
]  # fmt: skip


def _ids(case):
    return case[0][:18]


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_each_sentence_is_read_to_the_figures_it_states(case):
    sentence, _ledger, _header, states = case
    assert {s.figure: s.text for s in read_figures(sentence)} == states
    assert len(read_figures(sentence)) == len(states)  # no figure read twice


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_a_consistent_ledger_gives_no_mismatch(case):
    sentence, ledger, header, _states = case
    assert stated_figures_mismatch(sentence, metrics(*ledger), header) == []


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_a_ledger_off_by_one_gives_a_mismatch(case):
    sentence, ledger, header, states = case
    problems, done, tasks, tasks_done = (*ledger, *ledger)[:4] if len(ledger) == 2 else ledger
    if set(states) & {D, R, TD, TR}:  # one item fewer done
        off = metrics(problems, done - 1, tasks, tasks_done - 1)
    else:  # one problem (and task) more
        off = metrics(problems + 1, done, tasks + 1, tasks_done)
    if set(states) & {P, T, D, R, TD, TR}:
        found = stated_figures_mismatch(sentence, off, header)
        assert found and {m.figure for m in found} <= {f.value for f in states}
    if header is not None:
        bumped = Figures(*(None if v is None else v + 1 for v in dataclasses.astuple(header)))
        found = stated_figures_mismatch(sentence, metrics(*ledger), bumped)
        assert {m.figure for m in found} == {f.value for f in states if f in (RULES, ACC, FUNDS)}
        assert all(m.against == "header" for m in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "以上3项计划于2026年底前完成。",
        "其余3个为长期坚持事项。",
        "2个长期坚持事项正在持续推进。",
        "政治建设方面，巡察反馈问题3个，已完成整改3个。",
        "其中立行立改事项已全部完成。",
        "基本完成整改4个，正在整改2个。",
        "已基本完成整改4个。",
        "申请延期整改2个，未完成1个。",
        "已制定整改措施45条。",
        "立行立改问题5个，已完成整改5个。",
        "计划年底前完成整改3个。",
        "确保完成整改任务7项。",
        "拟问责2人。",
        "将建立制度3项。",
        "群众满意率95%。",
        "发现问题线索6件。",
        "每一个问题都明确了责任人。",
        "取得阶段性成果的2个问题将持续推进。",
        "镇党委将集中力量推进4个限期整改事项。",
        "长期坚持事项3个，占总数的25%。",
        "自查发现问题5个，已完成整改5个。",
        "问卷完成率95%。",
        "新建党组织已完成5个。",
        "结合省委巡视反馈问题5个一并整改。",
        "审计反馈问题8个，已整改到位7个。",
        "完成整改10个问题中的8个。",
        "全市整改完成率90%。",
        "整改完成率达83%以上。",
        "追回违规资金20余万元，问责10余人。",
        "挽回经济损失50万元左右。",
        "整改完成率由上月的60%提高到83.3%。",
        "整改完成率超过80%。",
    ],
)
def test_a_number_that_does_not_say_which_figure_it_is_is_not_read(sentence):
    assert read_figures(sentence) == ()


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("巡察反馈的12个问题中，有10个已完成整改。", {P: "12"}),
        ("已完成整改8个，正在整改4个，占总数的33%。", {D: "8"}),  # the share is of those under way
        ("巡察反馈问题 12 个，已完成整改 10 个，整改完成率 83.3 %。", {P: "12", D: "10", R: "83.3%"}),
        ("巡察反馈问题12个（其中立行立改问题5个），已完成整改10个。", {P: "12", D: "10"}),
        ("截至2025年6月30日，巡察反馈问题12个，已完成整改10个。", {P: "12", D: "10"}),
        ("巡察反馈问题12个，已完成整改10个，正在整改2个，占问题总数的16.7%。", {P: "12", D: "10"}),
    ],
)
def test_only_the_figures_the_phrase_names_are_read(text, states):
    assert {s.figure: s.text for s in read_figures(text)} == states


def test_a_section_stating_a_part_of_the_figures_is_not_read_as_the_whole():
    text = (
        "截至目前，巡察反馈问题12个，已完成整改10个，整改完成率83.3%。\n\n"
        "（一）政治建设。巡察反馈问题3个，已完成整改3个，整改完成率100%。\n"
    )
    assert [s.line for s in read_figures(text)] == [1, 1, 1]
    assert stated_figures_mismatch(text, metrics(12, 10)) == []


def test_an_amount_repeated_is_one_figure_and_parts_are_not_compared_with_the_total():
    said = read_figures("清退违规发放津补贴4.6万元。\n全面清理津补贴发放项目，清退违规发放资金4.6万元。")
    (found,) = compare(said, metrics(1, 1), Figures(funds_recovered=Decimal("5")))
    assert (found.stated, found.ledger) == ("4.6万元", "5万元")


def test_a_bare_done_count_is_not_read_when_the_report_also_counts_tasks():
    text = "巡察反馈问题6个，细化为整改任务7项。截至目前，已完成整改6个。"
    assert [s.figure for s in read_figures(text)] == [P, T]


def test_a_rate_agrees_when_rounded_half_up_to_the_decimals_written():
    assert rate_agrees(Decimal("83.3"), 10, 12)
    assert rate_agrees(Decimal("83"), 10, 12)
    assert rate_agrees(Decimal("83.33"), 10, 12)
    assert not rate_agrees(Decimal("83.4"), 10, 12)
    assert rate_agrees(Decimal("66.7"), 2, 3)  # 66.666… half-up
    assert rate_agrees(Decimal("12.5"), 1, 8) and rate_agrees(Decimal("13"), 1, 8)  # 12.5 half-up is 13
    assert not rate_agrees(Decimal("12"), 1, 8)


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("六", 6), ("十二", 12), ("二十", 20), ("二十三", 23),
                                             ("一百零五", 105), ("两百", 200), ("一二", None)])  # fmt: skip
def test_chinese_numerals(text, value):
    assert cn_number(text) == value


def test_a_mismatch_names_its_line_and_sentence():
    text = "总体情况。\n\n截至目前，巡察反馈问题12个，已完成整改11个。\n"
    (found,) = stated_figures_mismatch(text, metrics(12, 10), lines=(20, 21, 22))
    assert (found.figure, found.stated, found.ledger, found.line) == ("已完成", "11", "10", 22)
    assert (
        describe([found])
        == "第 22 行“截至目前，巡察反馈问题12个，已完成整改11个。”：已完成报告称 11，台账为 10"
    )


def test_the_whole_text_is_checked_statement_by_statement():
    text = "巡察反馈问题12个，已完成整改10个。\n\n截至目前，已完成整改11个。\n"
    found = stated_figures_mismatch(text, metrics(12, 10))
    assert [(m.stated, m.line) for m in found] == [("11", 3)]


# --- generated: random ledgers, sentences in the styles above ----------------------------------

_CN = "零一二三四五六七八九"


def to_cn(n):
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)


def wide(text):
    return text.translate(str.maketrans("0123456789%", "０１２３４５６７８９％"))


@st.composite
def stated_sentences(draw):
    problems = draw(st.integers(1, 400))
    done = draw(st.integers(0, problems))
    tasks = draw(st.integers(problems, problems * 3))
    counter = draw(st.sampled_from("个项条件"))
    number = draw(st.sampled_from([str, str, to_cn]))

    def n(value):
        return number(value) if value > 1 else str(value)

    places = draw(st.sampled_from([0, 1, 2]))
    exact = Decimal(done * 100) / Decimal(problems)
    rate = str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    totals = [
        f"巡察反馈问题{n(problems)}{counter}", f"巡察反馈{n(problems)}{counter}问题", f"反馈问题共计{n(problems)}{counter}",
        f"巡察反馈3个方面{n(problems)}个问题", f"梳理形成问题清单{n(problems)}项", f"对存在的{n(problems)}个问题进行整改",
    ]  # fmt: skip
    dones = [
        f"已完成整改{n(done)}{counter}", f"完成整改{n(done)}{counter}", f"已整改到位{n(done)}{counter}",
        f"已整改销号问题{n(done)}{counter}", f"已完成{n(done)}项",
    ]  # fmt: skip
    rates = [f"整改完成率{rate}%", f"完成率达{rate}%", f"总体完成率{rate}%", f"整改率{rate}%"]
    noise = [
        f"正在整改{n(problems - done)}{counter}", f"基本完成{n(problems - done)}{counter}", "持续推进",
        f"申请延期整改{n(problems - done)}{counter}", f"未完成{n(problems - done)}{counter}", "需长期坚持",
        f"其中立行立改问题{n(done)}{counter}，已全部完成整改", f"取得阶段性成果{n(problems - done)}{counter}",
        f"问责{n(done)}人", f"持续整改问题{n(problems - done)}{counter}",
    ]  # fmt: skip
    parts = [("total", draw(st.sampled_from(totals)))]
    if draw(st.booleans()):
        parts.append(("tasks", f"细化为整改任务{tasks}项"))
    parts.append(("done", draw(st.sampled_from(dones))))
    parts.append(("rate", draw(st.sampled_from(rates))))
    for clause in draw(st.lists(st.sampled_from(noise), max_size=3)):
        parts.insert(draw(st.integers(1, len(parts))), ("noise", clause))
    breaks = [draw(st.sampled_from(["，", "，", "。", "；"])) for _ in parts]
    opening = draw(st.sampled_from(["", "截至目前，", "截止目前，"]))
    text = opening + "".join(clause + mark for (_, clause), mark in zip(parts, breaks, strict=True))
    if draw(st.booleans()):
        text = wide(text)
    if draw(st.booleans()):  # Word's spaces around digits
        text = re.sub(r"([0-9０-９]+)", r" \1 ", text)
    return text, metrics(problems, done, tasks, done)


@settings(max_examples=300, deadline=None)
@given(stated_sentences())
def test_the_reader_returns_the_right_figure_or_nothing(case):
    text, ledger = case
    for stated in read_figures(text):
        assert stated.figure in (P, D, R, T, ACC), stated
        if stated.figure is ACC:  # the noise says 问责{done}人
            assert stated.value == ledger.problems_done
        else:
            assert compare([stated], ledger) == [], (text, stated)


@settings(max_examples=200, deadline=None)
@given(stated_sentences())
def test_a_consistent_generated_report_passes_and_an_inflated_one_does_not(case):
    text, ledger = case
    assert stated_figures_mismatch(text, ledger) == []
    read = {s.figure for s in read_figures(text)}
    if D in read and ledger.problems_done:
        inflated = dataclasses.replace(ledger, problems_done=ledger.problems_done - 1)
        assert any(m.figure == D.value for m in stated_figures_mismatch(text, inflated))


# --- in a build ---------------------------------------------------------------------------------


def ledger(done, total):
    return tuple(
        LedgerItem(n, "", "问题", "措施", Kind.DEADLINE, "办公室", dt.date(2030, 1, 1),
                   Status.DONE if n <= done else Status.IN_PROGRESS, dt.date(2025, 5, 1) if n <= done else None, n)
        for n in range(1, total + 1)
    )  # fmt: skip


def test_stated_figures_that_match_the_ledger_pass():
    metrics = measure(ledger(19, 25), dt.date(2025, 7, 1))
    assert stated_figures_mismatch("巡察反馈问题25个，已完成整改19个，整改完成率76%。", metrics) == []


def test_inflated_figures_are_caught():
    metrics = measure(ledger(4, 7), dt.date(2025, 7, 1))
    found = stated_figures_mismatch("巡察反馈问题7个，已完成整改6个，整改完成率85.71%。", metrics)
    assert [(m.figure, m.stated, m.ledger) for m in found] == [
        ("已完成", "6", "4"),
        ("整改完成率", "85.71%", "57.14%"),
    ]


def test_mismatch_holds_the_unit_or_only_warns_as_configured(tmp_path):
    text = report_text(body="巡察反馈问题3个，已完成整改3个，整改完成率100%。\n")
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": text})
    held = build(config, as_of=dt.date(2025, 10, 1), batch=True)
    assert held.prepared.publication.public == frozenset()
    (warning,) = [p for p in held.prepared.warnings if p.code == "report.figures-mismatch"]
    assert warning.line == 14 and "第 14 行" in warning.message
    config.write_text(config.read_text() + "\nGONGSHI_RULE_CONSISTENCY = False\n")
    published = build(config, as_of=dt.date(2025, 10, 1), batch=True)
    assert ("2025-r1", "edu") in published.prepared.publication.public
    assert any(p.code == "report.figures-mismatch" for p in published.prepared.warnings)  # still reported


def test_header_figures_are_compared_only_when_both_are_given():
    said = read_figures("建立健全制度5项，问责2人。")
    assert compare(said, metrics(1, 1), None) == []
    assert compare(said, metrics(1, 1), Figures(rules_made=5)) == []
    (found,) = compare(said, metrics(1, 1), Figures(rules_made=6))
    assert found == Mismatch("建章立制", "5项", "6项", 1, "建立健全制度5项，问责2人。", "header")


def test_parts_of_a_header_figure_are_not_compared_with_its_total():
    said = read_figures("追缴违规资金12万元。清退多发津贴3.5万元。")
    assert compare(said, metrics(1, 1), Figures(funds_recovered=Decimal("15.5"))) == []
