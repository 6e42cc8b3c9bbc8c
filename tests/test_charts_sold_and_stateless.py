"""The charts of "Women sold, children without papers": prices kept as an average and a ceiling, estimates parsed
from the tables without added precision, switchable in the browser, described in words."""

from __future__ import annotations

import json
import re

from vegaspec import all_params, only_dataset, spec_of

from nkbook.charts import sold_and_stateless
from nkbook.data import load
from nkbook.sources import context_figures

# ---- parsing ----------------------------------------------------------------------------------


# ---- the estimates chart ----------------------------------------------------------------------


def test_every_estimate_is_drawn_with_exactly_the_numbers_of_its_table_row():
    rows = sold_and_stateless.estimate_rows()
    context = context_figures()
    for r in rows.itertuples():
        fid = r.figure_id.split(":")[0]
        drawn = sorted(int(n) for n in (r.low, r.high, r.point) if n == n and n is not None)
        if fid in context:
            source_value = context[fid]["value"]
        else:
            (donga,) = load("stateless_children").query("estimate_id == @fid").to_dict("records")
            source_value = str(donga["lower_bound"])
        printed = sorted(int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", source_value))
        assert set(drawn) <= set(printed), (fid, drawn, source_value)
    # every estimate of the task is there, the ministry's as three rows
    ids = {f.split(":")[0] for f in rows["figure_id"]}
    assert ids == {"donga_children", *sold_and_stateless.CHILDREN_IDS, *sold_and_stateless.ADULT_IDS}
    assert (rows["figure_id"].str.startswith("est_nk_china_mou2002")).sum() == 3


def test_the_estimate_without_figures_has_no_mark_on_the_axis():
    marks, _ = sold_and_stateless.estimate_marks()
    hrw = marks[marks["label"].str.startswith("Local residents")]
    assert set(hrw["mark"]) == {"name", "note"}, "words only: a note, never a line or a point"
    note = hrw.loc[hrw["mark"] == "note", "text"].iloc[0]
    assert "no figures" in note
    # Its words in quotation marks are the report's own, as they stand in the row's quote.
    (quoted,) = re.findall(r"\u201c(.+?)\u201d", " ".join(note.split()), flags=re.S)
    quote = load("context_figures").set_index("figure_id").loc["est_children_hrw2008", "quote"]
    assert quoted in " ".join(quote.split())


def test_open_ended_figures_run_to_the_edge_and_end_in_an_arrow():
    marks, (lo, hi) = sold_and_stateless.estimate_marks()
    for label, edge, shape in (
        ("The Dong-A Ilbo", hi, "triangle-right"),
        ("Human Rights Foundation", hi, "triangle-right"),
        ("Korea Future Initiative", lo, "triangle-left"),
        ("China (unofficial)", lo, "triangle-left"),
    ):
        mine = marks[marks["label"].str.startswith(label)]
        line = mine[mine["mark"] == "line"].iloc[0]
        assert bool(line["dashed"]) and edge in (line["x"], line["x2"]), label
        arrow = mine[mine["mark"] == "arrow"].iloc[0]
        assert arrow["x"] == edge and arrow["shape"] == shape, label
    # ranges are solid, closed at both printed ends
    hrw = marks[marks["label"].str.startswith("Human Rights Watch (2002)")]
    line = hrw[hrw["mark"] == "line"].iloc[0]
    assert (line["x"], line["x2"], bool(line["dashed"])) == (10000, 300000, False)
    assert "arrow" not in set(hrw["mark"])
    # the edges are powers of ten outside every printed number, not numbers anyone printed
    assert (lo, hi) == (1000, 1000000)


def test_estimates_chart_is_log_scaled_switchable_and_carries_the_quotes():
    spec = spec_of(sold_and_stateless.estimates())
    text = json.dumps(spec)
    assert '"type": "log"' in text
    (which,) = [p for p in all_params(spec) if p["name"] == "estimates_of"]
    assert which["bind"]["input"] == "radio" and which["bind"]["options"] == ["children", "adults"]
    assert all("estimates_of" in json.dumps(layer.get("transform", [])) for layer in spec["layer"])
    hover = [p for p in all_params(spec) if p["name"] == "hovered_estimate"]
    assert hover and hover[0]["select"]["on"] == "pointerover"
    values = only_dataset(spec)
    quotes = {v["quote"] for v in values}
    for fid in sold_and_stateless.CHILDREN_IDS + sold_and_stateless.ADULT_IDS:
        assert context_figures()[fid]["quote"] in quotes
    tooltip_fields = {t["field"] for layer in spec["layer"] for t in layer["encoding"].get("tooltip", [])}
    assert {"quote", "year", "who", "as_printed"} <= tooltip_fields


def test_each_estimate_as_printed_stands_in_its_quote():
    for fid, words in sold_and_stateless.AS_PRINTED.items():
        assert words in context_figures()[fid]["quote"], fid


def test_estimates_are_never_averaged_or_made_more_precise():
    spec = spec_of(sold_and_stateless.estimates())
    drawn = {v["x"] for v in only_dataset(spec) if v["mark"] in ("end",)}
    printed = {10000, 20000, 30000, 50000, 100000, 200000, 300000}
    assert drawn <= printed and drawn == printed
    assert "aggregate" not in json.dumps(spec) and "mean" not in json.dumps(spec)


def test_estimates_description_and_words_name_every_figure_and_who_made_it():
    figure = sold_and_stateless.estimates()
    description = figure.description
    # The words in the text are the sources' own, hedges kept; the ministry's are marked as our translation.
    for words in (
        "\u201cmore than 10,000\u201d",
        "\u201cbelieved to number 10,000-20,000\u201d",
        "\u201can estimated 20,000 to 30,000\u201d",
        "\u201cAn estimated 50,000\u201d",
        "\u201canywhere between a few thousand and several tens of thousands\u201d",
        "\u201canywhere from 10,000 to 300,000\u201d",
        "\u201cUp to 200,000\u201d",
        "\u201cover 100,000\u201d",
        "about 30,000 (our translation of the Korean)",
        "at most 10,000 (our translation of the Korean)",
        "tens of thousands to 300,000 (our translation of the Korean)",
    ):
        assert words in figure.text and words in description, words
    assert "one figure, hedged (\u201cestimated\u201d)" in figure.text
    for who in (
        "Human Rights Watch",
        "Radio Free Asia",
        "European Alliance",
        "Ministry of Unification",
        "Human Rights Foundation",
        "U.S. Committee for Refugees",
        "Dong-A Ilbo",
    ):
        assert who in figure.text
    assert "not averaged" in figure.text and "Our translation" in figure.text
    assert "no date printed" in figure.text


# ---- the prices chart -------------------------------------------------------------------------


def test_prices_chart_keeps_the_average_and_the_ceiling_distinct():
    prices = load("trafficking_prices")
    spec = spec_of(sold_and_stateless.prices())
    values = only_dataset(spec)
    assert sorted(v["price_yuan"] for v in values) == sorted(prices["price_yuan"].tolist())
    assert {v["qualifier"] for v in values} == {"average", "up to"}
    marks = {layer["mark"]["type"] for layer in spec["layer"]}
    assert {"point", "rule", "tick"} <= marks, "a point for the average, a rule up to a tick for the ceiling"
    point_layer = [line for line in spec["layer"] if line["mark"]["type"] == "point"][0]
    assert "average" in json.dumps(point_layer["transform"])
    labels = " ".join(v["label"] for v in values)
    assert "an average of 3,000 yuan" in labels and "up to 20,000 yuan: a ceiling, not an average" in labels


def test_prices_chart_states_no_ratio_and_says_what_the_dates_cannot_tell():
    figure = sold_and_stateless.prices()
    spec_text = json.dumps(spec_of(figure))
    for ratio in ("6.7", "6.67", "fold", "times"):
        assert ratio not in spec_text
    assert "no date" in " ".join(spec_of(figure)["title"]["subtitle"])
    assert "overstate" in figure.text and "3,000" in figure.text and "20,000" in figure.text
    assert "500,000" in figure.text and "500,000" in figure.description
    assert any(p["name"] == "hovered_price" for p in all_params(spec_of(figure)))
    tooltip_fields = {t["field"] for layer in spec_of(figure)["layer"] for t in layer["encoding"].get("tooltip", [])}
    assert "quote" in tooltip_fields


def test_a_different_price_table_gives_a_different_chart():
    frame = load("trafficking_prices").copy()
    frame.loc[frame["qualifier"] == "up to", "price_yuan"] = 9000
    figure = sold_and_stateless.prices(frame)
    # (The quote listed under the chart still says 20,000: only the table was changed, not its quote.)
    assert "up to 9,000 yuan" in figure.finding.words and "20,000" not in figure.finding.words
