"""Run the book's answer checker (static/nkbook-exercises.js) under node, for the Python tests."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest

from nkbook.exercises.static import payload

NODE = shutil.which("node")
SCRIPT = Path(__file__).with_name("js_check.js")


def _tag_floats(value):
    """JSON has no infinity or NaN: send them tagged, and js_check.js turns them back into numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"__float__": repr(value).replace("inf", "Infinity").replace("nan", "NaN")}
    if isinstance(value, list):
        return [_tag_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: _tag_floats(v) for k, v in value.items()}
    return value


def run_js(cases: list) -> list[dict]:
    """``cases`` are [question payload, answer] pairs; returns the checker's verdicts, in order."""
    if NODE is None:
        pytest.fail("node is needed to run the exercises' checker (make env installs the npm packages with it)")
    text = json.dumps({"cases": _tag_floats(cases)}, allow_nan=False)
    done = subprocess.run([NODE, str(SCRIPT)], input=text, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def check(question, answer) -> dict:
    """One verdict: {status, message, explanation}."""
    return run_js([[payload(question), answer]])[0]


def check_many(question, answers: list) -> list[dict]:
    data = payload(question)
    return run_js([[data, a] for a in answers])
