"""``python -m nkbook.build build . -W -n --keep-going``: jupyter-book's own command line, started
about 2 s sooner (see :mod:`nkbook.fastimport`). ``make book`` and the tests build the book this way."""

from __future__ import annotations

import sys

from .fastimport import import_without_iri_grammar


def main() -> None:
    import_without_iri_grammar("jsonschema")
    from jupyter_book.cli.main import main as jupyter_book

    sys.exit(jupyter_book())


if __name__ == "__main__":
    main()
