"""One printable worksheet per chapter, made from the chapter itself and the question bank.

A worksheet holds, in this order: the chapter's title, its content note (first, so that no one meets
the hardest passages unprepared), the excerpts it quotes with their attribution and each chart as a
picture with its "In words" text, in the chapter's order and under the chapter's own headings (so
that a content note's "skip to *No legal status, no recourse*" points at a heading on paper; a
pointer to a section the sheet does not print says so), the chapter's questions numbered in the
order the chapter asks them (options in the book's order, put-in-order items as a lettered list with
blanks, lines to write on for the open questions), the exit question, and the licence line.

Where each part comes from (nothing is typed twice):

- the excerpts and the content note: the chapter's Markdown cells (:mod:`nkbook.excerpts`);
- the charts: the chapter's executed notebook, each Vega-Lite output and the "In words" Markdown
  output after it (:func:`charts_in`); the build hands the executed notebooks over, so this module
  does not import the chart modules;
- the questions: ``ask("id")`` in the chapter's code cells, in order, read from the bank;
- the exit question: ``exit_question`` in the chapter's ``exercises/<chapter>.yml``, which the
  instructor guide's lesson plan also shows (its role ``{nkbook-exit-question}``).

:func:`worksheet_html` writes one self-contained page (its styles and pictures inline, no script,
nothing fetched), laid out for A4: the print-ready HTML page of the instructor pack, which
:mod:`nkbook.pack` also prints to PDF.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

from . import __version__
from .excerpts import Excerpt, excerpts, markdown_of
from .exercises.bank import Question, load_chapter_file
from .exercises.static import LEVEL_NAMES, NUMBER_RULE
from .outputs import VEGALITE_MIME
from .toc import notebook_title

BOOK = "Women and children who fled North Korea, in China"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# The pack's pages load nothing (no script, no request; their styles and pictures are inline), under
# the same policy as the book's pages (templates/layout.html), which lets the tests' tools run in them.
PAGE_POLICY = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' "
    "'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src "
    "'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'\"/>"
    '<meta name="referrer" content="no-referrer"/>'
)
# Lines to write on: an open question's answer, the exit question's, a number's working.
LINES = {"text": 5, "evaluate": 7, "exit": 3, "numeric": 2}
# A worksheet fills 2 to 4 A4 pages.  It is laid out at level 0 first; each further level, tried while
# it prints on more than 4 pages, is tighter: smaller type and pictures (1), a long table under a
# chart named rather than printed (2), fewer lines to write on and smaller pictures still (3), the
# smallest type (4).
LEVELS = 5
MIN_PAGES, MAX_PAGES = 2, 4
LONG_TABLE = 10  # rows


def licence_line() -> str:
    """The licence line of every worksheet: the same terms as the site's footer (see ``LICENSE``)."""
    return (
        f"{BOOK}, version {__version__}. Our text, data and questions: CC BY 4.0 ({LICENCE_URL}); "
        "our code: MIT. The quoted articles remain their publishers'."
    )


@dataclass(frozen=True)
class Chart:
    """A chart of a chapter: its Vega-Lite spec and the same finding in words (Markdown)."""

    spec: dict
    words: str


@dataclass(frozen=True)
class Worksheet:
    chapter: str
    title: str
    content_note: str | None  # Markdown (MyST roles already in words), or None
    excerpts: list[Excerpt]
    charts: list[Chart]
    questions: list[Question]
    exit_question: str
    labels: dict[str, str] = field(default_factory=dict)  # a section's label -> its heading
    # Where each excerpt and chart stands in the chapter, in reading order: ("excerpt" or "chart", its
    # index in ``excerpts`` or ``charts``, the headings above it as (level, text) from level 2 down).
    order: list[tuple[str, int, tuple[tuple[int, str], ...]]] = field(default_factory=list)

    def headings(self) -> list[str]:
        """The chapter's headings the worksheet prints (those above an excerpt or a chart)."""
        return list(dict.fromkeys(text for _, _, path in self.order for _, text in path))


# --- Reading the chapter ------------------------------------------------------------------------------


# The list of the quotes a chart's marks show when pointed at (charts.base.words_behind): the page
# lists them for readers with no pointer; a worksheet keeps the chapter's key excerpts instead.
_WORDS_BEHIND = re.compile(r"\n*\*\*[^*\n]*words behind[^*\n]*\*\*[^\n]*\n\n(?:- [^\n]*(?:\n|$))+")


