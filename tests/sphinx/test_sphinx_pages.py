"""nkbook.sphinx.pages on a tiny book: the Sources and Downloads directives, made from the files."""

from __future__ import annotations

import pytest
from built import page


@pytest.mark.sphinx("html", testroot="pages")
def test_sources_lists_every_article_and_every_context_figure_in_its_group(app):
    app.build()
    assert app._warning.getvalue() == ""
    index = page(app, "index")
    (article,) = index.select("li.nkbook-source")
    assert (
        article["id"] == "source-000"
        and "Test Outlet, \u201cA test headline\u201d, date not printed." in article.get_text()
    )
    arrivals = index.select_one("section#context-arrivals")
    assert arrivals.find(["h2", "h3"]).get_text().startswith("Arrivals")
    assert [li["id"] for li in arrivals.select("li.nkbook-context-figure")] == ["figure-arr_1998"]
    assert arrivals.select_one('blockquote[lang="ko"]') is not None, "Korean quotes carry their language"
    other = index.select_one("section#context-other")
    assert [li["id"] for li in other.select("li.nkbook-context-figure")] == ["figure-law_x"]
    assert other.select_one('a[href="https://example.org/law"]').get_text() == "Test law"


@pytest.mark.sphinx("html", testroot="pages")
def test_downloads_offers_every_table_the_descriptor_and_what_the_articles_print_not_their_texts(app):
    app.build()
    links = [a.get_text() for a in page(app, "downloads").select("li.nkbook-download a")]
    assert links == [
        "data/answers.csv",
        "data/context_figures.csv",
        "data/datapackage.json",
        "seeds/sources.yml",
    ]
    for name in ("answers.csv", "datapackage.json", "sources.yml"):
        assert list((app.outdir / "_downloads").rglob(name)), name
    assert not list((app.outdir / "_downloads").rglob("000_test.txt")), "the article's text stays its publisher's"


@pytest.mark.sphinx("html", testroot="pages", freshenv=True)
def test_generated_pages_are_recorded_and_read_again_when_the_data_changes(make_app, app_params):
    args, kwargs = app_params
    first = make_app(*args, **kwargs)
    first.build()
    assert first.env.nkbook_generated_pages == {"index", "downloads"}

    (first.srcdir / "data" / "more.csv").write_text("a\n1\n", encoding="utf-8")
    kwargs["freshenv"] = False
    again = make_app(*args, **kwargs)
    again.build()
    assert "data/more.csv" in [a.get_text() for a in page(again, "downloads").select("li.nkbook-download a")]


@pytest.mark.sphinx("html", testroot="pages")
def test_an_unknown_kind_is_an_error_that_names_it(app):
    (app.srcdir / "downloads.md").write_text("# D\n\n```{nkbook-downloads} videos\n```\n", encoding="utf-8")
    app.build()
    assert "unknown argument 'videos'" in app._warning.getvalue()
