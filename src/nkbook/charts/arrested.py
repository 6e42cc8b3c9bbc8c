"""Charts of the chapter "Arrested after texting about South Korea" (the arrests in Hebei Province, seed 001).

- :func:`timeline`: the steps from the women's WeChat messages to their detention, in the order the
  article gives them, with the offsets as printed (no calendar dates: the article gives none but
  "the end of January"); the detention is drawn as a range, never a point.
- :func:`wage_calculator`: what one of the women was owed at the sewing factory for a number of days
  the reader chooses, in yuan and, at the article's own conversion, in dollars; and what she was paid.
  Everything is computed in the browser from Vega-Lite params, so it works with no kernel.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from ..data import load
from .base import GREY_TRACK, OKABE_ITO, TEXT, Figure, Finding, number_word, words_behind

# What the chapter cites: the article on the arrests in Hebei.
CITES = ["001_9bfd2c995f377ad1.txt"]

NOT_GIVEN = "not given"
DAYS_MAX = 120  # the calculator's slider: days worked, 0 to DAYS_MAX
QUOTE_WIDTH = 38  # characters per line of a quote shown inside the timeline, so that it fits a 320 px phone
LINE_WIDTH = 27  # characters per line of a step, so that it fits a 320 px phone (the page sets it as written)
LINE_HEIGHT = 17  # pixels per line of text


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA or str(value) == ""


def _offset(row) -> str:
    """The time after the step before, as the table gives it: one figure, a range, or nothing."""
    lo, hi, unit = row["after_previous_min"], row["after_previous_max"], row["unit"]
    if _blank(lo) and _blank(hi):
        return ""
    lo, hi = int(lo), int(hi)
    return f"{lo} {unit}" if lo == hi else f"{lo} to {hi} {unit}"


def _steps(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame.sort_values("step_order").reset_index(drop=True).copy()
    rows["step_order"] = rows["step_order"].astype(int)
    rows["row"] = [f"step {n}" for n in rows["step_order"]]
    rows["offset"] = [_offset(r) for _, r in rows.iterrows()]
    whens = []
    for i, r in rows.iterrows():
        parts = []
        if r["offset"] and i > 0:
            kind = "after the step before" if r["offset"].count(" to ") == 0 else "(a range, not a point)"
            parts.append(f"{r['offset']} {kind}")
        when = r["when_as_printed"]
        parts.append("when: not given in the article" if when == NOT_GIVEN else f"when: \u201c{when}\u201d")
        whens.append(" \u00b7 ".join(parts))
    rows["when_line"] = whens
    rows["number"] = rows["step_order"].astype(str)
    rows["step_wrapped"] = ["\n".join(textwrap.wrap(t, LINE_WIDTH)) for t in rows["step"]]
    rows["when_wrapped"] = ["\n".join(textwrap.wrap(t, LINE_WIDTH + 4)) for t in rows["when_line"]]
    rows["name_shift"] = [-(text.count("\n") + 1) * LINE_HEIGHT - 2 for text in rows["step_wrapped"]]
    rows["quote_wrapped"] = ["\n".join(textwrap.wrap(f"\u201c{q}\u201d", QUOTE_WIDTH)) for q in rows["quote"]]
    return rows


def step_height(rows: pd.DataFrame) -> int:
    """The height of a step's row: its name stands above the row's middle and its 'when' below, so
    each half holds the most lines either takes, with room between the steps."""
    lines = max(max(t.count("\n") + 1 for t in rows[col]) for col in ("step_wrapped", "when_wrapped"))
    return max(110, 2 * lines * LINE_HEIGHT + 24)


def timeline(frame: pd.DataFrame | None = None) -> Figure:
    """From WeChat messages to detention: the steps in order, the offsets as printed, the quote behind each."""
    frame = load("hebei_timeline") if frame is None else frame
    rows = _steps(frame)
    ranged = rows[rows["after_previous_min"].notna() & (rows["after_previous_min"] != rows["after_previous_max"])]
    ranges = ranged[["step_order", "after_previous_min", "after_previous_max", "unit"]].copy()
    ranges = ranges.astype({"after_previous_min": int, "after_previous_max": int})
    ranges["row"] = [f"range {n}" for n in ranges["step_order"]]
    ranges["zero"] = 0
    ranges["lo_label"] = [f"{lo} {u}" for lo, u in zip(ranges["after_previous_min"], ranges["unit"])]
    ranges["hi_label"] = [f"{hi} {u}" for hi, u in zip(ranges["after_previous_max"], ranges["unit"])]
    ranges["caption"] = [
        f"Held for {lo} to {hi} {u}, the police said:\na range, not a release date"
        for lo, hi, u in zip(ranges["after_previous_min"], ranges["after_previous_max"], ranges["unit"])
    ]

    order = []
    for n in rows["step_order"]:
        order.append(f"step {n}")
        if n in set(ranges["step_order"]):
            order.append(f"range {n}")
    order.append("quote")
    n_steps = len(rows)

    hover = alt.selection_point(
        name="step_hover", on="pointerover", fields=["step_order"], clear="pointerout", empty=False
    )
    shown = alt.param(
        name="step_shown",
        value=int(rows["step_order"].iloc[0]),
        bind=alt.binding_select(
            options=[int(n) for n in rows["step_order"]],
            labels=[f"Step {n}" for n in rows["step_order"]],
            name="Show the source\u2019s words for: ",
        ),
    )
    y = alt.Y("row:N", sort=order, scale=alt.Scale(domain=order, paddingOuter=0.3), axis=None, title=None)
    tooltip = [
        alt.Tooltip("number:N", title="Step"),
        alt.Tooltip("step:N", title="What happened"),
        alt.Tooltip("when_line:N", title="When"),
        alt.Tooltip("quote:N", title="The article"),
    ]
    steps = alt.Chart(rows)
    active = "datum.step_order == step_shown"

    band = (
        steps.mark_rect(color=OKABE_ITO["sky"])
        .encode(
            y=y,
            x=alt.value(0),
            x2=alt.value("width"),
            opacity=alt.condition(hover, alt.value(0.25), alt.value(0.001)),
            tooltip=tooltip,
        )
        .add_params(hover)
    )
    dots = steps.mark_circle(size=620, stroke=TEXT).encode(
        y=y,
        x=alt.value(18),
        color=alt.value(OKABE_ITO["blue"]),
        strokeWidth=alt.condition(
            f"{active} || step_hover.step_order == datum.step_order", alt.value(2.5), alt.value(0)
        ),
        tooltip=tooltip,
    )
    numbers = steps.mark_text(fontWeight="bold", color="white", fontSize=14).encode(
        y=y, x=alt.value(18), text="number:N", tooltip=tooltip
    )
    # A step's name stands above the middle of its row, however many lines it takes: one layer per count.
    names = [
        steps.transform_filter(f"datum.name_shift == {shift}")
        .mark_text(
            align="left",
            baseline="top",
            fontSize=14,
            lineBreak="\n",
            lineHeight=LINE_HEIGHT,
            dy=shift,
        )
        .encode(y=y, x=alt.value(42), text="step_wrapped:N", tooltip=tooltip)
        for shift in sorted(set(rows["name_shift"]))
    ]
    whens = steps.mark_text(
        align="left", baseline="top", dy=3, fontSize=13, fontStyle="italic", lineBreak="\n", lineHeight=LINE_HEIGHT
    ).encode(y=y, x=alt.value(42), text="when_wrapped:N", tooltip=tooltip)
    quote = steps.transform_filter(active).transform_calculate(
        head="'Step ' + datum.step_order + ', in the article\u2019s words:'",
        row="'quote'",
    )
    quote_head = quote.mark_text(align="left", baseline="top", dy=-14, fontWeight="bold").encode(
        y=y, x=alt.value(0), text="head:N"
    )
    quote_body = quote.mark_text(align="left", baseline="top", dy=6, lineBreak="\n", lineHeight=17).encode(
        y=y, x=alt.value(0), text="quote_wrapped:N"
    )
    layers = [band, dots, numbers, *names, whens, quote_head, quote_body]

    if len(ranges):
        months = ranges["after_previous_max"].max()
        rx = alt.Scale(domain=[0, int(months)], nice=False, zero=True)
        rchart = alt.Chart(ranges)
        track = rchart.mark_bar(color=GREY_TRACK, size=16).encode(
            y=y, x=alt.X("zero:Q", scale=rx, axis=None), x2="after_previous_max:Q"
        )
        held = rchart.mark_bar(color=OKABE_ITO["vermillion"], size=16, stroke=TEXT, strokeWidth=1).encode(
            y=y,
            x=alt.X("after_previous_min:Q", scale=rx, axis=None),
            x2="after_previous_max:Q",
            tooltip=[
                alt.Tooltip("caption:N", title="Detention"),
                alt.Tooltip("after_previous_min:Q", title="At least"),
                alt.Tooltip("after_previous_max:Q", title="At most"),
                alt.Tooltip("unit:N", title="Unit"),
            ],
        )
        caption = rchart.mark_text(
            align="left", baseline="top", dy=-2 * LINE_HEIGHT - 12, lineBreak="\n", lineHeight=LINE_HEIGHT
        ).encode(y=y, x=alt.X("zero:Q", scale=rx, axis=None), text="caption:N")
        arrest = (
            rchart.transform_calculate(label="'arrest'")
            .mark_text(align="left", baseline="top", dy=10)
            .encode(y=y, x=alt.X("zero:Q", scale=rx, axis=None), text="label:N")
        )
        lo = rchart.mark_text(align="right", baseline="top", dy=10, dx=-4, fontWeight="bold").encode(
            y=y, x=alt.X("after_previous_min:Q", scale=rx, axis=None), text="lo_label:N"
        )
        hi = rchart.mark_text(align="right", baseline="top", dy=10, fontWeight="bold").encode(
            y=y, x=alt.X("after_previous_max:Q", scale=rx, axis=None), text="hi_label:N"
        )
        layers[1:1] = [track, held, caption, arrest, lo, hi]

    arrest_row = rows[rows["offset"].str.len() > 0].iloc[0]
    held_row = ranged.iloc[0] if len(ranged) else None
    title_bits = [f"{arrest_row['offset']} from exchanging texts to arrest"]
    if held_row is not None:
        title_bits += [
            f"then {int(held_row['after_previous_min'])} to {int(held_row['after_previous_max'])} "
            f"{held_row['unit']} in jail,",
            "the police said",
        ]
    offsets = []
    for i, r in rows.iterrows():
        offset = r["offset"] if (r["offset"] and i > 0) else "not given"
        if r["offset"] and r["after_previous_min"] != r["after_previous_max"]:
            offset = f"held {offset}, the police said (a range, not a release date)"
        offsets.append(offset)
    finding = Finding(
        title=[title_bits[0][0].upper() + title_bits[0][1:] + ("," if len(title_bits) > 1 else "")] + title_bits[1:],
        subtitle=[
            "The steps in the article\u2019s order, not to a time scale:",
            "its only calendar words for the arrest are",
            "\u201cthe end of January\u201d. Point at a step, or choose one",
            "below, to read the source\u2019s words.",
        ],
        drawn=f"Timeline of the {number_word(n_steps)} steps in the arrest of two North Korean women in Hebei "
        "Province, in the article's order, not to a time scale",
        words="the article gives the steps in this order, with no calendar date except "
        "\u201cthe end of January\u201d for the arrest: "
        + "; ".join(
            f"{r['step_order']}. {r['step']}"
            + (
                f" ({r['offset']} after the step before)"
                if r["offset"] and i > 0 and r["after_previous_min"] == r["after_previous_max"]
                else ""
            )
            + (
                f" ({r['offset']}, a range)"
                if r["offset"] and r["after_previous_min"] != r["after_previous_max"]
                else ""
            )
            for i, (_, r) in enumerate(rows.iterrows())
        )
        + f". The women were arrested {arrest_row['offset']} after their messages"
        + (
            f", and the police said they would be held for {int(held_row['after_previous_min'])} to "
            f"{int(held_row['after_previous_max'])} {held_row['unit']}: a range, not a release date."
            if held_row is not None
            else "."
        ),
        table=pd.DataFrame(
            {
                "Step": rows["step_order"],
                "What happened": rows["step"],
                "When, as the article puts it": [
                    "not given" if w == NOT_GIVEN else f"\u201c{w}\u201d" for w in rows["when_as_printed"]
                ],
                "Time after the step before": offsets,
            }
        ),
        right=("Step",),
        notes=words_behind(
            "The article\u2019s words behind each step",
            ((f"{r['step_order']}. {r['step']}", r["quote"]) for _, r in rows.iterrows()),
        ),
        derived={"steps": n_steps},
    )
    return finding.figure(
        alt.layer(*layers)
        .add_params(shown)
        .properties(width="container", height=step_height(rows) * n_steps + 100 * len(ranges) + 150)
    )


def _wage_figures(frame: pd.DataFrame) -> dict[str, float]:
    """The calculator's constants, each read from its row of ``wages``."""
    value = dict(zip(frame["item"], frame["value"].astype(float)))
    return {
        "wage": value["daily wage agreed"],
        "usd_per_day": value["daily wage agreed, in dollars"],
        "hours": value["hours worked a day"],
        "yuan_per_usd": value["yuan to the dollar, at the article's own conversion"],
        "weeks_january": value["weeks worked in January"],
        "paid": value["wages received from the factory"],
        "hourly": value["hourly rate, derived"],
    }


