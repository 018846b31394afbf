"""The gongshi command as staff run it: messages, JSON and exit codes."""

import json
import re

import openpyxl
from click.testing import CliRunner
from factories import make_project, report_text, round_text, words

from gongshi.cli import EXIT_CONTENT, EXIT_USAGE, main

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def run(config, *args, **env):
    return CliRunner().invoke(main, [*args, "--config", str(config)], env=env or None)


def chinese_outside_quotes(output):
    """Chinese left in English output once "quoted values" and (glosses) are taken out."""
    return CJK.findall(re.sub(r"\([^()]*\)", "", re.sub(r'"[^"]*"', "", output)))


def project(tmp_path, edu=None):
    return make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": edu or report_text()})


def test_build_batch_prints_a_summary_and_the_record_grows(tmp_path):
    result = run(project(tmp_path), "build", "--as-of", "2025-10-01", "--batch")
    assert result.exit_code == 0, result.output
    assert (
        "已生成第1批公示" in result.output and "市交通运输局党组" in result.output and "用时" in result.output
    )
    assert (tmp_path / "content" / "publication-record.jsonl").is_file()


def test_preview_names_what_the_next_batch_would_publish(tmp_path):
    result = run(project(tmp_path), "build", "--as-of", "2025-10-01")
    assert result.exit_code == 0 and "预览：下一批（第1批）将公示 1 个单位" in result.output
    assert "下一批将公示（1）" in result.output and "市教育局党组" in result.output


def test_content_errors_exit_1_with_file_line_and_fix(tmp_path):
    config = project(tmp_path, edu=report_text(Date="2025年2月30日").replace("Review:", "Review："))
    result = run(config, "build", "--as-of", "2025-10-01")
    assert result.exit_code == EXIT_CONTENT
    assert "content/reports/2025-r1/edu.md:5" in result.output and "2025年2月30日" in result.output
    assert "content/reports/2025-r1/edu.md:6" in result.output and "英文冒号" in result.output
    assert not (tmp_path / "output").exists()


def test_check_json_lists_problems_for_ci(tmp_path):
    result = run(
        project(tmp_path, edu=report_text(Status="draft")), "check", "--as-of", "2025-10-01", "--json"
    )
    assert result.exit_code == EXIT_CONTENT
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["problems"][0]["code"] == "header.forbidden"
    assert data["problems"][0]["line"] == 13


def test_check_passes_clean_content(tmp_path):
    result = run(project(tmp_path), "check", "--as-of", "2025-10-01")
    assert result.exit_code == 0 and "检查通过" in result.output


def test_bad_setting_and_bad_option_exit_2(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {}, GONGSHI_RULE_COMPLETION_MIN="60")
    result = run(config, "build", "--as-of", "2025-10-01")
    assert result.exit_code == EXIT_USAGE and "GONGSHI_RULE_COMPLETION_MIN" in result.output
    assert run(config, "build", "--as-of", "2025/10/01").exit_code == EXIT_USAGE


