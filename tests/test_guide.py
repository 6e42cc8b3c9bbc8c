"""The instructor guide and the chapters agree, and no prompt asks students about their own lives.

- Each lesson plan in the guide lists the chapter's own *Discuss* prompts, word for word and in the
  same order, so that the teacher and the students see the same questions.
- The intro and the guide carry one classroom agreement, the same text.
- Each lesson plan closes on the chapter's exit question, read from ``exercises/<chapter>.yml`` (the
  worksheet ends with the same one), never typed into the guide.
- No prompt anywhere (chapter, guide, exercise bank, exit questions, intro) asks students to disclose
  their own, or their family's, experience of surveillance, detention, migration or exploitation.
"""

from __future__ import annotations

import json
import re

import pytest
from test_pages import CHAPTERS, guide_sections, words

from nkbook import paths
from nkbook.exercises import load_bank
from nkbook.exercises.bank import exit_questions


def notebook_markdown_cells(stem: str) -> list[str]:
    nb = json.loads((paths.chapters_dir() / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def bullets(block: str) -> list[str]:
    """The top-level items of a Markdown list, each as one line of single-spaced words."""
    items = re.split(r"^- ", block.strip(), flags=re.M)
    return [words(item) for item in items if item.strip()]


def chapter_prompts(stem: str) -> list[str]:
    """The items under the chapter's ``## Discuss`` heading, up to the next heading."""
    for text in notebook_markdown_cells(stem):
        found = re.search(r"^## Discuss\n(.*?)(?=^#|\Z)", text, re.M | re.S)
        if found:
            return bullets(found.group(1))
    raise AssertionError(f"{stem}: no Discuss section")


def guide_prompts(stem: str) -> list[str]:
    """The italic prompts of the guide's plan for one chapter (each item is *prompt* Facilitation: ...)."""
    section = guide_sections()[stem]
    found = re.search(r"\*\*Discussion prompts\*\*\n(.*?)\n\*\*Care in the room\.\*\*", section, re.S)
    assert found, f"{stem}: the guide's plan has no Discussion prompts"
    prompts = []
    for item in bullets(found.group(1)):
        italic = re.match(r"\*(.+?)\* Facilitation: \S", item)
        assert italic, f"{stem}: a guide prompt must be *the prompt* then Facilitation: ...: {item[:80]!r}"
        prompts.append(italic.group(1))
    return prompts


@pytest.mark.parametrize("stem", CHAPTERS)
def test_each_lesson_plan_uses_the_chapters_own_prompts_word_for_word(stem):
    chapter = chapter_prompts(stem)
    assert len(chapter) >= 2, f"{stem}: a chapter offers at least two prompts"
    assert guide_prompts(stem) == chapter, f"{stem}: the guide's prompts differ from the chapter's"


# --- One exit question per chapter, in one place -----------------------------------------------------


def test_each_lesson_plan_closes_on_the_chapters_own_exit_question():
    questions = exit_questions()
    assert sorted(questions) == sorted(CHAPTERS), "every chapter has one exit question"
    for stem in CHAPTERS:
        closes = [row for row in guide_sections()[stem].splitlines() if row.startswith("|") and "| Close |" in row]
        assert len(closes) == 1, f"{stem}: the plan needs one Close step"
        assert re.findall(r"\{nkbook-exit-question\}`([\w-]+)`", closes[0]) == [stem], closes[0]
    guide = (paths.chapters_dir() / "instructor-guide.md").read_text(encoding="utf-8")
    assert "exit question: " not in re.sub(r"exit question: \{nkbook-exit-question\}", "", guide).lower()


def test_an_exit_question_checks_the_sources_and_quotes_only_their_words():
    from nkbook.sources import quote_stands_anywhere

    for stem, question in exit_questions().items():
        assert question.endswith((".", "?")) and question[0].isupper(), stem
        for quoted in re.findall(r"\u201c([^\u201d]+)\u201d|\"([^\"]+)\"", question):
            text = next(q for q in quoted if q)
            assert quote_stands_anywhere(text), (stem, text)


# --- One classroom agreement ----------------------------------------------------------------------


def agreement(path, heading: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(heading)}\n(.*?)(?=^#|\Z)", text, re.M | re.S)
    assert found, f"{path.name}: no '{heading}'"
    lines = [line for line in found.group(1).splitlines() if line.startswith(("- ", "  "))]
    return bullets("\n".join(lines))


def test_the_intro_and_the_guide_carry_one_classroom_agreement():
    intro = agreement(paths.chapters_dir() / "intro.md", "## A suggested classroom agreement")
    guide = agreement(paths.chapters_dir() / "instructor-guide.md", "### A suggested classroom agreement")
    assert 4 <= len(intro) <= 8, "short enough for students to read, long enough to protect them"
    assert intro == guide
    text = " ".join(intro)
    assert "No one is asked to share personal or family experience" in text
    assert "without giving a reason" in text


# --- No prompt asks for disclosure ----------------------------------------------------------------

# Second-person asks for a student's own (or family's) experience, and the general "how do people
# decide what is safe" that invites it. Matched case-insensitively, across line breaks.
DISCLOSURE = [
    r"\bhave you (?:ever )?(?:been|had|felt|experienced|seen|lived|faced)\b",
    r"\bhas (?:anyone|someone) (?:in )?your\b",
    r"\bare you (?:being )?(?:monitored|watched|tracked|followed|surveilled|reported)\b",
    r"\bdo you (?:feel|think you are) (?:watched|monitored|safe)\b",
    r"\byour (?:own|family'?s?|parents'?) (?:experiences?|status|immigration|visa|papers|employment)\b",
    r"\byour own (?:life|home|family|phone|messages)\b",
    r"\bin your (?:own )?(?:home|family|community)\b",
    r"\byou or (?:someone|anyone|people) you know\b",
    r"\btell (?:us|the class|your group|your partner) about (?:a time|your)\b",
    r"\bdescribe a time (?:when )?you\b",
    r"\bshare (?:your|a) (?:own |personal )?(?:experience|story)\b",
    r"\bimagine (?:yourself|you were|you are) (?:in|one of|being|a woman|the woman)\b",
    r"\bhow do (?:you|people) decide what is safe to say\b",
]


def disclosure_asks(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [m.group(0) for pattern in DISCLOSURE for m in re.finditer(pattern, flat, re.I)]


def test_the_disclosure_patterns_catch_asks_and_pass_questions_about_sources():
    asks = [
        "Have you ever been stopped by the police?",
        "Are you monitored at home or online?",
        "Tell us about a time you felt watched.",
        "What is your own experience of surveillance?",
        "Has anyone in your family been detained?",
        "Do you feel watched when you text?",
        "How do people decide what is safe to say when they cannot see who is reading?",
        "Imagine yourself in the women's place.",
        "Does anyone in your home report on you, or on\n  you or someone you know?",
    ]
    for ask in asks:
        assert disclosure_asks(ask), ask
    fine = [
        "What would you need to know to find out?",
        "If you were its editor, what would you add?",
        "do not ask students whether they are monitored at home or online",
        "What, according to the article, could the police see of their messages?",
        "How far would you trust this claim?",
    ]
    for question in fine:
        assert disclosure_asks(question) == [], question


def every_prompt() -> dict[str, str]:
    """Every text that asks students something, by where it stands."""
    out = {}
    for stem in CHAPTERS:
        for i, prompt in enumerate(chapter_prompts(stem)):
            out[f"{stem} Discuss {i + 1}"] = prompt
        for i, prompt in enumerate(guide_prompts(stem)):
            out[f"guide {stem} prompt {i + 1}"] = prompt
        # the rest of the plan: openings, exit questions, notes
        out[f"guide {stem} plan"] = guide_sections()[stem]
        out[f"{stem} chapter text"] = "\n\n".join(notebook_markdown_cells(stem))
    for qid, question in load_bank().items():
        out[f"exercise {qid}"] = " ".join([question.prompt, question.model_answer])
    for stem, question in exit_questions().items():
        out[f"{stem} exit question"] = question
    out["intro"] = (paths.chapters_dir() / "intro.md").read_text(encoding="utf-8")
    out["guide"] = (paths.chapters_dir() / "instructor-guide.md").read_text(encoding="utf-8")
    return out


def test_no_prompt_asks_students_to_disclose_their_own_experience():
    prompts = every_prompt()
    bank = load_bank()
    assert sum(key.startswith("exercise ") for key in prompts) == len(bank) > 0
    assert sum(" Discuss " in key for key in prompts) >= 2 * len(CHAPTERS)
    assert sum(key.endswith(" exit question") for key in prompts) == len(CHAPTERS)
    found = {where: asks for where, text in prompts.items() if (asks := disclosure_asks(text))}
    assert found == {}
