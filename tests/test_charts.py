"""The charts: built from data/, described for screen readers, colour-blind safe, interactive without a kernel."""

from __future__ import annotations

import json
from html import escape

import jsonschema
import pandas as pd
import pytest
from vegaspec import spec_of

from nkbook import charts
from nkbook.charts import survey_hopes
from nkbook.data import load
from nkbook.sphinx.charts import chart_html


def layer_values(spec):
    (dataset,) = spec["datasets"].values()
    return dataset


def test_hopes_chart_is_drawn_from_the_data_and_against_the_whole_base():
    hopes = load("survey_hopes")
    spec = spec_of(survey_hopes.hopes())
    rows = layer_values(spec)
    assert sorted(r["count"] for r in rows) == sorted(hopes["count"].tolist())
    assert {r["base"] for r in rows} == set(hopes["base"].tolist())
    # A grey track of the whole base stands behind every bar: the hopes are not parts of one whole.
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks.count("bar") == 2
    assert "do not add up to one whole" in " ".join(spec["title"]["subtitle"])


def test_hopes_chart_switches_count_and_share_in_the_browser():
    spec = spec_of(survey_hopes.hopes())
    (measure,) = [p for p in spec["params"] if p["name"] == "measure"]
    assert measure["bind"]["input"] == "radio" and measure["bind"]["options"] == ["count", "share"]
    # Altair lifts a layer's selection to the top level, naming the layer it acts on in "views".
    params = spec["params"] + [p for layer in spec["layer"] for p in layer.get("params", [])]
    (hover,) = [p for p in params if p["name"] == "hovered"]
    assert hover["select"]["on"] == "pointerover" and hover["select"]["fields"] == ["hope"]
    bar_names = [layer.get("name") for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    assert not hover.get("views") or set(hover["views"]) <= set(bar_names)


def test_every_chart_has_a_description_and_words_that_repeat_its_figures():
    hopes, treatment = load("survey_hopes"), load("survey_treatment")
    for figure, frame in ((survey_hopes.hopes(), hopes), (survey_hopes.treatment(), treatment)):
        spec = spec_of(figure)
        assert len(spec["description"]) > 60
        for count in frame["count"]:
            assert str(count) in spec["description"] and str(count) in figure.text
    assert "71, more than the 40 asked" in survey_hopes.hopes().text


def test_treatment_shares_are_the_printed_ones_and_add_up():
    treatment = load("survey_treatment")
    text = survey_hopes.treatment().text
    for share in treatment["share_printed"]:
        assert f"{share:g}%" in text
    assert treatment["count"].sum() == treatment["base"].iloc[0]


def test_colours_come_from_the_colour_blind_safe_palette():
    spec = json.dumps(spec_of(survey_hopes.treatment()))
    assert charts.OKABE_ITO["blue"] in spec and charts.OKABE_ITO["orange"] in spec
    assert "Yes: 11 (27.5%)" in json.dumps(layer_values(spec_of(survey_hopes.treatment()))), "labels, not colour alone"


def test_percent_formatting():
    assert charts.percent(35, 40) == "87.5%" and charts.percent(26, 40) == "65%" and charts.percent(1, 3) == "33.3%"


def test_chart_output_for_jupyter_and_for_the_book():
    figure = survey_hopes.hopes()
    bundle = figure._repr_mimebundle_()
    assert set(bundle) == {charts.VEGALITE_MIME, "text/plain"}
    html = chart_html(bundle[charts.VEGALITE_MIME])
    assert html.startswith('<figure class="nkbook-chart"') and 'aria-label="Bar chart of three hopes' in html
    assert "</script>" in html and html.count("</script>") == 1, "the spec cannot close its script early"


def test_the_page_names_each_chart_by_its_finding_and_leaves_the_figures_to_the_words_under_it():
    for figure in every_chart_of_the_book():
        spec = spec_of(figure)
        label = figure.finding.label
        assert spec["usermeta"]["nkbook"]["label"] == label
        assert label.startswith(figure.finding.drawn.rstrip(".")) and label in spec["description"]
        assert len(label) < len(spec["description"]), "the label leaves out the words"
        html = chart_html(spec)
        assert f'aria-label="{escape(label)}"' in html.split(">", 1)[0]
    words_only = "87.5%"  # a share the survey's words give, not its title
    assert words_only in survey_hopes.hopes().text and words_only not in survey_hopes.hopes().finding.label


def test_a_different_table_gives_a_different_chart():
    frame = pd.DataFrame({"hope": ["A", "B"], "count": [3, 1], "base": [4, 4]})
    figure = survey_hopes.hopes(frame)
    assert "3 of 4" in figure.text and "\u201cA\u201d" in " ".join(spec_of(figure)["title"]["text"])


def charts_by_chapter():
    """(chapter module, function, figure) of every chart a chapter draws: each public function of a chart
    module that returns a Figure, called as the chapters call it (with the data of data/)."""
    import importlib
    import inspect

    for name in charts.CHAPTERS.values():
        module = importlib.import_module(f"nkbook.charts.{name}")
        for function_name, function in inspect.getmembers(module, inspect.isfunction):
            returns = inspect.signature(function).return_annotation
            if function.__module__ == module.__name__ and returns in ("Figure", charts.Figure):
                if not function_name.startswith("_"):
                    yield name, function_name, function()


def every_chart_of_the_book():
    return [figure for _, _, figure in charts_by_chapter()]


def test_a_live_notebook_never_gets_a_container_width_and_the_book_gets_it_back():
    """JupyterLab redraws a container-wide chart in a loop until the tab hangs (tests/test_live_notebook.py);
    the notebook output carries a fixed width, and the book draws the chart as wide as its column."""
    from nkbook.outputs import LIVE_WIDTH, for_book
    from nkbook.sphinx.charts import ChartMimeRenderer

    container = 0
    for figure in every_chart_of_the_book():
        spec = figure.chart.to_dict()
        live = figure._repr_mimebundle_()[charts.VEGALITE_MIME]
        assert '"container"' not in json.dumps(live), figure.description[:60]
        book = for_book(live)
        assert {k: v for k, v in book.items() if k != "usermeta"} == {k: v for k, v in spec.items() if k != "usermeta"}
        if spec.get("width") == "container":
            container += 1
            assert live["width"] == LIVE_WIDTH and live["usermeta"]["nkbook"]["container_width"] is True
            # What the book's renderer receives from the notebook is drawn as wide as the column.
            data = type("Data", (), {"mime_type": charts.VEGALITE_MIME, "content": live, "string": ""})()
            (node,) = ChartMimeRenderer.handle_mime(None, data, False)
            assert '"width":"container"' in node.astext()
    assert container >= 8  # most charts are as wide as the column in the book


def test_each_chapter_has_one_chart_module_named_after_it_that_says_what_it_cites():
    """``chapters/sold-and-stateless.ipynb`` draws with ``charts.sold_and_stateless`` and cites its ``CITES``."""
    from nkbook.paths import root
    from nkbook.sources import context_rows, sources

    chapters = root() / "chapters"
    assert set(charts.CHAPTERS) == {p.stem for p in chapters.glob("*.ipynb")}
    known = set(sources()) | set(context_rows())
    for chapter, name in charts.CHAPTERS.items():
        assert name == chapter.replace("-", "_")
        cites = getattr(charts, name).CITES
        assert cites and len(set(cites)) == len(cites) and set(cites) <= known, name
        notebook = (chapters / f"{chapter}.ipynb").read_text(encoding="utf-8")
        assert f"charts.cite({name})" in notebook and "show_citations" not in notebook, chapter
        assert f"from nkbook.charts import {name}" in notebook, chapter


def test_the_theme_is_registered_once_with_altair():
    import altair as alt

    assert alt.theme.active == "nkbook"
    spec = spec_of(survey_hopes.treatment())
    assert spec["config"]["font"] == charts.FONT and spec["config"]["title"]["anchor"] == "start"


def test_every_chart_the_chapters_draw_is_valid_vega_lite_wide_and_narrow():
    """The build writes the specs out unchecked (charts.base.Figure): the check is here."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    drawn, narrow = {}, []
    for module, function, figure in charts_by_chapter():
        spec = figure.chart.to_dict(validate=True)
        if "narrow" in spec.get("usermeta", {}).get("nkbook", {}):  # the phone's layout, made apart
            validate_jsonschema(spec["usermeta"]["nkbook"]["narrow"], schema)
            narrow.append(function)
        drawn.setdefault(module, []).append(function)
    assert set(drawn) == set(charts.CHAPTERS.values()), "every chapter draws at least one chart"
    assert "timeline" in narrow


def test_an_invalid_spec_is_caught_by_that_check():
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    with pytest.raises(jsonschema.ValidationError):
        validate_jsonschema({"mark": "bar", "encoding": {"x": {"field": "a", "type": "nonsense"}}}, load_schema())
