"""Charts of the chapter "Never refugees" (seed 003, with the context table's legal texts and estimates).

:func:`repatriation_estimates` draws the five published figures for the forced repatriation of
October 2023, each as precisely as its source gives it: "more than 500" as a lower bound that runs
on to the edge of the scale, "some 500" as an approximate mark, "as many as 600" as an upper bound,
"600" as a point and "hundreds" as a band with no place on the scale. They are never averaged. How precise
each is, is read by :func:`nkbook.readings.figures_meaning.precision`.
"""

from __future__ import annotations

import math
import textwrap

import altair as alt
import pandas as pd

from ..data import load
from ..readings.figures_meaning import precision
from .base import GREY_TRACK, OKABE_ITO, Figure, Finding, number_word

# What the chapter cites: the article of seed 003, then the legal texts and estimates of the context tables.
CITES = [
    "003_e85c76ced79790a2.txt",
    "rc1951_art1A2",
    "rc1951_art33",
    "china_accession",
    "china_acceded_1982",  # ours (data/context_additions.csv): the exact word, "acceded"
    "accession_meaning",  # ours: what accession is
    "china_position_2023",
    "border_protocol_1986",
    "border_protocol_1998_cecc",
    "border_protocol_1964",
    "coi_china_repat",
    "coi_aiding_abetting",
    "detained_pre2023",
    "repat_2023_10_500",
    "repat_2023_10_hrw",
    "repat_2023_10_tjwg",
    "repat_2023_10_hrf",
    "repat_2023_10_un",
    "repat_2020_2024_hrw",
]

# The rows of data/context_figures.csv that report the forced repatriation of October 2023, in the
# order the chart draws them, with who gives the figure and, where the context row's source is not
# that organisation's own publication, the outlet that reported it ("as reported by").
ESTIMATES = {
    "repat_2023_10_500": ("Rights groups (not named)", "International IDEA"),
    "repat_2023_10_hrw": ("Human Rights Watch", "UCA News"),
    "repat_2023_10_tjwg": ("TJWG and Global Rights Compliance", "Newsweek"),
    "repat_2023_10_hrf": ("Human Rights Foundation", None),
    "repat_2023_10_un": ("UN human rights experts", None),
}

# How precise each figure is, read from the words printed with it, and how the chart draws it.
KINDS = ["lower bound", "approximate", "upper bound", "single figure", "no number"]
KIND_LABELS = {
    "lower bound": "Lower bound (\u201cmore than\u201d): at least the number, no upper figure",
    "approximate": "Approximate (\u201csome\u201d): about the number, either side",
    "upper bound": "Upper bound (\u201cas many as\u201d): at most the number",
    "single figure": "Single figure, given without a hedge",
    "no number": "No number (\u201chundreds\u201d): cannot be placed on the scale",
}
KIND_COLOURS = {
    "lower bound": OKABE_ITO["vermillion"],
    "approximate": OKABE_ITO["purple"],
    "upper bound": OKABE_ITO["blue"],
    "single figure": OKABE_ITO["black"],
    "no number": OKABE_ITO["green"],
}
KIND_SHAPES = {
    "lower bound": "triangle-right",
    "approximate": "diamond",
    "upper bound": "triangle-left",
    "single figure": "circle",
    "no number": "square",
}


def _quote_parts(quote: str, width: int = 190) -> list[str]:
    """A long quote cut at word boundaries, so the tooltip shows all of it (each cell shows ~7 lines)."""
    return textwrap.wrap(quote, width=width) or [""]


