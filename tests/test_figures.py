"""Reading a printed figure keeps exactly the precision it was printed with."""

from __future__ import annotations

import pytest

from nkbook.figures import parse_estimate


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
