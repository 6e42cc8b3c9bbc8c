"""The declaration of ``data/``: a Frictionless Data Package (``data/datapackage.json``).

Each table is a tabular resource with a Table Schema: field types, required fields, uniqueness and
allowed values are declared in the standard's own terms, so ``frictionless validate
data/datapackage.json`` checks them with a tool open-data users know.  Two properties of our own
(extensions the standard allows) carry what only this book needs, for the plug-in step of
:mod:`nkbook.provenance`:

- a resource's ``provenance``: ``"seed"`` when each row cites a source (a seed file or a context
  figure) and the sentence it was read from, ``"context"`` for the context table itself;
- a field's ``standsInQuote``: every number in the column must stand in the row's quote, unless the
  row's ``derivation`` says how it was reached;
- a resource's ``numbersInOrder``: pairs of such columns whose numbers, where both stand in the
  quote, stand in it in that order (a count before its base, a minimum before its maximum), so that
  a swap is refused;
- a field ``number_anchor``: the words around the row's number where the quote holds several.

This module reads the descriptor only; :mod:`nkbook.data` reads the tables.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths
from .textfiles import TextFileError, cached_per_file, read_text, shown

DESCRIPTOR = "datapackage.json"
# Table Schema type -> the pandas dtype a loaded column gets.
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64"}
FIELD_KEYS = {"name", "type", "description", "constraints", "unit", "standsInQuote", "format", "title"}
CONSTRAINT_KEYS = {"required", "unique", "enum", "minimum", "maximum", "pattern", "minLength", "maxLength"}
RESOURCE_KEYS = {
    "name",
    "path",
    "profile",
    "format",
    "mediatype",
    "encoding",
    "description",
    "provenance",
    "schema",
    "title",
    "numbersInOrder",
}


class DescriptorError(ValueError):
    """``data/datapackage.json`` is malformed; the message names the file, the table and the key."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool
    unique: bool
    allowed: tuple[str, ...] | None
    stands_in_quote: bool
    unit: str


@dataclass(frozen=True)
class Table:
    """One resource of the package: a table of ``data/`` and its Table Schema."""

    name: str
    file: str
    description: str
    provenance: str
    columns: dict[str, Column]
    descriptor: dict[str, Any]
    numbers_in_order: tuple[tuple[str, str], ...] = ()

    @property
    def value_columns(self) -> list[str]:
        """The columns whose numbers must stand in the row's quote."""
        return [c.name for c in self.columns.values() if c.stands_in_quote]


def _fail(where: str, message: str) -> DescriptorError:
    return DescriptorError(f"data/{DESCRIPTOR}, {where}: {message}")


def _column(field: Any, where: str) -> Column:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str):
        raise _fail(where, f"each field needs a 'name', got {field!r}")
    where = f"{where}, field '{field['name']}'"
    unknown = sorted(set(field) - FIELD_KEYS)
    if unknown:
        raise _fail(where, f"unknown key(s) {', '.join(unknown)}; a field may have {', '.join(sorted(FIELD_KEYS))}")
    if field.get("type", "string") not in DTYPES:
        raise _fail(where, f"'type' is {field.get('type')!r}; expected one of {', '.join(DTYPES)}")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        raise _fail(where, f"'constraints' should be a mapping, got {constraints!r}")
    unknown = sorted(set(constraints) - CONSTRAINT_KEYS)
    if unknown:
        raise _fail(where, f"unknown constraint(s) {', '.join(unknown)}")
    for key in ("required", "unique", "standsInQuote"):
        value = constraints.get(key, False) if key != "standsInQuote" else field.get(key, False)
        if not isinstance(value, bool):
            raise _fail(where, f"'{key}' should be true or false (a JSON boolean), got {value!r}")
    enum = constraints.get("enum")
    if enum is not None and not (isinstance(enum, list) and all(isinstance(v, str) for v in enum)):
        raise _fail(where, f"'enum' should be a list of strings, got {enum!r}")
    return Column(
        name=field["name"],
        type=field.get("type", "string"),
        description=field.get("description", ""),
        required=constraints.get("required", False),
        unique=constraints.get("unique", False),
        allowed=tuple(enum) if enum is not None else None,
        stands_in_quote=field.get("standsInQuote", False),
        unit=str(field.get("unit", "")),
    )


