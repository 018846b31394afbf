"""The `gongshi` command and what it does with a portal: build, check, serve, withdraw, keygen, verify.

The commands that write content for staff are in cli/authoring.py, `init` in
cli/portal.py; what they share (options, exit codes, messages on the way
out) in cli/options.py. The command line is the only layer that prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from gongshi.cli.keep import as_typed, keep
from gongshi.cli.options import (
    EXIT_CONTENT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    as_of_option,
    config_option,
    echo_json,
    exit_for,
    future_date_option,
    json_option,
    lang_option,
    record_path,
    usage_error,
)
from gongshi.cli.output import (
    gate_line,
    page_progress,
    print_forecast,
    print_problems,
    print_summary,
    problem_dicts,
)
from gongshi.cli.text import say
from gongshi.content.archive import ARCHIVE_DIR
from gongshi.problems.errors import ContentError, GongshiError

__all__ = ["EXIT_CONTENT", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "main"]


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
    round_ids: tuple[str, ...],
    output: Path | None,
    future_date: bool,
    record_reset: str | None,
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
                config, as_of=as_of, batch=batch, output=output, progress=progress, future_date=future_date,
                record_reset=record_reset, rounds=frozenset(round_ids), fragments=fragments,
            )  # fmt: skip
    except GongshiError as error:
        exit_for(error, lang, as_json, builds_site=True)
    prepared = result.prepared
    summary = result.summary()
    if as_json:
        data: dict[str, Any] = {"ok": True, **summary.as_dict()}
        data["survey_links"] = prepared.survey_signing
        data["rounds"] = sorted(set(round_ids))  # the rounds the batch was limited to; [] for all
        written = prepared.publication.batch_written
        data["changed_files"] = [str(prepared.settings.record_path), *_archived(prepared)] if written else []
        data["problems"] = problem_dicts(prepared.warnings, lang)
        echo_json(data)
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
        exit_for(error, lang, as_json, outcome="errors-found-check", gate=gate)
    except GongshiError as error:
        exit_for(error, lang, as_json, outcome="errors-found-check")
    gate = forecast(prepared.content, prepared.publication)
    if as_json:
        echo_json({"ok": True, "problems": problem_dicts(prepared.warnings, lang), "gate": gate.as_dict()})
        return
    print_problems(prepared.warnings, lang)
    print_forecast(gate, lang)
    content = prepared.content
    click.echo(say(lang, "check-ok", rounds=len(content.rounds), reports=len(content.reports)))
    click.echo(gate_line(gate, lang))


def published_report_options(reason: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--round, --unit, --reason and --future-date: what a command that appends to the record about one
    published report (withdraw, revise) is told."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = future_date_option(command)
        command = click.option("--reason", required=True, help=reason)(command)
        command = click.option("--unit", "unit_id", required=True, help="Unit id of the published report.")(
            command
        )
        return click.option("--round", "round_id", required=True, help="Round id of the published report.")(
            command
        )

    return decorate


@main.command()
@config_option
@as_of_option
@published_report_options("Why it is withdrawn; shown publicly.")
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
    """Withdraw a published report (撤回公示): append a withdrawal to the record, and take the report
    off the deployed site at once, even when other content does not build yet."""
    from gongshi.build.runner import withdraw as run_withdraw
    from gongshi.build.withdrawal import SiteUpdate

    try:
        done = run_withdraw(config, round_id, unit_id, reason, as_of, future_date=future_date)
    except GongshiError as error:
        exit_for(error, lang, outcome="errors-found-withdraw")
    print_problems(list(done.stopped), lang)  # what stopped the full build, to fix next
    said = {
        "unit": f"{round_id}/{unit_id}",
        "date": done.record.entries[-1].date,
        "output": as_typed(done.output),
    }
    click.echo(say(lang, "withdrawn", **said))
    click.echo(say(lang, f"withdrawn-{done.site}", **said), err=done.site is SiteUpdate.FAILED)
    keep(lang, [], record=record_path(config, lang))
    if done.error is not None:
        exit_for(done.error, lang, builds_site=True)


@main.command()
@config_option
@as_of_option
@published_report_options("Why the published report is corrected; shown publicly.")
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
        exit_for(error, lang, outcome="errors-found-revise")
    unit = f"{round_id}/{unit_id}"
    click.echo(say(lang, "revised", unit=unit, date=record.entries[-1].date, archive=archived))
    keep(lang, [config.parent / archived], record=record_path(config, lang))


def _archived(prepared: Any) -> list[str]:
    """The archive files a batch pinned (content/published/...), to keep with the record."""
    from gongshi.content.archive import archive_label

    batch = prepared.publication.record.batches[-1]
    units = (*batch.published, *batch.updated, *batch.pinned)
    root = prepared.settings.content_path.parent
    return [str(root / archive_label(prepared.content, u.key, u.sha256)) for u in units if u.sha256]


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
        exit_for(error, lang)
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
        usage_error(say(lang, "serve-modes"))
    if show_all and bind not in ("127.0.0.1", "localhost", "::1"):
        usage_error(say(lang, "serve-all-local", bind=bind))
    mode = PreviewMode.PUBLISHED if published else PreviewMode.ALL if show_all else PreviewMode.NEXT
    try:
        preview = Preview(config, as_of, mode, lang, frozenset(round_ids))
    except GongshiError as error:
        exit_for(error, lang)
    preview.run(bind, port)
