"""The book's Sphinx glue, one module a feature; this file only wires them (``extra_extensions:
nkbook.sphinx`` in ``_config.yml``).

- :mod:`.page_assets`  the book's static files and templates; no CDN, no Thebe, deferred scripts
- :mod:`.charts`       Vega-Lite outputs drawn as figures; the Vega scripts from ``_static/vendor``
- :mod:`.exercises`    the HTML form of a question in the book, and the script that checks it
- :mod:`.execution`    notebooks run again when a shared input changed, and side by side
- :mod:`.pages`        the Sources and Downloads pages, generated from the files
- :mod:`.language`     Korean text marked ``lang="ko"``
- :mod:`.footer`       the licences and the version in every page's footer
- :mod:`.site_css`     after the build: one purged stylesheet and cut icon fonts for every page
- :mod:`.pack`         the instructor pack (answer key, worksheets, LMS files), made in the background
                       from the start of the build, then the site as a zip, under ``pack/``; and
                       ``{nkbook-pack}``, which links it
- :mod:`.whole_build`  a killed or damaged build is written again, never trusted
- :mod:`.stamps`       "changed since the last successful build?", for the modules above

Order of events in a build, and who listens:
``config-inited`` (page_assets, charts, exercises) -> ``builder-inited`` (execution, then pack starts) ->
``env-get-outdated`` (execution, pages, whole_build) -> ``env-before-read-docs`` (whole_build,
execution, then pack) -> reading, with the directives of pages -> ``env-updated`` (whole_build, pack) ->
``doctree-resolved`` (language) -> ``html-page-context`` (page_assets, then
charts and exercises, then site_css) -> ``build-finished`` (site_css, then pack, then the zip of pack,
then the link check of whole_build).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import charts, execution, exercises, footer, language, pack, page_assets, pages, site_css, whole_build

__version__ = "0.2"


def setup(app: Sphinx) -> dict:
    from .. import paths

    # Inside Sphinx the book's folder is app.srcdir, for the package's readers of data/ and seeds/ too.
    paths.use_root(app.srcdir)
    for feature in (page_assets, charts, exercises, execution, pages, language, footer, whole_build, site_css, pack):
        feature.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
