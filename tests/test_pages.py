"""The book's reference pages: sources, downloads and the instructor guide.

The sources and downloads pages are generated at build time by the directives of
``nkbook.sphinx.pages`` (``nkbook-sources``, ``nkbook-downloads``). These tests read the built HTML
and hold it against the files: every article and every context figure cited (count equals rows),
every external link well formed and cited on the sources page (the links cannot be fetched here: the
tests run offline), every notebook and table downloadable and the copies whole, and the instructor
answer key linked from nowhere in the student book.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from nkbook import paths
from nkbook.data import load
from nkbook.sources import address_note, context_additions, context_figures, served_address, sources
from nkbook.sphinx.language import is_korean
from nkbook.sphinx.pages import OTHER_GROUP
from nkbook.sphinx.pages import context_group as group_of
from nkbook.toc import toc_files

# The groups of the Sources page, as the book's configuration declares them.
CONTEXT_GROUPS = yaml.safe_load((paths.root() / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"][
    "nkbook_context_groups"
]


def context_group(figure_id: str) -> str:
    return group_of(figure_id, CONTEXT_GROUPS)


CHAPTERS = ["survey-hopes", "arrested", "watched", "never-refugees", "sold-and-stateless", "bigger-picture", "timeline"]
PAGES = ["chapters/sources", "chapters/downloads", "chapters/instructor-guide"]
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


def words(text: str) -> str:
    return " ".join(text.split())


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*.html") if "_static" not in p.relative_to(html).parts)


def is_external(href: str) -> bool:
    scheme = urlparse(href).scheme
    return href.startswith("//") or (scheme != "" and scheme not in ("data", "javascript"))


def well_formed(href: str) -> bool:
    """An absolute http(s) address with a dotted host and no whitespace."""
    url = urlparse(href)
    return (
        url.scheme in ("http", "https")
        and not re.search(r"\s", href)
        and bool(url.hostname)
        and bool(HOST.match(url.hostname))
        and href.startswith(url.scheme + "://")
    )


# --- Without a build: the grouping, the addresses, the instructor guide's text ------------------------


def test_every_context_figure_falls_in_a_named_group():
    figures = context_figures()
    assert figures
    assert [fid for fid in figures if context_group(fid) == OTHER_GROUP["key"]] == []
    # the groups the brief names, from the figure_id prefix
    assert context_group("arr_1998") == "arrivals" and context_group("cum_end2024") == "arrivals"
    assert context_group("agg_1999_2001") == "arrivals"
    assert context_group("repat_2023_10_un") == "repatriation" and context_group("detained_pre2023") == "repatriation"
    assert context_group("rc1951_art33") == "legal" and context_group("border_protocol_1986") == "legal"
    assert context_group("est_children_hrw2008") == "estimates"
    assert context_group("something_new") == OTHER_GROUP["key"]
    assert len({group["key"] for group in CONTEXT_GROUPS}) == len(CONTEXT_GROUPS)


def test_link_check_tells_good_addresses_from_bad():
    assert well_formed("https://www.hrw.org/report/2002/11/19/invisible-exodus")
    assert well_formed("http://en.npc.gov.cn.cdurl.cn/2023-04/27/c_882140.htm")
    for bad in (
        "ftp://example.org/x",
        "https://localhost/x",
        "https://www.hrw.org/a b",
        "www.hrw.org/x",
        "https:/www.hrw.org",
        "https://",
        "mailto:someone@example.org",
    ):
        assert not well_formed(bad), bad


def test_every_context_address_is_well_formed():
    bad = {
        fid: row["source_address"] for fid, row in context_figures().items() if not well_formed(row["source_address"])
    }
    assert bad == {}


def guide_text() -> str:
    path = paths.chapters_dir() / "instructor-guide.md"
    assert path.is_file(), "chapters/instructor-guide.md is missing"
    return path.read_text(encoding="utf-8")


def guide_sections() -> dict[str, str]:
    """The guide's chapter sections, by the notebook stem named in their heading."""
    out = {}
    for block in re.split(r"^(?=### )", guide_text(), flags=re.M):
        found = re.match(r"### .+\n\nChapter: \{doc\}`([\w-]+)` \(notebook `chapters/\1\.ipynb`\)\.", block)
        if found:
            out[found.group(1)] = block
    return out


