"""Check an answer and word the feedback. Nothing here raises on a reader's input.

The browser (``static/nkbook-exercises.js``) mirrors this module line for line, so that the live
widget and the static book say the same thing; ``tests/test_exercise_checking.py`` runs both on the
same answers and compares them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from .bank import Question

MAX_NUMBER_CHARS = 40
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_PLAIN = re.compile(r"[+-]?([0-9]+([.,][0-9]+)?|[.,][0-9]+)")
# Only ASCII whitespace and ASCII case are folded, so that the browser's checker agrees exactly.
_SPACE = " \t\n\r\f\v"
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _strip(text: str) -> str:
    return text.strip(_SPACE)


def _lower(text: str) -> str:
    return text.translate(_LOWER)


@dataclass(frozen=True)
class Feedback:
    """``status`` is correct, partial, incorrect, revealed (short text) or invalid (nothing was judged)."""

    status: str
    message: str
    explanation: str = ""

    @property
    def judged(self) -> bool:
        return self.status != "invalid"


def parse_number(text: Any, unit: str = "") -> tuple[float | None, str]:
    """Read a number typed by a reader: ``27.5``, ``27.5 %``, ``27,5``, ``10,000``. Returns (value, problem)."""
    if isinstance(text, bool):
        return None, "Type a number, for example 27.5."
    if isinstance(text, (int, float)):
        value = float(text)
        return (value, "") if math.isfinite(value) else (None, "Type an ordinary number, for example 27.5.")
    if not isinstance(text, str):
        return None, "Type a number, for example 27.5."
    raw = _strip(text)
    if raw == "":
        return None, "Type a number first, for example 27.5."
    if len(raw) > MAX_NUMBER_CHARS:
        return None, "That is too long to be a number: type just the number, for example 27.5."
    cleaned = raw
    suffixes = sorted({_strip(unit), "%", "percent", "per cent"} - {""}, key=lambda s: (-len(s), s))
    for suffix in suffixes:
        if _lower(cleaned).endswith(_lower(suffix)):
            cleaned = _strip(cleaned[: len(cleaned) - len(suffix)])
            break
    cleaned = cleaned.replace(" ", "")
    if _THOUSANDS.fullmatch(cleaned):
        return float(cleaned.replace(",", "")), ""
    if _PLAIN.fullmatch(cleaned):
        return float(cleaned.replace(",", ".")), ""
    return None, f"\u201c{raw[:20]}\u201d is not a number we can read: type digits, for example 27.5 (a comma for the decimal point is fine)."


def _as_index(answer: Any, question: Question) -> int | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int) and 0 <= answer < len(question.options):
        return answer
    if isinstance(answer, str):
        for i, option in enumerate(question.options):
            if option.text == answer:
                return i
    return None


def check(question: Question, answer: Any) -> Feedback:
    """Judge ``answer`` to ``question``. Bad input gets an ``invalid`` feedback with a kind message."""
    kind = question.type
    if kind == "single":
        index = _as_index(answer, question)
        if index is None:
            return Feedback("invalid", "Choose one of the options first.")
        option = question.options[index]
        if option.correct:
            return Feedback("correct", f"Correct. {option.feedback}", question.explanation)
        return Feedback("incorrect", f"Not quite. {option.feedback}")

    if kind == "multiple":
        if not isinstance(answer, (list, tuple, set)):
            return Feedback("invalid", "Tick at least one option first.")
        chosen = set()
        for item in answer:
            index = _as_index(item, question)
            if index is None:
                return Feedback("invalid", "Tick the options shown, then check.")
            chosen.add(index)
        if not chosen:
            return Feedback("invalid", "Tick at least one option first.")
        correct = set(question.correct_options)
        if chosen == correct:
            return Feedback("correct", "Correct: you ticked every right option and no other.", question.explanation)
        notes = [question.options[i].feedback for i in sorted(chosen - correct)]
        missed = len(correct - chosen)
        right = len(chosen & correct)
        status = "partial" if right else "incorrect"
        head = f"{right} of your ticks {'is' if right == 1 else 'are'} right"
        if missed:
            head += f"; {missed} right option{'s are' if missed != 1 else ' is'} not ticked yet"
        return Feedback(status, " ".join([head + "."] + notes))

    if kind == "numeric":
        value, problem = parse_number(answer, question.unit)
        if value is None:
            return Feedback("invalid", problem)
        if abs(value - question.answer) <= question.tolerance + 1e-9:
            return Feedback("correct", f"Correct. {question.feedback_correct}", question.explanation)
        direction = "too high" if value > question.answer else "too low"
        return Feedback("incorrect", f"Not quite: your answer is {direction}. {question.feedback_incorrect}")

    if kind == "text":
        if not isinstance(answer, str) or not _strip(answer):
            return Feedback("invalid", "Write your answer first; then compare it with the model answer.")
        points = " ".join(f"({i}) {p}" for i, p in enumerate(question.points, start=1))
        return Feedback("revealed",
                        f"Compare your answer with the model answer: {question.model_answer} "
                        f"A good answer covers: {points}", question.explanation)

    # ordering
    if not isinstance(answer, (list, tuple)) or sorted(map(str, answer)) != sorted(question.items):
        return Feedback("invalid", "Put every item in a place of the order, each once, then check.")
    in_place = sum(1 for a, b in zip(answer, question.items) if str(a) == b)
    if in_place == len(question.items):
        return Feedback("correct", f"Correct. {question.feedback_correct}", question.explanation)
    return Feedback("incorrect",
                    f"{in_place} of {len(question.items)} are in the right place. {question.feedback_incorrect}")

