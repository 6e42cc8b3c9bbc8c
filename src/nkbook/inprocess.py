"""Notebooks run without a kernel: each code cell run by an IPython shell in a worker process forked
from a fork server that has already imported the book's helpers.

Why: a kernel spends about half of a chapter's two seconds starting and importing pandas, Altair
and the book's package, every chapter again.  Forked from a process that has imported them, a
chapter runs in the time its own cells take; and the fork server, started first thing by the
build's command (:func:`start`), imports them while the build starts up.  Being a process of its
own that never renders a picture or starts a thread, it forks workers that are safe to use.

What is the same as in a kernel: the outputs, as nbformat holds them (streams, ``display_data``,
``execute_result`` with its count), in the rich formats IPython's display formatter gives; the
notebook's folder as the working directory; a fresh namespace for each notebook; ``get_ipython()``.
What is not: there are no comms, so a widget is shown by its view and its state is not saved (the
book leaves widget state out of its pages anyway); no standard input; no kernel-only magics.

A notebook that fails here (an error, or a cell that runs past ``timeout``) is not trusted:
:func:`execute` returns the error and the caller has it executed by a kernel, which reports it as
a kernel does.  ``tests/test_inprocess.py`` runs every chapter both ways and compares the outputs.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import os
import platform
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# What a kernel of this Python reports about its language (ipykernel's kernel_info reply).
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": platform.python_version(),
}

# What the fork server imports (nkbook.warm), so that no notebook pays for them.
WARM_MODULES = ("IPython.core.interactiveshell", "nbformat", "pandas", "altair", "nkbook.charts", "nkbook.exercises")


@dataclass
class Result:
    """One notebook's run: the notebook as JSON text (``None`` if it failed), seconds, the error."""

    path: str
    text: str | None
    seconds: float
    error: str | None


class CellTimeout(Exception):
    """A cell ran longer than the execution timeout."""


def execute(
    path: str | Path,
    timeout: int | None = None,
    then: Callable[[dict], object] | None = None,
    environ: dict[str, str] | None = None,
) -> Result:
    """Run every code cell of the notebook at ``path`` in a fresh shell, in its folder; never raises.
    Meant for a worker process (:func:`execute_side_by_side`): it takes this process's IPython shell
    instance, if it has one, for the time of the run, and with ``environ`` its environment variables
    (a kernel has those of the build that starts it).  ``then`` is called with the executed notebook
    (its errors are ignored: the caller meets them again)."""
    import nbformat

    if environ is not None:
        os.environ.clear()
        os.environ.update(environ)
    _as_in_a_kernel()
    start = time.perf_counter()
    try:
        notebook = nbformat.read(str(path), as_version=4)
        with _in_folder(Path(path).parent):
            error = _run(notebook, timeout)
    except Exception as failure:  # the notebook does not read, the shell does not start, ...
        return Result(str(path), None, time.perf_counter() - start, f"{type(failure).__name__}: {failure}")
    seconds = time.perf_counter() - start
    if error is not None:
        return Result(str(path), None, seconds, error)
    if then is not None:
        with contextlib.suppress(Exception):
            then(notebook)
    return Result(str(path), nbformat.writes(notebook), seconds, None)


def can_run() -> bool:
    """Whether this system has the fork server the workers come from (not Windows)."""
    return "forkserver" in multiprocessing.get_all_start_methods()


def start(preload: Iterable[str] = ()) -> None:
    """Start the fork server now, in the background: it imports what the chapters import
    (:mod:`nkbook.warm`) and ``preload``, while this process goes on.  :func:`execute_side_by_side`
    starts it when it is first needed otherwise; the build's command starts it first thing
    (:mod:`nkbook.build`), so that its imports cost a build no time."""
    if not can_run():
        return
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["nkbook.warm", *preload])
    forkserver.ensure_running()


def execute_side_by_side(
    paths: Iterable[str | Path],
    timeout: int | None = None,
    workers: int | None = None,
    then: Callable[[dict], object] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[Result]:
    """Run the notebooks in processes forked from the fork server (:func:`start`), ``workers`` at a
    time (the CPUs, by default); yield each result as it comes back.  ``then`` (a function that
    pickles) runs in the worker on each notebook that ran; ``meanwhile`` runs here once the
    notebooks are handed out.  A worker that dies (a crash, a kill) gives its notebooks back as
    failed, never raises."""
    paths = [str(p) for p in paths]
    if not paths:
        return
    if not can_run():  # Windows: the caller uses kernels
        for path in paths:
            yield Result(path, None, 0.0, "this system cannot fork a process")
        return
    start()
    workers = max(1, min(len(paths), workers or os.cpu_count() or 1))
    context = multiprocessing.get_context("forkserver")
    environ = dict(os.environ)
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(execute, path, timeout, then, environ): path for path in paths}
        if meanwhile is not None:
            meanwhile()
        for future in concurrent.futures.as_completed(futures):
            try:
                yield future.result()
            except Exception as failure:  # BrokenProcessPool: the worker died
                yield Result(futures[future], None, 0.0, f"{type(failure).__name__}: {failure}")


