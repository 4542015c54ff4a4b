"""Word files both ways: print sheets and register books, read documents back.

The only part of vanban that imports python-docx; import the submodules
(``vanban.docx.render``, ``vanban.docx.read``, ``vanban.docx.books``) where they are needed,
never at the top of a module outside this package.
"""

from __future__ import annotations
