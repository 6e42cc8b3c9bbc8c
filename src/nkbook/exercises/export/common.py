"""What every export shares: the book's title, the chapters in reading order, the weights of the
options, the labels of a put-in-order question's places, and the notes for graders of an open question."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from ...toc import notebook_chapters
from ..bank import Question

BOOK = "Women and children who fled North Korea, in China"


def plain(text: str) -> str:
    """The text on one line: runs of spaces and newlines folded into one space (as every LMS shows it)."""
    return " ".join(str(text).split())


def by_chapter(bank: dict[str, Question]) -> list[tuple[str, str, list[Question]]]:
    """(chapter, its title, its questions) in the book's reading order; a chapter the table of
    contents does not list (which the bank refuses) would come last, under its file name."""
    grouped: dict[str, list[Question]] = defaultdict(list)
    for q in bank.values():
        grouped[q.chapter].append(q)
    titles = dict(notebook_chapters())
    order = [c for c in titles if c in grouped] + sorted(c for c in grouped if c not in titles)
    return [(c, titles.get(c, c), grouped[c]) for c in order]


def chapter_label(number: int, title: str) -> str:
    """A chapter's name in an LMS: its place in the book, then its title ("03 Watched"), so that a
    list sorted by name keeps the book's order."""
    return f"{number:02d} {plain(title)}"


def weight(value: float) -> str:
    """A percentage as Moodle writes one: at most five decimals, no trailing zeros (33.33333, 50, -25)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def option_weights(q: Question) -> list[float]:
    """The percentage of the mark each shown option gives, in :attr:`Question.shown_options` order.

    Single choice: 100 for the right option, 0 for the others. Multiple choice: the right options
    share +100 and the wrong ones share -100, so that ticking everything earns nothing (the LMS
    keeps a question's mark between 0 and 100)."""
    if q.type == "single":
        return [100.0 if o.correct else 0.0 for o in q.shown_options]
    right = sum(o.correct for o in q.options)
    wrong = len(q.options) - right
    return [100 / right if o.correct else -100 / max(wrong, 1) for o in q.shown_options]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def places(n: int) -> list[str]:
    """The places of a put-in-order question of ``n`` items, as the answers of a matching question:
    "1st", "2nd", ... Each label says its place by itself, so it keeps its meaning in any order the
    LMS lists it in (Moodle shuffles a matching question's answers in every attempt)."""
    return [ordinal(i) for i in range(1, n + 1)]


def rubric(q: Question) -> list[tuple[str, str]]:
    """Three levels for an open question, against the points a good answer covers."""
    n = len(q.points)
    return [
        ("Full", f"covers all {n} points, each resting on the sources" if n > 1 else "covers the point, from a source"),
        ("Partial", "covers some of the points, or all of them without resting on the sources"),
        ("Not yet", "covers none of the points, or states as fact what the sources do not say"),
    ]


def grader_notes_html(q: Question) -> str:
    """An open question's model answer, the points a good answer covers and its rubric, as HTML: the
    answer key shows it, and Moodle XML carries it as information for graders, which students never see."""
    points = "".join(f"<li>{escape(p)}</li>" for p in q.points)
    levels = "".join(f"<li><strong>{name}:</strong> {escape(what)}</li>" for name, what in rubric(q))
    return (
        f"<p><strong>Model answer:</strong> {escape(q.model_answer)}</p><p>Points to cover:</p><ol>{points}</ol>"
        f"<p>Rubric:</p><ul class='rubric'>{levels}</ul>"
    )


def grader_notes_text(q: Question) -> str:
    """The same notes on three plain lines (for a comment in GIFT or QTI, which have no field for graders)."""
    points = "; ".join(f"({i}) {plain(p)}" for i, p in enumerate(q.points, start=1))
    levels = "; ".join(f"{name}: {what}" for name, what in rubric(q))
    return f"For graders only. Model answer: {plain(q.model_answer)}\nPoints: {points}\nRubric: {levels}"