def _table(resource: Any, index: int) -> Table:
    if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
        raise _fail(f"resource {index}", "each resource needs a 'name'")
    where = f"table '{resource['name']}'"
    unknown = sorted(set(resource) - RESOURCE_KEYS)
    if unknown:
        raise _fail(where, f"unknown key(s) {', '.join(unknown)}")
    for key in ("path", "description", "schema"):
        if key not in resource:
            raise _fail(where, f"the key '{key}' is missing")
    provenance = resource.get("provenance", "seed")
    if provenance not in ("seed", "context"):
        raise _fail(where, f"'provenance' is {provenance!r}; expected 'seed' or 'context'")
    fields = resource["schema"].get("fields") if isinstance(resource["schema"], dict) else None
    if not isinstance(fields, list) or not fields:
        raise _fail(where, "'schema' needs a non-empty list of 'fields'")
    columns = {}
    for field in fields:
        column = _column(field, where)
        if column.name in columns:
            raise _fail(where, f"the field '{column.name}' is declared twice")
        columns[column.name] = column
    if provenance == "seed":
        missing = [name for name in ("source", "quote", "derivation") if name not in columns]
        if missing:
            raise _fail(where, f"a table whose rows cite a source needs the fields {', '.join(missing)}")
    pairs = resource.get("numbersInOrder", [])
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise _fail(where, f"'numbersInOrder' should be a list of pairs of column names, got {pairs!r}")
    for pair in pairs:
        for name in pair:
            if name not in columns or not columns[name].stands_in_quote:
                raise _fail(where, f"'numbersInOrder' names '{name}', which is not a column with standsInQuote")
    return Table(
        name=resource["name"],
        file=resource["path"],
        description=resource["description"],
        provenance=provenance,
        columns=columns,
        descriptor=resource,
        numbers_in_order=tuple((a, b) for a, b in pairs),
    )


@cached_per_file
def _read(path: Path) -> dict[str, Table]:
    try:
        raw = json.loads(read_text(path))
    except json.JSONDecodeError as err:
        raise DescriptorError(f"{shown(path)}, line {err.lineno}: is not valid JSON: {err.msg}") from None
    except TextFileError as err:
        raise DescriptorError(str(err)) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("resources"), list):
        raise DescriptorError(f"{shown(path)}: expected a data package with a list of 'resources'")
    tables = {}
    for index, resource in enumerate(raw["resources"], start=1):
        table = _table(resource, index)
        if table.name in tables:
            raise _fail(f"table '{table.name}'", "the name is used by two resources")
        tables[table.name] = table
    return tables


def tables() -> dict[str, Table]:
    """Every table of ``data/``, by name, in the order the package declares them."""
    return _read(paths.data_dir() / DESCRIPTOR)


# --- Reading a table against its Table Schema ----------------------------------------------------


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
        listed = "\n".join(f"  - {p}" for p in problems[:25])
        more = f"\n  ... and {len(problems) - 25} more" if len(problems) > 25 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{listed}{more}")

    @property
    def first(self) -> Problem:
        return self.problems[0]


@dataclass(frozen=True)
class Row:
    """A row of a table: its typed cells (``None`` where empty) and the file line it starts on."""

    line: int
    cells: dict[str, Any]


