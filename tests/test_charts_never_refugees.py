"""The chart of the chapter "Never refugees": five figures for the returns of October 2023, each as precise "
"as its source."""

from __future__ import annotations

import json
import re
import statistics

import pytest
from vegaspec import all_params

from nkbook.charts import OKABE_ITO, never_refugees
from nkbook.data import load
from nkbook.sphinx.charts import chart_html


@pytest.fixture(scope="module")
def context():
    return load("context_figures").set_index("figure_id")


@pytest.fixture(scope="module")
def figure():
    return never_refugees.repatriation_estimates()


@pytest.fixture(scope="module")
def spec(figure):
    return figure.chart.to_dict()


def rows_of(spec):
    return {row["figure_id"]: row for row in spec["data"]["values"]}


def x_encoding(spec):
    """The x channel of the layer that carries the axis (the dashed runs of the bounds)."""
    (x,) = [layer["encoding"]["x"] for layer in spec["layer"] if "axis" in layer.get("encoding", {}).get("x", {})]
    return x


def test_every_estimate_is_the_context_rows_value_exactly_as_printed(spec, context):
    rows = rows_of(spec)
    assert list(rows) == list(never_refugees.ESTIMATES)
    for figure_id, row in rows.items():
        assert row["value"] == context.loc[figure_id, "value"]
        assert row["quote"] == context.loc[figure_id, "quote"]
        assert row["publication"] == context.loc[figure_id, "source_title"]
    assert {r["value"] for r in rows.values()} == {"more than 500", "some 500", "as many as 600", "600", "hundreds"}


def test_each_figure_is_drawn_with_its_own_precision(spec):
    rows = rows_of(spec)
    kinds = {fid: (r["kind"], r["number"], r["start"], r["end"]) for fid, r in rows.items()}
    edge = x_encoding(spec)["scale"]["domain"][1]
    # "more than 500": from 500 on to the edge of the scale, open-ended.
    assert kinds["repat_2023_10_500"] == ("lower bound", 500, 500, edge) and edge > 600
    # "as many as 600": an upper bound, from the start of the scale up to 600.
    assert kinds["repat_2023_10_tjwg"] == ("upper bound", 600, 0, 600)
    # "some 500" and "600": a mark at the number, with no extent.
    assert kinds["repat_2023_10_hrw"] == ("approximate", 500, None, None)
    assert kinds["repat_2023_10_hrf"] == ("single figure", 600, None, None)
    # "hundreds": no number, so no place on the scale.
    assert kinds["repat_2023_10_un"] == ("no number", None, None, None)


def test_hundreds_is_a_band_across_the_row_not_a_point_at_a_made_up_value(spec):
    bands = [
        layer
        for layer in spec["layer"]
        if layer.get("transform") == [{"filter": "datum.kind == 'no number'"}] and layer["mark"]["type"] == "rect"
    ]
    (band,) = bands
    assert band["encoding"]["x"] == {"value": 0} and band["encoding"]["x2"] == {"value": "width"}
    # Every layer that places marks by number leaves out the rows without one.
    for layer in spec["layer"]:
        x = layer.get("encoding", {}).get("x", {})
        if x.get("field") == "number":
            assert layer["transform"] == [{"filter": "datum.number != null"}]


def test_no_average_and_no_made_up_number(figure, spec):
    numbers = [r["number"] for r in rows_of(spec).values() if r["number"] is not None]
    mean = statistics.mean(numbers)
    words = figure.text + spec["description"] + json.dumps(spec["title"])
    assert f"{mean:g}" not in words and "average" not in figure.text.replace("cannot be averaged", "")
    # The axis shows only the numbers the sources give (and the zero the scale starts from).
    axis = x_encoding(spec)["axis"]
    assert axis["values"] == [0, 500, 600]


def test_description_and_text_alternative_list_every_estimate_with_its_source(figure, spec):
    rows = rows_of(spec)
    assert len(spec["description"]) > 200 and "never averaged" in spec["description"]
    for figure_id, (who, reported_by) in never_refugees.ESTIMATES.items():
        value = rows[figure_id]["value"]
        assert f"\u201c{value}\u201d" in spec["description"]
        assert who in spec["description"] and who in figure.text
        assert f"| {value} |" in figure.text
        assert rows[figure_id]["quote"] in figure.text
        if reported_by:
            assert f"as reported by {reported_by}" in spec["description"]
            assert f"as reported by {reported_by}" in rows[figure_id]["label"]
    # The secondary outlets named are the context rows' own publications.
    context = load("context_figures").set_index("figure_id")
    for figure_id, (_, reported_by) in never_refugees.ESTIMATES.items():
        if reported_by:
            assert reported_by in context.loc[figure_id, "source_title"]


def test_tooltips_carry_who_says_it_and_the_whole_quote(spec):
    hit = spec["layer"][-1]
    expr = hit["mark"]["tooltip"]["expr"]
    for title, field in [
        ("Who says it", "who"),
        ("As reported by", "reported_by"),
        ("Figure as printed", "value"),
        ("Their words", "quote_0"),
    ]:
        assert f"'{title}': datum.{field}" in expr
    parts = sorted(set(re.findall(r"datum\.(quote_\d+)", expr)))
    for row in rows_of(spec).values():
        assert " ".join(row[p] for p in parts if p in row) == row["quote"]
        # A primary source has no "as reported by" at all (not an empty or "null" one).
        assert ("reported_by" in row) == bool(never_refugees.ESTIMATES[row["figure_id"]][1])


def test_hover_and_legend_selection_work_without_a_kernel(spec):
    params = {p["name"]: p for p in all_params(spec)}
    assert params["hovered"]["select"]["on"] == "pointerover"
    assert params["hovered"]["select"]["fields"] == ["figure_id"]
    assert params["picked"]["bind"] == "legend" and params["picked"]["select"]["fields"] == ["kind"]
    # The legend selection sits on the only layer with a colour legend (else Vega-Lite drops the binding).
    with_legend = [layer.get("name") for layer in spec["layer"] if "color" in layer.get("encoding", {})]
    assert with_legend == params["picked"]["views"]
    # Every drawn layer dims when another kind is picked.
    dimmed = [
        layer
        for layer in spec["layer"]
        if layer.get("encoding", {}).get("opacity", {}).get("condition", {}).get("param") == "picked"
    ]
    assert len(dimmed) >= 7


def test_colours_are_okabe_ito_and_shapes_differ_by_kind(spec):
    marks = [layer for layer in spec["layer"] if "shape" in layer.get("encoding", {})]
    (layer,) = marks
    colours = layer["encoding"]["color"]["scale"]["range"]
    shapes = layer["encoding"]["shape"]["scale"]["range"]
    assert set(colours) <= set(OKABE_ITO.values())
    assert len(set(shapes)) == len(shapes) == len(never_refugees.KINDS), "not colour alone"


def test_a_different_table_gives_a_different_chart(context):
    frame = context.reset_index()
    frame.loc[frame["figure_id"] == "repat_2023_10_hrf", "value"] = "about 600"
    figure = never_refugees.repatriation_estimates(frame)
    rows = rows_of(figure.chart.to_dict())
    assert rows["repat_2023_10_hrf"]["kind"] == "approximate"
    assert "| about 600 | approximate |" in figure.text


def test_chart_output_for_the_book_is_strict_json(figure):
    spec = figure._repr_mimebundle_()["application/vnd.vegalite.v5+json"]
    json.dumps(spec, allow_nan=False)  # the browser reads the spec with JSON.parse: no NaN
    html = chart_html(spec)
    assert 'aria-label="Chart of 5 published figures' in html
