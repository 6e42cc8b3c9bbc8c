"""Charts of the chapter "Women sold, children without papers" (the Dong-A Ilbo article, seed 004,
and published estimates).

Two charts:

- :func:`prices`: the two prices the article gives for the sale of North Korean women, "ten years ago"
  (an average) and "now" (a ceiling), drawn so that the average and the ceiling stay distinct.
- :func:`estimates`: the published estimates of the children without registration or nationality and,
  switched by a radio control, of North Koreans in China, on a log scale, each as printed: ranges as
  ranges, "more than", "over" and "up to" as open-ended, words without numbers as a note, never averaged.

The numbers of :func:`estimates` are parsed from the ``value`` column of ``context_figures.csv`` (and
from ``stateless_children.csv`` for the Dong-A Ilbo) by
:func:`nkbook.readings.figures_meaning.parse_estimate`; a value that cannot be
parsed honestly is kept as words and drawn as a note.
"""

from __future__ import annotations

import math
import textwrap

import altair as alt
import pandas as pd

from ..data import load
from ..readings.figures_meaning import parse_estimate, printed_words, split_compilation
from ..readings.hedges import estimate_hedge
from ..sources import by_id
from .base import OKABE_ITO, TEXT, Figure, Finding, words_behind

# What the chapter cites: the Dong-A Ilbo article, then the context figures on the children and the estimates.
CITES = [
    "004_202d9166dca4ee77.txt",
    "crc_2013_children",
    "hrw_2008_hukou",
    "est_children_hrw2008",
    "est_children_rfa2010",
    "est_children_eahrnk2015",
    "est_nk_china_uscr2001",
    "est_nk_china_hrw2002",
    "est_nk_china_mou2002",
    "est_nk_china_kfi2019",
    "est_nk_china_hrf2023",
]

DONGA = "004_202d9166dca4ee77.txt"

# ---------------------------------------------------------------------------------------------
# Parsing the estimates as printed
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Who made each estimate (our labels; the figures come from the tables)
# ---------------------------------------------------------------------------------------------

CHILDREN = "children"
ADULTS = "adults"
NOTE_WIDTH = 38  # characters a line of a "no figures" note holds on a 320 px phone

# figure_id -> (short label on the chart, who made the estimate and how we read it)
WHO = {
    "est_children_rfa2010": (
        "Aid workers, via Radio Free Asia",
        "Aid workers, as reported by Radio Free Asia (via China Digital Times)",
    ),
    "est_children_eahrnk2015": (
        "European Alliance (EAHRNK), via Reuters Foundation",
        "The European Alliance for Human Rights in North Korea, as reported by the Thomson Reuters Foundation",
    ),
    "est_children_hrw2008": (
        "Local residents, via Human Rights Watch",
        "Local residents in Yanbian, as reported by Human Rights Watch",
    ),
    "est_nk_china_uscr2001": ("U.S. Committee for Refugees", "The U.S. Committee for Refugees"),
    "est_nk_china_hrw2002": ("Human Rights Watch", "Human Rights Watch"),
    "est_nk_china_kfi2019": (
        "Korea Future Initiative researcher",
        "A Korea Future Initiative researcher, in a journal article",
    ),
    "est_nk_china_hrf2023": ("Human Rights Foundation", "The Human Rights Foundation, in an advocacy statement"),
}
# The parts of the Ministry of Unification's compilation, by the name in the value column.
MOU_PARTS = {
    "China": (
        "China (unofficial), via S. Korea\u2019s MOU",
        "China\u2019s unofficial estimate, as compiled by South Korea\u2019s Ministry of Unification",
    ),
    "UNHCR": (
        "UNHCR, via S. Korea\u2019s MOU",
        "The UN refugee agency (UNHCR), as compiled by South Korea\u2019s Ministry of Unification",
    ),
    "NGOs": (
        "Some NGOs, via S. Korea\u2019s MOU",
        "Some non-governmental organisations, as compiled by South Korea\u2019s Ministry of Unification",
    ),
}
CHILDREN_IDS = ["est_children_hrw2008", "est_children_rfa2010", "est_children_eahrnk2015"]
ADULT_IDS = [
    "est_nk_china_uscr2001",
    "est_nk_china_hrw2002",
    "est_nk_china_mou2002",
    "est_nk_china_kfi2019",
    "est_nk_china_hrf2023",
]
MOU_ID = "est_nk_china_mou2002"


