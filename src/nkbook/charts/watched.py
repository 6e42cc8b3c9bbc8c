"""Charts of the chapter "Watched": every means of watching North Korean women in China that the five
articles name (``data/surveillance_methods.csv``), by who watches, what kind of method it is and which
article says so.

Who watches (:mod:`nkbook.readings.watchers`), whether a claim is hedged (:mod:`nkbook.readings.hedges`)
and the articles' names (:func:`nkbook.readings.dates.article_names`) are readings; this module draws
them. The articles' names are derived from ``seeds/sources.yml`` (through
:mod:`nkbook.sources`) and, for an article that prints no date, from the date it does print
(``data/events.csv``), never typed.
"""

from __future__ import annotations

import re
import textwrap

import altair as alt
import pandas as pd

from ..data import load
from ..readings.dates import article_names
from ..readings.hedges import hedge_of
from ..readings.watchers import GROUPS, who_group
from ..sources import sources
from .base import OKABE_ITO, TEXT, Figure, Finding, number_word, words_behind

MIN_WIDTH = 640  # px: below this the article columns overlap; a phone scrolls the chart sideways

# The six kinds of method (the schema's allowed values), each with an Okabe-Ito colour and a shape of
# its own, so that colour is never the only cue.  Yellow and sky blue are left out: too pale on white.
CATEGORIES = ["digital", "biometric", "questioning", "human reporting", "physical", "legal"]
CATEGORY_COLOURS = {
    "digital": OKABE_ITO["blue"],
    "biometric": OKABE_ITO["vermillion"],
    "questioning": OKABE_ITO["orange"],
    "human reporting": OKABE_ITO["green"],
    "physical": OKABE_ITO["purple"],
    "legal": OKABE_ITO["black"],
}
CATEGORY_SHAPES = {
    "digital": "circle",
    "biometric": "square",
    "questioning": "triangle-up",
    "human reporting": "diamond",
    "physical": "cross",
    "legal": "triangle-down",
}


ALL = "all"
X_WRAP, Y_WRAP, LINE = 12, 30, 13  # characters per line of an x and a y label; pixels per line
# A row is 42 px: room for three lines of a label.  A label longer than that at Y_WRAP characters is
# wrapped at Y_WRAP_LONG, and never inside a hyphenated word.  The labels get Y_LABEL_PX: a line of 36
# characters at 12.5 px is 232 px in DejaVu Sans (a browser's system-ui on Linux), 208 in Arial.
Y_LINES, Y_WRAP_LONG, Y_LABEL_PX = 3, 36, 250


def _wrap(text: str, width: int) -> str:
    """Lines joined by "|", split again in the browser by the axis' labelExpr."""
    return "|".join(textwrap.wrap(text, width))


def _row_label(text: str) -> str:
    """A y label in at most :data:`Y_LINES` lines where it can be (see :data:`Y_WRAP_LONG`)."""
    lines = textwrap.wrap(text, Y_WRAP)
    if len(lines) > Y_LINES:
        lines = textwrap.wrap(text, Y_WRAP_LONG, break_on_hyphens=False)
    return "|".join(lines)


