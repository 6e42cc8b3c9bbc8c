"""How precise a printed date is, and where (if anywhere) it may be placed on a calendar.

Each event of ``data/events.csv`` is placed only as precisely as its source prints it:

- a day that is printed becomes a point; a printed month, "end of January", a year or a decade
  becomes a span of that length;
- a year the ``year`` column marks ``inferred: ...`` (and a month or week read from an article's date
  line, such as "last month" or "on Tuesday") is inferred, and the reason is kept;
- an event whose year is not printed ("Dec. 12", "ten years ago", "last year" in an undated article)
  is never given a position on the calendar.

:func:`placements` does this for every event; :func:`article_years` places the five articles
themselves in a year (printed, inferred or not at all); :func:`article_names` names them by the date
they print.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

import pandas as pd

from ..data import load
from ..sources import NOT_GIVEN, context_figures, sources

# Where an event goes (its "lane"): on the calendar, or apart, with no year printed.
CALENDAR = "calendar"
UNDATED = "no year printed"
# How sure its year is (its "certainty"), apart from UNDATED.
PRINTED = "year printed"
INFERRED = "year inferred"
# The source key of an event from the context table rather than one of the five articles.
CONTEXT = "context"

_MONTHS = {name[:3].lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _month(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(text: str) -> tuple[int | None, bool, str]:
    """(year, inferred?, reason) from the ``year`` column: "2024", "2000s", "inferred: 2024, why", "not given"."""
    text = text.strip()
    inferred = re.match(r"inferred:\s*(\d{4})\b,?\s*(.*)", text)
    if inferred:
        return int(inferred.group(1)), True, inferred.group(2).strip()
    printed = re.match(r"(\d{4})", text)
    if printed:
        return int(printed.group(1)), False, ""
    return None, False, ""


def _date_line(source: str) -> date | None:
    """The date an article or a context publication prints for itself (what relative dates count from)."""
    known = sources()
    if source in known:
        text = known[source].date_as_printed
        found = re.search(_MONTH + r" (\d{1,2}), (\d{4})", text)
        return date(int(found.group(3)), _month(found.group(1)), int(found.group(2))) if found else None
    row = context_figures().get(source)
    if row is None:
        return None
    title = row["source_title"]
    iso = re.search(r"(\d{4})-(\d{2})-(\d{2})", title)
    if iso:
        return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    month_year = re.search(_MONTH + r" (\d{4})", title)
    if month_year:
        return date(int(month_year.group(2)), _month(month_year.group(1)), 1)
    return None


def _date_line_words(source: str) -> str:
    known = sources()
    if source in known:
        return known[source].date_as_printed
    return context_figures()[source]["source_title"]


def _read_date(row: dict, year: int, placed: dict) -> tuple[date, date, str, bool]:
    """(start, end, how it is drawn, read from the date line?) for a row whose year is known."""
    words = row["date_as_printed"].strip()
    line = _date_line(row["source"])

    found = re.search(r"(?:" + _WEEKDAY + r", )?" + _MONTH + r" (\d{1,2}), (\d{4})", words)
    if found:
        day = date(int(found.group(4)), _month(found.group(2)), int(found.group(3)))
        return day, day, "a point: the day is printed", False
    found = re.fullmatch(r"(\d{1,2}) " + _MONTH + r" through (\d{1,2}) " + _MONTH + r" (\d{4})", words)
    if found:
        y = int(found.group(5))
        return (
            date(y, _month(found.group(2)), int(found.group(1))),
            date(y, _month(found.group(4)), int(found.group(3))),
            "a span over the days printed",
            False,
        )
    found = re.fullmatch(_MONTH + r" (\d{4})", words)
    if found:
        m, y = _month(found.group(1)), int(found.group(2))
        return date(y, m, 1), _month_end(y, m), "a month-long band: no day is printed", False
    if re.fullmatch(r"\d{4}", words):
        y = int(words)
        return date(y, 1, 1), date(y, 12, 31), "a year-long band: only the year is printed", False
    found = re.fullmatch(r"from " + _MONTH + r" (\d{1,2}) to " + _MONTH + r" (\d{1,2})", words, re.I)
    if found:
        return (
            date(year, _month(found.group(1)), int(found.group(2))),
            date(year, _month(found.group(3)), int(found.group(4))),
            "a span over the days printed",
            False,
        )
    found = re.fullmatch(r"(?:on )?(\d{1,2}) " + _MONTH, words, re.I) or re.fullmatch(
        r"(?:on )?" + _MONTH + r" (\d{1,2})", words, re.I
    )
    if found:
        a, b = found.groups()
        day_, month_ = (a, b) if a.isdigit() else (b, a)
        day = date(year, _month(month_), int(day_))
        return day, day, "a point on the day printed", False
    found = re.fullmatch(r"from " + _MONTH + r" to " + _MONTH, words, re.I)
    if found:
        return (
            date(year, _month(found.group(1)), 1),
            _month_end(year, _month(found.group(2))),
            "a band over the months printed: no days are printed",
            False,
        )
    found = re.search(r"end of " + _MONTH, words, re.I)
    if found:
        m = _month(found.group(1))
        return (
            date(year, m, 21),
            _month_end(year, m),
            "a band over the last third of the month: the article prints no day",
            False,
        )
    found = re.search(r"mid to late (\d{4})s", words, re.I)
    if found:
        decade = int(found.group(1))
        return (
            date(decade + 4, 1, 1),
            date(decade + 9, 12, 31),
            f"a band from {decade + 4} to {decade + 9}: the edges are our reading of \u201cmid to late\u201d",
            False,
        )
    found = re.fullmatch(r"last month", words, re.I)
    if found and line:
        m = line.month - 1 or 12
        return (
            date(year, m, 1),
            _month_end(year, m),
            f"a month-long band: \u201clast month\u201d read as the month before the date line "
            f"({_date_line_words(row['source'])})",
            True,
        )
    found = re.search(r"(?:since )?last " + _MONTH, words, re.I)
    if found:
        m = _month(found.group(1))
        return (
            date(year, m, 1),
            _month_end(year, m),
            f"a month-long band: \u201clast {calendar.month_name[m]}\u201d read as the last {calendar.month_name[m]} "
            f"before the date line ({_date_line_words(row['source'])})",
            True,
        )
    found = re.search(r"\bin " + _MONTH + r"$", words, re.I)
    if found:
        m = _month(found.group(1))
        return (
            date(year, m, 1),
            _month_end(year, m),
            "a band over the whole month: the article does not say which part of it",
            False,
        )
    found = re.fullmatch(r"on " + _WEEKDAY, words, re.I)
    if found and line:
        return (
            line - timedelta(days=7),
            line - timedelta(days=1),
            f"a band over the week before the date line ({_date_line_words(row['source'])}): "
            f"the article does not say which {found.group(1)}",
            True,
        )
    found = re.search(r"(\w+) days? after", words, re.I)
    if found and found.group(1).lower() in _NUMBER_WORDS:
        n = _NUMBER_WORDS[found.group(1).lower()]
        anchors = [
            p
            for key, p in placed.items()
            if key != row["event_id"]
            and p["source"] == row["source"]
            and p["kind"] == row["kind"]
            and p["lane"] == CALENDAR
        ]
        if anchors:
            anchor = anchors[0]
            return (
                date.fromisoformat(anchor["start"]) - timedelta(days=n),
                date.fromisoformat(anchor["end"]) - timedelta(days=n),
                f"a band {found.group(1)} days before the {anchor['kind']} ({anchor['date_as_printed']}): "
                "the article prints no date for it",
                True,
            )
    return date(year, 1, 1), date(year, 12, 31), "a year-long band: placed by its year only", False


def _source_labels() -> dict[str, str]:
    labels = {
        s.file: f"{s.tag()} article" + ("" if s.outlet.removeprefix("The ") in s.tag() else f" ({s.outlet})")
        for s in sources().values()
    }
    return labels


def placements(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every event, with where (and whether) the timeline places it and how, in words.

    Columns: the event's own (event_id, date_as_printed, year, precision, kind, description, source,
    quote) and ``source_key`` (seed id or "context"), ``source_label``, ``lane`` ("calendar" or
    "no year printed"), ``start``/``end`` (ISO dates, empty off the calendar), ``shape`` ("point" for
    one day, "span" otherwise), ``certainty`` (printed or inferred) and ``how_drawn``.
    """
    frame = load("events") if frame is None else frame
    seeds = sources()
    labels = _source_labels()
    rows = [{k: ("" if pd.isna(v) else str(v)) for k, v in r.items()} for r in frame.to_dict("records")]
    placed: dict[str, dict] = {}
    # Rows that count from another event ("three days after ...") are read after the others.
    order = sorted(rows, key=lambda r: bool(re.search(r"days? after", r["date_as_printed"], re.I)))
    for row in order:
        year, inferred, reason = _year_of(row["year"])
        out = dict(row)
        if row["source"] in seeds:
            out["source_key"] = seeds[row["source"]].id
            out["source_label"] = labels[row["source"]]
        else:
            out["source_key"] = CONTEXT
            out["source_label"] = "Context table (outside the five articles)"
        if year is None:
            out.update(
                lane=UNDATED,
                start="",
                end="",
                shape="none",
                certainty="no year printed",
                how_drawn="not placed on the calendar: no year is printed, so any position would be a guess",
            )
        else:
            start, end, how, from_line = _read_date(row, year, placed)
            inferred_here = inferred or from_line
            if inferred:
                how += f"; the year is inferred: {reason}" if reason else "; the year is inferred"
            out.update(
                lane=CALENDAR,
                start=start.isoformat(),
                end=end.isoformat(),
                shape="point" if start == end else "span",
                certainty=INFERRED if inferred_here else PRINTED,
                how_drawn=how,
            )
        placed[row["event_id"]] = out
    result = pd.DataFrame([placed[r["event_id"]] for r in rows])
    result["sort_key"] = result["start"].where(result["start"] != "", "9999")
    return (
        result.sort_values(["lane", "sort_key", "source_key"], kind="stable")
        .drop(columns="sort_key")
        .reset_index(drop=True)
    )


