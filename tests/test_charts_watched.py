"""The chart of the chapter "Watched": every surveillance method of data/surveillance_methods.csv, by who
watches, kind and article; filtered in the browser; colour never alone; hedged claims drawn as hedged."""

from __future__ import annotations

import json

import pytest
from vegaspec import only_dataset

from nkbook.charts import OKABE_ITO, watched
from nkbook.data import load, schemas
from nkbook.readings import dates, hedges, watchers
from nkbook.sources import sources


@pytest.fixture(scope="module")
def table():
    return load("surveillance_methods")


@pytest.fixture(scope="module")
def figure():
    return watched.methods()


@pytest.fixture(scope="module")
def spec(figure):
    return figure.chart.to_dict()


def marks_layer(spec):
    (layer,) = [layer for layer in spec["layer"] if "tooltip" in layer["encoding"]]
    return layer


def test_every_method_of_the_table_is_one_mark_with_its_own_quote_and_article(spec, table):
    rows = {r["method_id"]: r for r in only_dataset(spec)}
    assert set(rows) == set(table["method_id"]) and len(only_dataset(spec)) == len(table)
    names = dates.article_names()
    for _, row in table.iterrows():
        mark = rows[row["method_id"]]
        assert mark["quote"] == row["quote"]
        assert mark["category"] == row["category"] and mark["watcher"] == row["watcher"]
        assert mark["article"] == names[row["source"]]
        assert mark["article_id"] == sources()[row["source"]].id


def test_the_methods_the_chapter_promises_are_in_the_table(table):
    promised = {
        "read_messages",
        "bug_calls",
        "track_location",
        "photographs",
        "fingerprints",
        "facial_recognition",
        "cctv",
        "fences",
        "husbands_report",
        "chinese_families",
        "family_calls",
        "interrogation",
        "liaoning_questions_family",
        "liaoning_questions_routes",
    }
    assert promised <= set(table["method_id"])
    # Each of the five articles names at least one method.
    assert set(table["source"]) == set(sources())


def test_the_y_axis_groups_methods_under_who_watches(spec, table):
    domain = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    rows = watched.method_rows(table)
    _, headings = watched.y_domain(rows)
    assert len(domain) == len(table) + len(headings)
    # Each group's heading stands right above its methods.
    for heading, group in zip(headings, [g for g in watchers.GROUPS if g in set(rows["group"])]):
        start = domain.index(heading)
        mine = list(rows.loc[rows["group"] == group, "label"])
        assert domain[start + 1 : start + 1 + len(mine)] == mine


def test_controls_filter_by_article_and_kind_and_a_hover_highlights(spec):
    params = {p["name"]: p for p in spec["params"]}
    article = params["article_pick"]
    assert article["bind"]["input"] == "select" and article["value"] == watched.ALL
    assert article["bind"]["options"] == [watched.ALL] + sorted(s.id for s in sources().values())
    assert article["bind"]["labels"][1:] == [dates.article_names()[f] for f in sorted(sources())]
    kind = params["category_pick"]
    assert kind["bind"]["input"] == "radio" and kind["bind"]["options"] == [watched.ALL] + watched.CATEGORIES
    hover = params["hovered"]
    assert hover["select"]["on"] == "pointerover" and hover["select"]["fields"] == ["method_id"]
    layer = marks_layer(spec)
    (flt,) = [t["filter"] for t in layer["transform"]]
    assert "article_pick" in flt and "category_pick" in flt
    assert hover["views"] == [layer["name"]]
    assert layer["encoding"]["size"]["condition"]["param"] == "hovered"


def test_each_mark_carries_the_quote_in_its_tooltip(spec):
    fields = [t["field"] for t in marks_layer(spec)["encoding"]["tooltip"]]
    assert {"quote", "method", "watcher", "category", "article"} <= set(fields)


