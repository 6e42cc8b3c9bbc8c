"""Exercises in the static book: the HTML form of a question outranks its live widget, and pages
that hold one, or the introduction's list of progress, load the script that checks answers in the
browser (``static/nkbook-exercises.js``).

A live notebook shows an exercise as an anywidget that runs the same script around the same form
(:mod:`nkbook.exercises.widget`); each output also carries the self-contained HTML form
(:mod:`nkbook.exercises.static`), which is the one the book shows.

``{nkbook-exit-question}`chapter``` shows a chapter's exit question, from ``exercises/<chapter>.yml``
(the instructor guide's lesson plans close on it; the chapter's worksheet ends with the same text).

Events: ``config-inited`` (the MIME priority), ``html-page-context`` (the script).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxRole

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


class ExitQuestionRole(SphinxRole):
    """``{nkbook-exit-question}`arrested```: the chapter's exit question, in italics."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        from ..exercises.bank import BankError, load_chapter_file

        chapter = self.text.strip()
        path = Path(self.env.srcdir) / "exercises" / f"{chapter}.yml"
        self.env.note_dependency(str(path))
        try:
            question = load_chapter_file(path).exit_question
        except (OSError, BankError) as error:
            message = self.inliner.reporter.error(
                f"no exit question for the chapter {chapter!r} (exercises/{chapter}.yml): {error}", line=self.lineno
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        return [nodes.emphasis(self.rawtext, question, classes=["nkbook-exit-question"])], []


def setup(app: Sphinx) -> None:
    app.add_role("nkbook-exit-question", ExitQuestionRole())
    app.connect("config-inited", _html_form_first)
    app.connect("html-page-context", _exercise_script, priority=900)  # after myst-nb adds its scripts
