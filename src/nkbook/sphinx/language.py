"""Korean text carries its language, so that screen readers read it as Korean (WCAG 3.1.2).

Event: ``doctree-resolved``, on every page.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from ..korean import HANGUL, KOREAN_RUN, is_korean

LETTER = re.compile(r"[^\W\d_]")
NOT_PROSE = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.FixedTextElement)


def mark_korean(doctree: nodes.Node) -> int:
    """Mark Korean text with the class ``language-ko``, which docutils writes as ``lang="ko"``.

    A paragraph mostly in Hangul gets the class itself; elsewhere each run of Korean is wrapped in an
    inline element that has it.  Returns the number of elements marked.
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
                    pieces.append(nodes.Text(value[last : run.start()]))
                pieces.append(nodes.inline(run.group(0), run.group(0), classes=["language-ko"]))
                last = run.end()
                marked += 1
            if last < len(value):
                pieces.append(nodes.Text(value[last:]))
            text.parent.replace(text, pieces)
    return marked


def _mark(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    mark_korean(doctree)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", _mark)
