"""Commands that write content for staff: new rounds and report skeletons, reports from Word,
ledgers from and to spreadsheets. Each says what it did not write when it fails, and which files to
keep when it succeeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NoReturn

import click

from gongshi.cli.commands import main
from gongshi.cli.keep import keep
from gongshi.cli.options import (
    EXIT_CONTENT,
    EXIT_USAGE,
    AsOfDate,
    config_option,
    content_path,
    echo_json,
    exit_for,
    json_option,
    lang_option,
    usage_error,
)
from gongshi.cli.output import (
    print_problems,
    problem_dicts,
)
from gongshi.cli.text import say
from gongshi.content.model import Round, RoundType, UnitRef
from gongshi.content.reports import ID_PATTERN
from gongshi.problems.errors import ConfigError, ContentError, GongshiError, Problem, ProblemLog


@main.group()
def new() -> None:
    """Start a round file or report skeletons (新建轮次 / 报告)."""


@new.command("round")
@click.argument("round_id")
@click.option("--name", prompt="轮次名称 (round name)", help="e.g. 十四届市委第三轮巡察")
@click.option(
    "--type", "round_type", type=click.Choice([t.value for t in RoundType]), default=RoundType.REGULAR.value,
    show_default=True, help="巡察类型 (kind of round).",
)  # fmt: skip
@click.option("--feedback-date", type=AsOfDate(), prompt="反馈日期 (feedback date, YYYY-MM-DD)")
@click.option("--report-due", type=AsOfDate(), prompt="整改报告报送期限 (report due, YYYY-MM-DD)")
@click.option("--revisits", default=None, help="For a 回头看: the id of the round it looks back on.")
@click.option("--survey-start", type=AsOfDate(), default=None, help="满意度测评开始日期 (optional).")
@click.option("--survey-end", type=AsOfDate(), default=None, help="满意度测评截止日期 (optional).")
@click.option(
    "--unit", "units", multiple=True, metavar="ID=NAME", help="A unit, e.g. edu=市教育局党组; repeat."
)
@click.option(
    "--units-file", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
    help="Units one per line as `id,name` (CSV, UTF-8 or GB18030), in display order.",
)  # fmt: skip
@config_option
@lang_option
def new_round(round_id: str, name: str, round_type: str, feedback_date: dt.date, report_due: dt.date,
              revisits: str | None, survey_start: dt.date | None, survey_end: dt.date | None,
              units: tuple[str, ...], units_file: Path | None, config: Path, lang: str) -> None:  # fmt: skip
    """Write content/rounds/ROUND_ID.toml with its units."""
    from gongshi.authoring.scaffold import RoundDraft, check_round_draft, round_file

    if (survey_start is None) != (survey_end is None):  # one without the other would be dropped
        usage_error(
            say(
                lang,
                "paired-options",
                given="--survey-start" if survey_end is None else "--survey-end",
                missing="--survey-end" if survey_end is None else "--survey-start",
            )
        )
    if revisits and round_type != RoundType.LOOK_BACK.value:  # the pair is checked together too
        usage_error(say(lang, "revisits-type", revisits=revisits, type=round_type))
    refs = [_unit_option(value, lang) for value in units]
    if units_file is not None:
        refs += _units_from_file(units_file, lang)
    draft = RoundDraft(
        round_id, name.strip(), RoundType(round_type), feedback_date, report_due, tuple(refs), revisits,
        survey_start, survey_end,
    )  # fmt: skip
    folder = _content_folder(config)
    file_name = f"{round_id}.toml"
    problems = check_round_draft(draft, str((folder or Path("content")) / "rounds" / file_name))
    if problems:
        exit_for(ContentError(problems), lang, outcome="errors-found-round")
    if folder is not None:  # a new project's first command: there is no content folder yet
        _make_folder(folder, config, lang)
    path = content_path(config, lang) / "rounds" / file_name
    _write_new(path, round_file(draft), lang)
    click.echo(say(lang, "new-round-written", path=path, units=len(refs), round=round_id))
    keep(lang, [path])


@new.command("report")
@click.option("--round", "round_id", required=True, help="Round id; the round file lists its units.")
@click.option(
    "--unit", "unit_ids", multiple=True, help="Unit id; repeat. Default: every unit without a report."
)
@config_option
@lang_option
def new_report(round_id: str, unit_ids: tuple[str, ...], config: Path, lang: str) -> None:
    """Write report skeletons content/reports/ROUND/UNIT.md from the round's unit list."""
    from gongshi.authoring.scaffold import report_file

    content = content_path(config, lang)
    round_ = _load_round(content, round_id, lang, "errors-found-report")
    wanted = list(unit_ids) or [u.id for u in round_.units]
    made: list[Path] = []
    for unit_id in wanted:
        unit = round_.unit(unit_id)
        if unit is None:
            units = [u.id for u in round_.units]
            usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
        path = content / "reports" / round_id / f"{unit_id}.md"
        if path.exists():
            click.echo(say(lang, "new-report-exists", path=path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report_file(round_, unit), encoding="utf-8")
        click.echo(say(lang, "new-report-written", path=path))
        made.append(path)
    click.echo(say(lang, "new-reports-done", count=len(made)))
    keep(lang, made)


@main.command("import-ledger")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--round", "round_id", required=True, help="Round id of the report.")
@click.option("--unit", "unit_id", required=True, help="Unit id of the report.")
@click.option("--sheet", "sheet_name", default=None, help="Worksheet to read, when the workbook has several.")
@click.option("--dry-run", is_flag=True, help="Show the table that would be written; write nothing.")
@config_option
@lang_option
@json_option
def import_ledger(
    source: Path, round_id: str, unit_id: str, sheet_name: str | None, dry_run: bool, config: Path, lang: str,
    as_json: bool,
) -> None:  # fmt: skip
    """Put the 整改台账 from an Excel (.xlsx, .xls) or CSV file into a unit's report.

    The ledger table in content/reports/ROUND/UNIT.md is replaced (or added);
    the rest of the report is left exactly as it is. Rows that cannot be
    read are listed with their row number, and then nothing is written.
    """
    from gongshi.authoring.ledger_import import import_ledger as run_import

    content = content_path(config, lang)
    round_ = _load_round(content, round_id, lang, "import-failed")
    if round_.unit(unit_id) is None:
        units = [u.id for u in round_.units]
        usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
    report = content / "reports" / round_id / f"{unit_id}.md"
    result = run_import(source, report, sheet_name, dry_run)
    errors = sum(p.is_error for p in result.problems)
    if as_json:
        echo_json({
            "ok": not errors, "report": str(report), "items": result.items, "status": result.status,
            "dry_run": dry_run, "table": result.table, "problems": problem_dicts(result.problems, lang),
        })  # fmt: skip
    else:
        print_problems(result.problems, lang)
        if errors:
            click.secho(say(lang, "import-failed", errors=errors), fg="red", err=True)
        elif dry_run:
            click.echo(result.table, nl=False)
            click.echo(say(lang, "import-dry-run", items=result.items, report=report))
        elif result.status == "unchanged":
            click.echo(say(lang, "import-unchanged", report=report))
        else:
            written = "import-written-mismatch" if result.mismatches else "import-written"
            click.echo(say(lang, written, items=result.items, report=report))
            keep(lang, [report])
    if errors:
        raise SystemExit(EXIT_CONTENT)


@main.command("import-report")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--round", "round_id", required=True, help="Round id of the report.")
@click.option("--unit", "unit_id", required=True, help="Unit id of the report.")
@click.option("--replace", is_flag=True, help="Overwrite the unit's report if it exists.")
@config_option
@lang_option
@json_option
def import_report(
    source: Path, round_id: str, unit_id: str, replace: bool, config: Path, lang: str, as_json: bool
) -> None:
    """Write content/reports/ROUND/UNIT.md from the approved Word report (.docx, 公文 layout).

    Title, outline headings, paragraphs, 落款 date, feedback contacts, the
    figures it states and a ledger table are read; the review fields and
    anything the document does not say read 【待填写】 for gongshi check to list.
    An existing report is kept unless --replace.
    """
    from gongshi.authoring.report_import import import_report as run_import
    from gongshi.build.runner import load_settings
    from gongshi.config.settings import resolve

    try:
        settings = resolve(load_settings(config))
    except GongshiError as error:
        exit_for(error, lang, as_json)
    content = settings.content_path
    round_ = _load_round(content, round_id, lang, "import-report-failed")
    unit = round_.unit(unit_id)
    if unit is None:
        units = [u.id for u in round_.units]
        usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
    report = content / "reports" / round_id / f"{unit_id}.md"
    result = run_import(source, report, round_id, unit, replace, frozenset(settings.privacy_allow))
    errors = sum(p.is_error for p in result.problems)
    if as_json:
        echo_json({
            "ok": not errors, "report": str(report), "status": result.status, "items": result.items,
            "placeholders": result.placeholders, "problems": problem_dicts(result.problems, lang),
        })  # fmt: skip
    else:
        print_problems(result.problems, lang)
        if errors:
            click.secho(say(lang, "import-report-failed", errors=errors), fg="red", err=True)
        else:
            click.echo(
                say(
                    lang,
                    "import-report-written",
                    report=report,
                    items=result.items,
                    placeholders=result.placeholders,
                )
            )
    if errors:
        raise SystemExit(EXIT_CONTENT)


@main.command("export-ledger")
@click.option("--round", "round_id", required=True, help="Round id of the report.")
@click.option("--unit", "unit_id", required=True, help="Unit id of the report.")
@click.option(
    "--output", "-o", type=click.Path(path_type=Path, dir_okay=False), required=True,
    help="The spreadsheet to write (.xlsx).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
@config_option
@lang_option
def export_ledger(
    round_id: str, unit_id: str, output: Path, force: bool, config: Path, lang: str
) -> None:  # fmt: skip
    """Write a unit's 整改台账 as an Excel workbook laid out as offices keep it.

    The unit updates statuses in it; gongshi import-ledger reads it back, and
    a file imported unchanged leaves the report exactly as it was.
    """
    from gongshi.authoring.ledger_export import export_ledger as run_export

    content = content_path(config, lang)
    round_ = _load_round(content, round_id, lang, "export-failed")
    unit = round_.unit(unit_id)
    if unit is None:
        units = [u.id for u in round_.units]
        usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
    if output.suffix.lower() != ".xlsx":
        usage_error(say(lang, "export-suffix", path=output))
    if output.exists() and not force:
        usage_error(say(lang, "file-exists", path=output))
    report = content / "reports" / round_id / f"{unit_id}.md"
    problems = run_export(report, output, unit.name)
    print_problems(problems, lang)
    errors = sum(p.is_error for p in problems)
    if errors:
        click.secho(say(lang, "export-failed", errors=errors), fg="red", err=True)
        raise SystemExit(EXIT_CONTENT)
    click.echo(say(lang, "export-written", path=output, report=report))


def _content_folder(config: Path) -> Path | None:
    """PATH as Pelican will resolve it, read before the content folder exists (build.pelican_adapter)."""
    from gongshi.build.pelican_adapter import content_folder

    return content_folder(config)


def _make_folder(folder: Path, config: Path, lang: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        exit_for(
            ConfigError.of("config.content-folder", config=str(config), folder=str(folder), error=str(error)),
            lang,
        )


def _load_round(content: Path, round_id: str, lang: str, outcome: str) -> Round:
    from gongshi.content.rounds import parse_round
    from gongshi.content.textfile import read_text

    path = content / "rounds" / f"{round_id}.toml"
    if not path.is_file():
        usage_error(say(lang, "unknown-round", round=round_id, path=path))
    problems: list[Problem] = []
    log = ProblemLog(str(path), problems)
    text = read_text(path, log)
    round_ = parse_round(text, round_id, log) if text is not None else None
    if round_ is None or any(p.is_error for p in problems):
        exit_for(ContentError(problems), lang, outcome=outcome)
    return round_


def _write_new(path: Path, text: str, lang: str) -> None:
    if path.exists():
        usage_error(say(lang, "file-exists", path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _unit_option(value: str, lang: str) -> UnitRef:
    unit_id, sep, name = value.partition("=")
    if not sep or not unit_id.strip() or not name.strip():
        usage_error(say(lang, "bad-unit-option", value=value))
    return UnitRef(unit_id.strip(), name.strip())


def _units_from_file(path: Path, lang: str) -> list[UnitRef]:
    """The units of a CSV file, `id,name` a line; a file that is no CSV text stops the command
    with what is wrong (an .xlsx given as it is, a quote left open) and what to do."""
    import csv
    import io

    from gongshi.content.textfile import csv_text

    problems: list[Problem] = []
    log = ProblemLog(str(path), problems)
    try:
        text = csv_text(path.read_bytes(), log, "units")
    except OSError as error:
        log.error(None, "import.unreadable", case="csv", error=str(error.strerror))
        _units_file_error(problems, lang)
    if text is None:
        _units_file_error(problems, lang)
    refs = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # a quote left open is an error
    try:
        for row in reader:
            number = reader.line_num
            cells = [c.strip() for c in row]
            if not any(cells) or (number == 1 and not ID_PATTERN.match(cells[0])):  # blank, or a header
                continue
            if len(cells) < 2:
                usage_error(say(lang, "bad-unit-option", value=f"{path}:{number}: {','.join(row)}"))
            refs.append(UnitRef(cells[0], cells[1]))
    except csv.Error as error:
        log.error(reader.line_num, "import.csv", error=str(error))
        _units_file_error(problems, lang)
    return refs


def _units_file_error(problems: list[Problem], lang: str) -> NoReturn:
    print_problems(problems, lang)
    raise SystemExit(EXIT_USAGE)
