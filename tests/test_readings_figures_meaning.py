"""Reading a printed figure keeps exactly the precision it was printed with."""

from __future__ import annotations

import pytest

from nkbook.readings import figures_meaning
from nkbook.readings.figures_meaning import Estimate, parse_estimate, split_compilation
from nkbook.sources import context_figures


@pytest.mark.parametrize(
    ("printed", "kind", "numbers"),
    [
        ("more than 500", "more than", [500]),
        ("over 100,000", "more than", [100000]),
        ("as many as 600", "up to", [600]),
        ("up to 200,000", "up to", [200000]),
        ("some 500", "about", [500]),
        ("~30,000", "about", [30000]),
        ("600", "single", [600]),
        ("10,000-20,000", "range", [10000, 20000]),
        ("hundreds", "words", []),
    ],
)
def test_each_way_of_printing_a_figure_keeps_its_kind(printed, kind, numbers):
    estimate = parse_estimate(printed)
    assert (estimate.kind, estimate.numbers) == (kind, numbers)
    assert estimate.printed == printed


def test_a_reversed_range_is_not_read_as_a_range():
    assert parse_estimate("20,000-10,000").kind != "range"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("more than 500", ("lower bound", 500)),
        ("some 500", ("approximate", 500)),
        ("as many as 600", ("upper bound", 600)),
        ("600", ("single figure", 600)),
        ("hundreds", ("no number", None)),
        ("as many as 2,000", ("upper bound", 2000)),
    ],
)
def test_precision_is_read_from_the_words_printed(value, expected):
    assert figures_meaning.precision(value) == expected


@pytest.mark.parametrize("value", ["500-600", "roughly 500"])
def test_a_figure_whose_precision_is_unclear_is_refused(value):
    with pytest.raises(ValueError):
        figures_meaning.precision(value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10,000-300,000", Estimate("10,000-300,000", "range", low=10000, high=300000)),
        ("50,000", Estimate("50,000", "single", point=50000)),
        ("up to 200,000", Estimate("up to 200,000", "up to", high=200000)),
        ("over 100,000", Estimate("over 100,000", "more than", low=100000)),
        ("more than 10,000", Estimate("more than 10,000", "more than", low=10000)),
        ("<10,000", Estimate("<10,000", "up to", high=10000)),
        ("~30,000", Estimate("~30,000", "about", point=30000)),
        (
            "tens of thousands-300,000",
            Estimate("tens of thousands-300,000", "words to number", high=300000, low_words="tens of thousands"),
        ),
        (
            "a few thousand to several tens of thousands",
            Estimate("a few thousand to several tens of thousands", "words"),
        ),
    ],
)
def test_parse_estimate_keeps_each_figure_as_hedged_as_printed(text, expected):
    assert parse_estimate(text) == expected


def test_words_are_never_turned_into_numbers():
    for text in ("a few thousand to several tens of thousands", "hundreds", "tens of thousands", "20,000-10,000"):
        assert parse_estimate(text).numbers == []


def test_the_ministry_compilation_is_split_into_its_three_estimates():
    value = context_figures()["est_nk_china_mou2002"]["value"]
    parts = split_compilation(value)
    assert [who for _, who in parts] == ["China", "UNHCR", "NGOs"]
    assert [parse_estimate(v).kind for v, _ in parts] == ["up to", "about", "words to number"]
