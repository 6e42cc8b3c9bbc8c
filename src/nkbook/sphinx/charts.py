"""Charts in the static book: a notebook's Vega-Lite output becomes a ``<figure>`` drawn in the browser.

- :class:`ChartMimeRenderer`, registered with myst-nb through the ``myst_nb.mime_renderers`` entry
  point (``pyproject.toml``), turns the output into a figure holding the chart's picture (an SVG
  rendered at build time by :mod:`.static_svg`, seen at first paint, on paper and without
  JavaScript) and the spec as JSON; ``static/nkbook-charts.js`` draws the interactive chart in the
  picture's place when the reader nears it.
- Vega, Vega-Lite and Vega-Embed are copied from ``node_modules`` (the pinned ``package.json``) into
  ``_static/vendor``.  A page holding a chart names them on its chart script, which fetches them when
  the reader nears a chart.  Nothing is fetched from a CDN.

Settings: ``nkbook_node_modules`` (where ``npm ci`` put the scripts, from the book's folder).
Events: ``config-inited`` (stage the scripts), ``html-page-context`` (name them on chart pages).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ..outputs import VEGALITE_MIME, for_book, json_for_html
from . import static_svg

logger = logging.getLogger(__name__)

# (file in node_modules, name under _static/vendor)
VENDOR_SCRIPTS = (
    ("vega/build/vega.min.js", "vega.min.js"),
    ("vega-lite/build/vega-lite.min.js", "vega-lite.min.js"),
    ("vega-embed/build/vega-embed.min.js", "vega-embed.min.js"),
)
CHART_MARKER = 'class="nkbook-chart"'


class ChartMimeRenderer:
    """myst-nb plugin: render a Vega-Lite output as a self-contained ``<figure>`` for HTML builders."""

    mime_priority_overrides = [
        ("html", VEGALITE_MIME, 5),
        ("dirhtml", VEGALITE_MIME, 5),
        ("singlehtml", VEGALITE_MIME, 5),
    ]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != VEGALITE_MIME:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        env = getattr(getattr(renderer, "renderer", None), "sphinx_env", None)
        cache = Path(env.app.outdir).parent / ".nkbook-svg" if env is not None else None
        return [nodes.raw("", chart_html(for_book(spec), cache), format="html")]


def chart_html(spec: dict, cache: Path | None = None) -> str:
    """The HTML of one chart: its picture (an SVG rendered now, seen before any script runs), the spec
    as JSON and a place to draw it interactively, labelled by its description."""
    safe_json = json_for_html(spec)
    chart_id = "chart-" + hashlib.sha1(safe_json.encode("utf-8")).hexdigest()[:10]
    description = spec.get("description") or "Chart"
    try:
        svg, width, height = static_svg.render(spec, cache)
        picture = (
            f'<div class="nkbook-chart__static" style="max-width:{width:g}px">'
            f"{static_svg.for_page(svg, width, height, chart_id)}</div>"
        )
    except Exception as error:  # vl-convert's errors are its own; the strict build fails on the warning
        logger.warning(f"nkbook: the chart {chart_id} could not be rendered to SVG: {error}")
        picture = ""
    return (
        f'<figure {CHART_MARKER} id="{chart_id}" aria-label="{escape(description)}">'
        f"{picture}"
        f'<div class="nkbook-chart__view"></div>'
        f'<p class="nkbook-chart__fallback">{escape(description)} The same figures are given in words below.</p>'
        f'<script type="application/json" class="nkbook-chart__spec">{safe_json}</script>'
        "</figure>"
    )


def staging_folder(app: Sphinx) -> Path:
    """The folder Sphinx copies into ``_static`` (its ``vendor/`` holds the chart scripts)."""
    return Path(app.outdir).parent / ".nkbook-static"


def _stage_vendor_scripts(app: Sphinx, config: Config) -> None:
    """Copy the chart scripts into a staging folder that Sphinx copies into ``_static/vendor``."""
    node_modules = Path(app.srcdir) / config.nkbook_node_modules
    staging = staging_folder(app)
    vendor = staging / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for rel, name in VENDOR_SCRIPTS:
        found = node_modules / rel
        if not found.is_file():
            raise ExtensionError(
                f"nkbook: the chart script {found} is missing. Run 'make book' (it runs 'npm ci' "
                "from the pinned package.json) or 'npm ci' in the repository."
            )
        target = vendor / name
        if not target.is_file() or target.read_bytes() != found.read_bytes():
            shutil.copyfile(found, target)
    config.html_static_path = [*config.html_static_path, str(staging)]


def _chart_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Name the chart scripts on pages that hold a chart; ``nkbook-charts.js`` fetches them when needed."""
    if CHART_MARKER in context.get("body", ""):
        vendor = " ".join(f"vendor/{name}" for _, name in VENDOR_SCRIPTS)
        app.add_js_file("nkbook-charts.js", defer="defer", **{"data-vendor": vendor})


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_node_modules", "node_modules", "env", types=[str])
    app.connect("config-inited", _stage_vendor_scripts)
    app.connect("html-page-context", _chart_script, priority=900)  # after myst-nb adds its scripts