def charts_in(notebook: dict) -> list[Chart]:
    """Each Vega-Lite output of an executed notebook with the Markdown output that follows it (its
    "In words" text; empty when none follows in the same cell)."""
    found = []
    for cell in notebook.get("cells", []):
        outputs = [o.get("data", {}) for o in cell.get("outputs", [])]
        for i, data in enumerate(outputs):
            if VEGALITE_MIME not in data:
                continue
            words = next((_text(d["text/markdown"]) for d in outputs[i + 1 :] if "text/markdown" in d), "")
            words = _WORDS_BEHIND.sub("", words).rstrip() + ("\n" if words.endswith("\n") else "")
            spec = data[VEGALITE_MIME]
            found.append(Chart(spec if isinstance(spec, dict) else json.loads(spec), words))
    return found


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


_ASK = re.compile(r"""\bask\(\s*["']([^"']+)["']""")


def asked(notebook: dict) -> list[str]:
    """The ids of the questions a chapter asks, in its order (``ask("id")`` in its code cells)."""
    return [
        qid
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "code"
        for qid in _ASK.findall(_text(cell.get("source", "")))
    ]


_HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*$", re.M)


def reading_order(notebook: dict, chapter: str = "") -> tuple[list[Excerpt], list[Chart], list]:
    """The chapter's attributed excerpts and its charts, and where each stands (see ``Worksheet.order``):
    each under the headings of the section the chapter gives it in."""
    found_excerpts: list[Excerpt] = []
    found_charts: list[Chart] = []
    order: list = []
    path: tuple[tuple[int, str], ...] = ()
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = _text(cell.get("source", ""))
            pieces = _HEADING.split(text)  # text, then (hashes, heading, text) for each heading
            chunks = [(path, pieces[0])]
            for i in range(1, len(pieces), 3):
                level = len(pieces[i])
                path = tuple(h for h in path if h[0] < level) + ((level, pieces[i + 1]),)
                chunks.append((path, pieces[i + 2]))
            for where, chunk in chunks:
                for e in excerpts(chunk, chapter):
                    if e.attribution:
                        order.append(("excerpt", len(found_excerpts), where))
                        found_excerpts.append(e)
        elif cell.get("cell_type") == "code":
            for chart in charts_in({"cells": [cell]}):
                order.append(("chart", len(found_charts), path))
                found_charts.append(chart)
    return found_excerpts, found_charts, order


_NOTE_PARAGRAPH = re.compile(r"\*\*Content note:?\*\*:?\s*(.+?)(?:\n\s*\n|\n:::)", re.S)
_NOTE_ADMONITION = re.compile(r"^:::\{admonition\} Content note\s*\n(.*?)^:::", re.S | re.M)


def content_note(markdown: str) -> str | None:
    """A chapter's content note (Markdown): its own admonition, or the paragraph in *At a glance*."""
    match = _NOTE_ADMONITION.search(markdown)
    if match:
        body = "\n".join(line for line in match[1].splitlines() if not line.startswith(":class:"))
        return body.strip()
    match = _NOTE_PARAGRAPH.search(markdown)
    if match:
        text = match[1].strip()
        return text[:1].upper() + text[1:]
    return None


def section_labels(markdown: str) -> dict[str, str]:
    """A chapter's MyST labels (``(label)=`` over a heading) and the heading each names."""
    return {m[1]: m[2].strip() for m in re.finditer(r"^\(([^)\s]+)\)=\s*\n#+\s+(.+)$", markdown, re.M)}


# What a content note calls otherwise than the worksheet does: a section, the exercises.
ON_PAPER = {
    r"\bCheck your understanding\b": "Questions",
    r"\bexercises (?=\d)": "questions ",
    r"\bexercise (?=\d)": "question ",
}
NOT_ON_PAPER = "(in the chapter, not on this sheet)"
_CUT_TABLE = re.compile(r"\bthe (?:table|list) under the chart\b")
_TABLE_IN = re.compile(r"\bthe (?:table|list) in $")  # what stands just before a pointer to a section
# A pointer to a section: its heading in italics or in quotation marks.
_POINTER = re.compile(r"\*([^*\n]+)\*|\"([^\"\n]+)\"|\u201c([^\u201d\n]+)\u201d")


