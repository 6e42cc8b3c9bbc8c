"""Charts of the chapter "The bigger picture: arrivals in South Korea, 1998-2025" (context table).

Everything is read from ``data/context_figures.csv`` (yearly counts as the press reported them, each row
with its own source; for some, the report's title or the sentence quoted names South Korea's Ministry
of Unification) and, for the dates of our five articles, from ``seeds/sources.yml`` and ``data/events.csv``.

The ministry revises its yearly counts, and the context table keeps several figures for some years:

- ``arr_<year>_mou2012``: the table of the ministry's press release of January 2012 (provisional);
- ``arr_<year>_rev``: the ministry's revised figure, as reported in October 2012;
- ``arr_<year>``: a figure reported for that year with no later revision in our table.

:func:`latest_per_year` keeps one figure per year by a written rule (:func:`revision_rank`): a
``_rev`` row beats every other, and any other report beats the ``_mou2012`` table.  The period totals
of the ministry's table (``cum_to_1998``: 947 up to 1998; ``agg_1999_2001``: 1,043 for 1999-2001
combined) are not years, and are never drawn as years.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from ..data import load
from ..sources import NOT_GIVEN, sources
from .base import GREY_TRACK, OKABE_ITO, TEXT, Figure

ARRIVAL_ID = re.compile(r"^arr_(?P<year>\d{4})(?:_(?P<kind>mou2012|rev))?$")
_MEN = re.compile(r"(?<![\d,])(\d[\d,]*)\s+men\b")
_WOMEN = re.compile(r"(?<![\d,])(\d[\d,]*)\s+women\b")
_QUARTER = re.compile(r"(\d)분기(?:에는|는)\s*(\d+)명")
# Whether a report's title or the sentence we quote from it names the ministry (the description column
# is the context table's summary, not the report's words, so it does not count).
_MINISTRY = re.compile(r"통일부|[Uu]nification|\bMOU\b")

REVISED = "revised, October 2012 (men/women split from the January 2012 table)"
PROVISIONAL = "provisional, January 2012 table"
REPORTED = "as reported"
STATUSES = [REPORTED, REVISED, PROVISIONAL]
STATUS_SHAPES = ["circle", "diamond", "square"]
STATUS_COLOURS = [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["sky"]]
HEIGHT = 340
HEADROOM = 1.35  # the top of the plot is kept free for the labels of the marked years


def _int(text: str) -> int:
    return int(str(text).replace(",", "").strip())


def revision_rank(figure_id: str) -> int:
    """How late a yearly arrival figure is: ``_rev`` 2, a plain ``arr_<year>`` report 1, ``_mou2012`` 0.

    The rule: a revision (``_rev``) beats every other figure for its year; any other report (a plain
    ``arr_<year>`` row) beats the provisional January 2012 table (``_mou2012``).
    """
    match = ARRIVAL_ID.match(figure_id)
    if not match:
        raise ValueError(f"{figure_id!r} is not a yearly arrival figure (arr_<year>[_mou2012|_rev])")
    return {"rev": 2, None: 1, "mou2012": 0}[match.group("kind")]


def yearly_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The yearly arrival rows of the context table (``arr_<year>...``), with year and value as numbers.

    Period totals (``cum_``, ``agg_``) do not match and are left out.
    """
    keep = frame[frame["figure_id"].str.match(ARRIVAL_ID.pattern)].copy()
    keep["year_n"] = keep["figure_id"].str.extract(ARRIVAL_ID.pattern)["year"].astype(int)
    if (keep["year_n"].astype(str) != keep["year"].astype(str)).any():
        bad = keep.loc[keep["year_n"].astype(str) != keep["year"].astype(str), "figure_id"].tolist()
        raise ValueError(f"figure ids and the year column disagree: {bad}")
    keep["value_n"] = keep["value"].map(_int)
    keep["rank"] = keep["figure_id"].map(revision_rank)
    return keep