def test_instructor_guide_plans_every_chapter():
    sections = guide_sections()
    notebooks = sorted(p.stem for p in paths.chapters_dir().glob("*.ipynb"))
    assert set(CHAPTERS) | set(notebooks) <= set(sections), "every chapter needs a plan in the guide"
    for stem, text in sections.items():
        minutes = [int(m) for m in re.findall(r"^\| (\d+) min \|", text, re.M)]
        assert len(minutes) >= 5 and sum(minutes) == 50, f"{stem}: the timed steps add up to {sum(minutes)} minutes"
        prose = words(text)
        assert "**Discussion prompts**" in prose and prose.count("Facilitation:") >= 2, stem
        assert "**Care in the room.**" in prose and "Alternative task" in prose, stem
        assert "**Ages 15-18.**" in prose and "**University.**" in prose, stem


def test_instructor_guide_covers_the_room_and_the_exports():
    text = words(guide_text())
    for part in (
        "classroom agreement",
        "No one is asked to share personal experience",
        "Opting out",
        "safeguarding",
        "does not name specific services",
        "make answer-key",
        "_build/instructor/",
        "make lms",
        "_build/lms/",
        "GIFT",
    ):
        assert part in text, part
    assert "http" not in text, "the guide names no service or site it cannot verify"


def test_every_number_in_the_instructor_guide_comes_from_data():
    from test_chapters import known_numbers, numbers_in

    text = re.sub(r"\b\d+ min\b", "", guide_text())  # the lesson plans' minutes
    text = re.sub(r"\b(?:ages|aged) 15-18\b", "", text, flags=re.I)
    text = re.sub(r"\*\*Ages 15-18\.\*\*", "", text)
    unknown = numbers_in(text) - known_numbers()
    assert unknown == set(), f"numbers in the instructor guide that no data row holds: {sorted(unknown)}"


# --- The built book ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def html(built_book) -> Path:
    html = built_book["html"]
    listed = toc_files()
    for page in PAGES:
        assert page in listed, f"{page} is not in _toc.yml"
        assert (html / f"{page}.html").is_file(), f"{page}.html was not built"
    return html


@pytest.mark.book
def test_sources_page_cites_every_article(html):
    page = soup(html / "chapters/sources.html")
    known = sources()
    assert len(known) == len(list(paths.seeds_dir().glob("*.txt")))
    assert len(page.select("li.nkbook-source")) == len(known)
    for source in known.values():
        item = page.find(id=f"source-{source.id}")
        assert item is not None and item.name == "li", source.id
        text = words(item.get_text())
        assert source.citation() in text
        assert f"seeds/{source.file}" in text
        assert words(source.note) in text


@pytest.mark.book
def test_sources_page_cites_every_context_figure_with_link_and_exact_quote(html):
    page = soup(html / "chapters/sources.html")
    rows = load("context_figures")
    assert len(page.select("li.nkbook-context-figure")) == len(rows)
    korean = 0
    for row in rows.itertuples():
        item = page.find(id=f"figure-{row.figure_id}")
        assert item is not None and item.name == "li", row.figure_id
        links = item.find_all("a", href=True)
        assert [a["href"] for a in links] == [served_address(row.source_address)], row.figure_id
        assert words(links[0].get_text()) == words(row.source_title)
        assert row.figure_id in item.get_text()
        quote = item.find("blockquote")
        assert words(quote.get_text()) == words(row.quote), row.figure_id
        in_korean = is_korean(row.quote)
        korean += in_korean
        assert (quote.get("lang") == "ko") == in_korean, row.figure_id
        assert ("Quoted in Korean, as published" in item.get_text()) == in_korean, row.figure_id
        assert item.find_parent("section")["id"] == f"context-{context_group(row.figure_id)}", row.figure_id
        note = address_note(row.figure_id)
        assert ("Not the original publisher" in item.get_text()) == bool(note), row.figure_id
    assert korean > 0, "the table holds Korean quotes: the check above must see some"
    for key, heading in ((g["key"], g["heading"]) for g in CONTEXT_GROUPS):
        section = page.find("section", id=f"context-{key}")
        assert section is not None and words(section.find(re.compile("^h[2-4]$")).get_text()).startswith(heading)


LICENCE = "https://creativecommons.org/licenses/by/4.0/"  # the footer's link to the book's own licence


@pytest.mark.book
def test_every_external_link_is_well_formed_and_cited_on_the_sources_page(html):
    page = soup(html / "chapters/sources.html")
    cited = {a["href"] for a in page.select("li.nkbook-context-figure a[href], li.nkbook-context-addition a[href]")}
    assert cited == {served_address(row["source_address"]) for row in context_figures().values()} | {
        served_address(row["source_address"]) for row in context_additions().values()
    }
    malformed, uncited, insecure = [], [], []
    for path in html_pages(html):
        for tag in soup(path).find_all(["a", "area"], href=True):
            href = tag["href"]
            if not is_external(href):
                continue
            where = (str(path.relative_to(html)), href)
            if not well_formed(href):
                malformed.append(where)
            elif href not in cited and href != LICENCE:
                uncited.append(where)
            if href.startswith("http://"):
                insecure.append(href)
    assert malformed == []
    # http:// only where the host is not known to serve https (see nkbook.sources.HTTPS_HOSTS)
    assert sorted({urlparse(h).hostname for h in insecure}) == ["europe.newsweek.com"]
    assert uncited == [], "cite every external address on the sources page (data/context_figures.csv)"