def note_on_paper(
    note: str | None, labels: dict[str, str], chapter_headings: list[str], printed: list[str]
) -> str | None:
    """A chapter's content note as the worksheet prints it: the same note, where each pointer to a
    section the worksheet does not print says that the section is in the chapter, not on the sheet.
    (The worksheet prints the chapter's headings above its excerpts and charts.)  So does a pointer to
    "the table in" a section: the worksheet prints a section's excerpts and charts, never a table of
    its text."""
    if not note:
        return note
    text = re.sub(r"\{ref\}`([^`<>]+)`", lambda m: f"*{labels[m[1]]}*" if m[1] in labels else m[0], note)
    for online, paper in ON_PAPER.items():
        text = re.sub(online, paper, text)
    shown = set(printed) | {"Questions"}

    def pointer(match: re.Match) -> str:
        name = next(g for g in match.groups() if g)
        a_table = _TABLE_IN.search(text, 0, match.start()) is not None
        if name not in chapter_headings or (name in shown and not a_table):
            return match[0]
        return f"{match[0]} {NOT_ON_PAPER}"

    return _POINTER.sub(pointer, text)


def worksheet(root: Path, chapter: str, executed: dict, bank: dict[str, Question]) -> Worksheet:
    """The worksheet of ``chapters/<chapter>.ipynb``; ``executed`` is the notebook as the build ran it."""
    path = Path(root) / "chapters" / f"{chapter}.ipynb"
    markdown = markdown_of(path)
    ids = asked(executed) or [qid for qid, q in bank.items() if q.chapter == chapter]
    missing = [qid for qid in ids if qid not in bank]
    if missing:
        raise KeyError(f"chapters/{chapter}.ipynb asks questions the bank does not hold: {', '.join(missing)}")
    found_excerpts, found_charts, order = reading_order(executed, chapter)
    labels = section_labels(markdown)
    printed = list(dict.fromkeys(text for _, _, where in order for _, text in where))
    headings = [m[2] for m in _HEADING.finditer(markdown)]
    return Worksheet(
        chapter=chapter,
        title=notebook_title(path),
        content_note=note_on_paper(content_note(markdown), labels, headings, printed),
        excerpts=found_excerpts,
        charts=found_charts,
        questions=[bank[qid] for qid in ids],
        exit_question=load_chapter_file(Path(root) / "exercises" / f"{chapter}.yml").exit_question,
        labels=labels,
        order=order,
    )


# --- MyST and Markdown, as plain HTML -------------------------------------------------------------------

_ROLE = re.compile(r"\{(\w+)\}`([^`]*)`")


def plain_myst(text: str, labels: dict[str, str] | None = None) -> str:
    """Markdown with MyST roles put in words: ``{term}`brokers <broker>``` -> brokers; a ``{ref}`` to
    a section -> its heading, in italics."""
    labels = labels or {}

    def words(match: re.Match) -> str:
        role, body = match[1], match[2]
        shown = re.match(r"^(.*?)\s*<([^>]+)>$", body, re.S)
        if shown:
            return shown[1]
        if role == "ref" and body in labels:
            return f"*{labels[body]}*"
        return body

    return _ROLE.sub(words, text)


def markdown_html(text: str, labels: dict[str, str] | None = None, inline: bool = False) -> str:
    """Markdown (CommonMark with tables; no raw HTML) as HTML."""
    return _rendered(plain_myst(text, labels), inline)


@lru_cache(maxsize=4096)
def _rendered(source: str, inline: bool) -> str:
    # Once per text: a worksheet is laid out many times over (levels, layouts), its texts alike.
    md = _markdown_it()
    return md.renderInline(source) if inline else md.render(source)


@lru_cache(maxsize=1)
def _markdown_it():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


# --- The page -------------------------------------------------------------------------------------------------

