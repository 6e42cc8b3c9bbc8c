"""The book builds strictly (no warnings), and its pages load no script from outside the book."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nkbook import paths
from nkbook.toc import toc_files

pytestmark = pytest.mark.book

SPHINX_PROBLEM = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL): ")
EXTERNAL_ASSET = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)


def test_strict_build_has_no_warnings(built_book):
    result = built_book["result"]
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    # Sphinx reports as "path:line: WARNING: ..." (or "WARNING: ..."). The executing kernel's own log
    # ("[IPKernelApp] WARNING | Kernel is running over TCP ...") is not a build warning.
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if SPHINX_PROBLEM.search(line)]
    assert warnings == []


def test_every_toc_page_is_built(built_book):
    html = built_book["html"]
    entries = toc_files()
    assert len(entries) >= 12, "the intro, seven chapters, glossary, sources, downloads, instructor guide"
    for entry in entries:
        assert (html / f"{entry}.html").is_file(), entry


def test_no_page_loads_anything_from_another_host(built_book):
    pages = sorted(built_book["html"].rglob("*.html"))
    assert pages
    offenders = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = EXTERNAL_ASSET.findall(text) + re.findall(r"cdn\.jsdelivr|cdnjs|unpkg\.com|googleapis", text)
        if found:
            offenders[str(page.relative_to(built_book["html"]))] = found[:3]
    assert offenders == {}


def test_chart_pages_name_vega_from_static(built_book):
    html = built_book["html"]
    page = (html / "chapters/survey-hopes.html").read_text(encoding="utf-8")
    assert page.count('class="nkbook-chart"') == 2
    # Named on the charts' own script, which fetches them when a chart nears the screen (test_site.py).
    named = re.search(r'<script data-vendor="([^"]+)" defer="defer" src="\.\./_static/nkbook-charts\.js', page)
    assert named, "the chart page does not name its chart scripts"
    assert named[1].split() == [
        f"vendor/{n}" for n in ("vega.min.js", "vega-interpreter.js", "vega-lite.min.js", "vega-embed.min.js")
    ]
    for path in named[1].split():
        assert (html / "_static" / path).stat().st_size > 5_000
        assert f'src="../_static/{path}' not in page, "chart scripts must not load with the page"
    intro = (html / "chapters/intro.html").read_text(encoding="utf-8")
    assert "vega.min.js" not in intro, "pages without charts should not load the chart scripts"


def test_chart_text_alternatives_are_in_the_page(built_book):
    page = (built_book["html"] / "chapters/survey-hopes.html").read_text(encoding="utf-8")
    assert page.count("In words:") >= 2
    assert re.search(r'<figure class="nkbook-chart"[^>]*aria-label="Bar chart of three hopes', page)


def test_code_cells_calling_helpers_are_hidden(built_book):
    page = (built_book["html"] / "chapters/survey-hopes.html").read_text(encoding="utf-8")
    assert "charts.show(" not in page and "from nkbook import" not in page


def test_the_theme_macros_we_override_differ_from_the_theme_only_by_the_icon_script_stylesheets_and_preloads():
    import pydata_sphinx_theme

    from nkbook.sphinx.site_css import THEME_STYLESHEETS

    theirs = (
        Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "webpack-macros.html"
    ).read_text(encoding="utf-8")
    ours = (paths.root() / "src" / "nkbook" / "templates" / "static" / "webpack-macros.html").read_text(
        encoding="utf-8"
    )

    def strip_comments(text: str) -> str:
        return re.sub(r"\s*<!--.*?-->", "", text, flags=re.S)

    theirs_lines = strip_comments(theirs).splitlines()
    # The two stylesheets the theme links first are the ones the book's bundle opens with.
    linked = [f"_static/{m}" for m in re.findall(r"pathto\('_static/([^']+\.css)', 1\)", theirs)]
    assert tuple(linked) == THEME_STYLESHEETS
    theirs_lines = [
        line
        for line in theirs_lines
        if "fontawesome.js" not in line and ".css'" not in line and 'rel="preload"' not in line
    ]
    assert strip_comments(ours).splitlines() == theirs_lines, "the theme changed: update our copy of its macros"


def test_every_page_allows_only_its_own_origin_and_sends_no_referrer(built_book):
    pages = [p for p in built_book["html"].rglob("*.html") if "_static" not in p.parts]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if page.name == "index.html" and 'http-equiv="Refresh"' in text:
            assert not re.search(r"<(?:script|link|img)\b", text), "the redirect page loads nothing"
            continue
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        assert policy, page.name
        directives = dict(d.strip().split(" ", 1) for d in policy[1].split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert all("http" not in value and "*" not in value for value in directives.values()), page.name
        assert '<meta name="referrer" content="no-referrer"/>' in text, page.name


def test_no_page_loads_the_icon_script(built_book):
    pages = [p for p in built_book["html"].rglob("*.html") if "_static" not in p.parts]
    assert len(pages) >= 12
    for page in pages:
        assert "fontawesome.js" not in page.read_text(encoding="utf-8"), page.name


def test_every_locked_package_is_pinned_and_hashed():
    """make env installs requirements.lock with --require-hashes: each entry a version and a sha256."""
    text = (paths.root() / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n    --hash=sha256:([0-9a-f]{64})$", text, re.M)
    names = [line.split("==")[0] for line in text.splitlines() if "==" in line]
    assert len(entries) == len(names) > 100
    for direct in ("jupyter-book", "altair", "frictionless", "jsonschema", "anywidget", "ruff"):
        assert any(name.lower() == direct for name, _, _ in entries), direct


def test_every_chart_has_its_picture_in_the_page_before_any_script_runs(built_book):
    """Each chart's SVG, rendered at build time: scaled by its viewBox, hidden from screen readers (they
    read the description and the words), with ids of its own so that it cannot meet the live view's."""
    for path in sorted((built_book["html"] / "chapters").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        figures = re.findall(r'<figure class="nkbook-chart" id="([^"]+)".*?</figure>', text, re.S)
        blocks = re.findall(r'<figure class="nkbook-chart".*?</figure>', text, re.S)
        for chart_id, block in zip(figures, blocks, strict=True):
            svg = re.search(r'<div class="nkbook-chart__static" style="max-width:\d+px"><svg\b([^>]*)>', block)
            assert svg, f"{path.name} {chart_id}: no picture"
            head = svg[1]
            assert 'class="marks nkbook-chart__svg"' in head and 'aria-hidden="true"' in head
            assert re.search(r'viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"', head) and " width=" not in head
            ids = re.findall(r'\bid="([^"]+)"', block.split("<svg", 1)[1].split("</svg>")[0])
            assert all(i.startswith(f"{chart_id}-") for i in ids), (path.name, ids[:3])
        assert text.count("needs JavaScript") == 0, path.name
