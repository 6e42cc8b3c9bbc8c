"""Notebooks run without a kernel (nkbook.inprocess) give a kernel's outputs, and fail safely."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from jupyter_cache.executors.utils import single_nb_execution
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from nkbook import inprocess, paths
from nkbook.outputs import VEGALITE_MIME
from nkbook.toc import notebook_chapters

ROOT = paths.root()
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def outputs(notebook) -> list:
    """Every code cell's count and outputs, with widget model ids (new in every run) blanked."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        kept = json.loads(json.dumps(cell.outputs))
        for output in kept:
            if WIDGET_VIEW in output.get("data", {}):
                output["data"][WIDGET_VIEW]["model_id"] = "-"
        cells.append((cell.execution_count, kept))
    return cells


def write(path: Path, *sources: str) -> str:
    cells = [new_markdown_cell("# A test notebook")] + [new_code_cell(source) for source in sources]
    nbformat.write(new_notebook(cells=cells), path)
    return str(path)


@pytest.fixture(scope="module")
def chapters_without_a_kernel() -> dict[str, inprocess.Result]:
    paths = [ROOT / "chapters" / f"{chapter}.ipynb" for chapter, _ in notebook_chapters(ROOT)]
    return {Path(r.path).stem: r for r in inprocess.execute_side_by_side(paths, timeout=180)}


@pytest.mark.parametrize("chapter", [chapter for chapter, _ in notebook_chapters(ROOT)])
def test_every_chapter_gives_the_outputs_a_kernel_gives(chapter, chapters_without_a_kernel):
    result = chapters_without_a_kernel[chapter]
    assert result.error is None, result.error
    without = nbformat.reads(result.text, as_version=4)
    path = ROOT / "chapters" / f"{chapter}.ipynb"
    kernel = nbformat.read(path, as_version=4)
    ran = single_nb_execution(kernel, cwd=str(path.parent), timeout=180, allow_errors=False)
    assert ran.err is None, ran.exc_string
    assert outputs(without) == outputs(kernel)
    assert without.metadata["language_info"] == kernel.metadata["language_info"]
    assert any(o for _, cell in outputs(without) for o in cell), "the chapter showed nothing"


def test_outputs_come_in_order_with_counts_and_streams_joined(tmp_path):
    path = write(
        tmp_path / "one.ipynb",
        "print('a'); print('b')\nimport sys; print('c', file=sys.stderr)\n6 * 7",
        "from IPython.display import display, Markdown\ndisplay(Markdown('**m**'))\nprint('after')",
        "x = 1",
        "from IPython.display import clear_output\nprint('gone'); clear_output(); print('kept')",
    )
    result = inprocess.execute(path)
    assert result.error is None
    cells = outputs(nbformat.reads(result.text, as_version=4))
    assert cells[0] == (
        1,
        [
            {"output_type": "stream", "name": "stdout", "text": "a\nb\n"},
            {"output_type": "stream", "name": "stderr", "text": "c\n"},
            {"output_type": "execute_result", "execution_count": 1, "data": {"text/plain": "42"}, "metadata": {}},
        ],
    )
    assert cells[1][1][0]["output_type"] == "display_data"
    assert cells[1][1][0]["data"]["text/markdown"] == "**m**"
    assert cells[1][1][1] == {"output_type": "stream", "name": "stdout", "text": "after\n"}
    assert cells[2] == (3, [])
    assert cells[3] == (4, [{"output_type": "stream", "name": "stdout", "text": "kept\n"}])


def test_a_notebook_runs_in_its_folder_and_sees_a_shell(tmp_path):
    path = write(tmp_path / "here.ipynb", "import os\nos.getcwd()", "get_ipython() is not None")
    cells = outputs(nbformat.reads(inprocess.execute(path).text, as_version=4))
    assert cells[0][1][0]["data"]["text/plain"] == repr(str(tmp_path))
    assert cells[1][1][0]["data"]["text/plain"] == "True"


def test_each_notebook_starts_with_a_fresh_namespace_in_the_same_worker(tmp_path):
    first = write(tmp_path / "a.ipynb", "left_behind = 1")
    second = write(tmp_path / "b.ipynb", "left_behind")
    results = {Path(r.path).stem: r for r in inprocess.execute_side_by_side([first, second], workers=1)}
    assert results["a"].error is None
    assert results["b"].text is None and "NameError" in results["b"].error


def test_a_failing_cell_is_handed_back_named_not_raised(tmp_path):
    path = write(tmp_path / "fails.ipynb", "1 + 1", "raise ValueError('the data is wrong')", "print('never')")
    result = inprocess.execute(path)
    assert result.text is None
    assert result.error == "cell 2 (raise ValueError('the data is wrong')): ValueError: the data is wrong"


def test_a_cell_that_runs_too_long_is_stopped(tmp_path):
    path = write(tmp_path / "slow.ipynb", "import time\ntime.sleep(30)")
    result = inprocess.execute(path, timeout=1)
    assert result.text is None and "ran longer than 1 s" in result.error
    assert result.seconds < 10