def mou_translation(value: str) -> str:
    """Ours, and marked as ours wherever it is shown: the Korean quote of the ministry's compilation, its
    figures read from the compilation's ``value`` (``"<10,000 (China) / ~30,000 (UNHCR) / ..."``)."""
    parts = {who: parse_estimate(figure) for figure, who in split_compilation(value)}
    china, unhcr, ngos = parts["China"], parts["UNHCR"], parts["NGOs"]
    return (
        "Our translation of the Korean: the Ministry of Unification said of the number of North Korean "
        f"defectors living in China that \u201cChina unofficially estimates it at {china.high:,} or fewer, but "
        f"the Office of the UN High Commissioner for Refugees puts it at around {unhcr.point:,}, and some "
        f"non-governmental organisations (NGOs) estimate it at {ngos.low_words} to {ngos.high:,}.\u201d"
    )


# The words each estimate was printed in, hedge and all: each stands verbatim in its row's quote (a
# test checks it). The ministry's compilation is in Korean, so its "as printed" is our translation,
# and says so.
AS_PRINTED = {
    "est_children_hrw2008": "anywhere between a few thousand and several tens of thousands",
    "est_children_rfa2010": "believed to number 10,000-20,000",
    "est_children_eahrnk2015": "an estimated 20,000 to 30,000",
    "est_nk_china_uscr2001": "An estimated 50,000",
    "est_nk_china_hrw2002": "anywhere from 10,000 to 300,000",
    "est_nk_china_kfi2019": "Up to 200,000",
    "est_nk_china_hrf2023": "over 100,000",
}
TRANSLATED = "our translation of the Korean"

GROUP_TITLES = {CHILDREN: "Children without registration or nationality", ADULTS: "North Koreans in China"}

KINDS = {  # kind -> (legend label, colour, shape of the marker at a printed number)
    "range": ("A range: both ends given", OKABE_ITO["blue"], "circle"),
    "single": ("One figure", OKABE_ITO["black"], "diamond"),
    "about": ("\u201cAbout\u201d one figure", OKABE_ITO["sky"], "square"),
    "more than": (
        "\u201cMore than\u201d / \u201cover\u201d: no upper end given",
        OKABE_ITO["vermillion"],
        "triangle-right",
    ),
    "up to": ("\u201cUp to\u201d / \u201cat most\u201d: no lower end given", OKABE_ITO["green"], "triangle-left"),
    "words to number": ("Lower end in words only", OKABE_ITO["purple"], "cross"),
    "words": ("No figures given: words only (not drawn)", "#595959", "stroke"),
}


def estimate_rows() -> pd.DataFrame:
    """One row per estimate, in the order drawn: who, year, the figure as printed, how it was parsed."""
    context = load("context_figures").set_index("figure_id")
    rows = []

    def add(group, fid, label, who, year, value, quote, title, note="", as_printed=""):
        est = parse_estimate(value)
        rows.append(
            dict(
                group=group,
                figure_id=fid,
                label=f"{label} ({year})",
                who=who,
                year=year,
                printed=printed_words(est),
                as_printed=as_printed or printed_words(est),
                value_as_printed=value,
                kind=est.kind,
                kind_label=KINDS[est.kind][0],
                low=est.low,
                high=est.high,
                point=est.point,
                low_words=est.low_words,
                quote=quote,
                source_title=title,
                note=note,
            )
        )

    donga = by_id(DONGA)
    year = donga.date_as_printed if donga.date_as_printed != "not given" else "no date printed"
    for r in load("stateless_children").itertuples():
        add(
            CHILDREN,
            r.estimate_id,
            "The Dong-A Ilbo",
            f"The Dong-A Ilbo, article by {donga.author}",
            year,
            f"{r.qualifier} {int(r.lower_bound):,}",
            r.quote,
            f"{donga.outlet}, \u201c{donga.headline}\u201d",
            "The article names no source for this figure.",
            f"\u201c{r.qualifier} {int(r.lower_bound):,}\u201d",
        )
    for fid in CHILDREN_IDS + ADULT_IDS:
        row = context.loc[fid]
        group = CHILDREN if fid in CHILDREN_IDS else ADULTS
        if fid == MOU_ID:
            for value, part in split_compilation(row["value"]):
                label, who = MOU_PARTS[part]
                add(
                    group,
                    f"{fid}:{part}",
                    label,
                    who,
                    row["year"],
                    value,
                    row["quote"],
                    row["source_title"],
                    mou_translation(row["value"]),
                    f"{printed_words(parse_estimate(value))} ({TRANSLATED})",
                )
        else:
            label, who = WHO[fid]
            note = (
                "No official data: the report gives words, not figures, so nothing is drawn for it."
                if parse_estimate(row["value"]).kind == "words"
                else ""
            )
            words = AS_PRINTED[fid]
            if words not in row["quote"]:
                raise ValueError(f"{fid}: {words!r} does not stand in the row's quote")
            add(
                group,
                fid,
                label,
                who,
                row["year"],
                row["value"],
                row["quote"],
                row["source_title"],
                note,
                f"\u201c{words}\u201d",
            )
    frame = pd.DataFrame(rows)
    frame["order"] = range(len(frame))
    return frame


