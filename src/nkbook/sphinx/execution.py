"""Notebook execution: again when a shared input changed, and side by side when the cache lacks them.

1. **Shared inputs, and a whole cache.**  myst-nb's cache keys on each notebook's own code, so a change to the helpers,
   the data, the exercises or the seeds would leave stale outputs.  When their fingerprint differs
   from the last successful build's (:mod:`.stamps`), the execution cache is cleared and every
   notebook is read again.  Before any notebook is read, a cache that does not open, or holds a
   record whose notebook is missing or unreadable, is started afresh with a one-line message naming
   it (a build that reads no notebook does not open the cache: a rebuild that changes nothing spent
   a tenth of a second on it).
2. **Side by side, without a kernel.**  myst-nb executes notebooks one after another as it reads
   them, each in a kernel that spends about half of a chapter's time starting and importing.  The
   notebooks about to be read that the cache lacks are executed first, side by side, in worker
   processes forked from a fork server that has imported the book's helpers (:mod:`nkbook.inprocess`;
   the outputs are a kernel's, which ``tests/test_inprocess.py`` checks), into the same jupyter-cache.
   A notebook that fails there is left to myst-nb, which runs it again in a kernel and reports the
   error as usual.  Each worker then renders its notebook's chart pictures (:func:`nkbook.pictures.prerender`),
   which the pages and the worksheets show.

3. **The longest first.**  Two workers finish together only if the longest notebook does not start
   last; a cold build knows no notebook's time, so ``nkbook_execute_first`` names those that take
   longest, which start first (then the others, in the book's order).

Settings: ``nkbook_input_folders`` (what the notebooks read besides themselves), ``nkbook_execute_first``
(documents, as in ``_toc.yml``; one that is not a notebook of the book is a warning).
Events, in order: ``builder-inited`` (fingerprint, clear the cache), ``env-get-outdated`` (every
notebook when the inputs changed), ``env-before-read-docs`` (execute side by side).
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import charts, stamps

logger = logging.getLogger(__name__)

INPUT_FOLDERS = ("src/nkbook", "data", "exercises", "seeds")


def cache_path(app: Sphinx) -> Path:
    return Path(getattr(app.config, "nb_execution_cache_path", "") or Path(app.outdir).parent / ".jupyter_cache")


def inputs_fingerprint(app: Sphinx) -> str:
    """The fingerprint of every file the notebooks read besides themselves (computed once a build)."""
    env = app.env
    if getattr(env, "nkbook_inputs", None) is None:
        root = Path(app.srcdir)
        env.nkbook_inputs = stamps.fingerprint(stamps.files_under(root, app.config.nkbook_input_folders), root)
    return env.nkbook_inputs


def cache_damage(path: Path) -> str | None:
    """What is wrong with the execution cache at ``path`` (a database that does not open, a record
    whose notebook is missing or unreadable), or ``None`` when it is whole or absent."""
    if not path.exists():
        return None
    from jupyter_cache import get_cache

    try:
        cache = get_cache(str(path))
        for record in cache.list_cache_records():
            cache.get_cache_bundle(record.pk)
    except Exception as error:  # sqlite3.DatabaseError, KeyError, nbformat's NotJSONError, ...
        return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}".rstrip(": ")
    return None


def _clear_stale_cache(app: Sphinx) -> None:
    app.env.nkbook_inputs = None
    app.env.nkbook_inputs_changed = stamps.changed(app.env, "inputs", inputs_fingerprint(app))
    if app.env.nkbook_inputs_changed and cache_path(app).exists():
        shutil.rmtree(cache_path(app))


def _start_a_damaged_cache_afresh(app: Sphinx) -> None:
    damaged = cache_damage(cache_path(app))
    if damaged:
        logger.info(f"nkbook: the execution cache {cache_path(app)} is damaged ({damaged}); starting it afresh")
        shutil.rmtree(cache_path(app))


def _reread_notebooks(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """When the shared inputs changed, every notebook is outdated, though its own file is not."""
    if not getattr(env, "nkbook_inputs_changed", False):
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")]


def _execute_first(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The documents of ``nkbook_execute_first``; a warning for each that is not a notebook of the book."""
    first = list(app.config.nkbook_execute_first)
    for docname in first:
        if docname not in env.found_docs or not str(env.doc2path(docname)).endswith(".ipynb"):
            logger.warning(f"nkbook: nkbook_execute_first names {docname!r}, which is not a notebook of the book")
    return first


def _first_then_in_order(env: BuildEnvironment, path: str, first: list[str]) -> int:
    """Where a notebook stands in the order of execution: those of ``first`` in its order, then the rest."""
    docname = env.path2doc(path)
    return first.index(docname) if docname in first else len(first)


def _execute_outdated_in_parallel(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Execute the notebooks about to be read that the cache lacks, side by side and without a
    kernel (:mod:`nkbook.inprocess`), into the cache; each worker then renders its charts' pictures."""
    if getattr(app.config, "nb_execution_mode", "off") != "cache":
        return
    notebooks = [Path(env.doc2path(d)) for d in docnames if str(env.doc2path(d)).endswith(".ipynb")]
    if not notebooks:
        return
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    from .. import inprocess, pictures

    _start_a_damaged_cache_afresh(app)
    cache = get_cache(str(cache_path(app)))
    todo = []
    for path in notebooks:
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            todo.append(str(path))
    if not todo:
        return
    todo.sort(key=functools.partial(_first_then_in_order, env, first=_execute_first(app, env)))
    workers = min(len(todo), os.cpu_count() or 1)
    logger.info(f"nkbook: executing {len(todo)} notebooks without a kernel, {workers} at a time")
    timeout = app.config.nb_execution_timeout
    # Each worker renders its chapter's pictures (for the pages and the worksheets); this process reads
    # the bank its pages ask from while the workers run.
    render = functools.partial(pictures.prerender, cache=charts.svg_cache(app))
    inprocess.start(preload=("nkbook.pictures",))
    for result in inprocess.execute_side_by_side(todo, timeout, workers, then=render, meanwhile=inprocess.read_bank):
        if result.text is None:
            first_line = (result.error or "").strip().splitlines()[-1:] or [""]
            logger.info(
                f"nkbook: {result.path} failed without a kernel ({first_line[0][:200]}); myst-nb will run it in one"
            )
            continue
        logger.info(f"nkbook: {result.path}: executed without a kernel in {result.seconds:.1f} s")
        record = cache.add_nb_to_project(result.path)
        executed = nbformat.reads(result.text, as_version=4)
        cache.cache_notebook_bundle(
            CacheBundleIn(executed, record.uri, data={"execution_seconds": result.seconds}),
            check_validity=False,
            overwrite=True,
        )
        # Any picture the worker could not render, while the other notebooks still run (those it
        # rendered are found in the cache).
        try:
            pictures.prerender(executed, charts.svg_cache(app))
        except Exception:  # reading the notebook renders it again and reports the error
            pass


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_input_folders", INPUT_FOLDERS, "env", types=[tuple, list])
    app.add_config_value("nkbook_execute_first", [], "", types=[list, tuple])
    app.connect("builder-inited", _clear_stale_cache)
    app.connect("env-get-outdated", _reread_notebooks)
    app.connect("env-before-read-docs", _execute_outdated_in_parallel)
