"""Staff commands from the command line: scaffolding, the build summary, languages, JSON, preview."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import openpyxl
import pytest
from click.testing import CliRunner
from factories import REPO, make_project, report_text, round_text
from servetools import eventually, fetch, get, served_url, start_serve

from gongshi.cli import EXIT_CONTENT, EXIT_USAGE, main
from gongshi.content.loader import load_content

AS_OF = "2025-10-01"


def run(config, *args, **kwargs):
    return CliRunner().invoke(main, [*args, "--config", str(config)], **kwargs)


def project(tmp_path, **reports):
    reports = {f"2025-r1/{unit}.md": text for unit, text in reports.items()}
    return make_project(tmp_path, {"2025-r1": round_text()}, reports)


# gongshi new


def test_new_round_writes_a_round_file_the_loader_accepts(tmp_path):
    config = make_project(tmp_path, {}, {})
    result = run(
        config, "new", "round", "2027-r1", "--name", "十四届市委第三轮巡察", "--type", "专项",
        "--feedback-date", "2027-03-01", "--report-due", "2027-06-01",
        "--survey-start", "2027-06-15", "--survey-end", "2027-07-15",
        "--unit", "edu=市教育局党组", "--unit", "forest=市林业局党组",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    content = load_content(tmp_path / "content", dt.date(2027, 3, 5))
    assert not content.problems
    round_ = content.rounds["2027-r1"]
    assert [(u.id, u.name) for u in round_.units] == [("edu", "市教育局党组"), ("forest", "市林业局党组")]
    assert round_.type.value == "专项" and str(round_.survey.end) == "2027-07-15"
    assert "gongshi new report --round 2027-r1" in result.output


@pytest.mark.parametrize(
    ("given", "missing"), [("--survey-start", "--survey-end"), ("--survey-end", "--survey-start")]
)
def test_one_survey_date_without_the_other_is_a_usage_error_naming_both(tmp_path, given, missing):
    config = make_project(tmp_path, {}, {})
    result = run(
        config, "new", "round", "2027-r1", "--name", "第三轮巡察", "--feedback-date", "2027年3月1日",
        "--report-due", "2027.6.1", given, "2027-06-15", "--unit", "edu=市教育局党组",
    )  # fmt: skip
    assert result.exit_code == 2
    assert given in result.output and missing in result.output
    assert not (tmp_path / "content/rounds/2027-r1.toml").exists()


def test_revisits_without_the_look_back_type_is_a_usage_error_naming_both(tmp_path):
    config = make_project(tmp_path, {}, {})
    result = run(
        config, "new", "round", "2027-r2", "--name", "回头看", "--feedback-date", "2027-03-01",
        "--report-due", "2027-06-01", "--revisits", "2027-r1", "--unit", "edu=市教育局党组",
    )  # fmt: skip
    assert result.exit_code == 2 and "--revisits" in result.output and "--type 回头看" in result.output
    assert not (tmp_path / "content/rounds/2027-r2.toml").exists()


@pytest.mark.parametrize(
    "sheet",
    [
        "编号,单位名称\nedu,市教育局党组\n\nforest,市林业局党组\n",
        "\ufeffedu,市教育局党组\nforest,市林业局党组\n",
    ],
    ids=["header-row-and-blank-line", "bom-and-no-header-row"],
)
def test_new_round_takes_units_from_a_gb18030_file(tmp_path, sheet):
    config = make_project(tmp_path, {}, {})
    units = tmp_path / "units.csv"
    units.write_bytes(sheet.encode("gb18030"))
    result = run(
        config, "new", "round", "2027-r1", "--name", "第三轮巡察", "--feedback-date", "2027-03-01",
        "--report-due", "2027-06-01", "--units-file", str(units),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (tmp_path / "content/rounds/2027-r1.toml").read_text(encoding="utf-8")
    assert 'id = "edu"' in text and 'name = "市林业局党组"' in text and "编号" not in text


def new_round_from(config, units):
    return run(
        config, "new", "round", "2027-r1", "--name", "第三轮巡察", "--feedback-date", "2027-03-01",
        "--report-due", "2027-06-01", "--units-file", str(units),
    )  # fmt: skip


def test_a_units_file_that_is_no_csv_text_is_named_with_what_to_do(tmp_path):
    config = make_project(tmp_path, {}, {})
    workbook = openpyxl.Workbook()
    workbook.active.append(["edu", "市教育局党组"])
    workbook.save(tmp_path / "单位.xlsx")
    result = new_round_from(config, tmp_path / "单位.xlsx")
    assert result.exit_code == EXIT_USAGE and isinstance(result.exception, SystemExit)  # no traceback
    assert f"{tmp_path / '单位.xlsx'}: 错误: 这不是 CSV 文本文件。" in result.output
    assert "另存为“CSV UTF-8”" in result.output
    (tmp_path / "open-quote.csv").write_text('edu,市教育局党组\nforest,"市林业局党组\n', encoding="utf-8")
    quote = new_round_from(config, tmp_path / "open-quote.csv")
    assert quote.exit_code == EXIT_USAGE and isinstance(quote.exception, SystemExit)
    assert (
        f"{tmp_path / 'open-quote.csv'}:2: 错误: CSV 格式错误" in quote.output
        and "引号是否成对" in quote.output
    )
    (tmp_path / "unknown-encoding.csv").write_bytes(b"edu,caf\xff\n")
    encoding = new_round_from(config, tmp_path / "unknown-encoding.csv")
    assert encoding.exit_code == EXIT_USAGE and "无法识别文件编码" in encoding.output
    (tmp_path / "empty.csv").write_bytes(b"\n")
    empty = new_round_from(config, tmp_path / "empty.csv")
    assert empty.exit_code == EXIT_USAGE and "文件是空的" in empty.output
    assert not (tmp_path / "content/rounds/2027-r1.toml").exists()


def test_new_round_in_a_new_project_makes_the_content_folder(tmp_path):
    config = make_project(tmp_path, {}, {})
    (tmp_path / "content" / "rounds").rmdir()
    (tmp_path / "content").rmdir()
    result = run(config, "new", "round", "2027-r1", "--name", "x", "--feedback-date", "2027-03-01",
                 "--report-due", "2027-06-01", "--unit", "edu=市教育局党组")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "content/rounds/2027-r1.toml").is_file()
    config.write_text(config.read_text(encoding="utf-8") + "\nraise RuntimeError('broken settings')\n")
    broken = run(config, "new", "round", "2027-r2", "--name", "x", "--feedback-date", "2027-03-01",
                 "--report-due", "2027-06-01", "--unit", "edu=市教育局党组")  # fmt: skip
    assert broken.exit_code == EXIT_USAGE and "broken settings" in broken.output


def test_new_round_prompts_for_what_is_missing(tmp_path):
    config = make_project(tmp_path, {}, {})
    result = run(
        config, "new", "round", "2027-r1", "--unit", "edu=市教育局党组",
        input="第三轮巡察\n2027-03-01\n2027-06-01\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert 'name = "第三轮巡察"' in (tmp_path / "content/rounds/2027-r1.toml").read_text(encoding="utf-8")


def test_new_round_refuses_bad_ids_bad_dates_and_an_existing_file(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {})
    args = ["--name", "x", "--feedback-date", "2027-03-01", "--report-due", "2027-06-01"]
    bad_unit = run(config, "new", "round", "2027-r1", *args, "--unit", "Edu Bureau=市教育局党组")
    assert bad_unit.exit_code == EXIT_CONTENT and "单位编号“Edu Bureau”不合规" in bad_unit.output
    assert "发现 1 处错误，未创建轮次文件。" in bad_unit.output and "网站" not in bad_unit.output
    no_name = run(config, "new", "round", "2027-r1", *args, "--unit", "edu")
    assert no_name.exit_code == EXIT_USAGE and "编号=名称" in no_name.output
    backwards = run(
        config, "new", "round", "2027-r1", "--name", "x", "--feedback-date", "2027-06-01",
        "--report-due", "2027-03-01", "--unit", "edu=市教育局党组",
    )  # fmt: skip
    assert backwards.exit_code == EXIT_CONTENT and "早于反馈日期" in backwards.output
    assert not (tmp_path / "content/rounds/2027-r1.toml").exists()
    before = (tmp_path / "content/rounds/2025-r1.toml").read_bytes()
    again = run(config, "new", "round", "2025-r1", *args, "--unit", "edu=市教育局党组")
    assert again.exit_code == EXIT_USAGE and "已存在" in again.output
    assert (tmp_path / "content/rounds/2025-r1.toml").read_bytes() == before


def test_new_report_scaffolds_every_unit_without_a_report_and_keeps_existing_ones(tmp_path):
    config = project(tmp_path, edu=report_text())
    before = (tmp_path / "content/reports/2025-r1/edu.md").read_bytes()
    result = run(config, "new", "report", "--round", "2025-r1")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "content/reports/2025-r1/edu.md").read_bytes() == before
    water = (tmp_path / "content/reports/2025-r1/water.md").read_text(encoding="utf-8")
    assert "Unit: water\nUnit-Name: 市水务局党组\n" in water and "## 整改台账" in water
    assert "| 序号 | 方面 | 反馈问题 | 整改措施 | 类型 | 责任部门 | 整改时限 | 状态 | 完成时间 |" in water
    assert (tmp_path / "content/reports/2025-r1/transport.md").is_file()
    assert "共创建 2 份报告" in result.output


def test_new_report_names_the_units_a_round_has_when_asked_for_another(tmp_path):
    config = project(tmp_path)
    result = run(config, "new", "report", "--round", "2025-r1", "--unit", "forest")
    assert result.exit_code == EXIT_USAGE and "edu、water、transport" in result.output
    english = run(config, "new", "report", "--round", "2025-r1", "--unit", "forest", "--lang", "en")
    assert 'Round "2025-r1" has no unit "forest". Its units: edu, water, transport.' in english.output
    missing = run(config, "new", "report", "--round", "2099-r9")
    assert missing.exit_code == EXIT_USAGE and "gongshi new round" in missing.output


def test_an_unfilled_skeleton_stops_check_with_one_problem_listing_each_line_to_fill(tmp_path):
    config = project(tmp_path)
    run(config, "new", "report", "--round", "2025-r1", "--unit", "water")
    result = run(config, "check", "--as-of", AS_OF, "--json")
    assert result.exit_code == EXIT_CONTENT
    problems = json.loads(result.stdout)["problems"]
    (placeholder,) = [p for p in problems if p["code"] == "report.placeholder"]
    lines = (tmp_path / "content/reports/2025-r1/water.md").read_text(encoding="utf-8").split("\n")
    unfilled = [n for n, t in enumerate(lines, 1) if "【待填写】" in t]
    assert len(unfilled) > 10 and placeholder["line"] == unfilled[0]
    numbers = "、".join(map(str, unfilled))
    assert placeholder["message"] == f"还有 {len(unfilled)} 处未填写的内容“【待填写】”，在第 {numbers} 行。"
    assert {p["path"] for p in problems} == {"content/reports/2025-r1/water.md"}  # nothing but the markers
    english = json.loads(run(config, "check", "--as-of", AS_OF, "--json", "--lang", "en").stdout)
    message = next(p["message"] for p in english["problems"] if p["code"] == "report.placeholder")
    assert message.endswith(f"on line(s) {', '.join(map(str, unfilled))}.")
    said = run(config, "check", "--as-of", AS_OF)
    assert said.output.count("【待填写】") == 1 and said.output.count("错误: ") == len(problems)
    assert f"发现 {len(problems)} 处错误，检查未通过（检查不写入任何文件）。" in said.output
    assert "未生成网站" not in said.output and "原有网站" not in said.output


# gongshi import-ledger


def workbook(path, *rows):
    """A ledger as staff keep it: a merged title row, header variants, a merged 方面 and an Excel date."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["市教育局党组巡察整改台账"])
    sheet.append(
        ["序号", "方面", "问题描述", "整改措施", "整改类型", "责任单位", "完成时限", "整改情况", "完成日期"]
    )
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:I1")
    sheet.merge_cells("B3:B4")
    book.save(path)
    return path


