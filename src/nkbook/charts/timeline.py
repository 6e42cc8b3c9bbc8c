"""Charts of the chapter "A timeline across all sources" (every dated event of ``data/events.csv``).

Each event is placed on the calendar only as precisely as its source prints it:

- a day that is printed becomes a point; a printed month, "end of January", a year or a decade
  becomes a band of that length;
- a year the ``year`` column marks ``inferred: ...`` (and a month or week read from an article's date
  line, such as "last month" or "on Tuesday") is drawn hollow with a dashed outline, and the reason is
  in the tooltip;
- an event whose year is not printed ("Dec. 12", "ten years ago", "last year" in an undated article)
  is never given a position on the calendar: it is listed in a panel of its own, "no year printed".

:func:`nkbook.readings.dates.placements` does the reading (one row per event, with how precise its date
is, in words); :func:`timeline` draws it.

On a phone (a column under :data:`NARROW_BELOW` px) the chart script draws a layout of its own
(``usermeta.nkbook.narrow``), built from the same rows, controls and :class:`~.base.Finding`: each row's
name stands above its marks, so that the plot spans the column, and the undated events are a compact
list of names (what each says is in the table under the chart, its words below that).
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

import altair as alt
import pandas as pd

from ..readings.dates import CALENDAR, CONTEXT, INFERRED, PRINTED, UNDATED, context_ids, placements
from ..sources import sources
from .base import GREY_TRACK, OKABE_ITO, TEXT, Figure, Finding, number_word, words_behind

# A concatenated chart cannot take the width of its container in Vega-Lite (each panel would take all
# of it, and its labels would spill over): the panels get a fixed width that fits the book's column.
PLOT_WIDTH = 400
LABEL_WIDTH = 250
# A fixed height: the rows of the detail panel widen or narrow as the window holds fewer or more events.
DETAIL_HEIGHT = 380

# On a phone (a column narrower than NARROW_BELOW px) the chart is drawn as a layout of its own
# (usermeta.nkbook.narrow): each row's name stands on its own lines above the row's marks, so that
# the plot spans the whole column instead of the ~100 px the names left it beside them. Rows are
# built of "slots", lines NARROW_LINE px tall (a band of the y scale each): a name's lines, then
# one for the marks; a row takes as many as its name needs. The names are set in lines of at most
# NARROW_CHARS characters, which fit the plot of a 320 px screen (240 px: 12 px text, about 6.2 px a
# character, at most 6.7, in the widest font the book falls back to, DejaVu Sans).
NARROW_BELOW = 600
NARROW_LINE = 15
NARROW_CHARS = 36


# One colour per source, from the colour-blind-safe palette (yellow is left out: too pale on white).
# The context table is drawn in black.
_SOURCE_COLOURS = ["blue", "vermillion", "green", "purple", "orange", "sky"]


def _windows(calendar_rows: pd.DataFrame) -> list[tuple[str, str, date, date]]:
    """The stretches of time the detail panel can show: (key, label, from, to), the dense recent years first.

    "recent" runs from January of the year before the latest event to a little after it; "decade" from
    January five years before the latest event; "all" from the year before the earliest event to the
    year after the latest.
    """
    first = min(date.fromisoformat(d) for d in calendar_rows["start"])
    latest = max(date.fromisoformat(d) for d in calendar_rows["end"])
    end = latest + timedelta(days=20)
    return [
        ("recent", f"{latest.year - 1} to {latest.year} (most events)", date(latest.year - 1, 1, 1), end),
        ("decade", f"{latest.year - 5} to {latest.year}", date(latest.year - 5, 1, 1), end),
        ("all", f"All years, {first.year} to {latest.year}", date(first.year - 1, 1, 1), date(latest.year + 1, 12, 31)),
    ]


def _window_expr(windows, index: int) -> str:
    """A Vega expression for the start (index 0) or end (1) of the window chosen, in milliseconds."""
    expr = str(_ms(windows[-1][2 + index]))
    for key, _, start, end in reversed(windows[:-1]):
        expr = f"window == '{key}' ? {_ms((start, end)[index])} : ({expr})"
    return expr


def _ms(day: date) -> int:
    """A day as a Vega timestamp (milliseconds since 1970, UTC), for scale domains."""
    return int((day - date(1970, 1, 1)).total_seconds() * 1000)


def timeline(frame: pd.DataFrame | None = None) -> Figure:
    """Every dated event across the five articles and the context table, as precisely as printed."""
    rows = placements(frame)
    on_calendar = rows[rows["lane"] == CALENDAR].copy()
    undated = rows[rows["lane"] == UNDATED].copy()
    # Each event's row label in the detail and "no year printed" panels: its source and its date as printed.
    tags = {s.id: s.tag() for s in sources().values()}
    rows["row_label"] = [
        f"{tags.get(k, 'Context')} \u00b7 {d}" for k, d in zip(rows["source_key"], rows["date_as_printed"])
    ]
    dupes = rows["row_label"].duplicated(keep=False)
    rows.loc[dupes, "row_label"] = rows.loc[dupes, "row_label"] + " (" + rows.loc[dupes, "event_id"] + ")"
    rows["order"] = range(len(rows))  # rows come sorted by date: the panels keep this order
    keys = sorted(rows["source_key"].unique(), key=lambda k: (k == CONTEXT, k))
    lane_names = [rows.loc[rows["source_key"] == k, "source_label"].iloc[0] for k in keys]
    colours = [
        OKABE_ITO["black"] if k == CONTEXT else OKABE_ITO[_SOURCE_COLOURS[i % len(_SOURCE_COLOURS)]]
        for i, k in enumerate(keys)
    ]
    _narrow_rows(rows, lane_names)
    kinds = sorted(rows["kind"].unique())
    first = min(date.fromisoformat(d) for d in on_calendar["start"])
    last = max(date.fromisoformat(d) for d in on_calendar["end"])
    windows = _windows(on_calendar)
    _, _, recent_from, recent_to = windows[0]
    n_recent = int((pd.to_datetime(on_calendar["start"]).dt.date >= recent_from).sum())

    source_pick = alt.param(
        name="source_pick",
        value="all",
        bind=alt.binding_select(options=["all"] + keys, labels=["All sources"] + lane_names, name="Source: "),
    )
    kind_pick = alt.param(
        name="kind_pick",
        value="all",
        bind=alt.binding_select(options=["all"] + kinds, labels=["All kinds"] + kinds, name="Kind of event: "),
    )
    # The years drawn in detail: radio buttons, which a keyboard can work (a dragged brush cannot).
    window = alt.param(
        name="window",
        value=windows[0][0],
        bind=alt.binding_radio(
            options=[w[0] for w in windows], labels=[w[1] for w in windows], name="Years in detail: "
        ),
    )
    lo, hi = _window_expr(windows, 0), _window_expr(windows, 1)
    keep = (
        "(source_pick == 'all' || datum.source_key == source_pick) && (kind_pick == 'all' || datum.kind == kind_pick)"
    )

    colour = alt.Color("source_label:N", scale=alt.Scale(domain=lane_names, range=colours), legend=None)
    fill = alt.condition(f"datum.certainty == '{PRINTED}'", colour, alt.value("white"))
    dash = alt.StrokeDash(
        "certainty:N",
        scale=alt.Scale(domain=[PRINTED, INFERRED], range=[[1, 0], [4, 3]]),
        legend=None,  # the key panel at the top says it, with marks drawn the same way
    )
    tooltip = [
        alt.Tooltip("source_label:N", title="Source"),
        alt.Tooltip("description:N", title="What happened"),
        alt.Tooltip("date_as_printed:N", title="Date as printed"),
        alt.Tooltip("year:N", title="Year (our table)"),
        alt.Tooltip("how_drawn:N", title="How it is drawn"),
        alt.Tooltip("kind:N", title="Kind"),
        alt.Tooltip("quote:N", title="Quote"),
    ]
    # One named dataset shared by every panel (inline values would be copied into each layer), holding
    # only the fields the chart reads; missing values as null, not NaN (not valid JSON).
    used = [
        "event_id",
        "source_key",
        "source_label",
        "lane",
        "shape",
        "start",
        "end",
        "certainty",
        "kind",
        "description",
        "date_as_printed",
        "year",
        "how_drawn",
        "quote",
        "row_label",
        "order",
        *NARROW_FIELDS,
    ]
    data = rows[used].astype(object).where(rows[used].notna(), None)
    # Named, and given to the whole chart once (datasets): Altair copied the rows into every layer it built.
    events = {EVENTS: data.to_dict(orient="records")}
    base = alt.Chart(alt.Data(name=EVENTS)).transform_filter(keep)
    cal = base.transform_filter(f"datum.lane == '{CALENDAR}'")

    def marks(y, x_scale, x_title, band_height, axis, size=110):
        x = alt.X("start:T", title=x_title, scale=x_scale, axis=axis)
        spans = (
            cal.transform_filter("datum.shape == 'span'")
            .mark_bar(height=band_height, strokeWidth=2, clip=True, cornerRadius=2)
            .encode(x=x, x2="end:T", y=y, fill=fill, stroke=colour, strokeDash=dash, tooltip=tooltip)
        )
        points = (
            cal.transform_filter("datum.shape == 'point'")
            .mark_point(size=size, strokeWidth=2.5, opacity=1, clip=True, shape="circle")
            .encode(x=x, y=y, fill=fill, stroke=colour, strokeDash=dash, tooltip=tooltip)
        )
        return alt.layer(spans, points)

    lane_y = alt.Y(
        "source_label:N",
        sort=lane_names,
        title=None,
        scale=alt.Scale(domain=lane_names),
        axis=alt.Axis(labelLimit=LABEL_WIDTH),
    )
    overview_scale = alt.Scale(domain=[_ms(date(first.year - 1, 1, 1)), _ms(date(last.year + 1, 12, 31))])
    # The shaded window: the years drawn in detail below (decoration, hidden from screen readers).
    shade = (
        alt.Chart(alt.Data(values=[{"window": "chosen"}]))
        .transform_calculate(lo=lo, hi=hi)
        .mark_rect(color=GREY_TRACK, opacity=0.8, aria=False)
        .encode(x=alt.X("lo:T", scale=overview_scale), x2="hi:T")
    )
    overview = alt.layer(
        shade,
        marks(
            lane_y,
            overview_scale,
            "Year",
            12,
            alt.Axis(grid=True, format="%Y", tickCount=alt.TimeIntervalStep(interval="year", step=10)),
        ),
    ).properties(
        width=PLOT_WIDTH,
        height=34 * len(lane_names),
        title=alt.Title(
            f"All years, {first.year} to {last.year}",
            subtitle="The shaded window is the stretch of time drawn in detail below.",
        ),
    )
    detail_y = alt.Y(
        "row_label:N", title=None, sort=alt.EncodingSortField("order", op="min"), axis=alt.Axis(labelLimit=LABEL_WIDTH)
    )
    detail = (
        marks(
            detail_y,
            alt.Scale(domainRaw=alt.ExprRef(expr=f"[{lo}, {hi}]")),
            "Date",
            10,
            alt.Axis(grid=True, labelOverlap="greedy", tickCount=8),
        )
        .transform_filter(f"time(datum.end) >= ({lo}) && time(datum.start) <= ({hi})")
        .properties(
            width=PLOT_WIDTH,
            height=DETAIL_HEIGHT,
            title=alt.Title(
                "In detail: the years chosen under the chart",
                subtitle=[
                    f"At first {windows[0][1].replace(' (most events)', '')}, where {n_recent} of the "
                    f"{len(on_calendar)} dated events fall.",
                    "Each row names the source and the date as printed.",
                ],
            ),
        )
    )
    nodate_base = base.transform_filter(f"datum.lane == '{UNDATED}'")
    nodate_y = alt.Y(
        "row_label:N",
        title=None,
        sort=alt.EncodingSortField("order", op="min"),
        axis=alt.Axis(labelLimit=LABEL_WIDTH, domain=False, ticks=False),
    )
    nodate = (
        alt.layer(
            nodate_base.mark_point(shape="square", size=90, strokeWidth=2, filled=False).encode(
                x=alt.datum(0), y=nodate_y, color=colour, tooltip=tooltip
            ),
            nodate_base.mark_text(align="left", dx=12, fontSize=13, limit=PLOT_WIDTH - 20).encode(
                x=alt.datum(0), y=nodate_y, text="description:N", tooltip=tooltip
            ),
        )
        .encode(x=alt.X(scale=alt.Scale(domain=[-0.01, 1]), axis=None))
        .properties(
            width=PLOT_WIDTH,
            height=22 * max(len(undated), 1),
            title=alt.Title(
                "No year printed: events that cannot be placed on a calendar",
                subtitle="They are listed here, not drawn at a guessed date. Point at a row for its quote.",
            ),
        )
    )
    n_inferred = int((on_calendar["certainty"] == INFERRED).sum())
    listed = pd.concat([on_calendar, undated])
    finding = Finding(
        title=[
            f"{len(on_calendar)} dated events from {first.year} to {last.year}: most fall in "
            f"{recent_from.year} and {recent_to.year}",
            f"and {len(undated)} have no year printed at all",
        ],
        subtitle=[
            "Filled marks: the year is printed. Hollow marks with a dashed outline: the year (or month) is inferred.",
            "A point is a day; a band is a week, a month, a year or more, as printed. Point at a mark for its quote.",
        ],
        drawn=f"Timeline of {len(rows)} events from the {number_word(len(sources()))} articles and the context table: "
        "an overview of all years, a detail panel whose years radio buttons choose, and a list of the events with "
        "no year printed; two selectors filter the events by source and by kind",
        words=f"the {number_word(len(sources()))} articles and the context table hold {len(rows)} dated events. "
        f"{len(on_calendar)} can be placed on a calendar, from {first.year} to {last.year}; for {n_inferred} "
        "of them the year (or the month) is inferred, not printed, and they are drawn hollow with a dashed outline. "
        f"{len(undated)} have no year printed and cannot be placed at all: "
        + "; ".join(f"{d} ({k})" for d, k in zip(undated["date_as_printed"], undated["source_label"]))
        + ".",
        table=pd.DataFrame(
            {
                "Source": listed["source_label"],
                "Date as printed": listed["date_as_printed"],
                "Year": listed["year"],
                "How it is drawn": listed["how_drawn"],
                "What happened": listed["description"],
            }
        ),
        # The quote each mark's tooltip shows, here too: a phone (no pointer) and a screen reader reach it.
        notes=words_behind(
            "The words behind each event",
            (
                (f"{r.source_label}, {r.date_as_printed}", r.quote)
                for r in listed.itertuples()
                if isinstance(r.quote, str)
            ),
        ),
        derived={
            "events": len(rows),
            "on the calendar": len(on_calendar),
            "no year printed": len(undated),
            "inferred": n_inferred,
            "articles": len(sources()),
            "in the recent window": n_recent,
        },
    )
    # The phone's layout: the same panels, data, controls and finding, each row's name above its marks.
    # Its panels are as wide as the widest column it is drawn in; the chart script narrows them to the column.
    slot_y = {"title": None, "axis": None, "sort": "ascending"}

    def spacer(chart, field):
        """Every slot of the rows drawn, in the y scale's domain (a name's second line has no mark of its own)."""
        return (
            chart.transform_flatten([field], as_=["slot"])
            .mark_point(opacity=0, aria=False)
            .encode(x=alt.value(0), y=alt.Y("slot:N", **slot_y))
        )

    def names(chart, field, x=0):
        """A row's name on its own lines, above its marks (set in lines of NARROW_CHARS characters)."""
        return chart.mark_text(
            align="left", baseline="top", dy=3 - NARROW_LINE / 2, fontSize=12, lineHeight=NARROW_LINE, lineBreak="\n"
        ).encode(x=alt.value(x), y=alt.Y("n_first:N", **slot_y), text=f"{field}:N")

    lanes = _narrow_lanes(lane_names)
    lane_chart = alt.Chart(lanes)
    narrow_overview = alt.layer(
        shade,
        spacer(lane_chart, "n_slots"),
        names(lane_chart, "n_label"),
        marks(
            alt.Y("lane_slot:N", **slot_y),
            overview_scale,
            "Year",
            10,
            alt.Axis(grid=True, format="%Y", tickCount=alt.TimeIntervalStep(interval="year", step=10)),
            size=70,
        ),
    ).properties(width=NARROW_BELOW, height=alt.Step(NARROW_LINE), title=overview.title)
    narrow_detail = (
        alt.layer(
            spacer(cal, "n_slots"),
            names(cal, "n_label"),
            marks(
                alt.Y("n_last:N", **slot_y),
                alt.Scale(domainRaw=alt.ExprRef(expr=f"[{lo}, {hi}]")),
                "Date",
                10,
                alt.Axis(grid=True, gridOpacity=0.5, labelOverlap="parity", labelSeparation=8, tickCount=4),
                size=70,
            ),
        )
        .transform_filter(f"time(datum.end) >= ({lo}) && time(datum.start) <= ({hi})")
        .properties(
            width=NARROW_BELOW,
            height=alt.Step(NARROW_LINE),
            title=alt.Title(
                detail.title.text,
                subtitle=[detail.title.subtitle[0], "Above each mark: its source and its date as printed."],
            ),
        )
    )
    narrow_nodate = alt.layer(
        spacer(nodate_base, "n_slots"),
        nodate_base.mark_point(shape="square", size=60, strokeWidth=2, filled=False).encode(
            x=alt.value(5), y=alt.Y("n_first:N", **slot_y), color=colour, tooltip=tooltip
        ),
        names(nodate_base, "n_label", x=16),
    ).properties(
        width=NARROW_BELOW,
        height=alt.Step(NARROW_LINE),
        title=alt.Title(
            nodate.title.text,
            subtitle="Listed, not drawn at a guessed date. What happened: in the table under the chart.",
        ),
    )
    # Its controls are the wide chart's, added to the spec once built: Altair's add_params() copies every
    # panel of a stack over again (half a second of the build, twice).
    narrow = finding.figure(
        alt.vconcat(_key(dash), narrow_overview, narrow_detail, narrow_nodate, spacing=16).configure_axisY(
            labelFontSize=12
        )
    ).chart.to_dict(validate=False)  # checked with the wide one by tests/test_charts.py
    narrow["params"] = [p.param.to_dict() for p in (window, source_pick, kind_pick)]
    wide = (
        alt.vconcat(_key(dash), overview, detail, nodate, spacing=24, datasets=events)
        .add_params(window, source_pick, kind_pick)
        .configure_axisY(labelFontSize=12)
    )
    # The phone's spec names the events but leaves them out: the chart script takes them from the wide
    # one's datasets (the events are on the page once).
    figure = finding.figure(wide)
    # Set in place, not with .properties(): Altair would copy the whole spec at every step.
    figure.chart.usermeta["nkbook"].update(narrow=narrow, narrow_below=NARROW_BELOW)
    return figure


