"""Every LMS file of the question bank, written into one folder."""

from __future__ import annotations

from pathlib import Path

from ..bank import Question, load_bank
from .gift import to_gift
from .moodle import to_moodle_xml
from .qti import write_qti_zip

GIFT = "questions.gift.txt"
MOODLE = "questions.moodle.xml"
MOODLE_MATCHING = "questions.moodle-matching.xml"
QTI = "questions.qti.zip"
LMS_FILES = (MOODLE, MOODLE_MATCHING, GIFT, QTI)  # in the order write_lms writes them


def lms_names() -> list[str]:
    """The names of the files :func:`write_lms` writes (without writing them, or reading the bank)."""
    return list(LMS_FILES)


def write_lms(folder: Path, bank: dict[str, Question] | None = None) -> list[Path]:
    """Write the LMS files into ``folder`` (made if missing) and return their paths:

    - ``questions.moodle.xml``: Moodle XML, put-in-order questions as Moodle's ordering type;
    - ``questions.moodle-matching.xml``: the same, for a Moodle without it (put-in-order as matching);
    - ``questions.gift.txt``: Moodle GIFT (what GIFT can carry);
    - ``questions.qti.zip``: IMS QTI 1.2, for Canvas, Blackboard and Brightspace.
    """
    bank = load_bank() if bank is None else bank
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (
        (MOODLE, to_moodle_xml(bank)),
        (MOODLE_MATCHING, to_moodle_xml(bank, ordering_as="matching")),
        (GIFT, to_gift(bank)),
    ):
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    written.append(write_qti_zip(folder / QTI, bank))
    return written
