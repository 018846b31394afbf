"""The keys output files are made under: a file whose key is unchanged is linked, not made again.

A key covers everything that shapes a file's bytes: the code, the theme, the
settings (the fingerprint, shared by every file), the bytes of the reports the
file shows and what the record says of their units (first publication,
updates, revisions), and a batch page's own entry. So a revision or an update
makes again the pages of its unit, not every page.

The as-of date is not in the fingerprint: a page showing reports holds what the
date decides of them (`ReportView.date_state`: days overdue, extensions in
force, a channel or a survey closed, the date its figures are stated as of), so
a build on the next day makes again only the pages that changed with the day;
pages showing no report are made on every build. Coarse on purpose: a miss
costs a render, a wrong hit would publish a stale page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from gongshi.config.settings import GongshiSettings
from gongshi.content.archive import ARCHIVE_DIR
from gongshi.content.loader import Content
from gongshi.infra.cache import code_fingerprint, digest, tree_digest
from gongshi.rules.record import Record
from gongshi.site.views import Page, RoundView, date_states
from gongshi.surveys.links import SurveyLinks

# Settings that name folders of this machine, not anything the output shows.
_UNSTABLE = ("OUTPUT_PATH", "GONGSHI_INTERNAL_PATH", "PATH", "THEME", "PLUGIN_PATHS")


def fingerprint(config: Mapping[str, Any], settings: GongshiSettings, links: SurveyLinks) -> str:
    """What every page depends on besides the reports it shows."""
    theme = Path(str(config.get("THEME", "")))
    plugins = [Path(str(p)) for p in config.get("PLUGIN_PATHS") or []]
    content = settings.content_path
    # reports are keyed one by one; the record by its head (the file changes during a --batch build)
    skip = {"reports", "published", settings.record_path.name}  # the archive is keyed like reports
    shared = [p for p in sorted(content.iterdir()) if p.name not in skip] if content.is_dir() else []
    visible = {
        k: v for k, v in vars(settings).items() if k not in ("output_path", "internal_path", "cache_path")
    }
    fixed = {k: repr(config.get(k)) for k in sorted(config) if k.isupper() and not k.startswith("_")}
    for unstable in _UNSTABLE:
        fixed.pop(unstable, None)
    return digest(
        code_fingerprint(*(p for p in (theme, *plugins) if p.is_dir())),
        repr(sorted(visible.items(), key=lambda kv: kv[0])),
        repr(fixed),
        tree_digest(p for p in shared if p.is_dir()),
        *(f"{p.name}:{p.read_bytes().hex()}" for p in shared if p.is_file()),
        digest(links.key) if links.key else "unsigned",
    )


class Keys:
    """Keys of one build's files; every method returns None when the build caches nothing."""

    def __init__(self, fingerprint: str, content: Content, record: Record | None = None):
        self.fingerprint = fingerprint
        self._digests = content.digests
        self._record = record or Record()
        self._told: dict[str, str] = {}  # what the record says of a report file's unit, by its label

    def page(self, page: Page) -> str | None:
        """A page that shows particular reports is keyed on them and on everything global."""
        if not self.fingerprint or not page.sources:
            return None
        batch_view = page.values.get("batch_view")
        entry = batch_view.batch.hash if batch_view is not None else ""  # a reset record may redo batch N
        return self._keyed(page.path, page.template, entry, page.dated, sources=page.sources)

    def round_data(self, view: RoundView) -> str | None:
        """A round's open-data files change with its public reports and with everything global."""
        if not self.fingerprint:
            return None
        dated = date_states(view.reports) + repr([w.withdrawal for w in view.withdrawn])
        return self._keyed("data", view.round.id, dated, sources=[r.report.source for r in view.reports])

    def data(self) -> str | None:
        """The open-data files for all rounds, beyond the rounds' own keys."""
        return digest(self.fingerprint, "data") if self.fingerprint else None

    def _keyed(self, *parts: str, sources: Iterable[str]) -> str:
        """Everything global, `parts`, the bytes of the reports named by `sources` and what the record
        says of their units."""
        shown = list(sources)
        return digest(self.fingerprint, *parts, *(self._digests[s] for s in shown), *map(self._said, shown))

    def _said(self, label: str) -> str:
        """What the record says of the unit: a report is shown on five pages or more, so it is said once."""
        found = self._told.get(label)
        if found is None:
            found = self._told[label] = repr(self._record.versions(_unit_of(label)))
        return found


def _unit_of(label: str) -> tuple[str, str]:
    """The unit a report file is of, from its place: reports/<round>/<unit>.md, or the archive's
    published/<round>/<unit>/<sha256>.md (content/archive.py)."""
    *folders, name = label.split("/")  # strings, not paths: asked for every report on every build
    if len(folders) >= 3 and folders[-3] == ARCHIVE_DIR:
        return (folders[-2], folders[-1])
    dot = name.rfind(".")
    return (folders[-1] if folders else "", name[:dot] if 0 < dot < len(name) - 1 else name)
