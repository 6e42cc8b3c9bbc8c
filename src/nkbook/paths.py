"""Where the book's folders are.

The package is installed editable from the repository, so the repository root is two levels above
this file (``src/nkbook``).  ``NKBOOK_ROOT`` overrides it (tests use this to point at broken copies),
and inside a Sphinx build the book's folder is the build's source folder (:func:`use_root`).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

_root_in_use: Path | None = None


def use_root(folder: str | os.PathLike | None) -> None:
    """Read the book from ``folder`` from now on (``None``: back to ``NKBOOK_ROOT`` or the repository)."""
    global _root_in_use
    _root_in_use = Path(folder).resolve() if folder is not None else None


@contextmanager
def root_at(folder: str | os.PathLike):
    """Read the book from ``folder`` while the block runs, then as before."""
    global _root_in_use
    before = _root_in_use
    use_root(folder)
    try:
        yield
    finally:
        _root_in_use = before


def root() -> Path:
    """The book's folder: the one holding ``_config.yml``, ``data/`` and ``seeds/``.

    ``NKBOOK_ROOT`` (a test's or a benchmark's copy) comes first, then the folder a build or a command
    said it reads (:func:`use_root`), then the repository this package sits in.
    """
    override = os.environ.get("NKBOOK_ROOT")
    if override:
        return Path(override).resolve()
    if _root_in_use is not None:
        return _root_in_use
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    return root() / "data"


def seeds_dir() -> Path:
    return root() / "seeds"


def exercises_dir() -> Path:
    return root() / "exercises"


def chapters_dir() -> Path:
    return root() / "chapters"
