"""The checking logic: right answers, kind messages for bad input, and the same verdict in Python and the browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkbook.exercises import check, load_bank
from nkbook.exercises.checking import parse_number

BANK = load_bank()
NUMERIC = BANK["survey-3"]
SINGLE, MULTIPLE, ORDERING, TEXT = BANK["survey-1"], BANK["survey-2"], BANK["survey-4"], BANK["survey-6"]
NODE = shutil.which("node")


@pytest.mark.parametrize("typed", ["65", "65 %", "65%", "65,0", " 65 ", "65.0 per cent", "64.6", "+65"])
def test_numeric_accepts_the_usual_ways_of_writing_a_number(typed):
    assert check(NUMERIC, typed).status == "correct"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "Type a number first"),
        ("   ", "Type a number first"),
        ("sixty-five", "is not a number we can read"),
        ("6S", "is not a number we can read"),
        ("\U0001F600", "is not a number we can read"),
        ("9" * 10_000, "too long to be a number"),
        (None, "Type a number"),
        (True, "Type a number"),
        (float("nan"), "ordinary number"),
    ],
)
def test_numeric_bad_input_gets_a_kind_message_and_no_verdict(typed, words):
    result = check(NUMERIC, typed)
    assert result.status == "invalid" and words in result.message


def test_numeric_wrong_answer_says_which_way():
    assert "too high" in check(NUMERIC, "70").message
    assert "too low" in check(NUMERIC, "26").message


def test_parse_number_reads_thousands_and_decimal_commas():
    assert parse_number("10,000")[0] == 10000
    assert parse_number("27,5")[0] == 27.5
    assert parse_number("27.5 %")[0] == 27.5
    assert parse_number("RMB 70")[0] is None


def test_single_choice():
    assert check(SINGLE, "35").status == "correct"
    assert check(SINGLE, 0).status == "correct"
    wrong = check(SINGLE, "26")
    assert wrong.status == "incorrect" and "communicate safely" in wrong.message
    assert check(SINGLE, None).status == "invalid"
    assert check(SINGLE, "36").status == "invalid"
    assert check(SINGLE, 99).status == "invalid"


def test_multiple_choice_partial_credit():
    assert check(MULTIPLE, [0, 1]).status == "correct"
    partial = check(MULTIPLE, [0, 2])
    assert partial.status == "partial" and "1 right option is not ticked yet" in partial.message
    assert check(MULTIPLE, [2, 3]).status == "incorrect"
    assert check(MULTIPLE, []).status == "invalid"
    assert check(MULTIPLE, "0,1").status == "invalid"


def test_ordering():
    assert check(ORDERING, list(ORDERING.items)).status == "correct"
    reversed_order = check(ORDERING, list(reversed(ORDERING.items)))
    assert reversed_order.status == "incorrect" and "1 of 3 are in the right place" in reversed_order.message
    assert check(ORDERING, list(ORDERING.items[:2])).status == "invalid"
    assert check(ORDERING, [ORDERING.items[0]] * 3).status == "invalid"


def test_short_text_reveals_the_model_answer_and_points():
    result = check(TEXT, "It is the source's opinion.")
    assert result.status == "revealed"
    assert TEXT.model_answer in result.message and all(p in result.message for p in TEXT.points)
    assert check(TEXT, " \n\t ").status == "invalid"
    assert check(TEXT, "x" * 10_000).status == "revealed"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.lists(st.text()), st.lists(st.integers())))
def test_checking_never_raises(answer):
    for question in BANK.values():
        result = check(question, answer)
        assert result.status in {"correct", "partial", "incorrect", "revealed", "invalid"}
        assert result.message.strip()


def run_js(cases):
    done = subprocess.run([NODE, str(Path(__file__).with_name("js_check.js"))], input=json.dumps({"cases": cases}),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def python_verdicts(cases):
    return [asdict(check(BANK[q["id"]], answer)) for q, answer in cases]


FIXED_ANSWERS = ["65", "65 %", "65,0", "", " ", "abc", "10,000", "1,5", ".5", "-65", "65percent", "65 PER CENT",
                 "\u00a065", "\U0001F600", "9" * 100, "35", "26", 0, 1, 2, 3, 4, -1, None, [0, 1], [0, 2], [2], [],
                 ["35"], "It is the source's view."]


@pytest.mark.skipif(NODE is None, reason="node is not installed: the browser checker cannot be compared")
def test_browser_checker_agrees_on_fixed_answers():
    cases = [[q.to_json(), a] for q in BANK.values() for a in FIXED_ANSWERS]
    cases += [[ORDERING.to_json(), list(ORDERING.items)], [ORDERING.to_json(), list(reversed(ORDERING.items))]]
    assert run_js(cases) == python_verdicts(cases)


@pytest.mark.skipif(NODE is None, reason="node is not installed: the browser checker cannot be compared")
@settings(max_examples=15, deadline=None)
@given(st.lists(st.one_of(st.text(), st.from_regex(r"\s*[+-]?[0-9,.]{0,8}\s*(%|percent)?\s*", fullmatch=True)),
                min_size=40, max_size=40))
def test_browser_checker_agrees_on_arbitrary_text(answers):
    cases = [[q.to_json(), a] for q in BANK.values() for a in answers]
    assert run_js(cases) == python_verdicts(cases)