@pytest.mark.book
def test_downloads_page_offers_every_notebook_and_table_and_the_copies_are_whole(html):
    root = paths.root()
    page_path = html / "chapters/downloads.html"
    links = {}
    for a in soup(page_path).select("a.download[href]"):
        links[words(a.get_text())] = a["href"]
    notebooks = [f"{entry}.ipynb" for entry in toc_files() if (root / f"{entry}.ipynb").is_file()]
    assert notebooks, "the TOC lists no notebook"
    assert sorted(k for k in links if k.endswith(".ipynb")) == sorted(notebooks)
    expected = notebooks + [f"data/{p.name}" for p in sorted((root / "data").glob("*.csv"))]
    expected += ["data/README.md", "data/datapackage.json", "seeds/sources.yml"]
    assert not any(k.startswith("seeds/") and k.endswith(".txt") for k in links), "the articles stay their publishers'"
    for rel in expected:
        assert rel in links, f"the downloads page does not offer {rel}"
        target = (page_path.parent / unquote(links[rel])).resolve()
        assert target.is_relative_to(html.resolve()) and "_downloads" in target.parts, links[rel]
        assert target.is_file(), f"{rel}: {links[rel]} is not in the build"
        assert target.read_bytes() == (root / rel).read_bytes(), f"{rel}: the copy differs"


ANSWER_KEY = re.compile(r"instructor/|answer[-_]?key|\.gift|/lms/|_build/", re.I)


@pytest.mark.book
def test_answer_key_is_linked_only_from_the_teachers_pages_and_lives_in_the_pack(html):
    """The module is open, so its answers are public (issue 14): the answer key is in the instructor
    pack, linked from the Downloads page and the instructor guide, and from no chapter a student reads."""
    teachers = {"chapters/downloads.html", "chapters/instructor-guide.html"}
    linked = {}
    for path in html_pages(html):
        name = str(path.relative_to(html))
        if name.startswith("pack/"):
            continue
        for tag in soup(path).find_all(href=True) + soup(path).find_all(src=True):
            ref = tag.get("href") or tag.get("src")
            if ANSWER_KEY.search(urldefrag(ref)[0]):  # the file linked, not an anchor on a page
                linked.setdefault(name, []).append(ref)
    assert set(linked) == teachers, linked
    for refs in linked.values():
        assert all(ref.startswith("../pack/") for ref in refs), refs
    shipped = sorted(
        str(p.relative_to(html))
        for p in html.rglob("*")
        if p.is_file() and re.search(r"answer[-_]?key|\.gift", p.name, re.I)
    )
    assert {"pack/answer-key.html", "pack/answer-key.pdf"} <= set(shipped), shipped
    assert all(name.startswith(("pack/answer-key.", "pack/lms/")) for name in shipped), shipped
    for path in html_pages(html):
        if not str(path.relative_to(html)).startswith("pack/"):
            assert "Answer key for instructors" not in path.read_text(encoding="utf-8"), path


def test_korean_text_carries_its_language(built_book):
    """Screen readers read Korean as Korean: a Korean excerpt is lang="ko", and so is a Korean title
    inside an English line; code is left alone."""
    page = (built_book["html"] / "chapters" / "bigger-picture.html").read_text(encoding="utf-8")
    assert re.search(r'<p lang="ko">통일부는 분기별로', page)
    assert '<span lang="ko">작년 입국 탈북민 229명</span>' in page
    sources = (built_book["html"] / "chapters" / "sources.html").read_text(encoding="utf-8")
    korean = re.findall(r"[\uac00-\ud7a3][^<]*", sources)
    assert korean, "the sources page quotes Korean"
    # Every piece of Korean on the sources page sits inside an element that says it is Korean.
    unmarked = [k[:30] for k in korean if not re.search(r'lang="ko"[^>]*>[^<]*' + re.escape(k[:10]), sources)]
    assert unmarked == []


