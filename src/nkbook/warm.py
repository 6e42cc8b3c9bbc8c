"""Imported by the fork server the notebook workers come from (:func:`nkbook.inprocess.start`): it
imports what the chapters import and reads the exercise bank, once, so that no notebook pays for them.

The fork server ends when the build that started it ends; it then ends at once, rather than take apart
every module it imported (with pandas and Altair in memory, that kept it, and the build's output pipe,
open for a third of a second after the build).  Its workers end on their own (multiprocessing ends
them with ``os._exit``)."""

import atexit
import os

from .inprocess import warm

warm()
atexit.register(os._exit, 0)  # registered last, so run first: the fork server's other handlers are not run
