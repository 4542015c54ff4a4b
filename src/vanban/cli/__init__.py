"""The ``vanban`` command line (the only importer of click).

Every command group lives in a module of its own; this is the one place they join the root group.
"""

from vanban.cli import access, documents, files, i18n, lifecycle, links, papers, setup, trust
from vanban.cli.app import cli, main

for _group in (setup, documents, files, links, lifecycle, papers, trust, access):
    for _command in _group.COMMANDS:
        cli.add_command(_command)
i18n.localize(cli)

__all__ = ["cli", "main"]
