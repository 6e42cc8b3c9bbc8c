"""A chapter run live in JupyterLab (what `make lab` gives students): every chart drawn, every exercise
shown as a widget that answers, and no chart redrawn in a loop (a container-wide chart did that until the tab hung).

Slow (a JupyterLab server, a kernel, a browser), so one chapter: the one with two interactive charts.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from nkbook import paths

pytestmark = [pytest.mark.browser]

CHAPTER = "bigger-picture.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1, serving a copy of one chapter (so that nothing is saved into chapters/)."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(paths.chapters_dir() / CHAPTER, root / CHAPTER)
    port = _free_port()
    env = dict(
        os.environ, JUPYTER_CONFIG_DIR=str(root / ".config"), JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces")
    )
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(root / "lab.log", "w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/lab", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                os.killpg(server.pid, signal.SIGKILL)
                pytest.fail(f"JupyterLab did not start:\n{(root / 'lab.log').read_text()[-2000:]}")
            time.sleep(0.5)
    yield url
    os.killpg(server.pid, signal.SIGTERM)  # the server and the kernels it started
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
    log.close()


def test_a_chapter_runs_live_with_its_charts_and_widgets(browser, lab):
    import nbformat

    notebook = nbformat.read(paths.chapters_dir() / CHAPTER, as_version=4)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    n_charts = sum(s.count("charts.show(") for s in code)
    n_asks = sum(s.count("ask(") for s in code)
    assert n_charts == 2 and n_asks >= 5

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    redraws, crashed = [], []
    page.on("console", lambda m: "current version of Vega-Lite" in m.text and redraws.append(m.text))
    page.on("crash", lambda: crashed.append(True))
    page.goto(f"{lab}/lab/tree/{CHAPTER}?reset", wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=60_000)
    # Run only once the kernel has started and is idle (the status bar says so).
    page.locator(".jp-StatusBar-Widget", has_text="Idle").first.wait_for(timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_function(
        f"document.querySelectorAll('.jp-OutputArea-output .marks').length >= {n_charts}", timeout=90_000
    )
    # Each exercise is the book's own form, wired by the book's own script inside an anywidget.
    page.wait_for_function(
        f"document.querySelectorAll('.jp-OutputArea-output form.nkbook-exercise[data-ready=true]').length >= {n_asks}",
        timeout=60_000,
    )
    numeric = page.locator('.jp-OutputArea-output [data-exercise-id="picture-4"]')
    numeric.locator("input[type=text]").fill("81")
    numeric.locator("button[type=submit]").click()
    assert "one decimal place" in numeric.locator("[role=status]").inner_text()
    numeric.locator("input[type=text]").fill("80,7 %")
    numeric.locator("button[type=submit]").click()
    assert numeric.locator("[role=status]").inner_text().startswith("\u2714 Right")
    time.sleep(2)  # a chart redrawn in a loop would go on logging meanwhile
    assert not crashed
    # Each chart is drawn once or a few times (JupyterLab renders on every resize), not hundreds.
    assert len(redraws) <= 10 * n_charts, f"{len(redraws)} drawings of {n_charts} charts: a redraw loop"
    assert page.evaluate("document.querySelectorAll('.jp-OutputArea-output .marks').length") == n_charts
    page.close()
