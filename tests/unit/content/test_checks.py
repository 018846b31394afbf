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