def test_a_notebook_that_does_not_read_is_handed_back(tmp_path):
    (tmp_path / "broken.ipynb").write_text("{ not json", encoding="utf-8")
    result = inprocess.execute(tmp_path / "broken.ipynb")
    assert result.text is None and result.error


def test_a_worker_that_dies_gives_its_notebook_back_as_failed(tmp_path):
    dies = write(tmp_path / "dies.ipynb", "import os\nos._exit(3)")
    results = list(inprocess.execute_side_by_side([dies], workers=1))
    assert [(r.path, r.text) for r in results] == [(dies, None)]
    assert "BrokenProcessPool" in results[0].error


def test_where_processes_cannot_fork_every_notebook_is_handed_back(tmp_path, monkeypatch):
    monkeypatch.setattr(inprocess, "can_run", lambda: False)
    path = write(tmp_path / "one.ipynb", "1")
    assert [(r.path, r.text, r.error) for r in inprocess.execute_side_by_side([path])] == [
        (path, None, "this system cannot fork a process")
    ]


def _mark(folder: str, notebook: dict) -> None:
    Path(folder, f"ran-{len(notebook['cells'])}").write_text("yes")


def test_then_runs_in_the_worker_after_a_notebook_ran(tmp_path):
    import functools

    path = write(tmp_path / "one.ipynb", "1")
    then = functools.partial(_mark, str(tmp_path))
    [result] = inprocess.execute_side_by_side([path], workers=1, then=then)
    assert result.error is None and (tmp_path / "ran-2").read_text() == "yes"
    failing = write(tmp_path / "two.ipynb", "1 / 0", "2")
    list(inprocess.execute_side_by_side([failing], workers=1, then=then))
    assert not (tmp_path / "ran-3").exists()


def test_pandas_shows_tables_as_in_a_kernel(tmp_path):
    # pandas chooses its display settings at import, by whether it runs in a terminal; Altair names a
    # chart's views by a hash of its data's text form, so a forked worker must choose as a kernel does.
    path = write(tmp_path / "pd.ipynb", "import pandas\npandas.get_option('display.max_columns')")
    [result] = inprocess.execute_side_by_side([path], workers=1)
    kernel = nbformat.read(path, as_version=4)
    single_nb_execution(kernel, cwd=str(tmp_path), timeout=60, allow_errors=False)
    assert outputs(nbformat.reads(result.text, as_version=4)) == outputs(kernel)


# --- the pictures a worker renders (then=nkbook.pictures.prerender) -------------------------

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
    "data": {"values": [{"a": 1}]},
    "mark": "bar",
    "encoding": {"x": {"field": "a", "type": "quantitative"}},
    "title": {"text": "A title", "subtitle": ["Point at a bar for its quote.", "Bars are counts."]},
}


def test_a_worker_renders_the_pictures_even_after_this_process_rendered(tmp_path):
    # vl-convert renders in a thread of its own, which a process forked from one that had used it would
    # lack (it would wait forever). The workers come from the fork server, which never renders.
    import functools

    from nkbook import pictures

    pictures.render(SPEC, None)
    source = f"from IPython.display import display\ndisplay({{{VEGALITE_MIME!r}: {SPEC!r}}}, raw=True)"
    path = write(tmp_path / "chart.ipynb", source)
    then = functools.partial(pictures.prerender, cache=tmp_path / "svg")
    [result] = inprocess.execute_side_by_side([path], workers=1, then=then)
    assert result.error is None
    # One picture, for the page and the worksheets alike: without the interactive chart's instructions.
    [picture] = (tmp_path / "svg").glob("*.svg")
    assert "Bars are counts." in picture.read_text() and "Point at" not in picture.read_text()


def test_a_worker_has_the_environment_of_the_process_that_asks(tmp_path, monkeypatch):
    # A kernel has the environment of the build that starts it; the fork server may be older than that.
    inprocess.start()
    monkeypatch.setenv("NKBOOK_TEST_VALUE", "set after the fork server started")
    path = write(tmp_path / "env.ipynb", "import os\nos.environ.get('NKBOOK_TEST_VALUE')")
    [result] = inprocess.execute_side_by_side([path], workers=1)
    [[(_, [output])]] = [outputs(nbformat.reads(result.text, as_version=4))]
    assert output["data"]["text/plain"] == repr("set after the fork server started")


def test_meanwhile_runs_here_while_the_workers_run(tmp_path):
    path = write(tmp_path / "one.ipynb", "import time\ntime.sleep(1)")
    ran = []
    results = inprocess.execute_side_by_side([path], workers=1, meanwhile=lambda: ran.append("here"))
    assert next(results).error is None and ran == ["here"]


def test_the_build_command_starts_the_fork_server_first_only_for_a_first_build(tmp_path):
    from nkbook.build import first_build

    book = tmp_path / "book"
    book.mkdir()
    assert first_build(["nkbook.build", "build", str(book), "-W", "-n", "--keep-going"])
    (book / "_build" / ".jupyter_cache").mkdir(parents=True)
    assert not first_build(["nkbook.build", "build", "-W", str(book)])
    assert not first_build(["nkbook.build", "clean", str(tmp_path / "other")])
