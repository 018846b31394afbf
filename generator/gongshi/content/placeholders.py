"""The marker of a value staff must still fill in: a report that holds it can never be published."""

from __future__ import annotations

from gongshi.problems.errors import ProblemLog

PLACEHOLDER = "【待填写】"


def find_placeholders(text: str, log: ProblemLog) -> None:
    """A report still holding the skeleton's marker is not finished: one error, at the first such
    line, listing every line (a fresh skeleton has some thirty; one line each would bury the rest)."""
    lines = [number for number, line in enumerate(text.split("\n"), start=1) if PLACEHOLDER in line]
    if lines:
        count = sum(line.count(PLACEHOLDER) for line in text.split("\n"))
        log.error(lines[0], "report.placeholder", placeholder=PLACEHOLDER, count=count, lines=lines)
