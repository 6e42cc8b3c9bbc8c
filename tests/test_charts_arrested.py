"""Charts of the chapter "Arrested after texting about South Korea": the Hebei timeline and the wage calculator.

The timeline must keep the article's order and its offsets as printed (three days; three to six months as
a range), invent no date, and carry the quote behind each step.  The calculator must be driven by params
that work with no kernel, read every constant from data/wages.csv, and compute the right figures in a
real browser.
"""

from __future__ import annotations

import json

import pytest
from vegaspec import all_params, spec_of

from nkbook import paths
from nkbook.charts import arrested
from nkbook.data import load
from nkbook.exercises import load_bank


def datasets(spec):
    return list(spec["datasets"].values())


def wage_row(item):
    frame = load("wages")
    return float(frame.loc[frame["item"] == item, "value"].iloc[0])


# --- the timeline -------------------------------------------------------------------------------------


def test_timeline_draws_every_step_of_the_table_in_order_with_its_quote():
    table = load("hebei_timeline").sort_values("step_order")
    spec = spec_of(arrested.timeline())
    (steps,) = [d for d in datasets(spec) if d and "step" in d[0]]
    assert [r["step_order"] for r in steps] == table["step_order"].tolist()
    assert [r["step"] for r in steps] == table["step"].tolist()
    assert [r["quote"] for r in steps] == table["quote"].tolist()
    # The y axis is sorted by the article's order, not alphabetically.
    layer_y = [layer["encoding"]["y"] for layer in spec["layer"] if "y" in layer.get("encoding", {})]
    orders = {tuple(y["sort"]) for y in layer_y}
    (order,) = orders
    assert [o for o in order if o.startswith("step")] == [f"step {n}" for n in table["step_order"]]


def test_timeline_invents_no_date_and_draws_no_time_scale():
    spec = json.dumps(spec_of(arrested.timeline()))
    assert '"temporal"' not in spec and '"timeUnit"' not in spec
    for made_up in ("2024-01", "Jan 2", "January 2", "January 3"):
        assert made_up not in spec
    assert "the end of January" in spec


def test_timeline_shows_the_arrest_offset_as_printed_and_detention_as_a_range():
    table = load("hebei_timeline").set_index("step_order")
    arrest_row, held_row = table.loc[2], table.loc[4]
    assert arrest_row["after_previous_min"] == arrest_row["after_previous_max"] == 3
    assert (held_row["after_previous_min"], held_row["after_previous_max"]) == (3, 6)
    spec = spec_of(arrested.timeline())
    (ranges,) = [d for d in datasets(spec) if d and "after_previous_min" in d[0] and "step" not in d[0]]
    (held,) = ranges
    assert (held["after_previous_min"], held["after_previous_max"]) == (3, 6) and held["unit"] == "months"
    # Drawn as a band from the least to the most (x to x2), never as a single point.
    bands = [
        line
        for line in spec["layer"]
        if line["mark"]["type"] == "bar" and line["encoding"].get("x", {}).get("field") == "after_previous_min"
    ]
    assert len(bands) == 1 and bands[0]["encoding"]["x2"]["field"] == "after_previous_max"
    points = [
        line
        for line in spec["layer"]
        if line["mark"]["type"] in ("point", "circle", "tick")
        and line["encoding"].get("x", {}).get("field", "").startswith("after_previous")
    ]
    assert points == [], "the detention range must not collapse to a point"


def test_timeline_hover_tooltip_carries_the_quote_and_a_select_works_without_a_kernel():
    spec = spec_of(arrested.timeline())
    params = {p["name"]: p for p in all_params(spec)}
    hover = params["step_hover"]
    assert hover["select"]["on"] == "pointerover" and hover["select"]["fields"] == ["step_order"]
    shown = params["step_shown"]
    assert shown["bind"]["input"] == "select" and shown["bind"]["options"] == [1, 2, 3, 4]
    tooltips = [line["encoding"]["tooltip"] for line in spec["layer"] if "tooltip" in line.get("encoding", {})]
    assert any(any(t["field"] == "quote" for t in tip) for tip in tooltips)
    # The chosen step's quote is drawn in the chart, filtered by the bound param.
    assert any(
        t.get("filter") == "datum.step_order == step_shown" for line in spec["layer"] for t in line.get("transform", [])
    )