def test_withdraw_removes_a_published_unit_and_says_why_publicly(tmp_path):
    config = project(tmp_path)
    assert run(config, "build", "--as-of", "2025-10-01", "--batch").exit_code == 0
    assert (tmp_path / "output/rounds/2025-r1/edu.html").exists()
    result = run(
        config,
        "withdraw",
        "--as-of",
        "2025-10-02",
        "--round",
        "2025-r1",
        "--unit",
        "edu",
        "--reason",
        "报告需更正",
    )
    assert result.exit_code == 0, result.output
    body = (tmp_path / "content/reports/2025-r1/edu.md").read_text(encoding="utf-8").split("\n\n", 1)[1]
    assert run(config, "build", "--as-of", "2025-10-02").exit_code == 0
    # the address on posters and in shared links stays, and says when and why, with no content
    page = words((tmp_path / "output/rounds/2025-r1/edu.html").read_text(encoding="utf-8"))
    assert (
        "整改情况报告已撤回公示" in page
        and "2025年10月2日 撤回公示" in page
        and "撤回原因：报告需更正" in page
    )
    assert body.splitlines()[0] not in page and "整改台账" not in page
    round_page = words((tmp_path / "output/rounds/2025-r1.html").read_text(encoding="utf-8"))
    assert "已撤回公示的报告" in round_page and "撤回，原因：报告需更正" in round_page
    assert "市教育局党组" in words((tmp_path / "output/units/edu.html").read_text(encoding="utf-8"))
    assert "rounds/2025-r1/edu.html" not in (tmp_path / "output/sitemap.xml").read_text(encoding="utf-8")
    data = (tmp_path / "output/data/items.csv").read_text(encoding="utf-8-sig")
    assert "edu" not in data.split("\n", 1)[1]  # the report's rows are gone from the open data
    assert "报告需更正" in (tmp_path / "output/batches.html").read_text(encoding="utf-8")
    again = run(config, "build", "--as-of", "2025-10-03", "--batch")
    assert "没有新的单位可以公示" in again.output  # not republished automatically


def test_withdrawing_an_unpublished_unit_is_refused(tmp_path):
    result = run(
        project(tmp_path),
        "withdraw",
        "--as-of",
        "2025-10-01",
        "--round",
        "2025-r1",
        "--unit",
        "edu",
        "--reason",
        "x",
    )
    assert result.exit_code == EXIT_USAGE
    assert "配置错误：轮次“2025-r1”单位“edu”没有公示，无需撤回。" in result.output
    english = run(
        project(tmp_path), "withdraw", "--round", "2025-r1", "--unit", "edu", "--reason", "x", "--lang", "en"
    )
    assert 'Round "2025-r1", unit "edu" is not published, so there is nothing to withdraw.' in english.output
    assert "what to do: Check the round and unit IDs" in english.output and not CJK.search(english.output)


def test_an_urgent_withdrawal_is_not_held_up_by_an_unrelated_report_that_does_not_validate(tmp_path):
    config = project(tmp_path)
    assert run(config, "build", "--as-of", "2025-10-01", "--batch").exit_code == 0
    record = tmp_path / "content/publication-record.jsonl"
    before = record.read_bytes()
    (tmp_path / "content/reports/2025-r1/water.md").write_text(
        report_text(Unit="water", Date="七月"), "utf-8"
    )
    args = ("withdraw", "--as-of", "2025-10-02", "--round", "2025-r1", "--unit", "edu", "--reason", "更正")
    assert run(config, *args).exit_code == 0
    assert record.read_bytes().startswith(before) and "更正" in record.read_text(encoding="utf-8")


def test_a_withdrawal_stopped_by_a_broken_record_says_the_record_is_unchanged(tmp_path):
    config = project(tmp_path)
    assert run(config, "build", "--as-of", "2025-10-01", "--batch").exit_code == 0
    record = tmp_path / "content/publication-record.jsonl"
    broken = record.read_text(encoding="utf-8").replace('"deferred":', '"deferred": 9, "x":', 1)
    record.write_text(broken, encoding="utf-8")
    args = ("withdraw", "--as-of", "2025-10-02", "--round", "2025-r1", "--unit", "edu", "--reason", "更正")
    zh = run(config, *args)
    assert zh.exit_code == EXIT_CONTENT and "未记录撤回；公示记录保持不变。" in zh.output
    assert "未生成网站" not in zh.output
    en = run(config, *args, "--lang", "en")
    assert "the withdrawal was not recorded and the publication record is unchanged." in en.output
    assert record.read_text(encoding="utf-8") == broken


