"""Exports of the question bank for instructors: an HTML answer key and Moodle GIFT.

    python -m nkbook.exercises.export answer-key _build/instructor
    python -m nkbook.exercises.export gift _build/lms

or, after ``pip install .`` in the book's folder (the package's light dependencies only: no
Jupyter, no browser, no Node), ``nkbook-teach answer-key OUT`` and ``nkbook-teach gift OUT`` run in
that folder.

Both list a question's options in the order the book shows them (``Question.shown_options``, a
shuffle seeded by the id), so that an instructor's key matches what students see.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from html import escape
from pathlib import Path

from .. import paths
from ..sources import sources
from ..toc import notebook_chapters
from .bank import Question, load_bank
from .static import LEVEL_NAMES


def places(n: int) -> list[str]:
    """Labels of the places of a put-in-order question that keep their meaning when Moodle shuffles
    them: "Place 1 of 4 (first)" ... "Place 4 of 4 (last)"."""
    return [f"Place {i} of {n}" + (" (first)" if i == 1 else " (last)" if i == n else "") for i in range(1, n + 1)]


GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (``\\ ~ = # { } :``) and fold newlines into spaces."""
    out = "".join("\\" + c if c in GIFT_SPECIAL else c for c in str(text))
    return " ".join(out.split())


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def gift_question(q: Question) -> str:
    title = f"::{gift_escape(q.id)}::"
    stem = gift_escape(q.prompt)
    general = f" ####{gift_escape(q.explanation)}" if q.explanation else ""
    if q.type == "single":
        answers = " ".join(
            f"{'=' if o.correct else '~'}{gift_escape(o.text)}#{gift_escape(o.feedback)}" for o in q.shown_options
        )
    elif q.type == "multiple":
        right = sum(o.correct for o in q.shown_options)
        wrong = len(q.options) - right
        answers = " ".join(
            f"~%{_weight(100 / right) if o.correct else '-' + _weight(100 / max(wrong, 1))}%"
            f"{gift_escape(o.text)}#{gift_escape(o.feedback)}"
            for o in q.shown_options
        )
    elif q.type == "numeric":
        unit = f" ({gift_escape(q.unit)})" if q.unit else ""
        stem += unit
        # Any other number matches the 0% range after the answer, and gets the wrong-answer feedback.
        answers = (
            f"#={_weight(q.answer)}:{_weight(q.tolerance)}#{gift_escape(q.feedback_correct)} "
            f"=%0%-1000000000..1000000000#{gift_escape(q.feedback_incorrect)}"
        )
    elif q.type == "text":
        general = ""  # the model answer is for graders only (a comment above the question)
        answers = ""
    else:  # ordering, as a GIFT matching question: place -> item; the labels say the place even shuffled
        answers = " ".join(f"={place} -> {gift_escape(item)}" for place, item in zip(places(len(q.items)), q.items))
    return f"{title}{stem}{{{answers}{general}}}"


BOOK = "Women and children who fled North Korea, in China"


def by_chapter(bank: dict[str, Question]) -> list[tuple[str, str, list[Question]]]:
    """(chapter, its title, its questions) in the book's reading order; a chapter the table of
    contents does not list (which the bank refuses) would come last, under its file name."""
    grouped: dict[str, list[Question]] = defaultdict(list)
    for q in bank.values():
        grouped[q.chapter].append(q)
    titles = dict(notebook_chapters())
    order = [c for c in titles if c in grouped] + sorted(c for c in grouped if c not in titles)
    return [(c, titles.get(c, c), grouped[c]) for c in order]


def rubric(q: Question) -> list[tuple[str, str]]:
    """Three levels for an open question, against the points a good answer covers."""
    n = len(q.points)
    return [
        ("Full", f"covers all {n} points, each resting on the sources" if n > 1 else "covers the point, from a source"),
        ("Partial", "covers some of the points, or all of them without resting on the sources"),
        ("Not yet", "covers none of the points, or states as fact what the sources do not say"),
    ]


def to_gift(bank: dict[str, Question] | None = None) -> str:
    """The whole bank in Moodle GIFT, one category per chapter, in the book's order.

    What GIFT cannot carry, it leaves out rather than show students: an open question's model answer,
    points and rubric go in a comment above it (Moodle's import skips comments; Moodle XML carries
    them as information for graders)."""
    bank = load_bank() if bank is None else bank
    blocks = [
        f"// Question bank of the book '{BOOK}'.",
        "// Generated from exercises/*.yml by 'make lms'; do not edit by hand.",
    ]
    for number, (_chapter, title, questions) in enumerate(by_chapter(bank), start=1):
        blocks.append(f"$CATEGORY: $course$/{gift_escape(BOOK)}/{number:02d} {gift_escape(title)}")
        for q in questions:
            blocks.append(f"// {q.id}: {q.type}, level {q.level}; source {q.source}")
            if q.type == "text":
                points = "; ".join(f"({i}) {' '.join(p.split())}" for i, p in enumerate(q.points, start=1))
                levels = "; ".join(f"{name}: {what}" for name, what in rubric(q))
                blocks[-1] += (
                    f"\n// For graders only. Model answer: {' '.join(q.model_answer.split())}"
                    f"\n// Points: {points}\n// Rubric: {levels}"
                )
            blocks.append(gift_question(q))
    return "\n\n".join(blocks) + "\n"