def test_timeline_description_and_words_repeat_the_offsets():
    figure = arrested.timeline()
    description = figure.description
    assert "3 days after the step before" in description and "3 to 6 months, a range" in description
    assert "the end of January" in description
    assert "3 days after their messages" in figure.text and "3 to 6 months: a range, not a release date" in figure.text
    for step in load("hebei_timeline")["step"]:
        assert step in figure.text and step in description


def test_a_different_timeline_table_gives_a_different_chart():
    frame = load("hebei_timeline").copy()
    frame["after_previous_min"] = frame["after_previous_min"].astype("Int64")
    frame["after_previous_max"] = frame["after_previous_max"].astype("Int64")
    frame.loc[frame["step_order"] == 4, "after_previous_max"] = 9
    figure = arrested.timeline(frame)
    assert "3 to 9 months" in figure.text and "3 to 9 months" in " ".join(spec_of(figure)["title"]["text"])


# --- the wage calculator ------------------------------------------------------------------------------


def test_calculator_constants_are_the_table_values():
    spec = spec_of(arrested.wage_calculator())
    (rows,) = datasets(spec)
    row = rows[0]
    assert row["wage"] == wage_row("daily wage agreed") == 70
    assert row["hours"] == wage_row("hours worked a day") == 10
    assert row["yuan_per_usd"] == wage_row("yuan to the dollar, at the article's own conversion") == 7
    assert row["weeks_january"] == wage_row("weeks worked in January") == 2
    assert row["paid"] == wage_row("wages received from the factory") == 0
    assert row["hourly"] == wage_row("hourly rate, derived") == row["wage"] / row["hours"]
    # The article's own pair: RMB 70 is around USD 10, so the rate is 70 / 10.
    assert wage_row("daily wage agreed") / wage_row("daily wage agreed, in dollars") == row["yuan_per_usd"]


def test_calculator_params_are_bound_to_range_sliders_and_drive_the_text():
    spec = spec_of(arrested.wage_calculator())
    params = {p["name"]: p for p in all_params(spec)}
    days, per_week = params["days_worked"], params["days_per_week"]
    assert days["bind"]["input"] == "range" and (days["bind"]["min"], days["bind"]["max"]) == (0, arrested.DAYS_MAX)
    assert per_week["bind"]["input"] == "range" and (per_week["bind"]["min"], per_week["bind"]["max"]) == (1, 7)
    calculations = [t["calculate"] for line in spec["layer"] for t in line.get("transform", []) if "calculate" in t]
    assert any("days_worked * datum.wage" in c for c in calculations)
    assert any("days_per_week" in c for c in calculations)
    (values,) = [t for line in spec["layer"][:1] for t in line.get("transform", []) if t.get("as") == "value"]
    assert "about USD" in values["calculate"] and "/ datum.yuan_per_usd" in values["calculate"]
    assert "days_worked" in values["calculate"] and "datum.jan_owed" in values["calculate"]
    text_layers = [line for line in spec["layer"] if line["mark"]["type"] == "text"]
    assert len(text_layers) == 4 and {line["encoding"]["text"]["field"] for line in text_layers} == {"heading", "value"}


def test_calculator_says_its_results_are_illustrations_and_the_hourly_rate_is_derived():
    figure = arrested.wage_calculator()
    spec = spec_of(figure)
    assert "illustration, not a figure from the article" in " ".join(spec["title"]["subtitle"])
    assert "illustration, not a figure from the article" in figure.text
    assert "the article gives neither the days she worked nor the days a week" in " ".join(spec["title"]["subtitle"])
    assert "RMB 70 \u00f7 10 hours = RMB 7" in figure.text and "derived by us" in figure.text
    assert "worked out by us" in json.dumps(spec, ensure_ascii=False)
    # Dollars are hedged as the article hedges them.
    assert "around USD 10" in figure.description and "about 7 yuan to the dollar" in figure.description
    for figure_text in ("RMB 70", "RMB 0", "10 hours", "around USD 10"):
        assert figure_text in figure.description
    assert "| Paid by the factory | RMB 0" in figure.text


