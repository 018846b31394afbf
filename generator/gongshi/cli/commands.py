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

from gongshi.cli.keep import keep
from gongshi.cli.output import (
    error_dicts,
    gate_line,
    page_progress,
    print_error,
    print_forecast,
    print_problems,
    print_summary,
    problem_dicts,
)
from gongshi.cli.text import LANGS, say
from gongshi.content.archive import ARCHIVE_DIR
from gongshi.content.model import Round, RoundType, UnitRef
from gongshi.content.reports import ID_PATTERN
from gongshi.problems.errors import ConfigError, ContentError, GongshiError, Problem, ProblemLog
from gongshi.rules.forecast import GateForecast

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class AsOfDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        from gongshi.content.dates import DateError, parse_date

        if isinstance(value, dt.date):
            return value
        try:  # the forms a report's header takes: 2027-06-12, 2027年6月12日, 2027.6.12, 2027/6/12
            return parse_date(value, loose=True)
        except DateError:
            self.fail(f"{value!r} 不是 YYYY-MM-DD 格式的日期 (not a YYYY-MM-DD date)", param, ctx)


config_option = click.option(
    "--config", "-c", type=click.Path(path_type=Path), default=Path("pelicanconf.py"), show_default=True,
    help="Pelican settings file of the portal.",
)  # fmt: skip
as_of_option = click.option(
    "--as-of", type=AsOfDate(), default=None, help="统计日期 (as-of date); default: today."
)
future_date_option = click.option(
    "--future-date", is_flag=True,
    help="Record an as-of date later than today (Beijing time) on purpose; without it such a date is refused.",
)  # fmt: skip
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
    Typical use (gongshi init DIR starts a new, empty portal), in the portal's folder:
      gongshi new round 2027-r1 --unit edu=市教育局党组 ...   start a round
      gongshi new report --round 2027-r1                      report skeletons
      gongshi import-report 通报.docx --round 2027-r1 --unit edu  report from Word
      gongshi import-ledger 台账.xlsx --round 2027-r1 --unit edu
      gongshi export-ledger --round 2027-r1 --unit edu -o 台账.xlsx  for the unit to update
      gongshi check                                           validate only
      gongshi serve                                           preview the next batch
      gongshi build                                           preview build
      gongshi build --batch --round 2027-r1                   publish a batch
    """


@main.command()
@config_option
@as_of_option
@click.option(
    "--batch", is_flag=True, help="Publish a batch: append the units that pass the gate to the record."
)
@click.option(
    "--round", "round_ids", multiple=True, metavar="ROUND",
    help="Only units of this round go into the batch; repeat for several. Default: every round.",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None,
    help="Public output folder (default: OUTPUT_PATH).",
)  # fmt: skip
@future_date_option
@click.option(
    "--record-reset", metavar="REASON", default=None,
    help="Replace a site whose last record entry the record does not hold (cut short or rewritten); "
    "the reason is kept in the site's manifest.json.",
)  # fmt: skip
@lang_option
@json_option
def build(
    config: Path,
    as_of: dt.date | None,
    batch: bool,
    round_ids: tuple[str, ...],
    output: Path | None,
    future_date: bool,
    record_reset: str | None,
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
                config, as_of=as_of, batch=batch, output=output, progress=progress, future_date=future_date,
                record_reset=record_reset, rounds=frozenset(round_ids),
            )  # fmt: skip
    except GongshiError as error:
        _exit_for(error, lang, as_json, builds_site=True)
    prepared = result.prepared
    summary = result.summary()
    if as_json:
        data: dict[str, Any] = {"ok": True, **summary.as_dict()}
        data["survey_links"] = prepared.survey_signing
        data["rounds"] = sorted(set(round_ids))  # the rounds the batch was limited to; [] for all
        written = prepared.publication.batch_written
        data["changed_files"] = [str(prepared.settings.record_path), *_archived(prepared)] if written else []
        data["problems"] = problem_dicts(prepared.warnings, lang)
        _echo_json(data)
        return
    print_problems(prepared.warnings, lang)
    print_summary(summary, lang, prepared.survey_signing, prepared.settings.survey_key_env)
    if prepared.publication.batch_written:
        if round_ids:
            click.echo(say(lang, "batch-rounds", rounds=", ".join(sorted(set(round_ids)))))
        keep(lang, [prepared.settings.content_path / ARCHIVE_DIR], record=prepared.settings.record_path)


@main.command()
@config_option
@as_of_option
@lang_option
@json_option
def check(config: Path, as_of: dt.date | None, lang: str, as_json: bool) -> None:
    """Validate the content and say what the gate would decide at the as-of date; write nothing.

    Every problem is reported in one run, errors and warnings together; the check ends with the
    units the next batch would publish, those held (with the main reason) and those not publishable.
    """
    from gongshi.build.pelican_adapter import load_settings
    from gongshi.build.prepare import gate_forecast, prepare
    from gongshi.build.runner import as_of_or_today
    from gongshi.rules.forecast import forecast

    day = as_of_or_today(as_of)
    settings: dict[str, Any] | None = None
    try:
        settings = load_settings(config)
        prepared = prepare(settings, day, batch=False, make_codes=False)
    except ContentError as error:
        try:  # who would be held all the same, once the errors are fixed
            gate = gate_forecast(settings or {}, day, error.problems)
        except GongshiError:
            gate = None
        _exit_for(error, lang, as_json, outcome="errors-found-check", gate=gate)
    except GongshiError as error:
        _exit_for(error, lang, as_json, outcome="errors-found-check")
    gate = forecast(prepared.content, prepared.publication)
    if as_json:
        _echo_json({"ok": True, "problems": problem_dicts(prepared.warnings, lang), "gate": gate.as_dict()})
        return
    print_problems(prepared.warnings, lang)
    print_forecast(gate, lang)
    content = prepared.content
    click.echo(say(lang, "check-ok", rounds=len(content.rounds), reports=len(content.reports)))
    click.echo(gate_line(gate, lang))


@main.command()
@config_option
@as_of_option
@click.option("--round", "round_id", required=True, help="Round id of the published report.")
@click.option("--unit", "unit_id", required=True, help="Unit id of the published report.")
@click.option("--reason", required=True, help="Why it is withdrawn; shown publicly.")
@future_date_option
@lang_option
def withdraw(
    config: Path,
    as_of: dt.date | None,
    round_id: str,
    unit_id: str,
    reason: str,
    future_date: bool,
    lang: str,
) -> None:
    """Withdraw a published report (撤回公示): append a withdrawal to the record."""
    from gongshi.build.runner import withdraw as run_withdraw

    try:
        record = run_withdraw(config, round_id, unit_id, reason, as_of, future_date=future_date)
    except GongshiError as error:
        _exit_for(error, lang, outcome="errors-found-withdraw")
    click.echo(say(lang, "withdrawn", unit=f"{round_id}/{unit_id}", date=record.entries[-1].date))
    keep(lang, [], record=_record_path(config, lang))


@main.command()
@config_option
@as_of_option
@click.option("--round", "round_id", required=True, help="Round ID, e.g. 2025-r1.")
@click.option("--unit", "unit_id", required=True, help="Unit ID, e.g. edu.")
@click.option("--reason", required=True, help="Why the published report is corrected; shown publicly.")
@future_date_option
@lang_option
def revise(
    config: Path,
    as_of: dt.date | None,
    round_id: str,
    unit_id: str,
    reason: str,
    future_date: bool,
    lang: str,
) -> None:
    """Publish a correction of a published report (发布修订): its edited file, with the reason."""
    from gongshi.build.runner import revise as run_revise

    try:
        record, archived = run_revise(config, round_id, unit_id, reason, as_of, future_date=future_date)
    except GongshiError as error:
        _exit_for(error, lang, outcome="errors-found-revise")
    unit = f"{round_id}/{unit_id}"
    click.echo(say(lang, "revised", unit=unit, date=record.entries[-1].date, archive=archived))
    keep(lang, [config.parent / archived], record=_record_path(config, lang))


@main.command()
@config_option
@click.option(
    "--key", "key", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="Where to write the private key (outside the project); default: ~/.gongshi/<GONGSHI_DATA_NAME>-record.key.",
)  # fmt: skip
@lang_option
def keygen(config: Path, key: Path | None, lang: str) -> None:
    """Make the office's key that signs the publication record (公示记录签名密钥), once."""
    from gongshi.build.keygen import keygen as run_keygen

    try:
        made = run_keygen(config, key)
    except GongshiError as error:
        _exit_for(error, lang)
    signed = say(lang, "keygen-signed") if made.signed else ""
    click.echo(say(lang, "keygen-done", private=made.private, public=made.public, signed=signed))


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
    print_problems(list(result.record), lang)
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

    if (survey_start is None) != (survey_end is None):  # one without the other would be dropped
        _usage_error(
            say(
                lang,
                "paired-options",
                given="--survey-start" if survey_end is None else "--survey-end",
                missing="--survey-end" if survey_end is None else "--survey-start",
            )
        )
    if revisits and round_type != RoundType.LOOK_BACK.value:  # the pair is checked together too
        _usage_error(say(lang, "revisits-type", revisits=revisits, type=round_type))
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

    content = _content_path(config, lang)
    round_ = _load_round(content, round_id, lang, "errors-found-report")
    wanted = list(unit_ids) or [u.id for u in round_.units]
    made: list[Path] = []
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

    content = _content_path(config, lang)
    round_ = _load_round(content, round_id, lang, "import-failed")
    if round_.unit(unit_id) is None:
        units = [u.id for u in round_.units]
        _usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
    report = content / "reports" / round_id / f"{unit_id}.md"
    result = run_import(source, report, sheet_name, dry_run)
    errors = sum(p.is_error for p in result.problems)
    if as_json:
        _echo_json({
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
        _exit_for(error, lang, as_json)
    content = settings.content_path
    round_ = _load_round(content, round_id, lang, "import-report-failed")
    unit = round_.unit(unit_id)
    if unit is None:
        units = [u.id for u in round_.units]
        _usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
    report = content / "reports" / round_id / f"{unit_id}.md"
    result = run_import(source, report, round_id, unit, replace, frozenset(settings.privacy_allow))
    errors = sum(p.is_error for p in result.problems)
    if as_json:
        _echo_json({
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

    content = _content_path(config, lang)
    round_ = _load_round(content, round_id, lang, "export-failed")
    unit = round_.unit(unit_id)
    if unit is None:
        units = [u.id for u in round_.units]
        _usage_error(say(lang, "unknown-unit", round=round_id, unit=unit_id, units=units))
    if output.suffix.lower() != ".xlsx":
        _usage_error(say(lang, "export-suffix", path=output))
    if output.exists() and not force:
        _usage_error(say(lang, "file-exists", path=output))
    report = content / "reports" / round_id / f"{unit_id}.md"
    problems = run_export(report, output, unit.name)
    print_problems(problems, lang)
    errors = sum(p.is_error for p in problems)
    if errors:
        click.secho(say(lang, "export-failed", errors=errors), fg="red", err=True)
        raise SystemExit(EXIT_CONTENT)
    click.echo(say(lang, "export-written", path=output, report=report))


@main.command()
@config_option
@as_of_option
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port; 0 picks a free one.")
@click.option(
    "--published", is_flag=True, help="Show only what is public now (the record as it stands).",
)  # fmt: skip
@click.option(
    "--all", "show_all", is_flag=True,
    help="Internal preview of every report, held and unapproved ones included, each marked with the "
    "gate's outcome and reasons; only on 127.0.0.1.",
)  # fmt: skip
@click.option(
    "--next-batch", is_flag=True, hidden=True, help="The default: the site as the next batch would publish it.",
)  # fmt: skip
@click.option(
    "--round", "round_ids", multiple=True, metavar="ROUND",
    help="Show the next batch as `build --batch --round ROUND` would publish it; repeat for several.",
)  # fmt: skip
@lang_option
def serve(config: Path, as_of: dt.date | None, bind: str, port: int, published: bool, show_all: bool,
          next_batch: bool, round_ids: tuple[str, ...], lang: str) -> None:  # fmt: skip
    """Preview the site locally and rebuild it when content, theme or settings change.

    \b
    By default the preview shows the site as the next batch would publish it,
    with a banner listing what the batch adds. --published shows only what is
    public now; --all shows every report (internal, watermarked 内部预览).
    The preview is built in a folder of its own under the cache; the
    published output, the internal pack and the publication record are
    never touched.
    """
    from gongshi.cli.serve import Preview
    from gongshi.site.preview import PreviewMode

    if sum((published, show_all, next_batch)) > 1:
        _usage_error(say(lang, "serve-modes"))
    if show_all and bind not in ("127.0.0.1", "localhost", "::1"):
        _usage_error(say(lang, "serve-all-local", bind=bind))
    mode = PreviewMode.PUBLISHED if published else PreviewMode.ALL if show_all else PreviewMode.NEXT
    try:
        preview = Preview(config, as_of, mode, lang, frozenset(round_ids))
    except GongshiError as error:
        _exit_for(error, lang)
    preview.run(bind, port)


def _echo_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _exit_for(
    error: GongshiError, lang: str, as_json: bool = False, outcome: str = "errors-found",
    builds_site: bool = False, gate: GateForecast | None = None,
) -> NoReturn:  # fmt: skip
    """Say what went wrong and leave with the documented exit code.

    `outcome` is the text key saying what the command left undone, for the line under the problems.
    `builds_site`: the command writes the public site, so a failure says the existing one is unchanged.
    `gate`: what the gate would decide once the errors are fixed (`gongshi check`), said after them.
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
        data["problems"] = problem_dicts(problems, lang)
        if gate is not None:
            data["gate"] = gate.as_dict()
        _echo_json(data)
        raise SystemExit(code) from error
    print_error(error, lang)
    if gate is not None:
        print_forecast(gate, lang)
        click.echo(gate_line(gate, lang))
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
    from gongshi.build.pelican_adapter import load_settings
    from gongshi.config.settings import resolve

    try:
        return resolve(load_settings(config)).content_path
    except GongshiError as error:
        _exit_for(error, lang)


def _archived(prepared: Any) -> list[str]:
    """The archive files a batch pinned (content/published/...), to keep with the record."""
    from gongshi.content.archive import archive_label

    batch = prepared.publication.record.batches[-1]
    units = (*batch.published, *batch.updated, *batch.pinned)
    root = prepared.settings.content_path.parent
    return [str(root / archive_label(prepared.content, u.key, u.sha256)) for u in units if u.sha256]


def _record_path(config: Path, lang: str) -> Path:
    from gongshi.build.pelican_adapter import load_settings
    from gongshi.config.settings import resolve

    try:
        return resolve(load_settings(config)).record_path
    except GongshiError as error:
        _exit_for(error, lang)


def _content_folder(config: Path) -> Path | None:
    """PATH as Pelican will resolve it, read before the content folder exists (build.pelican_adapter)."""
    from gongshi.build.pelican_adapter import content_folder

    return content_folder(config)


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
