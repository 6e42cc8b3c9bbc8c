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
- **A script that acts on one kind of element is left out of a page without one**: the copy buttons
  (two files, for code blocks), the toggle buttons (for toggles and dropdown admonitions) and the
  sphinx-design tabs.  A chapter had all three and used none: four requests that, on a slow phone
  network, shared the bandwidth with the stylesheet the first paint waits for.  What an extension
  acts on is read from its own setting where it has one (``copybutton_selector``,
  ``togglebutton_selector``); a selector beyond classes, tags and descendants keeps the script.

A change to the book's templates or static files rewrites every page: their fingerprint is a setting
(``nkbook_assets_fingerprint``) whose change Sphinx's own build info records, since Sphinx would
otherwise go by file times, which a checkout or a copy does not keep in order.

Events: ``config-inited`` (paths and settings), ``html-page-context`` (the page's scripts; before
the charts and exercises add theirs).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript  # Sphinx's own type for script_files
from sphinx.config import Config

from . import stamps

PACKAGE = Path(__file__).resolve().parents[1]
STATIC = PACKAGE / "static"
TEMPLATES = PACKAGE / "templates"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"


class Targeted(NamedTuple):
    """Scripts that act only on some elements of a page."""

    files: tuple[str, ...]
    setting: str  # the extension's setting that holds the selector of those elements ("": none)
    selector: str  # what they act on whatever the setting says
    inline: tuple[str, ...] = ()  # the names their inline settings define, which go with them


ONLY_WHERE_USED = (
    Targeted(("clipboard.min.js", "copybutton.js"), "copybutton_selector", ""),
    Targeted(
        ("togglebutton.js",),
        "togglebutton_selector",
        ".toggle, .toggle-details",  # togglebutton.js also acts on the {toggle} directive's elements
        ("toggleHintShow", "toggleHintHide", "toggleOpenOnPrint", "togglebuttonSelector"),
    ),
    Targeted(("design-tabs.js",), "", ".sd-tab-set"),
)
CLASS_ATTRIBUTE = re.compile(r"""\bclass=(?:"([^"]*)"|'([^']*)')""")


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


def may_match(selector: str, classes: set[frozenset[str]]) -> bool:
    """Whether a page whose elements carry these sets of classes may hold an element the selector matches.

    False only when each comma-separated part of the selector names, in one of its compounds, classes
    that no element of the page carries together; a selector beyond tags, classes and descendants
    (``>``, ``[...]``, ``:...``) may always match."""
    if not re.fullmatch(r"[\w\s.,-]*", selector):
        return True
    for part in filter(str.strip, selector.split(",")):
        needs = [frozenset(re.findall(r"\.([\w-]+)", compound)) for compound in part.split()]
        if all(not need or any(need <= have for have in classes) for need in needs):
            return True
    return False


def _unused_scripts(app: Sphinx, body: str) -> tuple[set[str], set[str]]:
    """The script files and inline settings of ``ONLY_WHERE_USED`` that a page with this body does not use."""
    classes = {frozenset((a or b).split()) for a, b in CLASS_ATTRIBUTE.findall(body)}
    files, settings = set(), set()
    for scripts in ONLY_WHERE_USED:
        configured = str(app.config[scripts.setting]) if scripts.setting in app.config else ""
        if not may_match(", ".join(filter(None, (configured, scripts.selector))), classes):
            files.update(scripts.files)
            settings.update(scripts.inline)
    return files, settings


def _is_one_of(js, files: set[str], settings: set[str]) -> bool:
    name = str(getattr(js, "filename", js) or "")
    if name:
        return name.rsplit("/", 1)[-1] in files
    body = _attributes(js).get("body", "") or ""
    return any(re.search(rf"\b(?:let|var|const)\s+{setting}\b", body) for setting in settings)


def _page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files", [])
    # In place: Sphinx restores the list for every page.
    if not _thebe_enabled(app):
        scripts[:] = [js for js in scripts if not _is_thebe_script(js)]
    scripts[:] = [js for js in scripts if _attributes(js).get("type") != WIDGET_STATE_MIME]
    files, settings = _unused_scripts(app, context.get("body", ""))
    scripts[:] = [js for js in scripts if not _is_one_of(js, files, settings)]
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