def _domain(frame: pd.DataFrame) -> tuple[int, int]:
    """Powers of ten around every printed number: the edges where open-ended figures are cut off."""
    numbers = [n for col in ("low", "high", "point") for n in frame[col].dropna()]
    lo = 10 ** (math.floor(math.log10(min(numbers))) - 1)
    hi = 10 ** math.ceil(math.log10(max(numbers)))
    return int(lo), int(hi)


def estimate_marks(frame: pd.DataFrame | None = None) -> tuple[pd.DataFrame, tuple[int, int]]:
    """The marks of :func:`estimates`, one row per mark (``line``, ``end``, ``arrow``, ``name``, ``label``,
    ``note``). Open ends run to the edge of the axis and end in an arrow; they add no number."""
    frame = estimate_rows() if frame is None else frame
    lo, hi = _domain(frame)
    marks = []
    for r in frame.to_dict("records"):
        base = {
            k: r[k]
            for k in (
                "group",
                "label",
                "who",
                "year",
                "printed",
                "as_printed",
                "kind",
                "kind_label",
                "quote",
                "source_title",
                "note",
                "order",
            )
        }

        def mark(kind, base=base, **kw):
            marks.append({**base, "mark": kind, "x": None, "x2": None, "dashed": False, "shape": None, **kw})

        low, high, point = (None if pd.isna(r[k]) else int(r[k]) for k in ("low", "high", "point"))
        if r["kind"] == "range":
            mark("line", x=low, x2=high)
            mark("end", x=low, shape=KINDS["range"][2])
            mark("end", x=high, shape=KINDS["range"][2])
        elif r["kind"] == "more than":
            mark("line", x=low, x2=hi, dashed=True)
            mark("end", x=low, shape="circle")
            mark("arrow", x=hi, shape="triangle-right")
        elif r["kind"] == "up to":
            mark("line", x=lo, x2=high, dashed=True)
            mark("end", x=high, shape="circle")
            mark("arrow", x=lo, shape="triangle-left")
        elif r["kind"] in ("single", "about"):
            mark("end", x=point, shape=KINDS[r["kind"]][2])
        elif r["kind"] == "words to number":
            mark("end", x=high, shape=KINDS["words to number"][2])
        anchor = next((n for n in (low, point, high) if n is not None), None)
        mark("name", x=lo)
        if anchor is None:
            # Set in lines here (at most NOTE_WIDTH characters, which fit a 320 px phone), so that the
            # note keeps to its own row: wrapped by the page, it ran into the next estimate's name.
            # The report's own words (its "as printed", quoted), not the table's value: the legend says "not drawn".
            note = f"{r['as_printed']}: no figures"
            mark("note", x=lo, text="\n".join(textwrap.wrap(note, NOTE_WIDTH)))
        else:
            right = r["kind"] in ("up to", "words to number")
            mark(
                "label",
                x=(high if high is not None else anchor) if right else anchor,
                text=r["printed"],
                align="right" if right else "left",
            )
    out = pd.DataFrame(marks)
    for col in ("text", "align"):
        if col not in out:
            out[col] = None
    return out, (lo, hi)


