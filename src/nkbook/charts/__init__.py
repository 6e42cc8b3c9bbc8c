"""The book's charts: each built from a ``data/`` table, with a text alternative.

``base`` holds what every chart shares (renderer, Okabe-Ito palette, the ``nkbook`` theme,
:class:`Figure`, :func:`show`, :func:`cite`).  Each chapter's charts live in a module named after the
chapter's file (``chapters/sold-and-stateless.ipynb`` -> ``charts.sold_and_stateless``), which also
says, in ``CITES``, which articles of ``seeds/`` and which context figures the chapter cites:

- ``arrested``, ``bigger_picture``, ``never_refugees``, ``sold_and_stateless``, ``survey_hopes``,
  ``timeline``, ``watched``.

They are reached as ``charts.survey_hopes.hopes()`` or ``from nkbook.charts import survey_hopes``.
"""

from __future__ import annotations

import importlib

from .base import FONT, GREY_TRACK, OKABE_ITO, TEXT, VEGALITE_MIME, Figure, cite, percent, show

__all__ = ["FONT", "GREY_TRACK", "OKABE_ITO", "TEXT", "VEGALITE_MIME", "Figure", "cite", "percent", "show"]

# The chapters' files (without ".ipynb") and their chart modules: one name each.
CHAPTERS = {
    "arrested": "arrested",
    "bigger-picture": "bigger_picture",
    "never-refugees": "never_refugees",
    "sold-and-stateless": "sold_and_stateless",
    "survey-hopes": "survey_hopes",
    "timeline": "timeline",
    "watched": "watched",
}


def __getattr__(name: str):
    """Import a chapter's chart module on first use (``charts.arrested``)."""
    if name not in CHAPTERS.values():
        raise AttributeError(f"nkbook.charts has no module or name {name!r}")
    return importlib.import_module(f".{name}", __name__)
