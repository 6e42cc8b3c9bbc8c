"""What counts as Korean text: Hangul, and a run of it with the spaces, digits and punctuation between
its words.  Light (no Sphinx), for the book's pages (:mod:`nkbook.sphinx.language`) and the pack's
worksheets (:mod:`nkbook.worksheets`), which both mark Korean with ``lang="ko"``."""

from __future__ import annotations

import re

_HANGUL_CHARS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
HANGUL = re.compile(f"[{_HANGUL_CHARS}]")
KOREAN_RUN = re.compile(f"[{_HANGUL_CHARS}](?:[{_HANGUL_CHARS}\\d\\s,.·'\"()]*[{_HANGUL_CHARS}\\d])?")


def is_korean(text: str) -> bool:
    """Whether ``text`` holds any Hangul."""
    return bool(HANGUL.search(text))