# The name of the events' dataset in the chart's spec.
EVENTS = "timeline_events"

# The fields of the phone's layout (see NARROW_LINE): a row's name set in lines, the slot of its name's
# first line, the slot of its marks, every slot it takes, and the slot of its source's lane in the overview.
NARROW_FIELDS = ["n_label", "n_first", "n_last", "n_slots", "lane_slot"]


def _slots(key: str, lines: int) -> list[str]:
    """The slots of a row whose name takes ``lines`` lines and whose marks one more: "007.0", "007.1", ..."""
    return [f"{key}.{i}" for i in range(lines + 1)]


def _narrow_rows(rows: pd.DataFrame, lane_names: list[str]) -> None:
    """Add the fields of the phone's layout to the timeline's rows (in place)."""
    undated = rows["lane"] == UNDATED
    # An undated row is a name and no marks; its name starts after its square (16 px: 3 characters fewer).
    lines = [
        textwrap.wrap(label, NARROW_CHARS - 3 if nd else NARROW_CHARS, break_long_words=False)
        for label, nd in zip(rows["row_label"], undated)
    ]
    keys = [f"{o:03d}" for o in rows["order"]]
    rows["n_label"] = ["\n".join(ls) for ls in lines]
    rows["n_first"] = [f"{k}.0" for k in keys]
    rows["n_slots"] = [_slots(k, len(ls) - (1 if nd else 0)) for k, ls, nd in zip(keys, lines, undated)]
    rows["n_last"] = [s[-1] for s in rows["n_slots"]]
    lanes = _narrow_lanes(lane_names)
    rows["lane_slot"] = rows["source_label"].map(dict(zip(lanes["label"], lanes["n_last"])))


