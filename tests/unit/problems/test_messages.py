"""Every content problem and configuration error in Chinese and in English: the catalog, the call sites,
real problems rendered."""

from __future__ import annotations

import ast
import csv
import dataclasses
import datetime as dt
import json
import re
import string
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

import openpyxl
import pytest
from factories import DEFAULT_ROWS, LEDGER_HEADER, make_project, report_text, round_text

from gongshi.authoring import ledger_import as ledgerimport
from gongshi.authoring.ledger_import import import_ledger, read_ledger
from gongshi.authoring.scaffold import RoundDraft, check_round_draft
from gongshi.build.folders import check_output_folders
from gongshi.build.manifest import verify
from gongshi.build.pelican_adapter import load_settings
from gongshi.build.prepare import prepare
from gongshi.build.runner import build, revise, withdraw
from gongshi.config.settings import SETTINGS, resolve
from gongshi.content.dates import DateError, today
from gongshi.content.figures import Mismatch, describe
from gongshi.content.ledger import COLUMNS
from gongshi.content.loader import load_content
from gongshi.content.model import ReviewOutcome, Round, RoundType, Status, SurveyWindow, UnitRef
from gongshi.content.placeholders import find_placeholders
from gongshi.content.reports import HEADER_KEYS, parse_report
from gongshi.content.rounds import ROUND_KEYS, parse_round
from gongshi.content.textfile import UTF8_BOM, decode_text, read_text
from gongshi.problems.errors import BuildError, ConfigError, ContentError, GongshiError, Problem, ProblemLog
from gongshi.problems.messages import (
    CATALOG,
    DATE_ERRORS,
    DEFAULT_LANGUAGE,
    ERRORS,
    EXPORT_PROBLEMS,
    LANGUAGES,
    LINK_PROBLEMS,
    TERMS,
    Message,
    Phrase,
    Term,
)
from gongshi.rules import gate
from gongshi.rules.publication import check_record_against_content
from gongshi.rules.record import PublishedUnit, Record, append_batch, dumps, parse_record
from gongshi.surveys.exports import SKIP_REASONS, export_mapping, load_exports
from gongshi.surveys.links import signature, survey_links

PACKAGE = Path(__file__).resolve().parents[3] / "generator" / "gongshi"
DERIVED = {"date_error", "date_hint", "shown", "figures"}  # fields the entries' derive functions fill in
CODE = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$")
CJK = re.compile(
    r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
)  # punctuation, ideographs, full-width


def entries() -> list[tuple[str, Message]]:
    """Every message in the catalog, as ("code" or "code:case", message)."""
    found: list[tuple[str, Message]] = []
    for code, entry in CATALOG.items():
        if isinstance(entry, dict):
            found += [(f"{code}:{case}", message) for case, message in entry.items()]
        else:
            found.append((code, entry))
    return found


def entry_key(problem: Problem) -> str:
    assert problem.args is not None, f"{problem.code}: text given directly, not from the catalog"
    return f"{problem.code}:{problem.args['case']}" if "case" in problem.args else problem.code


def chinese_left(text: str, values: tuple[str, ...] = ()) -> list[str]:
    """CJK characters outside the given values, "quoted literals" and (glosses)."""
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, "")
    return CJK.findall(re.sub(r"\([^()]*\)", "", re.sub(r'"[^"]*"', "", text)))


def values_of(args: object) -> tuple[str, ...]:
    """The values a problem was given, as text; a Term is translated, so it is not one of them."""
    if isinstance(args, dict):
        return tuple(v for value in args.values() for v in values_of(value))
    if isinstance(args, list | tuple):
        return tuple(v for item in args for v in values_of(item))
    return () if isinstance(args, Term) else (str(args),)


def fields(*templates: str) -> set[str]:
    return {name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name}


ALL_MESSAGES = (
    entries()
    + [(f"date:{reason}", message) for reason, message in DATE_ERRORS.items()]
    + [(f"error:{code}", message) for code, message in ERRORS.items()]
    + [(f"link:{code}", message) for code, message in LINK_PROBLEMS.items()]
    + [(f"export:{code}", message) for code, message in EXPORT_PROBLEMS.items()]
)


# --- the catalog ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "message"), ALL_MESSAGES, ids=[key for key, _ in ALL_MESSAGES])
def test_every_entry_has_a_message_and_a_hint_in_every_language(key, message):
    for lang in LANGUAGES:
        text, hint = getattr(message, lang)
        assert text.strip() and hint.strip(), lang


@pytest.mark.parametrize(("key", "message"), ALL_MESSAGES, ids=[key for key, _ in ALL_MESSAGES])
def test_english_has_chinese_only_in_quoted_literals_and_glosses_and_says_as_much(key, message):
    assert not chinese_left(" ".join(message.en))
    assert fields(*message.zh) - DERIVED <= fields(*message.en)


def test_every_term_has_plain_english():
    assert all(english.strip() and not CJK.search(english) for english in TERMS.values())


@pytest.mark.parametrize(
    "word",
    [key.label for key in HEADER_KEYS.values()] + list(ROUND_KEYS.values())
    + [header for headers in COLUMNS.values() for header in headers] + list(Status) + list(ReviewOutcome),
)  # fmt: skip
def test_every_label_column_header_and_status_has_an_english_term(word):
    assert word in TERMS


def test_every_survey_skip_reason_has_an_entry():
    assert {f"survey.skip.{r}" for r in SKIP_REASONS} == {c for c in CATALOG if c.startswith("survey.skip.")}


# --- the call sites ------------------------------------------------------------------------------


class Site(NamedTuple):
    """One place in the source that makes a problem, or a configuration error (ConfigError.of)."""

    module: str
    line: int
    code: str  # for f"survey.skip.{reason}", the part before the first field
    prefix: bool
    keywords: set[str] | None  # None when some are passed as **values
    case: str | None
    text_given: bool  # log.error(line, code, message, hint)
    error: bool  # SomeError.of(code, ...): the code is in ERRORS, not CATALOG

    @property
    def catalog(self) -> dict[str, Message] | dict[str, Message | dict[str, Message]]:
        return ERRORS if self.error else CATALOG

    @property
    def codes(self) -> list[str]:
        return [c for c in self.catalog if c.startswith(self.code)] if self.prefix else [self.code]


def _site(module: str, node: ast.Call) -> Site | None:
    for index, arg in enumerate(node.args):
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.match(arg.value):
            code, prefix = arg.value, False
        elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
            code, prefix = str(arg.values[0].value), True
        else:
            continue
        keywords = {k.arg for k in node.keywords}
        cases = [
            k.value.value for k in node.keywords if k.arg == "case" and isinstance(k.value, ast.Constant)
        ]
        case = str(cases[0]) if cases else None
        given = len(node.args) > index + 1
        owner = getattr(node.func, "value", None)
        error = isinstance(owner, ast.Name) and owner.id.endswith("Error")
        return Site(
            module, node.lineno, code, prefix, None if None in keywords else keywords, case, given, error
        )
    return None


def call_sites() -> list[Site]:
    """Every call of log.error / log.warning / fail / Problem.of / ConfigError.of that names a code."""
    sites = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                site = (
                    _site(path.name, node) if name in ("error", "warning", "fail", "of", "Problem") else None
                )
                sites += [site] if site else []
    return sites


SITES = call_sites()


def site_id(site: Site) -> str:
    return f"{site.module}:{site.line}"


def test_the_scan_finds_the_call_sites():
    modules = {s.module for s in SITES}
    assert len(SITES) > 100
    assert {"textfile.py", "reports.py", "ledger.py", "exports.py", "ledger_import.py"} <= modules
    assert {s.module for s in SITES if s.error} >= {"settings.py", "links.py"}


