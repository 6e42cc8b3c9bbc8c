"""Every page's footer says under which licences the book may be reused, and which version it is
(``templates/extra-footer.html``, in place of the theme's).

The version is the package's (``pyproject.toml``, which ``CITATION.cff`` repeats and a test holds
equal); the licences are those of ``LICENSE``.

Settings: ``nkbook_about_page`` (the page the footer links to).  Events: ``html-page-context``.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .. import __version__


def _context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    context["nkbook_version"] = __version__
    context["nkbook_about_page"] = app.config.nkbook_about_page


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_about_page", "chapters/about", "html", types=[str])
    app.connect("html-page-context", _context)
