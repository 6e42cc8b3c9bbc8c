"""The question bank: schema, provenance of each answer, and clear errors for a malformed bank."""

from __future__ import annotations

import shutil

import pytest
import yaml

from nkbook import paths
from nkbook.exercises import load_bank
from nkbook.exercises.bank import LEVELS, TYPES, BankError, load_file
from nkbook.sources import quote_stands

BANK = load_bank()


def test_every_chapter_notebook_has_at_least_five_exercises_over_three_levels():
    chapters = {p.stem for p in paths.chapters_dir().glob("*.ipynb")}
    for chapter in chapters:
        questions = [q for q in BANK.values() if q.chapter == chapter]
        assert len(questions) >= 5, chapter
        assert len({q.level for q in questions}) >= 3, chapter


def test_each_question_is_well_formed():
    for q in BANK.values():
        assert q.type in TYPES and q.level in LEVELS
        assert q.prompt.strip() and q.explanation.strip()
        if q.type in ("single", "multiple"):
            assert all(o.feedback.strip() for o in q.options), q.id
        if q.type == "numeric":
            assert q.answer is not None and q.tolerance >= 0


def test_each_answer_rests_on_a_verbatim_sentence_of_its_source():
    for q in BANK.values():
        assert quote_stands(q.quote, q.source), q.id


def test_the_model_chapter_uses_every_type():
    types = {q.type for q in BANK.values() if q.chapter == "survey-hopes"}
    assert types == set(TYPES)


def bank_copy(tmp_path, monkeypatch, mutate):
    root = tmp_path
    for folder in ("data", "seeds", "exercises", "chapters"):
        shutil.copytree(paths.root() / folder, root / folder)
    monkeypatch.setenv("NKBOOK_ROOT", str(root))
    path = root / "exercises" / "survey-hopes.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(raw["questions"])
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda qs: qs[0].pop("prompt"), "question 'survey-1': the field 'prompt' is missing"),
        (
            lambda qs: qs[0].update(level="memorise"),
            "question 'survey-1': the field 'level' is 'memorise'; expected one of",
        ),
        (lambda qs: qs[0].update(type="essay"), "question 'survey-1': the field 'type' is 'essay'"),
        (
            lambda qs: qs[0].update(quote="A total of 36 respondents"),
            "the field 'quote' does not stand verbatim in 000_54004d1158f87b0d.txt",
        ),
        (lambda qs: qs[0]["options"][1].update(correct=True), "needs exactly one correct option, has 2"),
        (lambda qs: qs[2].update(answer="sixty-five"), "question 'survey-3': the field 'answer' should be"),
        (lambda qs: qs[1].update(id="survey-1"), "the id is already used"),
        (lambda qs: qs[0].update(colour="red"), "unknown field(s) colour"),
        # Loose input that once changed what counts as right, with no error (issue: a bank that cannot be misread):
        (
            lambda qs: qs[0]["options"][1].update(correct="false"),
            "option 2: the field 'correct' should be true or false",
        ),
        (lambda qs: qs[0].update(answer=7), "the field(s) answer do not apply to a single question"),
        (lambda qs: qs[2].update(tolerance=float("inf")), "the field 'tolerance' should be a finite number"),
        (lambda qs: qs[2].update(answer=float("nan")), "the field 'answer' should be a finite number"),
        (
            lambda qs: [q.update(points=[]) for q in qs if q["type"] == "text"],
            "the field 'points' needs at least one entry",
        ),
        (
            lambda qs: qs[0]["options"][1].update(text=" " + qs[0]["options"][0]["text"].upper()),
            "two options have the same text",
        ),
    ],
)
def test_malformed_bank_is_named_precisely(tmp_path, monkeypatch, mutate, message):
    path = bank_copy(tmp_path, monkeypatch, mutate)
    with pytest.raises(BankError) as err:
        if "already used" in message:
            load_bank()
        else:
            load_file(path)
    assert "exercises/survey-hopes.yml" in str(err.value)
    assert message in str(err.value)


def test_bank_that_is_not_utf8(tmp_path, monkeypatch):
    path = bank_copy(tmp_path, monkeypatch, lambda qs: None)
    path.write_bytes(path.read_bytes().replace(b"35 of the 40", b"35 of the 40 \xff"))
    with pytest.raises(BankError, match="is not UTF-8 text"):
        load_file(path)


def test_feedback_does_not_repeat_the_verdict_the_label_gives():
    import re

    verdict = re.compile(r"^\s*(yes|no|right|correct|wrong|not quite)\b\s*[:.,!]", re.I)
    for q in BANK.values():
        texts = [o.feedback for o in q.options] + [q.feedback_correct, q.feedback_incorrect]
        for text in texts:
            assert not verdict.match(text), (q.id, text)


def test_the_introduction_lists_every_chapter_that_has_questions():
    import re

    intro = (paths.chapters_dir() / "intro.md").read_text(encoding="utf-8")
    listed = re.search(r'data-progress-list="([^"]*)"', intro).group(1).split()
    assert sorted(listed) == sorted({q.chapter for q in BANK.values()})
    assert '<div class="nkbook-exercise" data-progress-list=' in intro  # the marker that loads the script


def test_decimals_must_be_a_whole_number(tmp_path, monkeypatch):
    path = bank_copy(tmp_path, monkeypatch, lambda qs: qs[2].update(decimals="one"))
    with pytest.raises(BankError, match="question 'survey-3': the field 'decimals' should be"):
        load_file(path)


def test_a_key_given_twice_is_refused_not_silently_overwritten(tmp_path, monkeypatch):
    path = bank_copy(tmp_path, monkeypatch, lambda qs: None)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  level: remember\n", "  level: remember\n  level: evaluate\n", 1), encoding="utf-8")
    with pytest.raises(BankError, match="the key 'level' is given twice"):
        load_file(path)


def test_questions_for_a_chapter_that_has_no_notebook_are_refused(tmp_path, monkeypatch):
    path = bank_copy(tmp_path, monkeypatch, lambda qs: None)
    stray = path.with_name("no-such-chapter.yml")
    stray.write_text(
        path.read_text(encoding="utf-8").replace("chapter: survey-hopes", "chapter: no-such-chapter"), encoding="utf-8"
    )
    with pytest.raises(BankError, match="there is no chapter chapters/no-such-chapter.ipynb"):
        load_file(stray)
