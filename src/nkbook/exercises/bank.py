"""The question bank: ``exercises/<chapter>.yml``, validated against the schema below.

Each question has an id, a chapter, a type, a level, a prompt, what the type needs (options, an
answer, items to order), an explanation, and the source it rests on: a seed file (or a figure_id of
the context table) and the verbatim sentence that supports the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .. import paths
from ..data import _context_quotes
from ..provenance import fold, folded_text

TYPES = ("single", "multiple", "numeric", "text", "ordering")
LEVELS = ("remember", "understand", "apply", "analyse", "evaluate")


class BankError(ValueError):
    """The question bank is malformed; the message names the file, the question and the field."""


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


def _require(entry: dict, key: str, where: str, kind: type | tuple = str) -> Any:
    if key not in entry or entry[key] in (None, ""):
        raise BankError(f"{where}: the field '{key}' is missing")
    value = entry[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise BankError(f"{where}: the field '{key}' should be {getattr(kind, '__name__', kind)}, got {value!r}")
    return value


def _source_text(source: str) -> str | None:
    context = _context_quotes()
    if source in context:
        return fold(context[source])
    seed = paths.seeds_dir() / source
    if "/" not in source and seed.is_file():
        return folded_text(seed)
    return None


KNOWN_FIELDS = {"id", "type", "level", "prompt", "explanation", "source", "quote", "options", "answer",
                "tolerance", "unit", "decimals", "feedback_correct", "feedback_incorrect", "model_answer", "points", "items"}


def parse_question(entry: Any, chapter: str, shown: str, index: int) -> Question:
    where = f"{shown}, question {index}"
    if not isinstance(entry, dict):
        raise BankError(f"{where}: expected a mapping of fields, got {type(entry).__name__}")
    qid = _require(entry, "id", where)
    where = f"{shown}, question '{qid}'"
    unknown = sorted(set(entry) - KNOWN_FIELDS)
    if unknown:
        raise BankError(f"{where}: unknown field(s) {', '.join(unknown)}")
    qtype = _require(entry, "type", where)
    if qtype not in TYPES:
        raise BankError(f"{where}: the field 'type' is {qtype!r}; expected one of {', '.join(TYPES)}")
    level = _require(entry, "level", where)
    if level not in LEVELS:
        raise BankError(f"{where}: the field 'level' is {level!r}; expected one of {', '.join(LEVELS)}")
    common = dict(
        id=qid, chapter=chapter, type=qtype, level=level, file=shown,
        prompt=_require(entry, "prompt", where), explanation=_require(entry, "explanation", where),
        source=_require(entry, "source", where), quote=_require(entry, "quote", where),
    )
    text = _source_text(common["source"])
    if text is None:
        raise BankError(f"{where}: the field 'source' is {common['source']!r}, neither a file in seeds/ nor a figure_id")
    if fold(common["quote"]) not in text:
        raise BankError(f"{where}: the field 'quote' does not stand verbatim in {common['source']}: "
                        f"{fold(common['quote'])[:80]!r}")
    if qtype in ("single", "multiple"):
        raw = _require(entry, "options", where, list)
        options = []
        for i, opt in enumerate(raw, start=1):
            if not isinstance(opt, dict):
                raise BankError(f"{where}, option {i}: expected a mapping with 'text', 'correct', 'feedback'")
            options.append(Option(text=str(_require(opt, "text", f"{where}, option {i}", (str, int, float))),
                                  correct=bool(opt.get("correct", False)),
                                  feedback=_require(opt, "feedback", f"{where}, option {i}")))
        if len(options) < 2:
            raise BankError(f"{where}: the field 'options' needs at least two options")
        n_correct = sum(o.correct for o in options)
        if qtype == "single" and n_correct != 1:
            raise BankError(f"{where}: a single-choice question needs exactly one correct option, has {n_correct}")
        if qtype == "multiple" and n_correct < 1:
            raise BankError(f"{where}: a multiple-choice question needs at least one correct option")
        if len({o.text for o in options}) != len(options):
            raise BankError(f"{where}: two options have the same text")
        return Question(**common, options=tuple(options))
    if qtype == "numeric":
        answer = _require(entry, "answer", where, (int, float))
        tolerance = entry.get("tolerance", 0)
        if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or tolerance < 0:
            raise BankError(f"{where}: the field 'tolerance' should be a number of 0 or more, got {tolerance!r}")
        decimals = entry.get("decimals")
        if decimals is not None and (not isinstance(decimals, int) or isinstance(decimals, bool) or decimals < 0):
            raise BankError(f"{where}: the field 'decimals' should be a whole number of 0 or more, got {decimals!r}")
        return Question(**common, answer=float(answer), tolerance=float(tolerance), unit=str(entry.get("unit", "")),
                        decimals=decimals,
                        feedback_correct=_require(entry, "feedback_correct", where),
                        feedback_incorrect=_require(entry, "feedback_incorrect", where))
    if qtype == "text":
        points = _require(entry, "points", where, list)
        return Question(**common, model_answer=_require(entry, "model_answer", where),
                        points=tuple(str(p) for p in points))
    items = _require(entry, "items", where, list)
    if len(items) < 2 or len(set(map(str, items))) != len(items):
        raise BankError(f"{where}: the field 'items' needs at least two different items, in the right order")
    return Question(**common, items=tuple(str(i) for i in items),
                    feedback_correct=_require(entry, "feedback_correct", where),
                    feedback_incorrect=_require(entry, "feedback_incorrect", where))


def load_file(path: Path) -> list[Question]:
    shown = str(path.relative_to(paths.root())) if path.is_relative_to(paths.root()) else str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise BankError(f"{shown}: is not UTF-8 text (byte {err.start}); save it as UTF-8") from None
    except yaml.YAMLError as err:
        raise BankError(f"{shown}: is not valid YAML: {err}") from None
    if not isinstance(raw, dict) or "questions" not in raw or "chapter" not in raw:
        raise BankError(f"{shown}: expected the keys 'chapter' and 'questions' at the top")
    chapter = raw["chapter"]
    if not isinstance(raw["questions"], list) or not raw["questions"]:
        raise BankError(f"{shown}: 'questions' should be a non-empty list")
    return [parse_question(entry, chapter, shown, i) for i, entry in enumerate(raw["questions"], start=1)]


@lru_cache(maxsize=2)
def _load_bank(folder: str, stamp: tuple) -> dict[str, Question]:
    bank: dict[str, Question] = {}
    for path in sorted(Path(folder).glob("*.yml")):
        for q in load_file(path):
            if q.id in bank:
                raise BankError(f"{q.file}, question '{q.id}': the id is already used in {bank[q.id].file}")
            bank[q.id] = q
    return bank


def load_bank() -> dict[str, Question]:
    """Every question of every chapter, by id (validated; raises :class:`BankError`)."""
    folder = paths.exercises_dir()
    stamp = tuple((p.name, p.stat().st_mtime) for p in sorted(folder.glob("*.yml")))
    return _load_bank(str(folder), stamp)


def question(qid: str) -> Question:
    bank = load_bank()
    if qid not in bank:
        raise KeyError(f"no exercise with the id {qid!r}; the bank has: {', '.join(bank)}")
    return bank[qid]