GOOD_ROWS = (
    [1, "作风建设", "公车管理不规范", "修订办法", "立行立改", "办公室", dt.datetime(2025, 5, 31), "已完成", "2025年5月20日"],
    [2, None, "食堂经费使用不规范", "开展专项审计", "限期整改", "财务科", "2025.12.31", "推进中", None],
)  # fmt: skip


def test_import_ledger_replaces_the_table_and_nothing_else(tmp_path):
    body = "根据市委统一部署，现将整改情况予以公布。\n\n## 一、整改工作\n\n党组召开专题会议。\n"
    config = project(tmp_path, edu=report_text(body=body))
    report = tmp_path / "content/reports/2025-r1/edu.md"
    before = report.read_text(encoding="utf-8")
    source = workbook(tmp_path / "台账.xlsx", *GOOD_ROWS)
    result = run(config, "import-ledger", str(source), "--round", "2025-r1", "--unit", "edu")
    assert result.exit_code == 0, result.output
    assert "已把 2 项台账写入" in result.output
    after = report.read_text(encoding="utf-8")
    assert after.split("## 整改台账")[0] == before.split("## 整改台账")[0]  # header and narrative untouched
    assert (
        "| 2 | 作风建设 | 食堂经费使用不规范 | 开展专项审计 | 限期整改 | 财务科 | 2025-12-31 | 推进中 | |"
        in after
    )
    check = run(config, "check", "--as-of", AS_OF, "--json")
    assert check.exit_code == 0, check.output
    again = run(config, "import-ledger", str(source), "--round", "2025-r1", "--unit", "edu", "--json")
    assert json.loads(again.stdout)["status"] == "unchanged" and report.read_text(encoding="utf-8") == after


