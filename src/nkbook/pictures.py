"""Every chart as a picture before any script runs: its Vega-Lite spec rendered to SVG at build time.

``vl-convert`` (pinned in pyproject.toml) renders a spec offline, with the Vega-Lite version the spec
names.  The picture is what a reader sees at first paint, on paper, with JavaScript off and in a
feed reader; when the reader nears the chart, the interactive view (``static/nkbook-charts.js``)
takes its place.  A chart that asks for the column's width is drawn at the width of a live notebook
(:data:`nkbook.outputs.LIVE_WIDTH`), or at the least width it asks for, and scales down with the
column (its ``viewBox`` keeps the proportions).

Pictures are kept under ``_build/.nkbook-svg`` by a hash of their spec, so a rebuild renders only
the charts that changed.  A plain module, without Sphinx: the book's pages (:mod:`nkbook.sphinx.charts`),
the notebook workers of a cold build (:func:`prerender`, imported by their fork server) and the
instructor pack's worksheets (:mod:`nkbook.pack`) draw the same pictures.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .outputs import LIVE_WIDTH, VEGALITE_MIME, for_book, for_picture

_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')
_SCHEMA_VERSION = re.compile(r"/v(\d+)(?:\.(\d+))?(?:\.\d+)?\.json$")


# The picture's text is laid out by vl-convert, which measures a font it finds on the build machine and
# only estimates one it does not ("system-ui", the live charts' first choice): a reader's browser then
# drew wider text than was measured, and the watched chart's row labels ran off the picture's left
# edge. So the picture names fonts of one width: Liberation Sans (Debian's, which chromium brings and
# vl-convert measures), Arial and Helvetica (Windows, macOS) and Arimo (ChromeOS) share its metrics.
PICTURE_FONT = "Arial, 'Liberation Sans', Helvetica, Arimo, sans-serif"


def drawable(spec: dict) -> dict:
    """The spec as the picture draws it: in :data:`PICTURE_FONT`, and with a fixed width where it asks
    for the column's, which is unknown at build time."""
    meta = (spec.get("usermeta") or {}).get("nkbook") or {}
    spec = {**spec, "config": {**(spec.get("config") or {}), "font": PICTURE_FONT}}
    if spec.get("width") != "container":
        return spec
    return {**spec, "width": max(LIVE_WIDTH, int(meta.get("min_width") or 0))}


def vegalite_version(spec: dict) -> str:
    """The Vega-Lite version the spec names, as vl-convert knows it: "6.4" for .../v6.4.1.json, and
    the latest it has of a major version for .../v5.json."""
    match = _SCHEMA_VERSION.search(spec.get("$schema", ""))
    if not match:
        raise ValueError(f"the chart names no Vega-Lite version in its $schema: {spec.get('$schema')!r}")
    if match[2] is not None:
        return f"{match[1]}.{match[2]}"
    import vl_convert

    known = [v for v in vl_convert.get_vegalite_versions() if v.split(".")[0] == match[1]]
    if not known:
        raise ValueError(f"vl-convert knows no Vega-Lite {match[1]}: {spec.get('$schema')!r}")
    return max(known, key=lambda v: tuple(int(p) for p in v.split(".")))


# Written into the cache key: a change to how a picture is made after vl-convert renders it.
_MADE = "ids numbered in order"


def numbered_ids(svg: str) -> str:
    """The SVG with its ids numbered in their order in it (``clip1``, ``clip2``, ...).  vl-convert
    numbers clip paths with a count that goes on from one picture to the next in a process, so the
    same chart came out with other ids after other charts: pages then differed between builds."""
    found: dict[str, str] = {}
    for old in re.findall(r'\bid="([^"]+)"', svg):
        found.setdefault(old, f"{re.sub(r'[0-9]+$', '', old) or 'id'}{len(found) + 1}")
    if not found:
        return svg
    return re.sub(r'(\bid="|url\(#|href="#)([^")]+)', lambda m: m[1] + found.get(m[2], m[2]), svg)


def render(spec: dict, cache: Path | None = None) -> tuple[str, float, float]:
    """(the SVG of the chart, its width and height in px); rendered once per spec when ``cache`` is given."""
    drawn = drawable(spec)
    key = hashlib.sha256((_MADE + json.dumps(drawn, sort_keys=True)).encode("utf-8")).hexdigest()[:24]
    stored = cache / f"{key}.svg" if cache is not None else None
    if stored is not None and stored.is_file():
        svg = stored.read_text(encoding="utf-8")
    else:
        import vl_convert

        svg = numbered_ids(vl_convert.vegalite_to_svg(drawn, vl_version=vegalite_version(spec)))
        if stored is not None:  # whole or not at all: the pack's process reads this cache meanwhile
            stored.parent.mkdir(parents=True, exist_ok=True)
            scratch = stored.with_name(f"{stored.name}.{os.getpid()}.part")
            scratch.write_text(svg, encoding="utf-8")
            os.replace(scratch, stored)
    size = _SIZE.search(svg)
    if not size:
        raise ValueError("vl-convert returned an SVG without a width and a height")
    return svg, float(size[1]), float(size[2])


def still(spec: dict, cache: Path | None = None) -> tuple[str, float, float]:
    """The picture of a chart as the book shows it (the spec the book draws, :func:`nkbook.outputs.for_book`):
    :func:`render` of its still version (:func:`nkbook.outputs.for_picture`).  The page, the workers of a
    cold build and the worksheets all draw it this way, so they find one another's pictures in the cache."""
    return render(for_picture(spec), cache)


def for_page(svg: str, width: float, height: float, prefix: str) -> str:
    """The SVG as the page holds it: scaled with the column (its viewBox), its ids prefixed so that
    they cannot meet the interactive view's (Vega numbers its clip paths alike), and hidden from
    screen readers, which read the chart's description and its words instead."""
    svg = svg.replace('<?xml version="1.0" encoding="utf-8"?>', "").strip()
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m[1]}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m[1]})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m[1]}"', svg)

    def head(match: re.Match) -> str:
        attributes = re.sub(r'\s(?:width|height)="[\d.]+"', "", match[1])
        attributes = re.sub(r'\sclass="([^"]*)"', r' class="\1 nkbook-chart__svg"', attributes)
        if "viewBox" not in attributes:
            attributes += f' viewBox="0 0 {width:g} {height:g}"'
        return f'<svg{attributes} aria-hidden="true" focusable="false">'

    return re.sub(r"<svg\b([^>]*)>", head, svg, count=1)


def prerender(notebook: dict, cache: Path) -> int:
    """Render into ``cache`` the picture of every chart an executed notebook outputs (the same picture
    stands on the page and in the worksheets); return how many charts.

    Called as each notebook of a cold build is executed (:mod:`nkbook.sphinx.execution`), while the
    others still run, so that reading the notebooks finds every picture made: the SVG step then costs
    the build little more than the wait for the last notebook.  Keyed as the page's renderer renders
    (:meth:`nkbook.sphinx.charts.ChartMimeRenderer.handle_mime`), so the two cannot disagree; an error
    is left for that reading to report."""
    count = 0
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) or []:
            spec = (output.get("data") or {}).get(VEGALITE_MIME)
            if isinstance(spec, dict):
                still(for_book(spec), cache)
                count += 1
    return count
