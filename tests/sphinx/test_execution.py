"""The side-by-side execution step (nkbook.sphinx.execution) hands a failure back, never raises it."""

from __future__ import annotations

import nbformat
from jupyter_cache.executors import utils

from nkbook.sphinx.execution import _execute_one


def test_a_kernel_that_does_not_start_is_reported_for_a_rerun_not_raised(tmp_path, monkeypatch):
    # Seen when several builds start kernels at once: another process took the port a kernel chose.
    path = tmp_path / "one.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)

    def no_kernel(*args, **kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(utils, "single_nb_execution", no_kernel)
    assert _execute_one(str(path), 30, False) == (
        str(path),
        None,
        0.0,
        "RuntimeError: Kernel died before replying to kernel_info",
    )


def test_a_notebook_that_runs_comes_back_executed(tmp_path):
    path = tmp_path / "one.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("6 * 7")]), path)
    returned, text, seconds, error = _execute_one(str(path), 60, False)
    assert (returned, error) == (str(path), None) and seconds > 0
    outputs = nbformat.reads(text, as_version=4).cells[0].outputs
    assert outputs[0]["data"]["text/plain"] == "42"
