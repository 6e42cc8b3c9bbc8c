"""The small test books of the Sphinx glue: Sphinx's own ``app`` fixture builds them in seconds."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from nkbook import paths

# A chart whose description holds markup, to show it is escaped in the page.
CHART = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "description": "Bar chart of two counts </script> & more",
    "width": "container",
    "usermeta": {"nkbook": {"container_width": True}},
    "data": {"values": [{"a": "x", "n": 1}, {"a": "y", "n": 2}]},
    "mark": "bar",
    "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "n", "type": "quantitative"}},
}


def chart_notebook() -> nbformat.NotebookNode:
    """The charts book's notebook, with the outputs a build would store: a chart and an exercise form.

    Made here, not committed, since the project's notebooks are committed without outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    chart = nbformat.v4.new_code_cell("chart")
    chart.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"application/vnd.vegalite.v5+json": CHART, "text/plain": "<chart>"}
        )
    ]
    form = nbformat.v4.new_code_cell("ask('q')")
    form.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2, "version_minor": 0},
                "text/html": '<form class="nkbook-exercise" id="q">A question</form>',
                "text/plain": "Q",
            },
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# A chart and an exercise"), chart, form]
    return nb


@pytest.fixture(scope="session")
def rootdir(tmp_path_factory) -> Path:
    """The test books, copied, with the charts book's notebook written out."""
    roots = tmp_path_factory.mktemp("sphinx-roots")
    shutil.copytree(Path(__file__).parent / "roots", roots, dirs_exist_ok=True)
    nbformat.write(chart_notebook(), roots / "test-charts" / "nb.ipynb")
    return roots


@pytest.fixture(autouse=True)
def _book_root_restored():
    """A test book points the package at its own folder (paths.use_root); point it back afterwards."""
    yield
    paths.use_root(None)
