"""The question bank as Moodle XML, the format that loses nothing Moodle can hold.

- Open questions are essays whose model answer, points and rubric are "Information for graders"
  (``graderinfo``), which students never see; their general feedback is the explanation only.
- Put-in-order questions use Moodle's ordering type (``qtype_ordering``, in Moodle's core since 4.4
  and a plugin before). :func:`to_moodle_xml` with ``ordering_as="matching"`` writes the same bank for
  sites without it: each put-in-order question becomes a matching question (see :func:`_matching`).
- Numeric questions keep their feedback for a right answer and, through a catch-all answer ``*``
  worth 0%, for any other number.
- Every question is tagged with its chapter and level (``chapter:watched``, ``level:analyse``), and
  sits in the category ``$course$/<book>/<NN chapter title>``, one per chapter in the book's order.

Written with the standard library's ``xml.etree`` (no dependency): text that Moodle reads as HTML is
escaped HTML inside the XML, which is what Moodle's own export means with its CDATA sections.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from ..bank import Question, load_bank
from .common import (
    BOOK,
    by_chapter,
    chapter_label,
    grader_notes_html,
    option_weights,
    places,
    plain,
    weight,
)

ORDERING_AS = ("ordering", "matching")


def html(text: str) -> str:
    """One paragraph of plain text as the HTML Moodle shows (nothing for no text)."""
    return f"<p>{escape(plain(text), quote=False)}</p>" if plain(text) else ""


def category_path(number: int, title: str) -> str:
    """``$course$/<book>/<NN title>``; a slash inside a name is doubled, as Moodle reads category paths."""
    return "/".join(["$course$", BOOK.replace("/", "//"), chapter_label(number, title).replace("/", "//")])


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    """``<tag format="html"><text>...</text></tag>``, the shape of every text field in Moodle XML."""
    element = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(element, "text", text)
    return element


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str, fmt: str = "html") -> ET.Element:
    answer = _sub(parent, "answer", fraction=weight(fraction), format=fmt)
    _sub(answer, "text", text)
    _text(answer, "feedback", html(feedback))
    return answer


def _combined_feedback(question: ET.Element, right: str, wrong: str) -> None:
    _text(question, "correctfeedback", html(right))
    _text(question, "partiallycorrectfeedback", html(wrong))
    _text(question, "incorrectfeedback", html(wrong))


def _head(q: Question, qtype: str, *, name: str | None = None) -> ET.Element:
    question = ET.Element("question", type=qtype)
    _text(question, "name", name or q.id, fmt=None)
    _text(question, "questiontext", html(q.prompt + (f" ({q.unit})" if q.type == "numeric" and q.unit else "")))
    # Shown to students on review: the explanation, never an open question's model answer.
    _text(question, "generalfeedback", html(q.explanation))
    _sub(question, "defaultgrade", "1")
    _sub(question, "penalty", "0.3333333")
    _sub(question, "hidden", "0")
    _sub(question, "idnumber", q.id)
    return question


def _tags(question: ET.Element, q: Question) -> None:
    tags = _sub(question, "tags")
    for tag in (f"chapter:{q.chapter}", f"level:{q.level}"):
        _text(tags, "tag", tag, fmt=None)


def _choice(q: Question) -> ET.Element:
    question = _head(q, "multichoice")
    _sub(question, "single", "true" if q.type == "single" else "false")
    # The book's order (a shuffle seeded by the id), the same as the answer key's.
    _sub(question, "shuffleanswers", "false")
    _sub(question, "answernumbering", "abc")
    _combined_feedback(question, "", "")
    for option, fraction in zip(q.shown_options, option_weights(q)):
        _answer(question, fraction, html(option.text), option.feedback)
    return question


def _numerical(q: Question) -> ET.Element:
    question = _head(q, "numerical")
    right = _answer(question, 100, weight(q.answer), q.feedback_correct, fmt="moodle_auto_format")
    _sub(right, "tolerance", weight(q.tolerance))
    # "*" matches any other answer: 0%, with the feedback for a wrong answer.
    other = _answer(question, 0, "*", q.feedback_incorrect, fmt="moodle_auto_format")
    _sub(other, "tolerance", "0")
    _sub(question, "unitgradingtype", "0")
    _sub(question, "unitpenalty", "0")
    _sub(question, "showunits", "3")  # no unit to enter: the prompt names it
    _sub(question, "unitsleft", "0")
    return question


def _essay(q: Question) -> ET.Element:
    question = _head(q, "essay")
    _sub(question, "responseformat", "editor")
    _sub(question, "responserequired", "1")
    _sub(question, "responsefieldlines", "10")
    _sub(question, "attachments", "0")
    _sub(question, "attachmentsrequired", "0")
    _text(question, "graderinfo", grader_notes_html(q))
    _text(question, "responsetemplate", "")
    return question


def _ordering(q: Question) -> ET.Element:
    """Moodle's ordering type: the answers in the right order, each answer's fraction its place (1, 2, ...)."""
    question = _head(q, "ordering")
    _sub(question, "numberingstyle", "none")
    _combined_feedback(question, q.feedback_correct, q.feedback_incorrect)
    for place, item in enumerate(q.items, start=1):
        _answer(question, place, html(item), "")
    return question


def _matching(q: Question) -> ET.Element:
    """For sites without the ordering type: a matching question, each item (a sub-question) matched
    to its place ("1st", "2nd", ...).

    Moodle shuffles the sub-questions when ``shuffleanswers`` is on, and always lists the answers of
    each drop-down in a new random order. So the items, which students must put in order, are the
    sub-questions (their shuffled order is the puzzle), and the places are the answers: each label
    says its place by itself, so a shuffled drop-down ("3rd, 1st, 4th, 2nd") still reads right."""
    question = _head(q, "matching")
    _sub(question, "shuffleanswers", "true")
    _combined_feedback(question, q.feedback_correct, q.feedback_incorrect)
    for item, place in zip(q.items, places(len(q.items))):
        sub = _text(question, "subquestion", html(item))
        _text(sub, "answer", place, fmt=None)
    return question


def question_element(q: Question, ordering_as: str = "ordering") -> ET.Element:
    """One question as a Moodle XML ``<question>``."""
    if ordering_as not in ORDERING_AS:
        raise ValueError(f"ordering_as is {ordering_as!r}; expected one of {', '.join(ORDERING_AS)}")
    build = {
        "single": _choice,
        "multiple": _choice,
        "numeric": _numerical,
        "text": _essay,
        "ordering": _ordering if ordering_as == "ordering" else _matching,
    }[q.type]
    question = build(q)
    _tags(question, q)
    return question


def to_moodle_xml(bank: dict[str, Question] | None = None, ordering_as: str = "ordering") -> str:
    """The whole bank as Moodle XML: a category per chapter, in the book's order, then its questions.
    ``ordering_as="matching"`` gives the file for a Moodle without the ordering question type."""
    bank = load_bank() if bank is None else bank
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" Question bank of the book '{BOOK}'. Generated from exercises/*.yml by 'make lms'. "))
    for number, (_chapter, title, questions) in enumerate(by_chapter(bank), start=1):
        category = _sub(quiz, "question", type="category")
        _text(category, "category", category_path(number, title), fmt=None)
        _text(category, "info", html(f'Questions of the chapter "{plain(title)}".'))
        for q in questions:
            quiz.append(question_element(q, ordering_as))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
