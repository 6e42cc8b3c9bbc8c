"""A fair, fixed option order: seeded by the question id, the same in every output, and no help to guessing."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from math import comb

from hypothesis import given
from hypothesis import strategies as st

from nkbook.exercises import load_bank
from nkbook.exercises.export import answer_key_html, to_gift
from nkbook.exercises.order import item_order, option_order
from nkbook.exercises.static import payload, render
from nkbook.exercises.widget import ExerciseWidget

BANK = load_bank()
SINGLES = [q for q in BANK.values() if q.type == "single"]
MULTIPLES = [q for q in BANK.values() if q.type == "multiple"]
ORDERINGS = [q for q in BANK.values() if q.type == "ordering"]
RESEED = "If a new question tips the balance, change SALT in src/nkbook/exercises/order.py and rerun."


def correct_positions(q):
    return [i for i, o in enumerate(q.shown_options) if o.correct]


def test_the_bank_is_written_with_the_right_options_first_so_the_shuffle_matters():
    # How the authors wrote it (issue 13): the case the shuffle has to undo.
    assert sum(q.options[0].correct for q in SINGLES) > len(SINGLES) / 2


def test_no_position_holds_more_than_40_percent_of_the_single_choice_answers():
    spread = Counter(correct_positions(q)[0] for q in SINGLES)
    assert max(spread.values()) <= 0.4 * len(SINGLES), f"{dict(spread)}. {RESEED}"


def test_always_picking_the_first_option_scores_no_better_than_chance():
    first = sum(q.shown_options[0].correct for q in SINGLES)
    chance = sum(1 / len(q.options) for q in SINGLES)
    assert first <= chance, f"first option right {first} times, chance gives {chance:.2f}. {RESEED}"


def moodle_score(q, ticked) -> float:
    """Moodle's grade for a multiple-choice answer under the weights of our GIFT export (floored at 0)."""
    right = sum(o.correct for o in q.options)
    wrong = len(q.options) - right
    opts = q.shown_options
    return max(0.0, sum(1 / right if opts[i].correct else -1 / max(wrong, 1) for i in ticked))


def test_ticking_the_first_two_scores_no_better_than_chance():
    exact = sum(set(correct_positions(q)) == {0, 1} for q in MULTIPLES)
    exact_chance = sum(1 / comb(len(q.options), 2) if len(q.correct_options) == 2 else 0 for q in MULTIPLES)
    assert exact <= exact_chance, f"{exact} > {exact_chance:.2f}. {RESEED}"
    graded = sum(moodle_score(q, (0, 1)) for q in MULTIPLES)
    graded_chance = sum(
        sum(moodle_score(q, t) for t in combinations(range(len(q.options)), 2)) / comb(len(q.options), 2)
        for q in MULTIPLES
    )
    assert graded <= graded_chance, f"{graded:.2f} > {graded_chance:.2f}. {RESEED}"


def test_the_order_depends_on_the_id_alone_and_differs_between_questions():
    assert option_order("survey-1", 4) == option_order("survey-1", 4)
    assert len({option_order(q.id, 4) for q in SINGLES}) > len(SINGLES) / 3


@given(st.text(min_size=1, max_size=30), st.integers(1, 9))
def test_every_order_is_a_permutation(qid, n):
    assert sorted(option_order(qid, n)) == list(range(n))
    assert sorted(item_order(qid, n)) == list(range(n))


@given(st.text(min_size=1, max_size=30), st.integers(2, 9))
def test_put_in_order_never_starts_in_the_right_order(qid, n):
    assert item_order(qid, n) != tuple(range(n))


def test_every_put_in_order_question_starts_shuffled_in_the_book_and_the_widget():
    for q in ORDERINGS:
        html = render(q)
        shown = re.findall(
            r'<li class="nkbook-exercise__item" data-item="[^"]*">.*?'
            r'<span class="nkbook-exercise__item-text">(.*?)</span>',
            html,
        )
        from html import unescape

        shown = [unescape(s) for s in shown]
        assert sorted(shown) == sorted(q.items) and shown != list(q.items), q.id
        assert shown == list(q.start_items) == payload(q)["start"]
        assert ExerciseWidget(q).html == html


def test_the_same_order_in_the_book_the_widget_the_answer_key_and_the_gift_export():
    key = answer_key_html(BANK)
    gift = to_gift(BANK)
    from html import escape, unescape

    for q in SINGLES + MULTIPLES:
        texts = [o.text for o in q.shown_options]
        book = [unescape(t) for t in re.findall(r'<label for="ex-[^"]*-opt\d+">(.*?)</label>', render(q))]
        assert book == texts, q.id
        assert [o["text"] for o in payload(q)["options"]] == texts
        assert ExerciseWidget(q).html == render(q)
        article = key.split(f"<article id='{q.id}'>", 1)[1].split("<ul>", 1)[1].split("</ul>", 1)[0]
        listed = re.findall(r"<li>(?:<strong>✔ correct</strong>|✖ wrong): (.*?) <em>Feedback:</em>", article)
        assert listed == [escape(t) for t in texts], q.id
    # The GIFT export's order is read back with a GIFT parser in test_exercise_exports.py.
    assert gift.index("::survey-1::") >= 0
