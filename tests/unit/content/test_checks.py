"""Personal data in reports, and narrative figures checked against the ledger."""

import datetime as dt

import pytest
from factories import make_project, report_text, round_text

from gongshi.build.runner import build
from gongshi.content.checks import personal_data, stated_figures_mismatch
from gongshi.content.metrics import measure
from gongshi.content.model import Kind, LedgerItem, Status
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
    assert any(p.code == "report.figures-mismatch" for p in held.prepared.warnings)
    config.write_text(config.read_text() + "\nGONGSHI_RULE_CONSISTENCY = False\n")
    published = build(config, as_of=dt.date(2025, 10, 1), batch=True)
    assert ("2025-r1", "edu") in published.prepared.publication.public
    assert any(p.code == "report.figures-mismatch" for p in published.prepared.warnings)  # still reported
