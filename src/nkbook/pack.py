"""The instructor pack: what a teacher with only the website needs to teach a class tomorrow.

Built into the site, under ``pack/`` (:mod:`nkbook.sphinx.pack` runs it at the end of every HTML
build, so ``make book`` builds it):

- ``answer-key.html`` and ``answer-key.pdf``: every question with its answer, in book order, under
  the chapters' titles (:func:`nkbook.exercises.export.answer_key_html`);
- ``worksheets/<chapter>.html`` and ``.pdf``: one printable worksheet per chapter (:mod:`nkbook.worksheets`);
- ``lms/``: the question bank for learning platforms (:func:`nkbook.exercises.export.write_lms`);
- ``site.zip``: the whole built site, the pack included (but not the zip itself), for classrooms offline;
  its copies of the pages that offer the zip (Downloads, the guide) say instead that the reader holds the
  copy, and link no zip.

The PDFs are printed by the headless Chromium the tests use (through Playwright), from the same HTML
pages, which are self-contained: no script, no request, their pictures inline.  A PDF is printed
again only when its page changed (they are kept by a hash of the page under the build's work folder).

In a build, the pack is made in a process of its own while the build goes on (:class:`PackJob`), at
the lowest CPU priority, and moved into the site, whole, at the end; an error there fails the build
and names what failed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from .worksheets import BOOK, MAX_PAGES, MIN_PAGES, PAGE_POLICY, licence_line

PACK = "pack"
ZIP_NAME = "site.zip"
ANSWER_KEY = "answer-key"
EVERY_LAYOUT = 3  # charts; a worksheet with more is tried in two layouts only (see layouts())
# A fixed date for every file of the zip, so that the same site makes the same zip.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
# The class of the pack's offer of the zip on a page ({nkbook-pack}); in the zip, the copy of such a
# page says instead that the reader holds the copy, which cannot hold the zip, and links nothing.
ZIP_OFFER = "nkbook-pack__zip"
OFFLINE_OFFER = (
    f" for a classroom without internet: {ZIP_NAME}, on the module's website. This is the offline copy "
    "unzipped from it: it holds everything the website has but the zip itself."
)
_OFFER = re.compile(rf'(<span class="{ZIP_OFFER}">).*?(</span>)', re.S)
# The pack being made in the background (PackJob), under the work folder until it is whole.
IN_PROGRESS = "pack-in-progress"
# How each worksheet was laid out when the layouts were last searched (`make worksheet-layouts`):
# a build prints it in that layout (one print, not the search's dozen) while it fits 2 to 4 pages.
LAYOUTS_FILE = Path("exercises") / "worksheet-layouts.json"


class PackError(RuntimeError):
    """The pack could not be made; the message names the part that failed, and why."""


@contextmanager
def step(what: str):
    """Name ``what`` in the error of anything that fails in the block (once: the innermost step)."""
    try:
        yield
    except PackError:
        raise
    except Exception as error:
        raise PackError(f"{what} could not be made: {type(error).__name__}: {error}") from error


def offline_page(html: bytes) -> bytes:
    """A page as the zip holds it: its offer of the zip (if any) says that this is the copy."""
    from html import escape

    text = _OFFER.sub(lambda m: f"{m[1]}{escape(OFFLINE_OFFER, quote=False)}{m[2]}", html.decode("utf-8"))
    return text.encode("utf-8")


def executed_notebook(
    root: Path, chapter: str, cache: Path, kept: Path | None = None, execute: bool = True
) -> dict | None:
    """``chapters/<chapter>.ipynb`` with the outputs of its last execution: from the build's
    jupyter-cache; else, when the cache was started afresh and the chapter not read again, the copy
    kept from an earlier build of the same notebook; else executed now (into the cache), or, with
    ``execute`` false, ``None`` (the build may still be executing it)."""
    import json

    import nbformat
    from jupyter_cache import get_cache

    path = Path(root) / "chapters" / f"{chapter}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    copy = Path(kept) / f"{chapter}.{digest}.ipynb" if kept is not None else None
    jupyter_cache = get_cache(str(cache))
    try:
        _, merged = jupyter_cache.merge_match_into_notebook(notebook)
    except KeyError:
        if copy is not None and copy.is_file():
            return nbformat.read(copy, as_version=4)
        if not execute:
            return None
        merged = _execute(path, jupyter_cache)
    if copy is not None:
        for old in copy.parent.glob(f"{chapter}.*.ipynb"):
            old.unlink()
        copy.parent.mkdir(parents=True, exist_ok=True)
        # As JSON, not through nbformat.write, which would validate again a notebook the cache checked.
        copy.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    return merged


def _execute(path: Path, jupyter_cache) -> dict:
    import nbformat
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = nbformat.read(path, as_version=4)
    result = single_nb_execution(notebook, cwd=str(path.parent), timeout=180, allow_errors=False)
    if result.err is not None:
        raise RuntimeError(f"{path.name} failed to execute for the worksheets: {result.exc_string}")
    record = jupyter_cache.add_nb_to_project(str(path))
    jupyter_cache.cache_notebook_bundle(
        CacheBundleIn(notebook, record.uri, data={"execution_seconds": result.time}),
        check_validity=False,
        overwrite=True,
    )
    return notebook


def chart_pictures(charts, svg_cache: Path | None, prefix: str) -> list[str]:
    """Each chart's picture, as the book renders it (:mod:`nkbook.pictures`)."""
    from . import pictures
    from .outputs import for_book

    drawn = []
    for i, chart in enumerate(charts):
        # The build's workers write the same cache meanwhile (pack_job), each picture whole or not at all.
        svg, width, height = pictures.still(for_book(chart.spec), svg_cache)
        drawn.append(pictures.for_page(svg, width, height, f"{prefix}-{i}"))
    return drawn