def method_rows(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per method, with its group, article name, hedge and place on the y axis."""
    frame = load("surveillance_methods") if frame is None else frame
    names = article_names()
    ids = {file: s.id for file, s in sources().items()}
    rows = frame[["method_id", "method", "category", "watcher", "source", "quote"]].copy()
    rows["group"] = rows["watcher"].map(who_group)
    rows["article"] = rows["source"].map(names)
    rows["article_id"] = rows["source"].map(ids)
    rows["hedge"] = rows["quote"].map(hedge_of)
    rows["hedged"] = rows["hedge"] != ""
    # "None" means the sentence itself carries no hedge, not that the claim is established: every article
    # here reports what its sources said (the chapter says how far that goes).
    rows["hedge_shown"] = rows["hedge"].where(rows["hedged"], "none in the sentence quoted")
    rows["group_rank"] = rows["group"].map(GROUPS.index)
    rows["category_rank"] = rows["category"].map(CATEGORIES.index)
    rows = rows.sort_values(["group_rank", "category_rank", "article_id", "method"], kind="stable")
    # The y label drops a closing parenthesis of ours (the open mark says the claim is hedged).
    rows["label"] = [_row_label(re.sub(r" \(.*\)$", "", m)) for m in rows["method"]]
    rows["article_label"] = [_wrap(a, X_WRAP) for a in rows["article"]]
    return rows.reset_index(drop=True)


def _lined_axis(**settings) -> alt.Axis:
    """An axis whose labels are split into lines at "|" (see :func:`_wrap`), with a grid and no ticks."""
    return alt.Axis(
        labelExpr="split(datum.label, '|')", labelLineHeight=LINE, domain=False, ticks=False, grid=True, **settings
    )


def y_domain(rows: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The rows of the y axis: each group's name (a heading), then its methods. Returns (domain, headings)."""
    domain, headings = [], []
    for group in GROUPS:
        mine = rows[rows["group"] == group]
        if len(mine):
            heading = _wrap(f"Who watches: {group}", Y_WRAP - 4)
            headings.append(heading)
            domain += [heading, *mine["label"]]
    return domain, headings


def _count_phrase(counts: pd.Series, order: list[str]) -> str:
    return "; ".join(f"{k}: {int(counts[k])}" for k in order if k in counts and counts[k])


def methods(frame: pd.DataFrame | None = None) -> Figure:
    """Every surveillance method the articles name: a dot for each, by who watches, kind and article."""
    rows = method_rows(frame)
    names = article_names()
    article_order = [names[f] for f in sorted(names, key=lambda f: sources()[f].id)]
    article_ids = [sources()[f].id for f in sorted(names, key=lambda f: sources()[f].id)]
    domain, headings = y_domain(rows)
    data = rows[
        [
            "method_id",
            "method",
            "category",
            "watcher",
            "group",
            "article",
            "article_id",
            "quote",
            "hedged",
            "hedge_shown",
            "label",
            "article_label",
        ]
    ]

    pick_article = alt.param(
        name="article_pick",
        value=ALL,
        bind=alt.binding_select(
            options=[ALL, *article_ids], labels=["All five articles", *article_order], name="Which article says so: "
        ),
    )
    pick_category = alt.param(
        name="category_pick",
        value=ALL,
        bind=alt.binding_radio(options=[ALL, *CATEGORIES], labels=["all kinds", *CATEGORIES], name="Kind of method: "),
    )
    hover = alt.selection_point(name="hovered", on="pointerover", fields=["method_id"], clear="pointerout", empty=False)
    shown = (
        f"(article_pick == '{ALL}' || datum.article_id == article_pick) && "
        f"(category_pick == '{ALL}' || datum.category == category_pick)"
    )

    colour_scale = alt.Scale(domain=CATEGORIES, range=[CATEGORY_COLOURS[c] for c in CATEGORIES])
    shape_scale = alt.Scale(domain=CATEGORIES, range=[CATEGORY_SHAPES[c] for c in CATEGORIES])
    legend = alt.Legend(
        title="Kind of method (colour and shape)",
        orient="top",
        columns=3,
        offset=8,
        symbolSize=140,
        labelFontSize=13,
        titleFontSize=13,
        titleLimit=400,
        symbolOpacity=1,
    )
    x_domain = [_wrap(a, X_WRAP) for a in article_order]
    x_lines = max(len(a.split("|")) for a in x_domain)
    # Vega sets a label's first line on its baseline: top-aligned labels, padded by the tallest one.
    x = alt.X(
        "article_label:N",
        scale=alt.Scale(domain=x_domain),
        title=None,
        axis=_lined_axis(
            orient="top",
            labelAngle=0,
            labelFontSize=12,
            labelBaseline="top",
            labelPadding=x_lines * LINE + 6,
            labelLimit=100,
            gridColor="#DDDDDD",
        ),
    )
    # ... and a y label's first line on the row: lift labels of two or three lines by half their extra lines.
    lift = [{"test": f"length(split(datum.value, '|')) == {k}", "value": -(k - 1) * LINE / 2} for k in (4, 3, 2)]
    bold = "indexof(" + repr(headings).replace('"', "'") + ", datum.value) >= 0"
    y = alt.Y(
        "label:N",
        scale=alt.Scale(domain=domain),
        title=None,
        axis=_lined_axis(
            labelLimit=Y_LABEL_PX,
            labelFontSize=12.5,
            labelOffset={"condition": lift, "value": 0},
            labelFontWeight={"condition": {"test": bold, "value": "bold"}, "value": "normal"},
            gridColor="#EEEEEE",
            labelPadding=8,
        ),
    )
    base = alt.Chart(data).encode(x=x, y=y)
    # Every method stays faintly in place, so that a filter never makes the grid jump.
    # Colour and shape both say the kind of method, in one legend.
    kind = dict(
        color=alt.Color("category:N", scale=colour_scale, legend=legend),
        shape=alt.Shape("category:N", scale=shape_scale, legend=legend),
    )
    ghost = base.mark_point(filled=True, size=110, opacity=0.14).encode(**kind)
    tooltip = [
        alt.Tooltip("method:N", title="Method"),
        alt.Tooltip("watcher:N", title="Who watches (the article's words)"),
        alt.Tooltip("category:N", title="Kind"),
        alt.Tooltip("article:N", title="Which article says so"),
        alt.Tooltip("hedge_shown:N", title="Hedged by the article"),
        alt.Tooltip("quote:N", title="The article's words"),
    ]
    marks = (
        base.mark_point(filled=True, strokeWidth=2.2, opacity=1)
        .encode(
            **kind,
            stroke=alt.Color("category:N", scale=colour_scale, legend=legend),
            # An open mark: the article hedges the claim ("most likely"); it is not shown as a fact.
            fillOpacity=alt.condition("datum.hedged", alt.value(0), alt.value(1)),
            size=alt.condition(hover, alt.value(360), alt.value(150)),
            strokeOpacity=alt.value(1),
            tooltip=tooltip,
        )
        .transform_filter(shown)
        .add_params(hover)
    )
    ring = (
        base.mark_point(filled=False, size=700, strokeWidth=2, color=TEXT)
        .encode(
            opacity=alt.condition(hover, alt.value(1), alt.value(0)),
        )
        .transform_filter(shown)
    )

    return finding(rows, article_order).figure(
        alt.layer(ghost, marks, ring)
        .add_params(pick_article, pick_category)
        .properties(
            width="container",
            # Five article columns beside the labels need this much; a phone scrolls the chart sideways.
            usermeta={"nkbook": {"min_width": MIN_WIDTH}},
            height=42 * len(domain),
        )
        .configure_legend(symbolStrokeWidth=2)
    )


def finding(rows: pd.DataFrame, article_order: list[str]) -> Finding:
    """The chart's finding: how many methods, counted by who watches, by kind and by article."""
    n, articles = len(rows), number_word(len(article_order))
    by_group = rows["group"].value_counts()
    by_category = rows["category"].value_counts()
    by_article = rows["article"].value_counts()
    top_group, top_article = by_group.index[0], by_article.index[0]
    hedged = rows[rows["hedged"]]
    words = (
        f"the {articles} articles name {n} means of watching, tracking or reporting North Korean "
        "women in China (counted as this book splits them: one row for each method an article names). "
        "By who watches: " + _count_phrase(by_group, GROUPS) + ". "
        "By kind: " + _count_phrase(by_category, CATEGORIES) + ". "
        "By article: " + _count_phrase(by_article, article_order) + "."
    )
    if len(hedged):
        words += (
            " Hedged by its article, and drawn as an open mark: "
            + "; ".join(
                # The article's hedging words, unless the method's own wording already quotes them.
                m if f"\u201c{h}\u201d" in m else f"{m} (the article's words: \u201c{h}\u201d)"
                for m, h in zip(hedged["method"], hedged["hedge"])
            )
            + "."
        )
    return Finding(
        title=[
            # "and at its border": the fences, cameras and guard posts stop crossings; they do not watch
            # women already living in China.
            f"The {articles} articles name {n} ways of watching North Korean",
            f"women, in China and at its border; {int(by_group[top_group])} of them",
            f"by the {top_group}",
        ],
        subtitle=[
            "One mark for each method, in the column of the article that names it.",
            f"Most marks: {top_article}, with {int(by_article[top_article])}.",
            "An open mark: the article hedges the claim.",
            "Point at a mark for the article's words; filter with the controls below.",
        ],
        drawn=f"Dot chart of {n} means of watching, tracking or reporting North Korean women in China named "
        f"in {articles} articles, grouped by who watches",
        words=words,
        table=pd.DataFrame(
            {
                "Who watches": rows["group"],
                "Method": [f"{m}{' (hedged)' if h else ''}" for m, h in zip(rows["method"], rows["hedged"])],
                "Kind": rows["category"],
                "The article's word for the watcher": rows["watcher"],
                "Which article says so": rows["article"],
            }
        ),
        # Every mark's quote, listed too: the tooltip is not the only way to reach the article's words.
        notes=words_behind(
            "The article's words behind each mark",
            ((f"{m} ({a})", q) for m, a, q in zip(rows["method"], rows["article"], rows["quote"])),
        ),
        derived={
            "methods": n,
            "articles": len(article_order),
            **{f"by who: {k}": v for k, v in by_group.items()},
            **{f"by kind: {k}": v for k, v in by_category.items()},
            **{f"by article: {k}": v for k, v in by_article.items()},
        },
    )


def __getattr__(name: str):
    """``CITES``, what the chapter cites: all five articles.

    Read from the tables when first asked for, not on import."""
    if name == "CITES":
        return sorted(sources())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
