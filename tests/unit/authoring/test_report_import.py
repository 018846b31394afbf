"""import-report: a Word report in 公文 layout becomes the report file, field by field."""

from __future__ import annotations

from pathlib import Path

import pytest
import wordfactory as wf
from docx.enum.text import WD_ALIGN_PARAGRAPH

from gongshi.authoring.report_import import WordStatus, import_report
from gongshi.authoring.scaffold import PLACEHOLDER
from gongshi.content import gongwen
from gongshi.content.model import UnitRef
from gongshi.content.reports import parse_report
from gongshi.problems.errors import ProblemLog

EDU = UnitRef("edu", "市教育局党组")
SAMPLE = Path("/work/shared/samples/word/城东街道党工委关于巡察整改进展情况的通报（会审稿）.docx")


def run(source: Path, tmp_path: Path, replace: bool = False):
    report = tmp_path / "content" / "reports" / "2025-r1" / "edu.md"
    result = import_report(source, report, "2025-r1", EDU, replace, frozenset())
    return result, report


def header(text: str) -> dict[str, str]:
    head = text.split("\n\n", 1)[0]
    return dict(line.split(": ", 1) if ": " in line else (line.rstrip(":"), "") for line in head.split("\n"))


def codes(result, errors: bool | None = None) -> list[str]:
    return [p.code for p in result.problems if errors is None or p.is_error == errors]


def test_the_header_is_read_field_by_field(tmp_path):
    result, report = run(wf.make_docx(tmp_path / "r.docx"), tmp_path)
    assert result.status is WordStatus.WRITTEN and result.items == 3
    fields = header(report.read_text(encoding="utf-8"))
    assert fields == {
        "Title": "中共青岚市测试局党组关于十四届市委第一轮巡察整改进展情况的通报",  # two lines, one title
        "Round": "2025-r1",
        "Unit": "edu",
        "Unit-Name": "市教育局党组",
        "Date": "2025-07-08",  # the 落款's date
        "Review": PLACEHOLDER,
        "Review-Date": PLACEHOLDER,
        "Reviewers": PLACEHOLDER,
        "Review-Note": fields["Review-Note"],
        "Feedback-Phone": "0000-86123456",
        "Feedback-Mailbox": "青岚市文昌路18号市教育局巡察整改工作领导小组办公室（邮编000000）",
        "Feedback-Email": "test_xczg@qinglan.example",
        "Feedback-Until": "2025-08-08",
        "Rules-Made": "4",
        "Accountable": "2",
        "Funds-Recovered": "12.5",
    }
    assert fields["Review-Note"].startswith(PLACEHOLDER)


def test_the_typed_outline_becomes_headings_and_the_body_paragraphs(tmp_path):
    _, report = run(wf.make_docx(tmp_path / "r.docx"), tmp_path)
    body = report.read_text(encoding="utf-8").split("\n\n", 1)[1]
    blocks = body.split("\n\n")
    assert blocks[0].startswith("根据市委统一部署")
    assert "## 一、提高政治站位，压紧压实整改责任" in blocks
    assert "### （一）强化组织领导。" in blocks  # the heading sentence run inline is split off
    assert "局党组召开专题会议，成立整改工作领导小组。" in blocks
    assert "### （二）细化整改方案" in blocks
    assert "#### 1．关于公车管理问题。" in blocks
    assert "（1）开展专项检查。" in blocks  # level 4 stays a paragraph
    # the 落款 closes the narrative, one line each, before the ledger
    ledger = blocks.index("## 整改台账")
    assert blocks[ledger - 2 : ledger] == ["中共青岚市测试局党组", "2025年7月8日"]
    assert "附件" not in blocks and "市测试局巡察整改台账" not in blocks


def test_the_ledger_table_with_merged_cells_is_the_ledger(tmp_path):
    result, report = run(wf.make_docx(tmp_path / "r.docx", other_table=True), tmp_path)
    text = report.read_text(encoding="utf-8")
    filled = text.replace(f"Review: {PLACEHOLDER}", "Review: 会审通过")
    parsed = parse_report(_filled(filled), ProblemLog("x", []))
    assert parsed is not None
    assert [(i.number, i.area, i.kind.value, i.status.value) for i in parsed.ledger] == [
        (1, "党的建设", "立行立改", "已完成"),  # 方面 merged down two rows
        (2, "党的建设", "限期整改", "已完成"),
        (3, "选人用人", "长期坚持", "推进中"),  # the section row's 方面, not its title and count
    ]
    assert parsed.ledger[0].completed_on.isoformat() == "2025-05-20"  # 完成时间 under the merged 整改情况
    unplaced = next(p for p in result.problems if p.code == "word.unplaced")
    assert "表格 1：会议 次数" in unplaced.message  # the table that is not a ledger is named


