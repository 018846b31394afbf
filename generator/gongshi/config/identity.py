"""What a government website's footer must carry, checked against the settings.

政府网站发展指引 asks every government site for its hosting body and contacts,
网站标识码, ICP备案号, 公安机关备案号 with its badge, the 党政机关 badge and a
找错 link; a portal that says it is one (GONGSHI_GOV_SITE) is warned of each
item left unset, so a missing one is noticed before the site goes live.
"""

from __future__ import annotations

from gongshi.config.settings import GongshiSettings

REQUIRED_CHANNEL = ("phone", "address", "email", "hours", "hotline")


def gov_site_missing(settings: GongshiSettings) -> list[str]:
    """The settings (by name) a government site's footer needs and this one lacks; empty when not one."""
    if not settings.gov_site:
        return []
    missing = [
        name
        for name, value in (
            ("GONGSHI_SITE_CODE", settings.site_code),
            ("GONGSHI_ICP", settings.icp),
            ("GONGSHI_ICP_URL", settings.icp_url),
            ("GONGSHI_POLICE_RECORD", settings.police_record),
            ("GONGSHI_POLICE_RECORD_URL", settings.police_record_url),
            ("GONGSHI_POLICE_BADGE", settings.police_badge),
            ("GONGSHI_GOV_BADGE", settings.gov_badge),
            ("GONGSHI_GOV_BADGE_URL", settings.gov_badge_url),
            ("GONGSHI_FIND_ERROR_URL", settings.find_error_url),
            ("GONGSHI_SITE_URL", settings.site_url),
        )
        if not value
    ]
    contact = settings.publisher_contact
    if not (contact.get("phone") or contact.get("email")):
        missing.append("GONGSHI_PUBLISHER_CONTACT['phone' | 'email']")
    missing += [f"GONGSHI_CHANNEL['{key}']" for key in REQUIRED_CHANNEL if not settings.channel.get(key)]
    return missing
