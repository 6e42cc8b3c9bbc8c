"""The answer key and the Moodle GIFT export keep every question, answer and feedback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest

from nkbook import paths
from nkbook.exercises import load_bank
from nkbook.exercises.bank import BankError, Option
from nkbook.exercises.export import answer_key_html, gift_escape, main, places, to_gift
from nkbook.toc import notebook_chapters

BANK = load_bank()
NODE = shutil.which("node")
PARSER = paths.root() / "node_modules" / "gift-pegjs"


def parse_gift(text: str, tmp_path: Path) -> list[dict]:
    if NODE is None or not PARSER.is_dir():
        pytest.fail("node and node_modules/gift-pegjs are needed (make test installs them with npm ci)")
    path = tmp_path / "bank.gift.txt"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [NODE, str(Path(__file__).with_name("gift_parse.js")), str(path)],
        capture_output=True,
        text=True,
        cwd=paths.root(),
    )
    assert done.returncode == 0, done.stderr
    return [q for q in json.loads(done.stdout) if q["type"] != "Category"]


def test_gift_round_trip_keeps_every_question_answer_and_feedback(tmp_path):
    parsed = {q["title"]: q for q in parse_gift(to_gift(BANK), tmp_path)}
    assert set(parsed) == set(BANK)
    expected_type = {"single": "MC", "multiple": "MC", "numeric": "Numerical", "text": "Essay", "ordering": "Matching"}
    for qid, q in BANK.items():
        got = parsed[qid]
        assert got["type"] == expected_type[q.type], qid
        assert got["stem"]["text"].startswith(" ".join(q.prompt.split())), qid
        if q.type in ("single", "multiple"):
            # In the order the book shows them (a shuffle seeded by the id), not the order written.
            assert [c["text"]["text"] for c in got["choices"]] == [o.text for o in q.shown_options]
            assert [c["feedback"]["text"] for c in got["choices"]] == [
                " ".join(o.feedback.split()) for o in q.shown_options
            ]
            if q.type == "single":
                assert [c["isCorrect"] for c in got["choices"]] == [o.correct for o in q.shown_options]
            else:
                # The right options share +100%, the wrong ones -100%: ticking everything earns nothing.
                right = sum(o.correct for o in q.options)
                wrong = len(q.options) - right
                expected = [100 / right if o.correct else -100 / wrong for o in q.shown_options]
                assert [c["weight"] for c in got["choices"]] == pytest.approx(expected, abs=1e-4), qid
        if q.type == "numeric":
            right, other = got["choices"]
            assert right["text"]["number"] == q.answer and right["text"]["range"] == q.tolerance
            assert right["feedback"]["text"] == q.feedback_correct
            # Any other number: 0%, with the wrong-answer feedback (it was dropped).
            assert other["weight"] == 0 and other["feedback"]["text"] == " ".join(q.feedback_incorrect.split())
            assert other["text"]["numberLow"] < -1e6 and other["text"]["numberHigh"] > 1e6
        if q.type == "ordering":
            # Each item matched to its place; the places say their place in any order Moodle lists them.
            assert [p["subquestion"]["text"] for p in got["matchPairs"]] == [" ".join(i.split()) for i in q.items]
            assert [p["subanswer"] for p in got["matchPairs"]] == places(len(q.items))
        # Moodle shows general feedback to students on review: the explanation, never a model answer.
        assert got["globalFeedback"]["text"] == " ".join(q.explanation.split())
        if q.type == "text":
            assert " ".join(q.model_answer.split()) not in json.dumps(got, ensure_ascii=False)


def test_places_label_themselves():
    assert places(4) == ["1st", "2nd", "3rd", "4th"]
    assert places(13)[10:] == ["11th", "12th", "13th"]
    assert places(23)[20:] == ["21st", "22nd", "23rd"]


def test_gift_special_characters_survive(tmp_path):
    nasty = "Tilde ~ equals = hash # braces { } colon : and back\\slash"
    base = BANK["survey-1"]
    question = replace(
        base,
        id="nasty:1",
        prompt=nasty,
        explanation=nasty,
        options=(Option(text="a = b", correct=True, feedback=nasty), Option(text="{c}", feedback="~#:")),
    )
    (got,) = parse_gift(to_gift({question.id: question}), tmp_path)
    assert got["title"] == "nasty:1"
    assert got["stem"]["text"] == nasty
    by_text = {"a = b": nasty, "{c}": "~#:"}
    assert [c["text"]["text"] for c in got["choices"]] == [o.text for o in question.shown_options]
    assert [c["feedback"]["text"] for c in got["choices"]] == [by_text[o.text] for o in question.shown_options]
    assert got["globalFeedback"]["text"] == nasty


def test_gift_special_characters_survive_in_put_in_order_items(tmp_path):
    items = ("Tilde ~ and = sign", "hash # and {braces}", "colon: and back\\slash")
    question = replace(BANK["survey-4"], id="nasty-order", items=items)
    (got,) = parse_gift(to_gift({question.id: question}), tmp_path)
    assert [p["subquestion"]["text"] for p in got["matchPairs"]] == list(items)
    assert [p["subanswer"] for p in got["matchPairs"]] == ["1st", "2nd", "3rd"]
    with pytest.raises(BankError, match="question 'arrow': an item holds '->'"):
        to_gift({"arrow": replace(question, id="arrow", items=("a -> b", "c"))})


def test_gift_escape():
    assert gift_escape("a:b{c}~d=e#f") == r"a\:b\{c\}\~d\=e\#f"


def test_answer_key_lists_every_question_with_answer_and_source():
    html = answer_key_html(BANK)
    for qid, q in BANK.items():
        assert f"id='{qid}'" in html
        assert escape(q.explanation) in html and escape(q.prompt) in html
    assert "Daily NK" in html and "A total of 35 respondents" in html
    assert "<strong>Correct order:</strong>" in html and "<strong>Model answer:</strong>" in html


def test_export_commands_write_files(tmp_path, capsys):
    assert main(["answer-key", str(tmp_path / "instructor")]) == 0
    assert main(["lms", str(tmp_path / "lms")]) == 0
    assert (tmp_path / "instructor" / "answer-key.html").stat().st_size > 1000
    names = ["questions.moodle.xml", "questions.moodle-matching.xml", "questions.gift.txt", "questions.qti.zip"]
    assert sorted(p.name for p in (tmp_path / "lms").iterdir()) == sorted(names)
    assert capsys.readouterr().out.splitlines()[1:] == [f"wrote {tmp_path / 'lms' / name}" for name in names]
    gift = (tmp_path / "lms" / "questions.gift.txt").read_text(encoding="utf-8")
    assert gift == to_gift(BANK)
    assert main(["gift", str(tmp_path / "gift-only")]) == 0
    assert [p.name for p in (tmp_path / "gift-only").iterdir()] == ["questions.gift.txt"]
    assert main(["bogus", "x"]) == 2
    # Categories in the book's order, named by the chapters' titles.
    categories = re.findall(r"^\$CATEGORY: \$course\$/.+?/(\d\d) (.+)$", gift, re.M)
    chapters = notebook_chapters()
    assert [title for _, title in categories] == [gift_escape(title) for _, title in chapters]
    assert [int(n) for n, _ in categories] == list(range(1, len(chapters) + 1))


def test_open_questions_keep_their_model_answer_and_rubric_from_students():
    gift = to_gift(BANK)
    html = answer_key_html(BANK)
    for q in (q for q in BANK.values() if q.type == "text"):
        block = gift.split(f"// {q.id}:", 1)[1].split("::", 1)[0]
        assert "// For graders only. Model answer: " + " ".join(q.model_answer.split()) in block
        assert "// Rubric: Full: " in block
        article = html.split(f"<article id='{q.id}'>", 1)[1].split("</article>", 1)[0]
        assert "<ul class='rubric'><li><strong>Full:</strong>" in article and "<strong>Not yet:</strong>" in article
    sections = re.findall(r"<section id='([^']+)'><h2>([^<]+)</h2>", html)
    assert sections == [(c, escape(t)) for c, t in notebook_chapters()]


def test_the_instructor_exports_need_none_of_the_books_heavy_packages():
    """nkbook-teach runs with the package's light dependencies: nothing of Jupyter, charts or Sphinx."""
    heavy = ("pandas", "altair", "ipywidgets", "anywidget", "jupyter_book", "sphinx", "vl_convert", "IPython", "lxml")
    code = (
        "import sys, nkbook.exercises.export as e; e.answer_key_html(); e.to_gift(); e.to_moodle_xml(); "
        "e.qti_files(); "
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.root())
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_nkbook_teach_reads_the_book_it_is_run_in(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NKBOOK_ROOT"}
    teach = Path(sys.executable).with_name("nkbook-teach")
    result = subprocess.run(
        [str(teach), "lms", str(tmp_path)], capture_output=True, text=True, cwd=paths.root(), env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "questions.gift.txt").read_text(encoding="utf-8").count("::survey-1::") == 1
    assert (tmp_path / "questions.moodle.xml").read_text(encoding="utf-8").count("<idnumber>survey-1</idnumber>") == 1


def test_nkbook_teach_names_the_file_and_question_of_a_bad_bank(tmp_path, monkeypatch, capsys):
    """A malformed question stops the export with a message naming its file, question and field."""
    (tmp_path / "exercises").mkdir()
    shutil.copy(paths.exercises_dir() / "schema.json", tmp_path / "exercises")
    (tmp_path / "exercises" / "watched.yml").write_text(
        "chapter: watched\nquestions:\n  - id: watched-1\n    type: single\n    level: remember\n"
        "    explanation: x\n    source: s\n    quote: q\n"
        "    options: [{text: a, correct: true, feedback: f}, {text: b, feedback: g}]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["lms", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "watched.yml, question 'watched-1': the field 'prompt' is missing" in err, err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
