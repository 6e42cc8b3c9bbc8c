"""``nkbook-teach``: the instructor's files, run in the book's folder.

nkbook-teach answer-key OUT   the answer key (OUT/answer-key.html)
nkbook-teach lms OUT          every LMS file (Moodle XML, GIFT, QTI 1.2 zip) into OUT
nkbook-teach gift OUT         only the GIFT file
"""

from __future__ import annotations

import sys
from pathlib import Path

from ... import paths
from ..bank import BankError
from .answer_key import answer_key_html
from .gift import to_gift
from .lms import GIFT, write_lms

COMMANDS = ("answer-key", "lms", "gift")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] not in COMMANDS:
        print(f"usage: nkbook-teach {{{'|'.join(COMMANDS)}}} OUTPUT_DIR   (in the book's folder)", file=sys.stderr)
        return 2
    # An installed package reads the book it is run in.
    book = Path.cwd() if (Path.cwd() / "exercises").is_dir() else paths.root()
    with paths.root_at(book):
        if not paths.exercises_dir().is_dir():
            print(f"nkbook-teach: no exercises/ folder in {paths.root()}: run it in the book's folder", file=sys.stderr)
            return 2
        try:
            written = _export(argv[0], Path(argv[1]))
        except BankError as err:  # names the file, the question and the field
            print(f"nkbook-teach: the question bank has an error:\n{err}", file=sys.stderr)
            return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def _export(kind: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    if kind == "lms":
        return write_lms(out)
    target, text = (out / "answer-key.html", answer_key_html()) if kind == "answer-key" else (out / GIFT, to_gift())
    target.write_text(text, encoding="utf-8")
    return [target]