STYLE = """
@page { size: A4; margin: 14mm 15mm 16mm 15mm; }
:root { color: #111; background: #fff; }
body { font: 10.5pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0; }
main { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 1mm; line-height: 1.2; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1.5px solid #111; padding-bottom: 0.5mm;
     break-after: avoid; }
h3 { font-size: 10.5pt; margin: 3mm 0 1.5mm; break-after: avoid; }
h2 + h3 { margin-top: 0; }
p { margin: 0 0 2mm; }
.kicker { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.06em; margin: 0; color: #333; }
.who { display: flex; gap: 6mm; margin: 3mm 0; font-size: 10pt; }
.who span { flex: 1; border-bottom: 1px solid #111; padding-bottom: 1mm; }
.note { border: 1.5px solid #111; border-radius: 2mm; padding: 2.5mm 3.5mm; margin: 3mm 0; break-inside: avoid; }
.note p, .note ul { margin: 0 0 1.5mm; }
.note ul { padding-left: 5mm; }
.note :last-child { margin-bottom: 0; }
blockquote { margin: 0 0 3mm; padding: 0 0 0 3.5mm; border-left: 3px solid #555; break-inside: avoid; }
blockquote p { margin: 0 0 1mm; }
.attribution { font-size: 8.5pt; color: #333; }
figure { margin: 2mm 0 4mm; }
figure svg { display: block; margin: 0 auto 2mm; break-inside: avoid; break-after: avoid; }
.words { font-size: 9pt; }
figure.words-first svg { margin: 2mm auto 0; }
figure.beside { display: flex; gap: 5mm; align-items: flex-start; }
figure.beside svg { flex: none; margin: 0; }
figure.beside figcaption { flex: 1; min-width: 0; }
.words p { margin: 0 0 1.5mm; }
.words table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; font-size: 8pt; line-height: 1.25; }
.words th, .words td { border: 0.5pt solid #777; padding: 0.6mm 1.2mm; text-align: left; vertical-align: top; }
.words tr { break-inside: avoid; }
ol.questions { padding-left: 6mm; margin: 0; }
ol.questions > li { margin: 0 0 4mm; padding-left: 1mm; break-inside: avoid; }
.prompt { margin-bottom: 0.5mm; }
.level { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.05em; color: #333; }
.how { font-size: 9pt; font-style: italic; margin: 0.5mm 0 1mm; }
ul.options { list-style: none; padding: 0; margin: 1mm 0 0; }
ul.options li { margin: 0 0 1mm; display: flex; align-items: baseline; break-inside: avoid; }
ul.options.short { columns: 2; column-gap: 8mm; }
.box { flex: none; display: inline-block; width: 3.2mm; height: 3.2mm; border: 1px solid #111; margin-right: 2.5mm;
       position: relative; top: 0.5mm; }
.letter { flex: none; font-weight: bold; width: 3.5mm; }
ol.order { list-style-type: upper-alpha; padding-left: 7mm; margin: 1mm 0 0; }
ol.order li { margin: 0 0 1.5mm; }
.blank { display: inline-block; width: 9mm; border-bottom: 1px solid #111; margin-right: 2mm; }
.lines { margin: 1mm 0 0; }
.lines span { display: block; height: 7.5mm; border-bottom: 1px solid #888; }
.answer-line { margin: 2mm 0 0; }
.answer-line span { display: inline-block; width: 40mm; border-bottom: 1px solid #111; }
.exit { border-top: 1.5px dashed #111; margin-top: 5mm; padding-top: 1mm; break-inside: avoid; }
.licence { font-size: 8pt; color: #333; margin-top: 5mm; border-top: 0.5pt solid #999; padding-top: 1.5mm; }
.screen-only { font-size: 10pt; background: #eef3f8; border: 1px solid #9ab; padding: 2mm 3mm; border-radius: 2mm; }
a { color: #0b4f8a; }
@media screen {
  body { background: #e9e9e9; }
  main { background: #fff; padding: 15mm; margin: 6mm auto; max-width: 180mm; box-shadow: 0 0 3mm #999; }
}
@media screen and (max-width: 720px) {
  main { padding: 4mm; margin: 0; box-shadow: none; }
  figure svg { max-width: 100%; height: auto !important; }
  figure.beside { display: block; }
  .words { overflow-x: auto; }
}
@media print {
  .screen-only { display: none; }
  main { padding: 0; max-width: none; }
}
"""


TIGHTER = {
    1: """
body { font-size: 9.5pt; line-height: 1.33; }
h2 { margin: 3.5mm 0 1.5mm; }
blockquote { margin-bottom: 2mm; }
ol.questions > li { margin-bottom: 3mm; }
.lines span { height: 6.5mm; }
""",
    3: """
.words table { font-size: 7.5pt; }
""",
    4: """
body { font-size: 9pt; line-height: 1.3; }
.words, blockquote { font-size: 8.5pt; }
h2 { margin: 2.5mm 0 1mm; }
.note { padding: 1.5mm 3mm; }
ol.questions > li { margin-bottom: 2mm; }
.lines span { height: 6mm; }
.licence { margin-top: 2mm; }
""",
}


# A picture is as wide as the column at most, and no taller than this (mm) at each level; but never
# drawn at less than MIN_SCALE of its size, where its labels (13 px) would be too small to read on paper.
PICTURE_HEIGHT = {0: 200, 1: 150, 2: 150, 3: 115, 4: 100}
COLUMN = 170  # mm
MIN_SCALE = 0.62
PX_PER_MM = 96 / 25.4


