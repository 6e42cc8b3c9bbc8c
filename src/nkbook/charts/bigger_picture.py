"""Charts of the chapter "The bigger picture: arrivals in South Korea, 1998-2025" (context table).

Everything is read from ``data/context_figures.csv`` (yearly counts as the press reported them, each row
with its own source; for some, the report's title or the sentence quoted names South Korea's Ministry
of Unification) and, for the dates of our five articles, from ``seeds/sources.yml`` and ``data/events.csv``.

Which figure stands for a year (the ministry revises its counts) is read by
:mod:`nkbook.readings.revisions`; where our articles stand in time, by :mod:`nkbook.readings.dates`.
This module only draws those readings.
"""

from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

from ..readings.dates import article_years
from ..readings.revisions import (
    PROVISIONAL,
    REPORTED,
    REVISED,
    STATUSES,
    closure,
    context_ids,
    latest_per_year,
    period_totals,
    revision_pairs,
)
from ..sources import sources
from .base import GREY_TRACK, OKABE_ITO, TEXT, Figure, Finding, number_word

STATUS_SHAPES = ["circle", "diamond", "square"]
STATUS_COLOURS = [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["sky"]]
HEIGHT = 340
HEADROOM = 1.35  # the top of the plot is kept free for the labels of the marked years
# Below this width of plot (a phone), the notes at the top of the plot are set in short lines, one under
# another, and the scale keeps as much more room above the tallest bar as they need.
NARROW = 520
NOTE_CHARS = 22  # characters per line of a note on a phone
NOTE_LINE = 15  # px per line of a note


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _majority_sentence(shares: pd.DataFrame) -> str:
    """Where women were fewer than half of a year's split, said in words."""
    if shares.empty:
        return "No year gives a men/women split. "
    fewer = [str(r.year) for r in shares.itertuples() if r.share_women < 50]
    if not fewer:
        return "Where a men/women split is published, women were the larger part in every year. "
    return f"Where a men/women split is published, women were the larger part in every year but {_and(fewer)}. "


def _article_label(articles: pd.DataFrame, year: int) -> list[str]:
    here = articles[articles["year"] == year]
    inferred = sum(1 for b in here["basis"] if b.startswith("year inferred"))
    label = f"{year}: {number_word(len(here))} of our articles"
    if inferred:
        label += f" ({number_word(inferred)} by inference)"
    return [label]


def _stacked(notes: list[list[str]], chars: int | None = None) -> tuple[list[list[str]], list[int], int]:
    """Notes one under another from the top of the plot: their lines (rewrapped to ``chars`` characters,
    if given), the top of each, and where the last one ends."""
    out, tops, top = [], [], 4
    for lines in notes:
        lines = textwrap.wrap("; ".join(lines), chars) if chars else lines
        out.append(lines)
        tops.append(top)
        top += len(lines) * NOTE_LINE + 8
    return out, tops, top


