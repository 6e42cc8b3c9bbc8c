"""Load a table of ``data/`` by name and validate it against ``data/schema.yml``.

>>> from nkbook.data import load
>>> hopes = load("survey_hopes")

Every problem found is reported with the file, the line (row) and the column it is in, and all of a
table's problems are reported at once, so that one run shows everything there is to mend.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from . import paths
from .provenance import folded_text, fold, number_in_text

PROVENANCE_COLUMNS = ("source", "quote", "derivation")
_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located by line and column."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append("row 1 (the header)" if self.line == 1 else f"row {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return ", ".join(where) + f": {self.message}"


class DataError(ValueError):
    """A data file does not match its schema. ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:25])
        more = f"\n  ... and {len(problems) - 25} more" if len(problems) > 25 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{shown}{more}")

    @property
    def first(self) -> Problem:
        return self.problems[0]


@dataclass
class Column:
    name: str
    type: str = "str"
    required: bool = True
    allowed: list[str] | None = None
    unique: bool = False
    in_quote: bool = False
    description: str = ""
    unit: str = ""


@dataclass
class TableSchema:
    name: str
    description: str
    columns: dict[str, Column]
    provenance: str = "seed"  # "seed": source is a seed file or a context figure; "context": the table is the context table
    file: str = ""

    @property
    def value_columns(self) -> list[str]:
        return [c.name for c in self.columns.values() if c.in_quote]


@lru_cache(maxsize=4)
def _read_schema(path: str, mtime: float) -> dict[str, TableSchema]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    provenance = {name: Column(name=name, **spec) for name, spec in raw["provenance"].items()}
    tables: dict[str, TableSchema] = {}
    for name, spec in raw["tables"].items():
        columns = {col: Column(name=col, **cspec) for col, cspec in spec["columns"].items()}
        kind = spec.get("provenance", "seed")
        if kind == "seed":
            for col in PROVENANCE_COLUMNS:
                columns[col] = provenance[col]
        tables[name] = TableSchema(
            name=name,
            description=spec["description"],
            columns=columns,
            provenance=kind,
            file=spec.get("file", f"{name}.csv"),
        )
    return tables


def schemas() -> dict[str, TableSchema]:
    """Every table's declared schema, by table name."""
    path = paths.data_dir() / "schema.yml"
    return _read_schema(str(path), path.stat().st_mtime)


def table_names() -> list[str]:
    return list(schemas())


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(paths.root()))
    except ValueError:
        return str(path)