def context_ids(frame: pd.DataFrame | None = None) -> list[str]:
    """The figure ids of the context table that the timeline's events rest on, in the table's order."""
    frame = load("events") if frame is None else frame
    rows = context_figures()
    return [s for s in dict.fromkeys(frame["source"].astype(str)) if s in rows]


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


def article_names() -> dict[str, str]:
    """A short name for each article, from ``seeds/sources.yml``: outlet and date as printed.

    An article that prints no date is named by the one date it does print (its survey's days, or the
    day a source spoke), read from ``data/events.csv``, with "(year not given)"; failing that,
    "(no date printed)".
    """
    events = load("events")
    names = {}
    for file, source in sources().items():
        if source.date_as_printed != NOT_GIVEN:
            names[file] = f"{source.outlet}, {source.date_as_printed.split(' at ')[0]}"
            continue
        own = events[
            (events["source"] == file)
            & events["kind"].isin(["survey", "report"])
            & events["precision"].isin(["day", "days"])
        ]
        if len(own):
            row = own.iloc[0]
            when = re.sub(r"^From ", "", row["date_as_printed"])
            what = f"survey of {when}" if row["kind"] == "survey" else f"{when} report"
            year = " (year not given)" if source.year == NOT_GIVEN else ""
            names[file] = f"{source.outlet}, {what}{year}"
        else:
            names[file] = f"{source.outlet} (no date printed)"
    return names
