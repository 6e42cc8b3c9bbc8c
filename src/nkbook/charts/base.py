"""What every chart of the book shares: the renderer, the palette, the theme (registered once with
Altair's theme registry as ``nkbook``), and :class:`Figure`.

Every chart function returns a :class:`Figure`: the Altair chart plus the same finding in words
(``figure.text``, Markdown).  ``show(figure)`` in a notebook displays both.

Display: importing this module enables the ``nkbook`` Altair renderer, which emits the Vega-Lite
spec under Jupyter's own Vega-Lite MIME type.  JupyterLab draws it with its built-in renderer (at a
fixed width: see :mod:`nkbook.outputs`); the book build draws it, as wide as its column, with the
scripts served from the book's own ``_static`` (see :mod:`nkbook.sphinx.charts`).  No script is ever
fetched from a CDN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..fastimport import import_without_iri_grammar

alt = import_without_iri_grammar("altair")  # 2 s sooner in every kernel that draws a chart


from ..outputs import VEGALITE_MIME, for_live_notebook  # noqa: E402 (VEGALITE_MIME re-exported)

# Okabe & Ito's palette, made to stay distinct for the common forms of colour-blindness.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "purple": "#CC79A7",
    "black": "#000000",
}
GREY_TRACK = "#E4E4E4"
TEXT = "#222222"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def _renderer(spec: dict, **_: object) -> dict:
    # A fixed width for JupyterLab, which would redraw a container-wide chart in a loop (see outputs.py).
    return {VEGALITE_MIME: for_live_notebook(spec), "text/plain": spec.get("description", "A chart.")}


alt.renderers.register("nkbook", _renderer)
alt.renderers.enable("nkbook")


# Altair merges the theme into every chart's spec when it writes the spec out; a chart's own configure_*()
# settings win over it.
@alt.theme.register("nkbook", enable=True)
def theme() -> alt.theme.ThemeConfig:
    """The book's look: its font, text colour and title placement (registered once as ``nkbook``)."""
    return {
        "config": {
            "font": FONT,
            # Altair's default size of a view with no width or height of its own (as its default theme sets it).
            "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
            "axis": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 13, "titleFontSize": 13},
            "title": {"color": TEXT, "fontSize": 15, "anchor": "start", "subtitleColor": TEXT},
            "legend": {"labelColor": TEXT, "titleColor": TEXT},
            "text": {"color": TEXT, "fontSize": 13},
        }
    }


