"""Narrative pasted from a 公文 renders as the document it was; Markdown renders as before."""

from __future__ import annotations

from factories import REPO

from gongshi.content.gongwen import pasted_badly
from gongshi.content.reports import parse_report
from gongshi.problems.errors import ProblemLog
from gongshi.site.markup import render_narrative

PASTED = """根据市委统一部署，现将巡察整改进展情况予以公布。
一、提高政治站位
局党组召开专题会议。
成立整改工作领导小组。
（一）细化整改方案
对照反馈问题逐条制定整改措施。
1. 列表仍是列表
2. 第二项

中共青岚市测试局党组
2025年7月8日
"""


def test_each_pasted_line_is_a_paragraph_and_typed_headings_are_headings():
    html = render_narrative(PASTED)
    assert "<p>局党组召开专题会议。</p>\n<p>成立整改工作领导小组。</p>" in html  # not joined into one
    assert '<h2 id="sec-1">一、提高政治站位</h2>' in html and "<h3>（一）细化整改方案</h3>" in html
    assert "<ol>\n<li>列表仍是列表</li>" in html


def test_the_closing_issuer_and_date_are_a_signature_block():
    html = render_narrative(PASTED)
    assert html.rstrip().endswith(
        '<p class="signature">中共青岚市测试局党组<br>\n<span class="nw">2025年7月8日</span></p>'
    )
    assert html.count("signature") == 1


def test_a_date_inside_the_text_is_no_signature():
    html = render_narrative("整改工作将于下列日期前完成：\n\n2025年12月31日\n")
    assert "signature" not in html


def test_english_lines_and_markdown_are_left_as_they_were():
    assert render_narrative("line one\nline two\n") == "<p>line one\nline two</p>"
    assert render_narrative("## 一、标题\n\n正文。\n") == '<h2 id="sec-1">一、标题</h2>\n<p>正文。</p>'


def test_the_signature_class_is_the_only_class_a_paragraph_may_carry():
    assert 'class="x"' not in render_narrative('<p class="x">正文</p>\n')


def test_every_demo_narrative_reads_without_a_pasting_warning():
    for path in sorted((REPO / "content" / "reports").glob("*/*.md")):
        log = ProblemLog(str(path), [])
        parse_report(path.read_text(encoding="utf-8"), log)
        assert [p for p in log.problems if p.code == "report.pasted"] == [], path


def test_check_names_a_heading_run_on_or_inline():
    assert pasted_badly("已完成整改。二、下一步工作打算 持续巩固成果") == (
        "run-on",
        "二、下一步工作打算 持续巩固成果",
    )
    assert pasted_badly("一、提高政治站位。局党组召开专题会议，研究部署整改工作。") == (
        "inline",
        "一、提高政治站位。",
    )
    assert (
        pasted_badly("（一）强化组织领导。巡察反馈后召开会议。") is None
    )  # a run-in 二级 heading is 公文 style
    assert (
        pasted_badly("## 一、提高政治站位") is None
        and pasted_badly("分三个方面：一、学习；二、整改。") is None
    )
