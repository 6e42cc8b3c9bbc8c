"""The question bank: ``exercises/<chapter>.yml``, checked against ``exercises/schema.json``.

A chapter's file also holds its exit question (:func:`exit_question`), asked at the close of a
session. Each question has an id, a chapter, a type, a level, a prompt, what the type needs (options, an
answer, items to order), an explanation, and the source it rests on: a seed file (or a figure_id of
the context table) and the verbatim sentence that supports the answer.

The JSON Schema states the shape of a file: which fields each type needs and allows, and of what
kind.  Only the rules a schema cannot state are written here: exactly one correct option, options
that differ once case and spaces are folded, finite numbers, a quote that stands in its source (asked
of :mod:`nkbook.sources`), and ids unique across the chapters.  Every error names the file, the
question and the field.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import paths, sources
from ..provenance import fold
from ..textfiles import TextFileError, cached_per_file, read_text, shown

SCHEMA_FILE = "schema.json"


class BankError(ValueError):
    """The question bank is malformed; the message names the file, the question and the field."""


@cached_per_file
def _read_schema(path: Path) -> dict[str, Any]:
    return json.loads(read_text(path))


def schema() -> dict[str, Any]:
    """The bank's JSON Schema (``exercises/schema.json`` of the book being read)."""
    return _read_schema(paths.exercises_dir() / SCHEMA_FILE)


def _enum(name: str) -> tuple[str, ...]:
    return tuple(schema()["$defs"]["question"]["properties"][name]["enum"])


def __getattr__(name: str) -> tuple[str, ...]:
    # TYPES and LEVELS, as the schema of the book being read declares them (read when first asked).
    if name == "TYPES":
        return _enum("type")
    if name == "LEVELS":
        return _enum("level")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    chapter: str
    type: str
    level: str
    prompt: str
    explanation: str
    source: str
    quote: str
    options: tuple[Option, ...] = ()
    answer: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    decimals: int | None = None
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    model_answer: str = ""
    points: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    file: str = field(default="", compare=False)

    @property
    def correct_options(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)

    @property
    def shown_options(self) -> tuple[Option, ...]:
        """The options in the order readers see them, in every output: a shuffle seeded by the id (:mod:`.order`)."""
        from .order import option_order

        return tuple(self.options[i] for i in option_order(self.id, len(self.options)))

    @property
    def start_items(self) -> tuple[str, ...]:
        """A put-in-order question's items as the reader first sees them: shuffled, never the right order."""
        from .order import item_order

        return tuple(self.items[i] for i in item_order(self.id, len(self.items)))


# --- Reading a file: YAML without duplicate keys, then the schema ---------------------------------


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's safe loader, refusing a key given twice in one mapping (YAML would keep the last).
    libyaml's parser where PyYAML has it (its wheels do): the bank is read in a fifth of the time."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} is given twice (first on line {seen[key].start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


def _where(shown_path: str, raw: Any, path: list[Any]) -> tuple[str, str | None]:
    """(the file, question and option a schema error is in; the field it is about)."""
    where, name = shown_path, None
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        entry = raw["questions"][path[1]]
        qid = entry.get("id") if isinstance(entry, dict) else None
        where += f", question '{qid}'" if isinstance(qid, str) else f", question {path[1] + 1}"
        rest = path[2:]
        if len(rest) >= 2 and rest[0] in ("options", "items", "points") and isinstance(rest[1], int):
            where += f", {rest[0][:-1]} {rest[1] + 1}"
            rest = rest[2:]
            name = str(rest[0]) if rest else None
        elif rest:
            name = str(rest[0])
    elif path:
        name = str(path[0])
    return where, name


def _fields_of(qtype: str | None) -> set[str]:
    """The fields a question of this type may have, as the schema says."""
    question = schema()["$defs"]["question"]
    fields = set(question["properties"])
    for branch in question["allOf"]:
        if qtype in branch["if"]["properties"]["type"].get("enum", [branch["if"]["properties"]["type"].get("const")]):
            fields |= set(branch["then"]["properties"])
    return fields


