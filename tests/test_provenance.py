"""Every row of data/ names its source and the verbatim sentence it was read from; its numbers stand in that "
"sentence."""

from __future__ import annotations

import itertools
import re

import pytest

from nkbook import paths
from nkbook.data import load, schemas
from nkbook.provenance import number_forms, number_in_text
from nkbook.sources import context_figures, quote_stands

SEED_FILES = sorted(p.name for p in paths.seeds_dir().glob("*.txt"))
SEED_TABLES = [name for name, s in schemas().items() if s.provenance == "seed"]


@pytest.mark.parametrize("table", SEED_TABLES)
def test_every_quote_stands_verbatim_in_its_source(table):
    for index, row in load(table).iterrows():
        source, quote = row["source"], row["quote"]
        assert quote_stands(quote, source), f"{table} row {index + 2}: quote not in {source}: {quote!r}"


@pytest.mark.parametrize("table", SEED_TABLES)
def test_every_number_stands_in_its_quote_or_is_derived(table):
    schema = schemas()[table]
    for index, row in load(table).iterrows():
        derivation = row.get("derivation")
        for column in schema.value_columns:
            value = row[column]
            if value is None or value is __import__("pandas").NA:
                continue
            if not number_in_text(float(value), row["quote"]):
                assert isinstance(derivation, str) and len(derivation.split()) >= 4, (
                    f"{table} row {index + 2} column {column}: {value} is not in the quote and no derivation says why"
                )


def test_every_seed_is_cited_by_some_row():
    cited = set()
    for table in SEED_TABLES:
        cited |= set(load(table)["source"])
    assert set(SEED_FILES) <= cited


def test_context_figures_is_a_faithful_copy_with_a_quote_and_address_per_row():
    shared = paths.root().parent / "shared" / "reference" / "context_figures.csv"
    ours = paths.data_dir() / "context_figures.csv"
    if shared.is_file():
        assert ours.read_bytes() == shared.read_bytes()
    frame = load("context_figures")
    assert frame["figure_id"].is_unique
    for _, row in frame.iterrows():
        assert row["quote"].strip(), row["figure_id"]
        assert re.match(r"https?://[^\s/]+\.[^\s]+$", row["source_address"]), row["figure_id"]


def test_context_numbers_stand_in_their_quotes():
    """A figure's printed value appears in its quote (digits, with or without thousands separators)."""
    for row in context_figures().values():
        value = row["value"]
        if not re.search(r"\d", value) or not row["unit"].startswith("persons"):
            continue
        for number in re.findall(r"\d[\d,]*", value):
            n = int(number.replace(",", ""))
            # A few totals are read from a headline (arr_2019: "1,047 N.Korean defectors arrived ..."), and a
            # few are sums of the quote's figures (arr_2023: 32 men and 164 women = 196; repat_2020_2024_hrw:
            # 500 + 40 + 80 + 50 = 670).
            parts = [int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", row["quote"])]
            summed = any(sum(c) == n for r in (2, 3, 4) for c in itertools.combinations(parts, r))
            assert number_in_text(n, row["quote"]) or number_in_text(n, row["source_title"]) or summed, (
                row["figure_id"],
                n,
            )


def test_number_forms_cover_words_and_separators():
    assert number_forms(10000) == ["10000", "10,000", "1만"]
    assert number_in_text(34314, "총 3만 4314명") and number_in_text(1990, "탈북자 1천990명 가운데")
    assert "three" in number_forms(3)
    assert number_in_text(3, "three days after") and number_in_text(10000, "more than 10,000 children")
    assert number_in_text(27.5, "Only 11 (27.5%) said yes")
    assert not number_in_text(10, "in 2010 and 1,100")
    assert not number_in_text(7, "27.5")
