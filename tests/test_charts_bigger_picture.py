"""The arrivals chapter's charts: latest revision per year, shares only where published, no period totals as years."""

from __future__ import annotations

import json
import re
from html import escape

import pandas as pd
import pytest
from test_readings_revisions import row, value_of
from vegaspec import all_params, only_dataset

from nkbook.charts import OKABE_ITO, bigger_picture
from nkbook.readings import dates, revisions
from nkbook.sources import citations_markdown, context_figures


@pytest.fixture(scope="module")
def figure():
    return bigger_picture.yearly()


@pytest.fixture(scope="module")
def spec(figure):
    return figure.chart.to_dict()


# The rule: the latest revision of each year ------------------------------------------------------------------


def test_the_period_totals_are_never_drawn_as_years(context_table, yearly_arrivals, figure, spec):
    assert [yearly_arrivals.set_index("year").at[y, "arrivals"] for y in (1998, 1999, 2000, 2001)] == [
        71,
        148,
        312,
        583,
    ]
    drawn = {r["year"]: r["arrivals"] for r in only_dataset(spec)}
    for period in revisions.PERIOD_TOTALS:
        assert value_of(context_table, period) not in drawn.values()
    assert drawn[2001] == 583 != value_of(context_table, "agg_1999_2001")
    assert value_of(context_table, "agg_1999_2001") == drawn[1999] + drawn[2000] + drawn[2001]
    x_domain = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    assert x_domain == list(range(1998, 2026))
    assert "1,043 (1999-2001 combined) are not years" in " ".join(spec["title"]["subtitle"])


# Men and women: a share only where the data give a split ------------------------------------------------------


def test_the_chart_data_are_the_tables_values(yearly_arrivals, figure, spec):
    drawn = pd.DataFrame(only_dataset(spec))
    assert drawn["year"].tolist() == yearly_arrivals["year"].tolist()
    assert drawn["arrivals"].tolist() == yearly_arrivals["arrivals"].tolist()
    assert drawn["figure_id"].tolist() == yearly_arrivals["figure_id"].tolist()
    shares = [None if pd.isna(s) else s for s in yearly_arrivals["share_women"]]
    assert [None if s is None or pd.isna(s) else s for s in drawn["share_women"]] == shares
    assert json.dumps(only_dataset(spec), allow_nan=False)  # no NaN reaches the browser


# Marks: the closure and our articles ------------------------------------------------------------------------


def test_the_border_closure_is_2020_with_its_quarters(context_table, figure, spec):
    shut = revisions.closure()
    assert shut["year"] == 2020 and shut["figure_id"] == "arr_2020"
    assert shut["quarters"] == [135, 12, 48, 34] and sum(shut["quarters"]) == value_of(context_table, "arr_2020")
    assert "by quarter: 135, 12, 48, 34" in figure.text
    assert "COVID border closure" in figure.description
    assert "2020: COVID border closure" in json.dumps(spec, ensure_ascii=False)


def test_only_articles_with_a_printed_or_inferred_year_are_placed(figure, spec):
    placed = dates.article_years().set_index("id")
    assert placed.at["001", "year"] == 2024 and placed.at["001", "basis"] == "year printed"
    assert placed.at["003", "year"] == 2024 and placed.at["003", "basis"] == "year printed"
    assert placed.at["000", "year"] == 2024 and placed.at["000", "basis"].startswith("year inferred")
    assert pd.isna(placed.at["002", "year"]) and pd.isna(placed.at["004", "year"])
    assert (
        "The Liaoning questioning article and the Dong-A Ilbo article print no year and are not placed."
        in figure.description
    )
    assert "2024: three of our articles (one by inference)" in json.dumps(spec, ensure_ascii=False)
    notes = {r["year"]: r["note"] for r in only_dataset(spec)}
    assert "the survey article (year inferred)" in notes[2024] and "Liaoning" not in notes[2024]


# Interaction, words, colours --------------------------------------------------------------------------------


def test_a_radio_switches_arrivals_and_share_and_a_hover_shows_the_figures(figure, spec):
    (measure,) = [p for p in spec["params"] if p["name"] == "measure"]
    assert measure["bind"]["input"] == "radio" and measure["bind"]["options"] == ["arrivals", "share"]
    calcs = [t["calculate"] for layer in spec["layer"] for t in layer.get("transform", []) if "calculate" in t]
    assert "measure == 'share' ? datum.share_women : datum.arrivals" in calcs
    (hover,) = [p for p in all_params(spec) if p["name"] == "hovered"]
    assert hover["select"]["on"] == "pointerover" and hover["select"]["fields"] == ["year"]
    tooltips = [t["field"] for layer in spec["layer"] for t in layer.get("encoding", {}).get("tooltip", [])]
    for field in ("year", "arrivals", "women_text", "men_text", "figure_id", "source", "status_short", "share_text"):
        assert field in tooltips
    statuses = {r["status_short"] for r in only_dataset(spec)}
    assert statuses == {"revised", "provisional", "as reported"}


def test_description_and_words_repeat_the_figures(yearly_arrivals, figure, spec):
    assert len(figure.description) > 200
    for r in yearly_arrivals.itertuples():
        assert f"| {r.year} | {r.arrivals:,} |" in figure.text
        if r.share_label:
            assert f"| {r.share_label} |" in figure.text
    assert "peaked at 2,914 in 2009 and fell to 63 in 2021" in figure.description
    assert "no split" in figure.text and "table of January 2012" in figure.text