def test_import_ledger_says_when_the_narrative_figures_no_longer_match(tmp_path):
    config = project(tmp_path, edu=report_text(body="反馈问题共 3 个，已完成 3 个，整改率 100%。\n"))
    source = workbook(tmp_path / "台账.xlsx", *GOOD_ROWS)  # 2 items, 1 done
    result = run(config, "import-ledger", str(source), "--round", "2025-r1", "--unit", "edu")
    assert result.exit_code == 0, result.output
    assert (
        "报告正文中的数字与新台账不一致：第 14 行“反馈问题共 3 个，已完成 3 个，整改率 100%。”："
        "问题总数报告称 3，台账为 2；已完成报告称 3，台账为 1" in result.output
    )
    assert "正文未改动，但其中的数字与新台账不一致（见上面的提示），请修改正文。" in result.output
    assert "（正文未改动）" not in result.output
    english = run(config, "import-ledger", str(source), "--round", "2025-r1", "--unit", "edu", "--lang", "en",
                  "--json")  # fmt: skip
    data = json.loads(english.stdout)
    assert data["ok"] and [p["code"] for p in data["problems"]] == ["import.figures-mismatch"]
    assert data["problems"][0]["message"].startswith(
        "The ledger was imported, but figures in the report text"
    )
    check = run(config, "check", "--as-of", AS_OF)
    assert "报告数字与台账不一致" in check.output  # check says the same


