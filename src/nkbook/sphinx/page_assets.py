"""What every page loads: the book's own static files and templates, nothing from a CDN, and no
script that blocks the first paint without need.

- ``static/`` (the book's stylesheet and scripts) and ``templates/`` (the theme's search button
  and colour-mode switch, overridden because axe-core flagged them) join the build.
- ``nb_ipywidgets_js`` is emptied: pages whose notebooks hold widget state would otherwise load
  require.js and the widget manager from CDNs.  The executed widgets' state itself is left out of
  the page: it is of no use without a kernel (exercises answer through their HTML form) and was
  most of a chapter page's weight.
- **No Thebe.**  Live code through Thebe would need a third-party server, so the book turns it off
  (``launch_buttons.thebe: false``); its page scripts (an inline block that sphinx-thebe registers
  twice, declaring ``THEBE_JS_URL`` twice, and ``sphinx-thebe.js``) are then dropped.
- Every theme script is deferred, in order, except ``documentation_options.js`` (inline scripts of
  the page assign to what it defines), and ``doctools.js`` where Sphinx's search scripts, written by
  the template, call it as they load (see ``templates/layout.html``).

A change to the book's templates or static files rewrites every page: their fingerprint is a setting
(``nkbook_assets_fingerprint``) whose change Sphinx's own build info records, since Sphinx would
otherwise go by file times, which a checkout or a copy does not keep in order.

Events: ``config-inited`` (paths and settings), ``html-page-context`` (the page's scripts; before
the charts and exercises add theirs).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript  # Sphinx's own type for script_files
from sphinx.config import Config

from . import stamps

PACKAGE = Path(__file__).resolve().parents[1]
STATIC = PACKAGE / "static"
TEMPLATES = PACKAGE / "templates"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"


def _own_files(app: Sphinx, config: Config) -> None:
    config.nkbook_assets_fingerprint = stamps.fingerprint(stamps.files_under(PACKAGE, ("templates", "static")), PACKAGE)
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    if "nb_ipywidgets_js" in config:
        config.nb_ipywidgets_js = {}


def _thebe_enabled(app: Sphinx) -> bool:
    options = getattr(app.config, "html_theme_options", {}) or {}
    return bool((options.get("launch_buttons") or {}).get("thebe", False))


def _is_thebe_script(js) -> bool:
    body = getattr(js, "attributes", {}).get("body", "") or ""
    return "THEBE_JS_URL" in body or str(getattr(js, "filename", js)).endswith("sphinx-thebe.js")


def _attributes(js) -> dict:
    attributes = getattr(js, "attributes", None)
    return attributes if isinstance(attributes, dict) else {}


def _search_scripts_in_head(app: Sphinx, pagename: str) -> bool:
    """Whether the page's template loads Sphinx's search scripts as it is parsed (see templates/layout.html)."""
    options = getattr(app.config, "html_theme_options", {}) or {}
    return pagename == "search" or str(options.get("search_as_you_type", False)).lower() == "true"


def _page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files", [])
    # In place: Sphinx restores the list for every page.
    if not _thebe_enabled(app):
        scripts[:] = [js for js in scripts if not _is_thebe_script(js)]
    scripts[:] = [js for js in scripts if _attributes(js).get("type") != WIDGET_STATE_MIME]
    keep = (
        ("documentation_options", "doctools") if _search_scripts_in_head(app, pagename) else ("documentation_options",)
    )
    for i, js in enumerate(scripts):
        attributes = _attributes(js)
        name = str(getattr(js, "filename", js) or "")
        if (
            name
            and not any(k in name for k in keep)
            and "async" not in attributes
            and "defer" not in attributes
            and attributes.get("type", "text/javascript") == "text/javascript"
        ):
            # A deferred copy: the entry itself is shared by every page, and not every page defers the same.
            scripts[i] = _JavaScript(js.filename, priority=js.priority, **attributes, defer="defer")


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_assets_fingerprint", "", "html", types=[str])
    app.add_css_file("nkbook.css")
    app.connect("config-inited", _own_files)
    app.connect("html-page-context", _page_scripts, priority=900)  # after myst-nb adds its scripts
