"""Loading the content tree and checking what no single file can check alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .buildcache import FileCache, code_fingerprint, digest
from .errors import Problem, ProblemLog
from .lint import personal_data
from .model import Report, Round
from .reports import parse_report
from .rounds import parse_round
from .scaffold import PLACEHOLDER, find_placeholders
from .textfile import decode_text, read_text

ROUNDS_DIR = "rounds"
REPORTS_DIR = "reports"


@dataclass
class Content:
    """Everything read from `content/`, with every problem found on the way."""

    root: Path
    rounds: dict[str, Round] = field(default_factory=dict)
    reports: dict[tuple[str, str], Report] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # SHA-256 of every report file, by its label

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def rounds_newest_first(self) -> list[Round]:
        return sorted(self.rounds.values(), key=lambda r: (r.feedback_date, r.id), reverse=True)

    def report(self, round_id: str, unit_id: str) -> Report | None:
        return self.reports.get((round_id, unit_id))


def load_content(
    root: Path, as_of: dt.date, privacy_allow: frozenset[str] = frozenset(), cache: FileCache | None = None
) -> Content:
    """Read and check everything; `cache` keeps parsed reports between builds (keyed on their bytes)."""
    content = Content(root=root)
    if not root.is_dir():
        content.problems.append(
            Problem(
                str(root), None, "content.missing", "内容目录不存在。", "检查 pelicanconf.py 中的 PATH 设置。"
            )
        )
        return content
    _load_rounds(content)
    for round_ in content.rounds.values():
        if round_.revisits is not None and round_.revisits not in content.rounds:
            ProblemLog(round_.source, content.problems).error(
                None,
                "round.revisits-unknown",
                f"revisits 指向的轮次“{round_.revisits}”不存在。",
                f"已有轮次：{'、'.join(content.rounds)}。",
            )
    _load_reports(content, privacy_allow, cache or FileCache(None))
    for report in content.reports.values():
        _check_against_round(report, content, as_of)
    return content


def _relative(content: Content, path: Path) -> str:
    return path.relative_to(content.root.parent).as_posix()


def _load_rounds(content: Content) -> None:
    folder = content.root / ROUNDS_DIR
    if not folder.is_dir():
        content.problems.append(
            Problem(
                _relative(content, folder),
                None,
                "content.no-rounds",
                "没有 rounds 目录。",
                "每个巡察轮次在 content/rounds/ 下建一个 .toml 文件。",
            )
        )
        return
    for path in sorted(folder.iterdir()):
        log = ProblemLog(_relative(content, path), content.problems)
        if path.suffix != ".toml" or not path.is_file():
            log.warning(None, "content.ignored", "不是 .toml 文件，已忽略。", "轮次文件以 .toml 结尾。")
            continue
        text = read_text(path, log)
        parsed = parse_round(text, path.stem, log) if text is not None else None
        if parsed is None:
            continue
        if parsed.id in content.rounds:
            log.error(None, "round.duplicate", f"轮次编号“{parsed.id}”重复。", "每个轮次使用不同的编号。")
            continue
        content.rounds[parsed.id] = parsed


def _load_reports(content: Content, privacy_allow: frozenset[str], cache: FileCache) -> None:
    folder = content.root / REPORTS_DIR
    if not folder.is_dir():
        return
    code = code_fingerprint() if cache.folder is not None else ""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        label = _relative(content, path)
        log = ProblemLog(label, content.problems)
        if path.suffix != ".md":
            log.warning(None, "content.ignored", "不是 .md 文件，已忽略，不会发布。", "整改报告以 .md 结尾。")
            continue
        report = _read_report(path, label, privacy_allow, cache, code, content)
        if report is None:
            continue
        other = content.reports.get(report.key)
        if other is not None:
            log.error(
                report.header_lines.get("unit"),
                "report.duplicate",
                f"单位“{report.unit_id}”在轮次“{report.round_id}”已有报告：{other.source}。",
                "一个单位每轮只能有一份报告；删除或合并其中一份。",
            )
            continue
        content.reports[report.key] = report


def _read_report(
    path: Path, label: str, allowed: frozenset[str], cache: FileCache, code: str, content: Content
) -> Report | None:
    """Parse one report file, or take the result of parsing the very same bytes last time."""
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        content.digests[label] = digest(data)
    key = digest(code, label, "\0".join(sorted(allowed)), data) if data is not None and cache.folder else ""
    cached = cache.get(key) if key else None
    if cached is not None:
        problems, report = cached
        content.problems += problems
        return report
    problems: list[Problem] = []
    log = ProblemLog(label, problems)
    text = decode_text(data, log) if data is not None else read_text(path, log)
    if text is not None and PLACEHOLDER in text:  # an unfilled skeleton: say what to fill, not how it fails
        find_placeholders(text, log)
        text = None
    if text is not None:
        _check_privacy(text, allowed, log)
    report = parse_report(text, log) if text is not None else None
    content.problems += problems
    if key:
        cache.put(key, (problems, report))
    return report


def _check_privacy(text: str, allowed: frozenset[str], log: ProblemLog) -> None:
    lines = list(enumerate(text.split("\n"), start=1))
    for finding in personal_data(lines, allowed):
        log.error(
            finding.line,
            "privacy",
            f"疑似{finding.kind}“{finding.value}”，不能公开发布。",
            "删除或打码（如 138****1234）；若是公开的办公电话等，把这个值原样加入 GONGSHI_PRIVACY_ALLOW。",
        )


def _check_against_round(report: Report, content: Content, as_of: dt.date) -> None:
    log = ProblemLog(report.source, content.problems)
    lines = report.header_lines
    round_ = content.rounds.get(report.round_id)
    if round_ is None:
        known = "、".join(content.rounds) or "（无）"
        log.error(
            lines.get("round"), "report.round", f"轮次“{report.round_id}”不存在。", f"已有轮次：{known}。"
        )
        return
    unit = round_.unit(report.unit_id)
    if unit is None:
        log.error(
            lines.get("unit"),
            "report.unit-not-in-round",
            f"轮次“{round_.id}”的单位名单里没有“{report.unit_id}”。",
            f"检查单位编号，或在 {round_.source} 中补上这个单位。",
        )
    elif unit.name != report.unit_name:
        log.error(
            lines.get("unit-name"),
            "report.unit-name",
            f"单位名称“{report.unit_name}”与轮次文件中的“{unit.name}”不一致。",
            "检查是否从其他单位的报告复制而来；名称以轮次文件为准。",
        )
    for label, key, day in (
        ("报告日期", "date", report.date),
        ("会审日期", "review-date", report.review.date),
    ):
        if day > as_of:
            log.error(
                lines.get(key),
                "report.future",
                f"{label} {day} 晚于统计日期 {as_of}。",
                "检查日期，或用 --as-of 指定更晚的统计日期。",
            )
    if report.review.date < report.date:
        log.error(
            lines.get("review-date"),
            "report.review-before-report",
            "会审日期早于报告日期。",
            "检查两个日期。",
        )
    if report.date < round_.feedback_date:
        log.error(
            lines.get("date"),
            "report.before-feedback",
            f"报告日期早于巡察反馈日期 {round_.feedback_date}。",
            "检查报告日期。",
        )
    for item in report.ledger:
        if item.deadline is not None and item.deadline < round_.feedback_date:
            log.error(
                item.line,
                "ledger.deadline-before-feedback",
                f"第 {item.number} 项整改时限 {item.deadline} 早于巡察反馈日期 {round_.feedback_date}。",
                "整改时限应在反馈之后；检查年份是否写错。",
            )
        if item.completed_on is not None and item.completed_on > as_of:
            log.error(
                item.line,
                "ledger.completed-future",
                f"第 {item.number} 项完成时间 {item.completed_on} 晚于统计日期 {as_of}。",
                "完成时间不能是将来的日期；尚未完成请把状态改为“推进中”并清空完成时间。",
            )
