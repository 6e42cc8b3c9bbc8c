"""The built book in a real browser, page by page: offline, quiet, drawn, answering, linked, accessible.

Run alone with ``make check-site``; ``make test`` and CI run it too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from nkbook import paths

pytestmark = [pytest.mark.browser, pytest.mark.book]

HTML = paths.root() / "_build" / "html"
AXE = paths.root() / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def book_pages(html: Path) -> list[str]:
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html") if "_static" not in p.parts)


def test_every_internal_link_and_anchor_resolves(built_book):
    """The build checks this itself (a warning, so -W fails); here it is held to the built book."""
    from nkbook.sphinx.whole_build import broken_links

    assert broken_links(built_book["html"]) == []


@pytest.fixture(scope="module")
def pages(built_book):
    return book_pages(built_book["html"])


def problems_on_every_page(page, site: str, pages: list[str]) -> dict[str, list[str]]:
    """What goes wrong on each page, opened in turn: a request that leaves the site or fails, a console
    error, a chart not drawn, an exercise that gives no feedback, a breach of the page's policy."""
    problems = {}
    for name in pages:
        page.console_errors.clear()
        page.off_host.clear()
        page.failed.clear()
        page.goto(f"{site}/{name}", wait_until="load")
        # index.html forwards to the first chapter by a meta refresh; let it land before going on, or it
        # would abort the next page's requests.
        page.wait_for_load_state("networkidle")
        charts = page.locator("figure.nkbook-chart")
        for i in range(charts.count()):
            charts.nth(i).scroll_into_view_if_needed()  # a chart is drawn when the reader comes near it
            # (drawn out of sight: it takes the picture's place when that moves nothing on the screen)
            view = charts.nth(i).locator(".nkbook-chart__view svg, .nkbook-chart__view canvas").first
            view.wait_for(state="attached", timeout=5000)
        forms = page.locator("form.nkbook-exercise")
        for i in range(forms.count()):
            form = forms.nth(i)
            form.locator("button[type=submit]").click()
            status = form.locator("[role=status]")
            if not status.inner_text().strip():
                problems.setdefault(name, []).append(
                    f"exercise {form.get_attribute('data-exercise-id')} gave no feedback"
                )
        if page.off_host:
            problems.setdefault(name, []).append(f"requests off loopback: {page.off_host[:3]}")
        if page.console_errors:
            problems.setdefault(name, []).append(f"console errors: {page.console_errors[:3]}")
        if page.failed:
            problems.setdefault(name, []).append(f"failed requests: {page.failed[:3]}")
        breaches = page.evaluate("window.__nkbookCSP")
        if breaches:
            problems.setdefault(name, []).append(f"Content-Security-Policy breached: {breaches[:3]}")
    return problems


def test_every_page_offline_quiet_drawn_and_answering(page, site, pages):
    assert problems_on_every_page(page, site, pages) == {}


def test_the_offline_copy_in_the_zip_lacks_nothing_a_page_asks_for(built_book, serve, new_page, tmp_path):
    """A classroom unzips site.zip and opens it: the zip leaves out the theme's files no page uses
    (nkbook.pack.used_files), and every page of the copy must still be offline, quiet, drawn and
    answering, and its search must still find words."""
    import zipfile

    from nkbook.pack import PACK, ZIP_NAME

    with zipfile.ZipFile(built_book["html"] / PACK / ZIP_NAME) as archive:
        archive.extractall(tmp_path)
    copy = tmp_path / "nkbook-site"
    with serve(copy) as address:
        page = new_page(address)
        assert problems_on_every_page(page, address, book_pages(copy)) == {}
        search(page, address)