def pack_answer_key() -> str:
    """The answer key as the pack serves it: said to be public, as the module is."""
    from .exercises.export import answer_key_html

    page = answer_key_html()
    page = re.sub(r"<p>Not linked from the student book\..*?</p>", "", page, count=1, flags=re.S)
    intro = (
        "<p>This key is part of the module's instructor pack. The module is open, and so are its answers: "
        "anyone with the website can read this page. For graded work, use the LMS files of the pack, "
        "imported into your learning platform, where the answers stay with you.</p>"
    )
    page = page.replace("</h1>", "</h1>" + intro, 1).replace("<head>", "<head>" + PAGE_POLICY, 1)
    licence = f"<p style='font-size:0.85rem;border-top:1px solid #999;padding-top:0.5rem'>{licence_line()}</p>"
    paper = (
        "<style>@page{size:A4}@media print{body{max-width:none;margin:0;padding:0;font-size:10pt;line-height:1.4}"
        "section{break-before:page;margin-top:0}section:first-of-type{break-before:auto}"
        "article{break-inside:avoid;margin:0.8rem 0}h3{font-size:11pt}}</style>"
    )
    page = page.replace("</body>", licence + paper + "</body>", 1)
    return page


def write_worksheets(
    root: Path,
    out: Path,
    cache: Path,
    svg_cache: Path | None,
    printer: Printer,
    kept: Path | None = None,
    gate: Gate | None = None,
    first: list[tuple[str, object]] = (),
) -> list[tuple[Path, int]]:
    """Write ``worksheets/<chapter>.html`` and ``.pdf`` for every notebook chapter, each laid out as
    loosely as fits on 2 to 4 A4 pages; return (each PDF, its number of pages), in book order.

    With a ``gate`` (the pack made while the build goes on, :class:`PackJob`), the chapters whose
    executed notebook is at hand once the build has executed its notebooks come first; the others
    wait until the build has read every notebook (myst-nb executes a notebook the build's own step
    could not), and are executed here only if still missing then.  ``first``: other printing, as
    (what, a function given the printer), done before the worksheets and before the wait for the
    build (the answer key).  The first error stops the printing and is raised, as a
    :class:`PackError` naming what failed.

    A worksheet is printed in the layout recorded for it (:data:`LAYOUTS_FILE`) while that fits; else
    its layout is searched (:func:`search_layout`)."""
    from .exercises.bank import load_bank
    from .toc import notebook_chapters
    from .worksheets import worksheet

    bank = load_bank()
    recorded = recorded_layouts(root)
    folder = out / "worksheets"
    folder.mkdir(parents=True, exist_ok=True)
    chapters = notebook_chapters(root)
    written = {}

    with printer:
        for what, job in first:
            with step(what):
                job(printer)
        notebooks = {}
        if gate is not None:
            import jupyter_cache.cache.main  # noqa: F401  (its import, a fifth of a second, while waiting)

            gate.wait_executed()
            for chapter, _ in chapters:
                notebooks[chapter] = executed_notebook(root, chapter, cache, kept, execute=False)
        later = [chapter for chapter, _ in chapters if notebooks.get(chapter) is None]
        for chapter, title in sorted(chapters, key=lambda c: c[0] in later):  # stable: book order otherwise
            with step(f"the worksheet of {chapter}"):
                if chapter in later:
                    if gate is not None:
                        gate.wait_read()
                    notebooks[chapter] = executed_notebook(root, chapter, cache, kept)
                # In order: the pictures are rendered (and numbered) alike every build.
                sheet = worksheet(root, chapter, notebooks[chapter], bank)
                pictures = chart_pictures(sheet.charts, svg_cache, f"ws-{chapter}")
                footer = f"Worksheet · {title}"
                written[chapter] = _write_worksheet(sheet, pictures, folder, footer, printer, recorded.get(chapter))
    return [written[chapter] for chapter, _ in chapters]


