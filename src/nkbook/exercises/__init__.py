"""Exercises: one definition in ``exercises/<chapter>.yml`` feeds every output.

- :mod:`.bank`     load and validate the question bank (schema and provenance)
- :mod:`.order`    the order options are shown in, everywhere: a shuffle seeded by the question id
- :mod:`.static`   the self-contained HTML form, checked in the browser by ``static/nkbook-exercises.js``
- :mod:`.widget`   the live notebook's control: the same form and the same script, as an anywidget
- :mod:`.export`   the instructor answer key and the LMS files (Moodle XML, GIFT, QTI 1.2)

The rules that judge an answer live in one place, ``static/nkbook-exercises.js``, which both the book
and the live widget run. In a chapter, one call shows a question: ``ask("survey-1")``.
"""

from .bank import Question, load_bank, question

__all__ = ["Question", "ask", "load_bank", "question"]


def __getattr__(name: str):
    # ask() shows a live widget: it needs ipywidgets and anywidget, which an instructor exporting the
    # answer key or the LMS files need not install (the "teach" install of pyproject.toml).
    if name == "ask":
        from .display import ask

        return ask
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