def test_withdrawing_without_a_reason_is_refused_in_the_language_asked_for(tmp_path):
    config = project(tmp_path)
    assert run(config, "build", "--as-of", "2025-10-01", "--batch").exit_code == 0
    args = ("withdraw", "--as-of", "2025-10-02", "--round", "2025-r1", "--unit", "edu", "--reason", " ")
    zh = run(config, *args)
    assert zh.exit_code == EXIT_USAGE and "撤回公示必须写明原因。" in zh.output
    assert "未记录撤回" not in zh.output  # a configuration error, not content errors
    en = run(config, *args, "--lang", "en")
    assert "A withdrawal needs a reason." in en.output and not CJK.search(en.output)


def test_a_missing_broken_or_unplugged_config_is_said_in_the_language_asked_for(tmp_path):
    missing = run(tmp_path / "nowhere.py", "check", "--lang", "en")
    assert missing.exit_code == EXIT_USAGE
    assert f"Configuration error: Configuration file not found: {tmp_path / 'nowhere.py'}." in missing.output
    assert "what to do: Run gongshi in the project folder" in missing.output
    broken = project(tmp_path)
    broken.write_text(broken.read_text(encoding="utf-8") + "\nTHIS IS NOT PYTHON\n", encoding="utf-8")
    zh = run(broken, "check")
    assert zh.exit_code == EXIT_USAGE and f"配置错误：配置文件 {broken} 无法加载：" in zh.output
    en = run(broken, "check", "--lang", "en")
    assert f"The configuration file {broken} cannot be loaded: " in en.output
    unplugged = make_project(tmp_path / "b", {"2025-r1": round_text()}, {})
    unplugged.write_text(unplugged.read_text(encoding="utf-8") + "\nPLUGINS = []\n", encoding="utf-8")
    en = run(unplugged, "build", "--lang", "en")
    assert en.exit_code == EXIT_USAGE
    assert f'PLUGINS in {unplugged} does not include "gongshi_portal"' in en.output


def test_json_errors_follow_the_language_asked_for(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {}, GONGSHI_RULE_OVERDUE=1)
    zh = json.loads(run(config, "check", "--json").stdout)
    assert zh["ok"] is False and zh["exit_code"] == EXIT_USAGE
    assert zh["error"].startswith("pelicanconf.py 中有不认识的设置") and zh["hint"].startswith("检查拼写")
    en = json.loads(run(config, "check", "--json", "--lang", "en").stdout)
    assert en["error"] == "Unknown setting(s) in pelicanconf.py: GONGSHI_RULE_OVERDUE."
    assert [e["code"] for e in en["errors"]] == ["setting.unknown"] and en["problems"] == []
    bad = project(tmp_path / "b", edu=report_text(Review="待定"))
    content = json.loads(run(bad, "check", "--json", "--lang", "en").stdout)
    assert content["exit_code"] == EXIT_CONTENT and content["error"] == "1 content error(s) found."
    assert json.loads(run(bad, "check", "--json").stdout)["error"] == "发现 1 处内容错误。"


def test_an_altered_record_is_refused(tmp_path):
    config = project(tmp_path)
    run(config, "build", "--as-of", "2025-10-01", "--batch")
    path = tmp_path / "content" / "publication-record.jsonl"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"deferred":2', '"deferred":0'), encoding="utf-8"
    )
    result = run(config, "build", "--as-of", "2025-10-01")
    assert result.exit_code == EXIT_CONTENT and "publication-record.jsonl:1" in result.output


def test_a_truncated_record_is_refused(tmp_path):
    config = project(tmp_path)
    run(config, "build", "--as-of", "2025-10-01", "--batch")
    (tmp_path / "content" / "publication-record.jsonl").write_text("", encoding="utf-8")
    result = run(config, "build", "--as-of", "2025-10-01")
    assert result.exit_code == EXIT_CONTENT and "只能追加" in result.output


