"""``ask(id)``: one call in a chapter shows a question, live or static, from the same definition."""

from __future__ import annotations

from .bank import question
from .static import render
from .widget import ExerciseWidget


class Exercise:
    """Displays as the live widget in a kernel and carries the static HTML form for the book.

    The output holds both: Jupyter shows the widget (its MIME type outranks HTML there), while the
    book's build prefers ``text/html`` (``nb_mime_priority_overrides`` in ``_config.yml``).
    """

    def __init__(self, qid: str):
        self.question = question(qid)
        self.widget = ExerciseWidget(self.question)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data or {})
        data["text/html"] = render(self.question)
        data["text/plain"] = f"Exercise {self.question.id}: {self.question.prompt}"
        return data


def ask(qid: str) -> Exercise:
    """Show the exercise ``qid`` of the bank in ``exercises/``."""
    return Exercise(qid)
