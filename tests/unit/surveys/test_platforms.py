"""Survey exports as offices really have them: 问卷星 and 腾讯问卷, one questionnaire per unit,
per-round mappings, Excel files, and the samples in /work/shared/samples/surveys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import shutil
from pathlib import Path

import openpyxl
import pytest
import xlwt

from gongshi.content.model import Round, RoundType, SurveyWindow, UnitRef
from gongshi.content.rounds import parse_round
from gongshi.infra.cache import FileCache
from gongshi.problems.errors import ConfigError, Problem, ProblemLog
from gongshi.surveys.exports import load_exports
from gongshi.surveys.links import signature, unchecked_links
from gongshi.surveys.mapping import export_mapping, round_mappings

SAMPLES = Path("/work/shared/samples/surveys")
UNITS = (
    UnitRef("audit", "市审计局党组"),
    UnitRef("bus-group", "市公共交通集团有限公司党委"),
    UnitRef("chengdong", "城东街道党工委"),
    UnitRef("civil-affairs", "市民政局党组"),
)
WINDOW = SurveyWindow(dt.date(2027, 7, 1), dt.date(2027, 7, 31))
ROUND = Round(
    "2027-r1", "第一轮", RoundType.REGULAR, dt.date(2027, 3, 1), dt.date(2027, 6, 1), UNITS,
    "content/rounds/2027-r1.toml", None, WINDOW,
)  # fmt: skip
WJX_HEAD = (
    "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,自定义字段,{q},2、您对巡察整改工作还有什么意见建议？\n"
)


def wjx_rows(code: str, answers: list[str], start: int = 1, day: int = 3) -> str:
    return "".join(
        f"{start + i},2027/07/{day:02d} 12:00:{i % 60:02d},{60 + i}秒,微信,https://www.wjx.cn/vm/Q.aspx,"
        f"117.136.0.12(安徽-合肥),{code},{a},(跳过)\n"
        for i, a in enumerate(answers)
    )


def load(folder: Path, mapping, key: str | None = None, rounds=None, **kw) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []
    rounds = rounds or {ROUND.id: ROUND}
    data = load_exports(
        folder, folder.parent, rounds, mapping, unchecked_links({}, "sig", key), problems, **kw
    )
    counts = {key: {a.value: n for a, n in c.items() if n} for key, c in data.counts.items()}
    return counts, problems


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared samples are not on this machine")
def test_the_sample_wjx_exports_count_per_unit(tmp_path):
    """Four GBK per-unit CSVs (序号 restarting at 1) and an .xlsx of a shared questionnaire."""
    folder = tmp_path / "surveys" / ROUND.id
    folder.mkdir(parents=True)
    for sample in SAMPLES.iterdir():
        shutil.copy(sample, folder / sample.name)
    counts, problems = load(tmp_path / "surveys", export_mapping("wjx"))
    assert counts == {
        ("2027-r1", "audit"): {"满意": 31, "基本满意": 8, "不满意": 2},  # 30 + the .xlsx's one
        ("2027-r1", "bus-group"): {"满意": 28, "基本满意": 6, "不满意": 3},
        ("2027-r1", "chengdong"): {"满意": 25, "基本满意": 9, "不满意": 4},
        ("2027-r1", "civil-affairs"): {"满意": 20, "基本满意": 10, "不满意": 11},
    }
    # only the test answers of 30 June (no code, 局域网) and one answer of 1 August are left out
    assert {(Path(p.path).name, p.code, p.args["count"]) for p in problems} == {
        ("wjx-audit-问卷星答卷数据.csv", "survey.skip.outside-window", 1),
        ("wjx-bus-group-问卷星答卷数据.csv", "survey.skip.outside-window", 1),
        ("wjx-chengdong-问卷星答卷数据.csv", "survey.skip.outside-window", 1),
        ("wjx-civil-affairs-问卷星答卷数据.csv", "survey.skip.outside-window", 2),
    }
    assert "第 43 行（2027/08/01 02:14:07）" in next(p.message for p in problems if p.args["count"] == 2)


def test_wjx_serial_numbers_restart_in_each_questionnaire_and_repeat_only_within_one(tmp_path):
    folder = tmp_path / "surveys" / ROUND.id
    write(folder, "a.csv", WJX_HEAD.format(q="1、您对市审计局党组巡察整改工作的总体评价") + wjx_rows("audit", ["满意"] * 6), "gb18030")  # fmt: skip
    write(folder, "b.csv", WJX_HEAD.format(q="1、您对市民政局党组巡察整改工作的总体评价") + wjx_rows("civil-affairs", ["不满意"] * 6))  # fmt: skip
    repeated = wjx_rows("chengdong", ["基本满意"] * 3) + wjx_rows(
        "chengdong", ["满意"], start=2
    )  # 序号 2 twice
    write(folder, "c.csv", WJX_HEAD.format(q="1.您对城东街道党工委的评价") + repeated)
    counts, problems = load(tmp_path / "surveys", export_mapping("wjx"))
    assert counts == {
        ("2027-r1", "audit"): {"满意": 6},
        ("2027-r1", "civil-affairs"): {"不满意": 6},
        ("2027-r1", "chengdong"): {"基本满意": 3},
    }
    assert [(p.code, p.line, p.args["rows"]) for p in problems] == [("survey.skip.duplicate", 5, [(5, "2")])]


def test_a_mapping_that_dedups_wjx_serial_numbers_across_files_stops_the_build(tmp_path):
    """The staff member's case: 序号 taken as a global id skipped most answers with only a 提示."""
    folder = tmp_path / "surveys" / ROUND.id
    for name, unit in (("x.csv", "audit"), ("y.csv", "bus-group")):
        write(
            folder,
            name,
            "序号,自定义字段,1、总体评价\n" + "".join(f"{i},{unit},满意\n" for i in range(1, 11)),
        )
    mapping = export_mapping({"preset": "wjx", "global_ids": True})
    counts, problems = load(tmp_path / "surveys", mapping)
    assert counts == {("2027-r1", "audit"): {"满意": 10}}
    share = next(p for p in problems if p.code == "survey.skip-share")
    assert share.is_error and share.path.endswith("y.csv")
    assert share.args == {
        "unit": "bus-group", "lost": 10, "total": 10, "share": 20, "reasons": ["duplicate"],
        "source": ROUND.source,
    }  # fmt: skip
    assert load(tmp_path / "surveys", mapping, skip_limit=1.0)[1][0].code == "survey.skip.duplicate"