def estimates(frame: pd.DataFrame | None = None) -> Figure:
    """Published estimates of the children and, switched by a radio control, of North Koreans in China."""
    rows = estimate_rows() if frame is None else frame
    marks, (lo, hi) = estimate_marks(rows)
    groups = [g for g in (CHILDREN, ADULTS) if g in set(rows["group"])]
    which = alt.param(
        name="estimates_of",
        value=groups[0],
        bind=alt.binding_radio(options=groups, labels=[GROUP_TITLES[g] for g in groups], name="Estimates of: "),
    )
    hover = alt.selection_point(name="hovered_estimate", on="pointerover", fields=["label"], clear="pointerout")
    kinds_present = [k for k in KINDS if k in set(rows["kind"])]
    colour = alt.Color(
        "kind_label:N",
        title="Kind of figure",
        scale=alt.Scale(domain=[KINDS[k][0] for k in kinds_present], range=[KINDS[k][1] for k in kinds_present]),
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=360, symbolStrokeColor=TEXT, symbolStrokeWidth=1),
    )
    order = rows.sort_values("order")["label"].tolist()
    y = alt.Y("label:N", sort=order, title=None, axis=None, scale=alt.Scale(paddingInner=0.2, paddingOuter=0.4))
    x = alt.X(
        "x:Q",
        title=["Number of people (log scale: each gridline is ten times the one before)"],
        scale=alt.Scale(type="log", domain=[lo, hi]),
        axis=alt.Axis(format=",d", values=[10**k for k in range(round(math.log10(lo)), round(math.log10(hi)) + 1)]),
    )
    tooltip = [
        alt.Tooltip("who:N", title="Estimate by"),
        alt.Tooltip("year:N", title="Year"),
        alt.Tooltip("as_printed:N", title="As printed"),
        alt.Tooltip("kind_label:N", title="Kind of figure"),
        alt.Tooltip("quote:N", title="Quote"),
        alt.Tooltip("source_title:N", title="Read in"),
        alt.Tooltip("note:N", title="Note"),
    ]
    base = alt.Chart(marks).transform_filter("datum.group == estimates_of")
    fade = alt.condition(hover, alt.value(1), alt.value(0.3))

    lines = (
        base.transform_filter("datum.mark == 'line'")
        .mark_rule(strokeWidth=3)
        .encode(
            x=x,
            x2="x2:Q",
            y=y,
            color=colour,
            strokeDash=alt.condition("datum.dashed", alt.value([6, 4]), alt.value([1, 0])),
            opacity=fade,
            tooltip=tooltip,
        )
    )
    # The highlight follows the markers (every drawn estimate has one); Altair binds a selection to one layer.
    ends = (
        base.transform_filter("datum.mark == 'end'")
        .mark_point(filled=True, size=150, stroke=TEXT, strokeWidth=1)
        .encode(
            x=x,
            y=y,
            color=colour,
            shape=alt.Shape(
                "kind_label:N",
                title="Kind of figure",
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=360),
                scale=alt.Scale(
                    domain=[KINDS[k][0] for k in kinds_present], range=[KINDS[k][2] for k in kinds_present]
                ),
            ),
            opacity=fade,
            tooltip=tooltip,
        )
        .add_params(hover)
    )
    arrows = (
        base.transform_filter("datum.mark == 'arrow'")
        .mark_point(filled=True, size=140)
        .encode(
            x=x,
            y=y,
            shape=alt.Shape("shape:N", scale=None),
            color=colour,
            opacity=fade,
            tooltip=tooltip,
        )
    )
    names = (
        base.transform_filter("datum.mark == 'name'")
        .mark_text(align="left", baseline="bottom", dy=-11, fontWeight="bold", fontSize=13)
        .encode(x=x, y=y, text="label:N")
    )
    labels_left = (
        base.transform_filter("datum.mark == 'label' && datum.align == 'left'")
        .mark_text(align="left", baseline="top", dy=11, fontSize=13)
        .encode(x=x, y=y, text="text:N")
    )
    labels_right = (
        base.transform_filter("datum.mark == 'label' && datum.align == 'right'")
        .mark_text(align="right", baseline="top", dy=11, fontSize=13)
        .encode(x=x, y=y, text="text:N")
    )
    notes = (
        base.transform_filter("datum.mark == 'note'")
        .mark_text(align="left", baseline="top", dy=-2, fontSize=13, fontStyle="italic", lineBreak="\n")
        .encode(x=x, y=y, text="text:N", tooltip=tooltip)
    )

    return estimates_finding(rows).figure(
        alt.layer(lines, ends, arrows, names, labels_left, labels_right, notes)
        .add_params(which)
        .properties(width="container", height=alt.Step(66))
    )