def test_a_different_wage_table_gives_a_different_calculator():
    frame = load("wages").copy()
    frame.loc[frame["item"] == "daily wage agreed", "value"] = 80.0
    figure = arrested.wage_calculator(frame)
    assert "RMB 80 a day" in " ".join(spec_of(figure)["title"]["text"])
    assert datasets(spec_of(figure))[0][0]["wage"] == 80


def test_the_numeric_exercise_matches_the_data():
    answer = load_bank()["arrested-3"].answer
    illustration = wage_row("illustration: owed for two weeks of January if she worked every day")
    assert answer == illustration == wage_row("weeks worked in January") * 7 * wage_row("daily wage agreed")


# --- in a real browser, with no kernel ----------------------------------------------------------------

VENDOR = ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"]


@pytest.fixture
def blank(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.set_content('<html lang="en"><body><div id="view" style="width:700px"></div></body></html>')
    for rel in VENDOR:
        page.add_script_tag(path=str(paths.root() / "node_modules" / rel))
    yield page
    context.close()


def embed(page, spec):
    page.evaluate(
        "spec => vegaEmbed('#view', spec, {actions: false, renderer: 'svg'}).then(r => { window.view = r.view; })", spec
    )
    page.wait_for_function("window.view !== undefined")


def svg_texts(page) -> list[str]:
    """Every text mark of the drawn SVG; the lines of a multi-line mark joined by spaces."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('#view svg text')).map(t => {
        const lines = t.querySelectorAll('tspan');
        return lines.length ? Array.from(lines).map(l => l.textContent).join(' ') : t.textContent;
    })""")


def svg_text(page) -> str:
    return " ".join(svg_texts(page))


@pytest.mark.browser
def test_sliders_recompute_what_she_was_owed_in_the_browser(blank):
    embed(blank, spec_of(arrested.wage_calculator()))
    assert "Owed to her, at RMB 70 a day" in svg_text(blank) and "0 days: RMB 0, about USD 0" in svg_text(blank)
    for name, value in (("days_worked", 30), ("days_per_week", 7)):
        blank.evaluate(
            """([name, value]) => { const input = document.querySelector(`input[type=range][name=${name}]`);
                input.value = value; input.dispatchEvent(new Event('input', {bubbles: true})); }""",
            [name, value],
        )
    blank.wait_for_function("document.querySelector('#view svg').textContent.includes('30 days')")
    text = svg_text(blank)
    assert "30 days: RMB 2,100, about USD 300" in text
    assert "Hours worked, at 10 a day" in text and "300 hours in 30 days" in text
    assert "January: 2 weeks of 7 days" in text and "14 days: RMB 980, about USD 140" in text
    assert "Per hour (worked out by us)" in text
    assert "RMB 70 \u00f7 10 hours = RMB 7 an hour" in text
    assert "Paid by the factory so far" in text and "RMB 0" in svg_texts(blank)
    assert blank.errors == []


@pytest.mark.browser
def test_choosing_a_step_shows_its_quote_in_the_browser(blank):
    table = load("hebei_timeline").set_index("step_order")
    embed(blank, spec_of(arrested.timeline()))
    assert "Step 1, in the article\u2019s words:" in svg_text(blank)
    blank.select_option("#view select", label="Step 4")
    blank.wait_for_function("document.querySelector('#view svg').textContent.includes('Step 4, in the')")
    shown = " ".join(svg_text(blank).split())
    assert table.loc[4, "quote"].split(",")[0] in shown
    assert blank.errors == []
