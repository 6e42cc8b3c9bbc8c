"""The one source lookup: what a row, a question or an excerpt may cite, its text and its citation.

A *source* is named either by a seed file (``000_54004d1158f87b0d.txt``, one of the five articles
described in ``seeds/sources.yml``) or by a ``figure_id`` of a context table: the project's
reference table (``data/context_figures.csv``, kept byte for byte) or our own additions to it
(``data/context_additions.csv``), each row with its own address and exact quote.  Where a context
row's address is a copy (a mirror, a republication), ``data/context_address_notes.csv`` says so.
This module is the only reader of those files; it answers:

- :func:`text_of` -- the text of a source (whitespace folded), to look a quote up in;
- :func:`quote_stands` -- whether a quote stands verbatim in its source;
- :func:`quote_stands_anywhere` -- whether a quote stands in any source (the glossary's quotes);
- :func:`cite` / :func:`citations_markdown` -- how the book cites it;
- :func:`served_address` -- the address a reader is sent to (``https://`` where the host serves it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml

from . import datapackage, paths
from .provenance import fold, quote_in_text
from .textfiles import TextFileError, cached_per_file, read_text, shown

NOT_GIVEN = "not given"
CONTEXT_TABLE = "context_figures"
ADDITIONS_TABLE = "context_additions"
ADDRESS_NOTES_TABLE = "context_address_notes"
# Hosts of context addresses printed with ``http://`` that serve the same pages over ``https://``: the
# reference table is kept byte for byte, so the book links to the secure form instead of editing it.
# Each host is listed because public material links to pages on it with https:// (found with the
# project's code and page search on 2026-11-27; not fetched: this machine is offline).  Not listed,
# so still linked as printed: europe.newsweek.com (no https link to that host was found).
HTTPS_HOSTS = frozenset(
    {
        "digitalarchive.wilsoncenter.org",
        "en.npc.gov.cn.cdurl.cn",
        "english.yonhapnews.co.kr",
        "ininet.org",
        "www.datasom.co.kr",
        "www.ungift.org",
        "www.unhcr.org",
    }
)
# Straight and curly quotation marks, folded alike, so that a quote inside a quote still matches.
_QUOTE_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


class SourceError(ValueError):
    """``seeds/sources.yml`` is malformed; the message names the file and the entry."""


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
        parts = [self.outlet, headline, self._date()]
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
        return f"{self.outlet}, {self._date()}"

    def _date(self) -> str:
        return self.date_as_printed if self.date_as_printed != NOT_GIVEN else "date not printed"


@cached_per_file
def _read_articles(path: Path) -> dict[str, Source]:
    where = shown(path)
    try:
        entries = yaml.safe_load(read_text(path))
    except (yaml.YAMLError, TextFileError) as err:
        raise SourceError(f"{where}: cannot be read: {err}") from None
    if isinstance(entries, dict):
        entries = entries.get("sources", entries)
    if not isinstance(entries, list):
        raise SourceError(f"{where}: expected a list of sources")
    out = {}
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not {"id", "file", "outlet"} <= set(entry):
            raise SourceError(f"{where}, entry {index}: each source needs 'id', 'file' and 'outlet'")
        known = {k: v for k, v in entry.items() if k in Source.__dataclass_fields__}
        known["places"] = tuple(known.get("places") or ())
        for key in ("translator", "editor", "author", "headline", "date_as_printed", "year"):
            value = known.get(key)
            known[key] = NOT_GIVEN if value is None else str(value)
        source = Source(**known)
        out[source.file] = source
    return out


def sources() -> dict[str, Source]:
    """The five articles, keyed by seed file name."""
    return _read_articles(paths.seeds_dir() / "sources.yml")


def by_id(source_id: str) -> Source:
    """An article by its id or its file name."""
    for source in sources().values():
        if source_id in (source.id, source.file):
            return source
    raise KeyError(f"no source {source_id!r} in seeds/sources.yml")


@cached_per_file
def _read_keyed(path: Path) -> dict[str, dict[str, str]]:
    (table,) = [t for t in datapackage.tables().values() if t.file == path.name]
    rows = datapackage.read_rows(table, path)
    return {row.cells["figure_id"]: {k: "" if v is None else str(v) for k, v in row.cells.items()} for row in rows}


def _keyed(name: str) -> dict[str, dict[str, str]]:
    """A table of ``data/`` keyed by its figure_id (checked against its Table Schema); empty if absent."""
    table = datapackage.tables().get(name)
    if table is None or not (paths.data_dir() / table.file).is_file():
        return {}
    return _read_keyed(paths.data_dir() / table.file)


def context_figures() -> dict[str, dict[str, str]]:
    """The rows of the reference context table, keyed by figure_id, each cell as printed."""
    return _keyed(CONTEXT_TABLE)


def context_additions() -> dict[str, dict[str, str]]:
    """Our own context rows (``data/context_additions.csv``), keyed by figure_id: same columns."""
    return _keyed(ADDITIONS_TABLE)


def context_rows() -> dict[str, dict[str, str]]:
    """Every context row, the reference table's and ours (their ids are not shared)."""
    return {**context_figures(), **context_additions()}


