"""Pages generated from the book's files: the Sources page and the Downloads page.

- ``{nkbook-sources} articles`` lists the five articles (``seeds/sources.yml``);
  ``{nkbook-sources} context`` lists every context figure with its address and exact quote, grouped
  by the prefix of its ``figure_id`` as ``nkbook_context_groups`` (in ``_config.yml``) says, each
  anchored ``figure-<figure_id>``, its address named as a copy where it is one;
  ``{nkbook-sources} additions`` lists our own context rows;  ``{nkbook-sources} excerpts`` lists
  every excerpt the chapters quote (:mod:`nkbook.excerpts`), by source, with its full citation, in
  place of the articles' full texts, which stay their publishers'.  All ask :mod:`nkbook.sources`.
- ``{nkbook-downloads} notebooks|data|seeds`` links every notebook of the table of contents
  (:mod:`nkbook.toc`), every table of ``data/`` and the articles as Sphinx downloads.

Nothing is typed twice: the lists are made from the files.  A new table or a new chapter changes no
page's own text, so each directive records its page in the build environment, and those pages are
read again whenever the book's inputs or its table of contents changed since the last build.

Settings: ``nkbook_context_groups``.
Events: ``env-get-outdated`` (the recorded pages), ``env-purge-doc`` and ``env-merge-info`` (the record).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .. import datapackage, sources
from ..korean import is_korean
from ..toc import TOC_FILE, notebook_title, toc_files
from . import execution, stamps

OTHER_GROUP = {"key": "other", "heading": "Other context figures", "prefixes": []}


def context_group(figure_id: str, groups: list[dict]) -> str:
    """The group of a context figure: the first whose prefixes its ``figure_id`` has, else "other"
    (so that a new kind of row is still listed)."""
    for group in groups:
        if figure_id.startswith(tuple(group["prefixes"])):
            return group["key"]
    return OTHER_GROUP["key"]


def _record(env: BuildEnvironment) -> set[str]:
    return env.__dict__.setdefault("nkbook_generated_pages", set())


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
        _record(self.env).add(self.env.docname)
        kind = self.arguments[0]
        if kind == "articles":
            self.env.note_dependency(str(Path(self.env.srcdir) / "seeds" / "sources.yml"))
            listing = nodes.bullet_list(classes=["nkbook-sources"])
            for source in sorted(sources.sources().values(), key=lambda s: s.id):
                parts = [
                    _para(nodes.strong(text=source.citation())),
                    _para("File: ", nodes.literal(text=f"seeds/{source.file}")),
                ]
                if source.short_name:
                    parts.append(_para(f"In the chapters: {source.short_name}"))
                if source.note:
                    parts.append(_para("About our copy: ", " ".join(source.note.split())))
                listing += _item([f"source-{source.id}"], ["nkbook-source"], *parts)
            return [listing]
        if kind == "context":
            self.env.note_dependency(str(Path(self.env.srcdir) / "data" / "context_figures.csv"))
            groups = self.config.nkbook_context_groups
            grouped: dict[str, list[dict[str, str]]] = {}
            for figure_id, row in sources.context_figures().items():
                grouped.setdefault(context_group(figure_id, groups), []).append(row)
            out = []
            for group in (*groups, OTHER_GROUP):
                if not grouped.get(group["key"]):
                    continue
                section = nodes.section(ids=[f"context-{group['key']}"], names=[f"context-{group['key']}"])
                section += nodes.title(text=group["heading"])
                listing = nodes.bullet_list(classes=["nkbook-context-figures"])
                listing.extend(self._figure(row) for row in grouped[group["key"]])
                section += listing
                self.state.document.note_implicit_target(section, section)
                out.append(section)
            return out
        if kind == "additions":
            self.env.note_dependency(str(Path(self.env.srcdir) / "data" / "context_additions.csv"))
            listing = nodes.bullet_list(classes=["nkbook-context-figures"])
            for row in sources.context_additions().values():
                item = self._figure(row)
                item["ids"], item["classes"] = [f"addition-{row['figure_id']}"], ["nkbook-context-addition"]
                listing += item
            return [listing]
        if kind == "excerpts":
            return self._excerpts()
        raise self.error(
            f"nkbook-sources: unknown argument {kind!r} (use 'articles', 'context', 'additions' or 'excerpts')"
        )

    def _excerpts(self) -> list[nodes.Node]:
        from ..excerpts import book_excerpts

        srcdir = Path(self.env.srcdir)
        toc_path = getattr(self.config, "external_toc_path", None)
        for entry in toc_files(srcdir, toc_path):
            if (srcdir / f"{entry}.ipynb").is_file():
                self.env.note_dependency(str(srcdir / f"{entry}.ipynb"))
        by_source: dict[str, list] = {}
        for excerpt in book_excerpts(srcdir, toc_path):
            by_source.setdefault(excerpt.attribution, []).append(excerpt)
        listing = nodes.bullet_list(classes=["nkbook-excerpts"])
        for attribution, found in by_source.items():
            quotes = []
            for excerpt in found:
                quote = nodes.block_quote(classes=["nkbook-excerpt"])
                quote += _para(excerpt.quote)
                quote += _para(f"(quoted in the chapter {Path(excerpt.chapter).name})")
                quotes.append(quote)
            listing += _item([], ["nkbook-excerpt-source"], _para(nodes.strong(text=attribution)), *quotes)
        return [listing]

    @staticmethod
    def _figure(row: dict[str, str]) -> nodes.list_item:
        parts_of_what = []
        if row["value"].strip():
            unit = row["unit"].strip()
            parts_of_what.append(f"value as printed: {row['value'].strip()}" + (f" ({unit})" if unit else ""))
        if row["year"].strip():
            parts_of_what.append(f"refers to: {row['year'].strip()}")
        what = "; ".join(parts_of_what)
        head = _para(
            nodes.strong("", "", nodes.literal(text=row["figure_id"])),
            ": ",
            f"{what}. " if what else "",
            row["description"],
        )
        address = sources.served_address(row["source_address"])
        link = nodes.reference("", row["source_title"], refuri=address, internal=False)
        where = _para("Source: ", link, f" ({urlparse(address).hostname})")
        note = sources.address_note(row["figure_id"])
        if note:  # the address is a copy, not the publisher's own: say so
            kind = note["address_kind"]
            where += nodes.Text(
                f". Not the original publisher\u2019s address: {'an' if kind[0] in 'aeiou' else 'a'} "
                f"{kind}. {note['note']}"
            )
        quote = nodes.block_quote(classes=["nkbook-context-quote"])
        quote += _para(row["quote"])
        parts = [head, where]
        if is_korean(row["quote"]):
            quote["classes"].append("language-ko")  # docutils writes it as lang="ko"
            parts.append(_para("Quoted in Korean, as published (not translated):"))
        parts.append(quote)
        return _item([f"figure-{row['figure_id']}"], ["nkbook-context-figure"], *parts)


def download_files(srcdir: Path, kind: str, toc_path: str | None = None) -> list[tuple[str, str]]:
    """(path from the book's folder, what it is) of every file the downloads page offers."""
    if kind == "notebooks":
        return [
            (f"{f}.ipynb", notebook_title(srcdir / f"{f}.ipynb"))
            for f in toc_files(srcdir, toc_path)
            if (srcdir / f"{f}.ipynb").is_file()
        ]
    if kind == "data":
        described = {table.file: table.description for table in datapackage.tables().values()}
        tables = sorted(p.name for p in (srcdir / "data").glob("*.csv"))
        files = [(f"data/{name}", described.get(name, "A table of the book's data.")) for name in tables]
        extras = [
            ("data/README.md", "How the tables were made: where every row comes from, the cautions, every column."),
            (
                f"data/{datapackage.DESCRIPTOR}",
                "The declaration of every table (a Frictionless Data Package), checked whenever a table is loaded.",
            ),
        ]
        return files + [(f, what) for f, what in extras if (srcdir / f).is_file()]
    if kind == "seeds":
        # What each article prints, not the articles: their full texts remain their publishers'.
        what = "What each article prints: outlet, headline, date, translator, and notes on our copy."
        return [("seeds/sources.yml", what)] if (srcdir / "seeds" / "sources.yml").is_file() else []
    raise ValueError(f"nkbook-downloads: unknown argument {kind!r} (use 'notebooks', 'data' or 'seeds')")


class DownloadsDirective(SphinxDirective):
    """``{nkbook-downloads} notebooks|data|seeds``: download links, made from the files themselves."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        _record(self.env).add(self.env.docname)
        srcdir = Path(self.env.srcdir)
        toc_path = getattr(self.config, "external_toc_path", None)
        try:
            files = download_files(srcdir, self.arguments[0], toc_path)
        except ValueError as err:
            raise self.error(str(err)) from err
        self.env.note_dependency(str(srcdir / (toc_path or TOC_FILE)))
        listing = nodes.bullet_list(classes=["nkbook-downloads"])
        for rel, what in files:
            ref = addnodes.download_reference(
                "",
                "",
                refdoc=self.env.docname,
                refdomain="",
                reftype="download",
                refexplicit=True,
                refwarn=False,
                reftarget="/" + rel,
            )
            ref += nodes.literal(text=rel, classes=["xref", "download"])
            line = _para(what, ": ", ref) if self.arguments[0] == "notebooks" else _para(ref, ": ", what)
            listing += _item([], ["nkbook-download"], line)
        return [listing]


def _reread_generated_pages(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """The recorded pages, when the inputs or the table of contents changed since the last build
    (or a page was added or removed, which may change the table of contents' files)."""
    toc = Path(app.srcdir) / (getattr(app.config, "external_toc_path", None) or TOC_FILE)
    current = stamps.fingerprint([toc] if toc.is_file() else [], Path(app.srcdir)) + execution.inputs_fingerprint(app)
    if not stamps.changed(env, "generated-pages", current) and not added and not removed:
        return []
    return sorted(_record(env) & env.found_docs)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _record(env).discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _record(env).update(_record(other) & set(docnames))


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_context_groups", [], "env", types=[list])
    app.add_directive("nkbook-sources", SourcesDirective)
    app.add_directive("nkbook-downloads", DownloadsDirective)
    app.connect("env-get-outdated", _reread_generated_pages)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
