"""`gongshi init DIR`: a new, empty portal for an office (authoring/init.py says what it holds)."""

from __future__ import annotations

from pathlib import Path

import click

from gongshi.cli.keep import keep
from gongshi.cli.options import lang_option, usage_error
from gongshi.cli.text import say

# What `init` asks for when it is not given as an option: (option, question, may be left empty).
QUESTIONS = (
    ("site_name", "网站名称 (site name, e.g. 某某市巡察整改公示)", False),
    ("publisher", "发布单位 (publisher, e.g. 中共某某市委巡察工作领导小组办公室)", False),
    ("site_url", "网站正式网址 (public address, https://…; Enter to leave empty)", True),
    ("survey_host", "满意度测评平台的主机名 (survey host; Enter to leave empty)", True),
)


@click.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--site-name", default=None, help="SITENAME, the portal's title (asked for when not given).")
@click.option("--publisher", default=None, help="Shown in every page's footer (asked for when not given).")
@click.option(
    "--site-url", default=None,
    help="GONGSHI_SITE_URL, e.g. https://xczg.example.gov.cn (for sitemap and feeds); asked for when not given.",
)  # fmt: skip
@click.option(
    "--survey-host", default=None,
    help="Host of the survey platform, e.g. myd.example.gov.cn (links and QR codes); asked for when not given.",
)  # fmt: skip
@click.option("--contact-email", default="", help="Contact e-mail for the open data (optional).")
@click.option("--contact-phone", default="", help="Contact phone for the open data (optional).")
@lang_option
def init(folder: Path, site_name: str | None, publisher: str | None, site_url: str | None,
         survey_host: str | None, contact_email: str, contact_phone: str, lang: str) -> None:  # fmt: skip
    """Start a new, empty portal in FOLDER: settings, an empty record, no demo content."""
    from gongshi.authoring.init import PortalDraft, check_portal_draft, portal_files

    existing = [name for name in ("pelicanconf.py", "content") if (folder / name).exists()]
    if existing:  # said before anything is asked about the new portal
        usage_error(say(lang, "init-not-empty", folder=folder, files=", ".join(existing)))
    given = {"site_name": site_name, "publisher": publisher, "site_url": site_url, "survey_host": survey_host}
    for name, question, optional in QUESTIONS:
        if given[name] is None:
            given[name] = click.prompt(question, default="" if optional else None, show_default=False)
    site_name, publisher, site_url, survey_host = (given[name] for name, _, _ in QUESTIONS)
    draft = PortalDraft(
        site_name.strip(), publisher.strip(), site_url.strip() or None, survey_host.strip() or None,
        contact_email.strip() or None, contact_phone.strip() or None,
    )  # fmt: skip
    wrong = check_portal_draft(draft)
    if wrong:
        usage_error("\n".join(say(lang, "init-bad-option", option=o, value=v) for o, v in wrong))
    files = portal_files(draft)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for empty in ("rounds", "reports"):  # an empty portal checks and builds before its first round
        (folder / "content" / empty).mkdir(exist_ok=True)
    click.echo(say(lang, "init-done", folder=folder))
    keep(lang, [folder / "pelicanconf.py", folder / "content"])
