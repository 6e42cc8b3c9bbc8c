"""Exercises in the static book: the HTML form of a question outranks its live widget, and pages
that hold one, or the introduction's list of progress, load the script that checks answers in the
browser (``static/nkbook-exercises.js``).

A live notebook shows an exercise as an anywidget that runs the same script around the same form
(:mod:`nkbook.exercises.widget`); each output also carries the self-contained HTML form
(:mod:`nkbook.exercises.static`), which is the one the book shows.

Events: ``config-inited`` (the MIME priority), ``html-page-context`` (the script).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

EXERCISE_MARKER = 'class="nkbook-exercise"'
PROGRESS_MARKER = "data-progress-list"
HTML_FIRST = ("html", "text/html", 5)


def _html_form_first(app: Sphinx, config: Config) -> None:
    if "nb_mime_priority_overrides" not in config:  # a book without myst-nb
        return
    overrides = [tuple(o) for o in config.nb_mime_priority_overrides]
    if HTML_FIRST not in overrides:
        config.nb_mime_priority_overrides = [*config.nb_mime_priority_overrides, HTML_FIRST]


def _exercise_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if EXERCISE_MARKER in body or PROGRESS_MARKER in body:
        app.add_js_file("nkbook-exercises.js", defer="defer")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _html_form_first)
    app.connect("html-page-context", _exercise_script, priority=900)  # after myst-nb adds its scripts
