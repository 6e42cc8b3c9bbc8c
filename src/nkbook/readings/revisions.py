"""Which of several figures for a year wins, and what a year's figure says of men and women.

South Korea's Ministry of Unification revises its yearly counts of arrivals, and the context table
(``data/context_figures.csv``) keeps several figures for some years:

- ``arr_<year>_mou2012``: the table of the ministry's press release of January 2012 (provisional);
- ``arr_<year>_rev``: the ministry's revised figure, as reported in October 2012;
- ``arr_<year>``: a figure reported for that year with no later revision in our table.

:func:`latest_per_year` keeps one figure per year by a written rule (:func:`revision_rank`): a
``_rev`` row beats every other, and any other report beats the ``_mou2012`` table.  The period totals
of the ministry's table (:func:`period_totals`: up to 1998, and 1999-2001 combined) are not years, and
are never read as years.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data import load

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


# The ministry's period totals: not years, so never read as a year's figure.
PERIOD_TOTALS = ("cum_to_1998", "agg_1999_2001")
OTHER_FIGURES = ("est_nk_china_hrw2002",)


def context_ids(frame: pd.DataFrame | None = None) -> list[str]:
    """The figure ids of the context table this chapter draws on: every yearly row, the period totals and
    the estimate quoted in the exercises."""
    frame = load("context_figures") if frame is None else frame
    yearly_ids = yearly_rows(frame).sort_values(["year_n", "rank"])["figure_id"].tolist()
    return yearly_ids + [fid for fid in (*PERIOD_TOTALS, *OTHER_FIGURES) if fid in set(frame["figure_id"])]


def period_totals(frame: pd.DataFrame | None = None) -> dict[str, tuple[int, str]]:
    """The ministry's period totals, by figure id: the figure and its period as the table prints it
    (``{"cum_to_1998": (947, "up to 1998"), "agg_1999_2001": (1043, "1999-2001")}``)."""
    frame = load("context_figures") if frame is None else frame
    rows = frame[frame["figure_id"].isin(PERIOD_TOTALS)].set_index("figure_id")
    return {
        fid: (_int(rows.loc[fid, "value"]), str(rows.loc[fid, "year"])) for fid in PERIOD_TOTALS if fid in rows.index
    }


def revision_pairs(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The years with both a January 2012 figure and a later revision, one row each.

    Columns: year, jan2012, revised, change (revised minus jan2012), old_id, new_id.
    """
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
    return pd.DataFrame(pairs, columns=["year", "jan2012", "revised", "change", "old_id", "new_id"])
