"""The command line layer: commands, their output, and the local preview server."""

from gongshi.cli.commands import EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, main

__all__ = ["EXIT_CONTENT", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "main"]
