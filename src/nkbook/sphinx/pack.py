"""The instructor pack, built into the site at the end of every HTML build (:mod:`nkbook.pack`).

- In the background, from ``builder-inited`` on (:class:`nkbook.pack.PackJob`, a process of its own):
  the answer key, the worksheets and the LMS files (their PDFs printed by headless Chromium); a
  worksheet once its chapter's notebook is executed (``env-before-read-docs``, after the execution
  step) or, if the build executes it while reading, read (``env-updated``).
- At ``build-finished``, after the stylesheet step: the pack, waited for, becomes ``pack/`` in one
  move; then ``pack/site.zip``, the whole site for classrooms offline, made last so that it holds
  the finished pages and the pack (but not itself); both before the link check (:mod:`.whole_build`),
  which then holds every link to them.  A build that failed stops the pack and keeps nothing of it.
- ``{nkbook-pack}`` lists the pack's files as links, on the Downloads page and in the instructor
  guide (in the zip's copy of these pages, the zip's own entry says that the reader holds the copy);
  with ``nkbook_pack`` false (test books) it says that this build has no pack, and links nothing.

A pack that cannot be made (no Chromium, a chapter whose executed copy is missing) fails the build:
the site never links files that are not there.

Settings: ``nkbook_pack`` (build the pack; false by default, true in ``_config.yml``),
``nkbook_chromium`` (the browser that prints the PDFs).
Events: ``builder-inited`` (start the pack), ``env-before-read-docs`` and ``env-updated`` (the
notebooks may be read), ``build-finished`` (the pack, then the zip).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import pack

logger = logging.getLogger(__name__)

# What each LMS file is, by the end of its name (the first that fits).
LMS_KINDS = {
    "matching.xml": "Moodle XML, for a Moodle without the ordering question type (put-in-order as matching)",
    ".xml": "Moodle XML: the whole bank, with information for graders, the ordering type and tags",
    ".gift.txt": "Moodle GIFT: plain text (what GIFT can carry; see the guide)",
    ".zip": "IMS QTI 1.2 package: for Canvas, Blackboard and Brightspace",
}


def lms_files() -> list[str]:
    """The names of the LMS files the pack holds (known without writing them)."""
    from ..exercises.export import lms_names

    return sorted(lms_names())


def lms_kind(name: str) -> str:
    return next((what for suffix, what in LMS_KINDS.items() if name.endswith(suffix)), "A file for learning platforms")


def _link(text: str, href: str) -> nodes.reference:
    return nodes.reference("", text, refuri=href, internal=False)


def _para(*children: nodes.Node | str) -> nodes.paragraph:
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


class PackDirective(SphinxDirective):
    """``{nkbook-pack}``: the instructor pack's files, as links from this page."""

    def run(self) -> list[nodes.Node]:
        from ..toc import TOC_FILE, notebook_chapters
        from . import pages

        # Read again with the generated pages: when the table of contents or the book's inputs change.
        pages._record(self.env).add(self.env.docname)
        srcdir = Path(self.env.srcdir)
        self.env.note_dependency(str(srcdir / TOC_FILE))
        if not self.config.nkbook_pack:
            return [_para("This build of the book has no instructor pack.")]
        up = "../" * self.env.docname.count("/")
        base = f"{up}{pack.PACK}/"
        listing = nodes.bullet_list(classes=["nkbook-pack"])

        def item(*children):
            entry = nodes.list_item(classes=["nkbook-pack__item"])
            entry += _para(*children)
            listing.append(entry)

        item(
            nodes.strong(text="The answer key"),
            ": every question with its answer, explanation and source, in book order: ",
            _link("web page", f"{base}{pack.ANSWER_KEY}.html"),
            " or ",
            _link("PDF", f"{base}{pack.ANSWER_KEY}.pdf"),
            ".",
        )
        sheets = nodes.bullet_list()
        for chapter, title in notebook_chapters(srcdir):
            self.env.note_dependency(str(srcdir / "chapters" / f"{chapter}.ipynb"))
            entry = nodes.list_item()
            entry += _para(
                f"{title}: ",
                _link("PDF", f"{base}worksheets/{chapter}.pdf"),
                " or ",
                _link("page to print", f"{base}worksheets/{chapter}.html"),
            )
            sheets.append(entry)
        entry = nodes.list_item(classes=["nkbook-pack__item"])
        entry += _para(nodes.strong(text="Worksheets"), ", one per chapter, 2 to 4 A4 pages each:")
        entry += sheets
        listing.append(entry)
        files = nodes.bullet_list()
        for name in lms_files():
            line = nodes.list_item()
            line += _para(_link(name, f"{base}lms/{name}"), f": {lms_kind(name)}")
            files.append(line)
        entry = nodes.list_item(classes=["nkbook-pack__item"])
        entry += _para(nodes.strong(text="The LMS files"), ", to import into your learning platform for graded work:")
        entry += files
        listing.append(entry)
        # The zip's own copy of this page says this in other words, and links no zip (pack.zip_site).
        offer = nodes.inline(classes=[pack.ZIP_OFFER])
        offer += nodes.Text(" for a classroom without internet: ")
        offer += _link(pack.ZIP_NAME, f"{base}{pack.ZIP_NAME}")
        offer += nodes.Text(" (unzip it and open index.html; the copy holds everything here but the zip itself).")
        item(nodes.strong(text="The whole site"), offer)
        return [listing]


def _work(app: Sphinx) -> Path:
    return Path(app.outdir).parent / ".nkbook-pack"