def test_import_ledger_names_every_bad_row_and_writes_nothing(tmp_path):
    config = project(tmp_path, edu=report_text())
    report = tmp_path / "content/reports/2025-r1/edu.md"
    before = report.read_bytes()
    bad = (
        GOOD_ROWS[0],
        [2, None, "食堂经费使用不规范", "开展专项审计", "限期整改", "财务科", "明年", "推进中", None],
        [
            3,
            "选人用人",
            "干部档案审核不严",
            "开展专项审核",
            "马上改",
            "组织人事科",
            "2025-12-31",
            "推进中",
            None,
        ],
    )
    result = run(config, "import-ledger", str(workbook(tmp_path / "台账.xlsx", *bad)), "--round", "2025-r1",
                 "--unit", "edu")  # fmt: skip
    assert result.exit_code == EXIT_CONTENT
    assert (
        "台账.xlsx:4:" in result.output and "台账.xlsx:5:" in result.output and "报告未改动" in result.output
    )
    assert report.read_bytes() == before


def test_import_ledger_refuses_a_unit_the_round_does_not_list_and_a_missing_report(tmp_path):
    config = project(tmp_path)
    source = workbook(tmp_path / "台账.xlsx", *GOOD_ROWS)
    other = run(config, "import-ledger", str(source), "--round", "2025-r1", "--unit", "forest")
    assert other.exit_code == EXIT_USAGE and "edu、water、transport" in other.output
    english = run(
        config, "import-ledger", str(source), "--round", "2025-r1", "--unit", "forest", "--lang", "en"
    )
    assert "Its units: edu, water, transport." in english.output and "、" not in english.output
    missing = run(
        config, "import-ledger", str(source), "--round", "2025-r1", "--unit", "water", "--lang", "en"
    )
    assert missing.exit_code == EXIT_CONTENT and "gongshi new report" in missing.output
    assert not (tmp_path / "content/reports/2025-r1/water.md").exists()