def _write_worksheet(
    sheet, pictures: list[str], folder: Path, footer: str, printer: Printer, recorded: Layout | None = None
) -> tuple[Path, int]:
    """One chapter's worksheet (see :func:`write_worksheets`): its page and PDF, and its pages on A4; in
    the ``recorded`` layout if it fits on 2 to 4 pages, else in the one :func:`search_layout` finds."""
    page, pdf = folder / f"{sheet.chapter}.html", folder / f"{sheet.chapter}.pdf"
    if recorded is not None:
        page.write_text(layout_html(sheet, pictures, pdf, recorded), encoding="utf-8")
        pages = printer.print(page, pdf, footer)
        if MIN_PAGES <= pages <= MAX_PAGES:
            return pdf, pages
    layout, pages = search_layout(sheet, pictures, page, footer, printer)
    page.write_text(layout_html(sheet, pictures, pdf, layout), encoding="utf-8")
    printer.print(page, pdf, footer)  # the kept page, from the printer's cache
    return pdf, pages


class Layout(NamedTuple):
    """How a worksheet is laid out: ``level`` (0, the loosest, to ``LEVELS - 1``) and ``words_first``
    (the charts whose words stand before their picture)."""

    level: int
    words_first: frozenset[int] = frozenset()


def layout_html(sheet, pictures: list[str], pdf: Path, layout: Layout) -> str:
    """The worksheet's page in ``layout``, linking its PDF ``pdf`` and its chapter online."""
    from .worksheets import worksheet_html

    return worksheet_html(
        sheet,
        pictures,
        chapter_href=f"../../chapters/{sheet.chapter}.html",
        pdf_href=pdf.name,
        level=layout.level,
        words_first=layout.words_first,
    )


def search_layout(sheet, pictures: list[str], page: Path, footer: str, printer: Printer) -> tuple[Layout, int]:
    """The layout a worksheet is printed in, and its pages: the loosest level that fits on at most
    :data:`MAX_PAGES` pages, unless the next, a step tighter, prints on fewer.  At each level the
    layouts of :func:`layouts` are printed: each chart's words under its picture (beside a narrow one),
    or before it, which lets them fill the page a picture too tall for it would leave half empty; the
    one on fewer pages is kept (the first, when they tie).  ``page`` is written with each in turn."""
    from .worksheets import LEVELS

    def best(level: int) -> tuple[Layout, int]:
        tried = []
        for words_first in layouts(len(pictures)):
            layout = Layout(level, words_first)
            page.write_text(layout_html(sheet, pictures, page.with_suffix(".pdf"), layout), encoding="utf-8")
            tried.append((layout, printer.print(page, page.with_suffix(".pdf"), footer)))
        return min(tried, key=lambda t: t[1])

    level = 0
    layout, pages = best(level)
    while pages > MAX_PAGES and level + 1 < LEVELS:
        level += 1
        layout, pages = best(level)
    if pages <= MAX_PAGES and level + 1 < LEVELS:  # a step tighter, if that saves a sheet of paper
        tighter, fewer = best(level + 1)
        if fewer < pages:
            layout, pages = tighter, fewer
    return layout, pages


