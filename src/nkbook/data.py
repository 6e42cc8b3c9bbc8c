"""Load a table of ``data/`` by name, checked against ``data/datapackage.json`` and its sources.

>>> from nkbook.data import load
>>> hopes = load("survey_hopes")

Two steps over the same descriptor:

1. **the standard**: :func:`nkbook.datapackage.read_rows` checks the file against its Table Schema
   (types, required fields, uniqueness, allowed values) with frictionless;
2. **our plug-in**: :func:`provenance_problems` checks what only this book needs: each row's source
   is a seed file or a context figure, its quote stands verbatim in that source (looked up by
   :mod:`nkbook.sources`), and each number of a ``standsInQuote`` column stands in the quote, unless
   the row's derivation says how it was reached.

Every problem is reported with the file, the row and the column, and all of a table's problems at
once, so that one run shows everything there is to mend.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from . import datapackage, paths, sources
from .datapackage import DataError, Problem, Row, Table
from .provenance import fold, number_in_text, number_position, numbers_written

__all__ = ["DataError", "Problem", "load", "load_all", "provenance_problems", "schemas"]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def schemas() -> dict[str, Table]:
    """Every table's declared schema, by table name (from ``data/datapackage.json``)."""
    return datapackage.tables()


def _numbers(value: Any) -> list[float]:
    if isinstance(value, (int, float)):
        return [float(value)]
    return [float(n) for n in _NUMBER.findall(str(value).replace(",", ""))]


def provenance_problems(row: Row, table: Table, where: str) -> list[Problem]:
    """The plug-in step: one row's source, quote, and the numbers of its ``standsInQuote`` columns."""
    if table.provenance == "context":
        return (
            []
            if row.cells.get("quote")
            else [Problem(where, row.line, "quote", "every figure needs the quote it was read from")]
        )
    problems: list[Problem] = []
    source, quote = row.cells.get("source") or "", row.cells.get("quote") or ""
    if sources.text_of(source) is None:
        problems.append(Problem(where, row.line, "source", sources.unknown_source_message(source)))
    elif quote and not sources.quote_stands(quote, source):
        problems.append(
            Problem(
                where,
                row.line,
                "quote",
                f"the quote does not stand verbatim in {source} (whitespace folded): {fold(quote)[:80]!r}",
            )
        )
    if quote and not re.search(r"[^\W\d_]", quote):
        problems.append(
            Problem(
                where,
                row.line,
                "quote",
                f"{quote!r} is only a number, which says nothing of what it means; quote the words it stands in",
            )
        )
    problems += _meaning_problems(row, table, where, quote)
    derivation = row.cells.get("derivation") or ""
    for name in table.value_columns:
        if row.cells.get(name) is None:
            continue
        for number in _numbers(row.cells[name]):
            if number_in_text(number, quote):
                continue
            if not derivation:
                problems.append(
                    Problem(
                        where,
                        row.line,
                        name,
                        f"the number {number:g} does not appear in the row's quote; "
                        "quote the sentence that gives it, or say in 'derivation' how it was derived",
                    )
                )
            elif not number_in_text(number, derivation) or len(derivation.split()) < 4:
                # A derivation excuses only the numbers it speaks of, so it cannot cover a typo elsewhere.
                problems.append(
                    Problem(
                        where,
                        row.line,
                        name,
                        f"the number {number:g} is neither in the row's quote nor in its derivation; "
                        "the derivation must say how this number was reached",
                    )
                )
    return problems


