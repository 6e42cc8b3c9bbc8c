"""The loader rejects malformed tables with a message naming the file, the row and the column."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from nkbook.data import DataError, load, schemas


def rewrite(path, mutate):
    """Read a CSV as rows, let ``mutate`` change them, write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    mutate(rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def test_every_table_loads_with_declared_types():
    for name, schema in schemas().items():
        frame = load(name)
        assert list(frame.columns) == [c for c in frame.columns if c in schema.columns]
        assert set(frame.columns) >= {c.name for c in schema.columns.values() if c.required}
        assert len(frame) > 0, name
        for col in schema.columns.values():
            expected = {"string": "string", "integer": "Int64", "number": "Float64"}[col.type]
            assert str(frame[col.name].dtype) == expected, (name, col.name)


def test_survey_hopes_values():
    hopes = load("survey_hopes").set_index("hope_id")
    assert sorted(hopes["count"].tolist()) == [10, 26, 35]
    assert set(hopes["base"]) == {40}


def test_unknown_table_names_the_tables():
    with pytest.raises(KeyError, match="survey_hopes"):
        load("no_such_table")


def test_missing_column(book_copy):
    path = book_copy / "data" / "survey_hopes.csv"

    def drop_count(rows):
        index = rows[0].index("count")
        for row in rows:
            del row[index]

    rewrite(path, drop_count)
    with pytest.raises(DataError) as err:
        load("survey_hopes")
    problem = err.value.first
    assert (problem.file, problem.line, problem.column) == ("data/survey_hopes.csv", 1, "count")
    assert "data/survey_hopes.csv, row 1 (the header), column 'count': the column is missing" in str(err.value)


def test_text_in_number_column(book_copy):
    path = book_copy / "data" / "survey_hopes.csv"

    def spoil(rows):
        rows[2][rows[0].index("count")] = "twenty-six"

    rewrite(path, spoil)
    with pytest.raises(DataError) as err:
        load("survey_hopes")
    assert "data/survey_hopes.csv, row 3, column 'count': expected a whole number, got 'twenty-six'" in str(err.value)


def test_empty_file(book_copy):
    (book_copy / "data" / "wages.csv").write_bytes(b"")
    with pytest.raises(DataError) as err:
        load("wages")
    assert (
        "data/wages.csv, row 1 (the header): the file is empty; expected a header row with the columns item, value"
        in str(err.value)
    )


def test_header_only(book_copy):
    path = book_copy / "data" / "wages.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"data/wages.csv, row 2: the file has a header but no rows"):
        load("wages")


def test_non_utf8_file(book_copy):
    path = book_copy / "data" / "trafficking_prices.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    # Put a Latin-1 byte into the quote of the second data row (line 3).
    cells = next(csv.reader([lines[2]]))
    cells[header.index("quote")] = "Now, they are being sold for up to 20,000 Yuan \xa5"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    raw = (
        b"".join(line.encode("utf-8") for line in lines[:2])
        + buffer.getvalue().encode("latin-1")
        + b"".join(line.encode("utf-8") for line in lines[3:])
    )
    path.write_bytes(raw)
    with pytest.raises(DataError) as err:
        load("trafficking_prices")
    message = str(err.value)
    assert "data/trafficking_prices.csv, row 3, column 'quote': is not UTF-8 text (byte 0xa5" in message
    assert "save the file as UTF-8" in message


def test_quote_not_in_source(book_copy):
    path = book_copy / "data" / "survey_treatment.csv"

    def spoil(rows):
        q = rows[0].index("quote")
        rows[1][q] = rows[1][q].replace("Only 11", "Just 11")

    rewrite(path, spoil)
    with pytest.raises(DataError) as err:
        load("survey_treatment")
    problem = err.value.first
    assert (problem.line, problem.column) == (2, "quote")
    assert "does not stand verbatim in 000_54004d1158f87b0d.txt" in problem.message


def test_number_not_in_quote_needs_derivation(book_copy):
    path = book_copy / "data" / "survey_hopes.csv"

    def spoil(rows):
        (row,) = [r for r in rows if r[0] == "communicate_family"]
        row[rows[0].index("count")] = "34"

    rewrite(path, spoil)
    with pytest.raises(DataError) as err:
        load("survey_hopes")
    assert "row 3, column 'count': the number 34 does not appear in the row's quote" in str(err.value)


def test_a_derivation_excuses_only_the_numbers_it_speaks_of(book_copy):
    """The first hope's base (40) is derived; a wrong count in the same row must still be caught."""
    path = book_copy / "data" / "survey_hopes.csv"

    def spoil(rows):
        (row,) = [r for r in rows if r[0] == "not_repatriated"]
        assert "40" in row[rows[0].index("derivation")]
        row[rows[0].index("count")] = "36"

    rewrite(path, spoil)
    with pytest.raises(DataError) as err:
        load("survey_hopes")
    assert "row 2, column 'count': the number 36 is neither in the row's quote nor in its derivation" in str(err.value)


def test_unknown_source(book_copy):
    path = book_copy / "data" / "places.csv"

    def spoil(rows):
        rows[1][rows[0].index("source")] = "my_memory.txt"

    rewrite(path, spoil)
    with pytest.raises(DataError, match=r"data/places.csv, row 2, column 'source': 'my_memory.txt' is neither"):
        load("places")


def test_value_outside_allowed_list(book_copy):
    path = book_copy / "data" / "survey_treatment.csv"

    def spoil(rows):
        rows[1][rows[0].index("answer")] = "maybe"

    rewrite(path, spoil)
    with pytest.raises(
        DataError, match=r"row 2, column 'answer': 'maybe' is not one of the allowed values: 'yes', 'no'"
    ):
        load("survey_treatment")


def test_all_problems_reported_at_once(book_copy):
    path = book_copy / "data" / "survey_hopes.csv"

    def spoil(rows):
        rows[1][rows[0].index("count")] = "x"
        rows[2][rows[0].index("base")] = ""

    rewrite(path, spoil)
    with pytest.raises(DataError) as err:
        load("survey_hopes")
    located = {(p.line, p.column) for p in err.value.problems}
    assert {(2, "count"), (3, "base")} <= located


def test_frame_records_its_file():
    frame = load("wages")
    assert frame.attrs["file"] == "data/wages.csv"
    assert isinstance(frame, pd.DataFrame)


def test_data_readme_documents_every_table_and_column_as_declared():
    from nkbook import paths
    from nkbook.data import readme_with_tables

    readme = (paths.data_dir() / "README.md").read_text(encoding="utf-8")
    assert readme_with_tables(readme) == readme, "run `python -m nkbook.data readme` after changing datapackage.json"
    for name, schema in schemas().items():
        assert f"### `{schema.file}`" in readme, name
        for column in schema.columns:
            assert f"| `{column}` |" in readme, (name, column)
    assert "35 + 26 + 10" in readme, "the overlap of the survey's hopes is the first caution"


# --- The declaration is a standard Data Package, and the standard's own tool agrees with it ----------


def test_frictionless_validates_the_data_package_as_we_do(book_copy):
    """A reader can check data/ with the standard tool: it passes the package, and refuses what we refuse."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "frictionless", "validate", "--json", str(book_copy / "data" / "datapackage.json")]
    report = subprocess.run(command, capture_output=True, text=True, check=False)
    assert report.returncode == 0, report.stdout[-2000:]

    rewrite(
        book_copy / "data" / "survey_hopes.csv", lambda rows: rows[1].__setitem__(rows[0].index("count"), "35 (approx)")
    )
    report = subprocess.run(command, capture_output=True, text=True, check=False)
    assert report.returncode != 0 and "type-error" in report.stdout
    with pytest.raises(DataError, match=r"row 2, column 'count': expected a whole number, got '35 \(approx\)'"):
        load("survey_hopes")


def test_a_typo_in_the_descriptor_names_the_file_the_table_and_the_key(book_copy):
    import json

    from nkbook.datapackage import DescriptorError

    path = book_copy / "data" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    package["resources"][0]["schema"]["fields"][2]["typ"] = package["resources"][0]["schema"]["fields"][2].pop("type")
    path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(
        DescriptorError, match=r"data/datapackage.json, table 'survey_hopes', field 'count': unknown key\(s\) typ"
    ):
        load("survey_hopes")


def test_a_bom_is_accepted_and_a_bad_byte_in_a_seed_is_reported_with_its_file(book_copy):
    path = book_copy / "data" / "wages.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load("wages")) > 0
    seed = book_copy / "seeds" / "001_9bfd2c995f377ad1.txt"
    seed.write_bytes(seed.read_bytes() + b"\xff")
    from nkbook.textfiles import TextFileError

    with pytest.raises(TextFileError, match=r"seeds/001_9bfd2c995f377ad1.txt, line \d+: is not UTF-8 text"):
        load("wages")


# --- Numbers tied to their meaning: swaps are refused ------------------------------------------------


def _ordered_pairs():
    """(table, first column, second column, row index) of every declared pair both of whose numbers
    stand in the row's quote and differ: the swaps that must be refused."""
    from nkbook.provenance import number_in_text

    found = []
    for name, table in schemas().items():
        frame = load(name) if table.numbers_in_order else None
        for first, second in table.numbers_in_order:
            for index, row in frame.iterrows():
                a, b = row[first], row[second]
                if (
                    pd.notna(a)
                    and pd.notna(b)
                    and a != b
                    and number_in_text(a, row["quote"])
                    and number_in_text(b, row["quote"])
                ):
                    found.append((name, first, second, index))
    return found


ORDERED = _ordered_pairs()


def test_every_declared_order_has_rows_to_guard():
    assert {name for name, *_ in ORDERED} >= {
        "survey_hopes",
        "survey_treatment",
        "hebei_timeline",
        "trafficking_prices",
    }


@pytest.mark.parametrize(("table", "first", "second", "index"), ORDERED)
def test_a_swap_within_a_row_is_refused(book_copy, table, first, second, index):
    path = book_copy / "data" / schemas()[table].file

    def swap(rows):
        i, j = rows[0].index(first), rows[0].index(second)
        row = rows[index + 1]
        row[i], row[j] = row[j], row[i]

    rewrite(path, swap)
    with pytest.raises(DataError) as err:  # by the order of the quote, or by a column's type
        load(table)
    assert {p.column for p in err.value.problems} <= {first, second}
    assert any("are the two swapped" in p.message or "expected a whole number" in p.message for p in err.value.problems)


@pytest.mark.parametrize(
    ("table", "key", "rows_", "column"),
    [
        ("survey_design", "item", ("first day of the survey", "last day of the survey"), "value"),
        ("survey_design", "item", ("provinces lived in", "special administrative regions lived in"), "value"),
        ("survey_treatment", "answer", ("yes", "no"), "count"),
        ("survey_treatment", "answer", ("yes", "no"), "share_printed"),
        ("wages", "item", ("daily wage agreed", "daily wage agreed, in dollars"), "value"),
    ],
)
def test_a_swap_between_rows_that_share_a_quote_is_refused(book_copy, table, key, rows_, column):
    path = book_copy / "data" / schemas()[table].file

    def swap(rows):
        k, c = rows[0].index(key), rows[0].index(column)
        a, b = (next(r for r in rows[1:] if r[k] == v) for v in rows_)
        a[c], b[c] = b[c], a[c]

    rewrite(path, swap)
    with pytest.raises(DataError) as err:
        load(table)
    ordered = {name for pair in schemas()[table].numbers_in_order for name in pair}
    assert all(p.column in {column, "number_anchor"} | ordered for p in err.value.problems)


def test_a_row_whose_quote_is_only_a_number_is_refused(book_copy):
    rewrite(book_copy / "data" / "survey_hopes.csv", lambda rows: rows[2].__setitem__(rows[0].index("quote"), "26"))
    with pytest.raises(DataError, match=r"row 3, column 'quote': '26' is only a number"):
        load("survey_hopes")


def test_an_anchor_stands_in_its_quote_and_holds_the_number(book_copy):
    path = book_copy / "data" / "survey_design.csv"
    rewrite(path, lambda rows: rows[2].__setitem__(rows[0].index("number_anchor"), "From Jan. 3"))
    with pytest.raises(DataError, match="'From Jan. 3' does not stand in the row's quote"):
        load("survey_design")


def test_a_row_among_several_numbers_needs_an_anchor(book_copy):
    rewrite(book_copy / "data" / "wages.csv", lambda rows: rows[1].__setitem__(rows[0].index("number_anchor"), ""))
    with pytest.raises(DataError, match="the quote holds several numbers"):
        load("wages")