def test_verify_reports_added_missing_and_altered_files(tmp_path):
    config = project(tmp_path)
    run(config, "build", "--as-of", "2025-10-01", "--batch")
    out = tmp_path / "output"
    ok = CliRunner().invoke(main, ["verify", str(out)])
    assert ok.exit_code == 0 and "校验通过" in ok.output and "第1批" in ok.output
    (out / "index.html").write_text("defaced", encoding="utf-8")
    (out / "method.html").unlink()
    (out / "extra.html").write_text("x", encoding="utf-8")
    bad = CliRunner().invoke(main, ["verify", str(out)])
    assert bad.exit_code == EXIT_CONTENT
    assert (
        "多出的文件: extra.html" in bad.output
        and "缺少的文件: method.html" in bad.output
        and "被改动的文件: index.html" in bad.output
    )


def test_an_unreadable_record_is_a_content_error_not_a_traceback(tmp_path):
    config = project(tmp_path)
    (tmp_path / "content" / "publication-record.jsonl").write_bytes(b"\xff\xfe\x00garbage")
    result = run(config, "check", "--as-of", "2025-10-01")
    assert result.exit_code == EXIT_CONTENT and "publication-record.jsonl" in result.output


def test_build_says_whether_survey_links_are_signed(tmp_path, monkeypatch):
    config = project(tmp_path)
    monkeypatch.delenv("GONGSHI_SURVEY_KEY", raising=False)
    unsigned = run(config, "build", "--as-of", "2025-10-01")
    assert (
        unsigned.exit_code == 0 and "测评链接未签名：没有设置环境变量 GONGSHI_SURVEY_KEY" in unsigned.output
    )
    monkeypatch.setenv("GONGSHI_SURVEY_KEY", "a-key-that-stays-secret")
    signed = run(config, "build", "--as-of", "2025-10-01")
    assert "测评链接已签名" in signed.output and "a-key-that-stays-secret" not in signed.output


# --- configuration errors follow --lang ----------------------------------------------------------


def test_a_bad_setting_is_named_with_what_to_do_in_chinese_by_default_and_in_english(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {}, GONGSHI_RULE_COMPLETION_MIN="60")
    zh = run(config, "build", "--as-of", "2025-10-01")
    assert zh.exit_code == EXIT_USAGE
    assert (
        "配置错误：pelicanconf.py 中的 GONGSHI_RULE_COMPLETION_MIN = '60' 不对，应为：0–100 的百分数，或 None。"
        in zh.output
    )
    assert (
        "    怎么改：改正这个值；每项设置的说明见 docs/settings.md。" in zh.output
        and "expected" not in zh.output
    )
    en = run(config, "build", "--as-of", "2025-10-01", "--lang", "en")
    assert en.exit_code == EXIT_USAGE
    assert (
        "Configuration error: GONGSHI_RULE_COMPLETION_MIN = '60' in pelicanconf.py: "
        "expected a percentage 0–100, or None.\n    what to do: Hold a unit whose completion rate (%) is below this."
        in en.output
    )
    assert "See docs/settings.md." in en.output and not CJK.search(en.output)
    assert not (tmp_path / "output").exists()


def test_an_unknown_setting_follows_gongshi_lang_too(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {}, GONGSHI_RULE_OVERDUE=1)
    zh = run(config, "check", "--as-of", "2025-10-01")
    assert (
        zh.exit_code == EXIT_USAGE and "pelicanconf.py 中有不认识的设置：GONGSHI_RULE_OVERDUE。" in zh.output
    )
    en = run(config, "check", "--as-of", "2025-10-01", GONGSHI_LANG="en")
    assert en.exit_code == EXIT_USAGE
    assert "Configuration error: Unknown setting(s) in pelicanconf.py: GONGSHI_RULE_OVERDUE." in en.output
    assert "what to do: Check the spelling. Known: GONGSHI_CACHE_PATH, " in en.output and not CJK.search(
        en.output
    )