def _answer_html(q: Question) -> str:
    if q.type in ("single", "multiple"):
        rows = "".join(
            f"<li>{'<strong>✔ correct</strong>' if o.correct else '✖ wrong'}: {escape(o.text)}"
            f" <em>Feedback:</em> {escape(o.feedback)}</li>"
            for o in q.shown_options
        )
        return f"<ul>{rows}</ul>"
    if q.type == "numeric":
        unit = f" {escape(q.unit)}" if q.unit else ""
        value = f"{q.answer:.{q.decimals}f}" if q.decimals is not None else f"{q.answer:g}"
        places = f", to {q.decimals} decimal place{'' if q.decimals == 1 else 's'}" if q.decimals is not None else ""
        return (
            f"<p><strong>Answer:</strong> {value}{unit} (accepted within ±{q.tolerance:g}{places}). "
            f"<em>If wrong:</em> {escape(q.feedback_incorrect)}</p>"
        )
    if q.type == "text":
        points = "".join(f"<li>{escape(p)}</li>" for p in q.points)
        levels = "".join(f"<li><strong>{name}:</strong> {escape(what)}</li>" for name, what in rubric(q))
        return (
            f"<p><strong>Model answer:</strong> {escape(q.model_answer)}</p><p>Points to cover:</p><ol>{points}</ol>"
            f"<p>Rubric:</p><ul class='rubric'>{levels}</ul>"
        )
    items = "".join(f"<li>{escape(i)}</li>" for i in q.items)
    return f"<p><strong>Correct order:</strong></p><ol>{items}</ol>"


def answer_key_html(bank: dict[str, Question] | None = None) -> str:
    """The instructor answer key: every question by chapter, with answers, explanations and sources."""
    bank = load_bank() if bank is None else bank
    known = sources()
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<meta name='robots' content='noindex'>",
        "<title>Answer key: Women and children who fled North Korea, in China</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5;color:#1a1a1a}section{border-top:2px solid #444;margin-top:2rem}"
        "article{margin:1.5rem 0}blockquote{border-left:4px solid #777;margin:0.5rem 0;padding-left:1rem}"
        ".meta{color:#444;font-size:0.9rem}</style></head><body>",
        "<h1>Answer key for instructors</h1>",
        "<p>Not linked from the student book. Generated from <code>exercises/*.yml</code> by "
        "<code>make answer-key</code>.</p>",
    ]
    for chapter, title, questions in by_chapter(bank):
        parts.append(f"<section id='{escape(chapter, quote=True)}'><h2>{escape(title)}</h2>")
        for q in questions:
            source = known[q.source].citation() if q.source in known else q.source
            parts.append(
                f"<article id='{escape(q.id, quote=True)}'><h3>{escape(q.id)}: {escape(q.prompt)}</h3>"
                f"<p class='meta'>Type: {q.type}. Level: {LEVEL_NAMES[q.level]}.</p>"
                f"{_answer_html(q)}<p><strong>Explanation:</strong> {escape(q.explanation)}</p>"
                f"<p><strong>Source:</strong> {escape(source)}</p><blockquote>{escape(q.quote)}</blockquote></article>"
            )
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_lms(folder: Path) -> list[Path]:
    """Write every LMS file of the question bank into ``folder``; return their paths (today the Moodle
    GIFT file; the instructor pack, :mod:`nkbook.pack`, offers whatever this writes)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "questions.gift.txt"
    target.write_text(to_gift(), encoding="utf-8")
    return [target]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] not in ("answer-key", "gift"):
        print("usage: nkbook-teach {answer-key|gift} OUTPUT_DIR   (in the book's folder)", file=sys.stderr)
        return 2
    # An installed package reads the book it is run in.
    book = Path.cwd() if (Path.cwd() / "exercises").is_dir() else paths.root()
    with paths.root_at(book):
        if not paths.exercises_dir().is_dir():
            print(f"nkbook-teach: no exercises/ folder in {paths.root()}: run it in the book's folder", file=sys.stderr)
            return 2
        return _export(argv[0], Path(argv[1]))


def _export(kind: str, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    if kind == "answer-key":
        target = out / "answer-key.html"
        target.write_text(answer_key_html(), encoding="utf-8")
    else:
        target = out / "questions.gift.txt"
        target.write_text(to_gift(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
