"""The feature files themselves: Vietnamese Gherkin, NFC-normalised (else they do not parse)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

FEATURES = sorted(Path(__file__).parent.glob("*.feature"))


def test_there_are_features() -> None:
    assert FEATURES


@pytest.mark.parametrize("path", FEATURES, ids=[p.name for p in FEATURES])
def test_feature_file_is_vietnamese_nfc(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# language: vi\n"), f"{path.name}: dòng đầu phải là «# language: vi»"
    assert unicodedata.normalize("NFC", text) == text, f"{path.name} chưa chuẩn hóa NFC"
