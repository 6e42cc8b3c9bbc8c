"""Sphinx glue that keeps the book working offline and free of third-party requests.

1. **Chart outputs.** Notebooks carry each chart as a Vega-Lite spec under Jupyter's Vega-Lite MIME
   type (see :mod:`nkbook.charts`).  :class:`ChartMimeRenderer`, registered with myst-nb through the
   ``myst_nb.mime_renderers`` entry point, turns that output into a ``<figure>`` holding the spec as
   JSON; ``static/nkbook-charts.js`` draws it with Vega-Embed in the browser.
2. **Scripts from the book's own ``_static``.** Vega, Vega-Lite and Vega-Embed are copied at build
   time from ``node_modules`` (installed from the pinned ``package.json``) into ``_static/vendor``,
   and only pages that hold a chart load them.  Nothing is fetched from a CDN.
3. **Re-execution when shared inputs change.** myst-nb's cache keys on each notebook's own code, so
   a change to the helpers, the data or the exercises would leave stale outputs; the cache is
   cleared when a fingerprint of ``src/nkbook``, ``data/``, ``exercises/`` and ``seeds/`` changes.
4. **No widget scripts from CDNs.**  ``nb_ipywidgets_js`` is emptied, so pages whose notebooks hold
   widget state do not load require.js and the widget manager from CDNs.
5. **Accessible theme components.** ``templates/`` overrides the theme's search button and
   colour-mode switch, which axe-core flagged.
6. **No Thebe.**  Live code through Thebe would need a third-party server, so the book turns it off
   (``launch_buttons.thebe: false``); its page scripts (an inline block that sphinx-thebe registers
   twice, declaring ``THEBE_JS_URL`` twice, and ``sphinx-thebe.js``) are then dropped from every page.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from .charts import VEGALITE_MIME

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

# (file in node_modules, name under _static/vendor)
VENDOR_SCRIPTS = [
    ("vega/build/vega.min.js", "vega.min.js"),
    ("vega-lite/build/vega-lite.min.js", "vega-lite.min.js"),
    ("vega-embed/build/vega-embed.min.js", "vega-embed.min.js"),
]
CHART_MARKER = 'class="nkbook-chart"'
EXERCISE_MARKER = 'class="nkbook-exercise"'


class ChartMimeRenderer:
    """myst-nb plugin: render a Vega-Lite output as a self-contained ``<figure>`` for HTML builders."""

    mime_priority_overrides = [
        ("html", VEGALITE_MIME, 5),
        ("dirhtml", VEGALITE_MIME, 5),
        ("singlehtml", VEGALITE_MIME, 5),
    ]

    @staticmethod
    def handle_mime(renderer, data, inline):  # noqa: ARG004 (myst-nb's protocol)
        if data.mime_type != VEGALITE_MIME:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.string)
        return [nodes.raw("", chart_html(spec), format="html")]


def chart_html(spec: dict) -> str:
    """The HTML of one chart: the spec as JSON and a place to draw it, labelled by its description."""
    payload = json.dumps(spec, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    chart_id = "chart-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:10]
    description = spec.get("description") or "Chart"
    safe_json = payload.replace("</", "<\\/")
    return (
        f'<figure {CHART_MARKER} id="{chart_id}" aria-label="{escape(description)}">'
        f'<div class="nkbook-chart__view"></div>'
        f'<p class="nkbook-chart__fallback">{escape(description)} '
        "(The interactive chart needs JavaScript; the same figures are given in words below.)</p>"
        f'<script type="application/json" class="nkbook-chart__spec">{safe_json}</script>'
        "</figure>"
    )


def _node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def _stage_vendor(app: Sphinx, config) -> None:  # noqa: ARG001
    """Copy the chart scripts into a staging folder that Sphinx copies into ``_static``."""
    staging = Path(app.outdir).parent / ".nkbook-static"
    vendor = staging / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for rel, name in VENDOR_SCRIPTS:
        found = _node_modules(app) / rel
        if not found.is_file():
            raise ExtensionError(
                f"nkbook: the chart script {found} is missing. Run 'make book' (it runs 'npm ci' "
                "from the pinned package.json) or 'npm ci' in the repository."
            )
        target = vendor / name
        if not target.is_file() or target.read_bytes() != found.read_bytes():
            shutil.copyfile(found, target)
    config.html_static_path = [*config.html_static_path, str(STATIC), str(staging)]
    # Theme components overridden for accessibility (see templates/*.html).
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    # Widget state may be embedded, but its scripts would come from CDNs: load none.
    config.nb_ipywidgets_js = {}


INPUT_FOLDERS = ("src/nkbook", "data", "exercises", "seeds")


def inputs_fingerprint(root: Path) -> str:
    """A hash of every file the notebooks read besides themselves."""
    digest = hashlib.sha256()
    for folder in INPUT_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _invalidate_stale_cache(app: Sphinx, config) -> None:
    cache = getattr(config, "nb_execution_cache_path", "") or str(Path(app.outdir).parent / ".jupyter_cache")
    cache = Path(cache)
    stamp = cache.parent / ".nkbook-inputs"
    current = inputs_fingerprint(Path(app.srcdir))
    app.nkbook_inputs_changed = not (stamp.is_file() and stamp.read_text() == current)
    if not app.nkbook_inputs_changed:
        return
    if cache.exists():
        shutil.rmtree(cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)


def _reread_notebooks(app: Sphinx, env, added, changed, removed) -> list[str]:  # noqa: ARG001
    """When the shared inputs changed, every notebook is outdated, though its own file is not."""
    if not getattr(app, "nkbook_inputs_changed", False):
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")]


def _thebe_enabled(app: Sphinx) -> bool:
    options = getattr(app.config, "html_theme_options", {}) or {}
    return bool((options.get("launch_buttons") or {}).get("thebe", False))


def _is_thebe_script(js) -> bool:
    body = getattr(js, "attributes", {}).get("body", "") or ""
    return "THEBE_JS_URL" in body or str(getattr(js, "filename", js)).endswith("sphinx-thebe.js")


def _page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Add the chart scripts (deferred, in order) only to pages that hold a chart; likewise for exercises."""
    if not _thebe_enabled(app):
        scripts = context.get("script_files", [])
        scripts[:] = [js for js in scripts if not _is_thebe_script(js)]  # in place: Sphinx restores it per page
    if CHART_MARKER in context.get("body", ""):
        for _, name in VENDOR_SCRIPTS:
            app.add_js_file(f"vendor/{name}", defer="defer")
        app.add_js_file("nkbook-charts.js", defer="defer")
    if EXERCISE_MARKER in context.get("body", ""):
        app.add_js_file("nkbook-exercises.js", defer="defer")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _stage_vendor)
    app.connect("config-inited", _invalidate_stale_cache)
    app.connect("env-get-outdated", _reread_notebooks)
    app.connect("html-page-context", _page_scripts)
    app.add_css_file("nkbook.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
