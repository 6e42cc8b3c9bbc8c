"""Lighthouse scores of the built book (``make lighthouse``): the introduction, the model chapter and
the heaviest chapter page, served on loopback, audited by npm's ``lighthouse`` with Debian's Chromium.

Not a test: performance scores vary from run to run. Goals: accessibility 100, performance >= 95.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import serve

ROOT = Path(__file__).resolve().parents[1]
# LIGHTHOUSE_HTML audits another copy of the built book (so that a rebuild can go on meanwhile).
HTML = Path(os.environ.get("LIGHTHOUSE_HTML", ROOT / "_build" / "html"))
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Lighthouse's presets: "mobile" (its default: a mid-range phone on slow 4G, CPU 4x slower) and "desktop".
# LIGHTHOUSE_PRESETS="mobile" measures one. Performance varies from run to run: the median of RUNS runs
# is reported, as Lighthouse advises.
PRESETS = os.environ.get("LIGHTHOUSE_PRESETS", "mobile desktop").split()
PRESET_FLAGS = {"mobile": [], "desktop": ["--preset=desktop"]}
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "5"))


def pages() -> list[str]:
    chapters = sorted((HTML / "chapters").glob("*.html"), key=lambda p: p.stat().st_size)
    heaviest = chapters[-1].relative_to(HTML).as_posix()
    return list(dict.fromkeys(["chapters/intro.html", "chapters/survey-hopes.html", heaviest]))


def main() -> None:
    if not (HTML / "index.html").is_file():
        sys.exit("No book yet: run 'make book' first.")
    base, server = serve(HTML)
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    failed = False
    print(f"| page | preset | performance (median of {RUNS}) | accessibility (lowest) | goal |")
    print("|---|---|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages():
            for preset in PRESETS:
                perfs, a11ys = [], []
                for run in range(RUNS):
                    out = Path(tmp) / f"report{run}.json"
                    subprocess.run(
                        [
                            str(LIGHTHOUSE),
                            f"{base}/{page}",
                            "--quiet",
                            "--output=json",
                            f"--output-path={out}",
                            "--only-categories=performance,accessibility",
                            *PRESET_FLAGS[preset],
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                        ],
                        env=env,
                        check=True,
                    )
                    categories = json.loads(out.read_text())["categories"]
                    perfs.append(round(100 * categories["performance"]["score"]))
                    a11ys.append(round(100 * categories["accessibility"]["score"]))
                perf, a11y = statistics.median(perfs), min(a11ys)
                ok = perf >= 95 and a11y == 100
                failed |= not ok
                print(
                    f"| {page} | {preset} | {perf:g} (runs: {', '.join(map(str, perfs))}) | {a11y} | "
                    f"{'ok' if ok else 'MISSED'} |",
                    flush=True,
                )
    server.shutdown()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
