"""The checking rules (static/nkbook-exercises.js, the only copy, run here under node), tested from outside.

The oracle is independent of the checker: examples written out by hand, and properties stated in
Python (a number formatted in any allowed way reads back as itself; a verdict follows from the
distance to the answer; a multiple-choice verdict from the set ticked; an ordering's count from the
items in place) over answers that hypothesis generates.
"""

from __future__ import annotations

import itertools
import math
import re

import pytest
from exercise_js import check, check_many, run_js
from hypothesis import given, settings
from hypothesis import strategies as st

from nkbook.exercises import load_bank
from nkbook.exercises.static import payload

BANK = load_bank()
NUMERIC = BANK["survey-3"]  # 65 %, tolerance 0.5
YUAN = BANK["arrested-3"]  # 980 yuan, tolerance 0
SHARE = BANK["picture-4"]  # 80.7 %, one decimal place
RATIO = BANK["sold-3"]  # 6.7 times, one decimal place
SINGLE, MULTIPLE, ORDERING, TEXT = BANK["survey-1"], BANK["survey-2"], BANK["survey-4"], BANK["survey-6"]
VERDICT_WORDS = re.compile(r"^\s*(correct|right|yes|no|not quite|wrong|incorrect)\b", re.I)


def shown_index(q, correct: bool, nth: int = 0) -> int:
    return [i for i, o in enumerate(q.shown_options) if o.correct == correct][nth]


@pytest.mark.parametrize("typed", ["65", "65 %", "65%", "65,0", " 65 ", "65.0 per cent", "64.6", "+65", "65 percent"])
def test_numeric_accepts_the_usual_ways_of_writing_a_number(typed):
    assert check(NUMERIC, typed)["status"] == "correct"


@pytest.mark.parametrize(
    "typed",
    [
        "980",
        "980 yuan",
        "RMB 980",
        "RMB980",
        "rmb 980",
        "\u00a5980",
        "\u00a5 980",
        "980 RMB",
        "CNY 980",
        "980\u5143",
        "980 renminbi",
    ],
)
def test_currency_words_and_signs_stand_either_side_of_the_number(typed):
    assert check(YUAN, typed)["status"] == "correct", typed


@pytest.mark.parametrize("typed", ["$980", "980 dollars", "980 %"])
def test_another_unit_is_not_taken_for_the_question_s(typed):
    result = check(YUAN, typed)
    assert result["status"] == "invalid" and "not a number we can read" in result["message"]


@pytest.mark.parametrize(
    ("typed", "first", "second"),
    [("6,667", "6.667", "6667"), ("80,707", "80.707", "80707"), ("10,000", "10.000", "10000")],
)
def test_a_comma_before_three_digits_gets_a_question_back_not_a_verdict(typed, first, second):
    result = check(RATIO, typed)
    assert result["status"] == "invalid"
    assert result["message"].startswith(f"Did you mean {first} or {second}?")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("6,7", 6.7),
        ("0,650", 0.65),
        (",5", 0.5),
        ("1,234,567", 1234567),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("6.667", 6.667),
    ],
)
def test_the_decimal_comma_rule_is_applied_consistently(typed, value):
    result = run_js(
        [
            [
                {
                    "type": "numeric",
                    "answer": value,
                    "tolerance": 0,
                    "unit": "",
                    "decimals": None,
                    "feedback_correct": "ok",
                    "feedback_incorrect": "no",
                    "explanation": "",
                },
                typed,
            ]
        ]
    )[0]
    assert result["status"] == "correct", (typed, result)


def test_a_fraction_in_a_percentage_box_gets_a_hint_not_a_verdict():
    result = check(NUMERIC, "0.65")
    assert result["status"] == "invalid"
    assert result["message"].startswith("That looks like a fraction: 0.65 is 65%")


def test_one_decimal_place_is_enforced_where_it_is_asked():
    assert "one decimal place" in SHARE.prompt and SHARE.decimals == 1
    for typed in ("81", "80.71", "80,71"):
        result = check(SHARE, typed)
        assert result["status"] == "invalid" and "one decimal place" in result["message"], typed
    for typed in ("80.7", "80,7 %", "80.7%"):
        assert check(SHARE, typed)["status"] == "correct", typed
    assert check(SHARE, "80.8")["status"] == "incorrect"
    assert check(RATIO, "6.7")["status"] == "correct" and check(RATIO, "6,7 times")["status"] == "correct"
    assert check(RATIO, "6.67")["status"] == "invalid"


