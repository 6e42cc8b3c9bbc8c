"""Reading what a test book built: a page as a soup, and what Sphinx printed."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup


def page(app, name: str) -> BeautifulSoup:
    """The built page ``name`` of the test book ``app``."""
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def status(app) -> str:
    """What Sphinx printed, without its colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app._status.getvalue())