@pytest.mark.parametrize("site", SITES, ids=site_id)
def test_every_code_in_the_source_is_in_the_catalog(site):
    assert site.codes and all(code in site.catalog for code in site.codes)


@pytest.mark.parametrize(
    "site", [s for s in SITES if s.keywords is not None and not s.text_given], ids=site_id
)
def test_call_sites_pass_every_field_the_templates_use(site):
    for code in site.codes:
        entry = site.catalog[code]
        if isinstance(entry, dict):
            assert site.case in entry, f"{code}: pass case= one of {sorted(entry)}"
            entry = entry[site.case]
        missing = fields(*entry.zh, *entry.en) - DERIVED - site.keywords
        assert not missing, code


def test_no_call_site_passes_message_text():
    assert [site_id(s) for s in SITES if s.text_given] == [], "use the catalog's code and values"


# --- real problems, from bad input ---------------------------------------------------------------

AS_OF = dt.date(2025, 10, 1)
WINDOW = SurveyWindow(dt.date(2025, 7, 15), dt.date(2025, 8, 15))
EDU = UnitRef("edu", "市教育局党组")
ROUND = Round(
    "2025-r1", "第一轮", RoundType.REGULAR, dt.date(2025, 4, 10), dt.date(2025, 7, 10),
    (EDU, UnitRef("water", "市水务局党组")), "content/rounds/2025-r1.toml", None, WINDOW,
)  # fmt: skip
PUBLISHED = [
    PublishedUnit("2025-r1", u, n) for u, n in (("edu", EDU.name), ("water", "市水务局党组"), ("x", "某"))
]
BAD_COLUMNS = "| 序号 | 序号 | 颜色 | 反馈问题 | 整改措施 | 类型 | 责任部门 | 整改时限 | 完成时间 |\n|---|---|---|---|---|---|---|---|---|\n"  # fmt: skip
SAMPLES: dict[str, tuple[Callable[[Path], list[Problem]], set[str]]] = {}


def sample(*keys: str):
    """Register a function making problems from bad input, with the catalog entries they must include."""

    def register(make: Callable[[Path], list[Problem]]) -> Callable[[Path], list[Problem]]:
        SAMPLES[make.__name__] = (make, set(keys))
        return make

    return register


def logged(parse, *args) -> list[Problem]:
    log = ProblemLog("content/x", [])
    parse(*args, log)
    return log.problems


def round_file(text: str, stem: str = "2025-r1") -> list[Problem]:
    log = ProblemLog("content/rounds/x.toml", [])
    parse_round(text, stem, log)
    return log.problems


def tree(tmp: Path, reports=(), rounds=None, files=(), as_of=AS_OF) -> list[Problem]:
    for name, text in [*({"rounds/2025-r1.toml": round_text()} if rounds is None else rounds).items(), *reports, *files]:  # fmt: skip
        path = tmp / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp / "content" / "rounds").mkdir(parents=True, exist_ok=True)
    return load_content(tmp / "content", as_of).problems


def export(tmp: Path, data: str | bytes, mapping="plain", key=None, name="2025-r1.csv", round_=ROUND):
    path = tmp / "content" / "surveys" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    host = "myd.example.gov.cn"
    links = survey_links(f"https://{host}/s/{{round}}/{{unit}}", {}, [host], "sig", key, ["2025-r1"])
    problems: list[Problem] = []
    load_exports(
        tmp / "content" / "surveys", tmp, {"2025-r1": round_}, export_mapping(mapping), links, problems
    )
    return problems


def row(
    kind="立行立改", deadline="2025-05-31", status="已完成", done="2025-05-20", number="1", problem="问题"
):
    return f"| {number} | 方面 | {problem} | 措施 | {kind} | 办公室 | {deadline} | {status} | {done} |\n"


def without_ledger(text: str) -> str:
    return text.split("## 整改台账")[0]


def answers(unit: str, answer: str, count: int) -> str:
    return "单位编号,测评结果\n" + f"{unit},{answer}\n" * count


@sample(
    "file.unreadable", "file.empty", "file.binary", "file.bom", "file.gbk", "file.encoding", "file.crlf",
    "file.control",
)  # fmt: skip
def files(tmp: Path) -> list[Problem]:
    datas = [
        b"  ",
        b"a\x00b",
        UTF8_BOM + b"x",
        "中文内容".encode("gb18030"),
        b"\xff\xfe\xfa",
        b"a\r\nb",
        b"a\x0bb",
    ]
    return logged(read_text, tmp) + [
        p for data in datas for p in logged(decode_text, data)
    ]  # tmp is a folder


@sample("content.missing", "content.no-rounds")
def content_tree(tmp: Path) -> list[Problem]:
    return load_content(tmp / "nowhere", AS_OF).problems + load_content(tmp, AS_OF).problems


@sample("content.ignored:round", "content.ignored:report", "round.revisits-unknown", "report.duplicate")
def content_files(tmp: Path) -> list[Problem]:
    rounds = {
        "rounds/2025-r1.toml": round_text(),
        "rounds/2025-r2.toml": round_text("2025-r2", revisits='"2024-r9"'),
    }
    reports = [("reports/2025-r1/edu.md", report_text()), ("reports/2025-r1/edu-copy.md", report_text())]
    return tree(tmp, reports, rounds, files=[("rounds/notes.txt", "x"), ("reports/notes.txt", "x")])


@sample("privacy")
def personal_data(tmp: Path) -> list[Problem]:
    body = "身份证号11010519491231002X，电话 13812345678，卡号 6222 0212 3456 7894。\n"
    return tree(tmp, [("reports/a.md", report_text(body=body))])


@sample(
    "report.round", "report.unit-not-in-round", "report.unit-name", "report.future", "ledger.completed-future",
    "report.review-before-report", "report.before-feedback", "ledger.deadline-before-feedback", "report.path",
)  # fmt: skip
def report_against_round(tmp: Path) -> list[Problem]:
    late = row(deadline="2024-09-30", status="推进中", done="")
    return [
        *tree(tmp / "a", [("reports/a.md", report_text(Round="2099-r9"))]),
        *tree(tmp / "b", [("reports/a.md", report_text())], rounds={}),
        *tree(tmp / "c", [("reports/a.md", report_text(Unit="hospital"))]),
        *tree(tmp / "d", [("reports/a.md", report_text(Unit="water"))]),
        *tree(tmp / "e", [("reports/a.md", report_text())], as_of=dt.date(2025, 7, 9)),
        *tree(tmp / "f", [("reports/a.md", report_text(Date="2025-04-01", Review_Date="2025-03-01"))]),
        *tree(tmp / "g", [("reports/a.md", report_text(rows=late))]),
    ]


@sample("file.outside")
def linked_out(tmp: Path) -> list[Problem]:
    outside = tmp.parent / f"{tmp.name}-outside.md"
    outside.write_text("secret\n", encoding="utf-8")
    (tmp / "content/reports/2025-r1").mkdir(parents=True)
    (tmp / "content/rounds").mkdir(parents=True)
    (tmp / "content/rounds/2025-r1.toml").write_text(round_text(), encoding="utf-8")
    (tmp / "content/reports/2025-r1/edu.md").symlink_to(outside)
    return load_content(tmp / "content", AS_OF).problems