def recorded_layouts(root: Path) -> dict[str, Layout]:
    """The layouts of :data:`LAYOUTS_FILE`, by chapter (none, if there is no such file).  A file that
    is not what :func:`record_layouts` writes is an error naming the file and what is wrong."""
    import json

    path = Path(root) / LAYOUTS_FILE
    if not path.is_file():
        return {}
    from .textfiles import read_text

    try:
        raw = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise PackError(f"{LAYOUTS_FILE}, line {error.lineno}, column {error.colno}: {error.msg}") from None
    chapters = raw.get("chapters") if isinstance(raw, dict) else None
    if not isinstance(chapters, dict):
        raise PackError(f'{LAYOUTS_FILE}: no "chapters" object; write it again with `make worksheet-layouts`')
    found = {}
    for chapter, entry in chapters.items():
        level = entry.get("level") if isinstance(entry, dict) else None
        first = entry.get("words_first") if isinstance(entry, dict) else None
        if not isinstance(level, int) or isinstance(level, bool) or not isinstance(first, list):
            raise PackError(
                f'{LAYOUTS_FILE}, chapter "{chapter}": needs "level" (a whole number) and "words_first" (a list '
                f"of chart numbers), not {json.dumps(entry)}"
            )
        found[chapter] = Layout(level, frozenset(first))
    return found


def layouts_json(found: dict[str, tuple[Layout, int]]) -> str:
    """:data:`LAYOUTS_FILE` as :func:`record_layouts` writes it: each chapter's layout and its pages."""
    import json

    chapters = {
        chapter: {"level": layout.level, "words_first": sorted(layout.words_first), "pages": pages}
        for chapter, (layout, pages) in found.items()
    }
    about = (
        "How each worksheet of the instructor pack is laid out, as the layout search last found it "
        "(nkbook.pack.search_layout): level 0 is the loosest; words_first lists the charts, counted from 0, "
        "whose words stand before their picture. The build prints each worksheet in this layout while it fits "
        "2 to 4 A4 pages, and searches again where it does not. Written by `make worksheet-layouts`; "
        "tests/test_pack.py checks that the search still finds these."
    )
    return json.dumps({"about": about, "chapters": chapters}, indent=2, ensure_ascii=False) + "\n"


def search_every_layout(root: Path, cache: Path, chromium: Path, work: Path) -> dict[str, tuple[Layout, int]]:
    """Every notebook chapter's layout as :func:`search_layout` finds it, from the executed notebooks
    of the build's ``cache`` (executed now where missing), with the pictures the build makes."""
    from .exercises.bank import load_bank
    from .toc import notebook_chapters
    from .worksheets import worksheet

    bank = load_bank()
    found = {}
    folder = Path(work) / "layouts"
    folder.mkdir(parents=True, exist_ok=True)
    with Printer(chromium, Path(work) / "pdf") as printer:
        for chapter, title in notebook_chapters(root):
            with step(f"the worksheet of {chapter}"):
                sheet = worksheet(root, chapter, executed_notebook(root, chapter, cache), bank)
                pictures = chart_pictures(sheet.charts, None, f"ws-{chapter}")
                found[chapter] = search_layout(
                    sheet, pictures, folder / f"{chapter}.html", f"Worksheet · {title}", printer
                )
    return found