def test_the_file_mapping_or_the_file_name_gives_a_questionnaire_its_unit(tmp_path):
    folder = tmp_path / "surveys" / ROUND.id
    write(folder, "问卷1.csv", "序号,1、总体评价\n1,满意\n2,满意\n")  # nothing names the unit: mapped
    write(folder, "wjx-bus-group-问卷星答卷数据.csv", "序号,1、总体评价\n1,不满意\n")  # the id in the name
    write(folder, "城东街道党工委.csv", "序号,1、总体评价\n1,基本满意\n")  # the name in the name
    mapping = export_mapping({"preset": "wjx", "files": {"问卷1.csv": "civil-affairs"}})
    counts, problems = load(tmp_path / "surveys", mapping)
    assert counts == {
        ("2027-r1", "civil-affairs"): {"满意": 2},
        ("2027-r1", "bus-group"): {"不满意": 1},
        ("2027-r1", "chengdong"): {"基本满意": 1},
    }
    assert problems == []


def test_a_code_for_another_unit_in_a_units_questionnaire_is_skipped(tmp_path):
    folder = tmp_path / "surveys" / ROUND.id
    head = WJX_HEAD.format(q="1、您对市审计局党组巡察整改工作的总体评价")
    write(folder, "a.csv", head + wjx_rows("audit", ["满意"]) + wjx_rows("chengdong", ["不满意"], 2) + wjx_rows("", ["满意"], 3))  # fmt: skip
    counts, problems = load(tmp_path / "surveys", export_mapping("wjx"))
    assert counts == {("2027-r1", "audit"): {"满意": 2}}  # the row without a code is the questionnaire's
    assert [(p.code, p.args["rows"]) for p in problems] == [("survey.skip.other-unit", [(3, "chengdong")])]


def test_answers_without_a_unit_code_say_so_with_a_hint(tmp_path):
    folder = tmp_path / "surveys" / ROUND.id
    write(folder, "shared.csv", "序号,自定义字段,1、总体评价\n1,audit,满意\n2,,满意\n3,nosuch,满意\n")
    counts, problems = load(tmp_path / "surveys", export_mapping("wjx"))
    assert counts == {("2027-r1", "audit"): {"满意": 1}}
    by_code = {p.code: p for p in problems}
    assert by_code["survey.skip.no-unit"].message == "跳过 1 行：没有单位编号：第 3 行。"
    assert "sojumpparm" in by_code["survey.skip.no-unit"].hint
    assert by_code["survey.skip.unknown-unit"].message == "跳过 1 行：单位编号无法识别：第 4 行（nosuch）。"