def _meaning_problems(row: Row, table: Table, where: str, quote: str) -> list[Problem]:
    """Numbers tied to their meaning: an anchor (the words around the number, where the quote holds
    several), and pairs of columns whose numbers stand in the quote in the order the columns say."""
    problems = []
    in_quote = {name: _numbers(row.cells[name]) for name in table.value_columns if row.cells.get(name) is not None}
    in_quote = {name: [n for n in numbers if number_in_text(n, quote)] for name, numbers in in_quote.items()}
    if "number_anchor" in table.columns:
        anchor = row.cells.get("number_anchor") or ""
        printed = [n for numbers in in_quote.values() for n in numbers]
        if anchor and fold(anchor) not in fold(quote):
            problems.append(Problem(where, row.line, "number_anchor", f"{anchor!r} does not stand in the row's quote"))
        elif anchor:
            for name, numbers in in_quote.items():
                for number in numbers:
                    if not number_in_text(number, anchor):
                        problems.append(
                            Problem(
                                where,
                                row.line,
                                name,
                                f"the number {number:g} is not in the words around it that the row gives ({anchor!r})",
                            )
                        )
        elif printed and numbers_written(quote) > 1:
            problems.append(
                Problem(
                    where,
                    row.line,
                    "number_anchor",
                    "the quote holds several numbers: give the "
                    "words around this row's number, so that it cannot be mistaken for another",
                )
            )
    for first, second in table.numbers_in_order:
        if in_quote.get(first) and in_quote.get(second):
            a, b = number_position(in_quote[first][0], quote), number_position(in_quote[second][0], quote)
            if a > b:
                problems.append(
                    Problem(
                        where,
                        row.line,
                        first,
                        f"'{first}' ({in_quote[first][0]:g}) should stand "
                        f"before '{second}' ({in_quote[second][0]:g}) in the quote, as the columns say; "
                        "are the two swapped?",
                    )
                )
    return problems


def load(name: str) -> pd.DataFrame:
    """Load the table ``name`` of ``data/`` (e.g. ``"survey_hopes"``), checked in both steps."""
    tables = schemas()
    if name not in tables:
        raise KeyError(f"no table named {name!r} in data/datapackage.json; the tables are: {', '.join(tables)}")
    table = tables[name]
    path = paths.data_dir() / table.file
    where = datapackage.shown(path)
    rows = datapackage.read_rows(table, path)
    problems = [p for row in rows for p in provenance_problems(row, table, where)]
    if problems:
        raise DataError(problems)
    frame = pd.DataFrame.from_records([row.cells for row in rows], columns=list(table.columns))
    for column in table.columns.values():
        frame[column.name] = frame[column.name].astype(datapackage.DTYPES[column.type])
    frame.attrs["table"] = table.name
    frame.attrs["file"] = where
    return frame


def load_all() -> dict[str, pd.DataFrame]:
    """Every table, checked; raises one :class:`DataError` listing the problems of all tables."""
    frames, problems = {}, []
    for name in schemas():
        try:
            frames[name] = load(name)
        except DataError as err:
            problems += err.problems
    if problems:
        raise DataError(problems)
    return frames


README_BEGIN = (
    "<!-- tables: generated from data/datapackage.json by `python -m nkbook.data readme`; do not edit by hand -->"
)
README_END = "<!-- end of tables -->"
TYPE_WORDS = {"string": "text", "integer": "whole number", "number": "number"}


def tables_markdown() -> str:
    """Every table and column of ``data/datapackage.json`` as Markdown, for ``data/README.md``."""
    out = []
    for table in schemas().values():
        out += [
            f"### `{table.file}`",
            "",
            table.description,
            "",
            "| column | type | unit | allowed values | meaning |",
            "|---|---|---|---|---|",
        ]
        for col in table.columns.values():
            kind = (
                TYPE_WORDS[col.type] + ("" if col.required else ", may be empty") + (", unique" if col.unique else "")
            )
            kind += ", must stand in the quote" if col.stands_in_quote else ""
            allowed = ", ".join(f"`{a}`" for a in col.allowed) if col.allowed else ""
            meaning = col.description.replace("|", "\\|")
            out.append(f"| `{col.name}` | {kind} | {col.unit} | {allowed} | {meaning} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def readme_with_tables(readme: str) -> str:
    """``readme`` with the text between the two markers replaced by :func:`tables_markdown`."""
    head, found, rest = readme.partition(README_BEGIN)
    _, found_end, tail = rest.partition(README_END)
    if not (found and found_end):
        raise ValueError(f"data/README.md must hold the markers {README_BEGIN!r} and {README_END!r}")
    return f"{head}{README_BEGIN}\n\n{tables_markdown()}\n{README_END}{tail}"


if __name__ == "__main__":  # python -m nkbook.data readme
    import sys

    if sys.argv[1:] != ["readme"]:
        sys.exit("usage: python -m nkbook.data readme   (rewrites the table reference in data/README.md)")
    target = paths.data_dir() / "README.md"
    target.write_text(readme_with_tables(target.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the table reference into {target}")
