"""The book's one stylesheet (nkbook.sphinx.site_css): small, and drawing every page as the theme's own do.

The unit tests build a bundle from a tiny site in a temporary folder; the browser test compares, on
every page of the built book, how each element is drawn with the bundle and with the theme's full list
of stylesheets.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from nkbook import paths
from nkbook.sphinx import site_css

ROOT = paths.root()


def _theme_font() -> Path:
    import pydata_sphinx_theme

    return (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
        / "static"
        / "vendor"
        / "fontawesome"
        / "webfonts"
        / "fa-solid-900.woff2"
    )


@pytest.fixture
def tiny_site(tmp_path) -> Path:
    """A built 'site': two pages, a script that adds a class, stylesheets with an @import, a url() and an icon font."""
    out = tmp_path / "_build" / "html"
    (out / "_static" / "styles").mkdir(parents=True)
    (out / "_static" / "fonts").mkdir()
    shutil.copyfile(_theme_font(), out / "_static" / "fonts" / "icons.woff2")
    (out / "_static" / "base.css").write_text(".used-in-base{margin:0}.never-used-in-base{margin:1px}")
    (out / "_static" / "styles" / "theme.css").write_text(
        '@import "../base.css";\n'
        '@font-face{font-family:Icons;src:url(../fonts/icons.woff2) format("woff2"),'
        'url(../fonts/icons.ttf) format("truetype")}\n'
        '.icon{font-family:Icons}.icon-bars:before{content:"\\f0c9"}.icon-unused:before{content:"\\f002"}\n'
        ".banner{background:url(../img/banner.png)}.never-used{color:red}.added-by-script{color:blue}\n"
    )
    (out / "_static" / "page.js").write_text('document.body.classList.add("added-by-script");')
    (out / "chapters").mkdir()
    for name, body in (
        ("index.html", '<p class="used-in-base banner">Hi</p>'),
        ("chapters/one.html", '<i class="icon icon-bars"></i>'),
    ):
        prefix = "../" * name.count("/")
        (out / name).write_text(
            f'<html><head><link rel="stylesheet" href="{prefix}_static/nkbook-site.css" />'
            f"</head><body>{body}</body></html>"
        )
    return out


STYLESHEETS = ["_static/styles/theme.css"]


def test_the_bundle_keeps_what_pages_and_scripts_use_and_drops_the_rest(tiny_site):
    bundle = site_css.build_bundle(tiny_site, STYLESHEETS)
    css = bundle.read_text()
    for kept in (".used-in-base", ".banner", ".added-by-script", ".icon-bars:before", "@font-face"):
        assert kept in css
    for dropped in (".never-used-in-base", ".never-used{", ".icon-unused"):
        assert dropped not in css
    # url()s now start from the bundle's folder (_static), not from the file they were written in.
    assert "url(img/banner.png)" in css


def test_the_icon_font_is_cut_to_the_icons_drawn(tiny_site):
    bundle = site_css.build_bundle(tiny_site, STYLESHEETS)
    css = bundle.read_text()
    # The cut font is in the stylesheet: no request of its own, chained after the stylesheet's.
    src = re.search(r"src:url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\) format\(\"woff2\"\)", css)
    assert src, css
    subset = base64.b64decode(src[1])
    assert subset[:4] == b"wOF2"
    assert "icons.ttf" not in css and "icons.woff2" not in css  # one format: every browser the book serves reads WOFF2
    original = (tiny_site / "_static" / "fonts" / "icons.woff2").stat().st_size
    assert 0 < len(subset) < original / 20


def test_every_page_links_the_bundle_by_a_name_that_changes_with_its_content(tiny_site):
    bundle = site_css.build_bundle(tiny_site, STYLESHEETS)
    assert re.fullmatch(r"nkbook-site\.[0-9a-f]{12}\.css", bundle.name)
    assert f'href="_static/{bundle.name}"' in (tiny_site / "index.html").read_text()
    assert f'href="../_static/{bundle.name}"' in (tiny_site / "chapters" / "one.html").read_text()
    # A page now using a class the bundle dropped: a new bundle, under a new name, and the old one is gone.
    page = tiny_site / "chapters" / "one.html"
    page.write_text(page.read_text().replace("</body>", '<b class="never-used">!</b></body>'))
    again = site_css.build_bundle(tiny_site, STYLESHEETS)
    assert again.name != bundle.name and not bundle.exists()
    assert ".never-used{" in again.read_text()
    assert f'href="../_static/{again.name}"' in page.read_text()


def test_nothing_changed_means_node_is_not_run_again(tiny_site):
    bundle = site_css.build_bundle(tiny_site, STYLESHEETS)
    # With no node at all, an unchanged site still gets its bundle (from the fingerprint).
    assert site_css.build_bundle(tiny_site, STYLESHEETS, node="/nonexistent/node") == bundle


def test_a_missing_stylesheet_is_named(tiny_site):
    with pytest.raises(ExtensionError, match="missing.*nowhere.css"):
        site_css.build_bundle(tiny_site, [*STYLESHEETS, "_static/nowhere.css"])


def test_a_broken_stylesheet_fails_the_build_with_the_parser_message(tiny_site):
    (tiny_site / "_static" / "base.css").write_text(".used-in-base{margin:0")  # unclosed block
    with pytest.raises(ExtensionError, match=r"stylesheet failed:\n.*_static/base\.css:1:1: Unclosed block"):
        site_css.build_bundle(tiny_site, STYLESHEETS)


def test_a_missing_node_is_explained(tiny_site):
    with pytest.raises(ExtensionError, match="node is needed"):
        site_css.build_bundle(tiny_site, STYLESHEETS, node="/nonexistent/node")


# --- The built book --------------------------------------------------------------------------------------

REFRESH = re.compile(r'http-equiv="refresh"', re.I)  # index.html forwards to the first chapter
STYLES_JS = Path(__file__).with_name("computed_styles.js")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
# Every page on a desktop; on a phone (where the theme's media queries fold the sidebars away), one page of
# each kind, since comparing every computed property of every element takes about a second a page.
PHONE_PAGES = (
    "chapters/intro.html",
    "chapters/survey-hopes.html",
    "chapters/sold-and-stateless.html",
    "chapters/timeline.html",
    "chapters/glossary.html",
    "chapters/sources.html",
    "search.html",
)


def _stamp() -> dict:
    return json.loads((ROOT / "_build" / site_css.STAMP).read_text())


@pytest.mark.browser
@pytest.mark.book
def test_pages_link_one_small_stylesheet(built_book):
    html = built_book["html"]
    stamp = _stamp()
    bundle = html / "_static" / stamp["bundle"]
    css = bundle.read_text(encoding="utf-8")
    assert len(gzip.compress(css.encode())) < 40_000
    # Every stylesheet the theme and the extensions link is in it, the book's own last but sphinx-design's
    # (a rebuild that writes no page must not leave a bundle of the theme's alone).
    assert stamp["stylesheets"][:2] == list(site_css.THEME_STYLESHEETS)
    for name in (
        "_static/pygments.css",
        "_static/styles/sphinx-book-theme.css",
        "_static/nkbook.css",
        "_static/sphinx-design.min.css",
    ):
        assert name in stamp["stylesheets"]
    for rule in ("figure.nkbook-chart", ".sd-row", 'html[data-theme="light"] .highlight', ".bd-header-article"):
        assert rule in css, rule
    for page in (p for p in html.rglob("*.html") if "_static" not in p.parts):
        text = page.read_text(encoding="utf-8")
        if REFRESH.search(text):
            continue  # index.html: a forward to the first chapter
        if page.relative_to(html).parts[0] == "pack":
            assert "<link" not in text, page  # the instructor pack's pages carry their own styles
            continue
        links = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', text)
        assert len(links) == 1 and bundle.name in links[0], page


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_element_is_drawn_as_by_the_theme_stylesheets(page, site, built_book, viewport):
    """The purged bundle must not change how anything looks: swap it for the theme's own stylesheets
    (in their order) and compare every element's computed style and box."""
    from test_site import book_pages, draw_every_chart

    page.set_viewport_size(VIEWPORTS[viewport])
    stylesheets = _stamp()["stylesheets"]
    problems = {}
    html = built_book["html"]
    names = [n for n in book_pages(html) if not REFRESH.search((html / n).read_text(encoding="utf-8"))]
    names = [n for n in names if not n.startswith("pack/")]  # the instructor pack's pages style themselves
    if viewport == "phone":
        assert set(PHONE_PAGES) <= set(names)
        names = list(PHONE_PAGES)
    for name in names:
        page.goto(f"{site}/{name}", wait_until="load")
        draw_every_chart(page)
        page.add_script_tag(path=str(STYLES_JS))
        page.evaluate("document.fonts.ready.then(() => { window.nkbookBefore = nkbookSnapshot(); })")
        page.evaluate(
            """async (hrefs) => {
            const bundle = document.querySelector('link[rel=stylesheet][href*="nkbook-site."]');
            await Promise.all(hrefs.map((href) => new Promise((resolve, reject) => {
                const link = document.createElement('link');
                link.rel = 'stylesheet';
                link.href = href;
                link.onload = resolve;
                link.onerror = () => reject(new Error('could not load ' + href));
                bundle.before(link);
            })));
            bundle.remove();
            await document.fonts.ready;
        }""",
            [f"{site}/{s}" for s in stylesheets],
        )
        result = page.evaluate("nkbookDiff(window.nkbookBefore, nkbookSnapshot())")
        assert result["elements"] > 50, name
        if result["differences"]:
            problems[name] = result["differences"]
    assert problems == {}
