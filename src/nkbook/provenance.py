"""The text rules of provenance: whether a quote stands in a text, and whether a number stands in a quote.

These are rules about text only; :mod:`nkbook.sources` looks a source's text up, and
:mod:`nkbook.data` applies them to every row of ``data/``.  A quote is compared with its source
after folding whitespace (any run of spaces, tabs and newlines becomes one space); nothing else is
forgiven, so curly apostrophes and quotation marks must match.
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")

NUMBER_WORDS = {
    0: "zero",
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    60: "sixty",
    70: "seventy",
    80: "eighty",
    90: "ninety",
    100: "hundred",
}


def fold(text: str) -> str:
    """Fold every run of whitespace into one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def quote_in_text(quote: str, text: str) -> bool:
    """True when ``quote`` (whitespace folded, non-empty) stands in ``text`` (whitespace folded)."""
    q = fold(quote)
    return bool(q) and q in fold(text)


def number_forms(value: float) -> list[str]:
    """The ways a number may be written in an English news text: ``10000``, ``10,000``, ``ten``."""
    if float(value).is_integer():
        n = int(value)
        forms = [str(n), f"{n:,}"]
        if n in NUMBER_WORDS:
            forms.append(NUMBER_WORDS[n])
        # Korean press style, used by several context quotes: 1천990 (1,990), 3만 4314 (34,314).
        if n >= 10000:
            man, rest = divmod(n, 10000)
            forms += [f"{man}만 {rest}", f"{man}만{rest}"] if rest else [f"{man}만"]
        elif n >= 1000:
            chon, rest = divmod(n, 1000)
            forms += [f"{chon}천{rest}"] if rest else [f"{chon}천"]
        return list(dict.fromkeys(forms))
    text = repr(float(value))
    return [text, text.replace(".", ",")]


def number_position(value: float, text: str) -> int | None:
    """Where ``value`` is first written in ``text`` (as in :func:`number_in_text`), or ``None``."""
    found = []
    for form in number_forms(value):
        if form.isalpha():
            match = re.search(rf"\b{form}\b", text, re.IGNORECASE)
        else:
            match = re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text)
        if match:
            found.append(match.start())
    return min(found) if found else None


_ANY_NUMBER = re.compile(
    r"(?<![\w.,])\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(w for w in NUMBER_WORDS.values()) + r")\b", re.IGNORECASE
)


def numbers_written(text: str) -> int:
    """How many numbers ``text`` writes, in figures or in words."""
    return len(_ANY_NUMBER.findall(text))


def number_in_text(value: float, text: str) -> bool:
    """True when ``value`` is written in ``text`` as a whole number or word (not inside another number)."""
    return number_position(value, text) is not None