def _schema_message(error: Any, name: str | None, instance_type: str | None) -> str | None:
    """Our wording of one JSON Schema error (``None`` for an echo of another error)."""
    the = f"the field '{name}'" if name else "the value"
    if error.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        return f"the field '{missing[1] if missing else error.message}' is missing"
    if error.validator in ("unevaluatedProperties", "additionalProperties"):
        extra = re.findall(r"'([^']+)'", error.message.split("(", 1)[-1])
        known = set(schema()["$defs"]["question"]["properties"])
        for branch in schema()["$defs"]["question"]["allOf"]:
            known |= set(branch["then"]["properties"])
        # A field of this type whose own value failed is reported as unevaluated too: that is an echo.
        extra = [e for e in extra if e not in _fields_of(instance_type)] if instance_type else extra
        if not extra:
            return None
        other = [e for e in extra if e in known]
        if other and instance_type:
            return f"the field(s) {', '.join(other)} do not apply to a {instance_type} question"
        return f"unknown field(s) {', '.join(extra)}"
    if error.validator == "enum":
        return f"{the} is {error.instance!r}; expected one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = {
            "boolean": "true or false (a YAML boolean)",
            "number": "a number",
            "string": "text",
            "array": "a list",
            "object": "a mapping of fields",
        }
        return f"{the} should be {' or '.join(words.get(k, k) for k in kinds)}, got {error.instance!r}"
    if error.validator == "pattern" and error.validator_value == "\\S":
        return f"{the} is empty"
    if error.validator == "minItems":
        n = error.validator_value
        return f"{the} needs at least {'one entry' if n == 1 else f'{n} entries'}"
    if error.validator == "uniqueItems":
        return f"{the} holds the same entry twice"
    if error.validator == "minimum":
        return f"{the} should be {error.validator_value} or more, got {error.instance!r}"
    return f"{the}: {error.message}"


