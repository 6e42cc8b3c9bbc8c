"""Reading a figure as its source prints it ("more than 500", "10,000-20,000", "hundreds"), without
adding precision: a floor stays a floor, a ceiling a ceiling, words stay words."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)"


@dataclass(frozen=True)
class Estimate:
    """One printed figure, read without adding precision.

    ``kind`` is one of ``range`` (low and high given), ``more than`` (only a floor), ``up to`` (only a
    ceiling), ``about`` (one hedged figure), ``single`` (one figure), ``words to number`` (the low end
    in words, the high end a number) or ``words`` (no number at all).
    """

    printed: str
    kind: str
    low: int | None = None
    high: int | None = None
    point: int | None = None
    low_words: str = ""

    @property
    def numbers(self) -> list[int]:
        return [n for n in (self.low, self.point, self.high) if n is not None]


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def parse_estimate(text: str) -> Estimate:
    """Read one printed figure: ``"10,000-20,000"``, ``"more than 10,000"``, ``"over 100,000"``,
    ``"up to 200,000"``, ``"as many as 600"``, ``"<10,000"``, ``"~30,000"``, ``"some 500"``, ``"50,000"``,
    ``"tens of thousands-300,000"``.
    Anything else (``"a few thousand to several tens of thousands"``) is kept as words, with no number."""
    t = " ".join(str(text).split())
    if m := re.fullmatch(rf"{_NUM}\s*[-\u2013]\s*{_NUM}", t):
        low, high = _int(m[1]), _int(m[2])
        if low < high:
            return Estimate(t, "range", low=low, high=high)
    if m := re.fullmatch(rf"(?:more than|over)\s+{_NUM}", t, re.I):
        return Estimate(t, "more than", low=_int(m[1]))
    if m := re.fullmatch(rf"(?:up to\s+|as many as\s+|<\s*){_NUM}", t, re.I):
        return Estimate(t, "up to", high=_int(m[1]))
    if m := re.fullmatch(rf"(?:~\s*|(?:some|about|around|approximately)\s+){_NUM}", t, re.I):
        return Estimate(t, "about", point=_int(m[1]))
    if m := re.fullmatch(_NUM, t):
        return Estimate(t, "single", point=_int(m[1]))
    if (m := re.fullmatch(rf"([^\d]+?)\s*[-\u2013]\s*{_NUM}", t)) and not re.search(r"\d", m[1]):
        return Estimate(t, "words to number", high=_int(m[2]), low_words=m[1].strip())
    return Estimate(t, "words")


# How each kind of printed figure is named on this chapter's chart.
_PRECISION = {
    "more than": "lower bound",
    "about": "approximate",
    "up to": "upper bound",
    "single": "single figure",
    "words": "no number",
}


def precision(value: str) -> tuple[str, int | None]:
    """The kind of a figure as printed and its number: ``"more than 500" -> ("lower bound", 500)``."""
    estimate = parse_estimate(value)
    if estimate.kind == "range":
        raise ValueError(f"a figure with more than one number is a range, not drawn here: {value!r}")
    if estimate.kind not in _PRECISION or (estimate.kind == "words" and re.search(r"\d", value)):
        raise ValueError(f"cannot tell how precise this figure is: {value!r}")
    return _PRECISION[estimate.kind], (estimate.numbers[0] if estimate.numbers else None)


def split_compilation(value: str) -> list[tuple[str, str]]:
    """``"<10,000 (China) / ~30,000 (UNHCR) / ..."`` -> ``[("<10,000", "China"), ("~30,000", "UNHCR"), ...]``."""
    parts = []
    for part in str(value).split(" / "):
        m = re.fullmatch(r"\s*(.+?)\s*\(([^)]+)\)\s*", part)
        if not m:
            raise ValueError(f"cannot split the compiled estimate {part!r} into a figure and who made it")
        parts.append((m[1], m[2]))
    return parts


def printed_words(est: Estimate) -> str:
    """The figure in plain words, as hedged as printed: ``"<10,000"`` -> ``"at most 10,000"``."""
    t = est.printed
    if t.startswith("<"):
        return f"at most {est.high:,}"
    if t.startswith("~"):
        return f"about {est.point:,}"
    if est.kind == "range":
        return f"{est.low:,} to {est.high:,}"
    if est.kind == "words to number":
        return f"{est.low_words} to {est.high:,}"
    return t