def warm() -> None:
    """Import what the chapters import, and read the exercise bank every chapter asks from, once, in
    the fork server the workers come from (see :mod:`nkbook.warm`)."""
    from .fastimport import import_without_iri_grammar

    import_without_iri_grammar("jsonschema")  # pandas and Altair's own checks need no IRI grammar
    for name in WARM_MODULES:
        import_without_iri_grammar(name)
    read_bank()
    _as_in_a_kernel()


def read_bank() -> None:
    """Read the exercise bank into this process's cache; a broken bank is left to the chapters, which
    read it and report it."""
    from .exercises.bank import load_bank

    with contextlib.suppress(Exception):
        load_bank()


def _as_in_a_kernel() -> None:
    """pandas' display settings as a kernel has them.  pandas picks them when it is imported, by
    whether it runs in a terminal; a kernel is not one, nor is a worker.  They
    matter beyond display: Altair names a chart's views by a hash of its data's text form."""
    import pandas

    pandas.set_option("display.max_columns", 20)


# --- one notebook -----------------------------------------------------------------------------


@contextlib.contextmanager
def _in_folder(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _run(notebook, timeout: int | None) -> str | None:
    """Run the notebook's code cells in order, writing their outputs; return the first error."""
    shell = _fresh_shell()
    recorder = shell.display_pub.recorder
    try:
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            cell.outputs = recorder.start()
            with _streams(recorder), _deadline(timeout):
                result = shell.run_cell(cell.source, store_history=True)
            recorder.stop()
            cell.execution_count = result.execution_count
            if not result.success:
                failure = result.error_in_exec or result.error_before_exec
                return f"cell {index} ({_first_line(cell.source)}): {type(failure).__name__}: {failure}"
    finally:
        recorder.stop()
        _close(shell)
    notebook.metadata["language_info"] = dict(LANGUAGE_INFO)
    return None


def _first_line(source: str) -> str:
    lines = source.strip().splitlines()
    return (lines[0][:60] if lines else "empty") + (" ..." if len(lines) > 1 else "")


class _Recorder:
    """The outputs of the cell being run, as nbformat outputs; consecutive stream text is joined."""

    def __init__(self):
        self.outputs: list | None = None

    def start(self) -> list:
        self.outputs = []
        return self.outputs

    def stop(self) -> None:
        self.outputs = None

    def add(self, output) -> None:
        if self.outputs is not None:
            self.outputs.append(output)

    def stream(self, name: str, text: str) -> None:
        if self.outputs is None or not text:
            return
        from nbformat.v4 import new_output

        last = self.outputs[-1] if self.outputs else None
        if last is not None and last.get("output_type") == "stream" and last.get("name") == name:
            last["text"] += text
        else:
            self.outputs.append(new_output("stream", name=name, text=text))

    def clear(self) -> None:
        if self.outputs is not None:
            self.outputs.clear()


class _Stream:
    """``sys.stdout`` or ``sys.stderr`` while a cell runs."""

    def __init__(self, recorder: _Recorder, name: str):
        self.recorder, self.name = recorder, name
        self.encoding, self.errors = "utf-8", "strict"

    def write(self, text: str) -> int:
        self.recorder.stream(self.name, text)
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def _streams(recorder: _Recorder) -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream(recorder, "stdout"), _Stream(recorder, "stderr")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def _deadline(timeout: int | None) -> Iterator[None]:
    """Raise :class:`CellTimeout` in the cell after ``timeout`` seconds (main thread only)."""
    if not timeout or timeout <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum, frame):
        raise CellTimeout(f"the cell ran longer than {timeout} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fresh_shell():
    """A new ``InteractiveShell`` instance (what ``get_ipython()`` returns), with no history file and
    its displays recorded."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from nbformat.v4 import new_output
    from traitlets.config import Config

    recorder = _Recorder()

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            recorder.add(new_output("display_data", data=data, metadata=metadata or {}))

        def clear_output(self, wait=False):
            recorder.clear()

    Publisher.recorder = recorder

    class Hook(DisplayHook):
        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            recorder.add(
                new_output(
                    "execute_result", data=format_dict, metadata=md_dict or {}, execution_count=self.prompt_count
                )
            )

        def finish_displayhook(self):
            pass

    InteractiveShell.clear_instance()
    config = Config({"HistoryManager": {"enabled": False}})
    return InteractiveShell.instance(config=config, display_pub_class=Publisher, displayhook_class=Hook)


def _close(shell) -> None:
    """Clear the shell's namespace and give back what it took over (``sys.modules["__main__"]``, the
    streams and hooks of ``sys``), now rather than when the process exits."""
    import atexit

    from IPython.core.interactiveshell import InteractiveShell

    atexit.unregister(shell.atexit_operations)
    with contextlib.suppress(Exception):
        shell.atexit_operations()
    shell.cleanup()
    InteractiveShell.clear_instance()
