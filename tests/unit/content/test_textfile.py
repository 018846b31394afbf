"""Reading CSV text as offices save it: UTF-8, GB18030, and a file that mixes them."""

from __future__ import annotations

import pytest

from gongshi.content.textfile import csv_text, decode_csv, mixed_encoding_line, sniff_delimiter
from gongshi.problems.errors import ProblemLog

UTF8_ROWS = "单位编号,测评结果\nedu,满意\nedu,基本满意\n"


def test_a_row_pasted_from_a_gbk_file_into_a_utf8_one_is_named_by_its_line():
    data = UTF8_ROWS.encode("utf-8") + "edu,不满意\n".encode("gbk") + "edu,满意\n".encode()
    assert mixed_encoding_line(data) == 4
    problems = []
    assert csv_text(data, ProblemLog("content/surveys/2025-r1.csv", problems), "survey") is None
    assert [(p.line, p.code) for p in problems] == [(4, "survey.encoding")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_a_whole_file_in_one_encoding_reads_as_written(encoding):
    data = (UTF8_ROWS + "edu,不满意\n").encode(encoding)
    assert mixed_encoding_line(data) is None
    assert decode_csv(data) == UTF8_ROWS + "edu,不满意\n"


@pytest.mark.parametrize(
    "text, delimiter",
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("标题，说明\na,b\n", ","),
    ],
)
def test_the_delimiter_is_the_one_the_first_lines_hold_most_of(text, delimiter):
    assert sniff_delimiter(text) == delimiter
