"""The build's execution step (nkbook.sphinx.execution): notebooks run without a kernel, side by side,
into myst-nb's cache; a notebook that fails there is run again in a kernel, never lost."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CONF = """
extensions = ["myst_nb", "nkbook.sphinx.execution"]
nb_execution_mode = "cache"
nkbook_input_folders = []
exclude_patterns = ["_build"]
"""


def notebook(title: str, source: str) -> nbformat.NotebookNode:
    nb = new_notebook(cells=[new_markdown_cell(f"# {title}"), new_code_cell(source)])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    return nb


def test_notebooks_run_without_a_kernel_and_one_that_cannot_runs_in_a_kernel(make_app, tmp_path):
    source = tmp_path / "book"
    source.mkdir()
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    (source / "index.md").write_text("# Book\n\n```{toctree}\nshell\nkernel\n```\n", encoding="utf-8")
    # Which shell ran the cell: a kernel's is ZMQInteractiveShell, ours IPython's own InteractiveShell.
    nbformat.write(notebook("Shell", "'ran in ' + type(get_ipython()).__name__"), source / "shell.ipynb")
    # Only a kernel's shell has a kernel: without one this fails, and myst-nb runs it in a kernel.
    nbformat.write(
        notebook("Kernel", "'has a kernel: ' + str(get_ipython().kernel is not None)"), source / "kernel.ipynb"
    )

    app = make_app("html", srcdir=source, freshenv=True)
    app.build()

    log = app._status.getvalue()
    assert "executing 2 notebooks without a kernel, 2 at a time" in log
    assert "kernel.ipynb failed without a kernel" in log and "myst-nb will run it in one" in log
    assert "shell.ipynb failed" not in log and "shell.ipynb: executed without a kernel in" in log
    shell = (app.outdir / "shell.html").read_text(encoding="utf-8")
    kernel = (app.outdir / "kernel.html").read_text(encoding="utf-8")
    assert "ran in InteractiveShell" in shell
    assert "has a kernel: True" in kernel
    assert not app._warning.getvalue()


def test_the_notebooks_named_to_go_first_start_first(make_app, tmp_path):
    # A cold build knows no notebook's time: nkbook_execute_first names those that take longest.
    source = tmp_path / "book"
    source.mkdir()
    started = tmp_path / "started.txt"
    conf = CONF + 'nkbook_execute_first = ["c", "nowhere"]\n'
    (source / "conf.py").write_text(conf, encoding="utf-8")
    (source / "index.md").write_text("# Book\n\n```{toctree}\na\nb\nc\n```\n", encoding="utf-8")
    for name in "abc":
        record = f"with open({str(started)!r}, 'a') as f:\n    f.write({name!r})"
        nbformat.write(notebook(name.upper(), record), source / f"{name}.ipynb")

    app = make_app("html", srcdir=source, freshenv=True)
    app.build()

    order = started.read_text(encoding="utf-8")
    assert sorted(order[:2]) == ["a", "c"] and order[2] == "b"  # c first, beside a (two workers), then b
    assert "nkbook_execute_first names 'nowhere', which is not a notebook of the book" in app._warning.getvalue()
