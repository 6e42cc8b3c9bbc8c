"""The book's table of contents (``_toc.yml``): its pages, root first, in reading order.

The one reader of ``_toc.yml``: the downloads page, the tests and the benchmarks all ask it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from . import paths
from .textfiles import read_text

TOC_FILE = "_toc.yml"


def toc_files(root: Path | None = None, toc_path: str | None = None) -> list[str]:
    """Every ``file`` of the table of contents (without its suffix), root first, in reading order."""
    root = Path(root) if root is not None else paths.root()
    toc_file = Path(toc_path or TOC_FILE)
    toc = yaml.safe_load(read_text(toc_file if toc_file.is_absolute() else root / toc_file))
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("chapters"))
            walk(entry.get("sections"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    walk(toc.get("sections"))
    return [str(Path(f).with_suffix("")) if f.endswith((".md", ".ipynb")) else f for f in found]


def notebook_title(path: Path) -> str:
    """A notebook chapter's title: its first level-one heading."""
    import json

    for cell in json.loads(read_text(path)).get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def notebook_chapters(root: Path | None = None) -> list[tuple[str, str]]:
    """(stem, title) of every notebook chapter, in reading order."""
    root = Path(root) if root is not None else paths.root()
    found = []
    for entry in toc_files(root):
        path = root / f"{entry}.ipynb"
        if path.is_file():
            found.append((path.stem, notebook_title(path)))
    return found
