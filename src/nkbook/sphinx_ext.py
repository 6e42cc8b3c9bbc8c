"""Sphinx glue that keeps the book working offline and free of third-party requests.

1. **Chart outputs.** Notebooks carry each chart as a Vega-Lite spec under Jupyter's Vega-Lite MIME
   type (see :mod:`nkbook.charts`).  :class:`ChartMimeRenderer`, registered with myst-nb through the
   ``myst_nb.mime_renderers`` entry point, turns that output into a ``<figure>`` holding the spec as
   JSON; ``static/nkbook-charts.js`` draws it with Vega-Embed in the browser.
2. **Scripts from the book's own ``_static``.** Vega, Vega-Lite and Vega-Embed are copied at build
   time from ``node_modules`` (installed from the pinned ``package.json``) into ``_static/vendor``;
   only pages that hold a chart name them, and ``nkbook-charts.js`` fetches them when the reader
   nears a chart.  Nothing is fetched from a CDN.
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
7. **Pages generated from the data.**  ``{nkbook-sources} articles`` and ``{nkbook-sources} context``
   list the five articles (``seeds/sources.yml``) and every row of ``data/context_figures.csv`` with
   its address and exact quote, grouped by the prefix of its ``figure_id``; each context figure is
   anchored ``figure-<figure_id>``.  ``{nkbook-downloads} notebooks|data|seeds`` links every notebook
   of the table of contents, every table of ``data/`` and the articles as Sphinx downloads.  Nothing
   is typed twice: the pages are rebuilt from the files.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import re
import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript  # Sphinx's own type for script_files
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import paths, site_css
from .outputs import VEGALITE_MIME, for_book

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

# (file in node_modules, name under _static/vendor)
logger = logging.getLogger(__name__)

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
        return [nodes.raw("", chart_html(for_book(spec)), format="html")]


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


def _execute_one(path: str, timeout: int, allow_errors: bool) -> tuple[str, str | None, float, str | None]:
    """Execute one notebook in its own folder (in a worker process); return it as JSON text."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = nbformat.read(path, as_version=4)
    result = single_nb_execution(notebook, cwd=str(Path(path).parent), timeout=timeout, allow_errors=allow_errors)
    if result.err is not None:
        return path, None, result.time, result.exc_string
    return path, nbformat.writes(notebook), result.time, None