def test_every_address_note_is_about_a_context_figure_and_every_docslib_or_mirror_address_has_one():
    figures = context_figures()
    notes = load("context_address_notes")
    assert set(notes["figure_id"]) <= set(figures)
    assert list(notes["figure_id"]) == list(notes["source"])
    for fid, row in figures.items():
        host = urlparse(row["source_address"]).hostname or ""
        if any(h in host for h in ("docslib", "ininet", "minorityforum", "1newsday", "daijiworld", "pangea-cms")):
            assert address_note(fid), f"{fid}: a copy, not the publisher's address, must be named as such"


def test_further_reading_gives_full_citations_with_an_address_and_what_is_there():
    text = (paths.root() / "chapters" / "sources.md").read_text(encoding="utf-8")
    section = text.split("## Further reading", 1)[1]
    entries = [e for e in re.split(r"\n- ", section) if e.startswith("**")]
    assert len(entries) >= 4
    cited = {served_address(row["source_address"]) for row in context_figures().values()} | {
        served_address(row["source_address"]) for row in context_additions().values()
    }
    for entry in entries:
        flat = " ".join(entry.split())
        assert re.match(r"\*\*[^*]+\.\*\* \*[^*]+\*", flat), flat[:80]  # author or body, then the title in italics
        assert re.search(r"\b(19|20)\d\d\b|not dated", flat), flat[:80]
        addresses = re.findall(r"<(https?://[^>]+)>", flat)
        # an address with "&" is linked through its entry on the page, which holds it exactly
        addresses += [
            served_address(context_figures()[fid]["source_address"])
            for fid in re.findall(r"#figure-([a-z0-9_]+)", flat)
        ]
        assert addresses and all(a in cited for a in addresses), flat[:80]
        assert "*What you will find:*" in flat
        host = urlparse(addresses[0]).hostname
        if not any(h in host for h in ("hrw.org", "unhcr.org", "un.org", "ohchr.org", "refworld.org")):
            assert "mirror" in flat, f"a copy that is not the official address must be named a mirror: {flat[:80]}"


# --- Licence, version and citation ---------------------------------------------------------------------


def test_the_licence_version_and_citation_agree_everywhere():
    root = paths.root()
    citation = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    project = re.search(r'^version = "([^"]+)"', (root / "pyproject.toml").read_text(encoding="utf-8"), re.M)[1]
    import nkbook

    assert citation["version"] == project == nkbook.__version__
    assert citation["license"] == "CC-BY-4.0" and citation["cff-version"] == "1.2.0"
    about = words((root / "chapters/about.md").read_text(encoding="utf-8"))
    assert f"(version {citation['version']})" in about and citation["title"].split(":")[0] in about
    licence = (root / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in licence and "MIT License" in licence and "remain their publishers'" in licence
    assert (root / "LICENSES/CC-BY-4.0.txt").read_text(encoding="utf-8").startswith("Attribution 4.0 International")
    assert (root / "LICENSES/MIT.txt").read_text(encoding="utf-8").startswith("MIT License")


@pytest.mark.book
def test_every_page_gives_the_licences_and_the_version_and_links_the_about_page(html):
    import nkbook

    for page in html_pages(html):
        if page.name == "index.html" and "Refresh" in page.read_text(encoding="utf-8"):
            continue  # the redirect to the first page
        if page.relative_to(html).parts[0] == "pack":  # a page to print: its licence line, no site footer
            text = words(soup(page).get_text())
            assert f"version {nkbook.__version__}." in text and "CC BY 4.0" in text and "MIT" in text, page.name
            continue
        footer = soup(page).select_one(".extra_footer")
        assert footer is not None, page.name
        text = words(footer.get_text())
        assert f"Version {nkbook.__version__}." in text and "CC BY 4.0" in text and "MIT" in text, page.name
        about = footer.find("a", string=re.compile("About this module"))
        target = page if about["href"] == "#" else page.parent / about["href"]  # "#" on the About page itself
        assert target.resolve() == (html / "chapters/about.html").resolve(), page.name


@pytest.mark.book
def test_downloads_lists_every_excerpt_the_chapters_quote_with_its_citation(html):
    from nkbook.excerpts import book_excerpts

    found = book_excerpts(paths.root())
    page = soup(html / "chapters/downloads.html")
    sources_ = page.select("li.nkbook-excerpt-source")
    listed = page.select("blockquote.nkbook-excerpt")
    assert len(listed) == len(found) > 20
    assert [words(s.find("strong").get_text()) for s in sources_] == list(dict.fromkeys(e.attribution for e in found))
    grouped = sorted(found, key=lambda e: [s.attribution for s in found].index(e.attribution))  # by source
    for excerpt, quote in zip(grouped, listed, strict=True):
        assert words(excerpt.quote) in words(quote.get_text())