def test_a_refused_survey_link_template_names_the_setting_and_the_fix(tmp_path):
    config = make_project(
        tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()},
        GONGSHI_SURVEY_URL="http://myd.example.gov.cn/{round}/{unit}", GONGSHI_SURVEY_HOSTS=["myd.example.gov.cn"],
    )  # fmt: skip
    zh = run(config, "check", "--as-of", "2025-10-01")
    assert zh.exit_code == EXIT_USAGE
    assert (
        "配置错误：测评链接模板有误：\n  GONGSHI_SURVEY_URL：必须使用 https，而不是“http”；链接以 https:// 开头"
        in zh.output
    )
    assert "怎么改：改正后重新运行；链接模板的写法见 docs/surveys.md。" in zh.output
    en = run(config, "check", "--as-of", "2025-10-01", "--lang", "en")
    assert en.exit_code == EXIT_USAGE
    assert (
        "Configuration error: Survey link template(s) refused:\n"
        '  GONGSHI_SURVEY_URL: it must use https, not "http"; start the link with https://\n'
        "    what to do: Correct them and run again; docs/surveys.md shows how to write a link template."
    ) in en.output
    assert not CJK.search(en.output)


def test_import_ledger_in_english_names_each_bad_cell_and_what_to_do(tmp_path):
    config = project(tmp_path)
    book = openpyxl.Workbook()
    for row in (
        ["序号", "反馈问题", "整改措施", "整改类型", "责任单位", "完成时限", "整改情况", "完成日期"],
        [1, "公车管理不规范", "修订办法", "尽快整改", "办公室", "2025年6月", "推进中", None],
    ):
        book.active.append(row)
    book.save(tmp_path / "ledger.xlsx")
    args = ("import-ledger", str(tmp_path / "ledger.xlsx"), "--round", "2025-r1", "--unit", "edu")
    zh = run(config, *args)
    assert zh.exit_code == EXIT_CONTENT and "整改类型“尽快整改”无法识别。" in zh.output
    assert "完成时限：日期不完整：“2025年6月”" in zh.output and "发现 2 处错误，报告未改动。" in zh.output
    en = run(config, *args, "--lang", "en")
    assert en.exit_code == EXIT_CONTENT
    assert 'ledger.xlsx:2: error: "尽快整改" in the "整改类型" (type) column is not recognised.' in en.output
    assert '"完成时限" (deadline): the date "2025年6月" is incomplete.' in en.output
    assert '    what to do: Write one of "立行立改" (fixed at once), ' in en.output
    assert "2 error(s) found; the report was not changed." in en.output
    assert chinese_outside_quotes(en.output) == []


def test_verify_without_a_manifest_says_so_in_the_language_asked_for(tmp_path):
    zh = CliRunner().invoke(main, ["verify", str(tmp_path)])
    assert zh.exit_code == EXIT_USAGE and f"无法校验：无法读取清单 {tmp_path / 'manifest.json'}" in zh.output
    assert "怎么改：确认这是 gongshi build 生成的公开网站文件夹" in zh.output
    en = CliRunner().invoke(main, ["verify", str(tmp_path), "--lang", "en"])
    assert f"Cannot verify: No readable manifest at {tmp_path / 'manifest.json'}" in en.output
    assert not CJK.search(en.output)