def test_each_year_names_its_report_and_the_ministry_only_where_its_words_name_it(context_table, yearly_arrivals, spec):
    by_id = context_table.set_index("figure_id")
    for r in yearly_arrivals.itertuples():
        assert r.source == by_id.at[r.figure_id, "source_title"]
    named = dict(zip(yearly_arrivals["year"], yearly_arrivals["names_ministry"]))
    assert named[2018] is True  # "... according to the MOU data"
    assert named[2024] is True  # "통일부 당국자는 ..."
    assert named[2001] is False  # a Yonhap report of 2002 that names no ministry
    assert named[2019] is False  # "Yonhap News Agency reported citing the data published on Monday"
    assert named[2009] is False  # the revision: "The yearly number stood at ..." (our description says MOU)
    n = sum(named.values())
    assert 0 < n < len(yearly_arrivals)
    title = spec["title"]["subtitle"]
    assert f"For {n} of the {len(yearly_arrivals)} years the report's title" in title[0]
    assert "the sentence we quote names the Ministry of Unification" in title[1]
    assert not any("Latest Ministry of Unification figure" in line for line in title)
    unnamed = [str(y) for y, c in named.items() if not c]
    assert f"not for {', '.join(unnamed[:-1])} and {unnamed[-1]}." in spec["description"]
    assert {d["source"] for d in only_dataset(spec)} == set(yearly_arrivals["source"])


def test_status_is_told_by_shape_and_words_not_colour_alone(figure, spec):
    text = json.dumps(spec)
    for colour in bigger_picture.STATUS_COLOURS:
        assert colour in OKABE_ITO.values() and colour in text
    shapes = [layer["encoding"]["shape"] for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    assert shapes and shapes[0]["scale"]["range"] == bigger_picture.STATUS_SHAPES


def test_the_revision_chart_shows_each_change_between_the_two_figures(context_table):
    figure = bigger_picture.revisions()
    spec = figure.chart.to_dict()
    rows = max(spec["datasets"].values(), key=len)  # the table; the other dataset is the zero rule
    assert {r["year"] for r in rows} == {2005, 2007, 2008, 2009, 2010, 2011}
    for r in rows:
        assert r["jan2012"] == value_of(context_table, f"arr_{r['year']}_mou2012")
        assert r["revised"] == value_of(context_table, f"arr_{r['year']}_rev")
        assert r["change"] == r["revised"] - r["jan2012"]
    assert "2007: 2,544 then 2,553 (+9)" in figure.text and "2007: 2,544 then 2,553 (+9)" in spec["description"]


def test_a_different_table_gives_a_different_chart():
    frame = pd.DataFrame(
        [
            row(
                "arr_2030",
                90,
                "Annual arrivals: 40 men, 50 women (COVID border closure)",
                "1분기에는 20명, 2분기는 20명, 3분기는 20명, 4분기에는 30명; 40 men, 50 women",
            ),
            row("arr_2031", 500, "Annual arrivals"),
        ]
    )
    figure = bigger_picture.yearly(frame)
    assert "peaked at 500 in 2031" in " ".join(figure.chart.to_dict()["title"]["text"])
    assert "| 2030 | 90 |" in figure.text and "56%" in figure.text


def test_the_sources_list_every_figure_the_chart_uses(yearly_arrivals):
    cited = set(revisions.context_ids())
    used = set(yearly_arrivals["figure_id"]) | set(yearly_arrivals["split_figure_id"]) - {""}
    assert used <= cited and {"agg_1999_2001", "cum_to_1998"} <= cited
    listed = citations_markdown([], figures=sorted(cited))
    for figure_id in cited:
        assert escape(context_figures()[figure_id]["source_title"], quote=False) in listed, figure_id


def test_on_a_phone_the_notes_stand_one_under_another_above_the_tallest_bar(yearly_arrivals, spec):
    """Below bigger_picture.NARROW px of plot the notes take short lines; they neither run into each
    other nor into the bars, because the scale then reaches as much higher."""
    text = json.dumps(spec, ensure_ascii=False)
    narrow = f"width < {bigger_picture.NARROW}"
    notes = [layer for layer in spec["layer"] if narrow in json.dumps(layer.get("mark", {}))]
    assert len(notes) == 2  # the closure year's and the year of our articles
    tops, bottoms = [], []
    for layer in notes:
        short = json.loads(layer["mark"]["text"]["expr"].split(" ? ", 1)[1].split(" : ", 1)[0])
        top = int(layer["encoding"]["y"]["value"]["expr"].split(" ? ")[1].split(" : ")[0])
        assert all(len(line) <= bigger_picture.NOTE_CHARS for line in short)
        tops.append(top)
        bottoms.append(top + len(short) * bigger_picture.NOTE_LINE)
    assert bottoms[0] < tops[1], "the notes do not run into each other"
    domain = re.search(rf"{narrow} \? \(measure == 'share' \? [\d.]+ : (\d+)\)", text)
    peak_top = bigger_picture.HEIGHT * (1 - yearly_arrivals["arrivals"].max() / int(domain.group(1)))
    assert peak_top > max(bottoms), "the tallest bar stays under the notes"
