"""Charts in the static book: a notebook's Vega-Lite output becomes a ``<figure>`` drawn in the browser.

- :class:`ChartMimeRenderer`, registered with myst-nb through the ``myst_nb.mime_renderers`` entry
  point (``pyproject.toml``), turns the output into a figure holding the chart's picture (an SVG
  rendered at build time by :mod:`nkbook.pictures`, seen at first paint, on paper and without
  JavaScript) and the spec as JSON; ``static/nkbook-charts.js`` draws the interactive chart in the
  picture's place when the reader nears it.
- Vega, Vega-Lite and Vega-Embed are copied from ``node_modules`` (the pinned ``package.json``) into
  ``_static/vendor``.  A page holding a chart names them on its chart script, which fetches them when
  the reader nears a chart.  Nothing is fetched from a CDN.
- Vega's expression interpreter (``vega-interpreter``, the version Vega's own lock pins) is staged
  beside them as a classic script: Vega then evaluates its expressions without compiling them to
  JavaScript, so the pages' Content-Security-Policy needs no ``'unsafe-eval'``.

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

from .. import pictures
from ..outputs import VEGALITE_MIME, for_book, json_for_html

logger = logging.getLogger(__name__)

# (file in node_modules, name under _static/vendor)
VENDOR_SCRIPTS = (
    ("vega/build/vega.min.js", "vega.min.js"),
    ("vega-lite/build/vega-lite.min.js", "vega-lite.min.js"),
    ("vega-embed/build/vega-embed.min.js", "vega-embed.min.js"),
)
# Vega's expression interpreter: an ES module in node_modules, staged as a classic script run after
# vega.min.js (it takes three helpers from Vega and sets vega.expressionInterpreter, which Vega-Embed
# uses when asked for ``ast: true``).
INTERPRETER = ("vega-interpreter/build/vega-interpreter.js", "vega-interpreter.js")
_INTERPRETER_IMPORT = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';"
_INTERPRETER_EXPORT = "export { expression as expressionInterpreter };"
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
        cache = svg_cache(env.app) if env is not None else None
        return [nodes.raw("", chart_html(for_book(spec), cache), format="html")]


def svg_cache(app: Sphinx) -> Path:
    """Where the charts' pictures are kept between builds (see :mod:`nkbook.pictures`)."""
    return Path(app.outdir).parent / ".nkbook-svg"


def chart_html(spec: dict, cache: Path | None = None) -> str:
    """The HTML of one chart: its picture (an SVG rendered now, seen before any script runs, in print and
    without JavaScript: :func:`~nkbook.outputs.for_picture`), the spec as JSON and a place to draw it
    interactively, labelled by its description."""
    safe_json = json_for_html(spec)
    chart_id = "chart-" + hashlib.sha1(safe_json.encode("utf-8")).hexdigest()[:10]
    description = spec.get("description") or "Chart"
    # The figure is named by its short label where the chart gives one (what is drawn and its finding):
    # the words under the chart give the figures, which the full description repeats.
    label = ((spec.get("usermeta") or {}).get("nkbook") or {}).get("label") or description
    try:
        svg, width, height = pictures.still(spec, cache)
        picture = (
            f'<div class="nkbook-chart__static" style="max-width:{width:g}px">'
            f"{pictures.for_page(svg, width, height, chart_id)}</div>"
        )
    except Exception as error:  # vl-convert's errors are its own; the strict build fails on the warning
        logger.warning(f"nkbook: the chart {chart_id} could not be rendered to SVG: {error}")
        picture = ""
    return (
        f'<figure {CHART_MARKER} id="{chart_id}" aria-label="{escape(label)}">'
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
    found = node_modules / INTERPRETER[0]
    if not found.is_file():
        raise ExtensionError(f"nkbook: Vega's expression interpreter {found} is missing. Run 'npm ci'.")
    script = interpreter_script(found.read_text(encoding="utf-8"))
    target = vendor / INTERPRETER[1]
    if not target.is_file() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")
    # Each package's licence (BSD 3-Clause: a copy goes with the code), beside its script.
    for package in licensed_packages():
        found = node_modules / package / "LICENSE"
        if not found.is_file():
            raise ExtensionError(f"nkbook: {found}, the licence of a chart script, is missing. Run 'npm ci'.")
        target = vendor / f"{package}.LICENSE.txt"
        if not target.is_file() or target.read_bytes() != found.read_bytes():
            shutil.copyfile(found, target)
    config.html_static_path = [*config.html_static_path, str(staging)]


def licensed_packages() -> list[str]:
    """The npm packages whose code the chart scripts are."""
    return [rel.split("/", 1)[0] for rel, _ in (*VENDOR_SCRIPTS, INTERPRETER)]


def interpreter_script(module: str) -> str:
    """vega-interpreter's ES module as a classic script that reads its helpers from ``window.vega``."""
    if _INTERPRETER_IMPORT not in module or _INTERPRETER_EXPORT not in module:
        raise ExtensionError(
            "nkbook: vega-interpreter's module no longer imports and exports as nkbook.sphinx.charts expects; "
            "check INTERPRETER against the version in package-lock.json."
        )
    body = module.replace(_INTERPRETER_IMPORT, "").replace(_INTERPRETER_EXPORT, "")
    body = body.replace("//# sourceMappingURL=vega-interpreter.js.map", "")
    return (
        "/* vega-interpreter (BSD-3-Clause, https://github.com/vega/vega), as a classic script: Vega's\n"
        "   expressions evaluated without eval. Staged by nkbook.sphinx.charts from node_modules. */\n"
        "(function (vega) {\n"
        '"use strict";\n'
        "var ascending = vega.ascending, isString = vega.isString,\n"
        "  DisallowedObjectProperties = vega.DisallowedObjectProperties;\n"
        f"{body.strip()}\n"
        "vega.expressionInterpreter = expression;\n"
        "})(window.vega);\n"
    )


def vendor_paths() -> list[str]:
    """The chart scripts, in the order they run (paths under ``_static``)."""
    names = [name for _, name in VENDOR_SCRIPTS]
    names.insert(names.index("vega.min.js") + 1, INTERPRETER[1])
    return [f"vendor/{name}" for name in names]


def _chart_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Name the chart scripts on pages that hold a chart; ``nkbook-charts.js`` fetches them when needed."""
    if CHART_MARKER in context.get("body", ""):
        vendor = " ".join(vendor_paths())
        app.add_js_file("nkbook-charts.js", defer="defer", **{"data-vendor": vendor})


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_node_modules", "node_modules", "env", types=[str])
    app.connect("config-inited", _stage_vendor_scripts)
    app.connect("html-page-context", _chart_script, priority=900)  # after myst-nb adds its scripts