def test_pages_opened_from_a_folder_draw_their_charts_within_their_policy(browser, built_book):
    """An offline classroom opens the book from a folder (file://): the policy's 'self' must still
    let the book's own scripts draw the charts."""
    context = browser.new_context()
    page = context.new_page()
    context.add_init_script(
        "window.__nkbookCSP = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__nkbookCSP.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    for name in ("chapters/survey-hopes.html", "chapters/sold-and-stateless.html"):
        page.goto((built_book["html"] / name).as_uri(), wait_until="load")
        draw_every_chart(page)
        assert page.locator("figure.nkbook-chart .nkbook-chart__view svg").count() >= 1, name
        assert page.evaluate("window.__nkbookCSP") == [], name
    assert errors == []
    context.close()


def draw_every_chart(page) -> None:
    page.evaluate("() => { window.nkbookCharts && nkbookCharts.drawAll(); }")
    # A function, not an expression: Playwright polls an expression with eval, which the pages' policy forbids.
    page.wait_for_function(
        "() => document.querySelectorAll('figure.nkbook-chart:not(.nkbook-chart--drawn)').length === 0",
        timeout=10_000,
    )


# The theme folds its header and sidebars away on narrow screens, so a phone gets its own pass.
PHONE = {"width": 375, "height": 812}
PHONE_PAGES = (
    "chapters/intro.html",
    "chapters/survey-hopes.html",
    "chapters/watched.html",
    "chapters/sold-and-stateless.html",
    "chapters/timeline.html",
    "chapters/glossary.html",
    "search.html",
)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_page_passes_axe_wcag21_aa(page, site, pages, viewport):
    assert AXE.is_file(), "node_modules/axe-core is missing: run npm ci (make test does)"
    if viewport == "phone":
        page.set_viewport_size(PHONE)
        assert set(PHONE_PAGES) <= set(pages)
    violations = {}
    for name in pages if viewport == "desktop" else PHONE_PAGES:
        page.goto(f"{site}/{name}", wait_until="load")
        page.wait_for_load_state("networkidle")
        draw_every_chart(page)  # charts are drawn when the reader nears them: check them drawn
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        found = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        if found:
            violations[name] = found
    assert violations == {}


def search(page, site: str) -> None:
    """Search a chapter for a word from its search field; the results list the pages that hold it."""
    page.goto(f"{site}/chapters/survey-hopes.html", wait_until="load")
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    field.fill("repatriation")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=repatriation*")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 3
    assert page.console_errors == [] and page.failed == []


def test_search_finds_a_word_of_the_book(page, site):
    """The search field of a chapter (whose page no longer loads the search index) leads to results."""
    search(page, site)


def test_nothing_but_the_page_options_blocks_the_first_paint(built_book):
    """In the head of a chapter, every script file is deferred but documentation_options.js (which the
    page's inline scripts assign to), and one stylesheet is linked."""
    head = (built_book["html"] / "chapters" / "sold-and-stateless.html").read_text(encoding="utf-8").split("</head>")[0]
    blocking = [s for s in re.findall(r"<script[^>]*\bsrc=[^>]*>", head) if "defer" not in s and "async" not in s]
    assert [re.search(r'src="([^"?]+)', s)[1].rsplit("/", 1)[-1] for s in blocking] == ["documentation_options.js"]
    assert "searchindex.js" not in head
    assert len(re.findall(r'rel="stylesheet"', head)) == 1


def test_the_pages_policy_forbids_eval(built_book):
    """Vega runs its expressions through its interpreter (vendor/vega-interpreter.js), so no page's
    Content-Security-Policy allows eval; the browser tests above report any breach of it."""
    head = (built_book["html"] / "chapters" / "timeline.html").read_text(encoding="utf-8").split("</head>")[0]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head)
    assert policy and "script-src 'self'" in policy[1] and "unsafe-eval" not in policy[1]


def test_charts_are_fetched_and_drawn_when_the_reader_nears_them(page, site):
    """A phone opening a chapter fetches no chart script while its charts are far below; scrolling to
    the first draws it (and fetches the scripts once); the rest follow as the reader goes on."""
    requested = []
    page.on("request", lambda r: "/_static/vendor/" in r.url and requested.append(r.url.rsplit("/", 1)[-1]))
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{site}/chapters/sold-and-stateless.html", wait_until="load")
    page.wait_for_load_state("networkidle")
    charts = page.locator("figure.nkbook-chart")
    assert charts.count() == 2
    assert requested == [] and page.locator("figure.nkbook-chart--drawn").count() == 0
    charts.first.scroll_into_view_if_needed()
    charts.first.locator(".nkbook-chart__view svg").wait_for(state="attached", timeout=5000)
    assert sorted(requested) == ["vega-embed.min.js", "vega-interpreter.js", "vega-lite.min.js", "vega.min.js"]
    charts.nth(1).scroll_into_view_if_needed()
    charts.nth(1).locator(".nkbook-chart__view svg").wait_for(state="attached", timeout=5000)
    assert len(requested) == 4 and page.console_errors == []


# Every layout shift the reader could see (not one they caused by a tap or a key), summed as Chromium's
# Cumulative Layout Shift is.
LAYOUT_SHIFTS = (
    "window.__nkbookCLS = 0; new PerformanceObserver(list => list.getEntries().forEach(e => {"
    " if (!e.hadRecentInput) window.__nkbookCLS += e.value; })).observe({type: 'layout-shift', buffered: true});"
)


def read_down(page, step: int = 400) -> None:
    """Scroll to the foot of the page as a reader does, a little at a time."""
    while page.evaluate("scrollY + innerHeight < document.documentElement.scrollHeight - 2"):
        page.mouse.wheel(0, step)
        page.wait_for_timeout(80)