def _n(x: float) -> str:
    return f"{x:g}"


def wage_calculator(frame: pd.DataFrame | None = None, default_days: int = 0, default_per_week: int = 5) -> Figure:
    """A calculator that works in the static page: the reader sets the days worked (and the days a week in
    January); text marks driven by the params show what she was owed, in yuan and in dollars."""
    frame = load("wages") if frame is None else frame
    f = _wage_figures(frame)
    wage, hours, rate, weeks, paid = f["wage"], f["hours"], f["yuan_per_usd"], f["weeks_january"], f["paid"]

    days = alt.param(
        name="days_worked",
        value=default_days,
        bind=alt.binding_range(min=0, max=DAYS_MAX, step=1, name="Days she worked (your choice): "),
    )
    per_week = alt.param(
        name="days_per_week",
        value=default_per_week,
        bind=alt.binding_range(min=1, max=7, step=1, name="Days a week in January (the article does not say): "),
    )
    order = ["owed", "paid", "january", "hours", "hourly"]
    rows = pd.DataFrame({"row": order})
    for key in ("wage", "hours", "yuan_per_usd", "weeks_january", "paid", "hourly"):
        rows[key] = f[key]
    rows["order"] = range(len(rows))

    plural = "(({n}) == 1 ? ' day' : ' days')"
    usd = "format(({yuan}) / datum.yuan_per_usd, ',.0f')"
    heading = {
        "owed": "'Owed to her, at RMB ' + datum.wage + ' a day'",
        "paid": "'Paid by the factory so far'",
        "january": "'January: ' + datum.weeks_january + ' weeks of ' + days_per_week + "
        + plural.format(n="days_per_week"),
        "hours": "'Hours worked, at ' + datum.hours + ' a day'",
        # Headings are kept short enough for one line on a 320 px phone: a second line would run into
        # the bar or the value under it.
        "hourly": "'Per hour (worked out by us)'",
    }
    value = {
        "owed": "days_worked + " + plural.format(n="days_worked") + " + ': RMB ' + format(datum.owed, ',') "
        "+ ', about USD ' + " + usd.format(yuan="datum.owed"),
        "paid": "'RMB ' + format(datum.paid, ',')",
        "january": "datum.jan_days + ' days: RMB ' + format(datum.jan_owed, ',') + ', about USD ' + "
        + usd.format(yuan="datum.jan_owed"),
        "hours": "format(days_worked * datum.hours, ',') + ' hours in ' + days_worked + "
        + plural.format(n="days_worked"),
        "hourly": "'RMB ' + datum.wage + ' \u00f7 ' + datum.hours + ' hours = RMB ' + datum.hourly + ' an hour'",
    }

    def by_row(exprs: dict[str, str]) -> str:
        *first, last = order
        return " : ".join(f"datum.row == '{r}' ? {exprs[r]}" for r in first) + f" : {exprs[last]}"

    base = (
        alt.Chart(rows)
        .transform_calculate(
            owed="days_worked * datum.wage",
            jan_days="datum.weeks_january * days_per_week",
            jan_owed="datum.weeks_january * days_per_week * datum.wage",
        )
        .transform_calculate(
            amount=(
                "datum.row == 'owed' ? datum.owed : datum.row == 'paid' ? datum.paid : "
                "datum.row == 'january' ? datum.jan_owed : null"
            ),
            heading=by_row(heading),
            value=by_row(value),
        )
        .transform_calculate(label="datum.heading + ': ' + datum.value")
    )
    top = wage * DAYS_MAX
    x = alt.X(
        "amount:Q",
        title="Yuan (RMB)",
        scale=alt.Scale(domain=[0, top], nice=False),
        axis=alt.Axis(format=",.0f", tickCount=5, grid=False),
    )
    y = alt.Y(
        "row:N", sort=order, scale=alt.Scale(domain=order, paddingInner=0.4, paddingOuter=0.3), axis=None, title=None
    )
    colours = alt.Color(
        "row:N",
        scale=alt.Scale(
            domain=["owed", "paid", "january"], range=[OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["orange"]]
        ),
        legend=None,
    )
    barred = base.transform_filter("datum.amount != null")
    unbarred = base.transform_filter("datum.amount == null")
    track = (
        barred.transform_calculate(full=str(top))
        .mark_bar(color=GREY_TRACK, size=18)
        .encode(y=y, x=alt.X("full:Q", scale=alt.Scale(domain=[0, top], nice=False)))
    )
    bars = barred.mark_bar(stroke=TEXT, strokeWidth=1, size=18).encode(
        y=y,
        x=x,
        color=colours,
        tooltip=[alt.Tooltip("label:N", title="Figure")],
    )
    zero = barred.mark_tick(color=TEXT, thickness=2, size=18).encode(y=y, x=alt.X("amount:Q"))
    # Each row: its heading above (and its bar, if it has one), its value below in bold.
    texts = [
        barred.mark_text(align="left", baseline="bottom", dy=-13, fontSize=14).encode(
            y=y, x=alt.value(0), text="heading:N"
        ),
        barred.mark_text(align="left", baseline="top", dy=13, fontSize=14, fontWeight="bold").encode(
            y=y, x=alt.value(0), text="value:N"
        ),
        unbarred.mark_text(align="left", baseline="bottom", dy=-2, fontSize=14).encode(
            y=y, x=alt.value(0), text="heading:N"
        ),
        unbarred.mark_text(align="left", baseline="top", dy=2, fontSize=14, fontWeight="bold").encode(
            y=y, x=alt.value(0), text="value:N"
        ),
    ]
    finding = Finding(
        title=[f"She understood she would get RMB {_n(wage)} a day;", f"she was paid RMB {_n(paid)}"],
        subtitle=[
            "Move the sliders: the article gives neither the days",
            "she worked nor the days a week. Every result is an",
            "illustration, not a figure from the article.",
        ],
        drawn="Wage calculator for one of the women arrested in Hebei: two sliders set the days she worked and her "
        "days a week in the weeks of January, and the chart shows what she was owed, in yuan and in dollars",
        words=f"the calculator multiplies the days you choose by the wage she understood she "
        f"would receive, RMB {_n(wage)} a day (for {_n(hours)} hours a day), "
        f"and divides by about {_n(rate)} yuan to the dollar, the article's own conversion (RMB {_n(wage)} is "
        f"\u201caround USD {_n(f['usd_per_day'])}\u201d). Against what she was owed stands what she was paid: "
        f"RMB {_n(paid)}. The article does not say how many days she worked, nor how many days a week, so every "
        "result is an illustration, not a figure from the article.",
        table=pd.DataFrame(
            {
                "What the article gives": [
                    "Agreed daily wage",
                    "Hours a day",
                    "Months with wages delayed",
                    "Weeks worked in January",
                    "Paid by the factory",
                    "Per hour, derived by us",
                ],
                "Figure": [
                    f"RMB {_n(wage)} (around USD {_n(f['usd_per_day'])})",
                    _n(hours),
                    "October to December",
                    _n(weeks),
                    f"RMB {_n(paid)}: she \u201chas still not received a penny from the factory\u201d",
                    f"RMB {_n(wage)} \u00f7 {_n(hours)} hours = RMB {_n(f['hourly'])}",
                ],
            }
        ),
    )
    return finding.figure(
        alt.layer(track, bars, zero, *texts)
        .add_params(days, per_week)
        .properties(width="container", height=84 * len(order))
    )
