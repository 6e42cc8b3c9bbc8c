"""The MIME types of the notebook outputs the book's helpers write; the changes between the chart a
live notebook draws, the chart the book draws and the chart's still picture; and JSON safe in a page
(a module light enough for the Sphinx extension to import without loading Altair or pandas)."""

from __future__ import annotations

import json
import re

# Jupyter's own Vega-Lite type: JupyterLab draws it; the book's extension turns it into a figure.
VEGALITE_MIME = "application/vnd.vegalite.v5+json"

# JupyterLab (4.6) draws a chart as wide as its output area ("width": "container") again and again,
# each drawing resizing the area (a scrollbar comes and goes), until the tab hangs. A live notebook
# therefore gets a fixed width, and the spec notes that the book draws it as wide as its column.
LIVE_WIDTH = 640


def _nkbook_meta(spec: dict) -> dict:
    return dict((spec.get("usermeta") or {}).get("nkbook") or {})


def for_live_notebook(spec: dict) -> dict:
    """The spec a notebook shows: a container width becomes LIVE_WIDTH, remembered in usermeta."""
    if spec.get("width") != "container":
        return spec
    meta = {**_nkbook_meta(spec), "container_width": True}
    return {**spec, "width": LIVE_WIDTH, "usermeta": {**(spec.get("usermeta") or {}), "nkbook": meta}}


def for_book(spec: dict) -> dict:
    """The spec the book draws from a notebook's output: as wide as its column again."""
    if not _nkbook_meta(spec).get("container_width"):
        return spec
    return {**spec, "width": "container"}


# What a chart's subtitle says to a reader of the interactive chart, which a picture cannot do.
_INTERACTIVE = re.compile(r"^(?:Point at|Switch|Filter|Choose|Hover|Click|Tap|Drag)\b|controls? below", re.I)
_INTERACTIVE_ASIDE = re.compile(r"\s*\((?:point at|hover|click|tap)[^)]*\)", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")
_PANELS = ("vconcat", "hconcat", "concat", "layer")  # a chart's parts, each of which may have a title


def for_picture(spec: dict) -> dict:
    """The spec a still picture of the chart draws, on the page before any script runs, on paper, without
    JavaScript and in the worksheets: the subtitles' instructions for the interactive chart left out
    ("Point at a mark ...", "Move the sliders: ..."), the chart's own and its panels', since nothing in
    a picture moves.  The lines are wrapped as wide as before; a spec with no such words is returned
    as it is."""
    changed = {}
    for key in _PANELS:
        if isinstance(spec.get(key), list):
            panels = [for_picture(p) if isinstance(p, dict) else p for p in spec[key]]
            if any(new is not old for new, old in zip(panels, spec[key])):
                changed[key] = panels
    if isinstance(spec.get("spec"), dict) and (inner := for_picture(spec["spec"])) is not spec["spec"]:
        changed["spec"] = inner
    title = spec.get("title")
    if isinstance(title, dict) and title.get("subtitle"):
        lines = title["subtitle"] if isinstance(title["subtitle"], list) else [title["subtitle"]]
        text = _INTERACTIVE_ASIDE.sub("", " ".join(line.strip() for line in lines))
        text = re.sub(r"\bMove the sliders?:\s*(\w)", lambda m: m[1].upper(), text)
        kept = " ".join(s for s in _SENTENCE.split(text) if not _INTERACTIVE.search(s))
        if kept != " ".join(line.strip() for line in lines):
            import textwrap

            wrapped = textwrap.wrap(kept, max(len(line) for line in lines)) if kept else []
            changed["title"] = {**title, "subtitle": wrapped if wrapped else ""}
    return {**spec, **changed} if changed else spec


# Characters that may end or confuse a <script> element, or a JavaScript string, when JSON is embedded
# in a page: "</script>", "<!--" (which makes the HTML parser hide what follows), "&", and the two line
# separators that JavaScript once treated as line ends.
_UNSAFE_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_html(data) -> str:
    """``data`` as JSON that can stand inside a ``<script type="application/json">`` element whatever
    its text holds; a NaN or an infinity, which JSON cannot carry, raises ``ValueError``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return "".join(_UNSAFE_IN_SCRIPT.get(char, char) for char in text)
