"""Measure the book's build and its pages, in one run, and print one table (``make bench``).

Not a test: timings depend on the machine. It measures, in a private copy of the book:

- the cold build (empty cache), of the book alone (no instructor pack) and as ``make book`` runs it
  (with the pack), each the median of three runs taken in turns with the template's; the warm
  rebuild (nothing changed), and the rebuild after one chapter's code changed (which must
  re-execute that notebook alone);
- the nbval run over every notebook;
- the same cold and warm builds for a bare ``jupyter-book create`` template book with as many
  notebook chapters as ours (its execution switched to the same cache mode, for a fair warm figure);
- per chapter page (headless Chromium on loopback, gzip as a static host serves it):
  - **every chart visible**: the page opened, every chart's picture (an SVG in the HTML) laid out,
    no chart engaged or near: the bytes transferred (HTML, CSS, fonts, scripts of the page; no
    chart script);
  - **read to the end**: the reader scrolls to the foot of the page; charts are fetched as the reader
    nears them (nkbook-charts.js), so this is what a reader who reads on transfers;
  - **every chart interactive**: every chart asked for as soon as the page is parsed: bytes, and
    the time until the last interactive view is in place;
  - the time of the first paint and the time the first chart's picture is first painted;
  - the Cumulative Layout Shift (Chromium) of a phone reading to the end (charts swapped in).

Goals (from the project's issues): warm rebuild <= 15% of cold; our cold build <= 1x the template's
(issue 12; it was 2x); every chapter page <= 400 KB of HTML and all charts drawn within 1 s; every
chart visible for <= 150 KB; the first chart at first paint; no layout shift.

``--pages-only [html folder]`` measures the pages of a built book alone (default ``_build/html``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import yaml
from serve import serve

from nkbook.toc import toc_files

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JB = str(BIN / "jupyter-book")
CHROMIUM = "/usr/bin/chromium"


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return elapsed, done.stdout + done.stderr


def copy_book(target: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", "_build", "node_modules", ".git", ".pytest_cache", "__pycache__")
    shutil.copytree(ROOT, target, ignore=ignore)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def executed(log: str) -> list[str]:
    """The notebooks a build executed: without a kernel (nkbook.sphinx.execution), or by myst-nb."""
    return re.findall(r"([\w./-]+\.ipynb): (?:Executing notebook|executed without a kernel)", log)


def build_book(book: Path) -> tuple[float, str]:
    env = dict(os.environ, NKBOOK_ROOT=str(book))
    # As `make book` does it: jupyter-book's command line through nkbook.build.
    return run([sys.executable, "-m", "nkbook.build", "build", str(book), "-W", "-n", "--keep-going"], book, env)


def notebook_chapters() -> list[str]:
    return [f for f in toc_files(ROOT) if (ROOT / f"{f}.ipynb").is_file()]


def touch_code(notebook: Path) -> None:
    """Change one code cell (a comment), so the execution cache sees a new notebook."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    cell["source"] = "".join(cell["source"]) + "\n# benchmark: changed"
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


