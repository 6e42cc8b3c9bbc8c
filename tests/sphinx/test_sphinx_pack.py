"""nkbook.sphinx.pack on a tiny book that builds no pack (nkbook_pack is false unless a book sets it)."""

from __future__ import annotations

import pytest
from built import page


@pytest.mark.sphinx("html", testroot="pages")
def test_a_book_without_the_pack_links_none_of_its_files_and_says_so(app):
    source = app.srcdir / "downloads.md"
    before = source.read_text(encoding="utf-8")
    source.write_text("# Downloads\n\n```{nkbook-pack}\n```\n", encoding="utf-8")
    try:
        app.build()
        downloads = page(app, "downloads")
    finally:  # the test root is shared by the tests of the session
        source.write_text(before, encoding="utf-8")
    assert app._warning.getvalue() == ""
    assert "This build of the book has no instructor pack." in downloads.get_text()
    assert not [a["href"] for a in downloads.select("a[href]") if "pack/" in a["href"]]
    assert not (app.outdir / "pack").exists()


@pytest.mark.sphinx(
    "html", testroot="pages", confoverrides={"nkbook_pack": True, "nkbook_chromium": "/nonexistent/chromium"}
)
def test_a_pack_that_fails_in_the_background_fails_the_build_and_says_what_failed(app):
    from sphinx.errors import ExtensionError

    with pytest.raises(ExtensionError) as failed:
        app.build()
    message = str(failed.value)
    assert message.startswith("nkbook: the instructor pack could not be made: the answer key could not be made: ")
    assert "apt-get install chromium" in message
    assert not (app.outdir / "pack").exists()
    assert not list((app.outdir.parent / ".nkbook-pack").glob("pack-in-progress.*"))
