"""How the command shows problems, progress and the build summary.

Problems go to stderr, one per line with file:line first so editors and CI
logs can jump to them; the summary goes to stdout. Colour and the progress
bar only when a person is watching a terminal.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import click
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gongshi.cli.text import say
from gongshi.problems.errors import ConfigError, ContentError, GongshiError, Problem
from gongshi.rules.forecast import GateForecast, UnitForecast
from gongshi.site.summary import BuildSummary, UnitLine

PROGRESS_MIN_PAGES = 200  # below this a build takes a second or two: a bar would only flicker
SHOWN_UNITS = 30  # longer lists are cut in the table; --json always has them all


def interactive() -> bool:
    """A person at a terminal, not CI, a pipe or a test runner."""
    return _stderr().is_terminal and not os.environ.get("CI")


def problem_lines(problem: Problem, lang: str) -> tuple[str, str]:
    render = getattr(problem, "text", None)
    return render(lang) if callable(render) else (problem.message, problem.hint)


def print_problems(problems: list[Problem], lang: str) -> None:
    for problem in problems:
        message, hint = problem_lines(problem, lang)
        label = say(lang, "error" if problem.is_error else "warning")
        colour = "red" if problem.is_error else "yellow"
        click.echo(f"{problem.location()}: {click.style(label, fg=colour)}: {message}", err=True)
        if hint:
            click.echo(f"    {say(lang, 'how-to-fix')}{hint}", err=True)


def problem_dicts(problems: list[Problem], lang: str) -> list[dict[str, object]]:
    result = []
    for problem in problems:
        data = problem.as_dict()
        data["message"], data["hint"] = problem_lines(problem, lang)
        result.append(data)
    return result


def print_error(error: GongshiError, lang: str) -> None:
    """An error as every command says it: content problems, configuration errors, or a failure."""
    if isinstance(error, ContentError):
        print_problems(error.problems, lang)
    elif isinstance(error, ConfigError):
        print_problems(error.problems, lang)  # content problems found in the same run, if any
        for each in error.errors:
            click.secho(say(lang, "config-error", error=each), fg="red", err=True)
    else:
        click.secho(say(lang, "build-failed", error=error), fg="red", err=True)


def error_dicts(errors: tuple[GongshiError, ...], lang: str) -> list[dict[str, object]]:
    """Configuration errors for --json, in `lang`."""
    return [dict(zip(("code", "message", "hint"), (e.code, *e.text(lang)), strict=True)) for e in errors]


@contextmanager
def page_progress(lang: str, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback for the page writer, or None when nobody would see the bar."""
    if not enabled or not interactive():
        yield None
        return
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=_stderr(), transient=True,
    )  # fmt: skip
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if total < PROGRESS_MIN_PAGES:
            return
        if task is None:
            task = progress.add_task(say(lang, "progress-pages"), total=total)
        progress.update(task, completed=done)

    with progress:
        yield advance


def print_summary(summary: BuildSummary, lang: str, signing: str | None, key_env: str) -> None:
    watched = interactive()  # a log or a pipe gets plain text wide enough not to wrap names
    console = Console(
        highlight=False, force_terminal=None if watched else False, width=None if watched else 160
    )
    console.print(say(lang, "summary-title", as_of=summary.as_of), style="bold")
    counts = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    counts.add_column(say(lang, "col-what"))
    counts.add_column(say(lang, "col-count"), justify="right")
    new_row = "row-new-preview" if summary.preview else "row-new-batch"
    for key, value in (
        (new_row, len(summary.new)),
        ("row-public", len(summary.already_public)),
        ("row-held", len(summary.held)),
        ("row-blocked", len(summary.not_publishable)),
        ("row-withdrawn", summary.withdrawn),
        ("row-warnings", summary.warnings),
        ("row-pages", f"{summary.pages - summary.pages_reused} / {summary.pages_reused}"),
        ("row-files", summary.files),
        ("row-qr", f"{summary.qr_made} / {summary.qr_reused}"),
        ("row-seconds", f"{summary.seconds:.1f}"),
    ):
        counts.add_row(say(lang, key), str(value))
    console.print(counts)
    for key, units, with_reason in (
        (new_row, summary.new, False),
        ("row-held", summary.held, True),
        ("row-blocked", summary.not_publishable, True),
    ):
        if units:
            console.print(_unit_table(say(lang, key), units, lang, with_reason))
    if summary.batch_number is not None:
        console.print(say(lang, "batch-written", number=summary.batch_number, new=len(summary.new)))
    elif summary.new:
        console.print(say(lang, "preview", number=summary.next_batch, new=len(summary.new)))
    else:
        console.print(say(lang, "nothing-new"))
    if summary.updated:
        key = "preview-updated" if summary.preview else "batch-updated"
        names = (
            "、".join(u.name for u in summary.updated)
            if lang == "zh"
            else ", ".join(u.unit_id for u in summary.updated)
        )
        console.print(say(lang, key, count=len(summary.updated), units=names))
    if signing is not None:
        console.print(say(lang, signing, env=key_env))
    console.print(say(lang, "written-to", output=summary.output, internal=summary.internal))


def print_forecast(gate: GateForecast, lang: str) -> None:
    """What the gate would decide at the as-of date, unit by unit, with the main reason of a hold."""
    watched = interactive()
    console = Console(
        highlight=False, force_terminal=None if watched else False, width=None if watched else 160
    )
    title = "gate-title-stopped" if gate.stopped else "gate-title"
    console.print(say(lang, title, as_of=gate.as_of), style="bold")
    for key, units, with_reason in (
        ("row-errors", gate.errors, True),
        ("row-new-preview", gate.publish, False),
        ("row-held", gate.held, True),
        ("row-blocked", gate.not_publishable, True),
    ):
        if units:
            console.print(_unit_table(say(lang, key), units, lang, with_reason))


def gate_line(gate: GateForecast, lang: str) -> str:
    """The forecast in one sentence, under "检查通过" or the errors."""
    counts = {
        "as_of": gate.as_of, "publish": len(gate.publish), "held": len(gate.held),
        "blocked": len(gate.not_publishable), "public": len(gate.public), "errors": len(gate.errors),
    }  # fmt: skip
    return say(lang, "check-gate-stopped" if gate.stopped else "check-gate", **counts)


def _unit_table(title: str, units: Sequence[UnitLine | UnitForecast], lang: str, with_reason: bool) -> Table:
    table = Table(
        title=f"{title}（{len(units)}）" if lang == "zh" else f"{title} ({len(units)})",
        box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False,
    )  # fmt: skip
    table.title_justify = "left"
    table.add_column(say(lang, "col-unit"))
    table.add_column(say(lang, "col-round"))
    if with_reason:
        table.add_column(say(lang, "col-reason"))
    for unit in units[:SHOWN_UNITS]:
        reason = unit.reason_en if lang == "en" else unit.reason
        table.add_row(unit.name, unit.round_id, *([reason] if with_reason else []))
    if len(units) > SHOWN_UNITS:
        table.add_row(f"… +{len(units) - SHOWN_UNITS}", "", *([""] if with_reason else []))
    return table


def _stderr() -> Console:
    return Console(stderr=True)