def layouts(charts: int) -> list[frozenset[int]]:
    """The layouts a worksheet is tried in, each as the charts whose words come before their picture:
    none first; then every choice, for up to :data:`EVERY_LAYOUT` charts; else all of them."""
    if charts > EVERY_LAYOUT:
        return [frozenset(), frozenset(range(charts))]
    choices = [frozenset(i for i in range(charts) if n >> i & 1) for n in range(2**charts)]
    return sorted(choices, key=len)


def page_count(pdf: bytes) -> int:
    """The pages of a PDF Chromium printed (its page objects are plain dictionaries)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def _footer_template(text: str) -> str:
    from html import escape

    return (
        '<div style="font-size:7.5pt;width:100%;margin:0 15mm;color:#333;font-family:sans-serif;display:flex;'
        f'justify-content:space-between"><span>{escape(text)}</span><span>Page <span class="pageNumber"></span> '
        'of <span class="totalPages"></span></span></div>'
    )


class Printer:
    """Prints self-contained pages to A4 PDFs with headless Chromium, started when first needed; a
    page printed before (the same bytes, the same footer) is copied from ``cache``."""

    def __init__(self, chromium: Path, cache: Path):
        self.chromium, self.cache = Path(chromium), Path(cache)
        self._playwright = self._browser = self._page = None
        self.used: set[str] = set()  # the PDFs of the cache this printer printed or copied

    def prune(self) -> None:
        """Remove from the cache every PDF this printer neither printed nor copied (earlier builds')."""
        for kept in self.cache.glob("*.pdf"):
            if kept.name not in self.used:
                kept.unlink()

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc) -> None:
        """Close Chromium (from the thread that printed); a printer closed can print again."""
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._browser = self._page = None

    def _open(self):
        if self._page is not None:
            return self._page
        if not self.chromium.exists():
            raise RuntimeError(
                f"the instructor pack prints its PDFs with Chromium, which is not at {self.chromium}: install "
                "it (on Debian or Ubuntu: apt-get install chromium), or name it in nkbook_chromium (_config.yml)"
            )
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=str(self.chromium), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        self._page = self._browser.new_page()
        # The pages are self-contained: anything but the page itself is refused, so nothing leaves.
        self._page.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
        )
        self._page.emulate_media(media="print")
        return self._page

    def print(self, html: Path, pdf: Path, footer: str) -> int:
        """Print ``html`` into ``pdf`` with ``footer`` and the page number at the foot of each page;
        return its number of pages."""
        self.cache.mkdir(parents=True, exist_ok=True)
        source = html.read_bytes()
        key = hashlib.sha256(b"dates fixed\n" + source + footer.encode("utf-8")).hexdigest()[:24]
        kept = self.cache / f"{key}.pdf"
        self.used.add(kept.name)
        if not kept.is_file():
            page = self._open()
            # Given as text, not opened as a file: the same PDF (the page links nothing it prints, and
            # loads nothing), in half the time of a navigation.
            page.set_content(source.decode("utf-8"), wait_until="load")
            scratch = kept.with_suffix(f".{os.getpid()}.part")
            page.pdf(
                path=str(scratch),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=_footer_template(footer),
                margin={"top": "14mm", "bottom": "16mm", "left": "15mm", "right": "15mm"},
            )
            scratch.write_bytes(fixed_dates(scratch.read_bytes()))
            os.replace(scratch, kept)
        shutil.copyfile(kept, pdf)
        return page_count(kept.read_bytes())


# Chromium writes the time of printing into a PDF's information dictionary.
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)(\d{14})")


def fixed_dates(pdf: bytes) -> bytes:
    """``pdf`` with its creation and modification dates set to :data:`ZIP_DATE`, so that the same page
    prints to the same bytes in every build (as the zip holding it does).  The dates keep their length,
    so every offset the file records stays true."""
    fixed = "{:04d}{:02d}{:02d}{:02d}{:02d}{:02d}".format(*ZIP_DATE).encode()
    return _PDF_DATE.sub(lambda m: m[1] + fixed, pdf)


