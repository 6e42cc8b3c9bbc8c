"""Exercises: one definition in ``exercises/<chapter>.yml`` feeds every output.

- :mod:`.bank`     load and validate the question bank (schema and provenance)
- :mod:`.checking` check an answer and word the feedback (never raises on bad input)
- :mod:`.widget`   the live ipywidgets control, for a running kernel
- :mod:`.static`   the self-contained HTML form, checked in the browser with no kernel
- :mod:`.export`   the instructor answer key and the Moodle GIFT export

In a chapter, one call shows a question: ``ask("survey-1")``.
"""

from .bank import Question, load_bank, question
from .checking import Feedback, check
from .display import ask

__all__ = ["Feedback", "Question", "ask", "check", "load_bank", "question"]
