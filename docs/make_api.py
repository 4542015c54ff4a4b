"""Write the API reference of vanban's public surface (``vanban.__all__``) to docs/api/ with pdoc.

Run ``python docs/make_api.py`` after changing a public signature or docstring; CI regenerates it
and fails when the committed pages differ.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pdoc
import pdoc.render

OUT = Path(__file__).with_name("api")


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    # No source listing: the pages change with the API, not with every edit of a function's body.
    pdoc.render.configure(show_source=False, search=False, docformat="markdown")
    pdoc.pdoc("vanban", output_directory=OUT)


if __name__ == "__main__":
    main()