def test_configuration_and_content_problems_are_reported_in_one_run_and_exit_2(tmp_path):
    """A wrong survey setting no longer hides the content's problems until it is fixed."""
    config = make_project(
        tmp_path, {"2025-r1": round_text(survey_start="2025-07-15", survey_end="2025-08-15")},
        {"2025-r1/edu.md": report_text(Date="2025年2月30日")},
        GONGSHI_SURVEY_URL="https://myd.example.gov.cn/s/{round}", GONGSHI_SURVEY_HOSTS=["myd.example.gov.cn"],
        GONGSHI_SURVEY_EXPORT="plain",
    )  # fmt: skip
    (tmp_path / "content/surveys").mkdir()
    (tmp_path / "content/surveys/2025-r1.csv").write_text(
        "单位编号,测评结果\nedu,非常满意\n", encoding="utf-8"
    )
    result = run(config, "check", "--as-of", "2025-10-01")
    assert result.exit_code == EXIT_USAGE
    assert "content/reports/2025-r1/edu.md:5: 错误" in result.output
    assert "content/surveys/2025-r1.csv:2: 错误: 不认识的测评结果“非常满意”" in result.output
    assert "配置错误：测评链接模板有误：\n  GONGSHI_SURVEY_URL：没有占位符 {unit}" in result.output
    assert "发现 3 处错误，检查未通过" in result.output and "未生成网站" not in result.output
    config.write_text(
        config.read_text(encoding="utf-8")
        + '\nGONGSHI_SURVEY_EXPORT = {"preset": "plain", "colour": "red"}\n',
        encoding="utf-8",
    )
    data = json.loads(run(config, "check", "--as-of", "2025-10-01", "--json", "--lang", "en").stdout)
    assert data["exit_code"] == EXIT_USAGE and [e["code"] for e in data["errors"]] == [
        "survey.links",
        "survey.export",
    ]
    assert data["errors"][1]["message"].startswith("GONGSHI_SURVEY_EXPORT refused:")
    assert [p["code"] for p in data["problems"]] == [
        "header.date"
    ]  # exports cannot be read without a mapping
    built = run(config, "build", "--as-of", "2025-10-01", "--lang", "en")
    assert built.exit_code == EXIT_USAGE and "content/reports/2025-r1/edu.md:5: error" in built.output
    assert "3 error(s) found; nothing was built" in built.output and not (tmp_path / "output").exists()


def test_only_a_build_that_broke_says_the_existing_site_is_unchanged(tmp_path, monkeypatch):
    from gongshi.build import prepare, runner
    from gongshi.problems.errors import BuildError

    def broken(*args, **kwargs):
        raise BuildError("disk full")

    config = project(tmp_path)
    monkeypatch.setattr(runner, "build", broken)
    built = run(config, "build", "--as-of", "2025-10-01")
    assert (
        built.exit_code == 3 and "构建失败：disk full" in built.output and "原有网站保持不变" in built.output
    )
    monkeypatch.setattr(prepare, "prepare", broken)
    checked = run(config, "check", "--as-of", "2025-10-01")
    assert checked.exit_code == 3 and "disk full" in checked.output and "原有网站" not in checked.output


def test_a_build_that_broke_says_once_that_the_existing_site_is_unchanged(tmp_path, monkeypatch):
    from gongshi.build import runner
    from gongshi.problems.errors import BuildError

    content_errors = run(
        project(tmp_path / "b", edu=report_text(Review="待定")), "build", "--as-of", "2025-10-01"
    )
    assert content_errors.exit_code == EXIT_CONTENT
    assert content_errors.output.count("原有网站保持不变") == 1 and "未生成网站" in content_errors.output
    config = project(tmp_path)
    for error, lang, sentence in [
        (BuildError.of("build.changed", path="content/reports/2025-r1/edu.md"), "zh", "原有网站保持不变"),
        (BuildError.of("build.pagefind", error="exit 1"), "en", "the existing site is unchanged"),
        (
            BuildError.of("build.pelican-log", problems="WARNING: x"),
            "zh",
            "原有网站保持不变",
        ),  # not in its hint
        (BuildError("disk full"), "en", "the existing site is unchanged"),  # no hint at all
    ]:

        def broken(*args, error=error, **kwargs):
            raise error

        monkeypatch.setattr(runner, "build", broken)
        built = run(config, "build", "--as-of", "2025-10-01", "--lang", lang)
        assert built.exit_code == 3 and built.output.lower().count(sentence) == 1, built.output


