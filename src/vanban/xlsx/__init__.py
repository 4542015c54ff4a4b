"""Excel output (the only part of vanban that imports openpyxl)."""

from __future__ import annotations