def test_the_interactive_chart_takes_the_pictures_place_without_moving_the_text(page, site):
    """On a phone the interactive chart is much taller than its picture (its lines wrapped for the
    column, its controls): it is drawn before the reader reaches it and put in place out of sight, so
    nothing the reader sees moves. A chart jumped to stays a picture, and in place, until the reader
    taps it."""
    page.context.add_init_script(LAYOUT_SHIFTS)
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/chapters/sold-and-stateless.html", wait_until="load")
    page.wait_for_load_state("networkidle")
    read_down(page)
    page.wait_for_load_state("networkidle")
    assert page.locator("figure.nkbook-chart--drawn").count() == 2
    assert page.evaluate("window.__nkbookCLS") < 0.01
    # Jumped to (a link to its section): in sight with the text under it, the chart waits for a tap.
    page.goto(f"{site}/chapters/timeline.html", wait_until="load")
    page.wait_for_load_state("networkidle")
    chart = page.locator("figure.nkbook-chart").first
    chart.scroll_into_view_if_needed()
    page.wait_for_selector("figure.nkbook-chart--ready", state="attached", timeout=5000)
    assert page.locator("figure.nkbook-chart--drawn").count() == 0
    assert page.evaluate("window.__nkbookCLS") < 0.01
    chart.click(position={"x": 2, "y": 2})
    page.wait_for_selector("figure.nkbook-chart--drawn", timeout=2000)
    assert chart.locator(".nkbook-chart__view svg").first.is_visible()
    assert page.console_errors == []