def picture_size(svg: str, level: int) -> tuple[float, float]:
    """(width, height) in px at which a chart's picture is printed (its viewBox gives its size)."""
    box = re.search(r'viewBox="[\d.\-]+ [\d.\-]+ ([\d.]+) ([\d.]+)"', svg)
    if not box:
        raise ValueError("a chart's picture has no viewBox")
    width, height = float(box[1]), float(box[2])
    fit_width = COLUMN * PX_PER_MM / width
    scale = min(1.0, fit_width, max(PICTURE_HEIGHT[level] * PX_PER_MM / height, MIN_SCALE))
    return width * min(scale, fit_width), height * min(scale, fit_width)


# A picture at most this share of the column wide has its "In words" text beside it, not under it:
# a tall, narrow chart (the steps of an arrest, a timeline) then leaves no half-empty page.
BESIDE = 0.66


def _sized(svg: str, level: int) -> str:
    width, height = picture_size(svg, level)
    return re.sub(r"<svg\b", f'<svg style="width:{width:.0f}px;height:{height:.0f}px"', svg, count=1)


def beside(svg: str, level: int) -> bool:
    """Whether a chart's words are printed beside its picture (a picture narrow enough, see :data:`BESIDE`)."""
    return picture_size(svg, level)[0] <= BESIDE * COLUMN * PX_PER_MM


def _style(level: int) -> str:
    return STYLE + "".join(extra for n, extra in sorted(TIGHTER.items()) if n <= level)


_TABLE = re.compile(r"(?:^\|.*\n?)+", re.M)
_LIST = re.compile(r"(?:^[-*] .*\n?(?:^ +\S.*\n?)*)+", re.M)


def shorter_tables(markdown: str, where: str) -> str:
    """Markdown with every table, and every list, longer than :data:`LONG_TABLE` rows named rather
    than printed."""

    def cut(kind: str, rows: int, block: str) -> str:
        if rows <= LONG_TABLE:
            return block
        return (
            f"*The {kind} of all {rows} rows is under the chart in {where}; it is left out here to keep "
            "the worksheet short.*\n"
        )

    markdown = _TABLE.sub(lambda m: cut("table", m[0].strip().count("\n") - 1, m[0]), markdown)
    return _LIST.sub(lambda m: cut("list", len(re.findall(r"^[-*] ", m[0], re.M)), m[0]), markdown)


def _lines(n: int) -> str:
    return '<div class="lines" aria-hidden="true">' + "<span></span>" * n + "</div>"


def question_html(q: Question, level: int = 0) -> str:
    """One question as it stands on paper: its prompt, then boxes to tick, blanks to number or lines."""
    tag = f'<span class="level">{escape(LEVEL_NAMES[q.level])}</span>'
    head = f'<p class="prompt">{escape(q.prompt)} {tag}</p>'
    if q.type in ("single", "multiple"):
        how = "Tick one." if q.type == "single" else "Tick every option that applies."
        rows = "".join(
            f'<li><span class="box" aria-hidden="true"></span><span class="letter">{chr(97 + i)}</span>'
            f"<span>{escape(o.text)}</span></li>"
            for i, o in enumerate(q.shown_options)
        )
        short = " short" if all(len(o.text) <= 38 for o in q.options) else ""
        body = f'<p class="how">{how}</p><ul class="options{short}">{rows}</ul>'
    elif q.type == "numeric":
        unit = f" {escape(q.unit)}" if q.unit else ""
        body = (
            f'<p class="how">{escape(NUMBER_RULE.split(";")[0])}. Show how you worked it out.</p>'
            f"{_lines(LINES['numeric'])}"
            f'<p class="answer-line">Answer: <span></span>{unit}</p>'
        )
    elif q.type == "text":
        n = LINES["evaluate"] if q.level == "evaluate" else LINES["text"]
        body = _lines(n - 2 if level >= 3 else n)
    else:  # ordering: a lettered list with a blank before each item, as the book prints it
        items = "".join(f'<li><span class="blank" aria-hidden="true"></span>{escape(i)}</li>' for i in q.start_items)
        body = (
            f'<p class="how">Number the blanks 1 to {len(q.items)} in the order the question asks '
            f'(1 for the first).</p><ol class="order" type="A">{items}</ol>'
        )
    return f'<li id="q-{escape(q.id, quote=True)}">{head}{body}</li>'