def yearly(frame: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> Figure:
    """Yearly arrivals (latest figure of each year), switchable to the share of women; closure and articles marked."""
    table = latest_per_year(frame)
    shut = closure(frame)
    totals = period_totals(frame)
    articles = article_years(events)
    placed = articles.dropna(subset=["year"])
    unplaced = articles[articles["year"].isna()]
    years = table["year"].tolist()
    first, last = years[0], years[-1]

    peak = table.loc[table["arrivals"].idxmax()]
    low = table.loc[table["arrivals"].idxmin()]
    shares = table.dropna(subset=["share_women"])
    no_share_years = table.loc[table["share_women"].isna(), "year"].tolist()
    ministry = int(table["names_ministry"].sum())
    unnamed = table.loc[~table["names_ministry"], "year"].tolist()

    rows = table.copy()
    rows["women_text"] = [f"{w:,}" if pd.notna(w) else "no split in our data" for w in rows["women"]]
    rows["men_text"] = [f"{m:,}" if pd.notna(m) else "no split in our data" for m in rows["men"]]
    rows["share_text"] = [
        f"{s} ({w:,} of {t:,}, {fid})" if s else "no split in our data: no share shown"
        for s, w, t, fid in zip(rows["share_label"], rows["women"], rows["split_total"], rows["split_figure_id"])
    ]
    rows["replaced_text"] = [r if r else "none in our table" for r in rows["replaced"]]
    notes = {y: [] for y in years}
    notes[shut["year"]].append(f"{shut['words']}; by quarter {', '.join(map(str, shut['quarters']))}")
    for y, group in placed.groupby("year"):
        if int(y) in notes:
            notes[int(y)].append(
                "our articles "
                + ", ".join(
                    f"{a}{' (year inferred)' if b.startswith('year inferred') else ''}"
                    for a, b in zip(group["name"], group["basis"])
                )
            )
    rows["note"] = [("; ".join(notes[y]) or "-") for y in rows["year"]]
    rows["status_short"] = rows["status"].map({REVISED: "revised", PROVISIONAL: "provisional", REPORTED: "as reported"})
    rows = rows.astype({"women": "float", "men": "float", "split_total": "float"})

    measure = alt.param(
        name="measure",
        value="arrivals",
        bind=alt.binding_radio(
            options=["arrivals", "share"],
            labels=["People arriving", "Women, per cent of the year's split"],
            name="Show: ",
        ),
    )
    hover = alt.selection_point(name="hovered", on="pointerover", fields=["year"], clear="pointerout", empty=False)
    base = alt.Chart(rows).transform_calculate(
        shown="measure == 'share' ? datum.share_women : datum.arrivals",
    )
    x = alt.X(
        "year:O",
        title="Year of arrival in South Korea",
        scale=alt.Scale(domain=years, paddingInner=0.2),
        axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 5 == 0 ? datum.label : ''", ticks=True),
    )
    # The notes at the top of the plot: the closure year's, then one for each year holding our articles.
    marked_years = [shut["year"], *sorted(int(v) for v in placed["year"].unique())]
    notes = [[f"{shut['year']}: {shut['words']} (our table)", "by quarter: " + ", ".join(map(str, shut["quarters"]))]]
    notes += [_article_label(articles, year) for year in marked_years[1:]]
    wide, wide_tops, _ = _stacked(notes)
    short, short_tops, short_bottom = _stacked(notes, NOTE_CHARS)
    # On a phone the notes take more lines: the scale reaches as much higher, so that no bar runs into them.
    headroom = {"wide": HEADROOM, "narrow": max(HEADROOM, HEIGHT / (HEIGHT - short_bottom - 4))}
    top_of = {k: f"measure == 'share' ? {100 * h:g} : {int(table['arrivals'].max() * h)}" for k, h in headroom.items()}
    y = alt.Y(
        "shown:Q",
        title=None,
        scale=alt.Scale(
            domainMin=0,
            nice=False,
            domainMax=alt.expr(f"width < {NARROW} ? ({top_of['narrow']}) : ({top_of['wide']})"),
        ),
        axis=alt.Axis(
            grid=True,
            tickCount=6,
            format=",.0f",
            labelExpr="measure == 'share' && datum.value > 100 ? '' : datum.label",
            gridOpacity={"condition": {"test": "measure == 'share' && datum.value > 100", "value": 0}, "value": 1},
            tickOpacity={"condition": {"test": "measure == 'share' && datum.value > 100", "value": 0}, "value": 1},
        ),
    )
    valid = "isValid(datum.shown)"

    # The closure year and the year of our articles: a grey band behind, labelled at the top.
    marked = (
        base.transform_filter(alt.FieldOneOfPredicate(field="year", oneOf=marked_years))
        .mark_bar(color=GREY_TRACK, aria=False)
        .encode(x=x, y=alt.value(0), y2=alt.value(HEIGHT))
    )

    def note(year: int, i: int) -> alt.Chart:
        """A note at the top of the plot, ending just left of its year: in short lines on a phone."""
        return (
            base.transform_filter(f"datum.year == {year}")
            .mark_text(
                align="right",
                baseline="top",
                dx=-16,
                fontSize=12,
                lineHeight=NOTE_LINE,
                text={"expr": f"width < {NARROW} ? {json.dumps(short[i])} : {json.dumps(wide[i])}"},
            )
            .encode(x=x, y=alt.value({"expr": f"width < {NARROW} ? {short_tops[i]} : {wide_tops[i]}"}))
        )

    closure_label, *article_marks = [note(year, i) for i, year in enumerate(marked_years)]

    half = (
        base.transform_filter("measure == 'share'")
        .transform_filter(f"datum.year == {first}")
        .mark_rule(
            strokeDash=[6, 4],
            color=TEXT,
            strokeWidth=1,
            aria=False,
        )
        .encode(y=alt.datum(50), x=alt.value(0), x2=alt.value("width"))
    )
    # The label of the 50% line stands over the first run of years without a split, where no bar is drawn.
    gap_year = next((y for y in table.loc[table["share_women"].isna(), "year"] if y > shares["year"].min()), first)
    half_label = (
        base.transform_filter("measure == 'share'")
        .transform_filter(f"datum.year == {gap_year}")
        .mark_text(
            align="left",
            baseline="bottom",
            dy=-18,
            fontSize=12,
            text=["half: as many", "women as men"],
            lineHeight=14,
        )
        .encode(y=alt.datum(50), x=x)
    )

    status = dict(
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=STATUSES, range=STATUS_COLOURS),
            legend=alt.Legend(title="Figure used for the year", orient="bottom", direction="vertical", labelLimit=520),
        ),
        shape=alt.Shape("status:N", scale=alt.Scale(domain=STATUSES, range=STATUS_SHAPES)),
    )
    bars = (
        base.transform_filter(valid)
        .mark_bar(opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=status["color"],
        )
    )
    tops = (
        base.transform_filter(valid)
        .mark_point(filled=True, size=55, stroke=TEXT, strokeWidth=0.6)
        .encode(
            x=x,
            y=y,
            **status,
        )
    )
    no_split = (
        base.transform_filter(f"measure == 'share' && !({valid})")
        .mark_text(
            angle=270,
            align="left",
            baseline="middle",
            dx=4,
            fontSize=11,
            text="no split",
            color=TEXT,
        )
        .encode(x=x, y=alt.datum(0))
    )
    y_caption = (
        base.transform_filter(f"datum.year == {first}")
        .mark_text(
            align="left",
            baseline="bottom",
            dy=-8,
            fontSize=13,
            fontWeight="bold",
            text=alt.expr("measure == 'share' ? 'Women, per cent of the year' : 'People arriving in the year'"),
        )
        .encode(x=alt.value(0), y=alt.value(0))
    )
    hover_band = (
        base.mark_bar(color=OKABE_ITO["black"])
        .encode(
            x=x,
            y=alt.value(0),
            y2=alt.value(HEIGHT),
            opacity=alt.condition(hover, alt.value(0.12), alt.value(0)),
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("arrivals:Q", title="Arrivals", format=","),
                alt.Tooltip("status_short:N", title="Figure is"),
                alt.Tooltip("figure_id:N", title="Entry on the Sources page"),
                alt.Tooltip("source:N", title="Reported by"),
                alt.Tooltip("replaced_text:N", title="Replaces"),
                alt.Tooltip("women_text:N", title="Women"),
                alt.Tooltip("men_text:N", title="Men"),
                alt.Tooltip("share_text:N", title="Share of women"),
                alt.Tooltip("note:N", title="Marked"),
            ],
        )
        .add_params(hover)
    )

    shut_arrivals = int(table.loc[table["year"] == shut["year"], "arrivals"].iloc[0])
    thousand = table[table["arrivals"] >= 1000]["year"]
    words = (
        f"by the latest figures, arrivals went from {table.iloc[0]['arrivals']:,} in {first} to a peak "
        f"of {peak['arrivals']:,} in {peak['year']}"
        + (
            f", were above one thousand a year from {thousand.min()} to {thousand.max()}"
            if len(thousand) and thousand.tolist() == list(range(thousand.min(), thousand.max() + 1))
            else ""
        )
        + f", and were {shut_arrivals:,} in {shut['year']}, "
        f"which our context table marks as the year of the {shut['words']} "
        f"(by quarter: {', '.join(map(str, shut['quarters']))})"
        + (f" and {low['arrivals']:,} in {low['year']}, the lowest" if low["year"] != shut["year"] else "")
        + f"; {last} saw {table.iloc[-1]['arrivals']:,}. "
        + _majority_sentence(shares)
        + (
            f"Years with no split in our data ({', '.join(map(str, no_share_years))}) have no share. "
            if no_share_years
            else ""
        )
        + f"For {ministry} of the {len(table)} years, the report's title or the sentence quoted names the Ministry "
        f"of Unification; not for {_and([str(y) for y in unnamed])}. "
    )
    unplaced_names = _and(list(unplaced["name"])) if len(unplaced) else ""
    unplaced_sentence = (
        f"{unplaced_names[:1].upper()}{unplaced_names[1:]} print no year and are not placed." if len(unplaced) else ""
    )
    placed_words = [
        f"{a} ({int(y)}, {'year printed' if b == 'year printed' else 'year inferred'})"
        for a, y, b in zip(placed["name"], placed["year"], placed["basis"])
    ]
    if placed_words:
        words += f"Our articles placed on the chart: {', '.join(placed_words)}. "
    words += unplaced_sentence
    # Every fact of a year's tooltip is also in the table, for a reader without a pointer (a phone, a keyboard).
    from_table = table["split_figure_id"].ne("") & table["split_figure_id"].ne(table["figure_id"])
    finding = Finding(
        title=[
            f"Arrivals in South Korea peaked at {peak['arrivals']:,} in {peak['year']}",
            # The closure is our context table's word for the year (its row's summary), not its quote's.
            f"and fell to {low['arrivals']:,} in {low['year']}; our context table marks {shut['year']}",
            "as the year of the border closure",
        ],
        subtitle=[
            f"Latest figure reported for each year, {first}-{last}. For {ministry} of the "
            f"{len(table)} years the report's title",
            "or the sentence we quote names the Ministry of Unification (point at a year for its source).",
            *(
                [
                    "The period totals "
                    + " and ".join(
                        f"{n:,} ({period}{' combined' if fid.startswith('agg_') else ''})"
                        for fid, (n, period) in totals.items()
                    )
                    + " are not years and are not drawn."
                ]
                if len(totals) == 2
                else []
            ),
            "Switch to the share of women: it is shown only where a men/women split is published.",
            *([unplaced_sentence] if unplaced_sentence else []),
        ],
        drawn=f"Bar chart of North Koreans arriving in South Korea each year, {first} to {last}, using the latest "
        "figure reported for each year; a control switches to the share of women, shown only where the data give "
        "men and women",
        words=words.strip(),
        table=pd.DataFrame(
            {
                "Year": table["year"],
                "Arrivals": [f"{a:,}" for a in table["arrivals"]],
                "Entry on the Sources page": [
                    f"`{f}`" + (" (revised)" if r else "") for f, r in zip(table["figure_id"], table["revised"])
                ],
                "Women": [_count(v, note) for v, note in zip(table["women"], from_table)],
                "Men": [_count(v, note) for v, note in zip(table["men"], from_table)],
                "Share of women": [s or "-" for s in table["share_label"]],
                "Reported by": table["source"],
                "Replaces": [r or "-" for r in table["replaced"]],
            }
        ),
        right=("Arrivals", "Women", "Men", "Share of women"),
        notes="\u00b9 Split of the ministry's table of January 2012, whose total the ministry later revised; "
        "the share is of that table's total.",
        derived={
            "years": len(table),
            "years whose report names the ministry": ministry,
            **{f"share of women, {y}": float(s.rstrip("%")) for y, s in zip(table["year"], table["share_label"]) if s},
        },
    )
    return finding.figure(
        alt.layer(marked, hover_band, bars, tops, no_split, half, half_label, closure_label, *article_marks, y_caption)
        .add_params(measure)
        .properties(width="container", height=HEIGHT)
    )


