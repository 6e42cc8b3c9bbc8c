"""Has anything a build reads changed since the last *successful* build?

One hashing scheme (:func:`fingerprint`: every file's path from the book's folder, then its bytes)
and one place to remember the answer: the build environment, which Sphinx saves only once every
page has been read.  A build killed half-way therefore leaves the old stamp behind, and the next
build sees the change again instead of trusting outputs it never finished.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from sphinx.environment import BuildEnvironment


def files_under(root: Path, folders: Iterable[str]) -> list[Path]:
    """Every file under the given folders of ``root``, in a stable order (``__pycache__`` left out)."""
    return [
        path
        for folder in folders
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]


def fingerprint(files: Iterable[Path], root: Path, read: Callable[[Path], bytes] = Path.read_bytes) -> str:
    """A hash of the files' paths (from ``root``) and contents; ``read`` may normalise a file first."""
    digest = hashlib.sha256()
    for path in files:
        try:
            name = str(path.relative_to(root))
        except ValueError:
            name = str(path)
        digest.update(name.encode() + b"\0")
        digest.update(read(path) + b"\0")
    return digest.hexdigest()


def changed(env: BuildEnvironment, key: str, current: str) -> bool:
    """Whether ``current`` differs from what the last successful build recorded under ``key``; records it.

    The record lives on ``env`` and so is saved with it, after the read phase succeeds.
    """
    stamps: dict[str, str] = env.__dict__.setdefault("nkbook_stamps", {})
    previous, stamps[key] = stamps.get(key), current
    return previous != current
