"""Charts of the chapter "What 40 women hope for" (the January survey, seed 000)."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from ..data import load
from .base import GREY_TRACK, OKABE_ITO, TEXT, Figure, Finding, number_word, percent

# What the chapter cites: the survey article.
CITES = ["000_54004d1158f87b0d.txt"]

BAR_SIZE = 24  # px: the thickness of each hope's bar


def _two_lines(text: str, width: int = 30) -> str:
    """``text`` on exactly two lines (the first empty if it is short), none longer than needed."""
    lines = textwrap.wrap(text, max(width, len(text) // 2 + 8))
    return "\n".join([""] * (2 - len(lines)) + lines)


def hopes(frame: pd.DataFrame | None = None) -> Figure:
    """The three hopes of the 40 women surveyed, each counted out of the same 40 (they overlap)."""
    frame = load("survey_hopes") if frame is None else frame
    rows = frame[["hope", "count", "base"]].astype({"count": int, "base": int}).copy()
    rows["share"] = (100 * rows["count"] / rows["base"]).round(1)
    rows["label"] = [f"{c} of {b} ({percent(c, b)})" for c, b in zip(rows["count"], rows["base"])]
    # Two lines for every name (a short one gets an empty first line), so that all stand alike above their bars.
    rows["name_lines"] = [_two_lines(hope) for hope in rows["hope"]]
    bases = sorted(set(rows["base"]))
    base_word = str(bases[0]) if len(bases) == 1 else "each group's"
    order = rows.sort_values("count", ascending=False)["hope"].tolist()

    measure = alt.param(
        name="measure",
        value="count",
        bind=alt.binding_radio(
            options=["count", "share"], labels=["Number of women", "Per cent of the 40"], name="Show as: "
        ),
    )
    hover = alt.selection_point(name="hovered", on="pointerover", fields=["hope"], clear="pointerout", empty=False)
    base = alt.Chart(rows).transform_calculate(
        shown="measure == 'count' ? datum.count : datum.share",
        whole="measure == 'count' ? datum.base : 100",
    )
    # Each hope's name stands above its bar, so the bars get the page's full width.
    y = alt.Y("hope:N", sort=order, title=None, axis=None, scale=alt.Scale(paddingInner=0.62, paddingOuter=0.6))
    x_title = [f"Women out of {base_word}, or per cent of the {base_word}", "(each hope counted separately)"]
    track = base.mark_bar(color=GREY_TRACK, size=BAR_SIZE).encode(
        y=y,
        x=alt.X("whole:Q", title=x_title, axis=alt.Axis(tickMinStep=1, tickCount=5, grid=False)),
    )
    bars = (
        base.mark_bar(stroke=TEXT, size=BAR_SIZE)
        .encode(
            y=y,
            x="shown:Q",
            color=alt.value(OKABE_ITO["blue"]),
            strokeWidth=alt.condition(hover, alt.value(2), alt.value(0)),
            # Full strength at all times: white figures on the bar keep a contrast above 4.5:1.
            tooltip=[
                alt.Tooltip("hope:N", title="Hope"),
                alt.Tooltip("count:Q", title="Women"),
                alt.Tooltip("base:Q", title="Asked"),
                alt.Tooltip("share:Q", title="Per cent of those asked"),
            ],
        )
        .add_params(hover)
    )
    # A hope's name, wrapped onto two lines so that it fits a phone's width, stands above its bar.
    # Vega sets the first line's bottom at dy; the second line's bottom then stands 4 px above the bar.
    names = base.mark_text(
        align="left", baseline="bottom", dy=-(BAR_SIZE // 2 + 4 + 17), fontSize=14, lineBreak="\n", lineHeight=17
    ).encode(
        y=y,
        x=alt.datum(0),
        text="name_lines:N",
    )
    # Its figures sit inside a long bar (white on blue) or just past a short one (dark on grey).
    label_font = dict(fontWeight="bold", fontSize=14, baseline="middle")
    inside = base.transform_filter("datum.share >= 50").mark_text(align="right", dx=-6, color="white", **label_font)
    outside = base.transform_filter("datum.share < 50").mark_text(align="left", dx=6, color=TEXT, **label_font)
    labels = [layer.encode(y=y, x="shown:Q", text="label:N") for layer in (inside, outside)]
    total = int(rows["count"].sum())
    said = zip(rows["hope"], rows["count"], rows["base"])
    finding = Finding(
        title=textwrap.wrap(f"Of the hopes counted, the one named most often: \u201c{order[0]}\u201d", 38),
        subtitle=textwrap.wrap(
            f"Each bar is out of the same {base_word} women. One woman could name several "
            "hopes, so the bars do not add up to one whole.",
            52,
        ),
        drawn=f"Bar chart of {number_word(len(rows))} hopes for 2024 named by {base_word} North Korean women in China",
        words=f"of the {base_word} women asked, "
        + "; ".join(f"{c} ({percent(c, b)}) named \u201c{h}\u201d" for h, c, b in said)
        + f". One woman could name more than one hope: the counts add up to {total}, more than the {base_word} "
        "asked, so they are not parts of one whole.",
        table=pd.DataFrame(
            {
                "Hope": rows["hope"],
                "Women": [f"{c} of {b}" for c, b in zip(rows["count"], rows["base"])],
                "Per cent of those asked": [percent(c, b) for c, b in zip(rows["count"], rows["base"])],
            }
        ),
        right=("Women", "Per cent of those asked"),
        derived={"hopes": len(rows), "counts added up": total, **dict(zip(rows["hope"], rows["share"]))},
    )
    return finding.figure(
        alt.layer(track, bars, names, *labels).add_params(measure).properties(width="container", height=92 * len(rows))
    )


def treatment(frame: pd.DataFrame | None = None) -> Figure:
    """Yes and no to "will the treatment of North Koreans in China improve this year?" (one whole of 40)."""
    frame = load("survey_treatment") if frame is None else frame
    rows = frame[["answer", "count", "base", "share_printed"]].copy()
    rows = rows.astype({"count": int, "base": int, "share_printed": float})
    rows["Answer"] = rows["answer"].str.capitalize()
    rows["label"] = [f"{a}: {c} ({s:g}%)" for a, c, s in zip(rows["Answer"], rows["count"], rows["share_printed"])]
    rows["order"] = rows["answer"].map({"yes": 0, "no": 1})
    base_n = int(rows["base"].iloc[0])
    pick = alt.selection_point(name="picked", fields=["Answer"], bind="legend", on="pointerover", clear="pointerout")
    colour = alt.Color(
        "Answer:N",
        scale=alt.Scale(domain=["Yes", "No"], range=[OKABE_ITO["blue"], OKABE_ITO["orange"]]),
        legend=alt.Legend(title="Answer", orient="bottom"),
    )
    base = alt.Chart(rows).encode(
        x=alt.X(
            "count:Q",
            stack="zero",
            title=f"Women (out of {base_n})",
            scale=alt.Scale(domain=[0, base_n]),
            axis=alt.Axis(values=list(range(0, base_n + 1, 10)), orient="top"),
        ),
        order=alt.Order("order:Q"),
    )
    bars = (
        base.mark_bar(height=44, stroke="white", strokeWidth=2)
        .encode(
            color=colour,
            opacity=alt.condition(pick, alt.value(1), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("Answer:N"),
                alt.Tooltip("count:Q", title="Women"),
                alt.Tooltip("share_printed:Q", title="Per cent (as printed)"),
            ],
        )
        .add_params(pick)
    )
    # Each answer's words stand under the bar, "yes" from its left end and "no" from its right end: on
    # a phone the short "yes" part is narrower than its words, which would run off the chart.
    label_font = dict(fontWeight="bold", fontSize=14, baseline="top", color=TEXT)
    labels = alt.layer(
        alt.Chart(rows)
        .transform_filter("datum.answer == 'yes'")
        .mark_text(align="left", **label_font)
        .encode(x=alt.value(0), y=alt.value(58), text="label:N"),
        alt.Chart(rows)
        .transform_filter("datum.answer == 'no'")
        .mark_text(align="right", **label_font)
        .encode(x=alt.value("width"), y=alt.value(58), text="label:N"),
    )
    yes = rows.loc[rows["answer"] == "yes"].iloc[0]
    no = rows.loc[rows["answer"] == "no"].iloc[0]
    finding = Finding(
        title=[
            f"{no['count']} of the {base_n} women did not expect the treatment",
            "of North Koreans in China to improve this year",
        ],
        subtitle=[f"Answers to one yes-or-no question; together they make up all {base_n} women."],
        drawn=f"Stacked bar of {base_n} women's answers, yes or no",
        words=f"asked whether the treatment of North Koreans in China would improve this year, "
        f"{yes['count']} of the {base_n} women ({yes['share_printed']:g}%) said yes and {no['count']} "
        f"({no['share_printed']:g}%) said no. Unlike the hopes above, these two answers do make up one whole: "
        f"{yes['count']} + {no['count']} = {base_n}.",
    )
    return finding.figure(alt.layer(bars, labels).properties(width="container", height=60))
