"""How precise a printed date is: no event placed more precisely than its source prints it."""

from __future__ import annotations

from datetime import date

from nkbook.readings import dates
from nkbook.sources import NOT_GIVEN, sources


def test_precision_is_never_overstated(events_table, placements):
    for event in events_table.itertuples():
        row = placements.loc[event.event_id]
        if row["lane"] != dates.CALENDAR:
            continue
        days = (date.fromisoformat(row["end"]) - date.fromisoformat(row["start"])).days + 1
        if row["shape"] == "point":
            assert event.precision == "day", f"{event.event_id} is a point but printed to the {event.precision}"
        if event.precision == "month":
            assert days >= 28, event.event_id
        if event.precision == "year":
            assert days >= 365, event.event_id
        if event.precision in ("part of month", "relative", "days", "period"):
            assert row["shape"] == "span", event.event_id


def test_relative_dates_are_read_from_the_date_line(placements):
    # "at the end of January" (dated February 8, 2024): the last part of January 2024, no single day.
    arrest = placements.loc["hebei_arrest"]
    assert arrest["start"].startswith("2024-01") and arrest["end"] == "2024-01-31" and arrest["shape"] == "span"
    # The texts came three days before the arrest.
    texts = placements.loc["hebei_texts"]
    assert (date.fromisoformat(arrest["start"]) - date.fromisoformat(texts["start"])).days == 3
    # "on Tuesday": the week before the date line, not a chosen day.
    tuesday = placements.loc["hebei_source_reports"]
    assert (
        tuesday["start"] == "2024-02-01" and tuesday["end"] == "2024-02-07" and "which Tuesday" in tuesday["how_drawn"]
    )
    # "last month" in an article dated July 08, 2024: June 2024, drawn as a month, marked inferred.
    warning = placements.loc["never_refugees_warning"]
    assert (warning["start"], warning["end"], warning["certainty"]) == ("2024-06-01", "2024-06-30", dates.INFERRED)
    # "since last October" (February 2024): October 2023.
    assert placements.loc["sewing_work_begins", "start"] == "2023-10-01"
    # A date printed in full is a point on that day; a printed year a year-long band.
    assert (placements.loc["hebei_article", "shape"], placements.loc["hebei_article", "start"]) == (
        "point",
        "2024-02-08",
    )
    assert (placements.loc["border_protocol_1986", "start"], placements.loc["border_protocol_1986", "end"]) == (
        "1986-01-01",
        "1986-12-31",
    )


def test_article_names_come_from_sources_yml_and_say_what_is_not_printed():
    names = dates.article_names()
    assert set(names) == set(sources()) and len(set(names.values())) == len(names), "one distinct name each"
    for file, source in sources().items():
        assert names[file].startswith(source.outlet)
        if source.date_as_printed != NOT_GIVEN:
            assert source.date_as_printed.split(" at ")[0] in names[file]
        else:
            assert "not given" in names[file] or "no date printed" in names[file]
    assert names["002_3815a49d6e380e20.txt"] == "Daily NK, Dec. 12 report (year not given)"
    assert names["001_9bfd2c995f377ad1.txt"] == "Daily NK, February 8, 2024"
    assert names["004_202d9166dca4ee77.txt"] == "The Dong-A Ilbo (no date printed)"
