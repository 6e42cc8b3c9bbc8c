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

3. **A page gone from the book is gone from the site.**  Sphinx forgets a page whose source was
   removed, but leaves its output (and its copy under ``_sources``): the old page stayed in the
   site, and in the offline zip, until ``make clean``.  Its outputs are removed with it.

4. **No broken link.**  At the end of the build every link between the book's pages (raw HTML ones
   included, which Sphinx does not check) must reach a file that exists and an anchor in it; each
   that does not is a warning, which the strict build (``-W``) turns into a failure.

Whether the inputs changed is the business of :mod:`.execution` and :mod:`.stamps`; the stylesheet
step (:mod:`.site_css`) checks its own output at the end of every build.

Events: ``env-get-outdated`` (damaged output, removed pages), ``env-before-read-docs`` and ``env-updated`` (old
outputs of the pages read), ``build-finished`` (links, after the stylesheet step).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

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


def _drop_outputs_of_removed_pages(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    if app.builder.format != "html" or not removed:
        return []
    outdir = Path(app.outdir)
    sources = outdir / "_sources"
    link_suffix = app.config.html_sourcelink_suffix or ""
    for docname in sorted(removed):
        page = Path(app.builder.get_outfilename(docname))
        copies = [
            sources / f"{docname}{suffix}{end}" for suffix in app.config.source_suffix for end in {"", link_suffix}
        ]
        gone = [path for path in (page, *copies) if path.is_file()]
        for path in gone:
            path.unlink()
        if gone:
            names = ", ".join(str(path.relative_to(outdir)) for path in gone)
            logger.info(f"nkbook: {docname} is no longer in the book; removed {names}")
    return []


def _note_pages_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.nkbook_read_now = list(docnames)


def _drop_old_outputs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if app.builder.format == "html":
        for docname in getattr(env, "nkbook_read_now", []):
            Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)
    env.nkbook_read_now = []
    return []


# Every link (href/src of a, link, script, img) and every anchor (id, and the name of an a) of a page.
_LINKS = "//a/@href|//a/@src|//link/@href|//link/@src|//script/@href|//script/@src|//img/@href|//img/@src"
_ANCHORS = "//@id|//a/@name"


def broken_links(outdir: Path) -> list[tuple[str, str]]:
    """(page, link) of every link between the built pages that reaches no file, or no anchor in it.
    The pages are parsed by lxml (libxml2's HTML parser: a twelfth of the time of Python's own)."""
    import lxml.html

    outdir = Path(outdir).resolve()
    pages = sorted(p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts)
    parsed = {}
    for page in pages:
        tree = lxml.html.document_fromstring(page.read_bytes())
        parsed[page] = ([str(link) for link in tree.xpath(_LINKS)], {str(a) for a in tree.xpath(_ANCHORS)})
    broken = []
    for page, (links, _) in parsed.items():
        for link in links:
            url = urlparse(link)
            if url.scheme or link.startswith("//"):
                continue  # another site, or data:, mailto:, javascript:
            target, anchor = urldefrag(link)
            path = (page.parent / unquote(target.split("?")[0])).resolve() if target else page
            if path.is_dir():
                path = path / "index.html"
            anchors = parsed[path][1] if path in parsed else set()
            if not path.is_file() or (anchor and path.suffix == ".html" and anchor not in anchors):
                broken.append((str(page.relative_to(outdir)), link))
    return broken


def _check_links(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page, link in broken_links(Path(app.outdir)):
        logger.warning(f"nkbook: {page} links {link}, which leads nowhere in the book")


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", _write_all_if_damaged)
    app.connect("env-get-outdated", _drop_outputs_of_removed_pages)
    app.connect("env-before-read-docs", _note_pages_read, priority=400)  # before execution's, which runs long
    app.connect("env-updated", _drop_old_outputs)
    app.connect("build-finished", _check_links, priority=950)  # after the stylesheet step relinks pages
