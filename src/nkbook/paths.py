"""Where the book's folders are.

The package is installed editable from the repository, so the repository root is two levels above
this file (``src/nkbook``).  ``NKBOOK_ROOT`` overrides it (tests use this to point at broken copies),
and inside a Sphinx build the book's folder is the build's source folder (:func:`use_root`).
"""

from __future__ import annotations

import os
from pathlib import Path

_root_in_use: Path | None = None


def use_root(folder: str | os.PathLike | None) -> None:
    """Read the book from ``folder`` from now on (``None``: back to ``NKBOOK_ROOT`` or the repository)."""
    global _root_in_use
    _root_in_use = Path(folder).resolve() if folder is not None else None


def root() -> Path:
    """The book's folder: the one holding ``_config.yml``, ``data/`` and ``seeds/``."""
    if _root_in_use is not None:
        return _root_in_use
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