@sample(
    "header.fullwidth-colon", "header.missing", "header.line", "header.forbidden", "header.unknown:suggest",
    "header.unknown:none", "header.duplicate", "header.required", "header.id", "header.review", "header.number",
    "header.amount", "header.date",
)  # fmt: skip
def header(tmp: Path) -> list[Problem]:
    stray = "这一行不是头部\nStatus: draft\nReviewer: x\nColour: red\nRound: x\nReviewers:"
    texts = [
        report_text().replace("Review: 会审通过", "Review：会审通过"),
        "# 标题\n\n正文\n",
        report_text().replace("Reviewers:", stray),
        report_text(Title=None, Round="2025_R1", Review="通过", Rules_Made="三", Funds_Recovered="12万"),
        report_text(Date="2025/7/8", Review_Date="2025-02-30", Feedback_Until="2025-08"),
        report_text(Date="七月八日"),
    ]
    return [p for text in texts for p in logged(parse_report, text)]


@sample(
    "ledger.missing", "ledger.duplicate", "ledger.heading-level", "ledger.stray-text", "ledger.no-table",
    "ledger.empty", "ledger.cells", "ledger.unknown-column", "ledger.duplicate-column", "ledger.missing-column",
)  # fmt: skip
def ledger_section(tmp: Path) -> list[Problem]:
    texts = [
        without_ledger(report_text()),
        report_text() + "\n## 整改台账\n\n" + LEDGER_HEADER + DEFAULT_ROWS,
        report_text().replace("## 整改台账", "### 整改台账") + "说明文字\n",
        without_ledger(report_text()) + "## 整改台账\n\n| 序号 |\n",
        report_text(rows=""),
        report_text(rows="| 1 | 方面 | 问题 |\n"),
        without_ledger(report_text()) + "## 整改台账\n\n" + BAD_COLUMNS + DEFAULT_ROWS,
    ]
    return [p for text in texts for p in logged(parse_report, text)]


@sample(
    "ledger.blank", "ledger.kind", "ledger.status", "ledger.number", "ledger.deadline-missing", "ledger.deadline",
    "ledger.completed", "ledger.completed-not-done", "ledger.completed-missing",
)  # fmt: skip
def ledger_rows(tmp: Path) -> list[Problem]:
    rows = [
        row(problem=""), row(kind="马上改"), row(status="完成了"), row(number="一"), row(deadline=""),
        row(deadline="2025/5/31"), row(done="2025年5月"), row(status="推进中"), row(done=""),
        row(deadline="2025-02-30"), row(deadline="七月底"),
    ]  # fmt: skip
    return logged(parse_report, report_text(rows="".join(rows)))


EXTENDED_HEADER = (
    "| 序号 | 反馈问题 | 整改措施 | 类型 | 责任部门 | 整改时限 | 延期至 | 状态 | 完成时间 |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
)


@sample("ledger.extension", "ledger.extension-order:before", "ledger.extension-order:no-deadline")
def ledger_extensions(tmp: Path) -> list[Problem]:
    rows = [
        "| 1 | 问题 | 措施 | 限期整改 | 办公室 | 2025-09-30 | 2026年6月 | 申请延期 | |\n",
        "| 2 | 问题 | 措施 | 限期整改 | 办公室 | 2025-09-30 | 2025-08-31 | 申请延期 | |\n",
        "| 3 | 问题 | 措施 | 长期坚持 | 办公室 | 长期 | 2026-06-30 | 推进中 | |\n",
    ]
    text = report_text(rows="").split("| 序号")[0] + EXTENDED_HEADER + "".join(rows)
    return logged(parse_report, text)


@sample("import.extension", "import.extension-order:before", "import.extension-order:no-deadline")
def ledger_extensions_imported(tmp: Path) -> list[Problem]:
    rows = [
        sheet_row(1, status="申请延期至明年"), sheet_row(2, status="申请延期至2025年8月31日"),
        sheet_row(3, kind="长期坚持", deadline="长期", status="申请延期至2026年6月30日"),
    ]  # fmt: skip
    return imported(sheet_file(tmp / "extended.csv", [SHEET_HEADER, *rows]))


@sample(
    "round.syntax", "round.missing-key", "round.unknown-key", "round.id-file", "round.id", "round.type",
    "round.due-before-feedback", "round.revisits", "round.type-error", "round.date", "round.survey-window:one-date",
    "round.survey-window:end-before-start", "round.survey-window:before-feedback", "round.units",
    "round.unit-entry:keys", "round.unit-entry:values", "round.unit-id", "round.duplicate-unit",
)  # fmt: skip
def round_files(tmp: Path) -> list[Problem]:
    texts = [
        "id = ", 'id = "2025-r1"\n', round_text(extra='"x"'),
        round_text(type='"巡视"', report_due="2025-04-01", revisits="3", name="3"),
        round_text(feedback_date='"2025-04-10"'),
        round_text(survey_start="2025-07-15"),
        round_text(survey_start="2025-08-15", survey_end="2025-07-15"),
        round_text(survey_start="2025-03-01", survey_end="2025-04-30"),
        round_text().split("[[units]]")[0] + "units = []\n",
        round_text() + '\n[[units]]\nid = "x"\nname = "某单位"\nlevel = 1\n',
        round_text() + '\n[[units]]\nid = "y"\nname = ""\n',
        round_text(units={"EDU": "市教育局党组"}),
        round_text() + '\n[[units]]\nid = "edu"\nname = "重复"\n',
    ]  # fmt: skip
    misnamed = round_file(round_text(), "2025-r2") + round_file(round_text("2025_R1"), "2025_R1")
    return misnamed + [p for text in texts for p in round_file(text)]


@sample(
    "record.syntax:json", "record.syntax:not-object", "record.syntax:unknown-type", "record.altered",
    "record.chain", "record.number", "record.date",
)  # fmt: skip
def record(tmp: Path) -> list[Problem]:
    older_second = append_batch(append_batch(Record(), dt.date(2025, 9, 1), PUBLISHED[:1], 1), dt.date(2025, 8, 1), PUBLISHED[1:2], 0)  # fmt: skip
    lines = dumps(older_second).splitlines()
    first = json.loads(lines[0]) | {"deferred": 5}
    texts = [
        "not json", "[1]", '{"date": "2025-01-01", "type": "x"}',
        "\n".join([json.dumps(first, ensure_ascii=False), *lines[1:]]),  # changed: altered
        lines[1],  # the first entry gone: chain and number
        "\n".join(lines),  # dates out of order
    ]  # fmt: skip
    return [p for text in texts for p in logged(parse_record, text)]


@sample("record.unit-gone", "record.report-gone", "record.report-unapproved", "record.as-of")
def published(tmp: Path) -> list[Problem]:
    """Three published units: one gone from the round, one without a report, one no longer approved."""
    record = append_batch(Record(), dt.date(2025, 12, 1), PUBLISHED, 0)
    tree(tmp, [("reports/2025-r1/edu.md", report_text(Review="退回重报"))])
    content = load_content(tmp / "content", AS_OF)
    settings = SimpleNamespace(record_label="content/publication-record.jsonl")
    return check_record_against_content(content, record, settings, AS_OF)