def _decode(raw: bytes, shown: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line_no = raw[: err.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        header = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip().split(",")
        column = None
        try:
            before = raw[line_start : err.start].decode("utf-8", errors="replace")
            index = len(next(csv.reader([before + "X"]))) - 1
            column = header[index].strip() if 0 <= index < len(header) else None
        except csv.Error:
            pass
        raise DataError([
            Problem(shown, line_no, column,
                    f"is not UTF-8 text (byte 0x{raw[err.start]:02x} at position {err.start}); "
                    "save the file as UTF-8 and load it again")
        ]) from None


def _convert(value: str, col: Column) -> tuple[Any, str | None]:
    """Convert one cell; return (value, error message or None)."""
    if value.strip() == "":
        if col.required:
            return None, "is empty, but this column requires a value"
        return None, None
    if value != value.strip():
        return None, f"has spaces around the value {value!r}; remove them"
    if col.type == "int":
        if not _INT.fullmatch(value):
            return None, f"expected a whole number, got {value!r}"
        converted: Any = int(value)
    elif col.type == "float":
        if not _FLOAT.fullmatch(value):
            return None, f"expected a number (with a point for decimals), got {value!r}"
        converted = float(value)
    else:
        converted = value
    if col.allowed is not None and value not in col.allowed:
        allowed = ", ".join(repr(a) for a in col.allowed if a != "")
        return None, f"{value!r} is not one of the allowed values: {allowed}"
    return converted, None


def _source_text(source: str, context_quotes: dict[str, str]) -> str | None:
    """The text a row's ``source`` names: a seed file's text, or a context figure's quote."""
    if source in context_quotes:
        return fold(context_quotes[source])
    seed = paths.seeds_dir() / source
    if source and "/" not in source and seed.is_file():
        return folded_text(seed)
    return None


def _context_quotes() -> dict[str, str]:
    path = paths.data_dir() / "context_figures.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["figure_id"]: row["quote"] for row in csv.DictReader(handle)}


def check_provenance(row: dict[str, Any], schema: TableSchema, shown: str, line: int,
                     context_quotes: dict[str, str]) -> list[Problem]:
    """Check one row's source, quote and the numbers of its value columns."""
    problems: list[Problem] = []
    source, quote = row.get("source") or "", row.get("quote") or ""
    text = _source_text(source, context_quotes)
    if text is None:
        problems.append(Problem(shown, line, "source",
                                f"{source!r} is neither a file in seeds/ nor a figure_id of context_figures.csv"))
    elif quote and fold(quote) not in text:
        problems.append(Problem(shown, line, "quote",
                                f"the quote does not stand verbatim in {source} "
                                f"(whitespace folded): {fold(quote)[:80]!r}"))
    derivation = row.get("derivation") or ""
    for name in schema.value_columns:
        value = row.get(name)
        if value is None:
            continue
        numbers = [float(value)] if isinstance(value, (int, float)) else [float(n) for n in _NUMBER.findall(str(value).replace(",", ""))]
        for number in numbers:
            if number_in_text(number, quote):
                continue
            if not derivation:
                problems.append(Problem(shown, line, name,
                                        f"the number {number:g} does not appear in the row's quote; "
                                        "quote the sentence that gives it, or say in 'derivation' how it was derived"))
            elif not number_in_text(number, derivation) or len(derivation.split()) < 4:
                # A derivation excuses only the numbers it speaks of, so it cannot cover a typo elsewhere.
                problems.append(Problem(shown, line, name,
                                        f"the number {number:g} is neither in the row's quote nor in its derivation; "
                                        "the derivation must say how this number was reached"))
    return problems


def validate_file(path: Path, schema: TableSchema) -> pd.DataFrame:
    """Read and validate one CSV file against ``schema``; raise :class:`DataError` listing every problem."""
    shown = _display(path)
    if not path.is_file():
        raise DataError([Problem(shown, None, None, "the file does not exist")])
    raw = path.read_bytes()
    expected = list(schema.columns)
    if not raw.strip():
        raise DataError([Problem(shown, 1, None,
                                 "the file is empty; expected a header row with the columns "
                                 + ", ".join(expected))])
    text = _decode(raw, shown)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        raise DataError([Problem(shown, None, None, f"is not well-formed CSV: {err}")]) from None

    header = [h.strip() for h in rows[0]]
    problems: list[Problem] = []
    for name in expected:
        if name not in header and (schema.columns[name].required or name == "derivation"):
            problems.append(Problem(shown, 1, name, "the column is missing from the header"))
    for name in header:
        if name not in schema.columns:
            problems.append(Problem(shown, 1, name or "(blank)", "is not a column of this table (see data/schema.yml)"))
    if len(set(header)) != len(header):
        dupes = sorted({h for h in header if header.count(h) > 1})
        problems.append(Problem(shown, 1, dupes[0], "the column appears more than once in the header"))
    if problems:
        raise DataError(problems)
    if len(rows) == 1:
        raise DataError([Problem(shown, 2, None, "the file has a header but no rows")])

    context_quotes = _context_quotes() if schema.provenance == "seed" else {}
    records: list[dict[str, Any]] = []
    seen: dict[str, dict[Any, int]] = {c.name: {} for c in schema.columns.values() if c.unique}
    # csv lines and file lines differ when a quoted cell holds a newline; track the file line.
    line = 1
    reader_lines = _record_start_lines(text)
    for index, cells in enumerate(rows[1:], start=1):
        line = reader_lines[index] if index < len(reader_lines) else line + 1
        if not any(cell.strip() for cell in cells):
            problems.append(Problem(shown, line, None, "the row is blank; remove it"))
            continue
        if len(cells) != len(header):
            problems.append(Problem(shown, line, header[min(len(cells), len(header)) - 1],
                                    f"the row has {len(cells)} cells but the header has {len(header)} columns"))
            continue
        record: dict[str, Any] = {}
        for name, cell in zip(header, cells):
            value, error = _convert(cell, schema.columns[name])
            if error:
                problems.append(Problem(shown, line, name, error))
            record[name] = value
        for name in seen:
            value = record.get(name)
            if value is not None:
                if value in seen[name]:
                    problems.append(Problem(shown, line, name,
                                            f"{value!r} already stands in row {seen[name][value]}; values must be unique"))
                else:
                    seen[name][value] = line
        if schema.provenance == "seed":
            problems += check_provenance(record, schema, shown, line, context_quotes)
        elif not record.get("quote"):
            problems.append(Problem(shown, line, "quote", "every figure needs the quote it was read from"))
        records.append(record)
    if problems:
        raise DataError(problems)

    frame = pd.DataFrame.from_records(records, columns=header)
    for name in header:
        col = schema.columns[name]
        if col.type == "int":
            frame[name] = frame[name].astype("Int64")
        elif col.type == "float":
            frame[name] = frame[name].astype("Float64")
        else:
            frame[name] = frame[name].astype("string")
    frame.attrs["table"] = schema.name
    frame.attrs["file"] = shown
    return frame


def _record_start_lines(text: str) -> list[int]:
    """The file line on which each CSV record starts (index 0 is the header)."""
    starts, line, in_quotes, at_start = [], 1, False, True
    for char in text:
        if at_start:
            starts.append(line)
            at_start = False
        if char == '"':
            in_quotes = not in_quotes
        elif char == "\n":
            line += 1
            if not in_quotes:
                at_start = True
    return starts


def load(name: str) -> pd.DataFrame:
    """Load the table ``name`` of ``data/`` (e.g. ``"survey_hopes"``), validated against its schema."""
    tables = schemas()
    if name not in tables:
        raise KeyError(f"no table named {name!r} in data/schema.yml; the tables are: {', '.join(tables)}")
    schema = tables[name]
    return validate_file(paths.data_dir() / schema.file, schema)


def load_all() -> dict[str, pd.DataFrame]:
    """Every table, validated; raises one :class:`DataError` listing the problems of all tables."""
    frames, problems = {}, []
    for name in schemas():
        try:
            frames[name] = load(name)
        except DataError as err:
            problems += err.problems
    if problems:
        raise DataError(problems)
    return frames


README_BEGIN = "<!-- tables: generated from data/schema.yml by `python -m nkbook.data readme`; do not edit by hand -->"
README_END = "<!-- end of tables -->"


def tables_markdown() -> str:
    """Every table and column of ``data/schema.yml`` as Markdown, for ``data/README.md``."""
    out = []
    for schema in schemas().values():
        out += [f"### `{schema.file}`", "", schema.description, "", "| column | type | unit | allowed values | meaning |",
                "|---|---|---|---|---|"]
        for col in schema.columns.values():
            kind = col.type + ("" if col.required else ", may be empty") + (", unique" if col.unique else "")
            kind += ", must stand in the quote" if col.in_quote else ""
            allowed = ", ".join(f"`{a}`" if a else "(empty)" for a in col.allowed) if col.allowed else ""
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
