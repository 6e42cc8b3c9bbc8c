"""The book's charts: each built from a ``data/`` table, with a text alternative.

``base`` holds what every chart shares (renderer, Okabe-Ito palette, theme, :class:`Figure`,
:func:`show`); each chapter's charts live in a module of their own, named for the chapter
(``survey``, ...), and are reached as ``charts.survey.hopes()`` or ``from nkbook.charts import survey``.
"""

from __future__ import annotations

import importlib

from .base import FONT, GREY_TRACK, OKABE_ITO, TEXT, VEGALITE_MIME, Figure, percent, show
from .survey import hopes, treatment

__all__ = [
    "FONT",
    "GREY_TRACK",
    "OKABE_ITO",
    "TEXT",
    "VEGALITE_MIME",
    "Figure",
    "percent",
    "show",
    "hopes",
    "treatment",
]


def __getattr__(name: str):
    """Import a chapter's chart module on first use (``charts.arrest``)."""
    try:
        return importlib.import_module(f".{name}", __name__)
    except ModuleNotFoundError as err:
        raise AttributeError(f"nkbook.charts has no module or name {name!r}") from err