def _makes_pack(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.config.nkbook_pack and not getattr(app, "nkbook_pack_kept", False)


# --- A rebuild with the same inputs keeps the pack, and the zip of the same site -----------------


def _stamp(app: Sphinx) -> Path:
    """What the pack and the zip in the site were made from, written once both are whole."""
    return _work(app) / "made-from.json"


def _inputs(app: Sphinx) -> str:
    """The fingerprint of what the pack is made from: the notebooks' inputs, the chapters, the table
    of contents and the settings (the executed notebooks follow from these)."""
    from . import stamps
    from .execution import inputs_fingerprint

    root = Path(app.srcdir)
    files = stamps.files_under(root, ["chapters"]) + [root / "_toc.yml", root / "_config.yml"]
    files = [f for f in files if f.is_file()]
    return stamps.fingerprint(files, root) + inputs_fingerprint(app) + str(app.config.nkbook_chromium)


def _site(app: Sphinx) -> str:
    """The fingerprint of the site the zip holds (every file but the pack, made from :func:`_inputs`)."""
    from . import stamps

    html = Path(app.outdir)
    files = [f for f in sorted(html.rglob("*")) if f.is_file() and f.relative_to(html).parts[0] != pack.PACK]
    return stamps.fingerprint(files, html)


def _made_from(app: Sphinx) -> dict:
    import json

    try:
        return json.loads(_stamp(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _keep_unchanged_pack(app: Sphinx) -> None:
    """Before the pack would be started: keep the site's pack if it was made from these very inputs and
    is all there (the stamp is removed before a pack is changed, and written once it is whole)."""
    app.nkbook_pack_kept = False
    if not (app.builder.format == "html" and app.config.nkbook_pack):
        return
    whole = all(f.is_file() for f in pack.expected_files(Path(app.srcdir), Path(app.outdir) / pack.PACK))
    app.nkbook_pack_kept = whole and _made_from(app).get("pack") == _inputs(app)


def _job(app: Sphinx) -> pack.PackJob:
    """This build's pack, started in the background if it is not yet (a second build of one app)."""
    job = getattr(app, "nkbook_pack_job", None)
    if job is None:
        from .charts import svg_cache
        from .execution import cache_path

        root = Path(app.srcdir)
        job = pack.PackJob(root, _work(app), Path(app.config.nkbook_chromium), cache_path(app), svg_cache(app))
        app.nkbook_pack_job = job.start()
    return job


def _start_pack(app: Sphinx) -> None:
    if _makes_pack(app):
        _job(app)


def _notebooks_executed(app: Sphinx, env, docnames) -> None:
    if _makes_pack(app):
        _job(app).notebooks_executed()


def _notebooks_read(app: Sphinx, env) -> list[str]:
    if _makes_pack(app):
        _job(app).notebooks_read()
    return []


def _build_pack(app: Sphinx, exception) -> None:
    if getattr(app, "nkbook_pack_kept", False) and exception is None:
        logger.info("nkbook: the instructor pack is kept: it was made from these very inputs")
        return
    if not _makes_pack(app):
        return
    if exception is not None:
        job = getattr(app, "nkbook_pack_job", None)
        if job is not None:
            job.cancel()
            del app.nkbook_pack_job
        return
    logger.info("nkbook: writing the instructor pack (answer key, worksheets, LMS files)")
    _stamp(app).unlink(missing_ok=True)  # from here until the zip is whole, the pack is not what it says
    job = _job(app)
    del app.nkbook_pack_job
    try:
        problems = job.finish(Path(app.outdir))
    except pack.PackError as error:
        raise ExtensionError(f"nkbook: the instructor pack could not be made: {error}") from error
    for problem in problems:  # a warning: the strict build (-W) fails on it
        logger.warning(f"nkbook: {problem}")
    sheets = sorted((Path(app.outdir) / pack.PACK / "worksheets").glob("*.pdf"))
    counts = ", ".join(f"{pdf.stem} {pack.page_count(pdf.read_bytes())}" for pdf in sheets)
    logger.info(f"nkbook: worksheets, pages on A4: {counts}")


def _zip_site(app: Sphinx, exception) -> None:
    import json

    if exception is not None or app.builder.format != "html" or not app.config.nkbook_pack:
        return
    site = _site(app)
    target = Path(app.outdir) / pack.PACK / pack.ZIP_NAME
    if getattr(app, "nkbook_pack_kept", False) and _made_from(app).get("site") == site and target.is_file():
        logger.info("nkbook: the whole site for offline use is kept: no page of it changed")
        return
    _stamp(app).unlink(missing_ok=True)
    target = pack.zip_site(Path(app.outdir), target)
    logger.info(f"nkbook: the whole site for offline use: {target.stat().st_size // 1024} KB")
    _stamp(app).parent.mkdir(parents=True, exist_ok=True)
    _stamp(app).write_text(json.dumps({"pack": _inputs(app), "site": site}), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_pack", False, "env", types=[bool])
    app.add_config_value("nkbook_chromium", "/usr/bin/chromium", "html", types=[str])
    app.add_directive("nkbook-pack", PackDirective)
    # Made in the background from the start (after execution's cache check), fed as the notebooks are
    # executed and read; joined after the stylesheet step (900).
    app.connect("builder-inited", _keep_unchanged_pack, priority=590)
    app.connect("builder-inited", _start_pack, priority=600)
    app.connect("env-before-read-docs", _notebooks_executed, priority=600)  # after execution's (500)
    app.connect("env-updated", _notebooks_read)
    app.connect("build-finished", _build_pack, priority=920)
    app.connect("build-finished", _zip_site, priority=940)  # the finished site; before the link check (950)
