"""The `gongshi` command. The only module that prints and chooses exit codes.

Exit codes: 0 success; 1 content errors (fix the files named); 2 usage or
configuration error; 3 internal failure (the build broke after validation).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from .errors import ConfigError, ContentError, GongshiError, Problem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class AsOfDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} 不是 YYYY-MM-DD 格式的日期", param, ctx)


config_option = click.option(
    "--config", "-c", type=click.Path(path_type=Path), default=Path("pelicanconf.py"), show_default=True,
    help="Pelican settings file of the portal.",
)  # fmt: skip
as_of_option = click.option(
    "--as-of", type=AsOfDate(), default=None, help="统计日期 (as-of date); default: today."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gongshi")
def main() -> None:
    """Gongshi (公示): build the public inspection-rectification portal."""


@main.command()
@config_option
@as_of_option
@click.option(
    "--batch", is_flag=True, help="Publish a batch: append the units that pass the gate to the record."
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Public output folder (default: OUTPUT_PATH).",
)
def build(config: Path, as_of: dt.date | None, batch: bool, output: Path | None) -> None:
    """Validate content, apply the gate and build the public site.

    Without --batch the build is a preview: the site shows what the record
    has published, and the summary says what the next batch would add.
    """
    from .runner import build as run_build

    try:
        result = run_build(config, as_of=as_of, batch=batch, output=output)
    except GongshiError as error:
        _exit_for(error)
    _print_build_summary(result)


@main.command()
@config_option
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Print problems as JSON (for CI).")
def check(config: Path, as_of: dt.date | None, as_json: bool) -> None:
    """Validate the content alone; write nothing."""
    from .runner import load_settings, prepare

    overrides = {"GONGSHI_AS_OF": as_of} if as_of else {}
    try:
        runtime = prepare(load_settings(config, overrides), batch=False)
    except ContentError as error:
        if not as_json:
            _exit_for(error)
        _echo_json({"ok": False, "problems": [p.as_dict() for p in error.problems]})
        raise SystemExit(EXIT_CONTENT) from error
    except GongshiError as error:
        _exit_for(error)
    if as_json:
        _echo_json({"ok": True, "problems": [p.as_dict() for p in runtime.warnings]})
        return
    _print_problems(runtime.warnings)
    click.echo(
        f"检查通过：{len(runtime.content.rounds)} 个轮次，{len(runtime.content.reports)} 份报告，没有错误。"
    )


@main.command()
@config_option
@as_of_option
@click.option("--round", "round_id", required=True, help="Round id of the published report.")
@click.option("--unit", "unit_id", required=True, help="Unit id of the published report.")
@click.option("--reason", required=True, help="Why it is withdrawn; shown publicly.")
def withdraw(config: Path, as_of: dt.date | None, round_id: str, unit_id: str, reason: str) -> None:
    """Withdraw a published report (撤回公示): append a withdrawal to the record."""
    from .runner import withdraw as run_withdraw

    try:
        record = run_withdraw(config, round_id, unit_id, reason, as_of)
    except GongshiError as error:
        _exit_for(error)
    click.echo(
        f"已记录撤回：{round_id}/{unit_id}（{record.entries[-1].date}）。重新运行 gongshi build 后生效；请提交公示记录文件。"
    )


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
def verify(folder: Path) -> None:
    """Check a deployed public folder against its manifest.json."""
    from .manifest import ManifestError
    from .manifest import verify as run_verify

    try:
        result = run_verify(folder)
    except ManifestError as error:
        click.secho(str(error), fg="red", err=True)
        raise SystemExit(EXIT_USAGE) from error
    for label, names in (
        ("多出的文件 (added)", result.added),
        ("缺少的文件 (missing)", result.missing),
        ("被改动的文件 (altered)", result.altered),
    ):
        for name in names:
            click.echo(f"{label}: {name}")
    if not result.ok:
        click.secho("校验失败：网站文件与清单不符。", fg="red", err=True)
        raise SystemExit(EXIT_CONTENT)
    click.echo(f"校验通过：与清单一致（统计日期 {result.as_of}，第{result.batch}批）。")


def _echo_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _exit_for(error: GongshiError) -> NoReturn:
    """Say what went wrong on stderr and leave with the documented exit code."""
    if isinstance(error, ContentError):
        _print_problems(error.problems)
        errors = sum(p.is_error for p in error.problems)
        click.secho(f"发现 {errors} 处错误，未生成网站；原有网站保持不变。", fg="red", err=True)
        raise SystemExit(EXIT_CONTENT) from error
    if isinstance(error, ConfigError):
        click.secho(f"配置错误 (configuration error): {error}", fg="red", err=True)
        raise SystemExit(EXIT_USAGE) from error
    click.secho(f"构建失败 (build failed): {error}", fg="red", err=True)
    click.echo("原有网站保持不变。", err=True)
    raise SystemExit(EXIT_INTERNAL) from error


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        label = click.style("错误", fg="red") if problem.is_error else click.style("提示", fg="yellow")
        click.echo(f"{problem.location()}: {label}: {problem.message}", err=True)
        if problem.hint:
            click.echo(f"    怎么改：{problem.hint}", err=True)


def _print_build_summary(result) -> None:
    runtime = result.runtime
    publication = runtime.publication
    _print_problems(runtime.warnings)
    content = runtime.content
    click.echo(
        f"统计日期 {runtime.settings.as_of}：读取 {len(content.rounds)} 个轮次、{len(content.reports)} 份报告。"
    )
    click.echo(f"已公示 {len(publication.public)} 份报告。")
    if publication.batch_written:
        batch = publication.record.batches[-1]
        click.echo(
            f"已生成第{batch.number}批公示（{batch.date}）：新公示 {len(batch.published)} 个单位，延后公示 {batch.deferred} 个。"
        )
    elif publication.candidates:
        names = "、".join(_unit_name(content, key) for key in publication.candidates)
        click.echo(
            f"预览：下一批（第{publication.record.next_number}批）将公示 {len(publication.candidates)} 个单位：{names}。用 --batch 正式公示。"
        )
    else:
        click.echo("没有新的单位可以公示。")
    held = publication.held()
    if held:
        click.echo(f"延后公示 / 不能公示 {len(held)} 个：")
        for decision in held:
            click.echo(
                f"  - {_unit_name(content, (decision.round_id, decision.unit_id))}（{decision.round_id}）：{decision.main_reason}"
            )
    pending = publication.pending()
    if pending:
        click.echo(f"尚未报送报告（未到期限）{len(pending)} 个。")
    for note in runtime.notes:  # e.g. whether survey links are signed
        click.echo(note)
    click.echo(
        f"写出 {runtime.pages_written} 个页面（共 {result.files_written} 个文件）到 {result.output_path}，"
        f"内部材料在 {runtime.settings.internal_path}，用时 {result.seconds:.1f} 秒。"
    )


def _unit_name(content, key) -> str:
    round_ = content.rounds.get(key[0])
    unit = round_.unit(key[1]) if round_ else None
    return unit.name if unit else key[1]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
