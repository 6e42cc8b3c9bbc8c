"""The worksheets' layout, from the chapters and the bank, without a build (see test_pack.py for the
printed PDFs)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import escape

import pytest

from nkbook import paths
from nkbook.exercises.bank import load_bank
from nkbook.outputs import VEGALITE_MIME
from nkbook.toc import notebook_chapters
from nkbook.worksheets import (
    LEVELS,
    LONG_TABLE,
    MIN_SCALE,
    Chart,
    asked,
    charts_in,
    content_note,
    licence_line,
    markdown_html,
    picture_size,
    plain_myst,
    question_html,
    shorter_tables,
    worksheet,
    worksheet_html,
)

CHAPTERS = [stem for stem, _ in notebook_chapters()]
# What only an interactive page has: a button to check, a menu's prompt, a control's name.
LEFTOVERS = re.compile(
    r"\bCheck\b|Choose…|Choose\.\.\.|Show the answer|Show the model answer|Your answer|<button|<input|<script"
)


def source_notebook(chapter: str) -> dict:
    return json.loads((paths.chapters_dir() / f"{chapter}.ipynb").read_text(encoding="utf-8"))


def text_of(html: str) -> str:
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_every_chapter_has_a_worksheet_with_its_questions_in_the_chapters_order(bank):
    assert len(CHAPTERS) == 7
    for chapter in CHAPTERS:
        notebook = source_notebook(chapter)
        sheet = worksheet(paths.root(), chapter, notebook, bank)
        ids = [q.id for q in sheet.questions]
        assert ids == asked(notebook) and len(ids) >= 5, chapter
        assert sorted(ids) == sorted(q.id for q in bank.values() if q.chapter == chapter), chapter
        assert sheet.excerpts and all(e.attribution for e in sheet.excerpts), chapter
        for level in range(LEVELS):
            html = worksheet_html(sheet, [], level=level)
            text = text_of(html)
            for q in sheet.questions:
                assert " ".join(q.prompt.split()) in text, (chapter, q.id, level)
            assert not LEFTOVERS.search(html), (chapter, level, LEFTOVERS.search(html)[0])
            assert licence_line() in text and sheet.exit_question in text, chapter
            assert "{term}" not in html and "{ref}" not in html and "{doc}" not in html, chapter


def test_the_content_note_comes_first_and_every_chapter_has_one(bank):
    for chapter in CHAPTERS:
        sheet = worksheet(paths.root(), chapter, source_notebook(chapter), bank)
        assert sheet.content_note, f"{chapter}: no content note found"
        html = worksheet_html(sheet, [])
        order = ["Content note.", "<blockquote>", "<h2>Questions</h2>", "<h2>Exit question</h2>"]
        positions = [html.index(part) for part in [*order, 'class="licence"']]
        assert positions == sorted(positions), chapter


def test_the_excerpts_stand_under_the_chapters_own_headings_in_its_order(bank):
    sheet = worksheet(paths.root(), "arrested", source_notebook("arrested"), bank)
    html = worksheet_html(sheet, [])
    quote = sheet.excerpts[-1].quote[:40]
    assert html.index("<h2>The story in the source</h2>") < html.index("<h2>No legal status, no recourse</h2>")
    assert html.index("<h2>No legal status, no recourse</h2>") < html.index(quote) < html.index("<h2>Questions</h2>")
    sold = worksheet(paths.root(), "sold-and-stateless", source_notebook("sold-and-stateless"), bank)
    assert [text for _, text in sold.order[1][2]] == ["The story in the source", "Children without a nationality"]
    assert "<h3>Children without a nationality</h3>" in worksheet_html(sold, [])


def test_on_paper_a_content_note_points_only_at_what_the_sheet_prints(bank):
    """Each section a content note points at is a heading of the worksheet, or the note says that it
    is in the chapter, not on the sheet; the note's own words are kept."""
    from nkbook.excerpts import markdown_of
    from nkbook.worksheets import NOT_ON_PAPER, note_on_paper, reading_order

    for chapter in CHAPTERS:
        sheet = worksheet(paths.root(), chapter, source_notebook(chapter), bank)
        markdown = markdown_of(paths.chapters_dir() / f"{chapter}.ipynb")
        headings = re.findall(r"^#{2,6}\s+(.+?)\s*$", markdown, re.M)
        printed = set(sheet.headings()) | {"Questions"}
        note = sheet.content_note or ""
        assert "{ref}" not in note and "Check your understanding" not in note and "exercises 3" not in note, chapter
        for match in re.finditer(r"\*([^*\n]+)\*|\"([^\"\n]+)\"|\u201c([^\u201d\n]+)\u201d", note):
            name = next(g for g in match.groups() if g)
            if name in headings and name not in printed:
                assert note[match.end() :].startswith(" " + NOT_ON_PAPER), (chapter, name)
        online = content_note(markdown) or ""
        assert len(words_of(note)) >= len(words_of(online)), chapter  # adapted, nothing dropped
    note = "Skip {ref}`a` and *B*, then *C*; see exercises 3 and 4 under *Check your understanding*."
    paper = note_on_paper(note, {"a": "A"}, ["A", "B", "C", "Check your understanding"], ["A", "C"])
    assert paper == f"Skip *A* and *B* {NOT_ON_PAPER}, then *C*; see questions 3 and 4 under *Questions*."
    # A table of a section's text is never on the sheet, even where the section's heading is.
    note = "One line of the table in *A* names a man; skip it and go on to *C*."
    paper = note_on_paper(note, {}, ["A", "C"], ["A", "C"])
    assert paper == f"One line of the table in *A* {NOT_ON_PAPER} names a man; skip it and go on to *C*."
    assert reading_order({"cells": []}) == ([], [], [])


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_content_note_in_its_own_admonition_or_in_at_a_glance():
    own = (
        ":::{admonition} Content note\n:class: warning\nThis chapter is about {term}`detention`.\n\n"
        "- Skip to {ref}`x`.\n:::\n"
    )
    assert content_note(own) == "This chapter is about {term}`detention`.\n\n- Skip to {ref}`x`."
    glance = ":::{admonition} At a glance\n**Content note:** this chapter is about surveillance.\nIt ends here.\n:::\n"
    assert content_note(glance) == "This chapter is about surveillance.\nIt ends here."
    assert content_note("# A chapter\n\nNo note.") is None


