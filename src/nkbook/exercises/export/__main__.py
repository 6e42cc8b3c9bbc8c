"""``python -m nkbook.exercises.export {answer-key|lms|gift} OUT``, the same as ``nkbook-teach``."""

from .cli import main

raise SystemExit(main())
