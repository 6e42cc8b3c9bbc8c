"""nkbook.sphinx.charts, .exercises, .page_assets, .language and .execution on a tiny book (no kernel)."""

from __future__ import annotations

import json
import re

import pytest
from built import page, status


@pytest.mark.sphinx("html", testroot="charts")
def test_a_vegalite_output_becomes_a_figure_drawn_from_the_books_own_scripts(app):
    app.build()
    assert app._warning.getvalue() == ""
    nb = page(app, "nb")
    (figure,) = nb.select("figure.nkbook-chart")
    assert figure["aria-label"] == "Bar chart of two counts </script> & more"
    spec = json.loads(figure.select_one("script.nkbook-chart__spec").string)
    assert spec["width"] == "container", "the book draws the chart as wide as its column"
    assert "</script>" not in str(figure.select_one("script.nkbook-chart__spec").string), "escaped in the page"
    picture = figure.select_one(".nkbook-chart__static svg.nkbook-chart__svg")
    assert picture is not None and picture["aria-hidden"] == "true" and picture.has_attr("viewbox")
    assert len(picture.select("g.mark-rect path")) == 2, "the two bars are drawn at build time"
    assert list((app.outdir.parent / ".nkbook-svg").glob("*.svg")), "pictures are kept for the next build"
    (charts_js,) = nb.select('script[src*="nkbook-charts.js"]')
    assert charts_js["data-vendor"].split() == [
        "vendor/vega.min.js",
        "vendor/vega-interpreter.js",
        "vendor/vega-lite.min.js",
        "vendor/vega-embed.min.js",
    ]
    for name in charts_js["data-vendor"].split():
        assert (app.outdir / "_static" / name).stat().st_size > 5_000
    # Their licences go with them: BSD 3-Clause asks that its notice come with the code.
    for package in ("vega", "vega-interpreter", "vega-lite", "vega-embed"):
        licence = (app.outdir / "_static" / "vendor" / f"{package}.LICENSE.txt").read_text(encoding="utf-8")
        assert "University of Washington Interactive Data Lab" in licence and "Redistribution" in licence
    assert not nb.select('script[src*="vendor/"]'), "the Vega scripts are fetched near a chart, not with the page"


@pytest.mark.sphinx("html", testroot="charts")
def test_the_exercise_form_outranks_the_widget_and_brings_its_script(app):
    app.build()
    nb = page(app, "nb")
    assert nb.select_one("form.nkbook-exercise#q") is not None
    assert nb.select('script[src*="nkbook-exercises.js"]')
    assert "application/vnd.jupyter.widget-view+json" not in str(nb)
    plain = page(app, "plain")
    assert not plain.select('script[src*="nkbook-exercises.js"]') and not plain.select(
        'script[src*="nkbook-charts.js"]'
    )


@pytest.mark.sphinx("html", testroot="charts")
def test_pages_load_no_cdn_and_defer_theme_scripts(app):
    app.build()
    html = (app.outdir / "nb.html").read_text(encoding="utf-8")
    assert not re.search(r"""<script[^>]+src=["'](?:https?:)?//""", html)
    for script in page(app, "nb").select("script[src]"):
        if "documentation_options" not in script["src"]:
            assert script.has_attr("defer"), script["src"]


@pytest.mark.sphinx("html", testroot="charts")
def test_a_script_that_acts_on_some_elements_loads_only_on_pages_that_have_them(app):
    app.build()

    def loads(pagename: str) -> str:
        html = page(app, pagename)
        return " ".join(
            [s.get("src", "") for s in html.select("script")] + [s.string or "" for s in html.select("script")]
        )

    notebook, dropdown, plain = loads("nb"), loads("index"), loads("plain")
    # The notebook shows its code: copy buttons, and nothing to toggle.
    assert "copybutton.js" in notebook and "clipboard.min.js" in notebook
    assert "togglebutton.js" not in notebook and "togglebuttonSelector" not in notebook
    # The page with a dropdown admonition: the toggle button and its settings, no copy button.
    assert "togglebutton.js" in dropdown and "toggleHintShow" in dropdown and "togglebuttonSelector" in dropdown
    assert "copybutton.js" not in dropdown
    # A page of text: none of them; no page has tabs.
    for script in ("copybutton.js", "clipboard.min.js", "togglebutton.js", "toggleHintShow"):
        assert script not in plain
    assert not any("design-tabs.js" in text for text in (notebook, dropdown, plain))