@sample(
    "archive.altered",
    "archive.missing",
    "archive.unreadable",
    "report.edited:progress",
    "report.edited:revision",
    "report.edited-batch",
)
def published_versions(tmp: Path) -> list[Problem]:
    """Published reports edited since (progress, and more), and an archive tampered with."""
    from gongshi.build.runner import check

    reports = {
        "2025-r1/edu.md": report_text(),
        "2025-r1/water.md": report_text(Unit="water", Unit_Name="市水务局党组"),
    }
    config = make_project(tmp / "p", {"2025-r1": round_text()}, reports)
    build(config, as_of=AS_OF, batch=True)
    folder = tmp / "p" / "content" / "reports" / "2025-r1"
    (folder / "edu.md").write_text(
        report_text(rows=DEFAULT_ROWS.replace("| 推进中 | |", "| 已完成 | 2025-10-01 |")), encoding="utf-8"
    )
    (folder / "water.md").write_text(
        report_text(body="改写了正文。\n", Unit="water", Unit_Name="市水务局党组"), encoding="utf-8"
    )
    problems = list(check(config, AS_OF).warnings)
    try:
        build(config, as_of=AS_OF, batch=True)
    except ContentError as error:
        problems += error.problems
    hotline = "13912345678"  # let through when published, no longer after (tests/site/test_versions.py)
    reports = {"2025-r1/edu.md": report_text(body=f"电话 {hotline}。\n")}
    allowed = make_project(tmp / "q", {"2025-r1": round_text()}, reports, GONGSHI_PRIVACY_ALLOW=[hotline])
    build(allowed, as_of=AS_OF, batch=True)
    settings_text = allowed.read_text(encoding="utf-8")
    allowed.write_text(settings_text.replace(f"GONGSHI_PRIVACY_ALLOW = ['{hotline}']", ""), encoding="utf-8")
    (tmp / "q" / "content" / "reports" / "2025-r1" / "edu.md").write_text(report_text(), encoding="utf-8")
    try:
        check(allowed, AS_OF)
    except ContentError as error:
        problems += error.problems
    archived = sorted((tmp / "p" / "content" / "published" / "2025-r1").rglob("*.md"))
    archived[0].write_text("篡改\n", encoding="utf-8")
    archived[1].unlink()
    try:
        check(config, AS_OF)
    except ContentError as error:
        problems += error.problems
    return problems


