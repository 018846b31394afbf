"""What every `gongshi` command shares: its options, how it leaves, and where its files are.

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
    gate_line,
    print_error,
    print_forecast,
    problem_dicts,
)
from gongshi.cli.text import LANGS, say
from gongshi.problems.errors import ConfigError, ContentError, GongshiError, Problem
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


def echo_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def exit_for(
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
        echo_json(data)
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


def usage_error(message: str) -> NoReturn:
    click.secho(message, fg="red", err=True)
    raise SystemExit(EXIT_USAGE)


def content_path(config: Path, lang: str) -> Path:
    """The content folder the build would read, from the same settings."""
    from gongshi.build.pelican_adapter import load_settings
    from gongshi.config.settings import resolve

    try:
        return resolve(load_settings(config)).content_path
    except GongshiError as error:
        exit_for(error, lang)


def record_path(config: Path, lang: str) -> Path:
    from gongshi.build.pelican_adapter import load_settings
    from gongshi.config.settings import resolve

    try:
        return resolve(load_settings(config)).record_path
    except GongshiError as error:
        exit_for(error, lang)