def zip_site(html_dir: Path, target: Path) -> Path:
    """Zip the built site into ``target`` (which is inside it): every file a reader's browser may ask
    for (:func:`used_files`), but not the zip itself; a page that offers the zip is zipped as
    :func:`offline_page`.  The same site makes the same zip: files in order, one date for all."""
    html_dir = Path(html_dir).resolve()
    target = Path(target).resolve()
    scratch = target.with_name(target.name + ".part")
    files = [p for p in used_files(html_dir) if p.resolve() not in (target, scratch)]
    with zipfile.ZipFile(scratch, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"nkbook-site/{path.relative_to(html_dir).as_posix()}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = path.read_bytes()
            if path.suffix == ".html" and ZIP_OFFER.encode() in data:
                data = offline_page(data)
            archive.writestr(info, data)
    os.replace(scratch, target)
    return target


# The files a file of the site may name, for used_files(): text a browser reads.
_NAMING = {".html", ".css", ".js", ".json", ".svg"}
# A source map is named only for a developer's tools, never fetched for a reader; a stylesheet's comment
# (the book's stylesheet names the theme's it was made from) names nothing a browser fetches.
_SOURCE_MAP = re.compile(rb"[#@]\s*sourceMappingURL=\S+")
_CSS_COMMENT = re.compile(rb"/\*.*?\*/", re.S)
_WORD = re.compile(rb"[\w.-]+")  # a file name, whole, as a page or a script may name it
_LICENCE = re.compile(r"LICEN[CS]E", re.I)  # a licence text goes wherever its work goes


def used_files(html_dir: Path) -> list[Path]:
    """The files of a built site that a reader's browser may ask for, in order: every file outside
    ``_static/`` (pages, search index, images, downloads, the pack), every licence text, and every file
    under ``_static/`` that one of those, or a file of ``_static/`` already found, names (its file
    name, whole, in its text).  Left out: what the theme ships and no page loads, such as its source
    maps, its icon script, and the stylesheets and icon fonts that the book's one stylesheet replaced
    (:mod:`.sphinx.site_css`): 4.2 MB of the site's zip was 1.9 MB.  Named by file name alone, a file
    is kept whichever folder the name meant: a file too many, never one too few."""
    html_dir = Path(html_dir)
    files = sorted(p for p in html_dir.rglob("*") if p.is_file())
    static = html_dir / "_static"
    kept = [p for p in files if static not in p.parents or _LICENCE.search(p.name)]
    waiting: dict[str, list[Path]] = {}
    for path in sorted(set(files) - set(kept)):
        waiting.setdefault(path.name, []).append(path)
    todo = [p for p in kept if p.suffix in _NAMING]
    while todo and waiting:
        path = todo.pop()
        text = _SOURCE_MAP.sub(b"", path.read_bytes())
        if path.suffix == ".css":
            text = _CSS_COMMENT.sub(b"", text)
        for name in {word.decode("utf-8", "replace") for word in _WORD.findall(text)} & waiting.keys():
            found = waiting.pop(name)
            kept += found
            todo += [p for p in found if p.suffix in _NAMING]
    return sorted(kept)


def expected_files(root: Path, out: Path) -> list[Path]:
    """Every file a whole pack in ``out`` holds: the answer key and each notebook chapter's worksheet,
    as a page and a PDF, the LMS files and the zip of the site."""
    from .exercises.export.lms import lms_names
    from .toc import notebook_chapters

    files = [out / f"{ANSWER_KEY}.html", out / f"{ANSWER_KEY}.pdf", out / ZIP_NAME]
    for chapter, _ in notebook_chapters(root):
        files += [out / "worksheets" / f"{chapter}.html", out / "worksheets" / f"{chapter}.pdf"]
    return files + [out / "lms" / name for name in lms_names()]


def pack_files(out: Path) -> dict[str, list[Path]]:
    """What the pack holds, by kind (for the pages that link it and for the tests)."""
    return {
        "answer key": sorted(out.glob(f"{ANSWER_KEY}.*")),
        "worksheets": sorted((out / "worksheets").glob("*")),
        "lms": sorted((out / "lms").glob("*")),
        "site": [out / ZIP_NAME],
    }


def make_pack(
    root: Path,
    out: Path,
    work: Path,
    chromium: Path,
    cache: Path,
    svg_cache: Path | None = None,
    gate: Gate | None = None,
) -> list[str]:
    """Write the pack into the new folder ``out`` (everything but the zip: :func:`zip_site` comes last);
    return what is wrong with it (a worksheet on fewer than 2 or more than 4 pages), if anything.
    ``work`` keeps the printed PDFs and the executed chapters between builds; ``cache`` is the
    build's jupyter-cache, which holds the executed chapters; ``svg_cache`` the charts' pictures;
    ``gate`` says when the build's notebooks may be read (see :func:`write_worksheets`).  An error
    is a :class:`PackError` naming the part of the pack that failed."""
    from .exercises.export import write_lms

    out = Path(out)
    out.mkdir(parents=True)
    key = out / f"{ANSWER_KEY}.html"
    with step("the answer key"):
        key.write_text(pack_answer_key(), encoding="utf-8")
    with step("the LMS files"):
        write_lms(out / "lms")
    printer = Printer(chromium, Path(work) / "pdf")
    answer_key = ("the answer key", lambda printer: printer.print(key, key.with_suffix(".pdf"), f"Answer key · {BOOK}"))
    sheets = write_worksheets(root, out, cache, svg_cache, printer, Path(work) / "executed", gate, [answer_key])
    printer.prune()  # the cache keeps this pack's PDFs, not every one ever printed
    return [
        f"the worksheet {pdf.name} prints on {pages} pages, not {MIN_PAGES} to {MAX_PAGES}"
        for pdf, pages in sheets
        if not MIN_PAGES <= pages <= MAX_PAGES
    ]


def build_pack(
    root: Path, html_dir: Path, work: Path, chromium: Path, cache: Path, svg_cache: Path | None = None
) -> list[str]:
    """:func:`make_pack` into ``html_dir/pack``, here and now (no file of an earlier pack survives)."""
    out = Path(html_dir) / PACK
    if out.exists():
        shutil.rmtree(out)
    return make_pack(root, out, work, chromium, cache, svg_cache)


class Gate:
    """When the build's notebooks may be read, as another process tells it: once the build has
    executed the notebooks it could (``executed``), and once it has read them all (``read``)."""

    def __init__(self, executed, read):
        self.executed, self.read = executed, read

    def wait_executed(self) -> None:
        self.executed.wait()

    def wait_read(self) -> None:
        self.read.wait()


def _make_in_background(out: Path, work: Path, gate: Gate, root: Path, chromium: Path, cache: Path, svg_cache):
    from . import paths

    paths.use_root(root)  # as the build reads the book (its source folder)
    return make_pack(root, out, work, chromium, cache, svg_cache, gate=gate)


def _run(target, out: Path, work: Path, gate: Gate, args: tuple, answer, environ: dict[str, str]) -> None:
    """In the job's process, with the build's environment variables: ``target``, and what came of it,
    sent back through ``answer``."""
    import traceback

    os.environ.clear()
    os.environ.update(environ)
    if hasattr(os, "nice"):  # the lowest priority: the build waits for its own steps, not for the pack
        os.nice(19)
    try:
        answer.send(("made", target(out, work, gate, *args)))
    except BaseException as error:
        if isinstance(error, PackError):
            message = str(error)
        else:
            message = f"{type(error).__name__}: {error}"
        answer.send(("failed", f"{message}\n\nin the process making the pack:\n{traceback.format_exc()}"))
    finally:
        answer.close()


class PackJob:
    """The pack made in a process of its own while the build goes on, from the moment the book's
    inputs are known, at the lowest CPU priority (it and its Chromium take the CPU the build's own
    steps leave: the second CPU, idle while Sphinx reads and writes pages):

    - :meth:`start`: the answer key, the LMS files and Chromium at once; the worksheets of the
      chapters whose executed notebook is at hand after :meth:`notebooks_executed`, the others after
      :meth:`notebooks_read`;
    - :meth:`finish`: wait for it; the pack, whole, replaces ``html_dir/pack`` in one move; an error
      in the background fails here, as a :class:`PackError` that names what failed.

    The pack is made in ``work/pack-in-progress.<id>`` until then, so a killed build leaves no half
    pack in the site (and the next build removes what it left; it makes its own pack anyway)."""

    def __init__(self, root: Path, work: Path, chromium: Path, cache: Path, svg_cache: Path | None = None, target=None):
        self.work = Path(work)
        self.args = (Path(root), Path(chromium), Path(cache), Path(svg_cache) if svg_cache is not None else None)
        self.target = target or _make_in_background
        self.out: Path | None = None
        self._process = self._answer = None

    def start(self) -> PackJob:
        import multiprocessing
        import uuid

        self.work.mkdir(parents=True, exist_ok=True)
        for left in self.work.glob(f"{IN_PROGRESS}.*"):  # a killed build's
            shutil.rmtree(left, ignore_errors=True)
        self.out = self.work / f"{IN_PROGRESS}.{uuid.uuid4().hex[:12]}"
        # Not forked from the build, a process with threads (and a fork would copy all of Sphinx): from
        # the fork server the notebooks' workers come from, which has imported the book's helpers and
        # read the bank (nkbook.inprocess), or, where there is none, a process of its own.
        from . import inprocess

        if inprocess.can_run():
            inprocess.start()
            context = multiprocessing.get_context("forkserver")
        else:
            context = multiprocessing.get_context("spawn")
        self._executed, self._read = context.Event(), context.Event()
        self._answer, answer = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_run,
            args=(
                self.target,
                self.out,
                self.work,
                Gate(self._executed, self._read),
                self.args,
                answer,
                dict(os.environ),
            ),
            name="nkbook-pack",
            daemon=True,  # ends with the build, however the build ends
        )
        self._process.start()
        answer.close()  # the job's end only: its end of the pipe closes when it ends
        return self

    def notebooks_executed(self) -> None:
        self._executed.set()

    def notebooks_read(self) -> None:
        self._executed.set()
        self._read.set()

    def finish(self, html_dir: Path) -> list[str]:
        """Wait for the pack; put it into ``html_dir/pack``; return what is wrong with it (see
        :func:`make_pack`).  Raises :class:`PackError` when it could not be made."""
        self.notebooks_read()
        try:
            answer = self._answer.recv()
        except EOFError:  # it died without sending an answer (killed, out of memory)
            self._process.join()
            answer = ("failed", f"the process making it ended without a word (exit code {self._process.exitcode})")
        finally:
            self._answer.close()
        self._process.join()
        out = Path(html_dir) / PACK
        if out.exists():  # no file of an earlier pack survives, nor, on failure, a pack the site did not make
            shutil.rmtree(out)
        if answer[0] == "failed":
            shutil.rmtree(self.out, ignore_errors=True)
            raise PackError(answer[1])
        shutil.move(self.out, out)  # a rename: both are under _build
        return answer[1]

    def cancel(self) -> None:
        """Stop making the pack (the build failed) and leave nothing of it."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        if self._process is not None:
            self._process.join()
            self._answer.close()
        if self.out is not None:
            shutil.rmtree(self.out, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """``python -m nkbook.pack layouts [--chromium PATH]`` (``make worksheet-layouts``): search every
    worksheet's layout, from the last build's executed notebooks, and write :data:`LAYOUTS_FILE`."""
    import argparse

    from . import paths

    parser = argparse.ArgumentParser(prog="python -m nkbook.pack", description=main.__doc__)
    parser.add_argument("what", choices=["layouts"])
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the Chromium that prints (as nkbook_chromium)")
    args = parser.parse_args(argv)
    root = paths.root()
    build = root / "_build"
    found = search_every_layout(root, build / ".jupyter_cache", Path(args.chromium), build / ".nkbook-pack")
    (root / LAYOUTS_FILE).write_text(layouts_json(found), encoding="utf-8")
    for chapter, (layout, pages) in found.items():
        first = ", ".join(str(i) for i in sorted(layout.words_first)) or "none"
        print(f"{chapter}: level {layout.level}, words first for charts {first}, {pages} pages")
    print(f"written: {LAYOUTS_FILE}")


if __name__ == "__main__":
    main()