@sample(
    "record.signature", "record.unsigned", "record.signed-without-key", "record.public-key", "record.head",
    "record.behind-site", "verify.archive",
)  # fmt: skip
def signed_record(tmp: Path) -> list[Problem]:
    """A record signed with the office's key: forged, unsigned, keyless; a site and a record that part."""
    from gongshi.build.manifest import verify
    from gongshi.build.prepare import load_public_key
    from gongshi.rules.signing import new_key, read_public_key, signer_from_pem

    pem, public_text = new_key()
    signer, public = signer_from_pem(pem), read_public_key(public_text)
    signed = append_batch(Record(), dt.date(2025, 8, 1), PUBLISHED, 0).signed(signer)
    other = signer_from_pem(new_key()[0])
    appended = append_batch(signed, dt.date(2025, 9, 1), PUBLISHED, 0)
    problems = [
        *logged(lambda text, log: parse_record(text, log, public), dumps(appended)),
        *logged(lambda text, log: parse_record(text, log, public), dumps(appended.signed(other))),
        *logged(parse_record, dumps(signed)),  # no public key
    ]
    (tmp / "content").mkdir()
    (tmp / "content" / "record-key.pub").write_text("not a key\n", encoding="utf-8")
    load_public_key(SimpleNamespace(content_path=tmp / "content"), problems)
    site = tmp / "site"
    (site / "record").mkdir(parents=True)
    unsigned = append_batch(Record(), dt.date(2025, 8, 1), PUBLISHED, 0)
    (site / "record" / "publication-record.jsonl").write_text(dumps(unsigned), encoding="utf-8")
    (site / "manifest.json").write_text('{"files": {}, "record_head": "0000"}', encoding="utf-8")
    (site / "record" / "archive" / "2025-r1").mkdir(parents=True)
    (site / "record" / "archive" / "2025-r1" / f"edu.{'0' * 64}.md").write_text("篡改\n", encoding="utf-8")
    problems += verify(site).record
    config = make_project(tmp / "p", {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    build(config, as_of=AS_OF, batch=True)
    (tmp / "p" / "content" / "publication-record.jsonl").write_text("", encoding="utf-8")
    (tmp / "p" / "internal" / "publication-record.jsonl").unlink()
    try:
        build(config, as_of=AS_OF)
    except ContentError as error:
        problems += error.problems
    return problems


@sample(
    "survey.ignored", "survey.round", "survey.no-window", "survey.empty", "survey.binary", "survey.encoding",
    "survey.csv", "survey.columns",
)  # fmt: skip
def survey_files(tmp: Path) -> list[Problem]:
    limit = csv.field_size_limit(100)  # process-wide: put back at once (see test_survey)
    try:
        too_long = export(tmp / "g", "单位编号,测评结果\nedu," + "x" * 110 + "\n")
    finally:
        csv.field_size_limit(limit)
    return [
        *too_long,
        *export(tmp / "a", "x", name="notes.txt"),
        *export(tmp / "b", "x", name="2024-r9.csv"),
        *export(tmp / "c", answers("edu", "满意", 1), round_=dataclasses.replace(ROUND, survey=None)),
        *export(tmp / "d", b""),
        *export(tmp / "e", b"a\x00b"),
        *export(tmp / "f", b"\xff\xff\xff"),
        *export(tmp / "h", "编号,评价,a,b,c,d,e,f,g,h,i,j,k\nedu,满意\n"),
    ]


@sample(
    "survey.unknown-answer", "survey.skip-share", "survey.same-export", "survey.file-unit", "survey.multi-answer",
    *(f"survey.skip.{reason}" for reason in SKIP_REASONS),
)  # fmt: skip
def survey_rows(tmp: Path) -> list[Problem]:
    formbricks = (
        "Response ID,Timestamp,round,unit,sig,总体满意度\nr1,2025-07-20 10:00,2025-r1,edu,,满意\n"
        "r1,2025-07-20 10:00,2025-r1,edu,,满意\nr4,2025-09-01 12:00,2025-r1,edu,,满意\n"
        "r5,2025-07-21 12:00,2026-r2,edu,,满意\n"
    )
    forged = signature(b"k", "2025-r1", "water")
    signed = {"preset": "plain", "unit": "unit", "answer": "answer", "signature": "sig"}
    return [
        *export(tmp / "a", answers("edu", "很满意", 10) + "water,非常满意\n"),
        *export(tmp / "b", answers("nosuch", "满意", 10) + "edu,\n"),
        *export(tmp / "c", formbricks, "formbricks"),
        *export(tmp / "d", f"unit,sig,answer\nedu,,满意\nedu,{forged},满意\n", signed, key="k"),
        *export(tmp / "e", "单位编号,测评结果\n,满意\nedu,满意┋基本满意\n"),
        *export(tmp / "f", "序号,自定义字段,1、您对市教育局党组的总体评价\n1,water,满意\n", "wjx"),
        *export(tmp / "g", "单位编号,测评结果\nedu,满意\n", name="2025-r1/a.csv"),
        *export(tmp / "g", "单位编号,测评结果\nedu,满意\n", name="2025-r1/b.csv"),
        *export(tmp / "h", "序号,1、总体评价\n1,满意\n", {"preset": "wjx", "files": {"*.csv": "nosuch"}}),
    ]


@sample(
    "survey.workbook", "survey.round-export", "survey.round-table", "survey.round-links:table",
    "survey.round-links:unit", "survey.round-links:url",
)  # fmt: skip
def survey_settings(tmp: Path) -> list[Problem]:
    from gongshi.surveys.mapping import round_mappings, unit_links

    problems = export(tmp / "a", b"PK\x03\x04 not a workbook", name="2025-r1.xlsx")
    bad = dataclasses.replace(ROUND, survey_export={"export": "nosuch"})
    round_mappings({"2025-r1": bad}, "plain", export_mapping("plain"), problems)
    for links in ("https://x", {"nosuch": "https://x", "edu": 3}):
        unit_links({"2025-r1": dataclasses.replace(ROUND, survey_export={"links": links})}, problems)
    return problems + round_file(round_text().replace('name = "', 'survey = "wjx"\nname = "', 1))


@sample("survey.link-too-long")
def survey_link_too_long(tmp: Path) -> list[Problem]:
    from gongshi.surveys.links import survey_links
    from gongshi.surveys.qr import check_links_fit

    template = "https://myd.example.gov.cn/s/{unit}?from=" + "x" * 2400
    links = survey_links(template, {}, ["myd.example.gov.cn"], "sig", None, [ROUND.id], {})
    problems: list[Problem] = []
    check_links_fit([ROUND], links, "M", problems)
    return problems


@sample("new.round-id", "new.no-units", "new.unit-id", "new.unit-duplicate", "report.placeholder")
def new_round(tmp: Path) -> list[Problem]:
    def draft(rid: str, *units: UnitRef) -> RoundDraft:
        return RoundDraft(rid, "第一轮", RoundType.REGULAR, dt.date(2025, 4, 10), dt.date(2025, 7, 10), units)

    return [
        *check_round_draft(draft("2025_R1", EDU), "new round"),
        *check_round_draft(draft("2025-r1"), "new round"),
        *check_round_draft(
            draft("2025-r1", UnitRef("EDU", "某"), UnitRef("a", "甲"), UnitRef("a", "乙")), "new"
        ),
        *logged(find_placeholders, "Title: 【待填写】\n"),
    ]


SHEET_HEADER = ["序号", "方面", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态", "完成时间"]


def sheet_row(number: object = 1, problem="公车管理不规范", measures="修订办法", kind="限期整改",
              responsible="办公室", deadline="2025-09-30", status="推进中", done="") -> list[object]:  # fmt: skip
    return [number, "党的建设", problem, measures, kind, responsible, deadline, status, done]


def xlsx(
    path: Path, rows: list[list[object]], hidden=(), others: dict[str, list[list[object]]] | None = None
) -> Path:
    """A workbook whose active sheet holds `rows`; `others`: more sheets by name."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "台账"
    for row in rows:
        workbook.active.append(row)
    for number in hidden:
        workbook.active.row_dimensions[number].hidden = True
    for name, other in (others or {}).items():
        sheet = workbook.create_sheet(name)
        for row in other:
            sheet.append(row)
    workbook.save(path)
    return path


def sheet_file(path: Path, data: str | bytes | list[list[object]]) -> Path:
    """A CSV (or anything else) as staff might give it: rows, text or raw bytes."""
    if isinstance(data, list):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(data)
    else:
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def imported(*paths: Path) -> list[Problem]:
    return [p for path in paths for p in read_ledger(path)[1]]


@sample(
    "import.format:other", "import.format:binary", "import.unreadable:xlsx", "import.unreadable:xls",
    "import.unreadable:ole", "import.unreadable:csv", "import.csv", "import.empty", "import.encoding", "import.no-header",
)  # fmt: skip
def ledger_files(tmp: Path) -> list[Problem]:
    (tmp / "folder.csv").mkdir()
    files = {
        "l.xls": b"\xd0\xcf\x11\xe0", "ole.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "l.ods": b"PK", "l.xlsx": b"not a zip", "binary.csv": b"a\x00b",
        "empty.csv": b"  ", "encoding.csv": b"\xff\xfe\xfa,\x80", "quote.csv": '序号,反馈问题\n1,"未闭合\n2,问题\n',
        "no-header.csv": "市教育局党组巡察整改台账\n甲,乙,丙\n",
    }  # fmt: skip
    return imported(tmp / "folder.csv", *(sheet_file(tmp / name, data) for name, data in files.items()))


@sample(
    "import.choose-sheet", "import.sheet-unknown", "import.duplicate-column", "import.missing-column", "import.column-ignored",
    "import.repeated-header", "import.no-items", "import.blank-rows", "import.hidden-rows", "import.note-row",
    "import.duplicate-number",
)  # fmt: skip
def ledger_sheets(tmp: Path) -> list[Problem]:
    extra = [*SHEET_HEADER, "备注", None]
    rows = [
        ["市教育局党组巡察整改台账"], extra, [*sheet_row(1), "每季度报告", "佐证材料"], [None] * 9,
        [*sheet_row(1, problem="食堂经费"), None, None], [None] * 9, [None] * 9, SHEET_HEADER,
        sheet_row(2, problem="档案"), ["合计", None, "共 3 项"],
    ]  # fmt: skip
    twice = ["序号", "反馈问题", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态"]
    quirks = xlsx(
        tmp / "quirks.xlsx",
        rows,
        hidden=(9,),
        others={"旧台账": [SHEET_HEADER, sheet_row()], "备用": [SHEET_HEADER]},
    )
    chosen = read_ledger(quirks, "台账")[1] + read_ledger(quirks, "5月")[1]
    return chosen + imported(
        quirks,
        sheet_file(tmp / "twice.csv", [twice, sheet_row()[:8]]),
        sheet_file(tmp / "no-kind.csv", [[h for h in SHEET_HEADER if h != "类型"], sheet_row()[:8]]),
        sheet_file(tmp / "no-items.csv", [SHEET_HEADER, [""] * 9]),
    )


@sample(
    "import.blank", "import.number", "import.kind:empty", "import.kind:unknown", "import.status:empty",
    "import.status:unknown", "import.deadline-missing:empty", "import.deadline-missing:word", "import.deadline",
    "import.completed-missing:cell", "import.completed-missing:no-column", "import.completed",
    "import.completed-not-done",
)  # fmt: skip
def ledger_rows_imported(tmp: Path) -> list[Problem]:
    header = [
        "问题序号",
        "反馈问题",
        "具体整改措施",
        "整改方式",
        "责任单位",
        "完成时限（年月日）",
        "整改进展",
        "实际完成日期",
    ]
    rows = [
        sheet_row(1, measures=None, responsible=""), sheet_row("一"), sheet_row(3, kind=""),
        sheet_row(4, kind="尽快整改"), sheet_row(5, status=""), sheet_row(6, status="大体完成"),
        sheet_row(7, deadline=""), sheet_row(8, deadline="长期"), sheet_row(9, deadline="2025年6月"),
        sheet_row(10, deadline="年内"), sheet_row(11, deadline="2025-02-30"), sheet_row(12, status="已完成"),
        sheet_row(13, status="已完成", done="明年"), sheet_row(14, done="2025-06-01"),
    ]  # fmt: skip
    without_done = [SHEET_HEADER[:-1], sheet_row(1, status="已完成")[:-1]]
    return imported(
        xlsx(tmp / "rows.xlsx", [header, *([n, *r[1:]] for n, *r in rows)]),
        sheet_file(tmp / "without-done.csv", without_done),
    )


@sample(
    "import.report-missing", "import.report-encoding", "import.report-section", "import.round-trip:parse",
    "import.round-trip:mismatch", "import.status-narrative", "import.figures-mismatch",
)  # fmt: skip
def ledger_reports(tmp: Path) -> list[Problem]:
    narrated = sheet_file(tmp / "narrated.csv", [SHEET_HEADER, sheet_row(status="推进中，预计年底完成")])
    (tmp / "stated.md").write_text(report_text(body="反馈问题共 3 个，已完成 3 个。\n"), encoding="utf-8")
    stated = import_ledger(narrated, tmp / "stated.md").problems
    source = sheet_file(tmp / "l.csv", [SHEET_HEADER, sheet_row()])
    (tmp / "gbk.md").write_bytes(report_text().encode("gb18030"))
    (tmp / "section.md").write_text(report_text() + "\n注：以上为第一批。\n", encoding="utf-8")
    log = ProblemLog("content/reports/2025-r1/edu.md", [])
    ledgerimport._check_round_trip(report_text(rows="| 1 | 方面 | 问题 |\n"), [], log)
    ledgerimport._check_round_trip(report_text(), [], log)
    results = [import_ledger(source, tmp / name) for name in ("missing.md", "gbk.md", "section.md")]
    return [p for result in results for p in result.problems] + log.problems + stated


@sample(
    "round.duplicate", "report.figures-mismatch:hold", "report.figures-mismatch:note", "record.truncated",
    "import.report-unreadable",
)  # fmt: skip
def unreachable(tmp: Path) -> list[Problem]:
    """Entries no input reaches through the loaders, made with the values their call sites pass.

    A round's id must match its file name, and one folder cannot hold two
    files of one name; a figures mismatch and a truncated record need a whole
    build, so they are made here with the values runner.py passes. A report
    that exists but cannot be read needs file permissions, which root (as
    the tests may run) ignores.
    """
    log = ProblemLog("content/x", [])
    log.error(None, "round.duplicate", id="2025-r1")
    stated = (Mismatch("问题总数", "12", "10"), Mismatch("整改完成率", "100%", "80.00%"))
    log.warning(None, "report.figures-mismatch", case="hold", mismatches=stated)
    log.warning(None, "report.figures-mismatch", case="note", mismatches=(Mismatch("已完成", "9", "8"),))
    log.error(None, "record.truncated", kept="internal/publication-record.jsonl", before=3, now=2)
    log.error(None, "import.report-unreadable", error="Permission denied")
    return log.problems


@sample(
    "word.old-format", "word.spreadsheet", "word.unreadable", "word.encrypted", "word.corrupt", "word.corrupt-part", "word.too-large",
    "word.active-content", "word.external", "word.empty", "word.report-exists", "word.no-title",
    "word.no-signature", "word.no-contacts", "word.figures-unsure", "word.ledger-unread", "word.no-ledger",
    "word.unplaced",
)  # fmt: skip
def word_reports(tmp: Path) -> list[Problem]:
    import wordfactory as wf

    from gongshi.authoring.report_import import import_report

    (tmp / "old.doc").write_bytes(b"x")
    (tmp / "ledger.xls").write_bytes(b"x")
    (tmp / "taken.md").write_text("kept\n", encoding="utf-8")
    sources = [
        tmp / "old.doc", tmp / "ledger.xls", tmp / "gone.docx", wf.encrypted(tmp / "enc.docx"), wf.corrupt(tmp / "cut.docx"),
        wf.broken_xml(tmp / "xml.docx"), wf.zip_bomb(tmp / "bomb.docx"), wf.with_macro(tmp / "macro.docx"),
        wf.with_external_image(tmp / "ext.docx"), wf.make_docx(tmp / "empty.docx", title=[], body=[], signature=[], ledger=False),
        wf.make_docx(tmp / "bare.docx", title=["青测发〔2025〕3号"], body=["建立制度2项，另建立制度3项。"], signature=[], ledger=False),
        wf.make_docx(tmp / "table.docx", other_table=True, ledger_rows=(("1", "方面", "问题", "措施", "立刻", "办公室", "2025年5月31日", "已完成", ""),)),
    ]  # fmt: skip
    problems = import_report(
        wf.make_docx(tmp / "r.docx"), tmp / "taken.md", "2025-r1", EDU, False, frozenset()
    ).problems
    for number, source in enumerate(sources):
        problems += import_report(source, tmp / f"{number}.md", "2025-r1", EDU, False, frozenset()).problems
    return problems


@sample("export.unwritable")
def ledger_exports(tmp: Path) -> list[Problem]:
    from gongshi.authoring.ledger_export import export_ledger

    unfinished = report_text(Review="【待填写】").split("## 整改台账")[
        0
    ]  # a skeleton's header, no ledger yet
    (tmp / "empty.md").write_text(unfinished, encoding="utf-8")
    (tmp / "full.md").write_text(report_text(), encoding="utf-8")
    (tmp / "folder.xlsx").mkdir()
    return export_ledger(tmp / "empty.md", tmp / "a.xlsx", "x") + export_ledger(
        tmp / "full.md", tmp / "folder.xlsx", "x"
    )


@sample("report.pasted:run-on", "report.pasted:inline")
def pasted_narrative(tmp: Path) -> list[Problem]:
    body = "已完成整改。二、下一步工作打算 持续巩固\n\n一、提高政治站位。局党组召开专题会议。\n"
    return logged(parse_report, report_text(body=body))


@sample("site.gov-missing")
def gov_site_incomplete(tmp: Path) -> list[Problem]:
    """A government site whose footer lacks its site code and ICP record: a warning, the build goes on."""
    config = make_project(tmp, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()},
                          GONGSHI_SITE_CODE=None, GONGSHI_ICP=None)  # fmt: skip
    return prepare(load_settings(config), AS_OF, batch=False, make_codes=False).warnings


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, list[Problem]]:
    """Every sample's problems, by sample name."""
    return {name: make(tmp_path_factory.mktemp(name)) for name, (make, _) in SAMPLES.items()}


def every(produced: dict[str, list[Problem]]) -> list[Problem]:
    return [p for problems in produced.values() for p in problems]


def test_the_samples_reach_every_catalog_entry():
    assert set().union(*(keys for _, keys in SAMPLES.values())) == {key for key, _ in entries()}


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_produces_its_entries(produced, name):
    assert SAMPLES[name][1] <= {entry_key(p) for p in produced[name]}


def test_every_date_error_and_kind_of_personal_data_is_produced(produced):
    assert {p.args["reason"] for p in every(produced) if "reason" in p.args} == set(DATE_ERRORS)
    assert {p.args["kind"] for p in produced["personal_data"]} == {"居民身份证号", "手机号码", "银行卡号"}


def test_every_problem_keeps_its_chinese_as_message_and_hint(produced):
    for problem in every(produced):
        assert problem.text("zh") == (problem.message, problem.hint) != ("", "")
        assert problem.as_dict()["message"] == problem.message


def test_every_problem_reads_as_english(produced):
    for problem in every(produced):
        message, hint = problem.text("en")
        assert message and hint and (message, hint) != (problem.message, problem.hint), problem.code
        assert not chinese_left(f"{message} {hint}", values_of(problem.args)), (problem.code, message, hint)
        assert problem.as_dict("en")["hint"] == hint


def test_lists_lines_and_more_rows_are_phrased_per_language(produced):
    answer = next(
        p for p in produced["survey_rows"] if p.code == "survey.unknown-answer" and p.args["count"] == 10
    )
    assert "（第 2、3、4、5、6、7、8、9 等 10 行" in answer.message
    assert (
        answer.text("en")[0]
        == 'Unknown survey answer "很满意" on lines 2, 3, 4, 5, 6, 7, 8, 9, … (10 in all).'
    )
    skipped = next(p for p in produced["survey_rows"] if p.code == "survey.skip.unknown-unit")
    assert skipped.message.startswith("跳过 10 行：单位编号无法识别：第 2 行（nosuch）、")
    assert skipped.message.endswith("第 9 行（nosuch） 等 10 行。")
    assert skipped.text("en")[0].startswith(
        "Skipped 10 row(s) (unit ID not recognised): line 2 (nosuch), line 3"
    )
    none = next(p for p in produced["report_against_round"] if p.hint == "已有轮次：（无）。")
    assert none.text("en")[1] == "Existing rounds: (none)."


def test_figures_read_as_lint_describes_them(produced):
    mismatch = next(p for p in produced["unreachable"] if p.code == "report.figures-mismatch")
    assert mismatch.message == "报告数字与台账不一致：" + describe(mismatch.args["mismatches"])


def test_a_consistency_hold_gives_its_figures_in_english_too():
    reason = gate._consistency((Mismatch("已完成", "9", "8"),))
    assert reason.explanation == "报告数字与台账不一致：已完成报告称 9，台账为 8"
    assert reason.explanation_en == (
        "figures in the report text differ from its ledger (整改台账): problems fixed: the report says 9, the ledger 8"
    )


def test_a_problem_log_takes_catalog_values_not_text():
    log = ProblemLog("content/x", [])
    with pytest.raises(TypeError):
        log.error(3, "file.empty", "文件为空。", "")  # type: ignore[call-arg]
    assert log.problems == []


def test_a_problem_made_from_its_text_says_it_in_every_language():
    problem = Problem("content/x", 3, "legacy.code", "中文消息。", "中文提示。")
    assert problem.args is None and problem.text("en") == ("中文消息。", "中文提示。") == problem.text("zh")


def test_an_unknown_language_is_refused(produced):
    with pytest.raises(ValueError, match="unknown language"):
        produced["files"][0].text("fr")


def test_a_date_error_given_as_text_still_works():
    error = DateError("日期不对", "改一下")
    assert str(error) == "日期不对" and error.hint == "改一下" and error.details == {}


def test_a_content_error_from_a_build_reads_as_english(tmp_path):
    rows = DEFAULT_ROWS + row(kind="马上改", status="完成了", deadline="2025/5/31")
    edu = report_text(rows=rows, body="电话 13812345678。\n").replace("Review: 会审通过", "Review：会审通过")
    reports = {"2025-r1/edu.md": edu, "2025-r1/water.md": report_text(Unit="water", Date="七月")}
    config = make_project(tmp_path, {"2025-r1": round_text(extra='"x"')}, reports)
    with pytest.raises(ContentError) as caught:
        build(config, as_of=AS_OF)
    problems = caught.value.problems
    assert len({p.code for p in problems}) >= 5 and all(p.args is not None for p in problems)
    for problem in problems:
        message, hint = problem.text("en")
        assert not chinese_left(f"{message} {hint}", values_of(problem.args)), (problem.code, message, hint)


# --- configuration errors ------------------------------------------------------------------------

HOST = "myd.example.gov.cn"
BAD_TEMPLATES = {
    "2025-r1": "https://myd.example.gov.cn/{unit",  # braces
    "2025-r2": "https://myd.example.gov.cn/{units}",
    "2025-r3": "https://myd.example.gov.cn/{round!r}/{unit}",
    "2025-r4": "https://{unit}.myd.example.gov.cn/",  # a placeholder in the host, so a host not allowed
    "2025-r5": "https:///{unit}",
    "2025-r6": "https://user:pw@myd.example.gov.cn/{unit}",
    "2025-r7": "https://myd.example.gov.cn/{unit}?sig=1",
    "2025-r8": "https://[::1/{unit}",  # not a URL urllib can split
    "1999-r9": "https://myd.example.gov.cn/{unit}",  # no such round
}


def raised(call: Callable[[], object]) -> GongshiError:
    with pytest.raises(GongshiError) as error:
        call()
    return error.value


BAD_EXPORT_MAPPINGS = [
    {"preset": "surveymonkey", "colour": "red", "unit": None, "round": ""},
    {"preset": "plain", "answers": {"满意": ["1"], "不满意": ["2"]}},
    {"preset": "plain", "answers": {"满意": [], "基本满意": ["1", "2"], "不满意": ["2"]}},
    {"preset": "kobotoolbox", "delimiter": ";;"},
    {"preset": "wjx", "excluded": [1], "question": 0, "signed_code": "yes", "files": ["a.csv"]},
    {"preset": "wjx", "answer_pattern": "总体(", "excluded": ["满意"]},
]


@pytest.fixture(scope="module")
def config_errors(tmp_path_factory) -> list[GongshiError]:
    """Every configuration error, from real bad settings, survey link templates, settings files,
    withdrawals and folders without a manifest."""
    bad_settings = [
        {"GONGSHI_RULE_OVERDUE": 1},
        {"GONGSHI_RULE_COMPLETION_MIN": "60"},
        {"PATH": "/p/content", "GONGSHI_GOV_BADGE": "https://bszs.conac.cn/badge.png"},
    ]
    caught: list[GongshiError] = []
    for settings in bad_settings:
        with pytest.raises(ConfigError) as error:
            resolve(settings)
        caught.append(error.value)
    folders = tmp_path_factory.mktemp("folders")
    (folders / "photos").mkdir()
    (folders / "photos" / "a.jpg").write_bytes(b"x")
    (folders / "afile").write_text("x")
    for settings in [  # output folders a build would replace
        {"OUTPUT_PATH": "/p/output", "GONGSHI_INTERNAL_PATH": "/p/output/internal"},
        {"OUTPUT_PATH": "/p/output", "GONGSHI_CACHE_PATH": "/p/output/cache"},
        {"OUTPUT_PATH": "/p/content"},
        {"OUTPUT_PATH": str(folders / "photos")},
        {"OUTPUT_PATH": str(folders / "afile")},
    ]:
        with pytest.raises(ConfigError) as error:
            values = {"PATH": "/p/content"} | settings
            check_output_folders(Path("/p/pelicanconf.py"), values, resolve(values), output_given=False)
        caught.append(error.value)
    rounds = [r for r in BAD_TEMPLATES if r != "1999-r9"]
    for default, hosts in ((f"http://{HOST}/{{round}}/{{unit}}", []), (None, [HOST])):
        with pytest.raises(ConfigError) as error:
            survey_links(default, BAD_TEMPLATES if hosts else {}, hosts, "sig", None, rounds)
        caught.append(error.value)
    with pytest.raises(ConfigError) as error:  # one link for the units of two rounds
        survey_links(f"https://{HOST}/s/{{unit}}", {}, [HOST], "sig", None, ["2025-r1", "2026-r2"])
    caught.append(error.value)
    for mapping in BAD_EXPORT_MAPPINGS:
        with pytest.raises(ConfigError) as error:
            export_mapping(mapping)
        caught.append(error.value)
    return caught + files_and_commands(tmp_path_factory.mktemp("config-errors"))


def signing_errors(tmp: Path) -> list[GongshiError]:
    """The office's key: missing, unreadable, not the pair of the public key; keygen made twice or inside."""
    from gongshi.build.keygen import keygen
    from gongshi.rules.signing import KEY_ENV, new_key

    config = make_project(tmp / "signed", {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    keygen(config, tmp / "office.key")
    (tmp / "bad.key").write_text("not a key", encoding="utf-8")
    (tmp / "other.key").write_bytes(new_key()[0])
    caught = []
    for key in (None, tmp / "bad.key", tmp / "other.key"):
        with pytest.MonkeyPatch.context() as env:
            env.delenv(KEY_ENV, raising=False)
            if key is not None:
                env.setenv(KEY_ENV, str(key))
            caught.append(raised(lambda: build(config, as_of=AS_OF, batch=True)))
    caught.append(raised(lambda: keygen(config, tmp / "second.key")))
    fresh = make_project(tmp / "fresh", {"2025-r1": round_text()}, {})
    caught.append(raised(lambda: keygen(fresh, fresh.parent / "keys" / "office.key")))
    return caught


def files_and_commands(tmp: Path) -> list[GongshiError]:
    """Errors about the settings file, a withdrawal, a deployed folder and the content found."""
    config = make_project(tmp, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    broken = tmp / "broken.py"
    broken.write_text("THIS IS NOT PYTHON\n", encoding="utf-8")
    unplugged = tmp / "unplugged.py"
    unplugged.write_text(config.read_text(encoding="utf-8") + "\nPLUGINS = []\n", encoding="utf-8")
    build(config, as_of=AS_OF, batch=True)
    return [
        raised(lambda: load_settings(tmp / "nowhere.py")),
        raised(lambda: load_settings(broken)),
        raised(lambda: load_settings(unplugged)),
        raised(lambda: withdraw(config, "2025-r1", "water", "x", AS_OF)),
        raised(lambda: withdraw(config, "2025-r1", "edu", " ", AS_OF)),
        raised(lambda: withdraw(config, "2025-r1", "edu", "报告有误\x0b已更正", AS_OF)),
        raised(lambda: revise(config, "2025-r1", "water", "x", AS_OF)),
        raised(lambda: revise(config, "2025-r1", "edu", " ", AS_OF)),
        raised(lambda: revise(config, "2025-r1", "edu", "报告有误\x0b已更正", AS_OF)),
        raised(lambda: revise(config, "2025-r1", "edu", "更正", AS_OF)),  # nothing changed since
        raised(lambda: verify(tmp)),
        raised(lambda: build(config, as_of=AS_OF, batch=True, rounds=frozenset({"2099-r9"}))),
        ContentError([Problem.of("content/x", 1, "file.empty")]),
        # The content folder named by PATH could not be made: the command makes it with these values.
        ConfigError.of(
            "config.content-folder", config=str(config), folder="/p/content", error="Permission denied"
        ),
        raised(lambda: build(config, as_of=today() + dt.timedelta(days=400), batch=True)),
        *signing_errors(tmp),
        # A folder that cannot be listed, and the build lock (tests/site/test_safety.py holds one).
        ConfigError.of("output.unreadable", setting="OUTPUT_PATH", folder="/p/output"),
        ConfigError.of(
            "lock.busy",
            owner="pid 42 on office-pc: gongshi build --batch",
            lock="/p/cache/build.lock",
            wait=10,
        ),
        ConfigError.of("lock.folder", folder="/p/cache", error="Permission denied"),
        # A plain `pelican` run of the portal (tests/cli/test_cli.py runs one).
        ConfigError.of("config.plain-pelican"),
        # Failures after validation no input reaches on purpose, made with the values their call sites pass.
        BuildError.of("build.changed", path="content/reports/2025-r1/edu.md"),
        BuildError.of("build.filesystem", path="/p/output", error="Read-only file system"),  # test_safety.py
        BuildError.of("build.unreadable", path="content/reports/2025-r1/edu.md"),
        BuildError.of("build.pelican", error="TemplateSyntaxError: unexpected '}'"),
        BuildError.of(
            "build.pelican-log", problems="WARNING: Unable to find file\n  ERROR: template missing"
        ),
        BuildError.of("build.pagefind-missing", error="No module named 'pagefind_bin_extended'"),
        BuildError.of("build.pagefind", error="r0: exit 1: Error: no pages"),
        BuildError.of(
            "build.pagefind-format", path="output/pagefind/r0/index/x.pf_index", error="no signature"
        ),
    ]


def test_bad_settings_and_templates_reach_every_error_and_link_problem(config_errors):
    assert {e.code for e in config_errors} == set(ERRORS)
    links = [problem for e in config_errors if e.code == "survey.links" for problem in e.values["problems"]]
    assert {code for _, code, _ in links} == set(LINK_PROBLEMS)
    exports = [
        problem for e in config_errors if e.code == "survey.export" for problem in e.values["problems"]
    ]
    assert {code for code, _ in exports} == set(EXPORT_PROBLEMS)


def test_a_refused_export_mapping_names_every_problem_in_each_language(config_errors):
    first = next(e for e in config_errors if e.code == "survey.export")
    message, hint = first.text("en")
    assert message.splitlines() == [
        "GONGSHI_SURVEY_EXPORT refused:",
        '  there is no preset "surveymonkey"; choose one of formbricks, limesurvey, kobotoolbox, wjx, tencent,'
        " plain",
        '  unknown key "colour"; the keys are preset, answers, excluded, question, delimiter, signed_code,'
        " global_ids, files, unit, answer, round, response_id, submitted, signature, answer_pattern",
        "  \"round\" must be a column name or None, not ''; write the column's name as the header row has it,"
        " or None to leave the column out",
        '  "unit" cannot be None; name its column (the answer may also be found by its question number or an'
        " answer_pattern): every row's unit and answer are read from these two columns",
    ]
    assert hint.startswith("Correct it and run again")
    assert (
        first.text("zh")[0].splitlines()[1]
        == "  没有预设“surveymonkey”；可选：formbricks、limesurvey、kobotoolbox、wjx、tencent、plain"
    )


def test_every_configuration_error_reads_as_english_and_holds_both_languages(config_errors):
    for error in config_errors:
        message, hint = error.text("en")
        assert message and hint and (message, hint) != error.text("zh"), error.code
        values = {k: v for k, v in error.values.items() if k != "help"}  # the help is checked as English
        assert not chinese_left(f"{message} {hint}", values_of(values)), (error.code, message, hint)
        assert str(error) == "\n".join(error.text("zh")) == "\n".join(error.text(DEFAULT_LANGUAGE))


def test_a_refused_template_names_the_setting_and_what_to_do_in_each_language(config_errors):
    refused = next(e for e in config_errors if e.code == "survey.links" and "1999-r9" in str(e))
    message, hint = refused.text("en")
    assert (
        "GONGSHI_SURVEY_ROUND_URLS['2025-r5']: the host name is missing; write it as https://<host>/…"
        in message
    )
    assert (
        'GONGSHI_SURVEY_ROUND_URLS: there is no round "1999-r9" (existing rounds: 2025-r1, 2025-r2,'
        in message
    )
    assert (
        "GONGSHI_SURVEY_ROUND_URLS['2025-r4']：主机名里不能有占位符；占位符只能放在路径或查询参数里"
        in refused.text("zh")[0]
    )
    assert (
        "GONGSHI_SURVEY_ROUND_URLS['2025-r8']: it is not a valid URL (Invalid IPv6 URL); check the square brackets"
        in message
    )
    assert hint.startswith("Correct them and run again")
    https = next(e for e in config_errors if e.code == "survey.links" and "1999-r9" not in str(e))
    assert https.text("en")[0].splitlines()[1:] == [
        '  GONGSHI_SURVEY_URL: it must use https, not "http"; start the link with https://',
        '  GONGSHI_SURVEY_URL: the host "myd.example.gov.cn" is not in GONGSHI_SURVEY_HOSTS (listed now: (empty));'
        " check the link, then add the host to GONGSHI_SURVEY_HOSTS",
    ]
    assert "（现有：（空））" in https.text("zh")[0]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_says_what_it_expects_in_both_languages(setting):
    with pytest.raises(ConfigError) as caught:
        resolve({setting.name: object()})
    error = caught.value
    assert error.code == "setting.value" and error.values["expect"] == setting.expect
    zh, en = error.text("zh"), error.text("en")
    assert setting.name in zh[0] and setting.expect.zh in zh[0] and CJK.search(setting.expect.zh)
    assert en[0].startswith(f"{setting.name} = <object object") and setting.expect.en in en[0]
    assert setting.help in en[1] and not chinese_left(" ".join(en))


def test_an_error_made_from_a_string_says_it_in_every_language():
    error = ConfigError("pelicanconf.py: cannot be loaded")
    assert error.code is None and error.text("en") == ("pelicanconf.py: cannot be loaded", "") == error.text(
        "zh"
    )


def test_a_phrase_is_said_in_the_language_asked_for():
    message = Message(("应为{expect}", "改"), ("expected {expect}", "fix"))
    assert message.render({"expect": Phrase("整数", "a whole number")}, "en") == (
        "expected a whole number",
        "fix",
    )
    assert message.render({"expect": Phrase("整数", "a whole number")}, "zh") == ("应为整数", "改")
