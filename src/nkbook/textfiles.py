"""Reading the book's own text files: one cache while a file is unchanged, and one way to decode it.

Every reader of ``seeds/``, ``data/`` and ``exercises/`` goes through :func:`read_text`, so that a
byte-order mark is accepted everywhere and a byte that is not UTF-8 is reported with the file and the
line it is on, and through :func:`cached_per_file`, so that a file is parsed once per change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import paths

T = TypeVar("T")


class TextFileError(ValueError):
    """A file of the book cannot be read as UTF-8 text; the message names the file and the line."""

    def __init__(self, shown: str, line: int | None, message: str):
        self.file, self.line = shown, line
        where = shown if line is None else f"{shown}, line {line}"
        super().__init__(f"{where}: {message}")


def shown(path: Path) -> str:
    """The path as a reader knows it: from the book's folder where it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(paths.root()))
    except ValueError:
        return str(path)


def decode(raw: bytes, path: Path) -> str:
    """``raw`` as UTF-8 text without a byte-order mark; a bad byte raises :class:`TextFileError`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise TextFileError(
            shown(path),
            line,
            f"is not UTF-8 text (byte 0x{raw[err.start]:02x} at position {err.start}); "
            "save the file as UTF-8 and load it again",
        ) from None
    return text.removeprefix("\ufeff")


def read_text(path: Path) -> str:
    """The UTF-8 text of a file of the book (see :func:`decode`)."""
    return decode(Path(path).read_bytes(), path)


def cached_per_file(parse: Callable[[Path], T]) -> Callable[[Path], T]:
    """``parse(path)``, computed again only when the file's size or modification time changed."""

    @functools.lru_cache(maxsize=64)
    def parse_version(path: str, mtime_ns: int, size: int) -> T:  # mtime_ns and size key the cache
        return parse(Path(path))

    @functools.wraps(parse)
    def wrapper(path: Path) -> T:
        stat = Path(path).stat()
        return parse_version(str(path), stat.st_mtime_ns, stat.st_size)

    wrapper.cache_clear = parse_version.cache_clear  # type: ignore[attr-defined]
    return wrapper
