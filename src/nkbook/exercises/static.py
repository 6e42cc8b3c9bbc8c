"""The HTML form of an exercise, checked in the browser by ``nkbook-exercises.js`` (no kernel).

The same form, and the same script, run in the built book and inside the live widget
(:mod:`.widget`), so there is one set of checking rules.

Every form: ``data-exercise-id`` on its root, a ``<fieldset>`` whose ``<legend>`` is the prompt, a
label for every control, a submit button (so Enter works), and feedback in a ``role="status"`` region.
With no JavaScript the question stays readable: options as a list, put-in-order items as a lettered
list with blanks to number (as on paper).
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from typing import Any

from ..outputs import json_for_html
from .bank import Question

LEVEL_NAMES = {
    "remember": "Remember",
    "understand": "Understand",
    "apply": "Apply",
    "analyse": "Analyse",
    "evaluate": "Evaluate",
}
BUTTON = {"text": "Show the model answer"}
# The one statement of how numbers may be written; the checker follows it (nkbook-exercises.js).
NUMBER_RULE = "Write a point or a comma for decimals (27.5 or 27,5); you may add the unit."


def _dom_id(question: Question, suffix: str = "") -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in question.id)
    return f"ex-{safe}{('-' + suffix) if suffix else ''}"


def source_citation(q: Question) -> str:
    """The source of a question's answer, in words: an article's citation, or a context row's publication."""
    from ..sources import cite

    return cite(q.source)


def payload(q: Question) -> dict[str, Any]:
    """Everything the browser needs to check an answer, word the feedback and show the answer.

    Options are in the order shown (:attr:`Question.shown_options`); ``version`` changes whenever the
    question does, so that an answer saved for an older wording is not restored into a new one.
    """
    data: dict[str, Any] = {
        "id": q.id,
        "chapter": q.chapter,
        "type": q.type,
        "explanation": q.explanation,
        "source": source_citation(q),
        "quote": q.quote,
    }
    if q.type in ("single", "multiple"):
        data["options"] = [{"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in q.shown_options]
    if q.type == "numeric":
        data.update(
            answer=q.answer,
            tolerance=q.tolerance,
            unit=q.unit,
            decimals=q.decimals,
            feedback_correct=q.feedback_correct,
            feedback_incorrect=q.feedback_incorrect,
        )
    if q.type == "text":
        data.update(model_answer=q.model_answer, points=list(q.points))
    if q.type == "ordering":
        data.update(
            items=list(q.items),
            start=list(q.start_items),
            feedback_correct=q.feedback_correct,
            feedback_incorrect=q.feedback_incorrect,
        )
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    data["version"] = digest[:12]
    return data


def _controls(q: Question) -> str:
    base = _dom_id(q)
    if q.type in ("single", "multiple"):
        kind = "radio" if q.type == "single" else "checkbox"
        rows = []
        for i, option in enumerate(q.shown_options):
            oid = f"{base}-opt{i}"
            rows.append(
                f'<div class="nkbook-exercise__option"><input type="{kind}" id="{oid}" name="{base}" value="{i}">'
                f'<label for="{oid}">{escape(option.text)}</label></div>'
            )
        hint = "" if q.type == "single" else '<p class="nkbook-exercise__hint">Tick every option that applies.</p>'
        return hint + "".join(rows)
    if q.type == "numeric":
        unit = f" ({escape(q.unit)})" if q.unit else ""
        return (
            f'<label for="{base}-input">Your answer{unit}</label> '
            f'<input type="text" id="{base}-input" inputmode="decimal" autocomplete="off" size="12" '
            f'aria-describedby="{base}-rule">'
            f'<p class="nkbook-exercise__hint" id="{base}-rule">{escape(NUMBER_RULE)}</p>'
        )
    if q.type == "text":
        return (
            f'<label for="{base}-input">Your answer</label><textarea id="{base}-input" rows="4" cols="60"></textarea>'
        )
    items = "".join(
        f'<li class="nkbook-exercise__item" data-item="{escape(item, quote=True)}">'
        f'<span class="nkbook-exercise__blank" aria-hidden="true"></span>'
        f'<span class="nkbook-exercise__item-text">{escape(item)}</span></li>'
        for item in q.start_items
    )
    return (
        f'<p class="nkbook-exercise__hint" id="{base}-how">Put them in the order the question asks, the first at '
        f"the top: move an item with its \u2191 and \u2193 buttons. On paper, number the blanks "
        f"1 to {len(q.items)}.</p>"
        f'<ol class="nkbook-exercise__order" type="A" aria-describedby="{base}-how">{items}</ol>'
    )


def _ordinals(n: int) -> list[str]:
    words = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"]
    return [words[i] if i < len(words) else f"Place {i + 1}" for i in range(n)]


def render(q: Question) -> str:
    """The exercise as one self-contained HTML form."""
    data = json_for_html(payload(q))
    button = BUTTON.get(q.type, "Check")
    return (
        f'<form class="nkbook-exercise" data-exercise-id="{escape(q.id, quote=True)}" data-type="{q.type}" '
        f'data-chapter="{escape(q.chapter, quote=True)}" id="{_dom_id(q)}" novalidate '
        # Never submitted natively, even if the page's script failed: a reload would lose the answers.
        'onsubmit="return false">'
        f"<fieldset><legend>"
        f'<span class="nkbook-exercise__level">{LEVEL_NAMES[q.level]}</span> '
        f'<span class="nkbook-exercise__prompt">{escape(q.prompt)}</span></legend>'
        f'<div class="nkbook-exercise__controls">{_controls(q)}</div>'
        f'<div class="nkbook-exercise__actions"><button type="submit" class="nkbook-exercise__check">{button}</button>'
        f'<button type="button" class="nkbook-exercise__show" hidden>Show the answer</button></div>'
        f'<div class="nkbook-exercise__feedback" role="status" aria-live="polite"></div>'
        f"</fieldset>"
        f'<script type="application/json" class="nkbook-exercise__data">{data}</script>'
        f"</form>"
    )