def test_myst_roles_are_put_in_words():
    labels = {"sold-prices": "Prices, then and now"}
    text = "The {term}`brokers <broker>` and {term}`detention`; see {ref}`sold-prices` and {doc}`sources`."
    assert plain_myst(text, labels) == "The brokers and detention; see *Prices, then and now* and sources."
    assert markdown_html("<b>raw</b> **bold**", inline=True) == "&lt;b&gt;raw&lt;/b&gt; <strong>bold</strong>"


def test_the_exit_question_is_the_chapters_own_from_its_bank_file(bank):
    from nkbook.exercises.bank import exit_questions

    questions = exit_questions()
    for chapter in CHAPTERS:
        sheet = worksheet(paths.root(), chapter, source_notebook(chapter), bank)
        assert sheet.exit_question == questions[chapter], chapter
        html = worksheet_html(sheet, [])
        assert f"<h2>Exit question</h2><p>{escape(questions[chapter], quote=False)}</p>" in html, chapter
    assert questions["arrested"] == "What could the woman not do because she had no legal status?"


def test_charts_come_from_the_executed_outputs_with_their_words():
    spec = {"description": "A chart.", "mark": "bar"}
    notebook = {
        "cells": [
            {"cell_type": "code", "source": 'ask("x-1")', "outputs": []},
            {
                "cell_type": "code",
                "source": "charts.show(charts.a())",
                "outputs": [
                    {"output_type": "display_data", "data": {VEGALITE_MIME: spec, "text/plain": "A chart."}},
                    {"output_type": "display_data", "data": {"text/markdown": ["**In words:** ", "ten."]}},
                ],
            },
            {"cell_type": "code", "source": "ask('x-2')\nask(\"x-3\")", "outputs": []},
        ]
    }
    (chart,) = charts_in(notebook)
    assert chart.spec == spec and chart.words == "**In words:** ten."
    assert asked(notebook) == ["x-1", "x-2", "x-3"]


def test_options_in_the_books_order_and_put_in_order_items_lettered_with_blanks(bank):
    for q in bank.values():
        html = question_html(q)
        text = text_of(html)
        if q.type in ("single", "multiple"):
            shown = [text_of(li)[2:] for li in re.findall(r"<li>(.*?)</li>", html.split('class="options')[1])]
            assert shown == [" ".join(o.text.split()) for o in q.shown_options], q.id
            assert html.count('class="box"') == len(q.options), q.id
        elif q.type == "ordering":
            assert '<ol class="order" type="A">' in html, q.id
            assert html.count('class="blank"') == len(q.items), q.id
            shown = [text_of(li) for li in re.findall(r"<li>(.*?)</li>", html.split('class="order"')[1])]
            assert shown == [" ".join(i.split()) for i in q.start_items], q.id
            assert f"Number the blanks 1 to {len(q.items)}" in text
        elif q.type == "text":
            assert html.count("<span></span>") >= 5, q.id
        else:
            assert "Answer:" in text, q.id


def test_long_tables_and_lists_are_named_not_printed_when_tightened():
    rows = "".join(f"| {i} | row {i} |\n" for i in range(LONG_TABLE + 1))
    table = f"**In words:** many.\n\n| n | what |\n|---|---|\n{rows}\nAfter."
    cut = shorter_tables(table, "the chapter")
    assert "row 3" not in cut and f"all {LONG_TABLE + 1} rows" in cut and "After." in cut and "many." in cut
    short = "| n | what |\n|---|---|\n| 1 | one |\n"
    assert shorter_tables(short, "the chapter") == short
    items = "".join(f"- item {i}\n  goes on\n" for i in range(LONG_TABLE + 2))
    assert "item 3" not in shorter_tables(f"Intro.\n\n{items}", "x")


