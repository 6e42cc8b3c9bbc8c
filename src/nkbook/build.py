"""``python -m nkbook.build build . -W -n --keep-going``: jupyter-book's own command line, started
about 2 s sooner (see :mod:`nkbook.fastimport`), and with the fork server that executes the notebooks
(:func:`nkbook.inprocess.start`) importing in the background while jupyter-book starts up.  ``make
book`` and the tests build the book this way."""

from __future__ import annotations

import sys

from .fastimport import import_without_iri_grammar


def main() -> None:
    if sys.argv[1:2] == ["build"]:
        from .inprocess import start

        start(preload=("nkbook.sphinx.charts",))
    import_without_iri_grammar("jsonschema")
    from jupyter_book.cli.main import main as jupyter_book

    sys.exit(jupyter_book())


if __name__ == "__main__":
    main()
