"""The ``vanban`` command line (the only importer of click)."""

from vanban.cli.app import cli, main

__all__ = ["cli", "main"]
