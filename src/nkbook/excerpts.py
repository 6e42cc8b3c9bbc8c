"""The excerpts the chapters quote: each block quote of a chapter, with the attribution line under it.

In a chapter an excerpt is a Markdown block quote whose last line is its attribution::

    > From Jan. 2 to Jan. 8, a Daily NK source in China surveyed 40 North Korean defectors ...
    >
    > — Daily NK, (no headline printed in our copy), date not printed. Translated by Robert Lauler.

The chapter tests hold each to its source (verbatim, attributed); the Downloads page lists them all,
by source, in place of the articles' full texts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .textfiles import read_text
from .toc import toc_files

ATTRIBUTION = "\u2014 "


@dataclass(frozen=True)
class Excerpt:
    quote: str
    attribution: str | None  # the citation after the dash, or None where the quote has none
    chapter: str = ""


def markdown_of(path: Path) -> str:
    """The Markdown a chapter's reader sees: a notebook's Markdown cells, or a Markdown page."""
    if path.suffix == ".ipynb":
        cells = json.loads(read_text(path))["cells"]
        return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return read_text(path)


def excerpts(text: str, chapter: str = "") -> list[Excerpt]:
    """The block quotes of ``text``, each with its attribution line (the last, opening with a dash)."""
    blocks, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith(">"):
            current.append(line[1:].strip())
        elif current:
            blocks.append(current)
            current = []
    found = []
    for block in blocks:
        body = [line for line in block if line]
        attribution = body[-1].removeprefix(ATTRIBUTION) if body and body[-1].startswith(ATTRIBUTION) else None
        found.append(Excerpt(" ".join(body[:-1] if attribution else body), attribution, chapter))
    return found


def book_excerpts(root: Path, toc_path: str | None = None) -> list[Excerpt]:
    """Every attributed excerpt of the book's notebook chapters, in reading order."""
    found = []
    for entry in toc_files(root, toc_path):
        path = Path(root) / f"{entry}.ipynb"
        if path.is_file():
            found += [e for e in excerpts(markdown_of(path), entry) if e.attribution]
    return found
