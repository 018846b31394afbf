"""Where each public page lives, relative to the site root.

Pages are plain `.html` files (no directory indexes) so the built site also
works opened from disk, offline, as well as from any static web server.
"""

from __future__ import annotations

HOME = "index.html"
METHOD = "method.html"
BATCHES = "batches.html"
SEARCH = "search.html"
DATA = "data.html"
CONTACT = "contact.html"  # 我要反映: the standing channel
ACCESSIBILITY = "accessibility.html"  # 无障碍声明
PREVIEW = "preview.html"  # gongshi serve only: every unit the next batch adds or the preview leaves out
DATA_DIR = "data"
DATAPACKAGE = "data/datapackage.json"
BATCHES_FEED = "feeds/batches.atom.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def round_page(round_id: str) -> str:
    return f"rounds/{round_id}.html"


def report_page(round_id: str, unit_id: str) -> str:
    return f"rounds/{round_id}/{unit_id}.html"


def report_version(round_id: str, unit_id: str, number: int) -> str:
    """An earlier version of a report, kept reachable once a later one replaced it."""
    return f"rounds/{round_id}/{unit_id}/v{number}.html"


def archive_file(round_id: str, unit_id: str, sha256: str) -> str:
    """A published version's exact Markdown, named by its SHA-256 as the record pins it, so anyone
    can check the bytes against the record (content/published/<round>/<unit>/<sha256>.md). One
    folder a round, not a unit: a build makes every folder of its staging copy afresh."""
    return f"record/archive/{round_id}/{unit_id}.{sha256}.md"


def unit_page(unit_id: str) -> str:
    return f"units/{unit_id}.html"


def batch_page(number: int) -> str:
    return f"batches/{number}.html"


def qr_png(round_id: str, unit_id: str) -> str:
    return f"qr/{round_id}/{unit_id}.png"


def round_feed(round_id: str) -> str:
    return f"feeds/rounds/{round_id}.atom.xml"


def fragment_path(round_id: str, unit_id: str) -> str:
    """A report's CMS fragment, in the internal pack (never the public output)."""
    return f"fragments/{round_id}/{unit_id}.html"
