"""The command line layer: commands, their output, and the local preview server."""

from gongshi.cli import authoring  # noqa: F401  (registers new, import-report, import-ledger, export-ledger)
from gongshi.cli.commands import EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, main
from gongshi.cli.portal import init

main.add_command(init)

__all__ = ["EXIT_CONTENT", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "main"]
