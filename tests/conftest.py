"""Shared fixtures: the repository root, and a disposable copy of it for feeding the loader broken data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nkbook import paths

ROOT = paths.root()


@pytest.fixture
def book_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ and seeds/ in a temporary root; NKBOOK_ROOT points the package at it."""
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.setenv("NKBOOK_ROOT", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="session")
def built_book():
    """Build the book once per test run, strictly (-W -n --keep-going), into _build/ (execution is cached)."""
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT), "-W", "-n", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=os.environ.copy())
    return {"result": result, "html": ROOT / "_build" / "html"}
