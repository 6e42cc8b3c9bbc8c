"""Who watches North Korean women in China: each watcher an article names, in one of five groups."""

from __future__ import annotations

# Who watches, in five groups (our words); the article's own words for the watcher stay in the tooltip.
GROUPS = [
    "Chinese police and state",
    "Families and husbands",
    "The women, told to report",
    "North Korea and China together",
    "North Korea",
]


def who_group(watcher: str) -> str:
    """The group of a watcher, as the article names it (``"Chinese police"`` -> ``"Chinese police and state"``)."""
    w = watcher.strip().lower()
    if "women themselves" in w:
        return "The women, told to report"
    if w == "north korea and china":
        return "North Korea and China together"
    if w == "north korea" or w.startswith("north korean"):
        return "North Korea"
    if "famil" in w or "men living with" in w or "husband" in w:
        return "Families and husbands"
    if w.startswith(("chinese", "china", "the chinese", "foreign affairs division", "ministry")):
        return "Chinese police and state"
    raise ValueError(f"watcher {watcher!r} fits none of the groups {GROUPS}: add a rule to who_group")