def test_a_picture_fits_the_column_and_is_never_drawn_too_small_to_read():
    tall = '<svg viewBox="0 0 667 1132">'
    wide = '<svg viewBox="0 0 2000 300">'
    for level in range(LEVELS):
        width, height = picture_size(tall, level)
        assert width / 667 >= MIN_SCALE - 1e-9 and height / 1132 >= MIN_SCALE - 1e-9
        width, height = picture_size(wide, level)
        assert width <= 170 * 96 / 25.4 + 1


def test_a_charts_picture_drops_from_its_subtitle_what_only_the_interactive_chart_can_do():
    from nkbook.outputs import for_picture

    spec = {
        "title": {
            "text": "A finding",
            "subtitle": [
                "Move the sliders: the article gives no days. Filled marks: the",
                "year is printed (point at a mark for its quote). Point at a step,",
                "or choose one below, to read the source's words.",
            ],
        },
        "mark": "bar",
    }
    paper = for_picture(spec)
    text = " ".join(paper["title"]["subtitle"])
    assert text == "The article gives no days. Filled marks: the year is printed."
    assert max(len(line) for line in paper["title"]["subtitle"]) <= len(spec["title"]["subtitle"][0])
    assert paper["mark"] == "bar" and paper["title"]["text"] == "A finding"
    still = {"title": {"text": "T", "subtitle": "Each bar is out of 40 women."}}
    assert for_picture(still) is still
    # A panel's subtitle too (the timeline's list of undated events said "Point at a row for its quote").
    panels = {"vconcat": [still, {"title": {"text": "U", "subtitle": "Listed here. Point at a row for its quote."}}]}
    drawn = for_picture(panels)
    assert drawn["vconcat"][0] is still and drawn["vconcat"][1]["title"]["subtitle"] == ["Listed here."]
    assert panels["vconcat"][1]["title"]["subtitle"] == "Listed here. Point at a row for its quote."  # unchanged


def test_a_korean_excerpt_carries_its_language(bank):
    sheet = worksheet(paths.root(), "bigger-picture", source_notebook("bigger-picture"), bank)
    assert any(re.search("[\uac00-\ud7a3]", e.quote) for e in sheet.excerpts)
    assert re.search('<p lang="ko">[^<]*[\uac00-\ud7a3]', worksheet_html(sheet, []))


def test_a_charts_words_can_come_before_its_picture_and_stand_beside_a_narrow_one(bank):
    sheet = worksheet(paths.root(), "survey-hopes", source_notebook("survey-hopes"), bank)
    chart = Chart({"description": "A chart."}, "**In words:** ten.")
    sheet = replace(sheet, charts=[chart], order=[*sheet.order, ("chart", 0, ((2, "The numbers"),))])
    narrow, wide = '<svg viewBox="0 0 300 900"></svg>', '<svg viewBox="0 0 640 300"></svg>'
    html = worksheet_html(sheet, [narrow], level=1)
    assert '<figure class="beside"' in html and html.index("<svg") < html.index("In words:")
    html = worksheet_html(sheet, [wide], level=1)
    assert '<figure aria-label="A chart.">' in html and html.index("<svg") < html.index("In words:")
    html = worksheet_html(sheet, [narrow], level=1, words_first=frozenset({0}))
    assert '<figure class="words-first"' in html and html.index("In words:") < html.index("<svg")


def test_a_note_pointing_at_a_charts_table_says_when_the_sheet_leaves_it_out(bank):
    from nkbook.worksheets import NOT_ON_PAPER

    sheet = worksheet(paths.root(), "timeline", source_notebook("timeline"), bank)
    assert "the table under the chart" in (sheet.content_note or "")
    rows = "".join(f"| {i} | row {i} |\n" for i in range(LONG_TABLE + 1))
    chart = Chart({"description": "A chart."}, f"**In words:** many.\n\n| n | what |\n|---|---|\n{rows}")
    sheet = replace(sheet, charts=[chart], order=[*sheet.order, ("chart", 0, ((2, "The timeline"),))])
    picture = '<svg viewBox="0 0 640 300"></svg>'
    assert f"the table under the chart {NOT_ON_PAPER}" not in text_of(worksheet_html(sheet, [picture], level=1))
    assert f"the table under the chart {NOT_ON_PAPER}" in text_of(worksheet_html(sheet, [picture], level=2))


def test_a_worksheet_keeps_a_charts_words_and_table_but_not_the_list_of_quotes_behind_its_marks():
    from nkbook.charts.base import words_behind
    from nkbook.outputs import VEGALITE_MIME
    from nkbook.worksheets import charts_in

    words = "**In words:** two prices.\n\n| When | Yuan |\n|---|---:|\n| Now | 20,000 |"
    behind = words_behind("The words behind each price", [("Now", "sold for up to 20,000 Yuan")])
    notebook = {
        "cells": [
            {
                "outputs": [
                    {"data": {VEGALITE_MIME: {"mark": "bar"}}},
                    {"data": {"text/markdown": f"{words}\n\n{behind}"}},
                ]
            }
        ]
    }
    [chart] = charts_in(notebook)
    assert chart.words.strip() == words and "sold for up to" not in chart.words
