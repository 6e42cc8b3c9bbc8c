"""The five articles (``seeds/sources.yml``) and the citations the book prints for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

import yaml

from . import paths

NOT_GIVEN = "not given"


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    outlet: str
    headline: str
    date_as_printed: str
    year: str
    translator: str
    editor: str
    author: str
    places: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""
    short_name: str = ""  # ours: the name readers meet the article by ("the survey article")

    @property
    def path(self) -> Path:
        return paths.seeds_dir() / self.file

    def citation(self) -> str:
        """A full citation in plain text, every part as printed, or saying plainly what is not printed."""
        headline = f"\u201c{self.headline}\u201d" if self.headline != NOT_GIVEN else "(no headline printed in our copy)"
        date = self.date_as_printed if self.date_as_printed != NOT_GIVEN else "date not printed"
        parts = [self.outlet, headline, date]
        people = []
        if self.author != NOT_GIVEN:
            people.append(f"By {self.author}")
        if self.translator != NOT_GIVEN:
            people.append(f"Translated by {self.translator}")
        if self.editor != NOT_GIVEN:
            people.append(f"edited by {self.editor}")
        text = ", ".join(parts) + "."
        if people:
            text += " " + "; ".join(people) + "."
        return text

    def tag(self) -> str:
        """The short name as a label for a chart row: "the survey article" -> "Survey"."""
        name = self.short_name or f"{self.outlet} {self.id}"
        name = name.removeprefix("the ").removesuffix(" article").strip("\u201c\u201d")
        return name[:1].upper() + name[1:]

    def short(self) -> str:
        """Outlet and date, for an attribution line under an excerpt."""
        date = self.date_as_printed if self.date_as_printed != NOT_GIVEN else "date not printed"
        return f"{self.outlet}, {date}"


@lru_cache(maxsize=2)
def _read(path: str, mtime: float) -> dict[str, Source]:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if isinstance(entries, dict):
        entries = entries.get("sources", entries)
    out = {}
    for entry in entries:
        known = {k: v for k, v in entry.items() if k in Source.__dataclass_fields__}
        known["places"] = tuple(known.get("places") or ())
        for key in ("translator", "editor", "author", "headline", "date_as_printed", "year"):
            known.setdefault(key, NOT_GIVEN)
            known[key] = str(known[key]) if known[key] is not None else NOT_GIVEN
        source = Source(**known)
        out[source.file] = source
    return out


def sources() -> dict[str, Source]:
    """The five articles, keyed by seed file name."""
    path = paths.seeds_dir() / "sources.yml"
    return _read(str(path), path.stat().st_mtime)


def by_id(source_id: str) -> Source:
    for source in sources().values():
        if source.id == source_id or source.file == source_id:
            return source
    raise KeyError(f"no source {source_id!r} in seeds/sources.yml")


def citation_html(file: str) -> str:
    return escape(sources()[file].citation())


def citations_markdown(files: list[str], figures: list[str] | tuple[str, ...] = ()) -> str:
    """A Markdown list of full citations: the seed files given, then the context figures given, each
    publication once with the ids read from it and a link to its address (order kept)."""
    known = sources()
    missing = [f for f in files if f not in known]
    if missing:
        raise KeyError(f"not in seeds/sources.yml: {', '.join(missing)}")
    lines = [f"- {_named(known[f])}{known[f].citation()}" for f in files]
    rows = context_figures()
    unknown = [fid for fid in figures if fid not in rows]
    if unknown:
        raise KeyError(f"not in data/context_figures.csv: {', '.join(unknown)}")
    publications: dict[tuple[str, str], list[str]] = {}
    for fid in dict.fromkeys(figures):
        publications.setdefault((rows[fid]["source_title"], rows[fid]["source_address"]), []).append(fid)
    for (title, address), ids in publications.items():
        label = "context figure" if len(ids) == 1 else "context figures"
        # Raw HTML, not a Markdown autolink: the Markdown renderer would write "&" as "&amp;amp;" in the address.
        link = f'<a href="{escape(address, quote=True)}">{escape(address)}</a>'
        lines.append(f"- {escape(title, quote=False)} ({label} {', '.join(ids)}): {link}")
    return "\n".join(lines)


def _named(source: Source) -> str:
    """ "The survey article: " before a citation, so that a reader can match it to the chapter's words."""
    return f"{source.short_name[:1].upper()}{source.short_name[1:]}: " if source.short_name else ""


def show_citations(files: list[str], figures: list[str] | tuple[str, ...] = ()) -> None:
    """Display the citations of a chapter's sources (each chapter's last cell)."""
    from IPython.display import Markdown, display

    display(Markdown(citations_markdown(files, figures)))


@lru_cache(maxsize=2)
def _context(path: str, mtime: float) -> dict[str, dict[str, str]]:
    import csv

    with Path(path).open(encoding="utf-8", newline="") as handle:
        return {row["figure_id"]: row for row in csv.DictReader(handle)}


def context_figures() -> dict[str, dict[str, str]]:
    """The rows of ``data/context_figures.csv``, keyed by figure_id (use ``nkbook.data.load`` for checked data)."""
    path = paths.data_dir() / "context_figures.csv"
    return _context(str(path), path.stat().st_mtime)


def context_citation(figure_id: str) -> str:
    """The attribution of a quote from the context table: its publication, as a reader can cite it.

    The figure's id, full address and exact quote are listed on the book's Sources page.
    """
    rows = context_figures()
    if figure_id not in rows:
        raise KeyError(f"no figure {figure_id!r} in data/context_figures.csv")
    return rows[figure_id]["source_title"]


def _rows(name: str, key: str) -> dict[str, dict[str, str]]:
    path = paths.data_dir() / f"{name}.csv"
    return _table(str(path), path.stat().st_mtime, key) if path.is_file() else {}


@lru_cache(maxsize=4)
def _table(path: str, mtime: float, key: str) -> dict[str, dict[str, str]]:
    import csv

    with Path(path).open(encoding="utf-8", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


def context_additions() -> dict[str, dict[str, str]]:
    """Our own context rows (``data/context_additions.csv``), keyed by figure_id: same columns as the context table."""
    return _rows("context_additions", "figure_id")


def address_note(figure_id: str) -> dict[str, str] | None:
    """Where a context figure's address is not the original publisher's: its kind ("mirror", ...) and a note."""
    return _rows("context_address_notes", "figure_id").get(figure_id)