def test_every_question_asking_for_decimal_places_says_how_many_and_enforces_it():
    words = {0: "whole number", 1: "one decimal place", 2: "two decimal places"}
    for q in BANK.values():
        asks = re.search(r"(one|two|three) decimal place", q.prompt)
        if q.type == "numeric":
            assert bool(asks) == (q.decimals is not None), q.id
            if q.decimals is not None:
                assert words[q.decimals] in q.prompt, q.id


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "Type a number first"),
        ("   ", "Type a number first"),
        ("sixty-five", "is not a number we can read"),
        ("6S", "is not a number we can read"),
        ("\U0001f600", "is not a number we can read"),
        ("9" * 10_000, "too long to be a number"),
        (None, "Type a number"),
        (True, "Type a number"),
        ([65], "Type a number"),
    ],
)
def test_numeric_bad_input_gets_a_kind_message_and_no_verdict(typed, words):
    result = check(NUMERIC, typed)
    assert result["status"] == "invalid" and words in result["message"]


def test_the_rule_for_numbers_is_stated_once_in_the_form_and_not_in_the_messages():
    from nkbook.exercises.static import NUMBER_RULE, render

    html = render(NUMERIC)
    assert html.count("comma") == 1 and NUMBER_RULE.split("(")[0] in html
    assert "comma for the decimal point is fine" not in check(NUMERIC, "abc")["message"]


def test_numeric_wrong_answer_says_which_way():
    assert check(NUMERIC, "70")["message"].startswith("Your answer is too high.")
    assert check(NUMERIC, "26")["message"].startswith("Your answer is too low.")


def test_single_choice():
    right, wrong = shown_index(SINGLE, True), shown_index(SINGLE, False)
    assert check(SINGLE, right)["status"] == "correct"
    assert check(SINGLE, "35")["status"] == "correct"
    result = check(SINGLE, wrong)
    assert result["status"] == "incorrect" and result["message"] == SINGLE.shown_options[wrong].feedback
    for bad in (None, "36", 99, -1, 1.5, True):
        assert check(SINGLE, bad)["status"] == "invalid"


def test_one_verdict_word_the_label_says_it_and_the_message_never_repeats_it():
    for q in BANK.values():
        answers = []
        if q.type in ("single", "multiple"):
            answers = list(range(len(q.options))) if q.type == "single" else [[i] for i in range(len(q.options))]
        elif q.type == "numeric":
            answers = [
                f"{q.answer:.{q.decimals or 0}f}" if q.decimals is not None else f"{q.answer:g}",
                f"{q.answer + 10 * q.tolerance + 1:.{q.decimals or 0}f}",
            ]
        elif q.type == "ordering":
            answers = [list(q.items), list(reversed(q.items))]
        for result in check_many(q, answers):
            assert not VERDICT_WORDS.match(result["message"]), (q.id, result["message"])


def test_multiple_choice_counts_are_grammatical_and_name_the_option():
    right = [i for i, o in enumerate(MULTIPLE.shown_options) if o.correct]
    wrong = [i for i, o in enumerate(MULTIPLE.shown_options) if not o.correct]
    assert check(MULTIPLE, right)["status"] == "correct"
    partial = check(MULTIPLE, [right[0], wrong[0]])
    assert partial["status"] == "partial"
    assert partial["message"].startswith("1 of your 2 ticks is right; 1 right option is not ticked yet.")
    named = MULTIPLE.shown_options[wrong[0]]
    assert f"\u201c{named.text}\u201d: {named.feedback}" in partial["message"]
    none = check(MULTIPLE, [wrong[0]])
    assert none["status"] == "incorrect" and none["message"].startswith("None of your 1 tick is right")
    assert check(MULTIPLE, [])["status"] == "invalid"
    assert check(MULTIPLE, "0,1")["status"] == "invalid"


