"""What counts as a hedge: the words by which a source marks a claim or a figure as less than certain."""

from __future__ import annotations

# Words by which an article marks a claim as its own inference rather than something seen.
HEDGES = ("most likely", "apparently", "reportedly", "might have", "it seems", "interpreted as")


def hedge_of(quote: str) -> str:
    """The hedging words a quote uses (``"most likely"``), or ``""`` when it states the claim plainly."""
    low = quote.lower()
    return ", ".join(h for h in HEDGES if h in low)


# Words by which an estimate printed without "about", "more than" or "up to" is still marked as uncertain.
ESTIMATE_HEDGES = ("estimated", "believed")


def estimate_hedge(as_printed: str) -> str:
    """The first hedging word of an estimate as printed (``"an estimated 20,000"`` -> ``"estimated"``), or ``""``."""
    low = str(as_printed).lower()
    return next((h for h in ESTIMATE_HEDGES if h in low), "")