def test_a_plain_pelican_run_is_refused_and_writes_no_site(tmp_path):
    """`pelican -s pelicanconf.py` would skip validation, the gate and the record."""
    import subprocess
    import sys
    from pathlib import Path

    config = project(tmp_path)
    pelican = Path(sys.executable).with_name("pelican")
    for lang, said in (("zh", "不能直接用 pelican 生成"), ("en", "cannot be built with plain pelican")):
        done = subprocess.run(
            [str(pelican), "-s", str(config)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "GONGSHI_LANG": lang, "COLUMNS": "400"},
            timeout=120,
        )
        assert done.returncode == EXIT_USAGE, done.stdout + done.stderr
        assert said in " ".join((done.stdout + done.stderr).split()), done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "output").exists()


def test_a_wjx_export_mapped_wrongly_exits_1_naming_the_round_file_and_the_skips(tmp_path):
    """序号 taken as unique across 问卷星 questionnaires: most answers skipped is an error, not a 提示."""
    text = (
        round_text(survey_start="2025-07-15", survey_end="2025-08-15")
        + '\n[survey]\nexport = "wjx"\nglobal_ids = true\n'
    )
    config = make_project(tmp_path, {"2025-r1": text}, {"2025-r1/edu.md": report_text()})
    folder = tmp_path / "content" / "surveys" / "2025-r1"
    folder.mkdir(parents=True)
    for unit, name in (("edu", "市教育局党组"), ("water", "市水务局党组")):
        rows = "".join(f"{i},2025/07/20 10:00:00,{i * 10}秒,{unit},满意\n" for i in range(1, 9))
        (folder / f"wjx-{unit}.csv").write_bytes(
            (f"序号,提交答卷时间,所用时间,自定义字段,1、您对{name}的总体评价\n" + rows).encode("gb18030")
        )
    result = run(config, "check", "--as-of", "2025-10-01")
    assert result.exit_code == EXIT_CONTENT
    assert "content/surveys/2025-r1/wjx-water.csv" in result.output
    assert "单位“water”的 8 份答卷中跳过了 8 份，超过 20%" in result.output
    assert "跳过 8 行：同一问卷内重复的答卷编号：第 2 行（1）" in result.output
    fixed = text.replace("global_ids = true\n", "")
    (tmp_path / "content" / "rounds" / "2025-r1.toml").write_text(fixed, encoding="utf-8")
    assert run(config, "check", "--as-of", "2025-10-01").exit_code == 0


def test_check_warns_of_every_missing_government_footer_item_and_passes(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()},
                          GONGSHI_SITE_CODE=None, GONGSHI_GOV_BADGE=None)  # fmt: skip
    result = run(config, "check", "--as-of", "2025-10-01")
    assert result.exit_code == 0 and "检查通过" in result.output
    assert "GONGSHI_SITE_CODE" in result.output and "GONGSHI_GOV_BADGE" in result.output
    english = run(config, "check", "--as-of", "2025-10-01", "--json", GONGSHI_LANG="en")
    problem = json.loads(english.stdout)["problems"][0]
    assert problem["code"] == "site.gov-missing" and "GONGSHI_ICP" not in problem["message"]
    quiet = make_project(tmp_path / "not-gov", {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()},
                         GONGSHI_GOV_SITE=False, GONGSHI_SITE_CODE=None)  # fmt: skip
    assert "site.gov-missing" not in run(quiet, "check", "--as-of", "2025-10-01", "--json").stdout


def test_build_fragments_writes_one_per_public_report_into_the_internal_pack(tmp_path):
    result = run(project(tmp_path), "build", "--as-of", "2025-10-01", "--batch", "--fragments")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "internal" / "fragments" / "2025-r1").iterdir()] == ["edu.html"]
    assert not list((tmp_path / "output").rglob("fragments"))
    without = run(project(tmp_path / "plain"), "build", "--as-of", "2025-10-01", "--batch")
    assert without.exit_code == 0 and not (tmp_path / "plain" / "internal" / "fragments").exists()
