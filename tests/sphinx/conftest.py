"""The small test books of the Sphinx glue: Sphinx's own ``app`` fixture builds them in seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkbook import paths


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(autouse=True)
def _book_root_restored():
    """A test book points the package at its own folder (paths.use_root); point it back afterwards."""
    yield
    paths.use_root(None)
