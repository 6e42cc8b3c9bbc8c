"""What counts as a hedge, and who watches: the readings of the chapter "Watched"."""

from __future__ import annotations

import pandas as pd
import pytest

from nkbook.charts import watched
from nkbook.data import load
from nkbook.readings import hedges, watchers


@pytest.fixture(scope="module")
def table():
    return load("surveillance_methods")


def test_every_watcher_falls_in_a_group_and_a_new_one_is_refused(table):
    groups = {w: watchers.who_group(w) for w in table["watcher"]}
    assert set(groups.values()) <= set(watchers.GROUPS)
    assert groups["Chinese police"] == "Chinese police and state"
    assert groups["Chinese men living with North Korean women"] == "Families and husbands"
    assert groups["North Korea"] == "North Korea"
    assert groups["The women themselves, told by the Chinese police"] == "The women, told to report"
    with pytest.raises(ValueError, match="fits none of the groups"):
        watchers.who_group("Neighbours")


def test_hedge_words_are_found_case_blind():
    assert hedges.hedge_of("The pictures will most likely added") == "most likely"
    assert hedges.hedge_of("“It seems like China’s policy ... is changing.”") == "it seems"
    assert hedges.hedge_of("They took their fingerprints") == ""
    frame = pd.DataFrame(
        [
            {
                "method_id": "x",
                "method": "X",
                "category": "digital",
                "watcher": "Chinese police",
                "source": "001_9bfd2c995f377ad1.txt",
                "quote": "Police apparently read messages.",
            }
        ]
    )
    assert bool(watched.method_rows(frame)["hedged"].iloc[0]) is True


def test_an_estimate_is_hedged_by_its_own_words():
    assert hedges.estimate_hedge("an estimated 20,000 to 30,000") == "estimated"
    assert hedges.estimate_hedge("believed to number 10,000-20,000") == "believed"
    assert hedges.estimate_hedge("over 100,000") == ""


def test_readings_use_pandas_only_no_altair_no_wrapping():
    """The readings decide; the charts draw. No reading imports Altair or wraps lines."""
    import ast
    from pathlib import Path

    import nkbook.readings

    allowed = {"__future__", "calendar", "dataclasses", "datetime", "re", "pandas"}
    for path in Path(nkbook.readings.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = {node.module.split(".")[0]}
            else:
                continue
            assert names <= allowed, f"{path.name} imports {names - allowed}"
        text = path.read_text(encoding="utf-8")
        assert "altair" not in text and "textwrap" not in text, path.name