def test_ordering_counts_are_grammatical():
    items = list(ORDERING.items)
    assert check(ORDERING, items)["status"] == "correct"
    one = check(ORDERING, [items[0], items[2], items[1]])
    assert one["status"] == "incorrect" and one["message"].startswith("1 of the 3 items is in the right place.")
    none = check(ORDERING, [items[1], items[2], items[0]])
    assert none["message"].startswith("None of the 3 items is in its right place yet.")
    assert check(ORDERING, items[:2])["status"] == "invalid"
    assert check(ORDERING, [items[0]] * 3)["status"] == "invalid"


def test_short_text_reveals_the_model_answer_and_points():
    result = check(TEXT, "It is the source's opinion.")
    assert result["status"] == "revealed"
    assert TEXT.model_answer in result["message"] and all(p in result["message"] for p in TEXT.points)
    assert check(TEXT, " \n\t ")["status"] == "invalid"
    assert check(TEXT, "x" * 10_000)["status"] == "revealed"


# --- Properties: the oracle is what a number, a set or an order means, stated here in Python. ----------

UNITS_SAID = {
    "%": ["%", " %", " percent", " per cent"],
    "yuan": [" yuan", "RMB ", "\u00a5", " RMB", "CNY "],
    "times": [" times", "x", " \u00d7"],
    "months": [" months", " month"],
}


def written(value: float, decimals: int, mark: str, group: bool) -> str:
    """``value`` as a reader might type it: a point or a comma for decimals, thousands grouped or not."""
    text = f"{abs(value):,.{decimals}f}" if group else f"{abs(value):.{decimals}f}"
    other = "." if mark == "," else ","
    text = text.replace(",", "\0").replace(".", mark).replace("\0", other)
    return ("-" if value < 0 else "") + text


def ambiguous(text: str) -> bool:
    """The one shape the rule calls ambiguous: 1 to 3 digits (not led by 0), a comma, exactly 3 digits."""
    return re.fullmatch(r"-?[1-9][0-9]{0,2},[0-9]{3}", text) is not None


@st.composite
def typed_numbers(draw, unit: str):
    decimals = draw(st.integers(0, 3))
    value = draw(st.floats(-99_999, 99_999, allow_nan=False)) if unit != "%" else draw(st.floats(1, 100))
    value = round(value, decimals)
    mark = draw(st.sampled_from([".", ","]))
    group = draw(st.booleans()) and decimals > 0
    text = written(value, decimals, mark, group)
    if unit and draw(st.booleans()):
        said = draw(st.sampled_from(UNITS_SAID[unit]))
        text = said + text if said.endswith(" ") or said in ("\u00a5",) else text + said
    pad = draw(st.sampled_from(["", " ", "  "]))
    return pad + text + pad, value, decimals, written(value, decimals, mark, group)


def numeric_question(unit: str, answer: float, tolerance: float, decimals):
    return {
        "type": "numeric",
        "answer": answer,
        "tolerance": tolerance,
        "unit": unit,
        "decimals": decimals,
        "feedback_correct": "good",
        "feedback_incorrect": "try again",
        "explanation": "because",
    }


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["", "%", "yuan", "times", "months"]).flatmap(
        lambda unit: st.tuples(st.just(unit), st.lists(typed_numbers(unit), min_size=25, max_size=25))
    )
)
def test_any_number_written_the_allowed_ways_reads_back_as_itself(unit_and_cases):
    unit, cases = unit_and_cases
    # The answer is far from every value, so each verdict must be "too high" or "too low" — or a question back.
    q = numeric_question(unit, 123_456.5, 0, None)
    results = run_js([[q, text] for text, *_ in cases])
    for (text, value, _decimals, bare), result in zip(cases, results):
        if ambiguous(bare):
            assert result["status"] == "invalid" and result["message"].startswith("Did you mean"), text
        elif unit == "%" and 0 < value < 1:
            assert "looks like a fraction" in result["message"]
        else:
            assert result["status"] == "incorrect", (text, result)
            assert ("too high" if value > q["answer"] else "too low") in result["message"], (text, result)


