"""Which figure stands for a year: the latest revision; shares only where a split is published."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nkbook.readings import revisions


def value_of(context_table, figure_id):
    return int(context_table.set_index("figure_id").at[figure_id, "value"].replace(",", ""))


def row(figure_id, value, description, quote="", year=None):
    year = year or re.search(r"\d{4}", figure_id).group(0)
    return {
        "figure_id": figure_id,
        "value": str(value),
        "unit": "persons",
        "year": year,
        "description": description,
        "source_title": "t",
        "source_address": "a",
        "quote": quote,
    }


def test_the_rule_ranks_a_revision_over_a_report_over_the_january_2012_table():
    assert (
        revisions.revision_rank("arr_2007_rev")
        > revisions.revision_rank("arr_2007")
        > revisions.revision_rank("arr_2007_mou2012")
    )
    with pytest.raises(ValueError):
        revisions.revision_rank("agg_1999_2001")
    frame = pd.DataFrame(
        [
            row("arr_2030_mou2012", 100, "x"),
            row("arr_2030_rev", 104, "x"),
            row("arr_2031_mou2012", 200, "x"),
            row("arr_2031", 190, "x"),
        ]
    )
    picked = revisions.latest_per_year(frame).set_index("year")
    assert picked.at[2030, "figure_id"] == "arr_2030_rev" and picked.at[2030, "arrivals"] == 104
    assert bool(picked.at[2030, "revised"]) and picked.at[2030, "replaced"] == "100 (arr_2030_mou2012)"
    assert picked.at[2031, "figure_id"] == "arr_2031" and picked.at[2031, "arrivals"] == 190


def test_two_figures_of_the_same_rank_for_one_year_are_refused():
    frame = pd.DataFrame([row("arr_2030_rev", 104, "x"), row("arr_2030_rev", 105, "x")])
    with pytest.raises(ValueError, match="2030"):
        revisions.latest_per_year(frame)


def test_every_year_from_1998_to_2025_once_with_its_latest_figure(context_table, yearly_arrivals):
    assert yearly_arrivals["year"].tolist() == list(range(1998, 2026))
    yearly = revisions.yearly_rows(context_table)
    for r in yearly_arrivals.itertuples():
        candidates = yearly[yearly["year_n"] == r.year]
        best = candidates.loc[candidates["rank"].idxmax()]
        assert r.figure_id == best["figure_id"] and r.arrivals == best["value_n"]
        if (candidates["figure_id"].str.endswith("_rev")).any():
            assert r.revised and r.figure_id.endswith("_rev")
    picked = yearly_arrivals.set_index("year")
    assert picked.at[2007, "arrivals"] == value_of(context_table, "arr_2007_rev") == 2553
    assert (
        picked.at[2009, "arrivals"]
        == value_of(context_table, "arr_2009_rev")
        != value_of(context_table, "arr_2009_mou2012")
    )
    assert picked.at[2002, "figure_id"] == "arr_2002_mou2012"  # no later figure in our table


def test_the_split_is_read_from_the_description_and_checked_against_quote_and_total(context_table):
    rows = context_table.set_index("figure_id")
    r2024 = rows.loc["arr_2024"].copy()
    r2024["figure_id"] = "arr_2024"
    assert revisions.split_of(r2024) == (210, 26)  # not the 216 some outlets print
    wrong_sum = pd.Series(row("arr_2030", 100, "Annual arrivals: 40 men, 50 women", "40 men and 50 women"))
    with pytest.raises(ValueError, match="not the figure"):
        revisions.split_of(wrong_sum)
    not_quoted = pd.Series(row("arr_2030", 90, "Annual arrivals: 40 men, 50 women", "40 men, 51 women"))
    with pytest.raises(ValueError, match="quote"):
        revisions.split_of(not_quoted)
    assert revisions.split_of(pd.Series(row("arr_2030", 90, "Annual arrivals (MOU)"))) is None


def test_shares_only_where_a_split_is_published_and_never_guessed(yearly_arrivals):
    no_split = yearly_arrivals[yearly_arrivals["women"].isna()]
    assert no_split["year"].tolist() == [1998, 1999, 2000, 2012, 2013, 2014, 2015, 2016, 2017]
    assert no_split["share_women"].isna().all() and (no_split["share_label"] == "").all()
    with_split = yearly_arrivals.dropna(subset=["women"])
    for r in with_split.itertuples():
        assert r.women + r.men == r.split_total
        assert r.share_women == round(100 * r.women / r.split_total, 1)
    picked = yearly_arrivals.set_index("year")
    assert picked.at[2019, "share_women"] == 80.7 and picked.at[2021, "share_label"] == "37%"
    # Revised years keep the January 2012 split, named as such: its total is not the revised figure.
    assert picked.at[2007, "split_figure_id"] == "arr_2007_mou2012" and picked.at[2007, "split_total"] == 2544
    assert picked.at[2007, "arrivals"] == 2553


def test_shares_are_no_more_precise_than_the_ministrys_printed_ratio(context_table, yearly_arrivals):
    printed = {}
    for r in context_table.itertuples():
        found = re.search(r"\((\d+)% female\)", r.description)
        if found and r.figure_id.endswith("_mou2012"):
            printed[r.figure_id] = f"{found.group(1)}%"
    assert len(printed) == 10
    by_split = yearly_arrivals.set_index("split_figure_id")
    for figure_id, share in printed.items():
        assert by_split.at[figure_id, "share_label"] == share
    assert all(re.fullmatch(r"\d+%", s) for s in yearly_arrivals["share_label"] if s)


def test_the_period_totals_are_read_with_their_periods_as_printed(context_table):
    totals = revisions.period_totals(context_table)
    assert totals == {
        "cum_to_1998": (value_of(context_table, "cum_to_1998"), "up to 1998"),
        "agg_1999_2001": (value_of(context_table, "agg_1999_2001"), "1999-2001"),
    }
    years = set(revisions.latest_per_year(context_table)["year"])
    assert not {fid for fid in totals if fid in {f"arr_{y}" for y in years}}, "a period total is never a year"
