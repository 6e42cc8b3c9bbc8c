"""Each exercise type renders as a live widget and as a static, accessible HTML form from one definition."""

from __future__ import annotations

import json
import re
from html import escape
from html.parser import HTMLParser

import ipywidgets as w
import pytest

from nkbook.exercises import ask, check, load_bank
from nkbook.exercises.static import render
from nkbook.exercises.widget import ExerciseWidget, feedback_html

BANK = load_bank()
def right_and_wrong(q):
    """One right and one wrong answer to ``q``, in the widget's terms, built from its definition."""
    if q.type == "single":
        return q.options[q.correct_options[0]].text, next(o.text for o in q.options if not o.correct)
    if q.type == "multiple":
        return [o.text for o in q.options if o.correct], [next(o.text for o in q.options if not o.correct)]
    if q.type == "numeric":
        return f"{q.answer:g}", f"{q.answer + 10 * q.tolerance + 1:g}"
    if q.type == "ordering":
        return list(q.items), list(reversed(q.items))
    return "My answer.", ""


ANSWERS = {qid: right_and_wrong(q) for qid, q in BANK.items()}


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
    assert parser.status == 1 and parser.buttons == 1
    assert parser.control_ids and all(cid in parser.labels_for for cid in parser.control_ids)
    assert any(tag == "legend" for tag, _ in parser.tags)
    assert not re.search(r"\b(src|href)=", html), "the form loads nothing"
    data = json.loads(re.search(r'<script type="application/json" class="nkbook-exercise__data">(.*?)</script>',
                                html).group(1))
    assert data["id"] == qid and data["type"] == BANK[qid].type


def test_ordering_form_does_not_show_the_answer_order():
    q = BANK["survey-4"]
    html = render(q)
    first_select = html.split("<select", 2)[1]
    shown = re.findall(r'<option value="([^"]+)">', first_select)
    assert sorted(shown) == sorted(q.items) and shown != list(q.items)


@pytest.mark.parametrize("qid", sorted(BANK))
def test_widget_gives_the_same_feedback_as_the_checker(qid):
    widget = ExerciseWidget(BANK[qid])
    right, wrong = ANSWERS[qid]
    if BANK[qid].type != "text":
        assert check(BANK[qid], right).status == "correct" and check(BANK[qid], wrong).status == "incorrect"
    for answer in (right, wrong):
        result = widget.submit(answer)
        assert result == check(BANK[qid], answer)
        assert widget.feedback.value == feedback_html(result)
        assert escape(result.message) in widget.feedback.value


def test_widget_controls_per_type():
    kinds = {qid: type(ExerciseWidget(q).controls) for qid, q in BANK.items()}
    assert kinds["survey-1"] is w.RadioButtons
    assert kinds["survey-3"] is w.Text
    assert kinds["survey-6"] is w.Textarea
    assert kinds["survey-2"] is w.VBox and kinds["survey-4"] is w.VBox


def test_widget_reads_its_own_controls():
    widget = ExerciseWidget(BANK["survey-1"])
    assert widget.submit().status == "invalid"  # nothing chosen yet
    widget.controls.value = "35"
    assert widget.submit().status == "correct"
    numeric = ExerciseWidget(BANK["survey-3"])
    numeric.controls.value = "65,0 %"
    assert numeric.submit().status == "correct"


def test_feedback_is_not_told_by_colour_alone():
    right = feedback_html(check(BANK["survey-1"], "35"))
    wrong = feedback_html(check(BANK["survey-1"], "26"))
    assert "\u2714 Right" in right and "\u2716 Not yet" in wrong


def test_ask_carries_the_widget_and_the_static_form():
    bundle = ask("survey-1")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"] == render(BANK["survey-1"])
    with pytest.raises(KeyError, match="no exercise with the id 'nope'"):
        ask("nope")
