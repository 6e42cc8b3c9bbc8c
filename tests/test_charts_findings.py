"""Each chart states its finding once (:class:`nkbook.charts.base.Finding`), and every number in the text a
reader meets (title, subtitle, description, words, table) is read from ``data/``."""

from __future__ import annotations

import re
from functools import cache

import pytest
from test_charts import every_chart_of_the_book
from vegaspec import spec_of

from nkbook.paths import data_dir, seeds_dir
from nkbook.provenance import NUMBER_WORDS, fold

# Number words from "two" up: "one" is as often a pronoun ("no one", "one woman") as a count.
_WORDS = {word: n for n, word in NUMBER_WORDS.items() if n >= 2}
_DIGITS = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> set[float]:
    """Every number ``text`` writes, in figures ("1,043", "27.5") or in words from "two" up."""
    found = {float(m.group(0).rstrip(",").replace(",", "")) for m in _DIGITS.finditer(text)}
    found |= {float(n) for word, n in _WORDS.items() if re.search(rf"\b{word}\b", text, re.IGNORECASE)}
    return found


@cache
def numbers_of_the_data() -> frozenset[float]:
    """Every number written in ``data/`` (its tables) and in ``seeds/sources.yml``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(data_dir().glob("*.csv"))]
    texts.append((seeds_dir() / "sources.yml").read_text(encoding="utf-8"))
    return frozenset(n for text in texts for n in numbers_in(text))


@cache
def figures():
    return every_chart_of_the_book()


@pytest.mark.parametrize("index", range(len(every_chart_of_the_book())))
def test_each_chart_states_its_finding_once(index):
    figure = figures()[index]
    finding = figure.finding
    assert finding is not None, f"{figure.description[:60]}: no Finding"
    spec = spec_of(figure)
    title = spec["title"]
    assert title["text"] == finding.title and title.get("subtitle", []) == finding.subtitle
    assert spec["description"] == finding.description
    assert figure.text == finding.markdown
    assert figure.text.startswith("**In words:** ")


@pytest.mark.parametrize("index", range(len(every_chart_of_the_book())))
def test_every_number_in_a_charts_text_is_read_from_the_data(index):
    finding = figures()[index].finding
    assert finding is not None
    allowed = numbers_of_the_data() | {float(v) for v in finding.derived.values()}
    for text in finding.texts():
        stray = numbers_in(text) - allowed
        assert not stray, f"{finding.title[0]!r}: {sorted(stray)} stand in no table of data/ and are not derived"


def _tooltip_fields(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        tips = (node.get("encoding") or {}).get("tooltip") or []
        for tip in tips if isinstance(tips, list) else [tips]:
            if isinstance(tip, dict) and tip.get("field"):
                found.add(tip["field"])
        for value in node.values():
            _tooltip_fields(value, found)
    elif isinstance(node, list):
        for value in node:
            _tooltip_fields(value, found)
    return found


QUOTED = ("quote",)  # the tooltip fields that carry a source's words


@pytest.mark.parametrize("index", range(len(every_chart_of_the_book())))
def test_every_quote_a_tooltip_shows_is_also_in_the_words_under_the_chart(index):
    """Issue 12, item 5: a phone has no pointer and a keyboard cannot point, so a source's words that a
    mark shows when pointed at stand under the chart too (in its words, table or notes)."""
    figure = figures()[index]
    spec = spec_of(figure)
    fields = _tooltip_fields(spec, set()) & set(QUOTED)
    under = fold(" ".join(figure.finding.texts()))
    rows = [row for data in (spec.get("datasets") or {}).values() for row in data]
    quotes = {fold(str(row[f])) for row in rows for f in fields if str(row.get(f) or "").strip()}
    missing = sorted(q[:60] for q in quotes if q not in under)
    assert missing == [], f"{figure.finding.drawn[:50]}: a tooltip's quote is not under the chart"