@dataclass(frozen=True)
class Finding:
    """What a chart says, stated once: every text of the chart is generated from it, so none can drift.

    - ``title`` and ``subtitle`` (lists of lines) become the Vega-Lite title;
    - ``drawn`` (what the chart draws: "Bar chart of ...") and ``title`` and ``words`` make the
      ``description`` that screen readers announce;
    - ``words`` (Markdown) is the "In words" paragraph under the chart, ``table`` (its column labels the
      table's heads; ``right`` names the columns of figures, aligned right) the table under it, and
      ``notes`` (Markdown) anything after the table (a footnote, the words behind each mark).

    Every number in these texts is read from a reading of ``data/``: either it stands in ``data/`` as
    printed, or it is computed from it (a count, a sum, a share) and named in ``derived``, which a
    test checks (``tests/test_charts_findings.py``).
    """

    title: list[str]
    subtitle: list[str]
    drawn: str
    words: str
    table: pd.DataFrame | None = None
    right: tuple[str, ...] = ()
    notes: str = ""
    derived: dict[str, float] = field(default_factory=dict)

    def vega_title(self) -> alt.Title:
        return alt.Title(self.title, subtitle=self.subtitle) if self.subtitle else alt.Title(self.title)

    @property
    def description(self) -> str:
        """What is drawn, the title's finding and the words, as one plain text (no Markdown)."""
        title = " ".join(self.title).rstrip(".:")
        words = _plain(self.words)
        return _plain(f"{self.drawn.rstrip('.')}. {title}. {words[:1].upper()}{words[1:]}")

    @property
    def label(self) -> str:
        """What is drawn and the title's finding: the name the book's page gives the chart.

        On the page the words stand right under the chart, so the page labels the chart with this
        shorter text: a screen reader would otherwise hear every figure twice."""
        title = " ".join(self.title).rstrip(".:")
        return _plain(f"{self.drawn.rstrip('.')}. {title}.")

    def table_markdown(self) -> str:
        if self.table is None or self.table.empty:
            return ""
        heads = [str(c) for c in self.table.columns]
        lines = [
            "| " + " | ".join(heads) + " |",
            "|" + "|".join("---:" if c in self.right else "---" for c in heads) + "|",
        ]
        for row in self.table.itertuples(index=False):
            lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
        return "\n".join(lines)

    @property
    def markdown(self) -> str:
        """The "In words" paragraph, the table under the chart and the notes, as Markdown."""
        parts = [f"**In words:** {self.words}", self.table_markdown(), self.notes]
        return "\n\n".join(p for p in parts if p)

    def texts(self) -> list[str]:
        """Every text a reader meets, for the tests: title, subtitle, description and the Markdown."""
        return [*self.title, *self.subtitle, self.description, self.markdown]

    def figure(self, chart: alt.TopLevelMixin) -> Figure:
        """The chart with this finding as its title and description, and as its words under it."""
        usermeta = chart.usermeta if isinstance(chart.usermeta, dict) else {}
        meta = {**usermeta, "nkbook": {**(usermeta.get("nkbook") or {}), "label": self.label}}
        chart = chart.properties(title=self.vega_title(), description=self.description, usermeta=meta)
        return Figure(chart, self.markdown, self)


def words_behind(heading: str, items) -> str:
    """Markdown: the quote each mark shows when pointed at, listed under the chart, so that a phone
    (no pointer), a keyboard and a screen reader reach it too. ``items``: (what the mark is, quote)."""
    lines = [f"- {label}: \u201c{' '.join(str(quote).split())}\u201d" for label, quote in items if str(quote).strip()]
    return "\n".join([f"**{heading}** (the words a mark shows when pointed at):", "", *lines]) if lines else ""


def _cell(value) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _plain(markdown: str) -> str:
    """Markdown as the plain text a screen reader reads: no emphasis marks, no code marks, one line."""
    text = re.sub(r"\*\*|(?<![\w*])\*|\*(?![\w*])|`", "", markdown)
    return " ".join(text.split())


@dataclass
class Figure:
    """A chart and the same finding in words (its text alternative); ``finding`` where it was built from one."""

    chart: alt.TopLevelMixin
    text: str
    finding: Finding | None = None

    # The spec is written out unchecked: checking it against the Vega-Lite schema took a third of a
    # second of every build's notebooks. tests/test_charts.py checks every chart the chapters draw.
    @property
    def description(self) -> str:
        return self.chart.to_dict(validate=False).get("description", "")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return _renderer(self.chart.to_dict(validate=False))


def show(figure: Figure) -> None:
    """Display a chart and, under it, its text alternative."""
    from IPython.display import Markdown, display

    display(figure)
    display(Markdown(figure.text))


def cite(chapter) -> None:
    """Display a chapter's citations from its chart module's ``CITES``: the articles of ``seeds/`` it
    cites (by file name), then the context figures (by figure id), each in the order given."""
    from ..sources import show_citations, sources

    seeds = set(sources())
    cites = list(chapter.CITES)
    show_citations([c for c in cites if c in seeds], figures=[c for c in cites if c not in seeds])


def number_word(n: int) -> str:
    """``5 -> 'five'``, as a number is written in words in the chapters' text (``21 -> '21'``)."""
    from ..provenance import NUMBER_WORDS

    return NUMBER_WORDS.get(n, str(n))


def percent(count: int, base: int) -> str:
    """``35, 40 -> '87.5%'``; ``26, 40 -> '65%'`` (no more decimals than the division needs, at most one)."""
    share = round(100 * count / base, 1)
    return f"{share:g}%"