def estimate_rows(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per estimate: who gives it, the figure exactly as printed, its kind and its number."""
    frame = load("context_figures") if frame is None else frame
    rows = []
    for order, (figure_id, (who, reported_by)) in enumerate(ESTIMATES.items()):
        match = frame.loc[frame["figure_id"] == figure_id]
        if match.empty:
            raise KeyError(f"data/context_figures.csv has no row {figure_id!r}")
        row = match.iloc[0]
        kind, number = precision(str(row["value"]))
        label = who if reported_by is None else f"{who}, as reported by {reported_by}"
        rows.append(
            {
                "figure_id": figure_id,
                "order": order,
                "who": who,
                "reported_by": reported_by or "",
                "label": label,
                "value": str(row["value"]),
                "kind": kind,
                "kind_label": KIND_LABELS[kind],
                "number": number,
                "publication": str(row["source_title"]),
                "quote": str(row["quote"]),
            }
        )
    return pd.DataFrame(rows)


def repatriation_estimates(frame: pd.DataFrame | None = None) -> Figure:
    """The five figures for the forced repatriation of October 2023, each drawn with its own precision."""
    rows = estimate_rows(frame)
    numbers = sorted({int(n) for n in rows["number"].dropna()})
    edge = round(max(numbers) * 1.2)  # the right edge of the scale, where "more than" runs on
    parts = [_quote_parts(q) for q in rows["quote"]]
    n_parts = max(len(p) for p in parts)
    quote_fields = [f"quote_{i}" for i in range(n_parts)]
    for i, field in enumerate(quote_fields):
        rows[field] = [p[i] if i < len(p) else None for p in parts]
    rows["colour"] = rows["kind"].map(KIND_COLOURS)
    rows["title_line"] = [f"{label}: \u201c{value}\u201d" for label, value in zip(rows["label"], rows["value"])]
    # Where each mark stands. A bound runs from its number to the edge of the scale it leaves open.
    # (Object columns, so that a missing number stays null in the chart's data, never NaN or 0.)
    number = [None if pd.isna(n) else int(n) for n in rows["number"]]
    rows["number"] = pd.Series(number, dtype=object)
    rows["start"] = pd.Series(
        [n if k == "lower bound" else (0 if k == "upper bound" else None) for k, n in zip(rows["kind"], number)],
        dtype=object,
    )
    rows["end"] = pd.Series(
        [edge if k == "lower bound" else (n if k == "upper bound" else None) for k, n in zip(rows["kind"], number)],
        dtype=object,
    )

    # The tooltip is an expression rather than an encoding, so that a field a row does not have (no
    # second part of a short quote, no secondary outlet) is left out instead of shown as "null".
    tips = [
        ("Who says it", "who"),
        ("As reported by", "reported_by"),
        ("Figure as printed", "value"),
        ("How precise", "kind_label"),
        ("Published in", "publication"),
    ]
    tips += [("Their words" if i == 0 else "(continued)", field) for i, field in enumerate(quote_fields)]
    tooltip = {"expr": "{" + ", ".join(f"'{title}': datum.{field}" for title, field in tips) + "}"}

    hover = alt.selection_point(name="hovered", on="pointerover", fields=["figure_id"], clear="pointerout", empty=False)
    pick = alt.selection_point(name="picked", fields=["kind"], bind="legend")
    shown = alt.condition(pick, alt.value(1), alt.value(0.2))

    y = alt.Y(
        "label:N",
        sort=rows["label"].tolist(),
        title=None,
        axis=None,
        scale=alt.Scale(paddingInner=0.6, paddingOuter=0.35),
    )
    x_scale = alt.Scale(domain=[0, edge], nice=False)
    x_axis = alt.Axis(
        values=[0] + numbers,
        format="d",
        grid=True,
        gridDash=[2, 3],
        gridColor="#B8B8B8",
        title=["People forcibly returned in October 2023,", "as each source gives the number (the scale starts at 0)"],
    )
    base = alt.Chart(alt.Data(values=_records(rows)))
    # Colour and shape both say how precise a figure is, in one legend whose entries can be picked.
    legend = alt.Legend(
        title="How precise the figure is (pick one to single it out)",
        orient="bottom",
        direction="vertical",
        titleLimit=520,
        labelLimit=520,
        labelExpr=_label_expr(),
        symbolSize=160,
        symbolStrokeWidth=2,
        labelFontSize=13,
        titleFontSize=13,
    )
    colour = alt.Color("kind:N", scale=alt.Scale(domain=KINDS, range=[KIND_COLOURS[k] for k in KINDS]), legend=legend)
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=KINDS, range=[KIND_SHAPES[k] for k in KINDS]), legend=legend)
    # The other layers take the same colours straight from the data, through stroke and fill rather than
    # colour: a colour channel in several layers makes Vega-Lite merge legends and drop the click binding.
    stroke_only = alt.Stroke("colour:N", scale=None)
    fill_only = alt.Fill("colour:N", scale=None)

    # The row under the pointer is shaded, so a reader can follow it across the page.
    track = base.mark_rect(fill=GREY_TRACK).encode(
        y=y,
        x=alt.value(0),
        x2=alt.value("width"),
        opacity=alt.condition(hover, alt.value(0.9), alt.value(0.0)),
    )
    # "hundreds": a band across the whole row, with no place on the scale and no number.
    band = (
        base.transform_filter("datum.kind == 'no number'")
        .mark_rect(
            fill=KIND_COLOURS["no number"],
            fillOpacity=0.12,
            stroke=KIND_COLOURS["no number"],
            strokeDash=[6, 4],
            strokeWidth=1.5,
        )
        .encode(y=y, x=alt.value(0), x2=alt.value("width"), opacity=shown)
    )
    band_text = (
        base.transform_filter("datum.kind == 'no number'")
        .mark_text(
            align="left",
            dx=10,
            fontSize=13,
            fontStyle="italic",
        )
        .encode(y=y, x=alt.value(0), text=alt.value("no number given: not placed on the scale"), opacity=shown)
    )
    # Bounds: a dashed line running from the number to the edge of the scale the figure leaves open.
    runs = (
        base.transform_filter("datum.start != null")
        .mark_rule(strokeDash=[7, 4], strokeWidth=2.5)
        .encode(
            y=y,
            x=alt.X("start:Q", scale=x_scale, axis=x_axis),
            x2="end:Q",
            stroke=stroke_only,
            opacity=shown,
        )
    )

    def arrow(kind: str, shape: str, field: str) -> alt.Chart:
        """The open end of a bound: an arrowhead at the edge of the scale the figure leaves open."""
        return (
            base.transform_filter(f"datum.kind == '{kind}'")
            .mark_point(shape=shape, filled=True, size=120)
            .encode(y=y, x=alt.X(f"{field}:Q", scale=x_scale), fill=fill_only, opacity=shown)
        )

    ends = arrow("lower bound", "triangle-right", "end")
    starts = arrow("upper bound", "triangle-left", "start")
    # The number itself, where the source gives one: the shape says how precise it is.
    marks = (
        base.transform_filter("datum.number != null")
        .mark_point(filled=True, size=260, strokeWidth=2)
        .encode(
            y=y,
            x=alt.X("number:Q", scale=x_scale),
            color=colour,
            shape=shape,
            opacity=shown,
        )
        .add_params(pick)
    )
    figures = (
        base.transform_filter("datum.number != null")
        .mark_text(
            align="center",
            baseline="top",
            dy=13,
            fontWeight="bold",
            fontSize=13,
        )
        .encode(y=y, x=alt.X("number:Q", scale=x_scale), text="value:N", opacity=shown)
    )
    names = base.mark_text(align="left", baseline="bottom", dy=-20, fontSize=14).encode(
        y=y,
        x=alt.value(0),
        text="title_line:N",
        opacity=shown,
    )
    # On top of everything, an invisible band per row carries the hover and the tooltip with the quote.
    hit = (
        base.mark_rect(fill="white", fillOpacity=0.0, tooltip=tooltip)
        .encode(
            y=y,
            x=alt.value(0),
            x2=alt.value("width"),
        )
        .add_params(hover)
    )

    return finding(rows).figure(
        alt.layer(track, band, band_text, runs, ends, starts, marks, figures, names, hit).properties(
            width="container", height=78 * len(rows)
        )
    )


def _records(rows: pd.DataFrame) -> list[dict]:
    """The rows as plain JSON values, a missing number as null (a DataFrame would turn it into NaN,
    which is not JSON and which a chart could draw at a made-up place)."""
    out = []
    for record in rows.to_dict("records"):
        clean = {}
        for key, value in record.items():
            if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
                if key.startswith("quote_") or key == "reported_by":
                    continue  # absent, so the tooltip leaves it out
                clean[key] = None
            elif hasattr(value, "item"):  # numpy scalars
                clean[key] = value.item()
            else:
                clean[key] = value
        out.append(clean)
    return out


def _label_expr() -> str:
    """Vega expression giving each legend entry its words (the field holds the short kind name)."""
    cases = " : ".join(f"datum.label == '{k}' ? '{KIND_LABELS[k]}'" for k in KINDS)
    return f"{cases} : datum.label"


def finding(rows: pd.DataFrame) -> Finding:
    """The chart's finding: how many reports, how many different figures, each as printed."""
    n, different = number_word(len(rows)), number_word(rows["value"].nunique())
    return Finding(
        title=[f"{n.capitalize()} reports, {different} different figures", "for the forced returns of October 2023"],
        subtitle=[
            "Each figure is drawn as precisely as its source gives it. They are not averaged.",
            "Only one report's own words name the day (\u201cOn 9 October\u201d); we read all as the same returns.",
            "Point at a row to read the source's own words.",
        ],
        drawn=f"Chart of {len(rows)} published figures for the forced repatriation of North Koreans by China in "
        "October 2023, each drawn as precisely as its source gives it, never averaged; the full words of each "
        "source are in the table below the chart",
        words=f"{n} reports give {different} different figures for the people "
        "China forcibly returned to North Korea in October 2023 (only one report's own words name the day, "
        "\u201cOn 9 October\u201d; we read all of them as the same returns). By source: "
        + "; ".join(
            f"{lab}: \u201c{val}\u201d ({kind})" for lab, val, kind in zip(rows["label"], rows["value"], rows["kind"])
        )
        + ". A \u201cmore than\u201d is a lower bound, an \u201cas many as\u201d an upper bound, a \u201csome\u201d an "
        "approximation, and \u201chundreds\u201d gives no number at all, so the figures cannot be averaged: "
        "the chart shows each as it was printed.",
        table=pd.DataFrame(
            {
                "Who says it": rows["who"],
                "As reported by": [r or "(their own publication)" for r in rows["reported_by"]],
                "Figure as printed": rows["value"],
                "How precise": rows["kind"],
                "Their words, verbatim": rows["quote"],
            }
        ),
        derived={"reports": len(rows), "different figures": rows["value"].nunique()},
    )
