"""Each exercise type renders as a static, accessible HTML form, and the live widget is that form and script."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from nkbook.exercises import ask, load_bank
from nkbook.exercises.static import render
from nkbook.exercises.widget import STATIC, ExerciseWidget, module_css, module_source

BANK = load_bank()


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.labels_for, self.control_ids, self.status = [], set(), [], 0
        self.buttons = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "label" and "for" in attrs:
            self.labels_for.add(attrs["for"])
        if tag in ("input", "select", "textarea"):
            self.control_ids.append(attrs.get("id"))
        if attrs.get("role") == "status":
            self.status += 1
        if tag == "button":
            self.buttons += 1


@pytest.mark.parametrize("qid", sorted(BANK))
def test_static_form_is_self_contained_and_accessible(qid):
    html = render(BANK[qid])
    parser = FormParser()
    parser.feed(html)
    root_tag, root_attrs = parser.tags[0]
    assert root_tag == "form" and root_attrs["data-exercise-id"] == qid
    assert parser.status == 1 and parser.buttons == 2  # check, and "Show the answer" (hidden at first)
    if BANK[qid].type == "ordering":  # a list; its move buttons, each with a name, are added by the script
        assert parser.control_ids == [] and any(tag == "ol" for tag, _ in parser.tags)
    else:
        assert parser.control_ids and all(cid in parser.labels_for for cid in parser.control_ids)
    assert any(tag == "legend" for tag, _ in parser.tags)
    assert not re.search(r"\b(src|href)=", html), "the form loads nothing"
    data = json.loads(
        re.search(r'<script type="application/json" class="nkbook-exercise__data">(.*?)</script>', html).group(1)
    )
    assert data["id"] == qid and data["type"] == BANK[qid].type


def test_ordering_form_is_a_lettered_list_with_blanks_in_a_shuffled_start_order():
    q = BANK["survey-4"]
    html = render(q)
    assert '<ol class="nkbook-exercise__order" type="A"' in html and "<select" not in html
    shown = [unescape(t) for t in re.findall(r'<span class="nkbook-exercise__item-text">(.*?)</span>', html)]
    assert sorted(shown) == sorted(q.items) and shown != list(q.items)
    assert html.count('class="nkbook-exercise__blank"') == len(q.items)


def test_the_widget_is_the_book_s_form_run_by_the_book_s_script():
    checker = (STATIC / "nkbook-exercises.js").read_text(encoding="utf-8")
    source = module_source()
    assert checker in source and "export default" in source
    assert not re.search(r"https?://|import\s*\(|\bfetch\(", source), "the module loads nothing: it works offline"
    assert ".nkbook-exercise__feedback" in module_css() and "search-button" not in module_css()
    for qid, q in BANK.items():
        widget = ExerciseWidget(q)
        assert widget.html == render(q), qid
        assert widget._esm == source


def test_ask_carries_the_widget_and_the_static_form():
    bundle = ask("survey-1")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"] == render(BANK["survey-1"])
    with pytest.raises(KeyError, match="no exercise with the id 'nope'"):
        ask("nope")
