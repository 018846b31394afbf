"""Personal data in reports (the figures a narrative states: test_figures.py)."""

import datetime as dt

import pytest
from factories import make_project, report_text, round_text

from gongshi.build.runner import build
from gongshi.content.checks import personal_data
from gongshi.problems.errors import ContentError


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("举报人身份证号11010519491231002X", "居民身份证号", id="id-with-X"),
        pytest.param("联系人 13812345678", "手机号码", id="mobile"),
        pytest.param("手机 +86 138-1234-5678", "手机号码", id="mobile-formatted"),
        pytest.param("退款至 6222 0212 3456 7894", "银行卡号", id="bank-card-luhn"),
    ],
)
def test_personal_data_is_found(text, kind):
    (finding,) = personal_data([(7, text)], frozenset())
    assert finding.kind == kind and finding.line == 7


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("编号110105194912310021", id="id-bad-check-digit"),
        pytest.param("联系电话 0000-86123456", id="landline"),
        pytest.param("合同号 6222021234567890", id="card-failing-luhn"),
        pytest.param("挽回经济损失1268.5万元，问题10个", id="figures"),
    ],
)
def test_ordinary_numbers_are_not_flagged(text):
    assert personal_data([(1, text)], frozenset()) == []


def test_an_allowlisted_value_passes():
    assert personal_data([(1, "服务热线 13800000000")], frozenset({"13800000000"})) == []


def test_a_report_with_a_mobile_number_blocks_the_build_with_file_and_line(tmp_path):
    text = report_text(body="请联系经办人，电话13912345678。\n")
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": text})
    with pytest.raises(ContentError) as caught:
        build(config, as_of=dt.date(2025, 10, 1))
    (problem,) = caught.value.problems
    assert problem.code == "privacy" and problem.line == 14 and "13912345678" in problem.message


@pytest.mark.parametrize(
    "line, kind, value",
    [
        pytest.param(
            "联系电话：１３９１２３４５６７８", "手机号码", "１３９１２３４５６７８", id="full-width-mobile"
        ),
        pytest.param("手机 139 1234 5678 转办公室", "手机号码", "139 1234 5678", id="spaced-mobile"),
        pytest.param("手机139.1234.5678", "手机号码", "139.1234.5678", id="dotted-mobile"),
        pytest.param("电话1391-234-5678", "手机号码", "1391-234-5678", id="grouped-4-3-4"),
        pytest.param("电话 +86 139 1234 5678", "手机号码", "+86 139 1234 5678", id="country-code"),
        pytest.param(
            "电话１３９－１２３４－５６７８", "手机号码", "１３９－１２３４－５６７８", id="full-width-dashes"
        ),
        pytest.param(
            "身份证号１１０１０１１９９００３０７６６７５",
            "居民身份证号",
            "１１０１０１１９９００３０７６６７５",
            id="full-width-id",
        ),
        pytest.param("身份证 110101 19900307 6675", "居民身份证号", "110101 19900307 6675", id="spaced-id"),
        pytest.param(
            "卡号６２２２　０２０２　０００１　２３４５　６７０",
            "银行卡号",
            "６２２２　０２０２　０００１　２３４５　６７０",
            id="full-width-card",
        ),
    ],
)
def test_personal_numbers_are_found_however_they_were_typed(line, kind, value):
    from gongshi.content.checks import personal_data

    found = personal_data([(7, line)], frozenset())
    assert [(f.line, f.kind, f.value) for f in found] == [(7, kind, value)]


@pytest.mark.parametrize(
    "line",
    [
        "截至2025.11.12，已完成整改18个，整改完成率85.71%。",
        "联系电话：0000-86123456，邮编100010。",
        "挽回经济损失1,268.5万元，2025年11月12日13时召开会议。",
        "文号：青党巡〔2025〕13号 第2025 1107号",
    ],
)
def test_dates_amounts_and_landlines_are_not_personal_data(line):
    from gongshi.content.checks import personal_data

    assert personal_data([(1, line)], frozenset()) == []


def test_a_number_staff_allowed_passes_however_it_is_spaced():
    from gongshi.content.checks import personal_data

    assert personal_data([(1, "热线 139 1234 5678")], frozenset({"13912345678"})) == []
