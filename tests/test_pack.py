"""The instructor pack in the built site: every file there and linked, worksheets printed on 2 to 4
A4 pages with every question and no control, the answer key in book order, the site as a zip."""

from __future__ import annotations

import concurrent.futures
import os
import re
import shutil
import subprocess
import zipfile
from html import escape, unescape
from pathlib import Path

import pytest

from nkbook import paths
from nkbook.exercises.bank import exit_questions, load_bank
from nkbook.exercises.export import by_chapter, write_lms
from nkbook.pack import ANSWER_KEY, PACK, ZIP_NAME, page_count, used_files, zip_site
from nkbook.toc import notebook_chapters
from nkbook.worksheets import licence_line

pytestmark = pytest.mark.book

CHAPTERS = notebook_chapters()
LEFTOVERS = re.compile(r"\bCheck\b|Choose…|Choose\.\.\.|Show the answer|Show the model answer|Your answer")
# Page images of every worksheet, for a person to look at after a test run.
PAGE_IMAGES = paths.root() / "_build" / "pack-pages"


def words(text: str) -> str:
    return " ".join(text.split())


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing in CI: .ci/run installs poppler-utils")
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")
    return found


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pdf_text(pdf: Path) -> str:
    out = subprocess.run([poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return words(out)


@pytest.fixture(scope="module")
def pack(built_book) -> Path:
    assert built_book["result"].returncode == 0, built_book["result"].stderr[-3000:]
    return built_book["html"] / PACK


def test_the_pack_holds_every_file(pack, tmp_path):
    assert (pack / f"{ANSWER_KEY}.html").is_file() and (pack / f"{ANSWER_KEY}.pdf").is_file()
    for chapter, _ in CHAPTERS:
        assert (pack / "worksheets" / f"{chapter}.html").is_file(), chapter
        assert (pack / "worksheets" / f"{chapter}.pdf").is_file(), chapter
    expected = sorted(p.name for p in write_lms(tmp_path))
    assert expected and sorted(p.name for p in (pack / "lms").iterdir()) == expected
    for name in expected:
        assert (pack / "lms" / name).read_bytes() == (tmp_path / name).read_bytes(), name
    assert (pack / ZIP_NAME).stat().st_size > 1_000_000


def test_downloads_and_the_guide_link_every_file_of_the_pack(pack):
    html = pack.parent
    files = sorted(str(p.relative_to(html)) for p in pack.rglob("*") if p.is_file())
    for page in ("chapters/downloads.html", "chapters/instructor-guide.html"):
        text = (html / page).read_text(encoding="utf-8")
        linked = {
            str((html / "chapters" / ref).resolve().relative_to(html.resolve()))
            for ref in re.findall(r'href="(\.\./pack/[^"#]+)"', text)
        }
        assert linked == set(files), (page, set(files) ^ linked)
    for chapter, _ in CHAPTERS:  # a student's chapter does not link the answers
        assert f"{PACK}/" not in (html / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"), chapter


def test_the_guide_says_the_answers_are_public_and_graded_work_goes_through_the_lms(pack):
    guide = (paths.chapters_dir() / "instructor-guide.md").read_text(encoding="utf-8")
    section = words(guide.split("### The instructor pack", 1)[1].split("\n### ", 1)[0])
    for part in ("The module is open, and so are its answers", "public website", "graded", "LMS files"):
        assert part in section, part
    key = words(unescape(re.sub(r"<[^>]+>", " ", (pack / f"{ANSWER_KEY}.html").read_text(encoding="utf-8"))))
    assert "Not linked from the student book" not in key
    assert "The module is open, and so are its answers" in key and licence_line() in key


def test_each_worksheet_prints_on_2_to_4_a4_pages_with_every_question_and_no_control(pack):
    bank = load_bank()
    PAGE_IMAGES.mkdir(parents=True, exist_ok=True)
    for old in PAGE_IMAGES.glob("*.png"):
        old.unlink()
    for chapter, title in CHAPTERS:
        pdf = pack / "worksheets" / f"{chapter}.pdf"
        info = pdf_info(pdf)
        pages = int(info["Pages"])
        assert 2 <= pages <= 4, f"{chapter}: {pages} pages"
        assert pages == page_count(pdf.read_bytes())
        # Printed to the same bytes in every build: no date of printing.
        assert re.findall(rb"/(?:Creation|Mod)Date \(D:(\d{14})", pdf.read_bytes()) == [b"20260101000000"] * 2
        assert "(A4)" in info["Page size"], info["Page size"]
        text = pdf_text(pdf)
        assert text.upper().startswith(f"WORKSHEET · WOMEN AND CHILDREN WHO FLED NORTH KOREA, IN CHINA {title.upper()}")
        assert text.index("Content note") < text.index("Questions") < text.index("Exit question"), chapter
        assert "Content note" in text and "Exit question" in text and words(licence_line()) in text, chapter
        assert words(exit_questions()[chapter]) in text, chapter
        for q in bank.values():
            if q.chapter == chapter:
                assert words(q.prompt) in text, (chapter, q.id)
        assert not LEFTOVERS.search(text), (chapter, LEFTOVERS.search(text)[0])
        # Page images, for a person to look at: every page drawn, and none left blank.
        subprocess.run([poppler("pdftoppm"), "-r", "60", "-png", str(pdf), str(PAGE_IMAGES / chapter)], check=True)
        images = sorted(PAGE_IMAGES.glob(f"{chapter}-*.png"))
        assert len(images) == pages, chapter
        assert all(image.stat().st_size > 8_000 for image in images), chapter


def test_each_worksheet_is_in_its_recorded_layout_which_the_search_still_finds(pack, tmp_path):
    # The build prints each worksheet in its recorded layout (one print, not the search's dozen); the
    # search, run here in full, must still find that layout, or the recording is out of date.
    from nkbook.exercises.bank import load_bank
    from nkbook.pack import chart_pictures, executed_notebook, layout_html, recorded_layouts, search_every_layout
    from nkbook.worksheets import worksheet

    root = paths.root()
    cache = root / "_build" / ".jupyter_cache"
    recorded = recorded_layouts(root)
    assert set(recorded) == {chapter for chapter, _ in CHAPTERS}
    # In a thread of its own: Playwright's sync API refuses the thread where the tests' browser runs.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        found = thread.submit(search_every_layout, root, cache, Path("/usr/bin/chromium"), tmp_path).result()
    moved = {c: f"recorded {recorded[c]}, found {layout}" for c, (layout, _) in found.items() if layout != recorded[c]}
    assert not moved, f"the worksheets' layouts have moved: run `make worksheet-layouts` ({moved})"
    bank = load_bank()
    for chapter, _ in CHAPTERS:
        sheet = worksheet(root, chapter, executed_notebook(root, chapter, cache), bank)
        pictures = chart_pictures(sheet.charts, None, f"ws-{chapter}")
        built = (pack / "worksheets" / f"{chapter}.html").read_text(encoding="utf-8")
        assert built == layout_html(sheet, pictures, Path(f"{chapter}.pdf"), recorded[chapter]), chapter


def test_the_guides_lesson_plans_close_on_the_worksheets_exit_questions(pack):
    guide = (pack.parent / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
    shown = re.findall(r'<em class="nkbook-exit-question">(.*?)</em>', guide)
    assert [unescape(q) for q in shown] == [exit_questions()[chapter] for chapter, _ in CHAPTERS]


def test_the_answer_key_is_in_book_order_under_the_chapters_titles(pack):
    html = (pack / f"{ANSWER_KEY}.html").read_text(encoding="utf-8")
    chapters = by_chapter(load_bank())
    assert [c for c, _, _ in chapters] == [c for c, _ in CHAPTERS]
    positions = [html.index(f"<h2>{escape(title)}</h2>") for _, title, _ in chapters]
    assert positions == sorted(positions)
    for _, _, questions in chapters:
        for q in questions:
            assert f"id='{q.id}'" in html, q.id
    text = pdf_text(pack / f"{ANSWER_KEY}.pdf")
    assert [text.index(words(title)) for _, title, _ in chapters] == sorted(
        text.index(words(t)) for _, t, _ in chapters
    )


def test_the_pack_pages_load_nothing(pack):
    for page in pack.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "<link" not in text, page
        assert not re.search(r'\ssrc="', text), page
        assert "default-src 'self'" in text and "object-src 'none'" in text, page


def test_the_zip_holds_every_file_a_page_uses_but_not_itself(pack):
    html = pack.parent
    with zipfile.ZipFile(pack / ZIP_NAME) as archive:
        names = set(archive.namelist())
        assert archive.testzip() is None
    used = {f"nkbook-site/{p.relative_to(html).as_posix()}" for p in used_files(html)}
    assert f"nkbook-site/{PACK}/{ZIP_NAME}" not in names
    assert names == used - {f"nkbook-site/{PACK}/{ZIP_NAME}"}
    assert "nkbook-site/index.html" in names and f"nkbook-site/{PACK}/{ANSWER_KEY}.pdf" in names
    # Every page and every file outside _static; the theme's unused files (its icon script, its source
    # maps) are left out. Whether the copy lacks nothing a page asks for: test_site.py opens it.
    outside = {f"nkbook-site/{p.relative_to(html).as_posix()}" for p in html.rglob("*") if p.is_file()}
    outside = {n for n in outside if not n.startswith("nkbook-site/_static/")}
    assert outside - {f"nkbook-site/{PACK}/{ZIP_NAME}"} <= names
    assert "nkbook-site/_static/scripts/fontawesome.js" not in names
    assert not any(n.endswith(".map") for n in names)
    # The copy cannot hold the zip: its pages link none, and the pages that offer it say so.
    with zipfile.ZipFile(pack / ZIP_NAME) as archive:
        for name in sorted(n for n in names if n.endswith(".html")):
            page = archive.read(name).decode("utf-8")
            assert not re.search(rf'href="[^"]*{re.escape(ZIP_NAME)}"', page), name
        for page in ("chapters/downloads.html", "chapters/instructor-guide.html"):
            served = (html / page).read_text(encoding="utf-8")
            assert f'href="../{PACK}/{ZIP_NAME}"' in served, page
            copy = words(unescape(re.sub(r"<[^>]+>", " ", archive.read(f"nkbook-site/{page}").decode("utf-8"))))
            assert "This is the offline copy unzipped from it" in copy, page


def test_a_pdfs_dates_are_fixed_and_its_length_kept():
    from nkbook.pack import fixed_dates

    pdf = b"%PDF-1.4\n1 0 obj <</Creator (x) /CreationDate (D:20261127231900+00'00') /ModDate (D:20261127231901Z)>>"
    fixed = fixed_dates(pdf)
    assert len(fixed) == len(pdf)
    assert fixed == pdf.replace(b"20261127231900", b"20260101000000").replace(b"20261127231901", b"20260101000000")


def test_the_files_a_site_uses_are_those_its_pages_name_and_what_those_name(tmp_path):
    site = tmp_path / "html"
    files = {
        "index.html": '<script src="_static/app.js"></script><link href="_static/site.css" rel="stylesheet">',
        "data/table.csv": "a,b",  # outside _static: always
        "_static/app.js": 'load("vendor/chart.js");\n//# sourceMappingURL=app.js.map',
        "_static/app.js.map": "{}",  # a source map: for developers' tools only
        "_static/vendor/chart.js": "draw()",  # named by a script a page loads
        "_static/site.css": "/* made from theme.css */ @font-face{src:url(fonts/icons.woff2)}",
        "_static/fonts/icons.woff2": "font",  # named by the stylesheet
        "_static/theme.css": "@font-face{src:url(fonts/all-icons.ttf)}",  # named in a comment only
        "_static/fonts/all-icons.ttf": "font",  # named only by a file no page uses
        "_static/chart.js.LICENSE.txt": "MIT",  # a licence text goes with its work
        "_static/unused.js": "nothing names me",
    }
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    used = [p.relative_to(site).as_posix() for p in used_files(site)]
    assert used == sorted(
        [
            "_static/app.js",
            "_static/chart.js.LICENSE.txt",
            "_static/fonts/icons.woff2",
            "_static/site.css",
            "_static/vendor/chart.js",
            "data/table.csv",
            "index.html",
        ]
    )


def test_the_zip_of_a_site_is_the_same_every_time_and_never_holds_itself(tmp_path):
    site = tmp_path / "html"
    (site / "pack").mkdir(parents=True)
    (site / "index.html").write_text("<p>hello</p>")
    (site / "pack" / "a.pdf").write_bytes(b"%PDF")
    offer = '<p>Site<span class="nkbook-pack__zip">: <a href="pack/site.zip">site.zip</a> (unzip it).</span></p>'
    (site / "downloads.html").write_text(offer, encoding="utf-8")
    first = zip_site(site, site / "pack" / "site.zip").read_bytes()
    again = zip_site(site, site / "pack" / "site.zip").read_bytes()
    assert first == again
    with zipfile.ZipFile(site / "pack" / "site.zip") as archive:
        assert archive.namelist() == ["nkbook-site/downloads.html", "nkbook-site/index.html", "nkbook-site/pack/a.pdf"]
        copy = archive.read("nkbook-site/downloads.html").decode("utf-8")
    assert "site.zip" in copy and "<a " not in copy and "offline copy" in copy
    assert (site / "downloads.html").read_text(encoding="utf-8") == offer  # the site itself is left alone


def test_a_worksheet_is_tried_in_every_layout_of_its_charts_words_the_plain_one_first():
    from nkbook.pack import EVERY_LAYOUT, layouts

    assert layouts(0) == [frozenset()]
    assert layouts(2) == [frozenset(), frozenset({0}), frozenset({1}), frozenset({0, 1})]
    assert len(layouts(EVERY_LAYOUT)) == 2**EVERY_LAYOUT
    assert layouts(EVERY_LAYOUT + 1) == [frozenset(), frozenset(range(EVERY_LAYOUT + 1))]


def test_without_chromium_the_pack_fails_and_says_how_to_install_it(tmp_path):
    from nkbook.pack import Printer

    page = tmp_path / "page.html"
    page.write_text("<p>A page</p>", encoding="utf-8")
    with Printer(tmp_path / "no-chromium", tmp_path / "cache") as printer:
        with pytest.raises(RuntimeError, match="apt-get install chromium"):
            printer.print(page, tmp_path / "page.pdf", "Footer")


@pytest.mark.browser
def test_a_chapter_printed_from_the_browser_has_no_buttons_and_room_to_write(browser, site, tmp_path):
    """Printing a chapter gives a clean copy too: no button, no feedback, each question whole, and a
    box to write in for an open question."""
    page = browser.new_page()
    page.goto(f"{site}/chapters/arrested.html", wait_until="networkidle")
    labels = {" ".join(t.split()) for t in page.locator("form.nkbook-exercise button").all_inner_texts()}
    labels |= {"Check", "Show the answer", "Show the model answer"}
    page.emulate_media(media="print")
    box = page.locator("form.nkbook-exercise textarea").first.bounding_box()
    assert box and box["height"] >= 150, box  # 45 mm
    pdf = tmp_path / "arrested.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    out = subprocess.run([poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = {" ".join(line.split()) for line in out.splitlines()}
    assert not (labels & lines), labels & lines
    assert "Tick every option that applies." in lines
