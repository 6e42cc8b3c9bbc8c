"""Exports of the question bank for instructors, one module each:

- :mod:`.answer_key`  the HTML answer key (model answers, points and rubrics included)
- :mod:`.moodle`      Moodle XML: grader information, the ordering type (and a matching fallback), tags
- :mod:`.gift`        Moodle GIFT: what GIFT can carry of the same
- :mod:`.qti`         an IMS QTI 1.2 zip for Canvas, Blackboard and Brightspace
- :mod:`.lms`         :func:`write_lms`, every LMS file into one folder
- :mod:`.cli`         the ``nkbook-teach`` command (``make answer-key``, ``make lms``)
- :mod:`.common`      what they share: chapters in book order, weights, places, rubrics

They need only the package's light dependencies (no Jupyter, no browser, no Node), and list a
question's options in the order the book shows them (``Question.shown_options``, a shuffle seeded by
the id), so that an instructor's key matches what students see.
"""

from .answer_key import answer_key_html
from .cli import main
from .common import BOOK, by_chapter, places, rubric
from .gift import gift_escape, to_gift
from .lms import lms_names, write_lms
from .moodle import to_moodle_xml
from .qti import qti_files, write_qti_zip

__all__ = [
    "BOOK",
    "answer_key_html",
    "by_chapter",
    "gift_escape",
    "lms_names",
    "main",
    "places",
    "qti_files",
    "rubric",
    "to_gift",
    "to_moodle_xml",
    "write_lms",
    "write_qti_zip",
]