def _count(value, from_january_table: bool) -> str:
    """A count of women or men in the table: with a note mark where it is the January 2012 table's."""
    if pd.isna(value):
        return "no split"
    return f"{value:,}\u00b9" if from_january_table else f"{value:,}"


def revisions(frame: pd.DataFrame | None = None) -> Figure:
    """The years with a January 2012 figure and a later revision: both figures side by side."""
    table = revision_pairs(frame)
    table["label"] = [f"{r.year}: {r.jan2012:,} \u2192 {r.revised:,}" for r in table.itertuples()]
    table["change_text"] = [f"{c:+,}" for c in table["change"]]
    table["direction"] = ["revised up" if c > 0 else "revised down" if c < 0 else "unchanged" for c in table["change"]]
    biggest = table.loc[table["change"].abs().idxmax()]
    reach = int(abs(biggest["change"]) * 1.4) + 1
    pick = alt.selection_point(name="revision_year", on="pointerover", fields=["year"], clear="pointerout")
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField("year", op="min"),
        title=None,
        axis=alt.Axis(labelFontSize=13, labelLimit=260, ticks=False, domain=False),
    )
    x = alt.X(
        "change:Q",
        title="Persons added (+) or taken away (\u2212) by the revision",
        scale=alt.Scale(domain=[-reach, reach]),
        axis=alt.Axis(format="+,d", tickCount=6),
    )
    base = alt.Chart(table)
    bars = (
        base.mark_bar(height=18, stroke=TEXT, strokeWidth=0.6)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "direction:N",
                scale=alt.Scale(domain=["revised up", "revised down"], range=[OKABE_ITO["orange"], OKABE_ITO["sky"]]),
                legend=alt.Legend(title="Revision", orient="bottom"),
            ),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.55)),
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("jan2012:Q", title="January 2012 table", format=","),
                alt.Tooltip("old_id:N", title="Its entry on the Sources page"),
                alt.Tooltip("revised:Q", title="Revised, October 2012", format=","),
                alt.Tooltip("new_id:N", title="Its entry on the Sources page"),
                alt.Tooltip("change_text:N", title="Change"),
            ],
        )
        .add_params(pick)
    )
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color=TEXT, aria=False).encode(x="zero:Q")
    label_up = (
        base.transform_filter("datum.change >= 0")
        .mark_text(fontSize=13, fontWeight="bold", align="left", dx=6)
        .encode(x=x, y=y, text="change_text:N")
    )
    # A cut's label stands just right of the zero line, on the empty side: at the end of a long bar it
    # would run into the year's label on a phone.
    label_down = (
        base.transform_filter("datum.change < 0")
        .transform_calculate(at_zero="0")
        .mark_text(fontSize=13, fontWeight="bold", align="left", dx=6)
        .encode(x=alt.X("at_zero:Q", scale=alt.Scale(domain=[-reach, reach])), y=y, text="change_text:N")
    )
    finding = Finding(
        title=[
            f"Where our table holds both versions, the revision changed {len(table)} years' figures",
            f"by at most {abs(biggest['change'])} persons ({biggest['year']}): small next to the rise "
            "and fall of arrivals",
        ],
        subtitle=["Each year: the figure of the January 2012 table \u2192 the revised figure of October 2012."],
        drawn="Bar chart of the change made by the ministry's revision of October 2012 to the yearly arrivals of its "
        "January 2012 table",
        words="for " + ", ".join(str(y) for y in table["year"]) + ", the January 2012 table and the "
        f"revision of October 2012 differ by at most {abs(biggest['change'])} persons: "
        + "; ".join(f"{r.year}: {r.jan2012:,} then {r.revised:,} ({r.change:+,})" for r in table.itertuples())
        + ". The chapter's chart uses the revised figure.",
        table=pd.DataFrame(
            {
                "Year": table["year"],
                "January 2012 table": [f"{n:,}" for n in table["jan2012"]],
                "Revised, October 2012": [f"{n:,}" for n in table["revised"]],
                "Change": table["change_text"],
                "Entries on the Sources page": [f"`{o}`, `{n}`" for o, n in zip(table["old_id"], table["new_id"])],
            }
        ),
        right=("January 2012 table", "Revised, October 2012", "Change"),
        derived={
            "years revised": len(table),
            **{f"change, {y}": c for y, c in zip(table["year"], table["change"])},
            **{f"size of change, {y}": abs(c) for y, c in zip(table["year"], table["change"])},
        },
    )
    return finding.figure(
        alt.layer(bars, zero, label_up, label_down).properties(width="container", height=34 * len(table))
    )


def __getattr__(name: str):
    """``CITES``, what the chapter cites: all five articles, then every context figure the chart and exercises rest on.

    Read from the tables when first asked for, not on import."""
    if name == "CITES":
        return [*sorted(sources()), *context_ids()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