def template_book(target: Path, chapters: int) -> Path:
    run([JB, "create", str(target)], target.parent)
    config = yaml.safe_load((target / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = "cache"
    (target / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for i in range(chapters):
        shutil.copy(target / "notebooks.ipynb", target / f"notebook{i}.ipynb")
    toc = {
        "format": "jb-book",
        "root": "intro",
        "chapters": [{"file": "markdown"}] + [{"file": f"notebook{i}"} for i in range(chapters)],
    }
    (target / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    (target / "notebooks.ipynb").unlink()
    (target / "markdown-notebooks.md").unlink()
    return target


DRAWN = (
    "() => document.readyState !== 'loading' && [...document.querySelectorAll('figure.nkbook-chart')]"
    ".every(f => f.querySelector('.nkbook-chart__view svg, .nkbook-chart__view canvas'))"
)
# Bytes over the wire (compressed), from the browser's own resource timing.
TRANSFERRED = (
    "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
    ".reduce((sum, e) => sum + (e.transferSize || 0), 0)"
)
# Ask for every chart once the page is parsed (nkbook-charts.js has run by then: it is deferred).
DRAW_ALL = "document.addEventListener('DOMContentLoaded', () => window.nkbookCharts && nkbookCharts.drawAll())"
# When the first chart's picture is first painted: the first animation frame after it has a box (the
# frame after that is painted), beside the browser's own first paint.
FIRST_CHART = """
window.__nkbookFirstChart = null;
(function look() {
  const svg = document.querySelector('figure.nkbook-chart .nkbook-chart__svg');
  if (svg && svg.getBoundingClientRect().height > 0) {
    requestAnimationFrame(() => { window.__nkbookFirstChart = performance.now(); });
  } else {
    requestAnimationFrame(look);
  }
})();
window.__nkbookCLS = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => {
  if (!e.hadRecentInput) window.__nkbookCLS += e.value;
})).observe({type: 'layout-shift', buffered: true});
"""
PICTURES_SHOWN = (
    "() => document.readyState !== 'loading' && [...document.querySelectorAll('figure.nkbook-chart')]"
    ".every(f => { const s = f.querySelector('.nkbook-chart__svg');"
    " return s && s.getBoundingClientRect().height > 0; })"
)
FIRST_PAINT = (
    "() => (performance.getEntriesByName('first-contentful-paint')[0] || performance.getEntriesByName('first-paint')[0]"
    " || {startTime: NaN}).startTime"
)
VENDOR = "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/_static/vendor/')).length"
PHONE = {"width": 375, "height": 812}
COLD_RUNS = 3  # each cold build, in turns; the median is compared
LOADS = 3  # each page is loaded this many times, each in a fresh context (empty cache); the median is kept


def page_figures(html: Path, pages: list[str]) -> list[dict]:
    """Per page: HTML bytes on disk, bytes transferred with gzip, and the time from navigation until
    every chart is drawn (median of LOADS cold-cache loads, after one warm-up load of the browser)."""
    import statistics

    from playwright.sync_api import sync_playwright

    base, server = serve(html)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])

        def visible(page_name: str) -> tuple[float, float, float, int]:
            """Every chart visible as its picture, none engaged or near (the page opened at its top):
            bytes transferred, first paint, first chart painted, chart scripts fetched."""
            context = browser.new_context(viewport=PHONE)
            context.add_init_script(FIRST_CHART)
            page = context.new_page()
            page.goto(f"{base}/{page_name}", wait_until="load")
            page.wait_for_function(PICTURES_SHOWN, timeout=15000)
            page.wait_for_function("() => window.__nkbookFirstChart !== null", timeout=15000)
            page.wait_for_load_state("networkidle")
            found = (page.evaluate(TRANSFERRED), page.evaluate(FIRST_PAINT), page.evaluate("__nkbookFirstChart"))
            vendor = page.evaluate(VENDOR)
            context.close()
            return (*found, vendor)

        def read(page_name: str) -> tuple[float, float]:
            """A phone reader scrolling to the foot of the page: bytes transferred and the layout shift."""
            context = browser.new_context(viewport=PHONE)
            context.add_init_script(FIRST_CHART)
            page = context.new_page()
            page.goto(f"{base}/{page_name}", wait_until="load")
            page.wait_for_load_state("networkidle")
            while page.evaluate("scrollY + innerHeight < document.documentElement.scrollHeight - 2"):
                page.mouse.wheel(0, 400)
                page.wait_for_timeout(80)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            found = (page.evaluate(TRANSFERRED), page.evaluate("__nkbookCLS"))
            context.close()
            return found

        def load(page_name: str) -> tuple[float, float, float, int]:
            """Charts are fetched when the reader nears them: here every chart is asked for as soon as
            the page is parsed (as before printing), and the time is until the last one is drawn."""
            context = browser.new_context()
            context.add_init_script(DRAW_ALL)
            page = context.new_page()
            page.goto(f"{base}/{page_name}", wait_until="commit")
            page.wait_for_function(DRAWN, timeout=15000, polling=10)
            drawn = page.evaluate("() => performance.now()")
            ready = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            page.wait_for_load_state("networkidle")
            sent = page.evaluate(TRANSFERRED)
            charts = page.locator("figure.nkbook-chart").count()
            context.close()
            return drawn, ready, sent, charts

        load(pages[0])  # warm-up: the first page a fresh browser opens pays for starting its processes
        for page_name in pages:
            runs = [load(page_name) for _ in range(LOADS)]
            seen = [visible(page_name) for _ in range(LOADS)]
            reads = [read(page_name) for _ in range(LOADS)]
            rows.append(
                {
                    "page": page_name,
                    "html_kb": (html / page_name).stat().st_size / 1024,
                    "visible_kb": statistics.median(r[0] for r in seen) / 1024,
                    "first_paint_ms": statistics.median(r[1] for r in seen),
                    "first_chart_ms": statistics.median(r[2] for r in seen),
                    "vendor_when_visible": max(r[3] for r in seen),
                    "read_kb": statistics.median(r[0] for r in reads) / 1024,
                    "cls": max(r[1] for r in reads),
                    "transferred_kb": statistics.median(r[2] for r in runs) / 1024,
                    "charts": runs[0][3],
                    "ready_ms": statistics.median(r[1] for r in runs),
                    "drawn_ms": statistics.median(r[0] for r in runs),
                }
            )
        browser.close()
    server.shutdown()
    return rows


def print_pages(pages: list[dict]) -> None:
    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(
        f"\nPer page, median of {LOADS} cold-cache loads, phone viewport (375 x 812) but for 'every chart "
        "interactive'. 'Every chart visible': opened, every chart's picture laid out, none engaged or near "
        "(chart scripts fetched: the number in brackets, goal 0). 'Read to the end': scrolled to the foot, "
        "the charts fetched as the reader nears them. 'Every chart interactive': every chart asked for once "
        "the page is parsed. CLS: the most of the loads, reading to the end.\n"
    )
    print(
        "| page | HTML KB | every chart visible KB | read to the end KB | every chart interactive KB | charts "
        "| first paint (ms) | first chart painted (ms) | every chart interactive (ms) | CLS | goal |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in pages:
        ok = (
            row["html_kb"] <= 400
            and row["drawn_ms"] <= 1000
            and row["visible_kb"] <= 150
            and row["vendor_when_visible"] == 0
            and row["cls"] < 0.1
        )
        print(
            f"| {row['page']} | {row['html_kb']:.0f} | {row['visible_kb']:.0f} ({row['vendor_when_visible']}) | "
            f"{row['read_kb']:.0f} | {row['transferred_kb']:.0f} | {row['charts']} | {row['first_paint_ms']:.0f} | "
            f"{row['first_chart_ms']:.0f} | {row['drawn_ms']:.0f} | {row['cls']:.3f} | {verdict(ok)} |"
        )


def main() -> None:
    if "--pages-only" in sys.argv:
        rest = sys.argv[sys.argv.index("--pages-only") + 1 :]
        html = Path(rest[0]) if rest else ROOT / "_build" / "html"
        print_pages(page_figures(html, [f"{c}.html" for c in notebook_chapters()]))
        return
    chapters = notebook_chapters()
    work = Path(tempfile.mkdtemp(prefix="nkbook-bench-"))
    book = copy_book(work / "book")
    print(f"Benchmark in {work} ({len(chapters)} notebook chapters)\n", flush=True)

    # Cold builds vary by a few tenths of a second from run to run (and a kernel of the template book now
    # and then takes seconds longer to start), so each cold build is run COLD_RUNS times, in turns, and
    # its median compared. The book alone (no instructor pack: the pages, their pictures and the
    # notebooks' execution) in a copy of its own, the whole build as `make book` runs it, the template.
    alone = copy_book(work / "alone")
    config = alone / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nkbook_pack: true", "nkbook_pack: false"), "utf-8")
    template = template_book(work / "template", len(chapters))
    colds: dict[str, list[float]] = {"alone": [], "book": [], "template": []}
    for _ in range(COLD_RUNS):
        for name, folder in (("alone", alone), ("book", book), ("template", template)):
            shutil.rmtree(folder / "_build", ignore_errors=True)
            seconds, log = run([JB, "build", str(folder)], folder) if name == "template" else build_book(folder)
            colds[name].append(seconds)
    template_failed = len(re.findall(r"Executing notebook failed", log))
    t_warm, _ = run([JB, "build", str(template)], template)
    shutil.rmtree(alone, ignore_errors=True)
    cold_alone, cold, t_cold = (statistics.median(colds[name]) for name in ("alone", "book", "template"))
    warm, warm_log = build_book(book)
    touch_code(book / f"{chapters[-1]}.ipynb")
    one, one_log = build_book(book)
    reexecuted = executed(one_log)
    env = dict(os.environ, NKBOOK_ROOT=str(book))
    nbval, _ = run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            *[str(book / f"{c}.ipynb") for c in chapters],
        ],
        book,
        env,
    )

    html = book / "_build" / "html"
    pages = page_figures(html, [f"{c}.html" for c in chapters])

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print("| measure | seconds | goal | |")
    print("|---|---:|---|---|")

    def runs(name: str) -> str:
        return ", ".join(f"{x:.1f}" for x in colds[name])

    print(f"| our cold build (empty cache), median of {COLD_RUNS} ({runs('book')}) | {cold:.1f} | | |")
    print(
        f"| our warm rebuild (nothing changed) | {warm:.1f} | <= 15% of cold ({0.15 * cold:.1f} s) | "
        f"{verdict(warm <= 0.15 * cold)} ({100 * warm / cold:.0f}%) |"
    )
    print(
        f"| rebuild after one chapter changed | {one:.1f} | re-executes that notebook alone | "
        f"{verdict(len(reexecuted) == 1)} ({', '.join(Path(r).name for r in reexecuted) or 'none'}) |"
    )
    print(f"| nbval over every notebook | {nbval:.1f} | | |")
    print(f"| template book cold ({len(chapters)} notebooks), median ({runs('template')}) | {t_cold:.1f} | | |")
    print(f"| template book warm | {t_warm:.1f} | | |")
    print(f"| our cold build without the instructor pack, median ({runs('alone')}) | {cold_alone:.1f} | | |")
    print(
        f"| our cold / template cold, without the pack | {cold_alone / t_cold:.2f}x | <= 1x (issue 12) | "
        f"{verdict(cold_alone <= t_cold)} |"
    )
    print(
        f"| our cold / template cold, with the pack | {cold / t_cold:.2f}x | <= 1x (issue 12) | "
        f"{verdict(cold <= t_cold)} |"
    )
    if template_failed:
        # jupyter-book's template notebook plots with matplotlib, which the book does not install: its
        # kernels start, and stop at the first cell. A template that ran whole would take longer.
        print(
            f"\nNote: {template_failed} of the template's {len(chapters)} notebooks stopped at their first cell "
            "(no matplotlib in this environment), so the template's time is a lower bound."
        )
    print()
    print_pages(pages)
    if "--keep" not in sys.argv:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
