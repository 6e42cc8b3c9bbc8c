"""The live form of an exercise: the book's own HTML form and script, run inside an anywidget.

There is one set of checking rules, in ``static/nkbook-exercises.js``. The static book runs it on every
page; a live notebook runs the very same file as this widget's JavaScript module, around the very same
form (:func:`.static.render`). So the live notebook and the book check, word the feedback, save
progress and show answers alike. The module is sent to the front end with the widget's state (no
CDN, nothing fetched), so it works offline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import anywidget
import traitlets

from .bank import Question
from .static import render

STATIC = Path(__file__).resolve().parent.parent / "static"
CSS_START = "/* Exercises (static book)."
CSS_END = "/* End of exercises. */"


@lru_cache(maxsize=1)
def module_source() -> str:
    """The widget's ES module: the book's checker, then anywidget's ``render`` that wires one form."""
    checker = (STATIC / "nkbook-exercises.js").read_text(encoding="utf-8")
    return (
        "const NKBOOK_WIDGET = true;\n"  # the script then leaves the page alone and only wires what it is given
        + checker
        + "\nexport default {\n"
        "  render({ model, el }) {\n"
        "    el.innerHTML = model.get('html');\n"
        "    globalThis.nkbookExercises.wire(el.querySelector('form.nkbook-exercise'));\n"
        "  },\n"
        "};\n"
    )


@lru_cache(maxsize=1)
def module_css() -> str:
    """The exercises' part of the book's stylesheet."""
    css = (STATIC / "nkbook.css").read_text(encoding="utf-8")
    return css[css.index(CSS_START) : css.index(CSS_END)]


class ExerciseWidget(anywidget.AnyWidget):
    """A question in a live notebook: the book's form, checked by the book's script."""

    _esm = module_source()
    _css = module_css()
    html = traitlets.Unicode("").tag(sync=True)

    def __init__(self, question: Question):
        self.question = question
        super().__init__(html=render(question))