def _filled(text: str) -> str:
    """The review fields staff fill in after the import."""
    lines = []
    for line in text.split("\n"):
        key = line.split(":", 1)[0]
        values = {"Review": "会审通过", "Review-Date": "2025-07-28", "Reviewers": "市纪委监委、市委巡察办"}
        if key == "Review-Note":
            continue
        lines.append(f"{key}: {values[key]}" if key in values and PLACEHOLDER in line else line)
    return "\n".join(lines)


def test_a_document_without_a_ledger_leaves_the_ledger_to_fill(tmp_path):
    result, report = run(wf.make_docx(tmp_path / "r.docx", ledger=False), tmp_path)
    assert result.status is WordStatus.WRITTEN and result.items == 0
    assert "word.no-ledger" in codes(result, errors=False)
    assert report.read_text(encoding="utf-8").rstrip().endswith(f"| 1 | {PLACEHOLDER} |" + " |" * 7)


def test_a_single_line_title_and_no_figures(tmp_path):
    body = [line for line in wf.BODY if "制度" not in line]
    source = wf.make_docx(
        tmp_path / "r.docx", title=["中共青岚市测试局党组关于巡察整改情况的通报"], body=body
    )
    _, report = run(source, tmp_path)
    fields = header(report.read_text(encoding="utf-8"))
    assert fields["Title"] == "中共青岚市测试局党组关于巡察整改情况的通报"
    # figures the report does not state are left out (empty), not guessed and not to be filled
    assert (fields["Rules-Made"], fields["Accountable"], fields["Funds-Recovered"]) == ("", "", "")


def test_what_the_document_does_not_say_is_left_to_fill_and_named(tmp_path):
    body = [line for line in wf.BODY if line != wf.FEEDBACK] + ["联系电话：0000-86123456。"]
    source = wf.make_docx(tmp_path / "r.docx", body=body, signature=["中共青岚市测试局党组"], ledger=False)
    result, report = run(source, tmp_path)
    fields = header(report.read_text(encoding="utf-8"))
    assert fields["Date"] == PLACEHOLDER and fields["Feedback-Email"] == PLACEHOLDER
    assert {"word.no-signature", "word.no-contacts"} <= set(codes(result, errors=False))


def test_two_different_values_of_a_figure_are_not_guessed(tmp_path):
    body = [*wf.BODY[:-1], "另建立制度2项。", wf.FEEDBACK]
    result, report = run(wf.make_docx(tmp_path / "r.docx", body=body), tmp_path)
    assert header(report.read_text(encoding="utf-8"))["Rules-Made"].startswith(PLACEHOLDER)
    assert "word.figures-unsure" in codes(result)


SAMPLE_LEDGERS = Path("/work/shared/samples/ledgers")


@pytest.mark.parametrize("name", ["civil-affairs-民政局台账.xls", "audit-市审计局党组巡察整改台账.xlsx"])
def test_a_ledger_workbook_given_as_the_report_says_to_use_import_ledger(tmp_path, name):
    """Staff pick the wrong file: an office's ledger workbook (here the shared samples), or one renamed .docx."""
    for source in (SAMPLE_LEDGERS / name, tmp_path / "renamed.docx"):
        if source.suffix == ".docx":
            if name.endswith(".xls"):
                continue  # an .xls renamed .docx is an OLE file: said as a protected or old file
            source.write_bytes((SAMPLE_LEDGERS / name).read_bytes())
        result, report = run(source, tmp_path)
        assert codes(result, errors=True) == ["word.spreadsheet"] and not report.exists()
        assert "import-ledger" in result.problems[0].hint


def test_an_existing_report_and_a_wrong_file_are_both_said(tmp_path):
    report = tmp_path / "content" / "reports" / "2025-r1" / "edu.md"
    report.parent.mkdir(parents=True)
    report.write_text("staff edits", encoding="utf-8")
    result, _ = run(SAMPLE_LEDGERS / "civil-affairs-民政局台账.xls", tmp_path)
    assert codes(result, errors=True) == ["word.spreadsheet", "word.report-exists"]
    assert report.read_text(encoding="utf-8") == "staff edits"


def test_an_existing_report_is_kept_unless_replace(tmp_path):
    source = wf.make_docx(tmp_path / "r.docx")
    _, report = run(source, tmp_path)
    report.write_text("staff edits", encoding="utf-8")
    result, _ = run(source, tmp_path)
    assert codes(result, errors=True) == ["word.report-exists"]
    assert report.read_text(encoding="utf-8") == "staff edits"
    result, _ = run(source, tmp_path, replace=True)
    assert result.status is WordStatus.WRITTEN and "staff edits" not in report.read_text(encoding="utf-8")


