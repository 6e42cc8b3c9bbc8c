"""Each chart states its finding once (:class:`nkbook.charts.base.Finding`), and every number in the text a
reader meets (title, subtitle, description, words, table) is read from ``data/``."""

from __future__ import annotations

import re
from functools import cache

import pytest
from test_charts import every_chart_of_the_book
from vegaspec import spec_of

from nkbook.paths import data_dir, seeds_dir
from nkbook.provenance import NUMBER_WORDS

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
