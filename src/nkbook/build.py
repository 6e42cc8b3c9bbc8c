"""``python -m nkbook.build build . -W -n --keep-going``: jupyter-book's own command line, started
about 2 s sooner (see :mod:`nkbook.fastimport`), and, for a first build, with the fork server that
executes the notebooks (:func:`nkbook.inprocess.start`) importing in the background while jupyter-book
starts up.  ``make book`` and the tests build the book this way."""

from __future__ import annotations

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


def main() -> None:
    if first_build(sys.argv):
        from .inprocess import start

        start(preload=("nkbook.sphinx.charts",))
    import_without_iri_grammar("jsonschema")
    from jupyter_book.cli.main import main as jupyter_book

    sys.exit(jupyter_book())


if __name__ == "__main__":
    main()
