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
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path

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


def offline_page(html: bytes) -> bytes:
    """A page as the zip holds it: its offer of the zip (if any) says that this is the copy."""
    from html import escape

    text = _OFFER.sub(lambda m: f"{m[1]}{escape(OFFLINE_OFFER, quote=False)}{m[2]}", html.decode("utf-8"))
    return text.encode("utf-8")


def executed_notebook(root: Path, chapter: str, cache: Path, kept: Path | None = None) -> dict:
    """``chapters/<chapter>.ipynb`` with the outputs of its last execution: from the build's
    jupyter-cache; else, when the cache was started afresh and the chapter not read again, the copy
    kept from an earlier build of the same notebook; else executed now (into the cache)."""
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
        merged = _execute(path, jupyter_cache)
    if copy is not None:
        for old in copy.parent.glob(f"{chapter}.*.ipynb"):
            old.unlink()
        copy.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(merged, copy)
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
    """Each chart's picture, as the book renders it (:mod:`nkbook.sphinx.static_svg`)."""
    from .outputs import for_book
    from .sphinx import static_svg
    from .worksheets import for_paper

    pictures = []
    for i, chart in enumerate(charts):
        svg, width, height = static_svg.render(for_paper(for_book(chart.spec)), svg_cache)
        pictures.append(static_svg.for_page(svg, width, height, f"{prefix}-{i}"))
    return pictures


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
    root: Path, out: Path, cache: Path, svg_cache: Path | None, printer: Printer, kept: Path | None = None
) -> list[tuple[Path, int]]:
    """Write ``worksheets/<chapter>.html`` and ``.pdf`` for every notebook chapter, each laid out as
    loosely as fits on 2 to 4 A4 pages; return (each PDF, its number of pages).

    At each level the layouts of :func:`layouts` are printed: each chart's words under its picture
    (beside a narrow one), or before it, which lets them fill the page a picture too tall for it would
    leave half empty; the one on fewer pages is kept (the first, when they tie).  The loosest level that
    fits is kept, unless the next, a step tighter, prints on fewer pages."""
    from .exercises.bank import load_bank
    from .toc import notebook_chapters
    from .worksheets import LEVELS, worksheet

    bank = load_bank()
    folder = out / "worksheets"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter, title in notebook_chapters(root):
        sheet = worksheet(root, chapter, executed_notebook(root, chapter, cache, kept), bank)
        pictures = chart_pictures(sheet.charts, svg_cache, f"ws-{chapter}")
        page, pdf = folder / f"{chapter}.html", folder / f"{chapter}.pdf"
        footer = f"Worksheet · {title}"
        level = 0
        pages, html = _best_layout(printer, sheet, pictures, page, pdf, footer, level)
        while pages > MAX_PAGES and level + 1 < LEVELS:
            level += 1
            pages, html = _best_layout(printer, sheet, pictures, page, pdf, footer, level)
        if pages <= MAX_PAGES and level + 1 < LEVELS:  # a step tighter, if that saves a sheet of paper
            tighter = _best_layout(printer, sheet, pictures, page, pdf, footer, level + 1)
            if tighter[0] < pages:
                pages, html = tighter
        page.write_text(html, encoding="utf-8")  # the kept page, printed again from the printer's cache
        printer.print(page, pdf, footer)
        written.append((pdf, pages))
    return written


def _best_layout(printer: Printer, sheet, pictures: list[str], page: Path, pdf: Path, footer: str, level: int):
    """(pages, page) of the layout on the fewest pages at ``level`` (the first, when they tie)."""
    from .worksheets import worksheet_html

    tried = []
    for words_first in layouts(len(pictures)):
        html = worksheet_html(
            sheet,
            pictures,
            chapter_href=f"../../chapters/{sheet.chapter}.html",
            pdf_href=pdf.name,
            level=level,
            words_first=words_first,
        )
        page.write_text(html, encoding="utf-8")
        tried.append((printer.print(page, pdf, footer), html))
    return min(tried, key=lambda t: t[0])


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

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

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
        return self._page

    def print(self, html: Path, pdf: Path, footer: str) -> int:
        """Print ``html`` into ``pdf`` with ``footer`` and the page number at the foot of each page;
        return its number of pages."""
        self.cache.mkdir(parents=True, exist_ok=True)
        key = hashlib.sha256(html.read_bytes() + footer.encode("utf-8")).hexdigest()[:24]
        kept = self.cache / f"{key}.pdf"
        if not kept.is_file():
            page = self._open()
            page.goto(html.resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            scratch = kept.with_suffix(".part")
            page.pdf(
                path=str(scratch),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=_footer_template(footer),
                margin={"top": "14mm", "bottom": "16mm", "left": "15mm", "right": "15mm"},
            )
            os.replace(scratch, kept)
        shutil.copyfile(kept, pdf)
        return page_count(kept.read_bytes())


def zip_site(html_dir: Path, target: Path) -> Path:
    """Zip the whole built site into ``target`` (which is inside it), leaving the zip itself out; a page
    that offers the zip is zipped as :func:`offline_page`.  The same site makes the same zip: files in
    order, one date for all."""
    html_dir = Path(html_dir).resolve()
    target = Path(target).resolve()
    scratch = target.with_name(target.name + ".part")
    files = sorted(p for p in html_dir.rglob("*") if p.is_file() and p.resolve() not in (target, scratch))
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


def pack_files(out: Path) -> dict[str, list[Path]]:
    """What the pack holds, by kind (for the pages that link it and for the tests)."""
    return {
        "answer key": sorted(out.glob(f"{ANSWER_KEY}.*")),
        "worksheets": sorted((out / "worksheets").glob("*")),
        "lms": sorted((out / "lms").glob("*")),
        "site": [out / ZIP_NAME],
    }


def build_pack(
    root: Path, html_dir: Path, work: Path, chromium: Path, cache: Path, svg_cache: Path | None = None
) -> list[str]:
    """Write the pack into ``html_dir/pack`` (everything but the zip: :func:`zip_site` comes last);
    return what is wrong with it (a worksheet on fewer than 2 or more than 4 pages), if anything.
    ``work`` keeps the printed PDFs and the executed chapters between builds; ``cache`` is the
    build's jupyter-cache, which holds the executed chapters; ``svg_cache`` the charts' pictures."""
    from .exercises.export import write_lms

    out = Path(html_dir) / PACK
    if out.exists():  # no file of an earlier pack survives (a chapter removed, an LMS file renamed)
        shutil.rmtree(out)
    out.mkdir(parents=True)
    key = out / f"{ANSWER_KEY}.html"
    key.write_text(pack_answer_key(), encoding="utf-8")
    write_lms(out / "lms")
    with Printer(chromium, Path(work) / "pdf") as printer:
        printer.print(key, key.with_suffix(".pdf"), f"Answer key · {BOOK}")
        sheets = write_worksheets(root, out, cache, svg_cache, printer, kept=Path(work) / "executed")
    return [
        f"the worksheet {pdf.name} prints on {pages} pages, not {MIN_PAGES} to {MAX_PAGES}"
        for pdf, pages in sheets
        if not MIN_PAGES <= pages <= MAX_PAGES
    ]