def test_a_reader_saving_data_fetches_the_chart_scripts_only_on_engaging_a_chart(page, site):
    requested = []
    page.on("request", lambda r: "/_static/vendor/" in r.url and requested.append(r.url.rsplit("/", 1)[-1]))
    page.context.add_init_script(
        "navigator.connection && Object.defineProperty(navigator.connection, 'saveData', {get: () => true});"
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/chapters/survey-hopes.html", wait_until="load")
    read_down(page)
    page.wait_for_load_state("networkidle")
    assert requested == [] and page.locator(".nkbook-chart__static").count() == 2
    chart = page.locator("figure.nkbook-chart").last
    chart.scroll_into_view_if_needed()
    chart.click(position={"x": 2, "y": 2})
    chart.locator(".nkbook-chart__view svg").first.wait_for(timeout=5000)
    assert sorted(requested) == ["vega-embed.min.js", "vega-interpreter.js", "vega-lite.min.js", "vega.min.js"]
    assert page.locator("figure.nkbook-chart--drawn").count() == 1


def test_a_chart_script_that_cannot_load_is_said_on_the_chart(page, site):
    page.route("**/_static/vendor/vega-lite.min.js", lambda route: route.abort())
    page.goto(f"{site}/chapters/survey-hopes.html", wait_until="load")
    page.evaluate("nkbookCharts.drawAll()")
    failed = page.locator("figure.nkbook-chart--failed")
    failed.first.wait_for(timeout=5000)
    assert failed.count() == 2
    assert (
        "could not be drawn: the chart script vendor/vega-lite.min.js could not be loaded"
        in failed.first.locator(".nkbook-chart__fallback").inner_text()
    )
    page.console_errors.clear()  # the failure is meant to be reported; it was


def test_a_screen_reader_hears_each_chart_named_once_and_its_figures_in_the_words_under_it(page, site):
    page.goto(f"{site}/chapters/survey-hopes.html", wait_until="load")
    draw_every_chart(page)
    for figure in page.locator("figure.nkbook-chart").all():
        label = figure.get_attribute("aria-label")
        assert label and "87.5%" not in label, "the figures are the words' to give"
        # The live drawing names its axes and marks, but does not say the chart's name again.
        assert figure.locator(".nkbook-chart__view svg").first.get_attribute("aria-label") in (None, label)
        assert not figure.locator(".nkbook-chart__fallback").is_visible()
        assert figure.locator(".nkbook-chart__static svg").first.get_attribute("aria-hidden") == "true"
    words = page.locator("p", has_text="In words:").first.inner_text()
    assert "35 (87.5%)" in words


CHART_PAGES = (
    "survey-hopes",
    "arrested",
    "watched",
    "never-refugees",
    "sold-and-stateless",
    "bigger-picture",
    "timeline",
)


def test_on_a_phone_no_page_scrolls_sideways_and_a_wide_chart_scrolls_by_keyboard(page, site):
    page.set_viewport_size(PHONE)
    wide = {}
    for name in CHART_PAGES:
        page.goto(f"{site}/chapters/{name}.html", wait_until="load")
        draw_every_chart(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        views = page.locator("figure.nkbook-chart .nkbook-chart__view")
        for i in range(views.count()):
            view = views.nth(i)
            overflows = view.evaluate("v => v.scrollWidth > v.clientWidth + 1")
            assert (view.get_attribute("tabindex") == "0") == overflows, (name, i)
            if overflows:
                wide[name] = view.get_attribute("aria-label")
                view.focus()
                page.keyboard.press("ArrowRight")
                page.wait_for_function("v => v.scrollLeft > 0", arg=view.element_handle(), timeout=2000)
    assert list(wide) == ["watched"] and "scroll sideways" in wide["watched"]
    assert page.console_errors == []


CHART_FILES = (
    "chapters/survey-hopes.html",
    "chapters/arrested.html",
    "chapters/watched.html",
    "chapters/never-refugees.html",
    "chapters/sold-and-stateless.html",
    "chapters/bigger-picture.html",
    "chapters/timeline.html",
)


def chart_titles(path: Path) -> list[str]:
    """The first line of each chart's title on a built page, from its spec."""
    import json

    titles = []
    for spec in re.findall(
        r'<script type="application/json" class="nkbook-chart__spec">(.*?)</script>',
        path.read_text(encoding="utf-8"),
        re.S,
    ):
        title = json.loads(spec).get("title", "")
        text = title.get("text", "") if isinstance(title, dict) else title
        titles.append(text[0] if isinstance(text, list) else text)
    return titles


# List items shown with no words (an item that held only such a sentence must go with it).
EMPTY_ITEMS = (
    "[...document.querySelectorAll('article li')]"
    ".filter(li => li.getClientRects().length && !li.innerText.trim()).length"
)
# How the chapters tell a reader to work an interactive chart.
WORK_A_CHART = re.compile(r"\b(?:Point at|point at a|Use the control|Choose an article|selectors under)\b[^.;]*")


def test_a_freshly_opened_chapter_prints_every_chart(browser, site, tmp_path):
    """Printed at once, before any chart script could run, every chart is on paper (its picture)."""
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing in CI: .ci/run installs poppler-utils")
        pytest.skip("pdftotext is not installed: run 'sudo apt-get install poppler-utils'")
    context = browser.new_context()
    page = context.new_page()
    for name in CHART_FILES:
        page.goto(f"{site}/{name}", wait_until="domcontentloaded")
        pdf = tmp_path / "page.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = " ".join(
            subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
        )
        titles = chart_titles(HTML / name)
        assert titles, name
        for title in titles:
            assert " ".join(title.split()[:4]) in text, f"{name}: the chart '{title}' is not on paper"
        assert "needs JavaScript" not in text
        # Nothing on paper moves: no sentence, in the text or a chart's picture, says how to work a chart.
        assert not WORK_A_CHART.findall(text), f"{name}: {WORK_A_CHART.findall(text)}"
        page.emulate_media(media="print")
        assert page.evaluate(EMPTY_ITEMS) == 0, f"{name}: a list item is printed empty"
        page.emulate_media(media="null")  # no emulation: page.pdf prints with print media again
    context.close()


def test_on_paper_the_tables_under_the_charts_keep_their_words_whole(browser, site, tmp_path):
    """Printed, a chart's table of up to five columns breaks no heading's word (it read "Sour ce")."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed: run 'sudo apt-get install poppler-utils'")
    broken = []
    page = browser.new_page()
    for name in CHART_PAGES:
        page.goto(f"{site}/chapters/{name}.html", wait_until="load")
        heads = page.evaluate(
            "() => [...document.querySelectorAll('table.nkbook-stacked')]"
            ".filter(t => !t.querySelector('th:nth-child(6)'))"
            ".flatMap(t => [...t.querySelectorAll('th')].map(th => th.textContent.trim()))"
        )
        pdf = tmp_path / f"{name}.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        printed = {w.strip("(),:") for w in text.split()}
        words = {w.strip("(),:") for head in heads for w in head.split()}
        broken += [f"{name}: {w!r}" for w in sorted(words) if w.isalpha() and 3 < len(w) <= 10 and w not in printed]
    page.close()
    assert broken == []


def test_without_javascript_every_chart_is_still_a_picture(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    for name in CHART_FILES:
        page.goto(f"{site}/{name}")
        # The picture does not move: no sentence says how to work the chart, nor is a list item left empty.
        shown = page.locator("article").inner_text()
        assert not WORK_A_CHART.findall(shown), f"{name}: {WORK_A_CHART.findall(shown)}"
        assert page.evaluate(EMPTY_ITEMS) == 0, name
        pictures = page.locator("figure.nkbook-chart .nkbook-chart__svg")
        assert pictures.count() == page.locator("figure.nkbook-chart").count() > 0, name
        for i in range(pictures.count()):
            box = pictures.nth(i).bounding_box()
            assert box and box["width"] > 250 and box["height"] > 100, (name, i, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 0.5, (name, i, box)
    context.close()


# Item 4 of issue 12: every chart page at three phone widths and a desktop one. The one chart that
# still scrolls inside its figure on a phone, and why (see charts/watched.py, MIN_WIDTH).
WIDTHS = (320, 360, 390, 1280)
SCROLLING_ON_A_PHONE = {
    "watched": "five article columns side by side (usermeta.nkbook.min_width 640): stacked, a method "
    "could no longer be read across the articles that name it",
}
SHOTS = paths.root() / "_build" / "screenshots"
FIT_JS = (Path(__file__).parent / "chart_fit.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CHART_PAGES)
def test_every_chart_page_is_readable_at_every_width(browser, site, name):
    """After the interactive charts are drawn: no SVG text leaves its chart or the screen or is cut
    short with an ellipsis, the page does not scroll sideways, the tables under the charts stay within
    the screen, and only the charts named above scroll inside their figure, on a phone only.
    Screenshots of each chart go to _build/screenshots/ for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{site}/chapters/{name}.html", wait_until="load")
        draw_every_chart(page)
        found = page.evaluate(FIT_JS)
        assert found["width"] <= width and page.locator("figure.nkbook-chart--drawn").count() > 0
        if found["pageOverflow"] > 0:
            problems.append(f"{width}px: the page scrolls sideways by {found['pageOverflow']}px")
        problems += [f"{width}px: '{t['text']}' {t.get('where', '')}" for t in found["texts"]]
        problems += [f"{width}px: table '{t['head'][:40]}' leaves the screen or scrolls" for t in found["tables"]]
        for scroll in found["scrolling"]:
            if width >= 1280 or name not in SCROLLING_ON_A_PHONE:
                problems.append(f"{width}px: chart {scroll['chart']} scrolls inside its figure")
        # Each chart cut from a picture of the whole page (an element's own screenshot scrolls it
        # under the theme's sticky header).
        figures = page.locator("figure.nkbook-chart")
        for i in range(figures.count()):
            box = figures.nth(i).evaluate(
                "f => { const r = f.getBoundingClientRect();"
                " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; }"
            )
            page.screenshot(path=str(SHOTS / f"{name}-{width}-chart{i}.png"), full_page=True, clip=box)
        page.screenshot(path=str(SHOTS / f"{name}-{width}-page.png"), full_page=False)
        context.close()
    assert problems == []


# The timeline on a phone (issue 12, item 4): it fitted the screen before, but as a column of names
# with a plot ~100 px wide beside them, 5,450 px tall at 320 px. Its phone layout (charts/timeline.py,
# NARROW_LINE) names each row above its marks; the plot spans the column.
TIMELINE_MAX_HEIGHT = 1900
PANELS_JS = """f => {
  const svg = f.querySelector('.nkbook-chart__view svg');
  const panels = [...svg.querySelectorAll('g.role-scope > g > path.background')]
    .map(p => p.getBoundingClientRect().width);
  return {height: f.getBoundingClientRect().height, room: Number(f.dataset.nkbookRoom), panels};
}"""


def test_on_a_phone_the_timeline_names_its_rows_above_them_and_its_plot_spans_the_column(browser, site):
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{site}/chapters/timeline.html", wait_until="load")
        draw_every_chart(page)
        figure = page.locator("figure.nkbook-chart").first
        found = figure.evaluate(PANELS_JS)
        if width < 600:
            assert found["height"] < TIMELINE_MAX_HEIGHT, (width, found)
            assert len(found["panels"]) == 4 and min(found["panels"]) >= 0.85 * found["room"], (width, found)
        # Every year in detail (26 rows, not 18), or one source: the chart is sized again for its rows
        # (at every width: a panel ran past the chart's foot), and nothing overlaps.
        for pick in ("input[type=radio][value=all]", "select"):
            control = figure.locator(pick).first
            if pick == "select":
                control.select_option(index=2)
            else:
                control.check()
            page.wait_for_timeout(300)
            problems = page.evaluate(FIT_JS)
            assert problems["texts"] == [] and problems["scrolling"] == [], (width, pick, problems)
        page.screenshot(path=str(SHOTS / f"timeline-{width}-all-years.png"), full_page=True)
        context.close()