# the build as staff see it


def test_build_json_sorts_every_unit_into_one_bucket(tmp_path):
    config = project(
        tmp_path,
        edu=report_text(),
        water=report_text(Unit="water", Unit_Name="市水务局党组", Review="退回重报"),
    )
    result = run(config, "build", "--as-of", AS_OF, "--batch", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["batch_number"] == 1 and data["preview"] is False
    assert [u["unit_id"] for u in data["new"]] == ["edu"]
    assert {u["unit_id"]: u["reason"] for u in data["not_publishable"]} == {
        "water": "整改报告退回重报（2025-07-28）",
        "transport": "超过报送期限 83 天未报送整改报告",
    }
    assert data["pages"] > 0 and data["qr_made"] + data["qr_reused"] >= 1 and data["seconds"] > 0
    again = json.loads(run(config, "build", "--as-of", AS_OF, "--json").stdout)
    assert (
        again["preview"] and again["new"] == [] and [u["unit_id"] for u in again["already_public"]] == ["edu"]
    )
    assert again["qr_made"] == 0 and again["qr_reused"] == data["qr_made"] + data["qr_reused"]


def test_held_units_are_listed_with_their_main_reason(tmp_path):
    late = report_text(
        rows="| 1 | 党的建设 | 公车管理不规范 | 修订办法 | 立行立改 | 办公室 | 2025-05-31 | 推进中 | |\n"
    )
    result = run(project(tmp_path, edu=late), "build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "延后公示（1）" in result.output
    assert "市教育局党组" in result.output and "1 项整改事项逾期未完成（允许 0 项）" in result.output
    english = run(project(tmp_path, edu=late), "build", "--as-of", AS_OF, "--lang", "en")
    assert "Held (deferred) (1)" in english.output and "1 ledger item(s) overdue" in english.output


def test_lang_en_speaks_english_about_problems_and_the_summary(tmp_path):
    config = project(tmp_path, edu=report_text(Date="2025年2月30日"))
    result = run(config, "build", "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == EXIT_CONTENT
    assert "content/reports/2025-r1/edu.md:5: error:" in result.output
    assert "nothing was built" in result.output and "错误" not in result.output
    ok = run(project(tmp_path, edu=report_text()), "build", "--as-of", AS_OF, env={"GONGSHI_LANG": "en"})
    assert "Build summary" in ok.output and "Next batch would publish" in ok.output


def test_build_json_on_content_errors_is_still_json(tmp_path):
    result = run(project(tmp_path, edu=report_text(Review="待定")), "build", "--as-of", AS_OF, "--json")
    assert result.exit_code == EXIT_CONTENT
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["problems"][0]["path"] == "content/reports/2025-r1/edu.md"


def test_no_progress_bar_or_colour_when_not_on_a_terminal(tmp_path):
    result = run(project(tmp_path, edu=report_text()), "build", "--as-of", AS_OF)
    assert result.exit_code == 0 and "\x1b[" not in result.output and "━" not in result.output


# gongshi serve


@pytest.mark.slow
def test_serve_previews_rebuilds_on_save_and_never_touches_output_or_record(tmp_path):
    config = project(tmp_path, edu=report_text())
    record = tmp_path / "content/publication-record.jsonl"
    server = start_serve(config, AS_OF)
    lines: list[str] = []
    try:
        url = served_url(server, lines)
        page = url + "rounds/2025-r1/edu.html"
        assert "中共青岚市测试局党组" in get(page)  # shown as the next batch would publish it
        report = tmp_path / "content/reports/2025-r1/edu.md"
        report.write_text(report_text(Title="修改后的标题整改通报"), encoding="utf-8")
        assert eventually(lambda: "修改后的标题整改通报" in get(page)), "".join(lines)
        report.write_text(report_text(Date="not a date", Review_Date="also not"), encoding="utf-8")
        assert eventually(lambda: "有错误，预览页面改为显示这些错误" in "".join(lines))
        # an error page with every problem instead of a stale site that looks fixed
        status, shown = fetch(page)
        assert status == 503 and "修改后的标题整改通报" not in shown
        assert "edu.md:5" in shown and "edu.md:7" in shown and "预览生成失败" in shown
        report.write_text(report_text(Title="改好以后的标题整改通报"), encoding="utf-8")
        assert eventually(lambda: "改好以后的标题整改通报" in get(page)), "".join(lines)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    out = "".join(lines)
    assert "预览已停止" in out and "edu.md:5" in out
    assert out.index("http://") < out.index("已重新生成")  # the URL first, above the build's lines
    assert not (tmp_path / "output").exists() and not (tmp_path / "internal").exists()
    assert not record.exists()


@pytest.mark.slow
def test_serve_stops_on_sigint_even_when_started_with_it_ignored(tmp_path):
    """A script's background job (`gongshi serve &`, make under CI) inherits SIGINT ignored;
    the preview used to keep running through Ctrl-C and `kill -INT`."""
    config = project(tmp_path, edu=report_text())
    server = start_serve(config, AS_OF, sigint=signal.SIG_IGN)
    lines: list[str] = []
    try:
        served_url(server, lines)
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
    finally:
        server.kill()
    assert eventually(lambda: "预览已停止" in "".join(lines)), "".join(lines)


@pytest.mark.slow
def test_serve_rebuilds_once_per_edit_and_never_for_its_own_log(tmp_path):
    """`gongshi serve > serve.log` in the project folder: the log grows with every build, and used to
    start the next one, a rebuild about every half second with nothing edited."""
    config = project(tmp_path, edu=report_text())
    log = tmp_path / "serve.log"  # beside pelicanconf.py, as a shell redirect or nohup puts it
    with log.open("w", encoding="utf-8") as out:
        server = start_serve(config, AS_OF, stdout=out)

    def output():
        return log.read_text(encoding="utf-8")

    def builds():
        return output().count("已重新生成")

    try:
        assert eventually(lambda: "http://" in output()), output()
        url = output()[output().index("http://") :].split("（")[0].split()[0]
        page = url + "rounds/2025-r1/edu.html"
        (tmp_path / "notes.txt").write_text("会议记录", encoding="utf-8")  # saved beside the settings
        get(page)
        time.sleep(4)
        assert builds() == 1, output()  # the first build only
        report = tmp_path / "content/reports/2025-r1/edu.md"
        report.write_text(report_text(Title="只改了一次的标题整改通报"), encoding="utf-8")
        assert eventually(lambda: "只改了一次的标题整改通报" in get(page)), output()
        time.sleep(4)
        assert builds() == 2, output()  # one edit, one rebuild
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def test_the_build_reports_page_progress_up_to_the_total(tmp_path):
    from gongshi.build.runner import build

    calls = []
    result = build(
        project(tmp_path, edu=report_text()), as_of=dt.date(2025, 10, 1), progress=lambda *c: calls.append(c)
    )
    totals = {total for _, total in calls}
    assert len(totals) == 1 and calls[-1] == (totals.pop(),) * 2
    assert [done for done, _ in calls] == list(range(1, len(calls) + 1))
    assert len(calls) <= result.pages  # posters in the internal pack come on top


# a project from nothing, and skeletons with every header key

FILLED_HEADER = {
    "Date": "2027-05-20", "Review": "会审通过", "Review-Date": "2027-05-28",
    "Reviewers": "市纪委监委、市委组织部、市委巡察办", "Review-Note": "整改措施具体，同意公示。",
    "Feedback-Phone": "0000-86123456", "Feedback-Mailbox": "青岚市文昌路18号", "Feedback-Email": "xczg@qinglan.example",
    "Feedback-Until": "2027-06-30", "Rules-Made": "3", "Accountable": "1", "Funds-Recovered": "12.5",
}  # fmt: skip
FILLED_ROW = (
    "| 1 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |"
)


def fill_skeleton(text, drop=(), header=None):
    """What staff do with a skeleton: every 【待填写】 line replaced, optional `drop` keys deleted."""
    values = FILLED_HEADER | (header or {})
    lines = []
    for line in text.split("\n"):
        key = line.split(":", 1)[0]
        if key in drop:
            continue
        if "【待填写】" not in line:
            lines.append(line)
        elif key in values:
            lines.append(f"{key}: {values[key]}".rstrip())
        elif line.startswith("| 1 |"):
            lines.append(FILLED_ROW)
        else:
            lines.append("党组召开专题会议，逐项落实整改任务。")
    return "\n".join(lines)


@pytest.mark.slow
def test_a_new_project_folder_goes_from_new_round_to_a_clean_check(tmp_path):
    config = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    config = config.replace('THEME = "theme"', f'THEME = "{REPO / "theme"}"')
    config = config.replace('PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = ["{REPO / "plugins"}"]')
    config = config.replace('= "assets/', f'= "{REPO / "assets"}/')  # the demo's badges and share image
    (tmp_path / "pelicanconf.py").write_text(config, encoding="utf-8")  # the only file: no content/ yet

    def gongshi(*args):
        return subprocess.run(
            [sys.executable, "-m", "gongshi.cli", *args], cwd=tmp_path, capture_output=True, text=True,
            env=dict(os.environ, CI="1", GONGSHI_LANG="zh"), timeout=120,
        )  # fmt: skip

    made = gongshi("new", "round", "2027-r1", "--name", "十四届市委第三轮巡察", "--feedback-date", "2027-03-01",
                   "--report-due", "2027-06-01", "--unit", "edu=市教育局党组")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "content/rounds/2027-r1.toml").is_file()
    assert gongshi("new", "report", "--round", "2027-r1").returncode == 0
    report = tmp_path / "content/reports/2027-r1/edu.md"
    unfilled = gongshi("check", "--as-of", "2027-07-01", "--json")
    assert unfilled.returncode == EXIT_CONTENT
    assert {p["code"] for p in json.loads(unfilled.stdout)["problems"]} == {"report.placeholder"}
    report.write_text(fill_skeleton(report.read_text(encoding="utf-8")), encoding="utf-8")
    checked = gongshi("check", "--as-of", "2027-07-01")
    assert checked.returncode == 0, checked.stderr
    assert "检查通过：1 个轮次，1 份报告" in checked.stdout


def test_a_skeleton_has_every_header_key_and_the_optional_ones_may_be_filled_empty_or_deleted(tmp_path):
    from gongshi.content.reports import HEADER_KEYS

    config = project(tmp_path)
    assert run(config, "new", "report", "--round", "2025-r1", "--unit", "water").exit_code == 0
    path = tmp_path / "content/reports/2025-r1/water.md"
    skeleton = path.read_text(encoding="utf-8")
    head = [line.split(":", 1)[0] for line in skeleton.split("\n\n", 1)[0].split("\n")]
    assert head == [key.name for key in HEADER_KEYS.values()]
    optional = [key.name for key in HEADER_KEYS.values() if not key.required]
    assert set(optional) == {"Review-Note", "Rules-Made", "Accountable", "Funds-Recovered"}
    for name in optional:  # each says, on its own line, that it may be left empty or out
        line = next(line for line in skeleton.split("\n") if line.startswith(f"{name}: "))
        assert line.startswith(f"{name}: 【待填写】（选填") and "留空或删去这一行" in line, line
    header = {"Date": "2025-07-08", "Review-Date": "2025-07-28", "Feedback-Until": "2025-08-08"}
    for case in (
        {"header": header},
        {"header": header, "drop": optional},
        {"header": header | {"Review-Note": ""}, "drop": ("Rules-Made", "Accountable", "Funds-Recovered")},
        {"header": header | dict.fromkeys(optional, "")},  # every optional key left empty
    ):
        path.write_text(fill_skeleton(skeleton, **case), encoding="utf-8")
        result = run(config, "check", "--as-of", AS_OF, "--json")
        assert result.exit_code == 0, (case, result.output)
    content = load_content(tmp_path / "content", dt.date(2025, 10, 1))
    report = content.report("2025-r1", "water")
    assert report.review.note == "" and report.figures.funds_recovered is None


def test_a_preview_build_stopped_by_a_setting_says_it_as_the_other_commands_do(tmp_path, capsys):
    from gongshi.cli.serve import Preview

    config = project(tmp_path, edu=report_text())
    from gongshi.site.preview import PreviewMode

    preview = Preview(config, dt.date(2025, 10, 1), PreviewMode.PUBLISHED, lang="en")
    config.write_text(config.read_text(encoding="utf-8") + "\nGONGSHI_RULE_OVERDUE = 1\n", encoding="utf-8")
    assert preview.rebuild() is False
    said = capsys.readouterr().err
    assert "there are errors; the preview shows them instead of the site until they are corrected:" in said
    assert preview.error_page is not None and b"GONGSHI_RULE_OVERDUE" in preview.error_page
    assert "Configuration error: Unknown setting(s) in pelicanconf.py: GONGSHI_RULE_OVERDUE.\n" in said
    assert "    what to do: Check the spelling." in said and "不认识" not in said


@pytest.mark.slow
def test_commands_that_change_files_name_them_and_say_how_to_keep_them(tmp_path, monkeypatch):
    config = project(tmp_path, edu=report_text())
    monkeypatch.chdir(tmp_path)  # staff run commands in the portal's folder: paths as they type them
    batch = run(config, "build", "--batch", "--round", "2025-r1", "--as-of", AS_OF, "--lang", "en")
    assert batch.exit_code == 0, batch.output
    assert "These files changed; keep them:\n  content/publication-record.jsonl" in batch.output
    assert (
        "is the publication record" in batch.output
        and "git add content/publication-record.jsonl" in batch.output
    )
    assert "This batch covers these rounds only: 2025-r1." in batch.output
    withdrawn = run(
        config, "withdraw", "--round", "2025-r1", "--unit", "edu", "--reason", "报告有误", "--as-of", AS_OF
    )
    assert withdrawn.exit_code == 0, withdrawn.output
    assert "本次改动了这些文件，请保存好：\n  content/publication-record.jsonl" in withdrawn.output
    assert "复制一份" in withdrawn.output and "提交公示记录文件" not in withdrawn.output
    report = run(config, "new", "report", "--round", "2025-r1", "--unit", "water")
    assert "content/reports/2025-r1/water.md" in report.output.split("请保存好")[1]
    unknown = run(config, "build", "--batch", "--round", "2099-r1", "--as-of", AS_OF)
    assert unknown.exit_code == EXIT_USAGE and "2099-r1" in unknown.output
    (tmp_path / "content/reports/2025-r1/water.md").write_text(
        report_text(Unit="water", Unit_Name="市水务局党组"), encoding="utf-8"
    )
    scripted = run(config, "build", "--batch", "--round", "2025-r1", "--as-of", AS_OF, "--json")
    data = json.loads(scripted.stdout)
    assert data["rounds"] == ["2025-r1"] and data["changed_files"][0].endswith("publication-record.jsonl")


@pytest.mark.slow
def test_serve_round_shows_the_batch_of_that_round_only(tmp_path, capsys):
    from gongshi.cli.serve import Preview
    from gongshi.site.preview import PreviewMode

    rounds = {
        "2025-r1": round_text(units={"edu": "市教育局党组"}),
        "2025-r2": round_text("2025-r2", units={"water": "市水务局党组"}),
    }
    reports = {
        "2025-r1/edu.md": report_text(),
        "2025-r2/water.md": report_text(Round="2025-r2", Unit="water", Unit_Name="市水务局党组"),
    }
    config = make_project(tmp_path, rounds, reports)
    preview = Preview(config, dt.date(2025, 10, 1), PreviewMode.NEXT, "zh", frozenset({"2025-r2"}))
    assert preview.rebuild() is True
    assert (preview.output / "rounds/2025-r2/water.html").is_file()
    assert not (preview.output / "rounds/2025-r1").exists()
    assert "未显示：2025-r1/edu 市教育局党组（可以公示）它的轮次不在 --round 之列" in capsys.readouterr().out
    assert not (tmp_path / "content/publication-record.jsonl").exists()
