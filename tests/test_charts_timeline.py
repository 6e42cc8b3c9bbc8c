"""The timeline chart: every event of data/events.csv, placed no more precisely than printed."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from vegaspec import all_params

from nkbook.charts import OKABE_ITO, timeline
from nkbook.readings import dates
from nkbook.sources import quote_stands, sources


@pytest.fixture(scope="module")
def figure():
    return timeline.timeline()


@pytest.fixture(scope="module")
def spec(figure):
    return figure.chart.to_dict()


def chart_rows(spec):
    """The rows every panel of the timeline is drawn from: one named dataset of the spec."""
    rows = [r for values in spec["datasets"].values() for r in values if "event_id" in r]
    return {r["event_id"]: r for r in rows}


def test_the_events_are_inlined_once_for_all_panels(spec):
    text = json.dumps(spec)
    assert text.count('"event_id"') == len(chart_rows(spec)), "one copy of the data, shared by every panel"


def event_layers(panel):
    """The layers of a panel that draw events (bars and points), however deeply layered."""
    out = []
    for layer in panel.get("layer", []):
        if "layer" in layer:
            out += event_layers(layer)
        elif layer["mark"]["type"] in ("bar", "point") and "transform" in layer:
            out.append(layer)
    return out


def test_every_event_of_the_table_is_in_the_chart_with_its_printed_date_and_quote(events_table, spec):
    rows = chart_rows(spec)
    assert set(rows) == set(events_table["event_id"])
    for event in events_table.itertuples():
        row = rows[event.event_id]
        assert row["date_as_printed"] == event.date_as_printed
        assert row["quote"] == event.quote
        assert row["year"] == event.year


def test_an_event_with_no_year_printed_is_never_placed_on_the_calendar(events_table, placements, spec):
    not_given = events_table[events_table["year"].str.startswith("not given")]["event_id"]
    assert len(not_given) >= 5  # "Dec. 12", "Ten years ago", "last year", ...
    for event_id in not_given:
        row = placements.loc[event_id]
        assert row["lane"] == dates.UNDATED and row["start"] == "" and row["end"] == ""
    # "Dec. 12" and "ten years ago" above all: no year, no position.
    assert placements.loc["liaoning_source_reports", "lane"] == dates.UNDATED
    assert placements.loc["prices_then", "lane"] == dates.UNDATED
    # The calendar panels draw only the calendar lane; the last panel only the undated one.
    overview, detail, nodate = spec["vconcat"][1:]
    for panel in (overview, detail):
        layers = event_layers(panel)
        assert len(layers) == 2
        assert all(f"datum.lane == '{dates.CALENDAR}'" in json.dumps(layer["transform"]) for layer in layers)
    assert f"datum.lane == '{dates.UNDATED}'" in json.dumps(nodate)
    assert "No year printed" in nodate["title"]["text"]
    assert nodate["layer"][0]["encoding"]["x"].get("datum") == 0 and "scale" not in json.dumps(
        nodate["layer"][0]["encoding"]["y"]
    )


def test_inferred_years_are_drawn_hollow_and_dashed_with_the_reason_in_the_tooltip(events_table, placements, spec):
    inferred = events_table[events_table["year"].str.startswith("inferred")]["event_id"]
    assert len(inferred) >= 8
    for event_id in inferred:
        row = placements.loc[event_id]
        assert row["certainty"] == dates.INFERRED
        reason = events_table.set_index("event_id").loc[event_id, "year"].split(",", 1)[1].strip()
        assert reason in row["how_drawn"], event_id
    printed = events_table[events_table["year"].str.match(r"^\d{4}")]["event_id"]
    assert all(placements.loc[e, "certainty"] == dates.PRINTED for e in printed)
    text = json.dumps(spec)
    # Hollow (white fill) unless printed, dashed outline for the inferred: not colour alone.
    assert f"datum.certainty == '{dates.PRINTED}'" in text and '"value": "white"' in text
    layer = event_layers(spec["vconcat"][1])[0]["encoding"]
    assert layer["strokeDash"]["scale"] == {"domain": [dates.PRINTED, dates.INFERRED], "range": [[1, 0], [4, 3]]}
    titles = {t["title"] for t in layer["tooltip"]}
    assert {"Date as printed", "Quote", "How it is drawn", "Year (our table)"} <= titles
    # The key says it in words.
    key = json.dumps(spec["datasets"][spec["vconcat"][0]["data"]["name"]])
    assert "inferred" in key and "hollow" in key


def test_both_filters_and_the_zoom_work_without_a_kernel(events_table, spec):
    params = {p["name"]: p for p in all_params(spec)}
    source, kind = params["source_pick"], params["kind_pick"]
    assert source["bind"]["input"] == "select" and kind["bind"]["input"] == "select"
    keys = {s.id for s in sources().values() if s.file in set(events_table["source"])}
    assert keys | {"context"} <= set(source["bind"]["options"]) and "all" in source["bind"]["options"]
    assert set(events_table["kind"]) | {"all"} == set(kind["bind"]["options"])
    for panel in spec["vconcat"][1:]:
        transforms = json.dumps(panel)
        assert "source_pick" in transforms and "kind_pick" in transforms
    window = params["window"]
    assert window["bind"]["input"] == "radio" and window["value"] == "recent"
    assert window["bind"]["options"] == ["recent", "decade", "all"]
    assert (
        window["bind"]["labels"][0].startswith("2023 to 2024")
        and window["bind"]["labels"][-1] == "All years, 1964 to 2024"
    )
    detail = spec["vconcat"][2]
    domain = event_layers(detail)[0]["encoding"]["x"]["scale"]["domainRaw"]["expr"]
    assert "window == 'recent'" in domain and str(timeline._ms(date(2023, 1, 1))) in domain
    assert any("window == 'recent'" in str(t.get("filter", "")) for t in detail["transform"]), (
        "rows outside the years are left out"
    )
    # The overview shades the same years; the shade is decoration, hidden from screen readers.
    shade = spec["vconcat"][1]["layer"][0]
    assert shade["mark"]["aria"] is False and "window == 'recent'" in json.dumps(shade["transform"])
    # The overview spans the whole range, from the earliest event to the latest.
    overview_x = event_layers(spec["vconcat"][1])[0]["encoding"]["x"]["scale"]["domain"]
    assert overview_x[0] < timeline._ms(date(1964, 1, 1)) and overview_x[1] > timeline._ms(date(2024, 12, 31))


def test_description_and_words_name_the_figures(events_table, placements, figure):
    description = figure.description
    n_calendar = int((placements["lane"] == dates.CALENDAR).sum())
    n_undated = int((placements["lane"] == dates.UNDATED).sum())
    n_inferred = int((placements["certainty"] == dates.INFERRED).sum())
    assert f"Timeline of {len(events_table)} events" in description
    assert f"{n_calendar} can be placed on a calendar, from 1964 to 2024" in description
    assert f"for {n_inferred} of them" in description and f"{n_undated} have no year printed" in description
    assert (
        "Dec. 12 (Liaoning questioning article (Daily NK))" in description
        and "Ten years ago (Dong-A Ilbo article)" in description
    )
    for event in events_table.itertuples():
        assert event.date_as_printed.replace("|", "\\|") in figure.text, event.event_id
    assert (
        f"hold {len(events_table)} dated events" in figure.text and f"{n_undated} have no year printed" in figure.text
    )


def test_colours_come_from_the_palette_and_sources_also_have_their_own_lane(spec):
    text = json.dumps(spec)
    assert OKABE_ITO["blue"] in text and OKABE_ITO["vermillion"] in text and OKABE_ITO["black"] in text
    overview = spec["vconcat"][1]
    assert event_layers(overview)[0]["encoding"]["y"]["field"] == "source_label", "position, not colour alone"


def test_the_dated_phrases_of_the_five_articles_are_all_in_the_table(events_table):
    """A guard for the table: every date phrase we found in the articles has its event row."""
    phrases = {
        "000_54004d1158f87b0d.txt": ["February 2019", "From Jan. 2 to Jan. 8", "last year’s", "[recently revised]"],
        "001_9bfd2c995f377ad1.txt": [
            "February 8, 2024",
            "at the end of January",
            "on Tuesday",
            "three days after",
            "since last October",
            "from October to December",
            "two weeks in January",
            "three to six months",
        ],
        "002_3815a49d6e380e20.txt": ["on Dec. 12", "three interrogation sessions"],
        "003_e85c76ced79790a2.txt": ["Tuesday, July 16, 2024", "last month", "On June 18", "July 08, 2024 at 07:00AM"],
        "004_202d9166dca4ee77.txt": ["mid to late 2000s", "Ten years ago", "Now, they are being sold"],
    }
    for file, found in phrases.items():
        quotes = " ".join(events_table.loc[events_table["source"] == file, "quote"])
        for phrase in found:
            assert quote_stands(phrase, file), (file, phrase)
            assert phrase in quotes, f"no event row of {file} quotes {phrase!r}"


def test_a_different_table_gives_a_different_chart(events_table):
    frame = pd.DataFrame(
        [
            {
                "event_id": "a",
                "date_as_printed": "March 2020",
                "year": "2020",
                "precision": "month",
                "kind": "report",
                "description": "A",
                "source": "repat_2020_2024_hrw",
                "quote": "q",
                "derivation": "",
            },
            {
                "event_id": "b",
                "date_as_printed": "Dec. 12",
                "year": "not given",
                "precision": "day",
                "kind": "report",
                "description": "B",
                "source": "002_3815a49d6e380e20.txt",
                "quote": "q",
                "derivation": "",
            },
            {
                "event_id": "c",
                "date_as_printed": "some time that year",
                "year": "inferred: 2021, a reason",
                "precision": "relative",
                "kind": "report",
                "description": "C",
                "source": "repat_2020_2024_hrw",
                "quote": "q",
                "derivation": "",
            },
        ]
    )
    rows = dates.placements(frame).set_index("event_id")
    assert (rows.loc["a", "start"], rows.loc["a", "end"]) == ("2020-03-01", "2020-03-31")
    assert rows.loc["b", "lane"] == dates.UNDATED
    # Words the reader cannot place more precisely fall back to the whole year, marked inferred.
    assert (rows.loc["c", "start"], rows.loc["c", "end"], rows.loc["c", "certainty"]) == (
        "2021-01-01",
        "2021-12-31",
        dates.INFERRED,
    )
    figure = timeline.timeline(frame)
    assert (
        "Timeline of 3 events" in figure.description
        and "Dec. 12 (Liaoning questioning article (Daily NK))" in figure.description
    )


def test_context_sources_are_listed_from_the_data(events_table):
    ids = dates.context_ids()
    assert set(ids) == set(events_table["source"]) - set(sources())


def y_encodings(node):
    """Every y encoding of a panel, however deeply layered."""
    found = [node["encoding"]["y"]] if "y" in node.get("encoding", {}) else []
    return found + [y for layer in node.get("layer", []) for y in y_encodings(layer)]


def test_on_a_phone_each_row_is_named_above_its_marks_and_the_plot_spans_the_column(spec, figure):
    """Issue 12, item 4: below NARROW_BELOW px the chart script draws usermeta.nkbook.narrow. The names
    that took most of a phone's width beside the rows (a plot of 100 px at 320 px) stand on their own
    lines above the rows' marks; the same data, controls and finding."""
    meta = spec["usermeta"]["nkbook"]
    narrow = meta["narrow"]
    assert meta["narrow_below"] == timeline.NARROW_BELOW
    assert narrow["title"] == spec["title"] and narrow["description"] == spec["description"]
    assert narrow["usermeta"]["nkbook"]["label"] == meta["label"]
    assert {p["name"] for p in all_params(narrow)} == {p["name"] for p in all_params(spec)}
    # The events are on the page once: the narrow spec names the wide one's dataset, not a copy.
    assert timeline.EVENTS in spec["datasets"] and timeline.EVENTS not in narrow["datasets"]
    assert f'"name": "{timeline.EVENTS}"' in json.dumps(narrow) and '"event_id"' not in json.dumps(narrow)
    # No panel names its rows beside them: no y axis, and every panel's rows are lines of one height.
    key, overview, detail, nodate = narrow["vconcat"]
    for panel in (overview, detail, nodate):
        assert '"labelLimit"' not in json.dumps(panel)
        assert panel["height"] == {"step": timeline.NARROW_LINE}
        ys = y_encodings(panel)
        assert ys and all("axis" in y and y["axis"] is None for y in ys)
    # Every row: its name in lines that fit a 320 px plot, one slot a line, then one for its marks.
    for row in chart_rows(spec).values():
        lines = row["n_label"].split("\n")
        assert all(len(line) <= timeline.NARROW_CHARS for line in lines), row["event_id"]
        assert " ".join(lines) == row["row_label"]
        assert row["n_slots"][0] == row["n_first"] and row["n_slots"][-1] == row["n_last"]
        marks = 0 if row["lane"] == dates.UNDATED else 1
        assert len(row["n_slots"]) == len(lines) + marks
    # The calendar panels still draw only the calendar lane, the list only the undated one.
    assert all(f"datum.lane == '{dates.CALENDAR}'" in json.dumps(layer["transform"]) for layer in event_layers(detail))
    assert f"datum.lane == '{dates.UNDATED}'" in json.dumps(nodate)
