"""Import modules without the 2 s that jsonschema spends compiling a grammar this project never uses.

jsonschema tries, on import, to load ``rfc3987_syntax`` (installed for Jupyter's event schemas) to
check the "iri" string format; that module compiles a Lark parser for about 2 s. Neither Altair nor
jupyter-book checks string formats, so while the first import of jsonschema runs we make that one
import fail fast, then put the module back within reach for anyone who imports it later.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

_SLOW = "rfc3987_syntax"


def import_without_iri_grammar(name: str) -> ModuleType:
    """``importlib.import_module(name)``, with jsonschema (if it comes first here) spared the IRI grammar."""
    if "jsonschema" in sys.modules or _SLOW in sys.modules:
        return importlib.import_module(name)
    sys.modules[_SLOW] = None  # type: ignore[assignment]  (makes "import rfc3987_syntax" fail at once)
    try:
        return importlib.import_module(name)
    finally:
        del sys.modules[_SLOW]
