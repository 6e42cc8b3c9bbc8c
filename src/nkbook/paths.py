"""Where the book's folders are.

The package is installed editable from the repository, so the repository root is two levels above
this file (``src/nkbook``).  ``NKBOOK_ROOT`` overrides it (tests use this to point at broken copies).
"""

from __future__ import annotations

import os
from pathlib import Path


def root() -> Path:
    """The repository root: the folder holding ``_config.yml``, ``data/`` and ``seeds/``."""
    override = os.environ.get("NKBOOK_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    return root() / "data"


def seeds_dir() -> Path:
    return root() / "seeds"


def exercises_dir() -> Path:
    return root() / "exercises"


def chapters_dir() -> Path:
    return root() / "chapters"