def _narrow_lanes(lane_names: list[str]) -> pd.DataFrame:
    """The overview's lanes in the phone's layout: each source's name above its lane."""
    lines = [textwrap.wrap(name, NARROW_CHARS, break_long_words=False) for name in lane_names]
    slots = [_slots(f"L{i:02d}", len(ls)) for i, ls in enumerate(lines)]
    return pd.DataFrame(
        {
            "label": lane_names,
            "n_label": ["\n".join(ls) for ls in lines],
            "n_first": [s[0] for s in slots],
            "n_last": [s[-1] for s in slots],
            "n_slots": slots,
        }
    )


def _key(dash: alt.StrokeDash) -> alt.LayerChart:
    """The legend of how sure a date is, drawn with the same marks as the timeline (filled, or hollow and dashed)."""
    key = pd.DataFrame(
        {
            "certainty": [PRINTED, INFERRED],
            "label": [
                "Year printed in the source: filled mark",
                "Year (or month) inferred: hollow mark, dashed outline",
            ],
        }
    )
    base = alt.Chart(key).encode(y=alt.Y("certainty:N", sort=[PRINTED, INFERRED], axis=None, title=None))
    fill = alt.condition(f"datum.certainty == '{PRINTED}'", alt.value(TEXT), alt.value("white"))
    x_scale = alt.Scale(domain=[0, 1])
    return (
        alt.layer(
            base.mark_bar(height=12, strokeWidth=2, cornerRadius=2, stroke=TEXT).encode(
                x=alt.X("a:Q", scale=x_scale, axis=None), x2="b:Q", fill=fill, strokeDash=dash
            ),
            base.mark_point(size=110, strokeWidth=2.5, stroke=TEXT, opacity=1, shape="circle").encode(
                x="c:Q", fill=fill, strokeDash=dash
            ),
            base.mark_text(align="left", fontSize=13, limit=PLOT_WIDTH).encode(x="d:Q", text="label:N"),
        )
        .transform_calculate(a="0", b="0.08", c="0.13", d="0.18")
        .properties(width=PLOT_WIDTH, height=44, title=alt.Title("Key", fontSize=13))
    )


def __getattr__(name: str):
    """``CITES``, what the chapter cites: all five articles, then the context figures of the timeline's events.

    Read from the tables when first asked for, not on import."""
    if name == "CITES":
        return [*sorted(sources()), *context_ids()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
