"""Shared helpers for the book *North Korean women and children in China*.

- :mod:`nkbook.paths`      where the book's folders are
- :mod:`nkbook.data`       load a table of ``data/`` and validate it against ``data/schema.yml``
- :mod:`nkbook.provenance` check that quotes and numbers stand in their sources
- :mod:`nkbook.sources`    the five articles and their citations (``seeds/sources.yml``)
- :mod:`nkbook.charts`     the book's Altair charts, each with a text alternative
- :mod:`nkbook.sphinx_ext` Sphinx glue: serve chart scripts from ``_static``, render chart outputs
"""

__version__ = "0.1.0"