def _drawn_as(row, how: dict[str, str]) -> str:
    """How a figure is drawn, saying "hedged" wherever the source hedged it ("estimated", "believed")."""
    words = how[row.kind]
    hedge = estimate_hedge(row.as_printed)
    if hedge and "hedged" not in words:
        words += f", hedged (\u201c{hedge}\u201d)"
    return words


def estimates_finding(rows: pd.DataFrame) -> Finding:
    """The estimates chart's finding: every estimate as printed, by who made it, never averaged."""
    how = {
        "range": "a range, both ends",
        "single": "one figure",
        "about": "one figure, hedged",
        "more than": "open-ended above (a floor only)",
        "up to": "open-ended below (a ceiling only)",
        "words to number": "upper end only; lower end in words",
        "words": "not drawn: no figures",
    }
    words = ["none of these figures is a count, and they are not averaged here."]
    for group in (CHILDREN, ADULTS):
        part = rows[rows["group"] == group]
        if part.empty:
            continue
        said = "; ".join(f"{r.who} ({r.year}): {r.as_printed}" for r in part.itertuples())
        words.append(f"*{GROUP_TITLES[group]}:* {said}.")
    mou = rows[rows["figure_id"].str.startswith(MOU_ID)]
    if len(mou):
        words.append(f"The Ministry of Unification\u2019s compilation is quoted in Korean. {mou['note'].iloc[0]}")
    return Finding(
        title=[
            "Estimates, not counts: published figures for the children",
            "and for North Koreans in China differ widely",
        ],
        subtitle=[
            "Log scale. A dashed line ending in an arrow has no figure at that end;",
            "words without figures are not drawn. Switch the estimates with the control below the chart.",
        ],
        drawn="Chart of published estimates on a log scale, switchable between children without registration or "
        "nationality and North Koreans in China; ranges are drawn as ranges, figures with only a floor or a "
        "ceiling as open-ended, and estimates given only in words are not drawn",
        words="\n\n".join(words),
        table=pd.DataFrame(
            {
                "Estimates of": [GROUP_TITLES[g] for g in rows["group"]],
                "Estimate by": rows["who"],
                "Year": rows["year"],
                "As printed": rows["as_printed"],
                "Drawn as": [_drawn_as(r, how) for r in rows.itertuples()],
            }
        ),
        notes=words_behind(
            "The words behind each estimate",
            ((f"{r.who} ({r.year}), read in {r.source_title}", r.quote) for r in rows.itertuples()),
        ),
    )


# ---------------------------------------------------------------------------------------------
# Prices
# ---------------------------------------------------------------------------------------------