@settings(max_examples=25, deadline=None)
@given(st.floats(-1000, 1000), st.floats(0, 50), st.lists(st.floats(-1200, 1200), min_size=20, max_size=20))
def test_a_numeric_verdict_follows_from_the_distance_to_the_answer(answer, tolerance, guesses):
    answer, tolerance = round(answer, 2), round(tolerance, 2)
    q = numeric_question("", answer, tolerance, None)
    typed = [f"{g:.3f}" for g in guesses]
    for text, result in zip(typed, run_js([[q, t] for t in typed])):
        value = float(text)
        if math.isclose(abs(value - answer), tolerance, abs_tol=1e-6):
            continue  # at the edge, float rounding may fall either way
        if abs(value - answer) < tolerance:
            assert result["status"] == "correct", (text, answer, tolerance)
        else:
            assert result["status"] == "incorrect"
            assert ("too high" if value > answer else "too low") in result["message"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=4, unique=True), st.integers(0, 3))
def test_decimal_places_are_enforced_exactly_when_asked(extra, asked):
    q = numeric_question("", 5.0, 10, asked)
    typed = [f"{5:.{d}f}" for d in extra]
    for text, d, result in zip(typed, extra, run_js([[q, t] for t in typed])):
        assert (result["status"] == "correct") == (d == asked), (text, asked, result)


MULTIPLES = [q for q in BANK.values() if q.type == "multiple"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(MULTIPLES), st.data())
def test_a_multiple_choice_verdict_follows_from_the_set_ticked(q, data):
    n = len(q.options)
    subsets = [list(s) for k in range(1, n + 1) for s in itertools.combinations(range(n), k)]
    ticked = data.draw(st.lists(st.sampled_from(subsets), min_size=10, max_size=10))
    correct = {i for i, o in enumerate(q.shown_options) if o.correct}
    for chosen, result in zip(ticked, check_many(q, ticked)):
        right = len(set(chosen) & correct)
        expected = "correct" if set(chosen) == correct else "partial" if right else "incorrect"
        assert result["status"] == expected, (chosen, result)
        if expected != "correct":
            assert result["message"].startswith(("None" if right == 0 else str(right)) + f" of your {len(chosen)} tick")
            for i in set(chosen) - correct:
                assert f"\u201c{q.shown_options[i].text}\u201d" in result["message"]
            for i in correct - set(chosen):
                assert q.shown_options[i].text not in result["message"]


ORDERINGS = [q for q in BANK.values() if q.type == "ordering"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(ORDERINGS), st.data())
def test_an_ordering_verdict_counts_the_items_in_place(q, data):
    orders = data.draw(st.lists(st.permutations(list(q.items)), min_size=10, max_size=10))
    for order, result in zip(orders, check_many(q, orders)):
        in_place = sum(a == b for a, b in zip(order, q.items))
        if in_place == len(q.items):
            assert result["status"] == "correct"
        else:
            n = len(q.items)
            head = (
                f"None of the {n} items is in its right place yet."
                if in_place == 0
                else f"{in_place} of the {n} items {'is' if in_place == 1 else 'are'} in the right place."
            )
            assert result["status"] == "incorrect" and result["message"].startswith(head)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(),
            st.integers(),
            st.floats(),
            st.none(),
            st.booleans(),
            st.lists(st.text()),
            st.lists(st.integers()),
            st.dictionaries(st.text(), st.integers()),
        ),
        min_size=5,
        max_size=5,
    )
)
def test_checking_never_fails_and_always_says_something(answers):
    cases = [[payload(q), a] for q in BANK.values() for a in answers]
    for result in run_js(cases):
        assert result["status"] in {"correct", "partial", "incorrect", "revealed", "invalid"}
        assert result["message"].strip()


@pytest.mark.parametrize("odd", [float("inf"), float("-inf"), float("nan")])
def test_numbers_that_are_not_ordinary_get_a_kind_message(odd):
    result = check(NUMERIC, odd)
    assert result["status"] == "invalid" and "ordinary number" in result["message"]


def test_a_space_inside_a_number_gets_a_question_back_unless_it_groups_thousands():
    q = numeric_question("", 65, 0, None)
    spaced, grouped, plain = run_js([[q, "6 5"], [q, "10 000"], [q, "65"]])
    assert spaced["status"] == "invalid" and "Did you mean 65, or 6.5?" in spaced["message"]
    assert grouped["status"] != "invalid"
    assert plain["status"] == "correct"
