"""A published report's versions as its pages list them: first publication, updates, revisions.

The current version lives at the report's own address; each earlier one whose
text was kept (content/published/) at `rounds/<round>/<unit>/v<N>.html`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongshi.content.metrics import LedgerMetrics
from gongshi.content.model import ReportHead
from gongshi.rules.record import Version
from gongshi.site import urls

Key = tuple[str, str]

KIND_LABELS = {"publish": "首次公示", "update": "进展更新", "revision": "修订"}


@dataclass(frozen=True)
class VersionView:
    """One published version of a report, as its history lists it."""

    version: Version
    url: str | None  # None: published before versions were kept, so not reachable
    current: bool
    archive: str | None = None  # its exact Markdown (record/archive/...); None: no bytes were pinned

    @property
    def label(self) -> str:
        return KIND_LABELS[self.version.kind]

    @property
    def batch_url(self) -> str | None:
        return urls.batch_page(self.version.batch) if self.version.batch is not None else None


# an earlier version's head and figures, read from the archive: (unit, SHA-256) -> them, or None
Earlier = Callable[[Key, str], tuple[ReportHead, LedgerMetrics] | None]


def versions_of(key: Key, versions: tuple[Version, ...], earlier: Earlier | None) -> tuple[VersionView, ...]:
    """The current version lives at the report's own address; an earlier one at its own, when its
    bytes were kept (a first publication from before pinning was not) and still read as a report."""
    last = len(versions) - 1

    def url(n: int, v: Version) -> str | None:
        if n == last:
            return urls.report_page(*key)
        readable = v.sha256 and earlier is not None and earlier(key, v.sha256) is not None
        return urls.report_version(*key, v.number) if readable else None

    return tuple(
        VersionView(v, url(n, v), n == last, urls.archive_file(*key, v.sha256) if v.sha256 else None)
        for n, v in enumerate(versions)
    )
