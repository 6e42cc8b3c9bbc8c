"""One small stylesheet for every page of the book, so that a phone on a slow network paints it soon.

The theme links eleven stylesheets from every page, 560 KB in all, and every one of them blocks the
first paint; most of it (Bootstrap, every Font Awesome icon) styles nothing the book shows.  Its icon
font (156 KB) holds some two thousand icons, of which the book draws a handful.

So, at the end of an HTML build:

1. every page links one stylesheet, ``_static/nkbook-site.<hash>.css``, instead of the theme's list
   (``html-page-context`` records that list, in order, and links a placeholder);
2. ``site_css.mjs`` (node) joins the recorded stylesheets in order and removes, with PurgeCSS, every
   rule whose selector matches nothing in the built pages or in the scripts they load (a class that
   a script adds is named in that script, so it stays), then cuts each icon font to the icons still
   drawn (subset-font), written into the stylesheet: a font file of its own was a third request in
   a chain before the first paint;
3. every page's placeholder link is pointed at the new file, whose name changes with its content,
   so that no browser keeps a stale copy.

Step 2 runs only when a stylesheet, a page or a script changed (a fingerprint is kept beside the
build, in the one file stamp of the build, written after the bundle), so a rebuild with nothing
changed costs a hash of the output.  When no page was written, the stylesheets the last build
recorded are used to check that the bundle is there and linked.  ``tests/test_site_css.py`` checks
that every element of every page is styled exactly as the theme's full stylesheets style it.

Settings: ``nkbook_site_css`` (false: leave the theme's stylesheets as they are, as test books do).
Events: ``html-page-context`` (after every other extension's styles), ``build-finished``.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _CascadingStyleSheet  # Sphinx's own type for css_files
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .stamps import fingerprint

logger = logging.getLogger(__name__)

SCRIPT = Path(__file__).with_name("site_css.mjs")
PLACEHOLDER = "_static/nkbook-site.css"
# The theme's macro head_pre_assets linked these two before the others; our copy of the macro
# (templates/static/webpack-macros.html) links nothing, and they open the bundle instead.
THEME_STYLESHEETS = ("_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css")
LINK = re.compile(r'(href="(?:\.\./)*)_static/nkbook-site(?:\.[0-9a-f]{12})?\.css(?:\?v=[0-9a-f]+)?"')
STAMP = ".nkbook-site-css"


def _page_styles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Record the stylesheets the page would link, in order; link the placeholder instead."""
    if not app.config.nkbook_site_css:
        return
    if app.env.nkbook_stylesheets is None:
        app.env.nkbook_stylesheets = list(THEME_STYLESHEETS)
    recorded = app.env.nkbook_stylesheets
    for css in context.get("css_files", []):
        name = str(css.filename)
        if "://" in name:
            raise ExtensionError(f"nkbook: the page {pagename} links a stylesheet from elsewhere: {name}")
        if name not in recorded:
            recorded.append(name)
    context["css_files"] = [_CascadingStyleSheet(PLACEHOLDER)]


def _content_files(outdir: Path) -> list[Path]:
    """Every built page and every script under _static: what may name a class.  Not the instructor
    pack's pages (:mod:`.pack`), which carry their own styles, and which a first build makes after
    this step and a rebuild before it: read, they made the two builds' stylesheets differ."""
    from ..pack import PACK

    def page_of_the_book(path: Path) -> bool:
        parts = path.relative_to(outdir).parts
        return "_static" not in parts and parts[0] != PACK

    pages = [p for p in outdir.rglob("*.html") if page_of_the_book(p)]
    scripts = list((outdir / "_static").rglob("*.js"))
    return sorted(pages) + sorted(scripts)


def _fingerprint(stylesheets: list[Path], content: list[Path]) -> str:
    """The bundle's inputs: this step's script, the stylesheets, and every page (its link to the
    bundle left out, since the link changes with the bundle) and script."""

    def read(path: Path) -> bytes:
        data = path.read_bytes()
        return LINK.sub(r"\1", data.decode("utf-8")).encode("utf-8") if path.suffix == ".html" else data

    return fingerprint([SCRIPT, *stylesheets, *content], SCRIPT.parent, read)


