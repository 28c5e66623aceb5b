"""Shared fixtures: the document renderings several test modules read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every fixture rendering (tests/fixtures/make_fixtures.py), written once per session."""
    for module in ("pypdf", "docx", "bs4", "reportlab"):
        pytest.importorskip(module)
    import make_fixtures as mf

    try:
        return mf.write_all(tmp_path_factory.mktemp("documents"))
    except FileNotFoundError as exc:  # shared/policies not beside this checkout
        pytest.skip(str(exc))