def _plain_order(sheet: Worksheet) -> list:
    """Excerpts, then charts, for a worksheet that does not say where they stand in the chapter."""
    return [("excerpt", i, ((2, "The story in the source"),)) for i in range(len(sheet.excerpts))] + [
        ("chart", i, ((2, "The numbers"),)) for i in range(len(sheet.charts))
    ]


def worksheet_html(
    sheet: Worksheet,
    pictures: list[str],
    chapter_href: str = "",
    pdf_href: str = "",
    level: int = 0,
    words_first: frozenset[int] = frozenset(),
) -> str:
    """The worksheet as one self-contained page; ``pictures`` holds each chart's SVG, in order (see
    :func:`nkbook.pictures.for_page`); ``level`` (0 to ``LEVELS - 1``) how tight it is laid out."""
    if len(pictures) != len(sheet.charts):
        raise ValueError(f"{sheet.chapter}: {len(sheet.charts)} charts but {len(pictures)} pictures")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8">{PAGE_POLICY}',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Worksheet: {escape(sheet.title)}</title>",
        f"<style>{_style(level)}</style></head><body><main>",
    ]
    links = []
    if pdf_href:
        links.append(f'<a href="{escape(pdf_href, quote=True)}">the PDF</a>')
    if chapter_href:
        links.append(f'<a href="{escape(chapter_href, quote=True)}">the chapter online</a>')
    if links:
        out.append(
            '<p class="screen-only">A worksheet to print on A4 (about 2 to 4 pages): print this page, or use '
            f"{' or '.join(links)}.</p>"
        )
    out.append(f'<p class="kicker">Worksheet · {escape(BOOK)}</p><h1>{escape(sheet.title)}</h1>')
    out.append('<div class="who"><span>Name:</span><span>Date:</span></div>')
    note = []
    if sheet.content_note:
        text = sheet.content_note
        if any(shorter_tables(c.words, "") != c.words for c in sheet.charts) and level >= 2:
            # the sheet names that table rather than printing it (shorter_tables)
            text = _CUT_TABLE.sub(lambda m: f"{m[0]} {NOT_ON_PAPER}", text)
        note.append("<p><strong>Content note.</strong></p>" + markdown_html(text, sheet.labels).strip())
    note.append(
        "<p>You may skip a passage, or ask for another task, without giving a reason. No question asks "
        "about your own experience.</p>"
    )
    out.append(f'<section class="note" aria-label="Content note">{"".join(note)}</section>')
    from .korean import is_korean

    above: tuple[tuple[int, str], ...] = ()
    for kind, index, where in sheet.order or _plain_order(sheet):
        same = 0
        while same < min(len(above), len(where)) and above[same] == where[same]:
            same += 1
        for depth, heading in where[same:]:
            tag = "h2" if depth <= 2 else "h3"
            out.append(f"<{tag}>{markdown_html(heading, sheet.labels, inline=True)}</{tag}>")
        above = where
        if kind == "excerpt":
            e = sheet.excerpts[index]
            lang = ' lang="ko"' if is_korean(e.quote) else ""  # read as Korean by a screen reader
            out.append(
                f"<blockquote><p{lang}>{markdown_html(e.quote, sheet.labels, inline=True)}</p>"
                f'<p class="attribution">— {markdown_html(e.attribution or "", sheet.labels, inline=True)}</p>'
                "</blockquote>"
            )
        else:
            chart, picture = sheet.charts[index], pictures[index]
            description = chart.spec.get("description", "")
            words = shorter_tables(chart.words, "the chapter") if level >= 2 else chart.words
            caption = f'<figcaption class="words">{markdown_html(words, sheet.labels)}</figcaption>'
            label = f'aria-label="{escape(description, quote=True)}"'
            if index in words_first:  # the words flow on into the page; the picture follows them
                out.append(f'<figure class="words-first" {label}>{caption}{_sized(picture, level)}</figure>')
            else:
                side = ' class="beside"' if beside(picture, level) else ""
                out.append(f"<figure{side} {label}>{_sized(picture, level)}{caption}</figure>")
    out.append("<h2>Questions</h2>")
    out.append('<ol class="questions">' + "".join(question_html(q, level) for q in sheet.questions) + "</ol>")
    out.append(
        f'<section class="exit"><h2>Exit question</h2><p>{escape(sheet.exit_question)}</p>'
        f"{_lines(LINES['exit'])}</section>"
    )
    out.append(f'<p class="licence">{escape(licence_line())}</p>')
    out.append("</main></body></html>")
    return "\n".join(out)
