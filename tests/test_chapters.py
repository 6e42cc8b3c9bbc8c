"""Chapters: committed clean, listed in the TOC, excerpts verbatim and attributed, numbers from data/, every "
"part of the anatomy."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from nkbook import paths
from nkbook.data import load_all
from nkbook.excerpts import excerpts, markdown_of
from nkbook.exercises import load_bank
from nkbook.sources import cite, context_rows, quote_stands, quote_stands_anywhere, sources
from nkbook.toc import toc_files

# Every notebook chapter teaches (excerpts, charts, exercises); the Markdown pages (intro, guide) do not.
NOTEBOOKS = sorted(paths.chapters_dir().glob("*.ipynb"))


def cells(nb_path):
    return json.loads(nb_path.read_text(encoding="utf-8"))["cells"]


def markdown(nb_path) -> str:
    return markdown_of(nb_path)


def code(nb_path) -> str:
    return "\n".join("".join(c["source"]) for c in cells(nb_path) if c["cell_type"] == "code")


def test_notebooks_are_committed_without_outputs():
    for nb in NOTEBOOKS:
        for cell in cells(nb):
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, nb.name


def test_every_chapter_is_in_the_toc_and_every_toc_entry_exists():
    listed = toc_files()
    for nb in NOTEBOOKS:
        assert f"chapters/{nb.stem}" in listed, nb.name
    for entry in listed:
        assert any((paths.root() / f"{entry}{ext}").is_file() for ext in (".md", ".ipynb")), entry


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_excerpts_are_verbatim_and_attributed_to_their_source(nb):
    found = excerpts(markdown(nb))
    assert len(found) >= 2
    cited: dict[str, list[str]] = {}  # one publication may hold several context figures
    for name in [*sources(), *context_rows()]:
        cited.setdefault(cite(name), []).append(name)
    for quote, attribution, _ in (vars(e).values() for e in found):
        assert attribution in cited, f"attribution must be the citation of a source or context figure: {attribution!r}"
        assert any(quote_stands(quote, name) for name in cited[attribution]), (
            f"not verbatim in its source: {quote[:70]!r}"
        )
        assert len(quote.split()) <= 70, "keep excerpts short"


def numbers_in(text):
    return {n.replace(",", "") for n in re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?", text)}


def known_numbers():
    known = set()
    for frame in load_all().values():
        for column in frame.columns:
            for value in frame[column].dropna():
                known |= numbers_in(str(value))
                if isinstance(value, float) and float(value).is_integer():
                    known.add(str(int(value)))
    return known


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_number_in_the_prose_comes_from_data(nb):
    known = known_numbers()
    prose = []
    for line in markdown(nb).splitlines():
        if line.startswith(">") or line.startswith("**Time:**") or line.startswith("<!--"):
            continue
        prose.append(line)
    unknown = numbers_in("\n".join(prose)) - known
    assert unknown == set(), f"numbers in {nb.name} that no data row holds: {sorted(unknown)}"


ANATOMY = [
    "At a glance",
    "The story in the source",
    "Check your understanding",
    "Discuss",
    "cannot tell us",
    "Sources for this chapter",
]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_has_every_part_of_the_anatomy(nb):
    text = markdown(nb)
    for part in ANATOMY:
        assert part in text, f"{nb.name} lacks '{part}'"
    assert "**Time:**" in text and "Content note" in text
    assert len(re.findall(r"^- \*\*(identify|explain|compute|compare|evaluate|analyse|describe)\*\*", text, re.M)) >= 3


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_asks_every_question_of_its_bank(nb):
    asked = re.findall(r'ask\("([^"]+)"\)', code(nb))
    bank = load_bank()
    assert all(qid in bank for qid in asked)
    mine = [qid for qid, q in bank.items() if q.chapter == nb.stem]
    assert sorted(asked) == sorted(mine)


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_helper_cells_are_hidden_from_readers(nb):
    for cell in cells(nb):
        if cell["cell_type"] == "code":
            tags = cell.get("metadata", {}).get("tags", [])
            assert {"remove-input", "remove-cell"} & set(tags), "".join(cell["source"])[:60]


def glossary_terms() -> list[str]:
    text = (paths.chapters_dir() / "glossary.md").read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith((" ", "\t"))]


def test_glossary_has_enough_terms_and_each_is_linked_from_the_book():
    terms = glossary_terms()
    assert len(terms) >= 15
    pages = [p for p in paths.chapters_dir().glob("*.md") if p.name != "glossary.md"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages) + "\n".join(markdown(nb) for nb in NOTEBOOKS)
    linked = set(re.findall(r"\{term\}`([^`<]+)`", text)) | set(re.findall(r"\{term\}`[^`<]*<([^`>]+)>`", text))
    assert sorted(set(terms) - linked) == [], "every glossary term is linked from where the book uses it"


# --- Words a student reads: sourced glossary, no internal labels ---------------------------------------

GENERAL = "In general use (not a definition from our sources)"


def glossary_entries() -> dict[str, str]:
    text = (paths.chapters_dir() / "glossary.md").read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    entries, term = {}, None
    for line in body.splitlines():
        if line and not line.startswith(" "):
            term = line.strip()
            entries[term] = ""
        elif term:
            entries[term] += " " + line.strip()
    return entries


def test_every_glossary_entry_quotes_a_source_or_says_it_is_a_general_definition():
    entries = glossary_entries()
    assert len(entries) >= 20
    for term, text in entries.items():
        flat = " ".join(text.split())
        quotes = [q for q in re.findall(r'"((?:[^"\u201c\u201d]|\u201c[^\u201d]*\u201d)+)"', flat)]
        for quote in quotes:
            assert quote_stands_anywhere(quote), f"{term}: not verbatim in a source: {quote[:60]!r}"
        assert quotes or flat.startswith(GENERAL), f"{term}: quote a source, or mark the entry as a general definition"


INTERNAL = re.compile(
    r"\bArticles? 00[0-4]\b|\(00[0-4]\)|\b00[0-4] and 00[0-4]\b|\bctx\b|seeds/0\d\d_"
    r"|context figures? [a-z]+_[a-z0-9_]+"
    r"|\b[a-z]+_(?:mou2012|rev)\b"
)


def test_no_internal_labels_in_text_meant_for_students():
    """File names, ids and figure ids stay on the Sources page and in the instructor materials."""
    pages = {nb.name: markdown(nb) for nb in NOTEBOOKS}
    for name in ("intro.md", "glossary.md"):
        pages[name] = (paths.chapters_dir() / name).read_text(encoding="utf-8")
    for name, text in pages.items():
        found = INTERNAL.findall(text)
        assert not found, f"{name}: internal labels in reading text: {found[:3]}"
    for path in sorted((paths.root() / "exercises").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            shown = {k: v for k, v in item.items() if k not in ("source", "quote", "id")}
            found = INTERNAL.findall(json.dumps(shown, ensure_ascii=False))
            assert not found, f"{path.name} {item.get('id')}: internal labels in a question: {found[:3]}"


def test_the_intro_names_every_article_by_its_short_name():
    intro = (paths.chapters_dir() / "intro.md").read_text(encoding="utf-8")
    for source in sources().values():
        assert source.short_name and f"| {source.short_name} |" in intro, source.id
