"""Pelican plugin of Gongshi: refuses a plain `pelican` run of a Gongshi portal.

`gongshi build` uses Pelican only to read the settings file and to render the
theme's templates (generator/gongshi/build/pelican_adapter.py); it never
starts Pelican's own run. A plain `pelican -s pelicanconf.py` would skip
the validation, the gate and the publication record, so it is refused with
a clear message instead of writing a site that is not the portal. The
settings file must name this plugin, so that such a run always meets it.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from gongshi.problems.errors import ConfigError
from gongshi.problems.messages import DEFAULT_LANGUAGE, LANGUAGES

logger = logging.getLogger(__name__)

EXIT_USAGE = 2  # as `gongshi` exits for a usage error


def refuse(pelican) -> None:
    lang = os.environ.get("GONGSHI_LANG", DEFAULT_LANGUAGE)
    message, hint = ConfigError.of("config.plain-pelican").text(
        lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    )
    logger.critical("%s %s", message, hint)
    raise SystemExit(EXIT_USAGE)


def register():
    signals.initialized.connect(refuse)