def served_address(address: str) -> str:
    """The address a reader is sent to: as printed, but ``https://`` where the host serves it."""
    address = address.strip()
    scheme, sep, rest = address.partition("://")
    host = rest.split("/", 1)[0].lower()
    if sep and scheme.lower() == "http" and host in HTTPS_HOSTS:
        return f"https://{rest}"
    return address


def address_note(figure_id: str) -> dict[str, str] | None:
    """Where a context figure's address is not the original publisher's: its kind ("mirror", ...) and a note."""
    return _keyed(ADDRESS_NOTES_TABLE).get(figure_id)


@cached_per_file
def _folded_seed(path: Path) -> str:
    return fold(read_text(path))


def is_seed(source: str) -> bool:
    return bool(source) and "/" not in source and source in sources()


def text_of(source: str) -> str | None:
    """The whitespace-folded text a source name stands for: an article's whole text, or a context
    figure's quote; ``None`` when the name is neither."""
    context = context_rows()
    if source in context:
        return fold(context[source]["quote"])
    if is_seed(source) and (paths.seeds_dir() / source).is_file():
        return _folded_seed(paths.seeds_dir() / source)
    return None


def quote_stands(quote: str, source: str) -> bool:
    """Whether ``quote`` (non-empty, whitespace folded) stands verbatim in ``source``."""
    text = text_of(source)
    return text is not None and quote_in_text(quote, text)


def quote_stands_anywhere(quote: str) -> bool:
    """Whether ``quote`` stands in some source: an article, a context row's quote, or a context
    publication's own title (quotation marks folded, straight and curly alike)."""
    folded = fold(quote).translate(_QUOTE_MARKS)
    if not folded:
        return False
    texts = [text_of(name) or "" for name in sources()]
    texts += [fold(row[key]) for row in context_rows().values() for key in ("quote", "source_title")]
    return any(folded in text.translate(_QUOTE_MARKS) for text in texts)


def unknown_source_message(source: str) -> str:
    return (
        f"{source!r} is neither a file in seeds/ nor a figure_id of data/context_figures.csv "
        "or data/context_additions.csv"
    )


def cite(source: str) -> str:
    """How the book attributes a quote from ``source``: an article's full citation, or a context
    row's publication, as a reader can cite it (its id, address and exact quote are listed on the
    Sources page)."""
    if is_seed(source):
        return sources()[source].citation()
    rows = context_rows()
    if source not in rows:
        raise KeyError(unknown_source_message(source))
    return rows[source]["source_title"]


def context_citation(figure_id: str) -> str:
    """The attribution of a quote from a context table: its publication."""
    if figure_id not in context_rows():
        raise KeyError(f"no figure {figure_id!r} in data/context_figures.csv or data/context_additions.csv")
    return cite(figure_id)


def citations_markdown(files: list[str], figures: list[str] | tuple[str, ...] = ()) -> str:
    """A Markdown list of full citations: the seed files given, then the context figures given (the
    reference table's and ours), each publication once with the ids read from it and a link to its
    address (order kept)."""
    known = sources()
    missing = [f for f in files if f not in known]
    if missing:
        raise KeyError(f"not in seeds/sources.yml: {', '.join(missing)}")
    lines = [f"- {_named(known[f])}{known[f].citation()}" for f in files]
    rows = context_rows()
    unknown = [fid for fid in figures if fid not in rows]
    if unknown:
        raise KeyError(f"not in data/context_figures.csv or data/context_additions.csv: {', '.join(unknown)}")
    publications: dict[tuple[str, str], list[str]] = {}
    for fid in dict.fromkeys(figures):
        publications.setdefault((rows[fid]["source_title"], rows[fid]["source_address"]), []).append(fid)
    for (title, address), ids in publications.items():
        # The ids stay on the Sources page, where each figure is listed with its exact quote.
        label = "one figure" if len(ids) == 1 else f"{len(ids)} figures"
        # Raw HTML, not a Markdown autolink: the Markdown renderer would write "&" as "&amp;amp;" in the address.
        served = served_address(address)
        link = f'<a href="{escape(served, quote=True)}">{escape(served)}</a>'
        lines.append(
            f"- {escape(title, quote=False)} ({label}, each listed with its exact quote on the Sources page): {link}"
        )
    return "\n".join(lines)


def _named(source: Source) -> str:
    """ "The survey article: " before a citation, so that a reader can match it to the chapter's words."""
    return f"{source.short_name[:1].upper()}{source.short_name[1:]}: " if source.short_name else ""


def show_citations(files: list[str], figures: list[str] | tuple[str, ...] = ()) -> None:
    """Display the citations of a chapter's sources (each chapter's last cell)."""
    from IPython.display import Markdown, display

    display(Markdown(citations_markdown(files, figures)))
