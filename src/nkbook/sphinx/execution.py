"""Notebook execution: again when a shared input changed, and side by side when the cache lacks them.

1. **Shared inputs, and a whole cache.**  myst-nb's cache keys on each notebook's own code, so a change to the helpers,
   the data, the exercises or the seeds would leave stale outputs.  When their fingerprint differs
   from the last successful build's (:mod:`.stamps`), the execution cache is cleared and every
   notebook is read again.  A cache that does not open, or holds a record whose notebook is
   missing or unreadable, is started afresh with a one-line message naming it.
2. **Side by side.**  myst-nb executes notebooks one after another as it reads them, and a kernel
   spends most of its time starting and importing, which runs well in parallel.  The notebooks about
   to be read that the cache lacks are executed first, side by side, into the same jupyter-cache; a
   notebook that fails there is left to myst-nb, which runs it again and reports the error as usual.
   As each notebook comes back, its charts' pictures are rendered (:func:`.charts.prerender`) while
   the others still run.

Settings: ``nkbook_input_folders`` (what the notebooks read besides themselves).
Events, in order: ``builder-inited`` (fingerprint, clear the cache), ``env-get-outdated`` (every
notebook when the inputs changed), ``env-before-read-docs`` (execute side by side).
"""

from __future__ import annotations

import concurrent.futures
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
    damaged = None if app.env.nkbook_inputs_changed else cache_damage(cache_path(app))
    if damaged:
        logger.info(f"nkbook: the execution cache {cache_path(app)} is damaged ({damaged}); starting it afresh")
    if (app.env.nkbook_inputs_changed or damaged) and cache_path(app).exists():
        shutil.rmtree(cache_path(app))


def _reread_notebooks(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """When the shared inputs changed, every notebook is outdated, though its own file is not."""
    if not getattr(env, "nkbook_inputs_changed", False):
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")]


def _execute_one(path: str, timeout: int, allow_errors: bool) -> tuple[str, str | None, float, str | None]:
    """Execute one notebook in its own folder (in a worker process); return it as JSON text."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = nbformat.read(path, as_version=4)
    try:
        result = single_nb_execution(notebook, cwd=str(Path(path).parent), timeout=timeout, allow_errors=allow_errors)
    except (
        Exception
    ) as error:  # the kernel did not start (a port taken by another process, ...): not the notebook's fault
        return path, None, 0.0, f"{type(error).__name__}: {error}"
    if result.err is not None:
        return path, None, result.time, result.exc_string
    return path, nbformat.writes(notebook), result.time, None


def _execute_outdated_in_parallel(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Execute the notebooks about to be read that the cache lacks, side by side, into the cache."""
    if getattr(app.config, "nb_execution_mode", "off") != "cache":
        return
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(cache_path(app)))
    todo = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix != ".ipynb":
            continue
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            todo.append(str(path))
    workers = min(len(todo), os.cpu_count() or 1)
    if workers < 2:
        return
    logger.info(f"nkbook: executing {len(todo)} notebooks, {workers} at a time")
    timeout, allow_errors = app.config.nb_execution_timeout, app.config.nb_execution_allow_errors
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_execute_one, path, timeout, allow_errors) for path in todo]
        for future in concurrent.futures.as_completed(futures):
            path, text, seconds, error = future.result()
            if text is None:
                first_line = (error or "").strip().splitlines()[-1:] or [""]
                logger.info(
                    f"nkbook: {path} failed in parallel execution ({first_line[0][:200]}); myst-nb will run it again"
                )
                continue
            record = cache.add_nb_to_project(path)
            executed = nbformat.reads(text, as_version=4)
            cache.cache_notebook_bundle(
                CacheBundleIn(executed, record.uri, data={"execution_seconds": seconds}),
                check_validity=False,
                overwrite=True,
            )
            # Its charts' pictures, while the other notebooks still run (the wait would be idle).
            try:
                charts.prerender(executed, charts.svg_cache(app))
            except Exception:  # reading the notebook renders it again and reports the error
                pass


def setup(app: Sphinx) -> None:
    app.add_config_value("nkbook_input_folders", INPUT_FOLDERS, "env", types=[tuple, list])
    app.connect("builder-inited", _clear_stale_cache)
    app.connect("env-get-outdated", _reread_notebooks)
    app.connect("env-before-read-docs", _execute_outdated_in_parallel)
