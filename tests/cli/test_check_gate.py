"""`gongshi check` reports every problem in one run and ends with what the gate would decide."""

import json

from click.testing import CliRunner
from factories import make_project, report_text, round_text

from gongshi.cli import EXIT_CONTENT, main

AS_OF = "2025-10-01"
STATED = "截至目前，巡察反馈问题3个，已完成整改3个，整改完成率100%。\n"  # the default ledger: 2 of 3 done
ROUND = round_text(units={"edu": "市教育局党组", "water": "市水务局党组", "health": "市卫生健康委党组"})


def run(config, *args):
    return CliRunner().invoke(main, [*args, "--config", str(config)])


def project(tmp_path, **reports):
    files = {f"2025-r1/{unit}.md": text for unit, text in reports.items()}
    return make_project(tmp_path, {"2025-r1": ROUND}, files)


def test_a_clean_check_says_who_the_gate_would_publish_and_who_it_would_hold(tmp_path):
    config = project(
        tmp_path,
        edu=report_text(),
        water=report_text(body=STATED, Unit="water", Unit_Name="市水务局党组"),
    )
    result = run(config, "check", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "检查通过：1 个轮次，2 份报告，没有错误。" in out
    assert (
        "按统计日期 2025-10-01：下一批将公示 1 个单位，延后公示 1 个，不能公示 1 个，此前已公示 0 个。" in out
    )
    held = out[out.index("延后公示（1）") :]
    assert "市水务局党组" in held and "报告数字与台账不一致" in held
    assert "市卫生健康委党组" in out and "超过报送期限" in out  # no report, past its due date
    warning = result.stderr
    assert "content/reports/2025-r1/water.md:14: 提示: 报告数字与台账不一致：第 14 行" in warning


def test_figures_are_reported_beside_content_errors_in_one_run(tmp_path):
    config = project(
        tmp_path,
        edu=report_text(body=STATED.replace("100%", "100%。请联系13912345678")),  # privacy error, same file
        water=report_text(body=STATED, Unit="water", Unit_Name="市水务局党组"),
        health=report_text(Unit="health", Unit_Name="市卫生健康委党组", Date="2025年2月30日"),
    )
    result = run(config, "check", "--as-of", AS_OF)
    assert result.exit_code == EXIT_CONTENT
    err = result.stderr
    assert "edu.md:14: 错误" in err and "health.md:5: 错误" in err
    assert "water.md:14: 提示: 报告数字与台账不一致" in err  # the warning did not wait for the errors
    assert "发现 2 处错误，检查未通过" in err
    out = result.stdout
    assert "以下是修正错误后闸门的决定" in out
    assert "报告有错误，修正前不能公示（2）" in out  # edu parsed with an error; health did not parse
    assert "延后公示（1）" in out and "市水务局党组" in out
    assert "2 个单位的报告有错误，修正前不能公示" in out


def test_check_json_has_the_gate(tmp_path):
    config = project(
        tmp_path,
        edu=report_text(),
        water=report_text(body=STATED, Unit="water", Unit_Name="市水务局党组"),
    )
    data = json.loads(run(config, "check", "--as-of", AS_OF, "--json").stdout)
    assert data["ok"] is True
    gate = data["gate"]
    assert gate["as_of"] == AS_OF and gate["stopped_by_errors"] is False
    assert [u["unit"] for u in gate["publish"]] == ["edu"]
    (held,) = gate["held"]
    assert held["unit"] == "water" and held["reason"].startswith("报告数字与台账不一致：第 14 行")
    assert held["source"] == "content/reports/2025-r1/water.md"
    assert [u["unit"] for u in gate["not_publishable"]] == ["health"] and gate["errors"] == []
    (problem,) = data["problems"]
    assert problem["code"] == "report.figures-mismatch" and problem["line"] == 14


def test_check_json_with_errors_still_has_the_gate(tmp_path):
    config = project(
        tmp_path,
        edu=report_text(Status="draft"),
        water=report_text(body=STATED, Unit="water", Unit_Name="市水务局党组"),
    )
    result = run(config, "check", "--as-of", AS_OF, "--json")
    assert result.exit_code == EXIT_CONTENT
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert {p["code"] for p in data["problems"]} == {"header.forbidden", "report.figures-mismatch"}
    gate = data["gate"]
    assert gate["stopped_by_errors"] is True
    assert [u["unit"] for u in gate["errors"]] == ["edu"] and [u["unit"] for u in gate["held"]] == ["water"]


def test_english_check_says_the_gate_in_english(tmp_path):
    config = project(tmp_path, water=report_text(body=STATED, Unit="water", Unit_Name="市水务局党组"))
    result = run(config, "check", "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0
    assert "As of 2025-10-01: the next batch would publish 0 unit(s); 1 held" in result.stdout
    # one of the three items was done by the report's date (2025-07-08), another only later
    assert "line 14 (" in result.stderr and "problems fixed: the report says 3, the ledger 1" in result.stderr


def test_an_error_outside_the_reports_still_says_the_forecast_waits_for_the_fix(tmp_path):
    config = project(tmp_path, edu=report_text())
    (tmp_path / "content" / "publication-record.jsonl").write_text("不是 JSON\n", encoding="utf-8")
    result = run(config, "check", "--as-of", AS_OF, "--json")
    assert result.exit_code == EXIT_CONTENT
    data = json.loads(result.stdout)
    assert any(p["code"].startswith("record.") for p in data["problems"])
    gate = data["gate"]
    assert gate["stopped_by_errors"] is True and gate["errors"] == []
    assert [u["unit"] for u in gate["publish"]] == ["edu"]