def test_signing_travels_inside_the_one_custom_value(tmp_path):
    """问卷星 carries one value, sojumpparm: the signature rides in it as <unit>.<signature>."""
    good = signature(b"k", ROUND.id, "audit")
    forged = signature(b"k", ROUND.id, "chengdong")
    folder = tmp_path / "surveys" / ROUND.id
    text = f"序号,自定义字段,1、总体评价\n1,audit.{good},满意\n2,audit.{forged},满意\n3,audit,满意\n4,audit.{good.upper()},不满意\n"  # fmt: skip
    write(folder, "s.csv", text)
    counts, problems = load(tmp_path / "surveys", export_mapping("wjx"), key="k")
    assert counts == {("2027-r1", "audit"): {"满意": 1, "不满意": 1}}
    assert [(p.code, p.args["rows"]) for p in problems] == [
        ("survey.skip.bad-signature", [(3, "audit")]),
        ("survey.skip.unsigned", [(4, "audit")]),
    ]
    assert load(tmp_path / "surveys", export_mapping("wjx"))[0] == {
        ("2027-r1", "audit"): {"满意": 3, "不满意": 1}
    }


def test_tencent_exports_with_tabs_personal_columns_and_durations(tmp_path):
    folder = tmp_path / "surveys" / ROUND.id
    head = (
        "编号,开始答题时间,结束答题时间,答题时长,自定义字段,IP,UA,Referrer,1.您对本单位整改工作的总体评价\n"
    )
    rows = [
        "\t10000000123456,2027/07/02 11:59:00,2027/07/02 12:00:00,3分32秒,audit,203.0.113.9,Mozilla/5.0 (iPhone),https://wj.qq.com/s2/1/,满意",
        "\t10000000123457,2027-07-02 11:59:00,2027-07-02 12:00:00,128秒,audit,203.0.113.9,Mozilla/5.0 (iPhone),,基本满意",
        "\t10000000123457,2027-07-02 11:59:00,2027-07-02 12:00:00,128秒,audit,203.0.113.9,Mozilla/5.0,,基本满意",
    ]
    write(folder, "腾讯问卷.csv", "\ufeff" + head + "\n".join(rows) + "\n")
    cache = FileCache(tmp_path / "cache")
    counts, problems = load(tmp_path / "surveys", export_mapping("tencent"), cache=cache)
    assert counts == {("2027-r1", "audit"): {"满意": 1, "基本满意": 1}}
    assert [(p.code, p.args["rows"]) for p in problems] == [
        ("survey.skip.duplicate", [(4, "10000000123457")])
    ]
    # the personal columns reach neither the problems nor the cache
    stored = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    said = pickle.dumps([(p.message, p.hint, p.args) for p in problems])
    for personal in ("203.0.113.9", "Mozilla", "wj.qq.com"):
        assert personal.encode() not in stored and personal.encode() not in said


def test_xlsx_with_excel_date_cells_and_a_sheet_per_unit(tmp_path):
    book = openpyxl.Workbook()
    first = book.active
    first.title = "市审计局党组"
    first.append(["序号", "提交答卷时间", "所用时间", "自定义字段", "1、总体评价"])
    first.append([1, dt.datetime(2027, 7, 3, 12, 0), "128秒", "audit", "满意"])
    first.append([2, dt.datetime(2027, 8, 3, 12, 0), "128秒", "audit", "满意"])  # after the window
    second = book.create_sheet("民政")
    second.append(["序号", "提交答卷时间", "所用时间", "自定义字段", "1、您对市民政局党组的总体评价"])
    second.append([1, dt.datetime(2027, 7, 4, 9, 30), "3分32秒", "", "不满意"])
    folder = tmp_path / "surveys" / ROUND.id
    folder.mkdir(parents=True)
    book.save(folder / "问卷星.xlsx")
    counts, problems = load(tmp_path / "surveys", export_mapping("wjx"))
    assert counts == {("2027-r1", "audit"): {"满意": 1}, ("2027-r1", "civil-affairs"): {"不满意": 1}}
    assert [(p.code, p.args["rows"]) for p in problems] == [
        ("survey.skip.outside-window", [(3, "2027-08-03 12:00:00")])
    ]