def split_of(row: pd.Series) -> tuple[int, int] | None:
    """(women, men) of a yearly row, read from its description and checked against its quote and total.

    ``None`` when the row gives no split.  The split must add up to the row's own figure, and both
    numbers must stand in the row's quote (the description is ours; the quote is the source's).
    """
    men, women = _MEN.search(row["description"]), _WOMEN.search(row["description"])
    if not men and not women:
        return None
    if not (men and women):
        raise ValueError(f"{row['figure_id']}: the description gives only one of men and women")
    m, w = _int(men.group(1)), _int(women.group(1))
    if m + w != _int(row["value"]):
        raise ValueError(f"{row['figure_id']}: {w} women + {m} men is not the figure {row['value']}")
    quote = row["quote"]
    for n in (m, w):
        if not re.search(rf"(?<![\d,])({n}|{n:,})(?![\d,])", quote):
            raise ValueError(f"{row['figure_id']}: {n} does not stand in the row's quote")
    return w, m


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


def share_label(women: int, total: int) -> str:
    """``288, 583 -> '49%'``: whole per cent, as the ministry prints its female ratio."""
    return f"{round(100 * women / total):.0f}%"


def latest_per_year(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per year: the latest figure by :func:`revision_rank`, with its men/women split if any.

    Columns: year, arrivals, figure_id, source (the title of the report the figure is read from),
    names_ministry (whether that report's title or the sentence quoted names the Ministry of Unification), status,
    revised, replaced (the figures it replaces), women, men, split_figure_id, split_total (the total the
    split adds up to), share_women (per cent, 1 decimal), share_label.  Where the latest figure is a
    revision without a split, the split of the January 2012
    table is kept and named as such (``split_figure_id``, ``split_total``); where no row of a year
    gives a split, women, men and share are empty: no share is guessed.
    """
    frame = load("context_figures") if frame is None else frame
    rows = yearly_rows(frame)
    out = []
    for year, group in rows.groupby("year_n", sort=True):
        group = group.sort_values("rank", ascending=False)
        top = group.iloc[0]
        if len(group) > 1 and group.iloc[1]["rank"] == top["rank"]:
            tied = ", ".join(group[group["rank"] == top["rank"]]["figure_id"])
            raise ValueError(f"{year}: no rule says which of {tied} is the latest")
        split, split_id, split_total = split_of(top), top["figure_id"], top["value_n"]
        if split is None:
            for _, other in group.iloc[1:].iterrows():
                found = split_of(other)
                if found is not None:
                    split, split_id, split_total = found, other["figure_id"], other["value_n"]
                    break
        kind = ARRIVAL_ID.match(top["figure_id"]).group("kind")
        status = {"rev": REVISED, "mou2012": PROVISIONAL, None: REPORTED}[kind]
        replaced = "; ".join(f"{r['value_n']:,} ({r['figure_id']})" for _, r in group.iloc[1:].iterrows())
        women, men = split if split else (None, None)
        out.append(
            {
                "year": int(year),
                "arrivals": int(top["value_n"]),
                "figure_id": top["figure_id"],
                "source": top["source_title"],
                "names_ministry": bool(_MINISTRY.search(f"{top['source_title']} {top['quote']}")),
                "status": status,
                "revised": kind == "rev",
                "replaced": replaced,
                "women": women,
                "men": men,
                "split_figure_id": split_id if split else "",
                "split_total": int(split_total) if split else None,
                "share_women": round(100 * women / split_total, 1) if split else None,
                "share_label": share_label(women, split_total) if split else "",
            }
        )
    table = pd.DataFrame(out)
    for col in ("women", "men", "split_total"):
        table[col] = table[col].astype("Int64")
    return table


def closure(frame: pd.DataFrame | None = None) -> dict:
    """The border-closure year of the context table: its year, words and the quarterly arrivals.

    Read from the yearly row whose description names a border closure (``arr_2020``); the quarters
    come from its Korean quote (``1분기에는 135명`` ...) and must add up to the year's figure.
    """
    frame = load("context_figures") if frame is None else frame
    rows = yearly_rows(frame)
    hit = rows[rows["description"].str.contains("border closure", case=False)]
    if len(hit) != 1:
        raise ValueError(f"expected one yearly row naming a border closure, found {len(hit)}")
    row = hit.iloc[0]
    words = re.search(r"\(([^)]*border closure[^)]*)\)", row["description"], re.I)
    quarters = [int(n) for _, n in sorted(_QUARTER.findall(row["quote"]))]
    if len(quarters) != 4 or sum(quarters) != row["value_n"]:
        raise ValueError(f"{row['figure_id']}: the quarters {quarters} do not add up to {row['value_n']}")
    return {
        "year": int(row["year_n"]),
        "figure_id": row["figure_id"],
        "words": words.group(1) if words else "border closure",
        "quarters": quarters,
    }


def article_years(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Our five articles and the year each can be placed in: printed, inferred, or not at all.

    A year is "printed" when ``seeds/sources.yml`` gives one; "inferred" when ``data/events.csv`` gives
    the article's survey or publication an ``inferred: <year>`` year; otherwise the article is not placed.
    """
    events = load("events") if events is None else events
    out = []
    for source in sorted(sources().values(), key=lambda s: s.id):
        year, basis = None, "no year printed: not placed"
        if source.year != NOT_GIVEN:
            year, basis = int(source.year), "year printed"
        else:
            own = events[(events["source"] == source.file) & events["kind"].isin(["survey", "publication"])]
            for text in own["year"]:
                found = re.match(r"inferred: (\d{4})", str(text))
                if found:
                    year, basis = int(found.group(1)), f"year inferred: {text.split(', ', 1)[-1]}"
                    break
        out.append(
            {
                "id": source.id,
                "name": source.short_name or f"article {source.id}",
                "outlet": source.outlet,
                "year": year,
                "basis": basis,
            }
        )
    return pd.DataFrame(out).astype({"year": "Int64"})


def _article_label(articles: pd.DataFrame, year: int) -> list[str]:
    here = articles[articles["year"] == year]
    count = len(here)
    inferred = sum(1 for b in here["basis"] if b.startswith("year inferred"))
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    label = f"{year}: {words.get(count, count)} of our articles"
    if inferred:
        label += f" ({words.get(inferred, inferred)} by inference)"
    return [label]


def _unplaced_label(unplaced: pd.DataFrame) -> list[str]:
    """The articles that print no year, by their short names, on two lines of the chart."""
    names = [str(n).removeprefix("the ").removesuffix(" article") for n in unplaced["name"]]
    return [f"(The {_and(names)} {'articles print' if len(names) > 1 else 'article prints'}", "no year: not placed)"]


def yearly(frame: pd.DataFrame | None = None, events: pd.DataFrame | None = None) -> Figure:
    """Yearly arrivals (latest figure of each year), switchable to the share of women; closure and articles marked."""
    table = latest_per_year(frame)
    shut = closure(frame)
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
    top_arrivals = int(table["arrivals"].max() * HEADROOM)
    y = alt.Y(
        "shown:Q",
        title=None,
        scale=alt.Scale(
            domainMin=0, nice=False, domainMax=alt.expr(f"measure == 'share' ? {100 * HEADROOM:g} : {top_arrivals}")
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
        base.transform_filter(
            alt.FieldOneOfPredicate(
                field="year", oneOf=[shut["year"], *sorted(int(v) for v in placed["year"].unique())]
            )
        )
        .mark_bar(color=GREY_TRACK, aria=False)
        .encode(x=x, y=alt.value(0), y2=alt.value(HEIGHT))
    )
    closure_label = (
        base.transform_filter(f"datum.year == {shut['year']}")
        .mark_text(
            align="right",
            baseline="top",
            dx=-16,
            fontSize=12,
            lineHeight=15,
            text=[f"{shut['year']}: {shut['words']}", "by quarter: " + ", ".join(map(str, shut["quarters"]))],
        )
        .encode(x=x, y=alt.value(4))
    )
    article_marks = []
    for y_pos, year in enumerate(sorted(int(v) for v in placed["year"].unique())):
        article_marks.append(
            base.transform_filter(f"datum.year == {year}")
            .mark_text(
                align="right",
                baseline="top",
                dx=-16,
                fontSize=12,
                lineHeight=15,
                text=_article_label(articles, year) + (_unplaced_label(unplaced) if len(unplaced) else []),
            )
            .encode(x=x, y=alt.value(42 + 40 * y_pos))
        )

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

    chart = (
        alt.layer(marked, hover_band, bars, tops, no_split, half, half_label, closure_label, *article_marks, y_caption)
        .add_params(measure)
        .properties(
            width="container",
            height=HEIGHT,
            title=alt.Title(
                [
                    f"Arrivals in South Korea peaked at {peak['arrivals']:,} in {peak['year']}",
                    f"and fell to {low['arrivals']:,} in {low['year']}, after the {shut['year']} border closure",
                ],
                subtitle=[
                    f"Latest figure reported for each year, {first}-{last}. For {ministry} of the "
                    f"{len(table)} years the report's title",
                    "or the sentence we quote names the Ministry of Unification (point at a year for its source).",
                    "The period totals 947 (up to 1998) and 1,043 (1999-2001 combined) are not years and are "
                    "not drawn.",
                    "Switch to the share of women: it is shown only where a men/women split is published.",
                ],
            ),
            description=(
                f"Bar chart of North Koreans arriving in South Korea each year, {first} to {last}, using the latest "
                f"figure reported for each year (for {ministry} of the {len(table)} years, the report's title or the "
                f"sentence quoted names the Ministry of Unification; not for {_and([str(y) for y in unnamed])}): "
                + "; ".join(f"{r.year}: {r.arrivals:,}" for r in table.itertuples())
                + f". Peak {peak['arrivals']:,} in {peak['year']}; lowest {low['arrivals']:,} in {low['year']}. "
                + "A control switches to the share of women, shown only where the data give men and women: "
                + "; ".join(
                    f"{r.year}: {r.share_label} ({r.women:,} of {r.split_total:,})" for r in shares.itertuples()
                )
                + f". No split for {', '.join(map(str, no_share_years))}. "
                + f"{shut['year']} is marked as the {shut['words']}, with arrivals by quarter of "
                + ", ".join(map(str, shut["quarters"]))
                + ". "
                + " ".join(
                    f"{a[:1].upper()}{a[1:]} is placed in {int(y)} ({b})."
                    for a, y, b in zip(placed["name"], placed["year"], placed["basis"])
                )
                + f" {(' and '.join(unplaced['name']))[:1].upper()}{(' and '.join(unplaced['name']))[1:]} "
                "print no year and are not placed."
            ),
        )
    )

    shut_arrivals = int(table.loc[table["year"] == shut["year"], "arrivals"].iloc[0])
    thousand = table[table["arrivals"] >= 1000]["year"]
    words = (
        f"**In words:** by the latest figures, arrivals went from {table.iloc[0]['arrivals']:,} in {first} to a peak "
        f"of {peak['arrivals']:,} in {peak['year']}"
        + (
            f", were above one thousand a year from {thousand.min()} to {thousand.max()}"
            if len(thousand) and thousand.tolist() == list(range(thousand.min(), thousand.max() + 1))
            else ""
        )
        + f", and were {shut_arrivals:,} in {shut['year']} (by quarter: {', '.join(map(str, shut['quarters']))})"
        + (f" and {low['arrivals']:,} in {low['year']}, the lowest" if low["year"] != shut["year"] else "")
        + f"; {last} saw {table.iloc[-1]['arrivals']:,}. "
        + _majority_sentence(shares)
        + (
            f"Years with no split in our data ({', '.join(map(str, no_share_years))}) have no share. "
            if no_share_years
            else ""
        )
    )
    placed_words = [
        f"{a} ({int(y)}, {'year printed' if b == 'year printed' else 'year inferred'})"
        for a, y, b in zip(placed["name"], placed["year"], placed["basis"])
    ]
    if placed_words:
        words += f"Our articles placed on the chart: {', '.join(placed_words)}. "
    if len(unplaced):
        unplaced_names = _and(list(unplaced["name"]))
        words += f"{unplaced_names[:1].upper()}{unplaced_names[1:]} print no year and are not placed."
    lines = [
        words.strip(),
        "",
        # Every fact of a year's tooltip is also here, for a reader without a pointer (a phone, a keyboard).
        "| Year | Arrivals | Entry on the Sources page | Women | Men | Share of women | Reported by | Replaces |",
        "|---|---:|---|---:|---:|---:|---|---|",
    ]
    for r in table.itertuples():
        figure = f"`{r.figure_id}`" + (" (revised)" if r.revised else "")
        if r.split_figure_id and r.split_figure_id != r.figure_id:
            women = f"{r.women:,}\u00b9"
            men = f"{r.men:,}\u00b9"
        else:
            women = f"{r.women:,}" if pd.notna(r.women) else "no split"
            men = f"{r.men:,}" if pd.notna(r.men) else "no split"
        reported = str(r.source).replace("|", "\\|")
        replaces = r.replaced.replace("|", "\\|") if r.replaced else "-"
        share = r.share_label or "-"
        lines.append(f"| {r.year} | {r.arrivals:,} | {figure} | {women} | {men} | {share} | {reported} | {replaces} |")
    lines += [
        "",
        "\u00b9 Split of the ministry's table of January 2012, whose total the ministry later revised; "
        "the share is of that table's total.",
    ]
    return Figure(chart, "\n".join(lines))


def revisions(frame: pd.DataFrame | None = None) -> Figure:
    """The years with a January 2012 figure and a later revision: both figures side by side."""
    frame = load("context_figures") if frame is None else frame
    rows = yearly_rows(frame)
    pairs = []
    for year, group in rows.groupby("year_n"):
        old = group[group["figure_id"].str.endswith("_mou2012")]
        new = group[group["figure_id"].str.endswith("_rev")]
        if len(old) == 1 and len(new) == 1:
            o, n = old.iloc[0], new.iloc[0]
            pairs.append(
                {
                    "year": int(year),
                    "jan2012": int(o["value_n"]),
                    "revised": int(n["value_n"]),
                    "change": int(n["value_n"] - o["value_n"]),
                    "old_id": o["figure_id"],
                    "new_id": n["figure_id"],
                }
            )
    table = pd.DataFrame(pairs)
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
    label_down = (
        base.transform_filter("datum.change < 0")
        .mark_text(fontSize=13, fontWeight="bold", align="right", dx=-6)
        .encode(x=x, y=y, text="change_text:N")
    )
    chart = alt.layer(bars, zero, label_up, label_down).properties(
        width="container",
        height=34 * len(table),
        title=alt.Title(
            [
                f"Where our table holds both versions, the revision changed {len(table)} years' figures",
                f"by at most {abs(biggest['change'])} persons ({biggest['year']}): small next to the rise "
                "and fall of arrivals",
            ],
            subtitle="Each year: the figure of the January 2012 table \u2192 the revised figure of October 2012.",
        ),
        description=(
            "Bar chart of the change made by the ministry's revision of October 2012 to the yearly arrivals of its "
            "January 2012 table: "
            + "; ".join(f"{r.year}: {r.jan2012:,} then {r.revised:,} ({r.change:+,})" for r in table.itertuples())
            + "."
        ),
    )
    lines = [
        "**In words:** for " + ", ".join(str(y) for y in table["year"]) + ", the January 2012 table and the "
        "revision of October 2012 differ by at most "
        f"{abs(biggest['change'])} persons: "
        + "; ".join(f"{r.year}: {r.jan2012:,} then {r.revised:,} ({r.change:+,})" for r in table.itertuples())
        + ". The chapter's chart uses the revised figure.",
    ]
    return Figure(chart, "\n".join(lines))


PERIOD_TOTALS = ("cum_to_1998", "agg_1999_2001")
OTHER_FIGURES = ("est_nk_china_hrw2002",)


def context_ids(frame: pd.DataFrame | None = None) -> list[str]:
    """The figure ids of the context table this chapter draws on: every yearly row, the period totals and
    the estimate quoted in the exercises."""
    frame = load("context_figures") if frame is None else frame
    yearly_ids = yearly_rows(frame).sort_values(["year_n", "rank"])["figure_id"].tolist()
    return yearly_ids + [fid for fid in (*PERIOD_TOTALS, *OTHER_FIGURES) if fid in set(frame["figure_id"])]


def __getattr__(name: str):
    """``CITES``, what the chapter cites: all five articles, then every context figure the chart and exercises rest on.

    Read from the tables when first asked for, not on import."""
    if name == "CITES":
        return [*sorted(sources()), *context_ids()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
