"""The `gongshi` command. The only layer that prints and chooses exit codes.

Exit codes: 0 success; 1 content errors (fix the files named); 2 usage or
configuration error, also when content errors were found beside it in the
same run (both are listed; the configuration comes first, and a wrong one
can hide content problems); 3 internal failure (the build broke after
validation).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, NoReturn

import click

from gongshi.cli.output import (
    error_dicts,
    page_progress,
    print_error,
    print_problems,
    print_summary,
    problem_dicts,
)
from gongshi.cli.text import LANGS, say
from gongshi.content.model import Round, RoundType, UnitRef
from gongshi.content.reports import ID_PATTERN
from gongshi.problems.errors import ConfigError, ContentError, GongshiError, Problem, ProblemLog

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class AsOfDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} 不是 YYYY-MM-DD 格式的日期 (not a YYYY-MM-DD date)", param, ctx)


config_option = click.option(
    "--config", "-c", type=click.Path(path_type=Path), default=Path("pelicanconf.py"), show_default=True,
    help="Pelican settings file of the portal.",
)  # fmt: skip
as_of_option = click.option(
    "--as-of", type=AsOfDate(), default=None, help="统计日期 (as-of date); default: today."
)
lang_option = click.option(
    "--lang", type=click.Choice(LANGS), default="zh", show_default=True, envvar="GONGSHI_LANG",
    help="Language of messages: zh (中文) or en (English). Also GONGSHI_LANG.",
)  # fmt: skip
json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print the result as JSON on stdout (for scripts and CI)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongshi")
def main() -> None:
    """Gongshi (公示): build the public inspection-rectification portal.

    \b
    Typical use, in the portal's folder:
      gongshi new round 2027-r1 --unit edu=市教育局党组 ...   start a round
      gongshi new report --round 2027-r1                      report skeletons
      gongshi import-ledger 台账.xlsx --round 2027-r1 --unit edu
      gongshi check                                           validate only
      gongshi serve                                           local preview
      gongshi build                                           preview build
      gongshi build --batch                                   publish a batch
    """


@main.command()
@config_option
@as_of_option
@click.option(
    "--batch", is_flag=True, help="Publish a batch: append the units that pass the gate to the record."
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None,
    help="Public output folder (default: OUTPUT_PATH).",
)  # fmt: skip
@click.option(
    "--fragments", is_flag=True,
    help="Also write each public report as a self-contained HTML fragment (inline styles, no scripts, "
    "no links) into the internal pack's fragments/ folder, to paste into a government CMS article.",
)  # fmt: skip
@lang_option
@json_option
def build(
    config: Path,
    as_of: dt.date | None,
    batch: bool,
    output: Path | None,
    fragments: bool,
    lang: str,
    as_json: bool,
) -> None:
    """Validate content, apply the gate and build the public site.

    Without --batch the build is a preview: the site shows what the record
    has published, and the summary says what the next batch would add.
    """
    from gongshi.build.runner import build as run_build

    try:
        with page_progress(lang, enabled=not as_json) as progress:
            result = run_build(
                config, as_of=as_of, batch=batch, output=output, progress=progress, fragments=fragments
            )
    except GongshiError as error:
        _exit_for(error, lang, as_json, builds_site=True)
    runtime = result.runtime
    summary = result.summary()
    if as_json:
        data: dict[str, Any] = {"ok": True, **summary.as_dict()}
        data["survey_links"] = runtime.survey_signing
        data["problems"] = problem_dicts(runtime.warnings, lang)
        _echo_json(data)
        return
    print_problems(runtime.warnings, lang)
    print_summary(summary, lang, runtime.survey_signing, runtime.settings.survey_key_env)


@main.command()
@config_option
@as_of_option
@lang_option
@json_option
def check(config: Path, as_of: dt.date | None, lang: str, as_json: bool) -> None:
    """Validate the content alone; write nothing."""
    from gongshi.build.runner import load_settings, prepare

    overrides = {"GONGSHI_AS_OF": as_of} if as_of else {}
    try:
        runtime = prepare(load_settings(config, overrides), batch=False, make_codes=False)
    except GongshiError as error:
        _exit_for(error, lang, as_json, outcome="errors-found-check")
    if as_json:
        _echo_json({"ok": True, "problems": problem_dicts(runtime.warnings, lang)})
        return
    print_problems(runtime.warnings, lang)
    content = runtime.content
    click.echo(say(lang, "check-ok", rounds=len(content.rounds), reports=len(content.reports)))


@main.command()
@config_option
@as_of_option
@click.option("--round", "round_id", required=True, help="Round id of the published report.")
@click.option("--unit", "unit_id", required=True, help="Unit id of the published report.")
@click.option("--reason", required=True, help="Why it is withdrawn; shown publicly.")
@lang_option
def withdraw(
    config: Path, as_of: dt.date | None, round_id: str, unit_id: str, reason: str, lang: str
) -> None:
    """Withdraw a published report (撤回公示): append a withdrawal to the record."""
    from gongshi.build.runner import withdraw as run_withdraw

    try:
        record = run_withdraw(config, round_id, unit_id, reason, as_of)
    except GongshiError as error:
        _exit_for(error, lang, outcome="errors-found-withdraw")
    click.echo(say(lang, "withdrawn", unit=f"{round_id}/{unit_id}", date=record.entries[-1].date))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@lang_option
def verify(folder: Path, lang: str) -> None:
    """Check a deployed public folder against its manifest.json."""
    from gongshi.build.manifest import ManifestError
    from gongshi.build.manifest import verify as run_verify

    try:
        result = run_verify(folder)
    except ManifestError as error:
        click.secho(say(lang, "verify-unreadable", error=error), fg="red", err=True)
        raise SystemExit(EXIT_USAGE) from error
    for key, names in (
        ("verify-added", result.added),
        ("verify-missing", result.missing),
        ("verify-altered", result.altered),
    ):
        for name in names:
            click.echo(f"{say(lang, key)}: {name}")
    if not result.ok:
        click.secho(say(lang, "verify-failed"), fg="red", err=True)
        raise SystemExit(EXIT_CONTENT)
    click.echo(say(lang, "verify-ok", as_of=result.as_of, batch=result.batch))


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
        _exit_for(ContentError(problems), lang, outcome="errors-found-round")
    if folder is not None:  # a new project's first command: there is no content folder yet
        _make_folder(folder, config, lang)
    path = _content_path(config, lang) / "rounds" / file_name
    _write_new(path, round_file(draft), lang)
    click.echo(say(lang, "new-round-written", path=path, units=len(refs), round=round_id))


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

    content = _content_path(config, lang)
    round_ = _load_round(content, round_id, lang, "errors-found-report")
    wanted = list(unit_ids) or [u.id for u in round_.units]
    made = 0
    for unit_id in wanted:
        unit = round_.unit(unit_id)
        if unit is None:
            units = [u.id for u in round_.units]
            _usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
        path = content / "reports" / round_id / f"{unit_id}.md"
        if path.exists():
            click.echo(say(lang, "new-report-exists", path=path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report_file(round_, unit), encoding="utf-8")
        click.echo(say(lang, "new-report-written", path=path))
        made += 1
    click.echo(say(lang, "new-reports-done", count=made))


@main.command("import-ledger")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--round", "round_id", required=True, help="Round id of the report.")
@click.option("--unit", "unit_id", required=True, help="Unit id of the report.")
@config_option
@lang_option
@json_option
def import_ledger(source: Path, round_id: str, unit_id: str, config: Path, lang: str, as_json: bool) -> None:
    """Put the 整改台账 from an Excel (.xlsx) or CSV file into a unit's report.

    The ledger table in content/reports/ROUND/UNIT.md is replaced (or added);
    the rest of the report is left exactly as it is. Rows that cannot be
    read are listed with their row number, and then nothing is written.
    """
    from gongshi.authoring.ledger_import import import_ledger as run_import

    content = _content_path(config, lang)
    round_ = _load_round(content, round_id, lang, "import-failed")
    if round_.unit(unit_id) is None:
        units = [u.id for u in round_.units]
        _usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
    report = content / "reports" / round_id / f"{unit_id}.md"
    result = run_import(source, report)
    errors = sum(p.is_error for p in result.problems)
    if as_json:
        _echo_json({
            "ok": not errors, "report": str(report), "items": result.items, "status": result.status,
            "problems": problem_dicts(result.problems, lang),
        })  # fmt: skip
    else:
        print_problems(result.problems, lang)
        if errors:
            click.secho(say(lang, "import-failed", errors=errors), fg="red", err=True)
        elif result.status == "unchanged":
            click.echo(say(lang, "import-unchanged", report=report))
        else:
            written = "import-written-mismatch" if result.mismatches else "import-written"
            click.echo(say(lang, written, items=result.items, report=report))
    if errors:
        raise SystemExit(EXIT_CONTENT)


@main.command()
@config_option
@as_of_option
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port; 0 picks a free one.")
@click.option(
    "--next-batch", is_flag=True,
    help="Show the site as the next batch would publish it (nothing is written to the record).",
)  # fmt: skip
@lang_option
def serve(config: Path, as_of: dt.date | None, bind: str, port: int, next_batch: bool, lang: str) -> None:
    """Preview the site locally and rebuild it when content, theme or settings change.

    The preview is built in a folder of its own under the cache; the
    published output, the internal pack and the publication record are
    never touched.
    """
    from gongshi.cli.serve import Preview

    try:
        preview = Preview(config, as_of, next_batch, lang)
    except GongshiError as error:
        _exit_for(error, lang)
    preview.run(bind, port)


def _echo_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _exit_for(
    error: GongshiError, lang: str, as_json: bool = False, outcome: str = "errors-found",
    builds_site: bool = False,
) -> NoReturn:  # fmt: skip
    """Say what went wrong and leave with the documented exit code.

    `outcome` is the text key saying what the command left undone, for the line under the problems.
    `builds_site`: the command writes the public site, so a failure says the existing one is unchanged.
    """
    code = (
        EXIT_CONTENT if isinstance(error, ContentError) else EXIT_USAGE if isinstance(error, ConfigError) else EXIT_INTERNAL
    )  # fmt: skip
    problems: list[Problem] = error.problems if isinstance(error, ContentError | ConfigError) else []
    if as_json:
        message, hint = error.text(lang)
        data: dict[str, Any] = {"ok": False, "exit_code": code, "error": message, "hint": hint}
        if isinstance(error, ConfigError):
            data["errors"] = error_dicts(error.errors, lang)
        _echo_json(data | {"problems": problem_dicts(problems, lang)})
        raise SystemExit(code) from error
    print_error(error, lang)
    errors = sum(p.is_error for p in problems)
    if errors:  # content errors, perhaps beside configuration errors
        configured = len(error.errors) if isinstance(error, ConfigError) else 0
        click.secho(say(lang, outcome, errors=errors + configured), fg="red", err=True)
    elif builds_site and not isinstance(error, ContentError | ConfigError):
        click.echo(say(lang, "site-unchanged"), err=True)  # a build that broke after validation
    raise SystemExit(code) from error


def _usage_error(message: str) -> NoReturn:
    click.secho(message, fg="red", err=True)
    raise SystemExit(EXIT_USAGE)


def _content_path(config: Path, lang: str) -> Path:
    """The content folder the build would read, from the same settings."""
    from gongshi.build.runner import load_settings
    from gongshi.config.settings import resolve

    try:
        return resolve(load_settings(config)).content_path
    except GongshiError as error:
        _exit_for(error, lang)


def _content_folder(config: Path) -> Path | None:
    """PATH as Pelican will resolve it (relative to the settings file), read without Pelican's checks:
    Pelican refuses settings whose PATH does not exist, and a new project has no content folder yet.
    None when the file is missing or broken or sets no PATH; `_content_path` then says what is wrong."""
    from pelican.settings import get_settings_from_file

    if not config.is_file():
        return None
    try:
        path = get_settings_from_file(str(config)).get("PATH")
    except Exception:  # a broken pelicanconf.py raises anything
        return None
    return (config.parent / path).resolve() if isinstance(path, str) and path else None


def _make_folder(folder: Path, config: Path, lang: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _exit_for(
            ConfigError.of("config.content-folder", config=str(config), folder=str(folder), error=str(error)),
            lang,
        )


def _load_round(content: Path, round_id: str, lang: str, outcome: str) -> Round:
    from gongshi.content.rounds import parse_round
    from gongshi.content.textfile import read_text

    path = content / "rounds" / f"{round_id}.toml"
    if not path.is_file():
        _usage_error(say(lang, "unknown-round", round=round_id, path=path))
    problems: list[Problem] = []
    log = ProblemLog(str(path), problems)
    text = read_text(path, log)
    round_ = parse_round(text, round_id, log) if text is not None else None
    if round_ is None or any(p.is_error for p in problems):
        _exit_for(ContentError(problems), lang, outcome=outcome)
    return round_


def _write_new(path: Path, text: str, lang: str) -> None:
    if path.exists():
        _usage_error(say(lang, "file-exists", path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _unit_option(value: str, lang: str) -> UnitRef:
    unit_id, sep, name = value.partition("=")
    if not sep or not unit_id.strip() or not name.strip():
        _usage_error(say(lang, "bad-unit-option", value=value))
    return UnitRef(unit_id.strip(), name.strip())


def _units_from_file(path: Path, lang: str) -> list[UnitRef]:
    """The units of a CSV file, `id,name` a line; a file that is no CSV text stops the command
    with what is wrong (an .xlsx given as it is, a quote left open) and what to do."""
    import csv
    import io

    from gongshi.content.textfile import NotText, decode_csv

    problems: list[Problem] = []
    log = ProblemLog(str(path), problems)
    try:
        text = decode_csv(path.read_bytes())
    except OSError as error:
        log.error(None, "import.unreadable", case="csv", error=str(error.strerror))
        _units_file_error(problems, lang)
    if isinstance(text, NotText):
        # survey.*: said of a CSV file staff export, its hints fit the units file (save as CSV UTF-8)
        codes = {
            NotText.EMPTY: "import.empty",
            NotText.BINARY: "survey.binary",
            NotText.ENCODING: "survey.encoding",
        }
        log.error(None, codes[text])
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
                _usage_error(say(lang, "bad-unit-option", value=f"{path}:{number}: {','.join(row)}"))
            refs.append(UnitRef(cells[0], cells[1]))
    except csv.Error as error:
        log.error(reader.line_num, "import.csv", error=str(error))
        _units_file_error(problems, lang)
    return refs


def _units_file_error(problems: list[Problem], lang: str) -> NoReturn:
    print_problems(problems, lang)
    raise SystemExit(EXIT_USAGE)