def test_legacy_xls_is_read(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    dates = xlwt.easyxf(num_format_str="yyyy/mm/dd hh:mm:ss")
    for c, name in enumerate(["序号", "提交答卷时间", "自定义字段", "1、总体评价"]):
        sheet.write(0, c, name)
    for r, (code, answer) in enumerate(
        [("chengdong", "满意"), ("chengdong", "基本满意"), ("audit", "不满意")], 1
    ):
        sheet.write(r, 0, r)
        sheet.write(r, 1, dt.datetime(2027, 7, r, 8, 0), dates)
        sheet.write(r, 2, code)
        sheet.write(r, 3, answer)
    folder = tmp_path / "surveys" / ROUND.id
    folder.mkdir(parents=True)
    book.save(str(folder / "old.xls"))
    counts, problems = load(tmp_path / "surveys", export_mapping("wjx"))
    assert counts == {
        ("2027-r1", "chengdong"): {"满意": 1, "基本满意": 1},
        ("2027-r1", "audit"): {"不满意": 1},
    }
    assert problems == []


def test_a_damaged_workbook_is_one_error(tmp_path):
    write(tmp_path / "surveys", "2027-r1.xlsx", "PK not really")
    _, problems = load(tmp_path / "surveys", export_mapping("wjx"))
    assert [(p.code, p.is_error) for p in problems] == [("survey.workbook", True)]


def test_the_same_export_twice_counts_once(tmp_path):
    text = "序号,自定义字段,1、总体评价\n1,audit,满意\n"
    write(tmp_path / "surveys" / ROUND.id, "a.csv", text)
    write(tmp_path / "surveys" / ROUND.id, "a (1).csv", text)
    counts, problems = load(tmp_path / "surveys", export_mapping("wjx"))
    assert counts == {("2027-r1", "audit"): {"满意": 1}}
    assert [(p.code, p.path.rsplit("/", 1)[-1]) for p in problems] == [("survey.same-export", "a.csv")]


@pytest.mark.parametrize(
    ("table", "counted"),
    [
        pytest.param({}, {"满意": 2, "基本满意": 1, "不满意": 1}, id="满意 + 基本满意"),
        pytest.param(
            {
                "answers": {
                    "满意": ["非常满意", "满意"],
                    "基本满意": ["较满意"],
                    "不满意": ["一般", "不满意"],
                },
                "excluded": ["不了解"],
            },
            {"满意": 3, "基本满意": 1, "不满意": 2},
            id="非常满意 + 满意 + 较满意, 不了解 left out",
        ),
    ],
)
def test_the_satisfaction_formula_is_configured(tmp_path, table, counted):
    answers = ["满意", "满意", "基本满意", "不满意"] if not table else ["非常满意", "满意", "满意", "较满意", "一般", "不满意", "不了解"]  # fmt: skip
    write(tmp_path / "surveys" / ROUND.id, "a.csv", "序号,自定义字段,1、总体评价\n" + "".join(f"{i},audit,{a}\n" for i, a in enumerate(answers, 1)))  # fmt: skip
    mapping = export_mapping({"preset": "wjx", **table})
    counts, problems = load(tmp_path / "surveys", mapping)
    assert counts == {("2027-r1", "audit"): counted} and problems == []
    assert mapping.formula().text == (
        "满意率 =（满意 + 基本满意）÷ 有效样本（满意 + 基本满意 + 不满意）"
        if not table
        else "满意率 =（非常满意 + 满意 + 较满意）÷ 有效样本（非常满意 + 满意 + 较满意 + 一般 + 不满意）；“不了解”不计入样本"
    )


def test_an_answer_left_out_and_counted_is_refused():
    with pytest.raises(ConfigError) as error:
        export_mapping({"preset": "wjx", "excluded": ["满意"]})
    assert [code for code, _ in error.value.values["problems"]] == ["excluded-counted"]


def test_rounds_read_their_exports_side_by_side_with_their_own_mappings(tmp_path):
    """Setting 问卷星 for a new round leaves the demo round's Formbricks export as it was."""
    old_text = 'id = "2025-r1"\nname = "一"\ntype = "常规"\nfeedback_date = 2025-04-10\nreport_due = 2025-07-10\nsurvey_start = 2025-07-15\nsurvey_end = 2025-08-15\n[[units]]\nid = "edu"\nname = "市教育局党组"\n'  # fmt: skip
    new_text = (
        'id = "2027-r1"\nname = "二"\ntype = "常规"\nfeedback_date = 2027-03-01\nreport_due = 2027-06-01\n'
        'survey_start = 2027-07-01\nsurvey_end = 2027-07-31\n\n[survey]\nexport = "wjx"\n'
        'excluded = ["不了解"]\n\n[survey.files]\n"问卷*.xlsx" = "edu"\n\n[[units]]\nid = "edu"\nname = "市教育局党组"\n'
    )
    log = ProblemLog("content/rounds/x.toml", [])
    rounds = {r.id: r for r in (parse_round(old_text, "2025-r1", log), parse_round(new_text, "2027-r1", log))}
    assert log.problems == [] and rounds["2027-r1"].survey_export["files"] == {"问卷*.xlsx": "edu"}
    setting = {"preset": "formbricks", "round": None, "submitted": None}
    problems: list[Problem] = []
    mappings = round_mappings(rounds, setting, export_mapping(setting), problems)
    assert (mappings["2025-r1"].platform, mappings["2027-r1"].platform) == ("formbricks", "wjx")
    folder = tmp_path / "surveys"
    write(folder, "2025-r1.csv", "Response ID,unit,总体满意度,sig\nr1,edu,满意,\nr1,edu,满意,\n")
    book = openpyxl.Workbook()
    book.active.append(["序号", "提交答卷时间", "1、总体评价"])
    for i, a in enumerate(["满意", "不了解", "不满意"], 1):
        book.active.append([i, "2027/07/03 12:00:00", a])
    (folder / "2027-r1").mkdir()
    book.save(folder / "2027-r1" / "问卷A.xlsx")
    counts, found = load(folder, mappings, rounds=rounds)
    assert counts == {("2025-r1", "edu"): {"满意": 1}, ("2027-r1", "edu"): {"满意": 1, "不满意": 1}}
    assert [p.code for p in found] == ["survey.skip.duplicate"]


def test_a_refused_survey_table_is_an_error_on_the_round_file():
    bad = dataclasses.replace(ROUND, survey_export={"export": "wjx", "question": "一"})
    problems: list[Problem] = []
    assert round_mappings({bad.id: bad}, "plain", export_mapping("plain"), problems) == {}
    assert [(p.path, p.code) for p in problems] == [(ROUND.source, "survey.round-export")]
    assert "question" in problems[0].message


def test_a_wjx_link_carries_the_signature_inside_sojumpparm():
    from gongshi.surveys.links import survey_links

    template = "https://www.wjx.cn/vm/Q8xYz1A.aspx?sojumpparm={code}"
    links = survey_links(None, {"2027-r1": template}, ["www.wjx.cn"], "sig", "k", ["2027-r1"])
    sig = signature(b"k", "2027-r1", "bus-group")
    assert (
        links.url("2027-r1", "bus-group") == f"https://www.wjx.cn/vm/Q8xYz1A.aspx?sojumpparm=bus-group.{sig}"
    )
    assert len(f"bus-group.{sig}") <= 100  # 问卷星 keeps at most 100 characters of sojumpparm
    unsigned = survey_links(None, {"2027-r1": template}, ["www.wjx.cn"], "sig", None, ["2027-r1"])
    assert unsigned.url("2027-r1", "bus-group") == "https://www.wjx.cn/vm/Q8xYz1A.aspx?sojumpparm=bus-group"


def test_a_units_own_questionnaire_link_comes_from_the_round_file():
    from gongshi.surveys.links import survey_links

    own = {
        "links": {
            "audit": "https://www.wjx.cn/vm/AuD1t.aspx?sojumpparm={code}",
            "chengdong": "https://www.wjx.cn/vm/ChD.aspx",
        }
    }
    round_ = dataclasses.replace(ROUND, survey_export={"export": "wjx", **own})
    problems: list[Problem] = []
    mapping = round_mappings({ROUND.id: round_}, "plain", export_mapping("plain"), problems)[ROUND.id]
    assert mapping.platform == "wjx" and problems == []
    from gongshi.surveys.mapping import unit_links

    per_unit = unit_links({ROUND.id: round_}, problems)
    template = "https://myd.example.gov.cn/s/{round}/{unit}"
    hosts = ["www.wjx.cn", "myd.example.gov.cn"]
    links = survey_links(template, {}, hosts, "sig", "k", [ROUND.id], per_unit)
    sig = signature(b"k", ROUND.id, "audit")
    assert links.url(ROUND.id, "audit") == f"https://www.wjx.cn/vm/AuD1t.aspx?sojumpparm=audit.{sig}"
    assert links.url(ROUND.id, "chengdong").startswith(
        "https://www.wjx.cn/vm/ChD.aspx?sig="
    )  # needs no {unit}
    assert links.url(ROUND.id, "bus-group").startswith("https://myd.example.gov.cn/s/2027-r1/bus-group?sig=")
    with pytest.raises(ConfigError) as refused:
        survey_links(template, {}, ["myd.example.gov.cn"], "sig", None, [ROUND.id], per_unit)
    assert "[survey.links] 2027-r1/audit" in str(refused.value) and "www.wjx.cn" in str(refused.value)