def _csv_rows(path: Path, table: Table) -> tuple[str, list[tuple[int, list[str]]]]:
    """The file's records with the file line each starts on (the header first); structural problems raise."""
    import csv
    import io

    where = shown(path)
    if not path.is_file():
        raise DataError([Problem(where, None, None, "the file does not exist")])
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError(
            [
                Problem(
                    where,
                    1,
                    None,
                    "the file is empty; expected a header row with the columns " + ", ".join(table.columns),
                )
            ]
        )
    try:
        text = read_text(path)
    except TextFileError as err:
        raise DataError([Problem(where, err.line, _column_at(raw, err.line), str(err).split(": ", 1)[1])]) from None
    if "\r\r\n" in text:
        line = text[: text.index("\r\r\n")].count("\n") + 1
        raise DataError(
            [
                Problem(
                    where,
                    line,
                    None,
                    "has doubled line endings (\\r\\r\\n), which would make every "
                    "other row blank; save the file with ordinary line endings",
                )
            ]
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records = []
    try:
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            records.append((line, cells))
    except csv.Error as err:
        # The record that failed starts at `line` (an unterminated quote runs on to the end of the file).
        raise DataError(
            [
                Problem(
                    where,
                    line,
                    None,
                    f"is not well-formed CSV: {err} (the record that starts on "
                    f"this row; look for a quotation mark that is never closed)",
                )
            ]
        ) from None
    return where, records


def _column_at(raw: bytes, line: int | None) -> str | None:
    """The column of the first bad byte on ``line`` (for the error), if the header can tell."""
    import csv

    if line is None:
        return None
    lines = raw.split(b"\n")
    header = next(csv.reader([lines[0].decode("utf-8", errors="replace")]))
    bad = lines[line - 1]
    for end in range(len(bad)):
        try:
            bad[: end + 1].decode("utf-8")
        except UnicodeDecodeError:
            before = bad[:end].decode("utf-8", errors="replace")
            try:
                index = len(next(csv.reader([before + "X"]))) - 1
            except csv.Error:
                return None
            return header[index].strip() if 0 <= index < len(header) else None
    return None


def _header_problems(where: str, header: list[str], table: Table) -> list[Problem]:
    problems = [
        Problem(where, 1, name, "the column is missing from the header") for name in table.columns if name not in header
    ]
    problems += [
        Problem(where, 1, name or "(blank)", f"is not a column of this table (see data/{DESCRIPTOR})")
        for name in header
        if name not in table.columns
    ]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        problems.append(Problem(where, 1, dupes[0], "the column appears more than once in the header"))
    if not problems and header != list(table.columns):
        problems.append(
            Problem(where, 1, None, "the columns are not in the declared order: " + ", ".join(table.columns))
        )
    return problems


def _message(error: Any, value: str, column: Column | None, lines: dict[int, int]) -> str:
    """Our wording of one of frictionless's cell errors."""
    kind, note = error.type, getattr(error, "note", "")
    if kind == "type-error":
        return {
            "integer": f"expected a whole number, got {value!r}",
            "number": f"expected a number (with a point for decimals), got {value!r}",
        }.get(column.type if column else "", f"is not of the declared type: {value!r}")
    if kind == "constraint-error" and '"required"' in note:
        return "is empty, but this column requires a value"
    for bound, word in (("minimum", "below the minimum"), ("maximum", "above the maximum")):
        if kind == "constraint-error" and f'"{bound}"' in note and column is not None:
            limit = re.search(rf'"{bound}" is "([^"]+)"', note)
            return f"{value!r} is {word} of {limit[1] if limit else '?'} this column allows"
    if kind == "constraint-error" and '"enum"' in note and column and column.allowed:
        return f"{value!r} is not one of the allowed values: {', '.join(repr(a) for a in column.allowed)}"
    if kind == "unique-error":
        position = int(note.rsplit(" ", 1)[-1])
        return f"{value!r} already stands in row {lines.get(position, position)}; values must be unique"
    return f"{error.message}"


def read_rows(table: Table, path: Path | None = None) -> list[Row]:
    """The rows of ``table``, checked against its Table Schema by frictionless; raises :class:`DataError`
    listing every problem, each with the file, the row (file line) and the column."""
    from .fastimport import import_without_iri_grammar

    path = path or paths.data_dir() / table.file
    where, records = _csv_rows(path, table)
    header = [h.strip() for h in records[0][1]]
    problems = _header_problems(where, header, table)
    if problems:
        raise DataError(problems)
    if len(records) == 1:
        raise DataError([Problem(where, 2, None, "the file has a header but no rows")])
    kept: list[tuple[int, list[str]]] = []
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            problems.append(Problem(where, line, None, "the row is blank; remove it"))
        elif len(cells) != len(header):
            problems.append(
                Problem(
                    where,
                    line,
                    header[min(len(cells), len(header)) - 1],
                    f"the row has {len(cells)} cells but the header has {len(header)} columns",
                )
            )
        else:
            for name, cell in zip(header, cells):
                if cell != cell.strip():
                    problems.append(Problem(where, line, name, f"has spaces around the value {cell!r}; remove them"))
            kept.append((line, cells))
    if not kept:
        raise DataError(problems)
    import_without_iri_grammar("frictionless")
    from frictionless import Resource, Schema

    schema = Schema.from_descriptor({"fields": table.descriptor["schema"]["fields"], "missingValues": [""]})
    # frictionless numbers the header 1 and each row after it; the file lines are ours.
    lines = {position: line for position, (line, _) in enumerate(kept, start=2)}
    rows = []
    with Resource(data=[header] + [cells for _, cells in kept], schema=schema) as resource:
        for row in resource.row_stream:
            line = lines[row.row_number]
            raw = dict(zip(header, kept[row.row_number - 2][1]))
            for error in row.errors:
                name = getattr(error, "field_name", None)
                problems.append(
                    Problem(where, line, name, _message(error, raw.get(name, ""), table.columns.get(name), lines))
                )
            rows.append(Row(line, {name: _plain(value) for name, value in row.to_dict().items()}))
    if problems:
        raise DataError(
            sorted(problems, key=lambda p: (p.line or 0, header.index(p.column) if p.column in header else -1))
        )
    return rows


def _plain(value: Any) -> Any:
    """frictionless reads numbers as Decimal; the book computes with floats."""
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value