def build_bundle(outdir: Path, stylesheets: list[str], node: str = "node") -> Path:
    """Write the purged bundle (if its inputs changed) and point every page at it; return its path."""
    static = outdir / "_static"
    sources = [outdir / name for name in stylesheets]
    missing = [str(p) for p in sources if not p.is_file()]
    if missing:
        raise ExtensionError(f"nkbook: stylesheets the pages link are missing from the build: {missing}")
    content = _content_files(outdir)
    current = _fingerprint(sources, content)
    stamp = outdir.parent / STAMP
    previous = json.loads(stamp.read_text()) if stamp.is_file() else {}
    bundle = static / previous.get("bundle", "-")
    if previous.get("fingerprint") != current or not bundle.is_file():
        bundle = _run_node(outdir, sources, content, node)
        stamp.write_text(json.dumps({"fingerprint": current, "bundle": bundle.name, "stylesheets": stylesheets}))
    for page in (p for p in content if p.suffix == ".html"):
        text = page.read_text(encoding="utf-8")
        linked = LINK.sub(lambda m: f'{m[1]}_static/{bundle.name}"', text)
        if linked != text:
            page.write_text(linked, encoding="utf-8")
    return bundle


def _run_node(outdir: Path, sources: list[Path], content: list[Path], node: str) -> Path:
    logger.info("nkbook: writing the book's stylesheet (PurgeCSS) and icon fonts (subset-font)")
    static = outdir / "_static"
    scratch = static / "nkbook-site.new.css"
    job = {
        "stylesheets": [str(p) for p in sources],
        "content": [str(p) for p in content],
        "bundle": str(scratch),
    }
    try:
        done = subprocess.run([node, str(SCRIPT)], input=json.dumps(job), capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise ExtensionError(
            "nkbook: node is needed to write the book's stylesheet; run 'make book', which installs what the book needs"
        ) from error
    if done.returncode != 0:
        raise ExtensionError(f"nkbook: writing the book's stylesheet failed:\n{done.stderr.strip()}")
    report = json.loads(done.stdout)
    digest = hashlib.sha256(scratch.read_bytes()).hexdigest()[:12]
    bundle = static / f"nkbook-site.{digest}.css"
    for old in static.glob("nkbook-site.*.css"):
        if old not in (bundle, scratch):
            old.unlink()
    scratch.replace(bundle)
    shutil.rmtree(static / "nkbook-fonts", ignore_errors=True)  # where builds before 2026-11-28 wrote the fonts
    fonts = ", ".join(f"{f['font']} {f['bytes_in'] // 1024} -> {f['bytes_out'] // 1024} KB" for f in report["fonts"])
    logger.info(
        f"nkbook: {len(sources)} stylesheets, {report['bytes_in'] // 1024} KB -> {bundle.name}, "
        f"{report['bytes_out'] // 1024} KB; icon fonts, in it: {fonts or 'none'}"
    )
    return bundle


def _build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.nkbook_site_css:
        return
    stylesheets = app.env.nkbook_stylesheets
    if stylesheets is None:  # no page was written: check the bundle the last build made
        stamp = Path(app.outdir).parent / STAMP
        stylesheets = json.loads(stamp.read_text()).get("stylesheets") if stamp.is_file() else None
    if stylesheets:
        build_bundle(Path(app.outdir), stylesheets)


def _reset(app: Sphinx) -> None:
    app.env.nkbook_stylesheets = None  # filled by the first page written in this build


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_site_css", True, "html", types=[bool])
    app.connect("builder-inited", _reset)
    app.connect("html-page-context", _page_styles, priority=950)  # after every other extension's styles
    app.connect("build-finished", _build_finished, priority=900)  # after the theme rewrites pygments.css
