"""Gongshi (公示): a static portal for publishing inspection-rectification outcomes.

The package follows the build, lowest layer first; a folder imports only from
folders above it in this list (tests/test_docs_and_layout.py holds it to that):

    infra/      caches, staging, atomic swap, worker pools (no domain knowledge)
    problems/   errors and the bilingual message catalog
    config/     the GONGSHI_* settings, resolved once
    content/    rounds, reports, the one ledger grammar, dates, per-report checks, 公文 text shapes
    rules/      the gate, the publication record, batches, satisfaction
    surveys/    survey links, QR codes, posters, survey-platform exports
    site/       the public pages and staff pack as data, feeds, open data
    authoring/  skeletons, Word and spreadsheet imports, the ledger export: content for staff
    build/      prepare, render (Pelican is only a renderer), search, manifest, swap
    cli/        the `gongshi` command: the only layer that prints

docs/internals.md is the map: the data flow of a build and where to change what.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gongshi")
except PackageNotFoundError:  # run from a source tree without installing
    __version__ = "0+unknown"

__all__ = ["__version__"]
