"""Bind every Vietnamese feature of this folder to the step definitions in conftest.py.

``bdd_features_base_dir = "features"`` (pyproject) makes feature paths relative to this
folder, so "." is all of them. pytest-bdd asks for step fixtures only while a scenario runs,
so the ``world`` fixture is named here up front: that is what lets pytest see ``db_url``
at collection and run every scenario once per engine in VANBAN_TEST_ENGINES.
"""

from __future__ import annotations

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("world")

scenarios(".")
