"""Fuzz: any report text gives either a site or clear content errors, never a traceback."""

import datetime as dt

import pytest
from factories import make_project, report_text, round_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongshi.build.runner import build
from gongshi.problems.errors import ContentError

pytestmark = pytest.mark.slow  # whole builds, several each: left out of the fast loop

VALID = report_text()
LINES = VALID.split("\n")
noise = st.text(
    alphabet=st.sampled_from(
        list("|:：-#\\ \t\n0123456789年月日已完成推进中长期立行限期<>&\"'\x00\ufeffabcXYZ")
    ),
    max_size=40,
)


@st.composite
def mangled_reports(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "splice"]))
        at = draw(st.integers(0, len(lines) - 1))
        if action == "insert":
            lines.insert(at, draw(noise))
        elif action == "delete" and len(lines) > 1:
            del lines[at]
        elif action == "replace":
            lines[at] = draw(noise)
        elif action == "duplicate":
            lines.insert(at, lines[at])
        else:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(noise) + lines[at][cut:]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mangled_reports(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_mangled_reports_give_a_site_or_clear_errors(tmp_path_factory, text, encoding):
    root = tmp_path_factory.mktemp("fuzz")
    config = make_project(root, {"2025-r1": round_text()}, {})
    path = root / "content/reports/2025-r1/edu.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode(encoding, errors="replace"))
    try:
        result = build(config, as_of=dt.date(2025, 10, 1), batch=True)
    except ContentError as error:
        assert error.problems and all(p.path and p.message and p.code for p in error.problems)
        assert any(p.is_error for p in error.problems)
    else:
        assert (root / "output" / "index.html").is_file()
        assert result.prepared.content.report("2025-r1", "edu") is not None
