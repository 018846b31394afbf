"""Who runs the portal and how to reach them: the footer a government site must carry,
the standing channel for reporting a problem, and what a shared link shows.

Every item comes from a setting; badge and share images are local files the
office supplies, copied into the output, so no page fetches anything from
another host when it is viewed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from gongshi.config.settings import GongshiSettings

FOLDER = "identity"  # where the office's images are copied, relative to the site root


@dataclass(frozen=True)
class Identity:
    publisher: str
    contact: Mapping[str, str] = field(default_factory=dict)
    channel: Mapping[str, str] = field(default_factory=dict)
    site_url: str | None = None
    site_code: str | None = None
    icp: str | None = None
    icp_url: str | None = None
    police_record: str | None = None
    police_record_url: str | None = None
    police_badge: str | None = None  # path in the output
    gov_badge: str | None = None
    gov_badge_url: str | None = None
    find_error_url: str | None = None
    share_image: str | None = None

    @property
    def has_channel(self) -> bool:
        return any(self.channel.get(k) for k in ("phone", "address", "email", "hotline", "url"))

    def page_url(self, path: str) -> str | None:
        """The page's public address, when the portal's address is known."""
        return f"{self.site_url}/{path}" if self.site_url else None

    def find_error(self, path: str) -> str | None:
        """The 找错 link for one page: the site code and the page's address, URL-encoded."""
        if not self.find_error_url or not self.site_code:
            return None
        page = self.page_url(path) or path
        return self.find_error_url.replace("{code}", quote(self.site_code, safe="")).replace(
            "{url}", quote(page, safe="")
        )

    def share_image_url(self, site_root: str) -> str | None:
        """og:image: absolute when the portal's address is known (WeChat needs it), else relative."""
        if not self.share_image:
            return None
        return f"{self.site_url}/{self.share_image}" if self.site_url else f"{site_root}/{self.share_image}"


def identity(settings: GongshiSettings) -> Identity:
    files = identity_files(settings)
    by_source = {source: path for path, source in files.items()}
    police_url = None
    if settings.police_record and settings.police_record_url:
        digits = "".join(re.findall(r"\d", settings.police_record))
        police_url = settings.police_record_url.replace("{code}", digits)
    return Identity(
        publisher=settings.publisher,
        contact=dict(settings.publisher_contact),
        channel=dict(settings.channel),
        site_url=settings.site_url,
        site_code=settings.site_code,
        icp=settings.icp,
        icp_url=settings.icp_url,
        police_record=settings.police_record,
        police_record_url=police_url,
        police_badge=by_source.get(settings.police_badge) if settings.police_badge else None,
        gov_badge=by_source.get(settings.gov_badge) if settings.gov_badge else None,
        gov_badge_url=settings.gov_badge_url,
        find_error_url=settings.find_error_url,
        share_image=by_source.get(settings.share_image) if settings.share_image else None,
    )


def identity_files(settings: GongshiSettings) -> dict[str, Path]:
    """Output path → the office's local file, for every image the pages show."""
    files: dict[str, Path] = {}
    for name, source in (
        ("gov-badge", settings.gov_badge),
        ("police-badge", settings.police_badge),
        ("share", settings.share_image),
    ):
        if source is not None:
            files[f"{FOLDER}/{name}{source.suffix.lower()}"] = source
    return files