def _schema_errors(raw: Any, shown_path: str) -> list[str]:
    from ..fastimport import import_without_iri_grammar

    jsonschema = import_without_iri_grammar("jsonschema")

    validator = jsonschema.Draft202012Validator(schema())
    messages = []
    for error in sorted(validator.iter_errors(raw), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        where, name = _where(shown_path, raw, path)
        instance_type = None
        if len(path) >= 2 and path[0] == "questions" and isinstance(raw["questions"][path[1]], dict):
            instance_type = raw["questions"][path[1]].get("type")
        message = _schema_message(error, name, instance_type)
        if message is not None:
            messages.append(f"{where}: {message}")
    return list(dict.fromkeys(messages))


# --- The rules a schema cannot state --------------------------------------------------------------


def _question(entry: dict[str, Any], chapter: str, where: str) -> Question:
    common = {key: entry[key] for key in ("id", "type", "level", "prompt", "explanation", "source", "quote")}
    common.update(chapter=chapter, file=where.split(",", 1)[0])
    if sources.text_of(entry["source"]) is None:
        raise BankError(f"{where}: the field 'source' is {sources.unknown_source_message(entry['source'])}")
    if not sources.quote_stands(entry["quote"], entry["source"]):
        raise BankError(
            f"{where}: the field 'quote' does not stand verbatim in {entry['source']}: {fold(entry['quote'])[:80]!r}"
        )
    qtype = entry["type"]
    if qtype in ("single", "multiple"):
        options = tuple(
            Option(text=str(o["text"]), correct=o.get("correct", False), feedback=o["feedback"])
            for o in entry["options"]
        )
        n_correct = sum(o.correct for o in options)
        if qtype == "single" and n_correct != 1:
            raise BankError(f"{where}: a single-choice question needs exactly one correct option, has {n_correct}")
        if qtype == "multiple" and n_correct < 1:
            raise BankError(f"{where}: a multiple-choice question needs at least one correct option")
        folded = [fold(o.text).casefold() for o in options]
        if len(set(folded)) != len(folded):
            raise BankError(f"{where}: two options have the same text (case and spaces aside)")
        return Question(**common, options=options)
    if qtype == "numeric":
        for name in ("answer", "tolerance"):
            if not math.isfinite(entry.get(name, 0)):
                raise BankError(f"{where}: the field '{name}' should be a finite number, got {entry[name]!r}")
        return Question(
            **common,
            answer=float(entry["answer"]),
            tolerance=float(entry.get("tolerance", 0)),
            unit=entry.get("unit", ""),
            decimals=entry.get("decimals"),
            feedback_correct=entry["feedback_correct"],
            feedback_incorrect=entry["feedback_incorrect"],
        )
    if qtype == "text":
        return Question(**common, model_answer=entry["model_answer"], points=tuple(entry["points"]))
    return Question(
        **common,
        items=tuple(entry["items"]),
        feedback_correct=entry["feedback_correct"],
        feedback_incorrect=entry["feedback_incorrect"],
    )


@dataclass(frozen=True)
class ChapterFile:
    """What one ``exercises/<chapter>.yml`` holds: the chapter's exit question and its questions."""

    chapter: str
    exit_question: str
    questions: list[Question]


def load_file(path: Path) -> list[Question]:
    """The questions of one chapter's file; raises :class:`BankError` naming the file, question and field."""
    return load_chapter_file(path).questions


@cached_per_file
def load_chapter_file(path: Path) -> ChapterFile:
    """One chapter's file, checked; raises :class:`BankError` naming the file, question and field."""
    where = shown(path)
    try:
        raw = yaml.load(read_text(path), Loader=_StrictLoader)  # a SafeLoader that refuses duplicate keys
    except TextFileError as err:
        raise BankError(f"{where}: is not UTF-8 text ({str(err).split(': ', 1)[1]})") from None
    except yaml.YAMLError as err:
        raise BankError(f"{where}: is not valid YAML: {err}") from None
    errors = _schema_errors(raw, where)
    if errors:
        raise BankError("\n".join(errors))
    chapter = raw["chapter"]
    if path.stem != chapter:
        raise BankError(
            f"{where}: the file is named after '{path.stem}' but says chapter: '{chapter}'; a chapter's "
            "questions live in exercises/<chapter>.yml"
        )
    if not (paths.chapters_dir() / f"{chapter}.ipynb").is_file():
        raise BankError(
            f"{where}: there is no chapter chapters/{chapter}.ipynb to show these questions; "
            "they would be exported but never shown"
        )
    questions = [_question(entry, chapter, f"{where}, question '{entry['id']}'") for entry in raw["questions"]]
    return ChapterFile(chapter, raw["exit_question"].strip(), questions)


def load_bank() -> dict[str, Question]:
    """Every question of every chapter, by id (checked; raises :class:`BankError`).  Each file is
    read again only when it changed."""
    bank: dict[str, Question] = {}
    for path in sorted(paths.exercises_dir().glob("*.yml")):
        for q in load_file(path):
            if q.id in bank:
                raise BankError(f"{q.file}, question '{q.id}': the id is already used in {bank[q.id].file}")
            bank[q.id] = q
    return bank


def exit_questions() -> dict[str, str]:
    """Each chapter's exit question, by chapter (``exit_question`` in ``exercises/<chapter>.yml``): the
    one the instructor guide's lesson plan closes on and the chapter's worksheet ends with."""
    return {
        (found := load_chapter_file(path)).chapter: found.exit_question
        for path in sorted(paths.exercises_dir().glob("*.yml"))
    }


def exit_question(chapter: str) -> str:
    """The exit question of ``chapter`` (see :func:`exit_questions`)."""
    path = paths.exercises_dir() / f"{chapter}.yml"
    if not path.is_file():
        raise KeyError(f"no exit question for {chapter!r}: there is no exercises/{chapter}.yml")
    return load_chapter_file(path).exit_question


def question(qid: str) -> Question:
    bank = load_bank()
    if qid not in bank:
        raise KeyError(f"no exercise with the id {qid!r}; the bank has: {', '.join(bank)}")
    return bank[qid]
