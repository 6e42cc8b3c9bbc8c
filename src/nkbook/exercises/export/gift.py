"""The question bank as Moodle GIFT: one plain-text file, one category per chapter in the book's order.

GIFT carries what it can of the Moodle XML export (:mod:`.moodle`): options in the book's order with
their feedback and weights, numeric questions with feedback for a right and a wrong answer (a 0%
range over every other number), and an open question's explanation as general feedback. It cannot
carry information for graders, the ordering question type, or tags: an open question's model answer,
points and rubric go in a comment above it (Moodle's import skips comments), put-in-order questions
become matching questions (each item matched to its place, "1st", "2nd", ...), and the chapter and
level stand in that comment too.
"""

from __future__ import annotations

from ..bank import BankError, Question, load_bank
from .common import BOOK, by_chapter, chapter_label, grader_notes_text, option_weights, places, plain, weight

GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (``\\ ~ = # { } :``) and fold newlines into spaces."""
    return plain("".join("\\" + c if c in GIFT_SPECIAL else c for c in str(text)))


def gift_question(q: Question) -> str:
    title = f"::{gift_escape(q.id)}::"
    stem = gift_escape(q.prompt)
    # General feedback, shown to students on review: the explanation, never an open question's model answer.
    general = f" ####{gift_escape(q.explanation)}"
    if q.type == "single":
        answers = " ".join(
            f"{'=' if o.correct else '~'}{gift_escape(o.text)}#{gift_escape(o.feedback)}" for o in q.shown_options
        )
    elif q.type == "multiple":
        answers = " ".join(
            f"~%{weight(w)}%{gift_escape(o.text)}#{gift_escape(o.feedback)}"
            for o, w in zip(q.shown_options, option_weights(q))
        )
    elif q.type == "numeric":
        stem += f" ({gift_escape(q.unit)})" if q.unit else ""
        # Any other number matches the 0% range after the answer, and gets the wrong-answer feedback.
        answers = (
            f"#={weight(q.answer)}:{weight(q.tolerance)}#{gift_escape(q.feedback_correct)} "
            f"=%0%-1000000000..1000000000#{gift_escape(q.feedback_incorrect)}"
        )
    elif q.type == "text":
        answers = ""
    else:  # ordering: each item matched to its place; Moodle shuffles the items and lists the places in any order
        if any("->" in item for item in q.items):
            # GIFT splits a matching pair at "->" and has no escape for it.
            raise BankError(f"{q.file}, question '{q.id}': an item holds '->', which GIFT cannot carry; write '→'")
        answers = " ".join(f"={gift_escape(item)} -> {place}" for item, place in zip(q.items, places(len(q.items))))
    return f"{title}{stem}{{{answers}{general}}}"


def to_gift(bank: dict[str, Question] | None = None) -> str:
    """The whole bank in Moodle GIFT, one category per chapter, in the book's order."""
    bank = load_bank() if bank is None else bank
    blocks = [
        f"// Question bank of the book '{BOOK}'.",
        "// Generated from exercises/*.yml by 'make lms'; do not edit by hand. Moodle XML",
        "// (questions.moodle.xml) carries what GIFT cannot: grader information, ordering questions, tags.",
    ]
    for number, (chapter, title, questions) in enumerate(by_chapter(bank), start=1):
        blocks.append(f"$CATEGORY: $course$/{gift_escape(BOOK)}/{gift_escape(chapter_label(number, title))}")
        for q in questions:
            comment = f"{q.id}: {q.type}; chapter {chapter}; level {q.level}; source {q.source}"
            if q.type == "text":
                comment += "\n" + grader_notes_text(q)
            elif q.type == "ordering":
                comment += f"\nIf right: {plain(q.feedback_correct)}\nIf wrong: {plain(q.feedback_incorrect)}"
            blocks.append("\n".join(f"// {line}" for line in comment.splitlines()))
            blocks[-1] += "\n" + gift_question(q)
    return "\n\n".join(blocks) + "\n"
