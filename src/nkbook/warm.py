"""Imported by the fork server the notebook workers come from (:func:`nkbook.inprocess.start`): it
imports what the chapters import and reads the exercise bank, once, so that no notebook pays for them."""

from .inprocess import warm

warm()
