"""Shared helpers for the book *Women and children who fled North Korea, in China*.

Facts, and where they come from:

- :mod:`nkbook.paths`        where the book's folders are
- :mod:`nkbook.textfiles`    reading the book's files: UTF-8 (a BOM accepted), cached while unchanged
- :mod:`nkbook.sources`      the one source lookup: an article or a context figure, its text, its citation
- :mod:`nkbook.provenance`   text rules: does a quote stand in a text, does a number stand in a quote
- :mod:`nkbook.datapackage`  ``data/datapackage.json`` (Frictionless), and reading a table against it
- :mod:`nkbook.data`         ``load(name)``: a table, checked by the standard and by our provenance step
- :mod:`nkbook.readings`     the editorial rules charts draw: revisions, dates, hedges, printed figures
- :mod:`nkbook.toc`          the pages of ``_toc.yml``, in reading order
- :mod:`nkbook.excerpts`     the excerpts a chapter quotes, with their attributions

What a reader sees:

- :mod:`nkbook.charts`       one module of Altair charts per chapter, named after its file, with its finding in words
- :mod:`nkbook.exercises`    the question bank (``exercises/``) as widgets, HTML forms, answer key, LMS files
- :mod:`nkbook.outputs`      the notebook output types the helpers write; a chart's spec as a picture draws it
- :mod:`nkbook.pictures`     each chart as an SVG picture, rendered at build time (the pages, the worksheets)
- :mod:`nkbook.korean`       what counts as Korean text (marked ``lang="ko"``)

Building the book:

- :mod:`nkbook.sphinx`       the Sphinx glue, one module a feature (charts, exercises, pages, ...)
- :mod:`nkbook.build`        ``make book``'s launcher of jupyter-book
- :mod:`nkbook.inprocess`    notebooks executed without a kernel, in workers forked from a fork server
- :mod:`nkbook.warm`         what that fork server imports and reads once
- :mod:`nkbook.fastimport`   imports spared jsonschema's unused IRI grammar (2 s)

The instructor pack:

- :mod:`nkbook.worksheets`   one printable worksheet per chapter
- :mod:`nkbook.pack`         the pack (answer key, worksheets, LMS files, the site's zip) and its PDFs
"""

from importlib.metadata import version

__version__ = version("nkbook")  # pyproject.toml's; CITATION.cff repeats it