def test_personal_data_in_the_document_is_named(tmp_path):
    body = [*wf.BODY[:-1], "联系人张某，手机13912345678。", wf.FEEDBACK]
    result, report = run(wf.make_docx(tmp_path / "r.docx", body=body), tmp_path)
    privacy = [p for p in result.problems if p.code == "privacy"]
    assert privacy and privacy[0].path == str(report) and "13912345678" in privacy[0].message


def test_text_that_looks_like_markup_is_written_as_text(tmp_path):
    body = ["<script>alert(1)</script>现将情况通报如下。", "- 不是列表", *wf.BODY[1:]]
    _, report = run(wf.make_docx(tmp_path / "r.docx", body=body), tmp_path)
    text = report.read_text(encoding="utf-8")
    assert "\\<script\\>alert(1)\\</script\\>" in text and "\n\\- 不是列表\n" in text


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (wf.with_macro, "word.active-content"),
        (wf.with_html_chunk, "word.active-content"),
        (wf.with_external_image, "word.external"),
        (wf.zip_bomb, "word.too-large"),
        (wf.encrypted, "word.encrypted"),
        (wf.corrupt, "word.corrupt"),
        (wf.broken_xml, "word.corrupt-part"),
    ],
)
def test_hostile_documents_are_refused_and_nothing_is_written(tmp_path, make, code):
    result, report = run(make(tmp_path / "hostile.docx"), tmp_path)
    assert result.status is WordStatus.FAILED and codes(result, errors=True) == [code]
    assert not report.exists()


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_formats_are_asked_to_be_saved_as_docx(tmp_path, suffix):
    source = tmp_path / f"通报{suffix}"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result, report = run(source, tmp_path)
    assert codes(result, errors=True) == ["word.old-format"] and ".docx" in result.problems[0].hint
    assert not report.exists()


@pytest.mark.skipif(not SAMPLE.is_file(), reason="the shared sample is not on this machine")
def test_the_sample_imports(tmp_path):
    result, report = run(SAMPLE, tmp_path)
    assert result.status is WordStatus.WRITTEN
    fields = header(report.read_text(encoding="utf-8"))
    assert fields["Title"] == "中共青岚市城东街道工作委员会关于十四届市委第三轮巡察整改进展情况的通报"
    assert (fields["Date"], fields["Feedback-Until"], fields["Feedback-Phone"]) == (
        "2027-06-08",
        "2027-07-31",
        "0000-86551234",
    )
    assert (fields["Rules-Made"], fields["Funds-Recovered"]) == ("5", "4.6")
    # its attached table has no 类型 column: named, the ledger left to fill; 进展 is read as the status
    assert "word.ledger-unread" in codes(result)
    missing = [p.message for p in result.problems if p.code == "import.missing-column"]
    assert len(missing) == 1 and "“类型”" in missing[0] and "“进展”" in missing[0]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、加强领导", 1),
        ("（二）细化方案。", 2),
        ("(三)整改", 2),
        ("1．关于公车", 3),
        ("2. 关于", 3),
        ("（1）检查", 4),
    ],
)
def test_outline_levels_are_read_from_the_typed_numbering(line, level):
    found = gongwen.heading(line)
    assert found is not None and found.level == level


@pytest.mark.parametrize("line", ["1.5万元已追回。", "2025年7月8日", "一是加强领导", "（注：略）"])
def test_text_that_only_starts_with_a_number_is_no_heading(line):
    assert gongwen.heading(line) is None


def test_dates_in_chinese_numerals_close_a_document():
    assert gongwen.date_line("二〇二五年七月十八日").isoformat() == "2025-07-18"
    assert gongwen.signature_start(["正文。", "中共青岚市测试局党组", "２０２５年７月８日"]) == 1


def test_a_centred_title_over_two_lines_is_kept_whole(tmp_path):
    import docx

    document = docx.Document()
    for line in ("中共青岚市测试局党组", "关于巡察整改工作的"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("进展情况的通报").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in wf.BODY:
        document.add_paragraph(line)
    document.save(str(tmp_path / "r.docx"))
    _, report = run(tmp_path / "r.docx", tmp_path)
    assert (
        header(report.read_text(encoding="utf-8"))["Title"]
        == "中共青岚市测试局党组关于巡察整改工作的进展情况的通报"
    )


def test_a_heading_style_without_typed_numbering_is_a_heading(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("中共青岚市测试局党组关于巡察整改进展情况的通报")
    document.add_paragraph("现将情况通报如下。")
    document.add_heading("整改工作开展情况", level=1)
    document.add_paragraph("召开专题会议。")
    document.save(str(tmp_path / "r.docx"))
    _, report = run(tmp_path / "r.docx", tmp_path)
    blocks = report.read_text(encoding="utf-8").split("\n\n")
    assert "## 整改工作开展情况" in blocks and "召开专题会议。" in blocks