def prices(frame: pd.DataFrame | None = None) -> Figure:
    """The two prices of the article: an average "ten years ago", a ceiling "now". Not the same kind of figure."""
    frame = load("trafficking_prices") if frame is None else frame
    rows = frame[["period_as_printed", "price_yuan", "qualifier", "price_krw_approx", "quote"]].copy()
    rows["price_yuan"] = rows["price_yuan"].astype(int)
    rows["period"] = [f"\u201c{p}\u201d (year not printed)" for p in rows["period_as_printed"]]

    def label(r):
        won = "" if pd.isna(r.price_krw_approx) else f" (approximately {int(r.price_krw_approx):,} won)"
        if r.qualifier == "average":
            return f"an average of {r.price_yuan:,} yuan{won}"
        return f"up to {r.price_yuan:,} yuan{won}: a ceiling, not an average"

    rows["label"] = [label(r) for r in rows.itertuples()]
    rows["kind"] = rows["qualifier"].map(
        {"average": "Average (a point)", "up to": "\u201cUp to\u201d: the ceiling (the end of the dashed line)"}
    )
    rows["won"] = [("" if pd.isna(v) else f"approximately {int(v):,}") for v in rows["price_krw_approx"]]
    rows = rows.drop(columns=["price_krw_approx"])
    order = rows["period"].tolist()
    top = int(rows["price_yuan"].max())
    hover = alt.selection_point(name="hovered_price", on="pointerover", fields=["period"], clear="pointerout")
    y = alt.Y("period:N", sort=order, title=None, axis=None, scale=alt.Scale(paddingInner=0.3, paddingOuter=0.5))
    x_scale = alt.Scale(domain=[0, top * 1.15], nice=False)
    x_axis = alt.Axis(format=",d", tickCount=5)
    x = alt.X("price_yuan:Q", title="Yuan", scale=x_scale, axis=x_axis)
    colour = alt.Color(
        "kind:N",
        title="Kind of figure",
        scale=alt.Scale(
            domain=sorted(rows["kind"].unique()),
            range=[OKABE_ITO["blue"], OKABE_ITO["vermillion"]][: rows["kind"].nunique()],
        ),
        legend=alt.Legend(orient="bottom", labelLimit=420),
    )
    tooltip = [
        alt.Tooltip("period_as_printed:N", title="When (as printed)"),
        alt.Tooltip("qualifier:N", title="Kind of figure"),
        alt.Tooltip("price_yuan:Q", title="Yuan", format=","),
        alt.Tooltip("won:N", title="Korean won (the article\u2019s conversion)"),
        alt.Tooltip("quote:N", title="Quote"),
    ]
    base = alt.Chart(rows)
    fade = alt.condition(hover, alt.value(1), alt.value(0.35))
    ceiling_line = (
        base.transform_filter("datum.qualifier == 'up to'")
        .transform_calculate(start="0")
        .mark_rule(strokeWidth=3, strokeDash=[6, 4])
        .encode(
            x=alt.X("start:Q", title="Yuan", scale=x_scale, axis=x_axis),
            x2="price_yuan:Q",
            y=y,
            color=colour,
            opacity=fade,
            tooltip=tooltip,
        )
    )
    ceiling_end = (
        base.transform_filter("datum.qualifier == 'up to'")
        .mark_tick(thickness=4, size=34)
        .encode(x=x, y=y, color=colour, opacity=fade, tooltip=tooltip)
    )
    average = (
        base.transform_filter("datum.qualifier == 'average'")
        .mark_point(filled=True, size=220, shape="circle", stroke=TEXT, strokeWidth=1)
        .encode(x=x, y=y, color=colour, opacity=fade, tooltip=tooltip)
        .add_params(hover)
    )
    names = base.mark_text(align="left", baseline="bottom", dy=-20, fontWeight="bold", fontSize=14).encode(
        x=alt.datum(0), y=y, text="period:N"
    )
    labels = base.mark_text(align="left", baseline="top", dy=20, fontSize=13).encode(
        x=alt.datum(0), y=y, text="label:N"
    )
    avg = rows[rows["qualifier"] == "average"]
    cap = rows[rows["qualifier"] == "up to"]
    words = ["the article gives two prices, and they are not the same kind of figure."]
    for r in avg.itertuples():
        words.append(f"\u201c{r.period_as_printed}\u201d: {r.label}, the article\u2019s own conversion.")
    for r in cap.itertuples():
        words.append(
            f"\u201c{r.period_as_printed}\u201d: up to {r.price_yuan:,} yuan, a ceiling; the article gives no "
            "average and no lower price for now."
        )
    words.append(
        "Neither period can be placed in a year, so we cannot say exactly how far apart they are, nor allow for "
        "changes in prices in general. Dividing the ceiling by the average would compare a maximum with an "
        "average, and so overstate any rise in a typical price."
    )
    periods = " and ".join(f"\u201c{p[:1].lower()}{p[1:]}\u201d" for p in rows["period_as_printed"])
    finding = Finding(
        title=["An average then, a ceiling now:", "the article\u2019s two prices are not the same kind of figure"],
        subtitle=[
            f"The article prints no date, so {periods} cannot be placed in years.",
            "The dashed line stands for prices below the ceiling, which the article does not give.",
        ],
        drawn="Chart of the prices at which, the Dong-A Ilbo article says, North Korean women were sold in China",
        words=" ".join(words),
        table=pd.DataFrame(
            {
                "When (as printed)": rows["period_as_printed"],
                "Kind of figure": rows["qualifier"],
                "Yuan": [f"{y:,}" for y in rows["price_yuan"]],
                "Korean won (the article\u2019s conversion)": [w or "not given" for w in rows["won"]],
            }
        ),
        right=("Yuan",),
        notes=words_behind(
            "The article\u2019s words behind each price",
            ((r.period_as_printed, r.quote) for r in rows.itertuples()),
        ),
    )
    return finding.figure(
        alt.layer(ceiling_line, ceiling_end, average, names, labels).properties(width="container", height=alt.Step(90))
    )


# ---------------------------------------------------------------------------------------------
# The context figures of the chapter, cited with their addresses
# ---------------------------------------------------------------------------------------------
