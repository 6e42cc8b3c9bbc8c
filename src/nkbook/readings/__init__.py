"""Readings: the book's editorial rules, apart from the pictures that draw them.

Each module decides one thing, with pandas and the standard library only (no Altair, no line
wrapping, no legend words), and has its own tests (``tests/test_readings_*.py``).  The chart modules
(:mod:`nkbook.charts`) draw these readings; they do not compute them.

- :mod:`.revisions`        which of several figures for a year wins (the latest revision), what its
  men/women split is, the period totals that are not years
- :mod:`.dates`            how precise a printed date is, and where (if anywhere) an event or an
  article may be placed on a calendar
- :mod:`.hedges`           what counts as a hedge ("most likely", "estimated")
- :mod:`.figures_meaning`  what a printed figure means ("more than", "up to", "about", a range, words)
- :mod:`.watchers`         who watches: each watcher an article names, in one of five groups
"""
