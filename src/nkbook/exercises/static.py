"""The static HTML form of an exercise: checked in the browser by ``nkbook-exercises.js``, no kernel.

Every form: ``data-exercise-id`` on its root, a ``<fieldset>`` whose ``<legend>`` is the prompt, a
label for every control, a submit button (so Enter works), and feedback in a ``role="status"`` region.
"""

from __future__ import annotations

import json
from html import escape

from .bank import Question

LEVEL_NAMES = {
    "remember": "Remember",
    "understand": "Understand",
    "apply": "Apply",
    "analyse": "Analyse",
    "evaluate": "Evaluate",
}
BUTTON = {"text": "Show the model answer"}


def _dom_id(question: Question, suffix: str = "") -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in question.id)
    return f"ex-{safe}{('-' + suffix) if suffix else ''}"


def _controls(q: Question) -> str:
    base = _dom_id(q)
    if q.type in ("single", "multiple"):
        kind = "radio" if q.type == "single" else "checkbox"
        rows = []
        for i, option in enumerate(q.options):
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
            f'<input type="text" id="{base}-input" inputmode="decimal" autocomplete="off" size="12">'
        )
    if q.type == "text":
        return (
            f'<label for="{base}-input">Your answer</label>'
            f'<textarea id="{base}-input" rows="4" cols="60"></textarea>'
        )
    rows = []
    ordinal = _ordinals(len(q.items))
    shown = _display_order(q)
    for position in range(len(q.items)):
        sid = f"{base}-pos{position}"
        options = '<option value="">Choose…</option>' + "".join(
            f'<option value="{escape(item, quote=True)}">{escape(item)}</option>' for item in shown
        )
        rows.append(
            f'<div class="nkbook-exercise__place"><label for="{sid}">{ordinal[position]}</label>'
            f'<select id="{sid}">{options}</select></div>'
        )
    return '<p class="nkbook-exercise__hint">Choose what came first, second, and so on.</p>' + "".join(rows)


def _ordinals(n: int) -> list[str]:
    words = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"]
    return [words[i] if i < len(words) else f"Place {i + 1}" for i in range(n)]


def _display_order(q: Question) -> list[str]:
    """The items in a fixed order that is not the answer (sorted by text; reversed if that is the answer)."""
    shown = sorted(q.items)
    if tuple(shown) == q.items:
        shown = list(reversed(shown))
    return shown


def render(q: Question) -> str:
    """The exercise as one self-contained HTML form."""
    payload = json.dumps(q.to_json(), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    button = BUTTON.get(q.type, "Check")
    return (
        f'<form class="nkbook-exercise" data-exercise-id="{escape(q.id, quote=True)}" data-type="{q.type}" '
        f'id="{_dom_id(q)}" novalidate>'
        f"<fieldset><legend>"
        f'<span class="nkbook-exercise__level">{LEVEL_NAMES[q.level]}</span> '
        f'<span class="nkbook-exercise__prompt">{escape(q.prompt)}</span></legend>'
        f'<div class="nkbook-exercise__controls">{_controls(q)}</div>'
        f'<button type="submit" class="nkbook-exercise__check">{button}</button>'
        f'<div class="nkbook-exercise__feedback" role="status" aria-live="polite"></div>'
        f"</fieldset>"
        f'<script type="application/json" class="nkbook-exercise__data">{payload}</script>'
        f"</form>"
    )
