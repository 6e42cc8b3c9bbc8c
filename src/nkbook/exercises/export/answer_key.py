"""The instructor's answer key: one HTML page, every question by chapter in the book's order, with its
answer, feedback, explanation, source and (for an open question) model answer, points and rubric."""

from __future__ import annotations

from html import escape

from ...sources import sources
from ..bank import Question, load_bank
from ..static import LEVEL_NAMES
from .common import BOOK, by_chapter, grader_notes_html


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
        return grader_notes_html(q)
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
        f"<title>Answer key: {escape(BOOK)}</title>",
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
