"""A build is whole or it fails: never a stale or half-styled book behind "build succeeded".

Sphinx writes a page only when its source is newer than its output, and copies static files only
when it writes a page.  A build killed half-way (or a damaged ``_build``) would then be trusted by
every later build.  So:

1. **A page read again loses its old output before the new one is written.**  If the build dies
   while writing, the pages it did not reach are missing, not stale, and the next build writes them.
2. **A damaged output is written again.**  Before reading, every file the book serves from its own
   ``static/`` and vendor folder is compared with its source, and every page's links to ``_static``
   are checked; if anything is missing or differs, every page is written again, which also copies
   the static files again (the notebooks come from the execution cache, so this costs seconds).

Whether the inputs changed is the business of :mod:`.execution` and :mod:`.stamps`; the stylesheet
step (:mod:`.site_css`) checks its own output at the end of every build.

Events: ``env-get-outdated`` (damaged output), ``env-before-read-docs`` and ``env-updated`` (old
outputs of the pages read).
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

ASSET = re.compile(r"""(?:href|src)="((?:\.\./)*_static/[^"?#]+)""")


def _own_static_sources(app: Sphinx) -> list[tuple[Path, Path]]:
    """(source, served copy) of every file the book itself puts under ``_static``."""
    from .charts import staging_folder
    from .page_assets import STATIC

    static = Path(app.outdir) / "_static"
    pairs = []
    for folder in (STATIC, staging_folder(app)):
        pairs += [(p, static / p.relative_to(folder)) for p in sorted(folder.rglob("*")) if p.is_file()]
    return pairs


def damage(app: Sphinx) -> str | None:
    """What is wrong with the last build's output, or ``None`` when it is whole (or there is none yet)."""
    outdir = Path(app.outdir)
    pages = [p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts]
    if not pages:
        return None
    for source, served in _own_static_sources(app):
        if not served.is_file() or served.read_bytes() != source.read_bytes():
            return f"{served.relative_to(outdir)} is missing or differs from {source.name}"
    for page in pages:
        for link in ASSET.findall(page.read_text(encoding="utf-8")):
            if not (page.parent / link).resolve().is_file():
                return f"{page.relative_to(outdir)} links {link}, which is missing"
    return None


def _write_all_if_damaged(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    found = damage(app)
    if found is None:
        return []
    logger.info(f"nkbook: the last build's output is incomplete ({found}); writing every page again")
    return sorted(env.found_docs)


def _note_pages_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.nkbook_read_now = list(docnames)


def _drop_old_outputs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if app.builder.format == "html":
        for docname in getattr(env, "nkbook_read_now", []):
            Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)
    env.nkbook_read_now = []
    return []


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", _write_all_if_damaged)
    app.connect("env-before-read-docs", _note_pages_read, priority=400)  # before execution's, which runs long
    app.connect("env-updated", _drop_old_outputs)