def test_colour_is_okabe_ito_and_never_alone(spec):
    enc = marks_layer(spec)["encoding"]
    assert enc["color"]["field"] == enc["shape"]["field"] == "category"
    colours = enc["color"]["scale"]["range"]
    assert set(colours) <= set(OKABE_ITO.values()) and len(set(colours)) == len(colours)
    assert OKABE_ITO["yellow"] not in colours, "too pale on white"
    shapes = enc["shape"]["scale"]["range"]
    assert len(set(shapes)) == len(shapes) == len(watched.CATEGORIES)
    allowed = schemas()["surveillance_methods"].columns["category"].allowed
    assert sorted(enc["color"]["scale"]["domain"]) == sorted(allowed)


def test_a_hedged_claim_is_drawn_open_and_said_to_be_hedged(spec, figure, table):
    rows = {r["method_id"]: r for r in only_dataset(spec)}
    assert rows["facial_recognition"]["hedged"] is True and rows["fingerprints"]["hedged"] is False
    for _, row in table.iterrows():
        assert rows[row["method_id"]]["hedged"] == any(h in row["quote"].lower() for h in hedges.HEDGES)
    fill = marks_layer(spec)["encoding"]["fillOpacity"]
    assert fill["condition"] == {"test": "datum.hedged", "value": 0} and fill["value"] == 1
    assert "open mark" in " ".join(spec["title"]["subtitle"])
    assert "\u201cmost likely\u201d" in figure.text and "Facial recognition" in spec["description"]


def test_description_and_words_repeat_the_counts(spec, figure, table):
    n = len(table)
    assert f"{n} ways" in " ".join(spec["title"]["text"])
    assert spec["description"].startswith(f"Dot chart of {n} means")
    names = dates.article_names()
    for file, count in table["source"].value_counts().items():
        assert f"{names[file]}: {count}" in spec["description"] and f"{names[file]}: {count}" in figure.text
    for category, count in table["category"].value_counts().items():
        assert f"{category}: {count}" in spec["description"] and f"{category}: {count}" in figure.text
    for method in table["method"]:
        assert f"| {method}" in figure.text, "the table under the chart lists every method"


def test_a_different_table_gives_a_different_chart(table):
    small = table[table["method_id"].isin(["fences", "cctv", "guard_posts"])].reset_index(drop=True)
    figure = watched.methods(small)
    spec = figure.chart.to_dict()
    assert "3 ways" in " ".join(spec["title"]["text"])
    assert "2 of them by the Chinese police and state" in " ".join(spec["title"]["text"])
    assert "The Dong-A Ilbo (no date printed): 3" in figure.text
    assert "Hedged by its article" not in figure.text, "none of these three is hedged"
    assert json.dumps(spec).count("Barbed-wire") >= 1 and "Fingerprints" not in json.dumps(only_dataset(spec))


def test_the_chart_keeps_a_width_its_columns_fit_in_and_scrolls_on_a_phone(spec):
    """Below MIN_WIDTH the five article columns overlap; nkbook-charts.js keeps the chart at least that
    wide, and the figure scrolls sideways on a phone (tests/test_site.py)."""
    from nkbook.charts import watched

    assert spec["usermeta"]["nkbook"]["min_width"] == watched.MIN_WIDTH >= 600
    assert spec["width"] == "container"


def test_every_row_label_fits_the_three_lines_a_row_holds(spec):
    # A row is 42 px and a label line 13: a fourth line ran into the next row's label (in the picture
    # the page shows before any script runs, on paper and on the worksheet).
    domain = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert spec["height"] / len(domain) >= watched.Y_LINES * watched.LINE
    too_long = [label for label in domain if len(label.split("|")) > watched.Y_LINES]
    assert not too_long
    assert any(len(label.split("|")) == watched.Y_LINES for label in domain)
    # No line is longer than the wrap allows (the browser test finds a line Vega had to shorten).
    assert max(len(line) for label in domain for line in label.split("|")) <= watched.Y_WRAP_LONG
