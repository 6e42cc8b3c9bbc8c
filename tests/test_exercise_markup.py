"""Nothing in a question's text can break its page: every text field of the bank may hold any text,
markup fragments included, and the page still ends where it should with every exercise wired."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkbook import paths
from nkbook.exercises.bank import Option, Question
from nkbook.exercises.static import render
from nkbook.outputs import json_for_html

pytestmark = pytest.mark.browser

SCRIPT = paths.root() / "src" / "nkbook" / "static" / "nkbook-exercises.js"
FRAGMENTS = [
    "<!--<script>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "</SCRIPT >",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&",
    "\u2028",
    "\u2029",
    '"',
    "'",
    "</form>",
    "<form>",
    "</fieldset>",
    "<textarea>",
    "</textarea>",
    "`",
    "${x}",
    "\\",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=5).map("".join)
words = texts.filter(lambda t: t.strip() != "")


@st.composite
def questions(draw, index: int) -> Question:
    kind = draw(st.sampled_from(["single", "multiple", "numeric", "text", "ordering"]))
    common = {
        "id": f"probe-{index}",
        "chapter": "probe",
        "type": kind,
        "level": "remember",
        "prompt": draw(words),
        "explanation": draw(words),
        "source": "000_54004d1158f87b0d.txt",
        "quote": draw(words),
    }
    if kind in ("single", "multiple"):
        texts_ = draw(st.lists(words, min_size=2, max_size=4, unique_by=lambda t: " ".join(t.split()).casefold()))
        options = tuple(Option(text=t, correct=(i == 0), feedback=draw(words)) for i, t in enumerate(texts_))
        return Question(**common, options=options)
    if kind == "numeric":
        return Question(
            **common,
            answer=draw(st.floats(-1e6, 1e6)),
            tolerance=0.5,
            unit=draw(texts),
            feedback_correct=draw(words),
            feedback_incorrect=draw(words),
        )
    if kind == "text":
        return Question(**common, model_answer=draw(words), points=tuple(draw(st.lists(words, min_size=1, max_size=3))))
    items = draw(st.lists(words, min_size=2, max_size=4, unique=True))
    return Question(**common, items=tuple(items), feedback_correct=draw(words), feedback_incorrect=draw(words))


def test_embedded_json_cannot_end_its_script_or_hide_the_page():
    text = json_for_html({"a": "</script><!--<script>&\u2028\u2029", "b": [1.5]})
    assert not any(c in text for c in "<>&\u2028\u2029")
    with pytest.raises(ValueError):
        json_for_html({"answer": math.inf})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(*(questions(i) for i in range(3))))
def test_any_text_in_a_question_leaves_its_page_whole_and_every_exercise_wired(browser, tmp_path, probe):
    body = "".join(render(q) for q in probe)
    page_file = tmp_path / "probe.html"
    page_file.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Probe</title></head>'
        f'<body><main>{body}<p id="the-end">The end of the page.</p></main>'
        f'<script src="{SCRIPT.as_uri()}"></script></body></html>',
        encoding="utf-8",
    )
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        page.goto(page_file.as_uri())
        assert page.locator("#the-end").count() == 1, "the page ends where it should"
        assert page.locator("form.nkbook-exercise").count() == len(probe)
        assert page.locator("form.nkbook-exercise[data-ready]").count() == len(probe), "every exercise is wired"
        for i in range(len(probe)):
            form = page.locator("form.nkbook-exercise").nth(i)
            form.locator("button[type=submit]").click()
            assert form.locator("[role=status]").inner_text().strip(), "every exercise answers"
        assert page.url == page_file.as_uri(), "no form submitted itself natively"
        assert errors == []
    finally:
        page.close()
