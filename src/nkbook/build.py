"""``python -m nkbook.build build . -W -n --keep-going``: jupyter-book's own command line, started
about 2 s sooner (see :mod:`nkbook.fastimport`), and, for a first build, with the fork server that
executes the notebooks (:func:`nkbook.inprocess.start`) importing in the background while jupyter-book
starts up.  ``make book`` and the tests build the book this way.

Once jupyter-book has finished and every other exit handler has run, the process ends at once
(:func:`end_at_once`), rather than take the interpreter apart object by object: with Sphinx's
environment in memory, that took half a second after "build succeeded"."""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

from .fastimport import import_without_iri_grammar


def first_build(argv: list[str]) -> bool:
    """Whether ``argv`` builds a book that has no execution cache yet (every notebook will run): then
    the fork server is started at once.  Otherwise the build starts it only if a notebook must run,
    so that a rebuild with nothing to execute does not import for nothing.  A guess from the first
    argument that is not an option (the book's folder); a wrong guess costs time, nothing else."""
    if argv[1:2] != ["build"]:
        return False
    folders = [a for a in argv[2:] if not a.startswith("-")]
    book = Path(folders[0]) if folders else Path(".")
    return not (book / "_build" / ".jupyter_cache").exists()


_FINISHED: dict[str, int] = {}  # "status", once jupyter-book has returned or exited


def exit_status(code) -> int:
    """The status ``sys.exit(code)`` ends with (a message, printed, ends with 1)."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def end_at_once() -> None:
    """The exit handler registered first, so run last: once the build has finished with a status, flush
    the logs and the standard streams and end the process with it, skipping the interpreter's teardown
    (every file of the build is written and closed by then).  After an uncaught error, nothing."""
    if "status" not in _FINISHED:
        return
    import logging

    logging.shutdown()  # its own handler was registered before this one, so it would run after it
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_FINISHED["status"])


def main() -> None:
    atexit.register(end_at_once)
    if first_build(sys.argv):
        from .inprocess import start

        start(preload=("nkbook.pictures",))
    import_without_iri_grammar("jsonschema")
    from jupyter_book.cli.main import main as jupyter_book

    try:
        code = jupyter_book()
    except SystemExit as done:
        code = done.code
    _FINISHED["status"] = exit_status(code)
    sys.exit(_FINISHED["status"])


if __name__ == "__main__":
    main()
