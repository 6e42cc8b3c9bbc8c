"""Worksheet layouts (nkbook.pack): the recorded one printed while it fits, else searched; the search's
rule; the file of recorded layouts read with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkbook import pack
from nkbook.pack import LAYOUTS_FILE, Layout, PackError, recorded_layouts, search_layout


class Sheet:
    chapter = "chapter"


class FakePrinter:
    """Prints a page "level|words first" on the pages ``pages_of`` gives for it; keeps what it printed."""

    def __init__(self, pages_of):
        self.pages_of, self.printed = pages_of, []

    def print(self, html: Path, pdf: Path, footer: str) -> int:
        level, first = html.read_text(encoding="utf-8").split("|")
        layout = Layout(int(level), frozenset(int(i) for i in first.split(",") if i))
        self.printed.append(layout)
        pdf.write_bytes(b"%PDF")
        return self.pages_of(layout)


@pytest.fixture(autouse=True)
def plain_pages(monkeypatch):
    """A page that says its layout, so that the fake printer can read it back."""
    monkeypatch.setattr(
        pack,
        "layout_html",
        lambda sheet, pictures, pdf, layout: f"{layout.level}|{','.join(map(str, sorted(layout.words_first)))}",
    )


def write(tmp_path, printer, recorded=None):
    return pack._write_worksheet(Sheet(), ["<svg/>", "<svg/>"], tmp_path, "footer", printer, recorded)


def test_a_recorded_layout_that_fits_is_printed_once_and_kept(tmp_path):
    printer = FakePrinter(lambda layout: 4)
    pdf, pages = write(tmp_path, printer, Layout(2, frozenset({1})))
    assert printer.printed == [Layout(2, frozenset({1}))] and pages == 4
    assert (tmp_path / "chapter.html").read_text() == "2|1" and pdf == tmp_path / "chapter.pdf"


def test_a_recorded_layout_that_no_longer_fits_is_searched_again(tmp_path):
    # Level 0 takes 6 pages, level 1 four, level 2 four: the search keeps level 1.
    printer = FakePrinter(lambda layout: {0: 6, 1: 4, 2: 4}.get(layout.level, 3))
    _, pages = write(tmp_path, printer, Layout(0, frozenset()))
    assert pages == 4 and len(printer.printed) > 1
    assert (tmp_path / "chapter.html").read_text() == "1|"


def test_without_a_recorded_layout_the_search_decides(tmp_path):
    printer = FakePrinter(lambda layout: 4)
    write(tmp_path, printer)
    assert (tmp_path / "chapter.html").read_text() == "0|"
    assert Layout(1, frozenset()) in printer.printed  # a step tighter was tried, and saved nothing


def test_the_search_keeps_the_loosest_level_that_fits_unless_a_tighter_saves_a_page(tmp_path):
    page = tmp_path / "p.html"
    fits_at_one = FakePrinter(lambda layout: 5 if layout.level == 0 else 4)
    assert search_layout(Sheet(), ["a"], page, "f", fits_at_one) == (Layout(1, frozenset()), 4)
    saves_a_page = FakePrinter(lambda layout: {0: 4, 1: 3}[layout.level])
    assert search_layout(Sheet(), ["a"], page, "f", saves_a_page) == (Layout(1, frozenset()), 3)
    # At a level, the layout on fewest pages; the first of a tie (words under every picture first).
    words_first_helps = FakePrinter(lambda layout: 3 if layout.words_first == {1} else 4)
    assert search_layout(Sheet(), ["a", "b"], page, "f", words_first_helps) == (Layout(0, frozenset({1})), 3)


def test_the_file_of_recorded_layouts_is_read_by_chapter(tmp_path):
    assert recorded_layouts(tmp_path) == {}
    (tmp_path / LAYOUTS_FILE).parent.mkdir()
    (tmp_path / LAYOUTS_FILE).write_text(
        pack.layouts_json({"arrested": (Layout(3, frozenset({0, 1})), 4), "watched": (Layout(2), 4)}), encoding="utf-8"
    )
    assert recorded_layouts(tmp_path) == {"arrested": Layout(3, frozenset({0, 1})), "watched": Layout(2)}


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"chapters": {"arrested": {"level": 1,}}}', f"{LAYOUTS_FILE}, line 1, column 39: Expecting property name"),
        ('{"about": "no chapters"}', f'{LAYOUTS_FILE}: no "chapters" object'),
        (
            '{"chapters": {"watched": {"level": "2", "words_first": []}}}',
            f'{LAYOUTS_FILE}, chapter "watched": needs "level" (a whole number)',
        ),
        (
            '{"chapters": {"watched": {"level": 2}}}',
            f'{LAYOUTS_FILE}, chapter "watched": needs "level" (a whole number) and "words_first"',
        ),
    ],
)
def test_a_broken_file_of_layouts_is_named_with_what_is_wrong(tmp_path, text, message):
    (tmp_path / LAYOUTS_FILE).parent.mkdir()
    (tmp_path / LAYOUTS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as raised:
        recorded_layouts(tmp_path)
    assert str(raised.value).startswith(message), str(raised.value)
