"""Narrative rendering: dates and phone numbers stay whole; nothing else gets a class through."""

import pytest

from gongshi.site.markup import render_narrative


@pytest.mark.parametrize(
    "text",
    ["2025年8月7日", "2025年12月", "8月7日", "2025-06-30", "2025.6.30", "0000-86123488", "0532-8612345-801",
     "400-123-4567", "13800138000", "138 0013 8000", "+86 138-0013-8000"],
)  # fmt: skip
def test_dates_and_phone_numbers_are_kept_on_one_line(text):
    html = render_narrative(f"请在截止前反映：{text}。")
    assert f'<span class="nw">{text}</span>' in html


@pytest.mark.parametrize(
    "text",
    ["金额12345678元", "编号20250630", "86123488", "第2025-1号文", "`2025年8月7日`"],
)
def test_amounts_bare_numbers_and_code_are_left_alone(text):
    assert 'class="nw"' not in render_narrative(f"说明：{text}。")


def test_a_date_inside_a_link_stays_inside_the_link():
    html = render_narrative("[2025年8月7日的通知](https://example.gov.cn/a)")
    assert (
        html.startswith('<p><a href="https://example.gov.cn/a"')
        and '<span class="nw">2025年8月7日</span>的通知</a>' in html
    )


def test_a_report_cannot_put_any_other_class_on_its_markup():
    html = render_narrative(
        '<span class="tag done">已完成</span><span class="nw">x</span><p class="nw">y</p>'
    )
    assert '<span>已完成</span><span class="nw">x</span>' in html and "<p>y</p>" in html
