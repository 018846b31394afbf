"""Word reports made in the test suite the way offices make them: typed outline numbering in Normal
paragraphs, a centred title over one or two lines, the feedback paragraph, a right-aligned 落款, and
tables with merged cells; plus the hostile files an import must refuse."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT

TITLE = ("中共青岚市测试局党组", "关于十四届市委第一轮巡察整改进展情况的通报")
FEEDBACK = (
    "欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请在2025年8月8日前通过以下方式反映："
    "联系电话：0000-86123456；通信地址：青岚市文昌路18号市教育局巡察整改工作领导小组办公室（邮编000000）；"
    "电子邮箱：test_xczg@qinglan.example。"
)
BODY = (
    "根据市委统一部署，2025年2月17日至3月28日，市委第一巡察组对市教育局党组开展了常规巡察。现将巡察整改进展情况予以公布。",
    "一、提高政治站位，压紧压实整改责任",
    "（一）强化组织领导。局党组召开专题会议，成立整改工作领导小组。",
    "（二）细化整改方案",
    "对照反馈问题逐条制定整改措施。",
    "二、巡察反馈问题整改落实情况",
    "截至目前，巡察反馈问题3个，已完成整改2个，整改完成率66.67%。共建立健全制度4项，问责2人，挽回经济损失12.5万元。",
    "1．关于公车管理问题。修订公务用车管理办法。",
    "（1）开展专项检查。",
    "三、下一步工作打算",
    "持续巩固整改成果。",
    FEEDBACK,
)
SIGNATURE = ("中共青岚市测试局党组", "2025年7月8日")
LEDGER_HEADER = ("序号", "方面", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "整改情况", "")
LEDGER_SUBHEADER = ("", "", "", "", "", "", "", "进展", "完成时间")
LEDGER = (
    ("一、党的建设方面（2个）",),
    ("1", "党的建设", "公车管理不规范", "修订公务用车管理办法", "立行立改", "办公室", "2025年5月31日", "已完成", "2025年5月20日"),
    ("2", "党的建设", "机关食堂经费使用不规范", "开展专项审计", "限期整改", "财务科", "2025年9月30日", "已完成", "2025年9月15日"),
    ("二、选人用人方面（1个）",),
    ("3", "选人用人", "干部档案审核不严", "建立常态化审核机制", "长期坚持", "组织人事科", "长期", "推进中", ""),
)  # fmt: skip


def ledger_table(document, rows=LEDGER, two_row_header: bool = True) -> None:
    """The 整改台账 as offices lay it out: 整改情况 merged over 进展 | 完成时间, section rows merged
    across, 方面 merged down its items."""
    header = (
        [LEDGER_HEADER, LEDGER_SUBHEADER] if two_row_header else [(*LEDGER_HEADER[:7], "状态", "完成时间")]
    )
    table = document.add_table(rows=len(header) + len(rows), cols=len(LEDGER_HEADER))
    for r, values in enumerate([*header, *rows]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    if two_row_header:
        table.cell(0, 7).merge(table.cell(0, 8)).text = "整改情况"
        for c in range(7):
            text = LEDGER_HEADER[c]
            table.cell(0, c).merge(table.cell(1, c)).text = text
    first = len(header)
    for r, values in enumerate(rows, start=first):
        if len(values) == 1:
            table.cell(r, 0).merge(table.cell(r, len(LEDGER_HEADER) - 1)).text = values[0]
    if rows == LEDGER:  # 方面 of items 1 and 2 merged down
        table.cell(first + 1, 1).merge(table.cell(first + 2, 1)).text = "党的建设"


def make_docx(
    path: Path,
    title: Sequence[str] = TITLE,
    body: Sequence[str] = BODY,
    signature: Sequence[str] = SIGNATURE,
    ledger: bool = True,
    other_table: bool = False,
    two_row_header: bool = True,
    ledger_rows=LEDGER,
) -> Path:
    document = docx.Document()
    for line in title:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("")
    for text in body:
        document.add_paragraph(text)
    if other_table:
        table = document.add_table(rows=2, cols=2)
        for r, values in enumerate((("会议", "次数"), ("专题会议", "3"))):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    document.add_paragraph("")
    for line in signature:
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if ledger:
        document.add_paragraph("附件")
        document.add_paragraph("市测试局巡察整改台账").alignment = WD_ALIGN_PARAGRAPH.CENTER
        ledger_table(document, ledger_rows, two_row_header)
    document.save(str(path))
    return path


# --- hostile files ---------------------------------------------------------------------------


def with_part(path: Path, name: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "a", compression=compress) as archive:
        archive.writestr(name, data)
    return path


def with_macro(path: Path) -> Path:
    """A .docx carrying a VBA project, as a .docm renamed does."""
    return with_part(make_docx(path), "word/vbaProject.bin", b"\x01" * 512)


def with_html_chunk(path: Path) -> Path:
    """A .docx carrying an altChunk of HTML, which Word renders and which can hold script."""
    return with_part(make_docx(path), "word/afchunk1.htm", b"<html><script>alert(1)</script></html>")


def with_external_image(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("关于巡察整改进展情况的通报")
    document.add_paragraph("正文。")
    document.part.relate_to("http://tracker.example/pixel.png", RT.IMAGE, is_external=True)
    document.save(str(path))
    return path


def zip_bomb(path: Path) -> Path:
    return with_part(make_docx(path), "word/media/image1.png", bytes(8 * 1024 * 1024))


def encrypted(path: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE compound file."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return path


def corrupt(path: Path) -> Path:
    data = make_docx(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def broken_xml(path: Path) -> Path:
    """A zip with the right parts whose document.xml is not XML."""
    source = make_docx(path.with_name("source.docx"))
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = b"<w:document" if info.filename == "word/document.xml" else old.read(info)
            new.writestr(info, data)
    return path
