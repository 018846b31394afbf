"""Survey links, survey exports and survey windows: the figures the public and the gate rely on."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import hmac
from pathlib import Path

import pytest
from factories import make_project, report_text, round_text, words

from gongshi.build.runner import build, check
from gongshi.content.dates import BEIJING
from gongshi.content.model import Round, RoundType, SurveyPhase, SurveyWindow, UnitRef
from gongshi.content.rounds import parse_round
from gongshi.problems.errors import ConfigError, ContentError, ProblemLog
from gongshi.rules.satisfaction import Answer
from gongshi.surveys.exports import SurveyData, export_mapping, load_exports, submission_day
from gongshi.surveys.links import SurveyLinks, signature, survey_links, unchecked_links

HOSTS = ["myd.example.gov.cn"]
TEMPLATE = "https://myd.example.gov.cn/s/{round}/{unit}"
WINDOW = SurveyWindow(dt.date(2025, 7, 15), dt.date(2025, 8, 15))


def links(key: str | None = None, template: str = TEMPLATE, **per_round: str) -> SurveyLinks:
    return survey_links(template, per_round, HOSTS, "sig", key, ["2025-r1", "2026-r2"])


# --- links -------------------------------------------------------------------------------------


def test_link_values_are_url_encoded():
    assert links().url("2025-r1", "a b/中") == "https://myd.example.gov.cn/s/2025-r1/a%20b%2F%E4%B8%AD"


def test_per_round_template_overrides_the_site_wide_one():
    made = links(**{"2026-r2": "https://myd.example.gov.cn/hk?unit={unit}"})
    assert made.url("2026-r2", "water") == "https://myd.example.gov.cn/hk?unit=water"
    assert made.url("2025-r1", "water") == "https://myd.example.gov.cn/s/2025-r1/water"


def test_every_template_problem_is_named_in_one_error():
    with pytest.raises(ConfigError) as caught:
        survey_links(
            "http://evil.example.com/{round}/{units}",
            {"2025-r1": "https://{unit}.myd.example.gov.cn/", "1999-r9": TEMPLATE},
            HOSTS, "sig", None, ["2025-r1"],
        )  # fmt: skip
    message = str(caught.value)
    assert "{units}" in message  # unknown placeholder
    assert "1999-r9" in message  # unknown round
    assert "主机名里不能有占位符" in message
    with pytest.raises(ConfigError) as caught:
        survey_links("http://evil.example.com/{round}/{unit}", {}, HOSTS, "sig", None, [])
    assert "https" in str(caught.value) and "evil.example.com" in str(caught.value)


def refused(default, per_round=None, round_ids=("2025-r1", "2026-r2")) -> list[tuple[str, str, dict]]:
    """(setting, problem code, values) of every problem survey_links found."""
    with pytest.raises(ConfigError) as caught:
        survey_links(default, per_round or {}, HOSTS, "sig", None, round_ids)
    assert caught.value.code == "survey.links"
    return caught.value.values["problems"]


def test_an_unknown_placeholder_hides_no_other_problem_of_the_template():
    found = refused("http://evil.example.com/{round}/{units}/{x.y}/{z[0]}")
    assert [(setting, code) for setting, code, _ in found] == [
        ("GONGSHI_SURVEY_URL", "placeholder"),
        ("GONGSHI_SURVEY_URL", "placeholder"),
        ("GONGSHI_SURVEY_URL", "placeholder"),
        ("GONGSHI_SURVEY_URL", "no-unit"),
        ("GONGSHI_SURVEY_URL", "https"),
        ("GONGSHI_SURVEY_URL", "host"),
    ]
    braces = refused("http://evil.example.com/{unit")
    assert [code for _, code, _ in braces] == ["braces", "https", "host"]


def test_a_template_without_unit_is_refused_it_would_give_every_unit_the_same_code():
    found = refused("https://myd.example.gov.cn/s/{round}", {"2026-r2": "https://myd.example.gov.cn/hk"})
    assert [(setting, code) for setting, code, _ in found] == [
        ("GONGSHI_SURVEY_URL", "no-unit"),
        ("GONGSHI_SURVEY_ROUND_URLS['2026-r2']", "no-unit"),
    ]
    with pytest.raises(ConfigError) as caught:
        links(template="https://myd.example.gov.cn/s/{round}")
    message = caught.value.text("en")[0]
    assert (
        "GONGSHI_SURVEY_URL: it has no {unit} or {code} placeholder: every unit would get the same QR code"
        in message
    )
    assert "add {unit} to the path or the query" in message
    assert (
        "GONGSHI_SURVEY_URL：没有占位符 {unit} 或 {code}：每个单位的二维码都会一样"
        in caught.value.text("zh")[0]
    )


def test_a_template_without_round_is_refused_when_several_rounds_use_it():
    found = refused("https://myd.example.gov.cn/s/{unit}")
    assert found == [("GONGSHI_SURVEY_URL", "no-round", {"rounds": ["2025-r1", "2026-r2"]})]
    with pytest.raises(ConfigError) as caught:
        links(template="https://myd.example.gov.cn/s/{unit}")
    message = caught.value.text("en")[0]
    assert (
        "GONGSHI_SURVEY_URL: it has no {round} placeholder, and the rounds 2025-r1, 2026-r2 all use it"
        in message
    )
    assert "give each of these rounds a link of its own in GONGSHI_SURVEY_ROUND_URLS" in message
    assert "轮次 2025-r1、2026-r2 都用这个链接" in caught.value.text("zh")[0]
    same = {
        "2025-r1": "https://myd.example.gov.cn/a/{unit}",
        "2026-r2": "https://myd.example.gov.cn/a/{unit}",
    }
    assert [(s, c) for s, c, _ in refused(None, same)] == [("GONGSHI_SURVEY_ROUND_URLS", "no-round")]


@pytest.mark.parametrize(
    ("default", "per_round", "round_ids"),
    [
        pytest.param("https://myd.example.gov.cn/s/{unit}", {}, ["2025-r1"], id="one round"),
        pytest.param(
            "https://myd.example.gov.cn/s/{unit}", {"2026-r2": "https://myd.example.gov.cn/hk/{unit}"},
            ["2025-r1", "2026-r2"], id="the other round has its own",
        ),
        pytest.param(
            "https://myd.example.gov.cn/s/{unit}",
            {"2025-r1": "https://myd.example.gov.cn/a/{unit}", "2026-r2": "https://myd.example.gov.cn/b/{unit}"},
            ["2025-r1", "2026-r2"], id="every round has its own",
        ),
    ],
)  # fmt: skip
def test_a_template_without_round_is_accepted_when_one_round_uses_it(default, per_round, round_ids):
    made = survey_links(default, per_round, HOSTS, "sig", None, round_ids)
    urls = {made.url(r, "edu") for r in round_ids}
    assert len(urls) == len(round_ids)


@pytest.mark.parametrize(
    "template",
    [
        "https://myd.example.gov.cn/{round!r}/{unit}",
        "https://myd.example.gov.cn/{round:>10}/{unit}",
        "https://myd.example.gov.cn/{round}/{unit}?sig=1",
        "https://user:pw@myd.example.gov.cn/{unit}",
        "https://myd.example.gov.cn/{unit",
        "https://MYD.example.gov.cn.evil.com/{unit}",
    ],
)
def test_unsafe_templates_are_refused(template):
    with pytest.raises(ConfigError):
        links(template=template)


@pytest.mark.parametrize("template", ["https://[::1/{unit}", "https://myd.example.gov.cn]/{unit}"])
def test_a_template_urllib_cannot_split_is_refused_with_its_other_problems(template):
    found = refused(template, {"2026-r2": "https://myd.example.gov.cn/{units}/{round}"})
    assert [(setting, code) for setting, code, _ in found] == [
        ("GONGSHI_SURVEY_URL", "url"),
        ("GONGSHI_SURVEY_ROUND_URLS['2026-r2']", "placeholder"),
        ("GONGSHI_SURVEY_ROUND_URLS['2026-r2']", "no-unit"),
    ]
    assert found[0][2] == {"error": "Invalid IPv6 URL"}
    assert [code for _, code, _ in refused("http://[::1/{round}/{units}")] == [
        "placeholder",
        "no-unit",
        "url",
    ]


def test_signed_links_carry_an_hmac_of_round_and_unit_that_the_platform_can_recompute():
    made = links(key="s3cret")
    url = made.url("2025-r1", "edu")
    expected = hmac.new(b"s3cret", b"2025-r1/edu", hashlib.sha256).hexdigest()[:16]
    assert url == f"https://myd.example.gov.cn/s/2025-r1/edu?sig={expected}"
    assert made.verify("2025-r1", "edu", expected)
    assert not made.verify("2025-r1", "water", expected)
    query = links(key="k", template="https://myd.example.gov.cn/s?r={round}&u={unit}").url("2025-r1", "edu")
    assert query == f"https://myd.example.gov.cn/s?r=2025-r1&u=edu&sig={signature(b'k', '2025-r1', 'edu')}"


# --- windows -----------------------------------------------------------------------------------


def test_window_phase_includes_both_days():
    assert WINDOW.phase(dt.date(2025, 7, 14)) is SurveyPhase.UPCOMING
    assert WINDOW.phase(dt.date(2025, 7, 15)) is SurveyPhase.OPEN
    assert WINDOW.phase(dt.date(2025, 8, 15)) is SurveyPhase.OPEN
    assert WINDOW.phase(dt.date(2025, 8, 16)) is SurveyPhase.CLOSED


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"survey_start": "2025-07-15"}, "round.survey-window"),
        ({"survey_start": "2025-08-15", "survey_end": "2025-07-15"}, "round.survey-window"),
        ({"survey_start": "2025-03-01", "survey_end": "2025-04-30"}, "round.survey-window"),
        ({"survey_start": '"7月15日"', "survey_end": "2025-08-15"}, "round.date"),
    ],
)
def test_bad_survey_windows_are_errors_with_a_line(fields, code):
    problems = []
    assert parse_round(round_text(**fields), "2025-r1", ProblemLog("r.toml", problems)) is None
    assert [p.code for p in problems] == [code] and problems[0].line


# --- exports -----------------------------------------------------------------------------------

ROUND = Round(
    "2025-r1", "第一轮", RoundType.REGULAR, dt.date(2025, 4, 10), dt.date(2025, 7, 10),
    (UnitRef("edu", "市教育局党组"), UnitRef("water", "市水务局党组")), "content/rounds/2025-r1.toml", None, WINDOW,
)  # fmt: skip


def read_export(
    tmp_path: Path, data: bytes | str, mapping="plain", made_links=None, name="2025-r1.csv", round_=ROUND
):
    folder = tmp_path / "content" / "surveys"
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    problems = []
    result = load_exports(
        folder, tmp_path, {"2025-r1": round_}, export_mapping(mapping), made_links or links(), problems
    )
    return result, problems


PLAIN = "单位编号,测评结果\r\nedu,满意\r\nedu,基本满意\r\nedu,不满意\r\nwater,满意\r\n"


@pytest.mark.parametrize(
    "data",
    [
        PLAIN.encode("utf-8"),
        b"\xef\xbb\xbf" + PLAIN.encode("utf-8"),
        PLAIN.encode("gb18030"),
        b"\x84\x31\x95\x33" + PLAIN.encode("gb18030"),  # GB18030's BOM, U+FEFF
    ],
    ids=["utf-8", "utf-8 with BOM", "gb18030", "gb18030 with BOM"],
)
def test_plain_sheet_in_any_encoding_counts_the_same(tmp_path, data):
    data_, problems = read_export(tmp_path, data)
    assert problems == []
    assert data_.counts[("2025-r1", "edu")] == {
        Answer.SATISFIED: 1,
        Answer.BASICALLY: 1,
        Answer.DISSATISFIED: 1,
    }
    assert data_.counts[("2025-r1", "water")] == {Answer.SATISFIED: 1}


def test_kobotoolbox_export_with_semicolons_and_choice_names(tmp_path):
    text = (
        "start;end;satisfaction;comment;unit;round;sig;_id;_uuid;_submission_time\n"
        "2025-07-20T09:00:00;2025-07-20T09:03:00;satisfied;;edu;2025-r1;;1;u-1;2025-07-20T09:03:10\n"
        "2025-07-21T09:00:00;2025-07-21T09:03:00;basically_satisfied;好;edu;2025-r1;;2;u-2;2025-07-21T09:03:10\n"
    )
    data, problems = read_export(tmp_path, text, "kobotoolbox")
    assert problems == [] and data.counts[("2025-r1", "edu")] == {Answer.SATISFIED: 1, Answer.BASICALLY: 1}


KOBO_HEADER = "satisfaction;unit;round;sig;_uuid;_submission_time\n"


@pytest.mark.parametrize(
    ("submitted", "counted"),
    [
        pytest.param("2025-07-14T23:30:00+00:00", True, id="UTC late on the eve is the first day in Beijing"),
        pytest.param("2025-07-14T23:30+00:00", True, id="without seconds"),
        pytest.param("2025-07-14T16:00:00.125Z", True, id="Z and fractions"),
        pytest.param("2025-07-14T15:59:59Z", False, id="a second before the first day in Beijing"),
        pytest.param("2025-07-14T10:00:00-07:00", True, id="a negative offset"),
        pytest.param("2025-08-15T15:59:59+00:00", True, id="the last day, late in Beijing"),
        pytest.param("2025-08-15T16:00:00+00:00", False, id="after the last day in Beijing"),
        pytest.param("2025-08-15T23:30:00-0100", False, id="an offset without a colon"),
        pytest.param("2025-07-20T10:00:00+24:00", False, id="an offset of a whole day is no time"),
        pytest.param("2025-07-20T10:00:00-99:00", False, id="an offset of days is no time"),
        pytest.param("9999-12-31T23:00:00-05:00", False, id="past the last day Python knows, in Beijing"),
        pytest.param("0001-01-01T00:30:00+09:00", False, id="before the first day Python knows, in Beijing"),
        pytest.param("2025-07-14 23:30:00", False, id="no offset: Beijing time as written"),
        pytest.param("2025-08-15 23:59:59", True, id="no offset, the last day"),
    ],
)
def test_submission_times_count_in_beijing_time(tmp_path, submitted, counted):
    text = KOBO_HEADER + f"satisfied;edu;2025-r1;;u-1;{submitted}\n"
    data, problems = read_export(tmp_path, text, "kobotoolbox")
    assert (data.counts.get(("2025-r1", "edu")) == {Answer.SATISFIED: 1}) is counted
    assert [p.code for p in problems] == ([] if counted else ["survey.skip.outside-window"])


def test_an_impossible_offset_is_an_unreadable_time_like_an_impossible_date():
    assert submission_day("2025-02-30T10:00:00") is None
    assert submission_day("2025-07-20T10:00:00+24:00") is None
    assert submission_day("9999-12-31T23:00:00-05:00") is None
    assert submission_day("9999-12-31T23:00:00+08:00") == dt.date(9999, 12, 31)


def test_one_beijing_time_zone_for_survey_windows_and_feeds():
    from gongshi.site import feeds

    assert not hasattr(feeds, "CHINA")
    assert feeds._moment(dt.date(2025, 7, 15)).tzinfo is BEIJING
    assert BEIJING.utcoffset(None) == dt.timedelta(hours=8)


def test_a_response_counted_after_an_unanswered_try_with_its_id_is_not_a_repeat(tmp_path):
    """A partial response exported before its answer came in, then again with the answer."""
    text = (
        "Response ID,Timestamp,round,unit,sig,总体满意度\n"
        "r1,2025-07-20 10:00:00,2025-r1,edu,,\n"  # 2: no answer yet
        "r1,2025-07-20 10:05:00,2025-r1,edu,,满意\n"  # 3: the same response, answered: counted
        "r1,2025-07-20 10:05:00,2025-r1,edu,,满意\n"  # 4: exported again: a repeat
        "r2,2025-09-01 10:00:00,2025-r1,edu,,满意\n"  # 5: outside the window
        "r2,2025-07-21 10:00:00,2025-r1,edu,,不满意\n"  # 6: counted
    )
    data, problems = read_export(tmp_path, text, "formbricks")
    assert data.counts[("2025-r1", "edu")] == {Answer.SATISFIED: 1, Answer.DISSATISFIED: 1}
    assert {(p.code, p.line) for p in problems} == {
        ("survey.skip.no-answer", 2),
        ("survey.skip.duplicate", 4),
        ("survey.skip.outside-window", 5),
    }


def test_limesurvey_answer_codes_and_overrides(tmp_path):
    text = "id,submitdate,lastpage,startlanguage,unit,round,sig,Q1\n1,2025-07-20 10:00:00,2,zh-Hans,edu,2025-r1,,A3\n"
    data, problems = read_export(tmp_path, text, {"preset": "limesurvey", "answer": "Q1"})
    assert problems == [] and data.counts[("2025-r1", "edu")] == {Answer.DISSATISFIED: 1}


def test_bad_rows_are_counted_and_reported_never_dropped_silently(tmp_path):
    header = "Response ID,Timestamp,round,unit,sig,总体满意度\n"
    rows = [
        "r1,2025-07-20 10:00:00,2025-r1,edu,,满意",  # line 2: counted
        "r1,2025-07-20 10:00:00,2025-r1,edu,,满意",  # 3: the same response exported twice
        "r2,2025-07-20 11:00:00,2025-r1,nosuch,,满意",  # 4: unknown unit code
        "r3,2025-07-20 12:00:00,2025-r1,edu,,",  # 5: not answered
        "r4,2025-09-01 12:00:00,2025-r1,edu,,满意",  # 6: after the window closed
        "r5,2025-07-21 12:00:00,2026-r2,edu,,满意",  # 7: another round's response
        "r6,2025-07-21 12:00:00,2025-r1,water,,很满意",  # 8: an answer the mapping does not know
    ]
    data, problems = read_export(tmp_path, header + "\n".join(rows) + "\n", "formbricks")
    assert data.counts[("2025-r1", "edu")] == {Answer.SATISFIED: 1}
    found = {(p.code, p.line, p.is_error) for p in problems}
    assert found == {
        ("survey.skip.duplicate", 3, False),
        ("survey.skip.unknown-unit", 4, False),
        ("survey.skip.no-answer", 5, False),
        ("survey.skip.outside-window", 6, False),
        ("survey.skip.other-round", 7, False),
        ("survey.unknown-answer", 8, True),
    }
    summary = data.files[0]
    assert (summary.rows, summary.counted, sum(summary.skipped.values())) == (7, 1, 5)
    assert all(p.path == "content/surveys/2025-r1.csv" and p.hint for p in problems)


def test_with_signing_on_unsigned_and_forged_codes_are_skipped(tmp_path):
    made = links(key="k")
    good = signature(b"k", "2025-r1", "edu")
    forged = signature(b"k", "2025-r1", "water")  # water's code used for edu
    text = f"unit,sig,answer\nedu,{good},满意\nedu,,满意\nedu,{forged},不满意\nedu,{good.upper()},基本满意\n"
    mapping = {"preset": "plain", "unit": "unit", "answer": "answer", "signature": "sig"}
    data, problems = read_export(tmp_path, text, mapping, made)
    assert data.counts[("2025-r1", "edu")] == {Answer.SATISFIED: 1, Answer.BASICALLY: 1}
    assert {(p.code, p.line) for p in problems} == {
        ("survey.skip.unsigned", 3),
        ("survey.skip.bad-signature", 4),
    }


def test_missing_columns_name_what_the_header_has(tmp_path):
    _, problems = read_export(tmp_path, "编号,评价\nedu,满意\n")
    assert [p.code for p in problems] == ["survey.columns"]
    assert "单位编号" in problems[0].message and "“编号”" in problems[0].message and problems[0].line == 1


def test_an_export_for_an_unknown_round_or_a_round_without_window_is_an_error(tmp_path):
    _, problems = read_export(tmp_path, PLAIN, name="2024-r9.csv")
    assert [p.code for p in problems] == ["survey.round"]
    no_window = dataclasses.replace(ROUND, survey=None)
    _, problems = read_export(tmp_path / "b", PLAIN, name="2025-r1/export.csv", round_=no_window)
    assert [p.code for p in problems] == ["survey.no-window"] and "survey_start" in problems[0].hint


@pytest.mark.parametrize(
    "value",
    [
        "surveymonkey",
        {"preset": "plain", "colour": "red"},
        {"preset": "plain", "answers": {"满意": ["1"], "不满意": ["2"]}},
        {"preset": "plain", "answers": {"满意": ["1"], "基本满意": ["1"], "不满意": ["2"]}},
        {"preset": "plain", "unit": None},
    ],
)
def test_bad_export_mappings_are_config_errors(value):
    with pytest.raises(ConfigError) as caught:
        export_mapping(value)
    assert caught.value.code == "survey.export" and caught.value.text("en")[0].startswith(
        "GONGSHI_SURVEY_EXPORT refused:"
    )


@pytest.mark.parametrize("delimiter", [";;", "\\t", "", '"', "\n", 9])
def test_a_delimiter_of_other_than_one_character_is_refused_with_the_other_problems(delimiter):
    with pytest.raises(ConfigError) as caught:
        export_mapping({"preset": "kobotoolbox", "delimiter": delimiter, "colour": "red"})
    problems = caught.value.values["problems"]
    assert [code for code, _ in problems] == ["delimiter", "key"]
    assert problems[0][1] == {"value": repr(delimiter)}
    assert '"delimiter" must be one separator character or None' in caught.value.text("en")[0]


@pytest.mark.parametrize("delimiter", [None, "\t", "|"])
def test_one_character_or_none_is_a_delimiter(delimiter):
    assert export_mapping({"preset": "kobotoolbox", "delimiter": delimiter}).delimiter == delimiter


def test_results_are_final_only_after_the_window():
    from collections import Counter

    data = SurveyData(
        {("2025-r1", "edu"): Counter({Answer.SATISFIED: 30, Answer.BASICALLY: 6, Answer.DISSATISFIED: 9})}
    )
    during = data.results({"2025-r1": ROUND}, dt.date(2025, 8, 15))[("2025-r1", "edu")]
    after = data.results({"2025-r1": ROUND}, dt.date(2025, 8, 16))[("2025-r1", "edu")]
    assert not during.closed and after.closed
    assert str(after.rate_percent) == "80.00" and after.responses == 45
    assert after.publishable(45) and not after.publishable(46) and not during.publishable(1)


# --- whole builds ------------------------------------------------------------------------------

SURVEY = {"survey_start": "2025-07-15", "survey_end": "2025-08-15"}
ROWS = (
    "| 1 | 党的建设 | 公车管理不规范 | 修订公务用车管理办法 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
    "| 2 | 作风建设 | 机关食堂经费使用不规范 | 开展专项审计 | 限期整改 | 财务科 | 2025-07-31 | 已完成 | 2025-07-15 |\n"
    "| 3 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |\n"
)
SETTINGS = {"GONGSHI_SURVEY_URL": TEMPLATE, "GONGSHI_SURVEY_HOSTS": HOSTS, "GONGSHI_SURVEY_EXPORT": "plain"}


def survey_project(tmp_path, edu=(20, 4, 6), water=(30, 0, 0), **settings):
    """edu: 24 of 30 satisfied (80%), water 100%; both with clean ledgers."""
    config = make_project(
        tmp_path,
        {"2025-r1": round_text(units={"edu": "市教育局党组", "water": "市水务局党组"}, **SURVEY)},
        {
            "2025-r1/edu.md": report_text(ROWS),
            "2025-r1/water.md": report_text(ROWS, Unit="water", Unit_Name="市水务局党组"),
        },
        **(SETTINGS | settings),
    )
    lines = ["单位编号,测评结果"]
    for unit, counts in (("edu", edu), ("water", water)):
        for label, n in zip(("满意", "基本满意", "不满意"), counts, strict=True):
            lines += [f"{unit},{label}"] * n
    (tmp_path / "content" / "surveys").mkdir(exist_ok=True)
    (tmp_path / "content" / "surveys" / "2025-r1.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def page(tmp_path, unit="edu"):
    return (tmp_path / "output" / f"rounds/2025-r1/{unit}.html").read_text(encoding="utf-8")


def test_during_the_window_pages_show_the_deadline_and_no_interim_figures(tmp_path):
    config = survey_project(tmp_path, edu=(5, 5, 20))  # a terrible interim result
    result = build(config, as_of=dt.date(2025, 8, 1), batch=True)
    assert ("2025-r1", "edu") in result.prepared.publication.public  # not final, so it holds nothing
    html = page(tmp_path)
    assert "测评截止 2025年8月15日" in words(html) and "测评已结束" not in html
    assert "群众满意率" not in html and "满意率 33.33" not in words(html) and "有效样本" not in html
    for path in (tmp_path / "output").rglob("*.html"):  # the interim rate (5+5 of 30) is on no page
        assert "满意率 33.33" not in words(path.read_text(encoding="utf-8"))
        assert "33.33%（" not in words(path.read_text(encoding="utf-8"))


def test_after_the_window_the_rate_and_sample_are_shown_and_gate_uses_them(tmp_path):
    config = survey_project(tmp_path, edu=(20, 3, 7))  # 23/30 = 76.67%
    result = build(config, as_of=dt.date(2025, 8, 20), batch=True)
    publication = result.prepared.publication
    assert ("2025-r1", "edu") not in publication.public
    held = {d.unit_id: d for d in publication.held()}
    assert held["edu"].main_reason == "群众满意率 76.67%（30 份），低于 80%"
    html = page(tmp_path, "water")
    assert "测评已结束" in html and "群众满意率 <strong>100%</strong>" in html
    assert "有效样本 30 份：满意 30 份，基本满意 0 份，不满意 0 份" in html


def test_a_closed_survey_with_too_few_responses_shows_no_rate(tmp_path):
    config = survey_project(tmp_path, water=(29, 0, 0))
    build(config, as_of=dt.date(2025, 8, 20), batch=True)
    html = page(tmp_path, "water")
    assert "有效样本不足 30 份，不公布满意率" in html and "群众满意率 <strong>" not in html


def test_the_signing_key_is_never_written_and_the_build_says_whether_links_are_signed(tmp_path, monkeypatch):
    key = "k3y-THAT-must-NOT-leak-7731"
    config = survey_project(tmp_path)
    unsigned = build(config, as_of=dt.date(2025, 8, 20), batch=True)
    assert unsigned.prepared.survey_signing == "unsigned"
    monkeypatch.setenv("GONGSHI_SURVEY_KEY", key)
    signed = build(config, as_of=dt.date(2025, 8, 20))
    assert signed.prepared.survey_signing == "signed"
    sig = signature(key.encode(), "2025-r1", "water")
    poster = (tmp_path / "internal" / "posters" / "2025-r1.html").read_text(encoding="utf-8")
    assert f"?sig={sig}" in poster  # the unit page no longer shows the link once the survey has closed
    for folder in ("output", "internal", "cache", "content"):
        for path in (tmp_path / folder).rglob("*"):
            if path.is_file():
                assert key.encode() not in path.read_bytes(), path
    assert key not in (tmp_path / "pelicanconf.py").read_text(encoding="utf-8")


def test_a_refused_template_stops_the_build_before_anything_is_written(tmp_path):
    config = survey_project(tmp_path, GONGSHI_SURVEY_URL="http://myd.example.gov.cn/{round}/{unit}")
    with pytest.raises(ConfigError, match="https"):
        build(config, as_of=dt.date(2025, 8, 20))
    assert not (tmp_path / "output").exists()


def test_an_unknown_answer_stops_the_build_with_file_and_line(tmp_path):
    config = survey_project(tmp_path)
    export = tmp_path / "content" / "surveys" / "2025-r1.csv"
    export.write_text(export.read_text(encoding="utf-8") + "edu,非常满意\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        check(config, dt.date(2025, 8, 20))
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.code) == (
        "content/surveys/2025-r1.csv",
        62,
        "survey.unknown-answer",
    )


def test_a_response_exported_into_two_files_of_a_round_counts_once(tmp_path):
    folder = tmp_path / "content" / "surveys" / "2025-r1"
    folder.mkdir(parents=True)
    export = "Response ID,unit,总体满意度\nr1,edu,满意\n"
    (folder / "week1.csv").write_text(export, encoding="utf-8")
    (folder / "week2.csv").write_text(export + "r2,edu,不满意\n", encoding="utf-8")
    problems = []
    mapping = export_mapping({"preset": "formbricks", "round": None, "submitted": None})
    data = load_exports(
        tmp_path / "content" / "surveys", tmp_path, {"2025-r1": ROUND}, mapping, links(), problems
    )
    assert data.counts[("2025-r1", "edu")] == {Answer.SATISFIED: 1, Answer.DISSATISFIED: 1}
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("content/surveys/2025-r1/week2.csv", 2, "survey.skip.duplicate")
    ]


def test_an_unanswered_try_in_one_file_does_not_make_the_answer_in_the_next_a_repeat(tmp_path):
    folder = tmp_path / "content" / "surveys" / "2025-r1"
    folder.mkdir(parents=True)
    (folder / "a-partial.csv").write_text("Response ID,unit,总体满意度\nr1,edu,\n", encoding="utf-8")
    (folder / "b-complete.csv").write_text("Response ID,unit,总体满意度\nr1,edu,基本满意\n", encoding="utf-8")
    problems = []
    mapping = export_mapping({"preset": "formbricks", "round": None, "submitted": None})
    data = load_exports(
        tmp_path / "content" / "surveys", tmp_path, {"2025-r1": ROUND}, mapping, links(), problems
    )
    assert data.counts[("2025-r1", "edu")] == {Answer.BASICALLY: 1}
    assert [(p.path, p.code) for p in problems] == [
        ("content/surveys/2025-r1/a-partial.csv", "survey.skip.no-answer")
    ]


def test_an_unreadable_csv_row_is_an_error_with_its_line_not_a_traceback(tmp_path):
    # The limit is process-wide and other libraries raise it (frictionless sets it to
    # hundreds of megabytes), so pin it for this test rather than build a field that big.
    limit = csv.field_size_limit(1000)
    try:
        _, problems = read_export(tmp_path, f'单位编号,测评结果\nedu,满意\nedu,"{"x" * 1010}"\n')
    finally:
        csv.field_size_limit(limit)
    assert [(p.code, p.line) for p in problems] == [("survey.csv", 3)]


def test_a_round_whose_exports_did_not_change_is_not_read_again(tmp_path, monkeypatch):
    from gongshi.infra.cache import FileCache
    from gongshi.surveys import exports as surveyexport

    folder = tmp_path / "content" / "surveys" / "2025-r1"
    folder.mkdir(parents=True)
    (folder / "a.csv").write_text("Response ID,unit,总体满意度,sig\nr1,edu,满意,x\nr2,nobody,满意,x\n")
    (folder / "b.csv").write_text("Response ID,unit,总体满意度,sig\nr1,edu,满意,x\nr3,edu,不满意,x\n")
    mapping = export_mapping({"preset": "formbricks", "round": None, "submitted": None})
    cache = FileCache(tmp_path / "cache")
    calls = []
    real = surveyexport._read_sheet
    monkeypatch.setattr(surveyexport, "_read_sheet", lambda *a: calls.append(a) or real(*a))

    def load(signing: str | None = None):
        problems = []
        data = load_exports(
            folder.parent, tmp_path, {"2025-r1": ROUND}, mapping, links(signing), problems, cache
        )
        return data.counts, [(p.path, p.line, p.code) for p in problems], len(calls)

    first = load()
    assert first[2] == 2 and first[0][("2025-r1", "edu")] == {Answer.SATISFIED: 1, Answer.DISSATISFIED: 1}
    assert [code for *_, code in first[1]] == ["survey.skip.unknown-unit", "survey.skip.duplicate"]
    assert load() == (*first[:2], 2)  # the same counts and problems, from the cache
    assert load(signing="k")[2] == 4  # signing changes what counts: read again (and all unsigned now)
    (folder / "b.csv").write_text("Response ID,unit,总体满意度,sig\nr4,edu,满意,x\n")
    changed = load()
    assert changed[2] == 6 and changed[0][("2025-r1", "edu")] == {Answer.SATISFIED: 2}


def test_survey_data_holds_counts_and_files_only_response_ids_are_a_rounds_own():
    assert [f.name for f in dataclasses.fields(SurveyData)] == ["counts", "files", "formulas"]


def test_a_new_signing_key_reads_a_round_without_a_link_template_again(tmp_path, monkeypatch):
    """GONGSHI_SURVEY_KEY changed: codes signed with the old key are forged now, cached or not."""
    from gongshi.infra.cache import FileCache
    from gongshi.surveys import exports as surveyexport

    folder = tmp_path / "content" / "surveys"
    folder.mkdir(parents=True)
    old = [signature(b"old", "2025-r1", unit) for unit in ("edu", "water")]
    (folder / "2025-r1.csv").write_text(f"unit,sig,answer\nedu,{old[0]},满意\nwater,{old[1]},不满意\n")
    mapping = export_mapping({"preset": "plain", "unit": "unit", "answer": "answer", "signature": "sig"})
    cache = FileCache(tmp_path / "cache")

    def load(key: str, cache: FileCache | None = None):
        problems = []
        made = unchecked_links({}, "sig", key)  # no template: links.url() is None for every unit
        data = load_exports(folder, tmp_path, {"2025-r1": ROUND}, mapping, made, problems, cache)
        return data.counts, [(p.path, p.line, p.code) for p in problems]

    assert load("old", cache) == load("old") and load("old")[0][("2025-r1", "edu")] == {Answer.SATISFIED: 1}
    assert load("new", cache) == load("new")
    assert load("new")[0] == {} and [code for *_, code in load("new")[1]] == ["survey.skip.bad-signature"]
    assert load("old", cache) == load("old")  # and back

    def no_digest(*parts):
        raise AssertionError("a cache without a folder needs no key")

    monkeypatch.setattr(surveyexport, "digest", no_digest)
    monkeypatch.setattr(surveyexport, "code_fingerprint", no_digest)
    assert load("old", FileCache(None)) == load("old")


def test_the_signing_key_marks_the_cache_key_without_being_in_it():
    made, other = unchecked_links({}, "sig", "s3cret"), unchecked_links({}, "sig", "other")
    assert made.key_mark() and made.key_mark() != other.key_mark()
    assert made.key_mark() == unchecked_links({}, "sig", "s3cret").key_mark()
    assert "s3cret" not in made.key_mark() and unchecked_links({}, "sig", None).key_mark() == ""


def test_after_the_window_the_page_says_it_ended_and_invites_no_scan(tmp_path):
    config = survey_project(tmp_path)
    build(config, as_of=dt.date(2025, 8, 20), batch=True)
    html = page(tmp_path, "water")
    assert "本轮测评已于 2025年8月15日 结束，不再接受评价" in words(html)
    assert 'class="qr-box qr-closed"' in html and "测评已结束，不再接受评价）" in html
    assert (
        "扫码参加" not in html
        and "qr-png" not in html
        and "myd.example.gov.cn" not in html.split("qr-box")[1]
    )


def test_before_the_window_the_page_says_when_it_opens(tmp_path):
    config = survey_project(tmp_path)
    round_file = tmp_path / "content" / "rounds" / "2025-r1.toml"
    text = (
        round_file.read_text(encoding="utf-8")
        .replace("2025-07-15", "2025-08-10")
        .replace("2025-08-15", "2025-08-31")
    )
    round_file.write_text(text, encoding="utf-8")
    build(config, as_of=dt.date(2025, 8, 1), batch=True)
    html = words(page(tmp_path, "water"))
    assert "测评将于 2025年8月10日 开始" in html and "测评 2025年8月10日 开始后，用手机扫描二维码" in html


def test_the_formula_configured_in_the_round_file_is_on_the_unit_and_method_pages(tmp_path):
    config = survey_project(tmp_path, water=(28, 2, 0))
    round_file = tmp_path / "content" / "rounds" / "2025-r1.toml"
    round_file.write_text(
        round_file.read_text(encoding="utf-8")
        + '\n[survey]\nexport = "plain"\nexcluded = ["不了解"]\n\n[survey.answers]\n'
        + '"满意" = ["非常满意", "满意"]\nbasically = ["基本满意"]\ndissatisfied = ["不满意"]\n',
        encoding="utf-8",
    )
    export = tmp_path / "content" / "surveys" / "2025-r1.csv"
    export.write_text(export.read_text(encoding="utf-8") + "water,非常满意\nwater,不了解\n", encoding="utf-8")
    build(config, as_of=dt.date(2025, 8, 20), batch=True)
    html = words(page(tmp_path, "water"))
    assert "有效样本 31 份：非常满意、满意 29 份，基本满意 2 份，不满意 0 份" in html
    formula = "满意率 =（非常满意 + 满意 + 基本满意）÷ 有效样本（非常满意 + 满意 + 基本满意 + 不满意）；“不了解”不计入样本"
    assert formula in html
    method = words((tmp_path / "output" / "method.html").read_text(encoding="utf-8"))
    assert formula in method and "群众满意率" in method


def test_a_build_mentions_unsigned_links_only_where_the_platform_can_carry_a_signature(tmp_path):
    """问卷星 carries one value: with sojumpparm={unit} there is nowhere for a signature to go."""
    wjx = '\n[survey]\nexport = "wjx"\n'
    config = survey_project(
        tmp_path, GONGSHI_SURVEY_URL=None, GONGSHI_SURVEY_HOSTS=["www.wjx.cn"],
        GONGSHI_SURVEY_ROUND_URLS={"2025-r1": "https://www.wjx.cn/vm/Q8x.aspx?sojumpparm={unit}"},
    )  # fmt: skip
    round_file = tmp_path / "content" / "rounds" / "2025-r1.toml"
    round_file.write_text(round_file.read_text(encoding="utf-8") + wjx, encoding="utf-8")
    export = tmp_path / "content" / "surveys" / "2025-r1.csv"
    rows = export.read_text(encoding="utf-8").splitlines()[1:]
    export.write_text("自定义字段,1、总体评价\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = build(config, as_of=dt.date(2025, 8, 20), batch=True)
    assert result.prepared.survey_signing is None  # nothing to nag about
    assert "sojumpparm=water" in (tmp_path / "internal" / "posters" / "2025-r1.html").read_text(
        encoding="utf-8"
    )
    assert sum(result.prepared.surveys.counts[("2025-r1", "water")].values()) == 30
    # with {code} the same platform can carry it: the build says the links are unsigned
    text = (
        (tmp_path / "pelicanconf.py")
        .read_text(encoding="utf-8")
        .replace("sojumpparm={unit}", "sojumpparm={code}")
    )
    (tmp_path / "pelicanconf.py").write_text(text, encoding="utf-8")
    assert build(config, as_of=dt.date(2025, 8, 20)).prepared.survey_signing == "unsigned"
