"""The order in which a reader sees a question's options or items: a shuffle seeded by the question id.

Authors write options in any order (the right one first, say); readers must not be able to guess by
position. So every output (the book's form, the live widget, the answer key, the Moodle export) shows
the options in :func:`option_order`, which depends on the question id alone: the same on every build,
every machine and every Python version (``random.Random`` seeded with an integer, whose ``shuffle``
has been stable since Python 3.2), and different from one question to the next.

Put-in-order questions start in :func:`item_order`, a seeded shuffle that is never the right order.
``tests/test_exercise_order.py`` checks over the whole bank that no position holds the answer too
often and that always picking the first option scores no better than chance.
"""

from __future__ import annotations

import hashlib
import random

SALT = "nkbook-order-19"


def _rng(qid: str, what: str) -> random.Random:
    digest = hashlib.sha256(f"{SALT}:{what}:{qid}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def option_order(qid: str, n: int) -> tuple[int, ...]:
    """The written indices of ``n`` options, in the order they are shown (a permutation of range(n))."""
    order = list(range(n))
    _rng(qid, "options").shuffle(order)
    return tuple(order)


def item_order(qid: str, n: int) -> tuple[int, ...]:
    """Where a put-in-order question starts: the indices of its ``n`` items (written in the right order),
    shuffled, and never the right order itself (rotated by one if the shuffle gave it back)."""
    order = list(range(n))
    _rng(qid, "items").shuffle(order)
    if n > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return tuple(order)