@pytest.mark.parametrize(
    ("selector", "classes", "expected"),
    [
        ("div.highlight pre", [{"highlight", "notranslate"}], True),
        ("div.highlight pre", [{"highlight-python"}], False),
        (".toggle, .admonition.dropdown", [{"admonition", "dropdown"}], True),
        (".toggle, .admonition.dropdown", [{"admonition"}, {"dropdown"}], False),  # on two elements
        (".toggle, .admonition.dropdown", [{"sidebar-toggle"}], False),
        (".sd-tab-set > input", [], True),  # beyond classes and descendants: kept
        ("pre", [{"anything"}], True),
    ],
)
def test_a_selector_may_match_only_where_its_classes_are_on_one_element(selector, classes, expected):
    from nkbook.sphinx.page_assets import may_match

    assert may_match(selector, {frozenset(c) for c in classes}) is expected


@pytest.mark.sphinx("html", testroot="charts", srcdir="charts-page-removed", freshenv=True)
def test_a_page_removed_from_the_book_leaves_no_output_behind(make_app, app_params):
    args, kwargs = app_params
    first = make_app(*args, **kwargs)
    first.build()
    plain = [first.outdir / "plain.html", first.outdir / "_sources" / "plain.md.txt"]
    assert all(path.is_file() for path in plain)

    index = first.srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("plain\n", ""), encoding="utf-8")
    (first.srcdir / "plain.md").unlink()
    kwargs["freshenv"] = False
    again = make_app(*args, **kwargs)
    again.build()
    assert not any(path.exists() for path in plain)
    assert "nkbook: plain is no longer in the book" in status(again)
    assert (again.outdir / "nb.html").is_file() and (again.outdir / "_sources" / "nb.ipynb.txt").is_file()


@pytest.mark.sphinx("html", testroot="charts")
def test_korean_text_gets_its_language(app):
    app.build()
    (marked,) = page(app, "plain").select('[lang="ko"]')
    assert marked.get_text() == "탈북민 입국 현황"


@pytest.mark.sphinx("html", testroot="charts", freshenv=True)
def test_notebooks_are_read_again_when_a_shared_input_changes_and_only_then(make_app, app_params):
    args, kwargs = app_params
    first = make_app(*args, **kwargs)
    first.build()
    assert first.env.nkbook_inputs_changed  # nothing recorded yet

    kwargs["freshenv"] = False
    unchanged = make_app(*args, **kwargs)
    unchanged.build()
    assert not unchanged.env.nkbook_inputs_changed
    assert "no targets are out of date" in status(unchanged) and "] nb" not in status(unchanged)

    (first.srcdir / "inputs" / "helper.txt").write_text("version 2\n", encoding="utf-8")
    changed = make_app(*args, **kwargs)
    changed.build()
    assert changed.env.nkbook_inputs_changed
    assert re.search(r"reading sources\.\.\. \[\s*\d+%\] nb", status(changed))


@pytest.mark.sphinx("html", testroot="charts")
def test_a_broken_raw_html_link_is_a_warning_of_the_build(app):
    (app.srcdir / "plain.md").write_text(
        '# A page\n\n<a href="nb.html#no-such-anchor">a raw link</a> and <a href="gone.html">another</a>\n',
        encoding="utf-8",
    )
    app.build()
    warnings = app._warning.getvalue()
    assert "plain.html links nb.html#no-such-anchor, which leads nowhere" in warnings
    assert "plain.html links gone.html, which leads nowhere" in warnings