def _execute_outdated_in_parallel(app: Sphinx, env, docnames: list[str]) -> None:
    """Execute the notebooks about to be read that the cache lacks, side by side, into the cache.

    myst-nb executes notebooks one after another as it reads them; a kernel spends most of its
    time starting and importing, which runs well in parallel. What is executed here is stored in the
    same jupyter-cache, keyed by the notebook's code, so myst-nb then finds it there. A notebook
    that fails here is left to myst-nb, which executes it again and reports the error as usual.
    """
    if app.config.nb_execution_mode != "cache":
        return
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache_path = app.config.nb_execution_cache_path or str(Path(app.outdir).parent / ".jupyter_cache")
    cache = get_cache(cache_path)
    todo = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix != ".ipynb":
            continue
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            todo.append(str(path))
    workers = min(len(todo), os.cpu_count() or 1)
    if workers < 2:
        return
    logger.info(f"nkbook: executing {len(todo)} notebooks, {workers} at a time")
    timeout, allow_errors = app.config.nb_execution_timeout, app.config.nb_execution_allow_errors
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_execute_one, path, timeout, allow_errors) for path in todo]
        for future in concurrent.futures.as_completed(futures):
            path, text, seconds, error = future.result()
            if text is None:
                logger.info(f"nkbook: {path} failed in parallel execution; myst-nb will run it again")
                continue
            record = cache.add_nb_to_project(path)
            cache.cache_notebook_bundle(
                CacheBundleIn(nbformat.reads(text, as_version=4), record.uri, data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True,
            )


def _thebe_enabled(app: Sphinx) -> bool:
    options = getattr(app.config, "html_theme_options", {}) or {}
    return bool((options.get("launch_buttons") or {}).get("thebe", False))


def _is_thebe_script(js) -> bool:
    body = getattr(js, "attributes", {}).get("body", "") or ""
    return "THEBE_JS_URL" in body or str(getattr(js, "filename", js)).endswith("sphinx-thebe.js")


WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"


def _attributes(js) -> dict:
    attributes = getattr(js, "attributes", None)
    return attributes if isinstance(attributes, dict) else {}


def _search_scripts_in_head(app: Sphinx, pagename: str) -> bool:
    """Whether the page's template loads Sphinx's search scripts as it is parsed (see templates/layout.html)."""
    options = getattr(app.config, "html_theme_options", {}) or {}
    return pagename == "search" or str(options.get("search_as_you_type", False)).lower() == "true"


def _page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Add the chart scripts (deferred, in order) only to pages that hold a chart; likewise for exercises."""
    scripts = context.get("script_files", [])
    if not _thebe_enabled(app):
        scripts[:] = [js for js in scripts if not _is_thebe_script(js)]  # in place: Sphinx restores it per page
    # The executed widgets' state is of no use without a kernel (exercises answer through their HTML
    # form) and was most of a chapter page's weight: leave it out of the page.
    scripts[:] = [js for js in scripts if _attributes(js).get("type") != WIDGET_STATE_MIME]
    # Theme scripts need not block the first paint: defer every script file, keeping their order.
    # documentation_options.js stays as it is (inline scripts of the page assign to what it defines), and
    # so does doctools.js where Sphinx's search scripts, written by the template, call it as they load.
    keep = ("documentation_options", "doctools") if _search_scripts_in_head(app, pagename) else ("documentation_options",)
    for i, js in enumerate(scripts):
        attributes = _attributes(js)
        name = str(getattr(js, "filename", js) or "")
        if name and not any(k in name for k in keep) and "async" not in attributes and "defer" not in attributes \
                and attributes.get("type", "text/javascript") == "text/javascript":
            # A deferred copy: the entry itself is shared by every page, and not every page defers the same.
            scripts[i] = _JavaScript(js.filename, priority=js.priority, **attributes, defer="defer")
    if CHART_MARKER in context.get("body", ""):
        # The chart scripts are named, not loaded: nkbook-charts.js fetches them when a chart nears the screen.
        vendor = " ".join(f"vendor/{name}" for _, name in VENDOR_SCRIPTS)
        app.add_js_file("nkbook-charts.js", defer="defer", **{"data-vendor": vendor})
    if EXERCISE_MARKER in context.get("body", ""):
        app.add_js_file("nkbook-exercises.js", defer="defer")


# --- Pages generated from the data: the sources page and the downloads page -------------------------

# (group, heading, figure_id prefixes) of the context figures; a figure goes to the first group whose
# prefix it has, and to OTHER_GROUP if none (so that a new kind of row is still listed).
CONTEXT_GROUPS = (
    ("arrivals", "Arrivals of North Koreans in South Korea", ("arr_", "cum_", "agg_")),
    ("repatriation", "Forced repatriation and detention: reported figures", ("repat_", "detained_")),
    ("legal", "Legal texts, official positions and findings",
     ("rc1951_", "china_", "border_protocol_", "cel_", "coi_", "crc_", "hrw_")),
    ("estimates", "Published estimates of North Koreans in China", ("est_",)),
)
OTHER_GROUP = ("other", "Other context figures", ())


# A run of Korean: Hangul with the spaces, digits and punctuation between its words.
_HANGUL_CHARS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
HANGUL = re.compile(f"[{_HANGUL_CHARS}]")
KOREAN_RUN = re.compile(f"[{_HANGUL_CHARS}](?:[{_HANGUL_CHARS}\\d\\s,.·'\"()]*[{_HANGUL_CHARS}\\d])?")


def context_group(figure_id: str) -> str:
    """The group of a context figure, from the prefix of its ``figure_id``."""
    for key, _, prefixes in CONTEXT_GROUPS:
        if figure_id.startswith(prefixes):
            return key
    return OTHER_GROUP[0]


def is_korean(text: str) -> bool:
    return bool(HANGUL.search(text))


LETTER = re.compile(r"[^\W\d_]")
NOT_PROSE = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.FixedTextElement)


def mark_korean(doctree: nodes.Node) -> int:
    """Give Korean text its language, so that screen readers read it as Korean (WCAG 3.1.2).

    docutils writes a ``language-xx`` class as ``lang="xx"``.  A paragraph mostly in Hangul gets the
    class itself; elsewhere each run of Korean is wrapped in an inline element that has it.  Returns
    the number of elements marked.
    """
    marked = 0
    for para in list(doctree.findall(nodes.paragraph)):
        if not is_korean(para.astext()):
            continue
        letters = LETTER.findall(para.astext())
        if sum(1 for c in letters if HANGUL.match(c)) > len(letters) / 2:
            para["classes"].append("language-ko")
            marked += 1
            continue
        for text in list(para.findall(nodes.Text)):
            if isinstance(text.parent, NOT_PROSE) or not is_korean(text.astext()):
                continue
            pieces, last, value = [], 0, text.astext()
            for run in KOREAN_RUN.finditer(value):
                if run.start() > last:
                    pieces.append(nodes.Text(value[last:run.start()]))
                pieces.append(nodes.inline(run.group(0), run.group(0), classes=["language-ko"]))
                last = run.end()
                marked += 1
            if last < len(value):
                pieces.append(nodes.Text(value[last:]))
            text.parent.replace(text, pieces)
    return marked


def _mark_korean(app: Sphinx, doctree, docname) -> None:  # noqa: ARG001
    mark_korean(doctree)


def _para(*children: nodes.Node | str) -> nodes.paragraph:
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def _item(ids: list[str], classes: list[str], *children: nodes.Node) -> nodes.list_item:
    item = nodes.list_item(ids=ids, classes=classes)
    item["support_smartquotes"] = False  # quotes, titles and file names stay exactly as in the files
    item.extend(children)
    return item


class SourcesDirective(SphinxDirective):
    """``{nkbook-sources} articles``: the five articles; ``{nkbook-sources} context``: every context figure."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from . import sources

        kind = self.arguments[0]
        if kind == "articles":
            self.env.note_dependency(str(paths.seeds_dir() / "sources.yml"))
            listing = nodes.bullet_list(classes=["nkbook-sources"])
            for source in sorted(sources.sources().values(), key=lambda s: s.id):
                parts = [_para(nodes.strong(text=source.citation())),
                         _para("File: ", nodes.literal(text=f"seeds/{source.file}"))]
                if source.short_name:
                    parts.append(_para(f"In the chapters: {source.short_name}"))
                if source.note:
                    parts.append(_para("About our copy: ", " ".join(source.note.split())))
                listing += _item([f"source-{source.id}"], ["nkbook-source"], *parts)
            return [listing]
        if kind == "context":
            self.env.note_dependency(str(paths.data_dir() / "context_figures.csv"))
            grouped: dict[str, list[dict[str, str]]] = {}
            for figure_id, row in sources.context_figures().items():
                grouped.setdefault(context_group(figure_id), []).append(row)
            out = []
            for key, heading, _ in (*CONTEXT_GROUPS, OTHER_GROUP):
                if not grouped.get(key):
                    continue
                section = nodes.section(ids=[f"context-{key}"], names=[f"context-{key}"])
                section += nodes.title(text=heading)
                listing = nodes.bullet_list(classes=["nkbook-context-figures"])
                listing.extend(self._figure(row) for row in grouped[key])
                section += listing
                self.state.document.note_implicit_target(section, section)
                out.append(section)
            return out
        if kind == "additions":
            self.env.note_dependency(str(paths.data_dir() / "context_additions.csv"))
            listing = nodes.bullet_list(classes=["nkbook-context-figures"])
            for row in sources.context_additions().values():
                item = self._figure(row)
                item["ids"], item["classes"] = [f"addition-{row['figure_id']}"], ["nkbook-context-addition"]
                listing += item
            return [listing]
        raise self.error(f"nkbook-sources: unknown argument {kind!r} (use 'articles', 'context' or 'additions')")

    @staticmethod
    def _figure(row: dict[str, str]) -> nodes.list_item:
        from urllib.parse import urlparse

        from . import sources

        parts_of_what = []
        if row["value"].strip():
            unit = row["unit"].strip()
            parts_of_what.append(f"value as printed: {row['value'].strip()}" + (f" ({unit})" if unit else ""))
        if row["year"].strip():
            parts_of_what.append(f"refers to: {row['year'].strip()}")
        what = "; ".join(parts_of_what)
        head = _para(nodes.strong("", "", nodes.literal(text=row["figure_id"])), ": ",
                     f"{what}. " if what else "", row["description"])
        address = row["source_address"].strip()
        link = nodes.reference("", row["source_title"], refuri=address, internal=False)
        where = _para("Source: ", link, f" ({urlparse(address).hostname})")
        note = sources.address_note(row["figure_id"])
        if note:  # the address is a copy, not the publisher's own: say so
            kind = note["address_kind"]
            where += nodes.Text(f". Not the original publisher\u2019s address: {'an' if kind[0] in 'aeiou' else 'a'} {kind}. "
                                f"{note['note']}")
        quote = nodes.block_quote(classes=["nkbook-context-quote"])
        quote += _para(row["quote"])
        parts = [head, where]
        if is_korean(row["quote"]):
            quote["classes"].append("language-ko")  # docutils writes it as lang="ko"
            parts.append(_para("Quoted in Korean, as published (not translated):"))
        parts.append(quote)
        return _item([f"figure-{row['figure_id']}"], ["nkbook-context-figure"], *parts)


def toc_files(srcdir: Path, toc_path: str | None = None) -> list[str]:
    """Every ``file`` of the table of contents, root first, in reading order."""
    import yaml

    toc_file = Path(toc_path or "_toc.yml")
    toc = yaml.safe_load((toc_file if toc_file.is_absolute() else srcdir / toc_file).read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("chapters"))
            walk(entry.get("sections"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    walk(toc.get("sections"))
    return [str(Path(f).with_suffix("")) if f.endswith((".md", ".ipynb")) else f for f in found]


def notebook_title(path: Path) -> str:
    for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def download_files(srcdir: Path, kind: str, toc_path: str | None = None) -> list[tuple[str, str]]:
    """(path from the book's folder, what it is) of every file the downloads page offers."""
    from . import sources
    from .data import schemas

    if kind == "notebooks":
        return [(f"{f}.ipynb", notebook_title(srcdir / f"{f}.ipynb"))
                for f in toc_files(srcdir, toc_path) if (srcdir / f"{f}.ipynb").is_file()]
    if kind == "data":
        described = {schema.file: schema.description for schema in schemas().values()}
        tables = sorted(p.name for p in (srcdir / "data").glob("*.csv"))
        files = [(f"data/{name}", described.get(name, "A table of the book's data.")) for name in tables]
        extras = [("data/README.md", "How the tables were made: where every row comes from, the cautions, every column."),
                  ("data/schema.yml", "The declared schema every table is checked against when it is loaded.")]
        return files + [(f, what) for f, what in extras if (srcdir / f).is_file()]
    if kind == "seeds":
        known = sources.sources()
        files = [(f"seeds/{name}", known[name].citation()) for name in sorted(known) if (srcdir / "seeds" / name).is_file()]
        extras = [("seeds/sources.yml", "What each article prints: outlet, headline, date, translator, and notes on our copy."),
                  ("seeds/SHA256SUMS", "Checksums of the five articles.")]
        return files + [(f, what) for f, what in extras if (srcdir / f).is_file()]
    raise ValueError(f"nkbook-downloads: unknown argument {kind!r} (use 'notebooks', 'data' or 'seeds')")


class DownloadsDirective(SphinxDirective):
    """``{nkbook-downloads} notebooks|data|seeds``: download links, made from the files themselves."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        toc_path = getattr(self.config, "external_toc_path", None)
        try:
            files = download_files(srcdir, self.arguments[0], toc_path)
        except ValueError as err:
            raise self.error(str(err)) from err
        self.env.note_dependency(str(srcdir / (toc_path or "_toc.yml")))
        listing = nodes.bullet_list(classes=["nkbook-downloads"])
        for rel, what in files:
            ref = addnodes.download_reference("", "", refdoc=self.env.docname, refdomain="", reftype="download",
                                              refexplicit=True, refwarn=False, reftarget="/" + rel)
            ref += nodes.literal(text=rel, classes=["xref", "download"])
            line = _para(what, ": ", ref) if self.arguments[0] == "notebooks" else _para(ref, ": ", what)
            listing += _item([], ["nkbook-download"], line)
        return [listing]


def _reread_generated_pages(app: Sphinx, env, added, changed, removed) -> list[str]:  # noqa: ARG001
    """Pages made by these directives list files (a new table, a new chapter) whose arrival changes no
    page: read them again when the data, the seeds, the package or the table of contents changed."""
    stamp = Path(app.outdir).parent / ".nkbook-generated"
    toc = Path(app.srcdir) / "_toc.yml"
    current = hashlib.sha256((inputs_fingerprint(Path(app.srcdir))
                              + (toc.read_text(encoding="utf-8") if toc.is_file() else "")).encode()).hexdigest()
    if stamp.is_file() and stamp.read_text() == current and not added and not removed:
        return []
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
    generated = re.compile(r"\{nkbook-(?:sources|downloads)\}")
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".md")
            and generated.search(Path(env.doc2path(doc)).read_text(encoding="utf-8"))]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _stage_vendor)
    app.connect("config-inited", _invalidate_stale_cache)
    app.connect("env-get-outdated", _reread_notebooks)
    app.connect("html-page-context", _page_scripts, priority=900)  # after myst-nb adds its scripts
    app.add_css_file("nkbook.css")
    app.add_directive("nkbook-sources", SourcesDirective)
    app.add_directive("nkbook-downloads", DownloadsDirective)
    app.connect("env-get-outdated", _reread_generated_pages)
    app.connect("env-before-read-docs", _execute_outdated_in_parallel)
    app.connect("doctree-resolved", _mark_korean)
    site_css.setup(app)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
