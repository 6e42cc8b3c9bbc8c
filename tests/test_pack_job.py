"""The instructor pack made in the background (nkbook.pack.PackJob): while the build goes on, fed as the
notebooks are executed and read, moved whole into the site at the end; what fails there fails the
build and names what failed, and nothing of a failed or stopped pack is left."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nkbook import paths
from nkbook.pack import IN_PROGRESS, PACK, PackError, PackJob

WAIT = 60  # s: a spawned process imports the package first


def soon(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still not {what} after {WAIT} s")
        time.sleep(0.05)


# Targets for the job's process (it imports them by name, so they live at the top of this module).
def made_in_steps(out: Path, work: Path, gate, *args) -> list[str]:
    out.mkdir(parents=True)
    (out / "early.txt").write_text("before any notebook", encoding="utf-8")
    gate.wait_executed()
    (out / "executed.txt").write_text("after the execution step", encoding="utf-8")
    gate.wait_read()
    (out / "read.txt").write_text("after reading", encoding="utf-8")
    return ["a problem to warn about"]


def dies(out: Path, work: Path, gate, *args) -> list[str]:
    os._exit(3)


def waits_for_ever(out: Path, work: Path, gate, *args) -> list[str]:
    out.mkdir(parents=True)
    (out / "started.txt").write_text("", encoding="utf-8")
    time.sleep(600)
    return []


def niceness(out: Path, work: Path, gate, *args) -> list[str]:
    out.mkdir(parents=True)
    return [f"niceness {os.nice(0)}"]


def job(tmp_path: Path, target=None, chromium: Path = Path("/usr/bin/chromium")) -> PackJob:
    return PackJob(paths.root(), tmp_path / "work", chromium, tmp_path / "cache", target=target)


def test_the_pack_is_made_while_the_build_goes_on_and_moved_whole_into_the_site(tmp_path):
    html = tmp_path / "html"
    (html / PACK).mkdir(parents=True)
    (html / PACK / "from-an-earlier-build.pdf").write_bytes(b"old")
    (tmp_path / "work" / f"{IN_PROGRESS}.killed").mkdir(parents=True)  # a killed build's
    running = job(tmp_path, made_in_steps).start()
    assert not (tmp_path / "work" / f"{IN_PROGRESS}.killed").exists()
    soon(lambda: (running.out / "early.txt").is_file(), "started")
    time.sleep(0.5)
    assert not (running.out / "executed.txt").exists(), "it read notebooks before the build executed them"
    assert not (html / PACK / "early.txt").exists(), "the site holds a pack that is not whole"
    running.notebooks_executed()
    soon(lambda: (running.out / "executed.txt").is_file(), "past the execution step")
    time.sleep(0.5)
    assert not (running.out / "read.txt").exists(), "it went on before the build had read every notebook"
    assert running.finish(html) == ["a problem to warn about"]
    assert sorted(p.name for p in (html / PACK).iterdir()) == ["early.txt", "executed.txt", "read.txt"]
    assert not list((tmp_path / "work").glob(f"{IN_PROGRESS}.*"))


def test_an_error_in_the_background_fails_the_pack_and_names_what_failed(tmp_path):
    html = tmp_path / "html"
    (html / PACK).mkdir(parents=True)
    (html / PACK / "from-an-earlier-build.pdf").write_bytes(b"old")
    running = job(tmp_path, chromium=tmp_path / "no-chromium").start()
    with pytest.raises(PackError, match=r"^the answer key could not be made: RuntimeError: .*apt-get install chromium"):
        running.finish(html)
    assert not (html / PACK).exists(), "a failed build keeps a pack it did not make"
    assert not list((tmp_path / "work").glob(f"{IN_PROGRESS}.*"))


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_the_pack_is_made_at_the_lowest_cpu_priority(tmp_path):
    # The build waits for its own steps, not for the pack: the pack (and the Chromium it starts) takes
    # only the CPU those steps leave.
    assert job(tmp_path, niceness).start().finish(tmp_path / "html") == ["niceness 19"]


def test_a_pack_process_that_dies_fails_the_pack(tmp_path):
    with pytest.raises(PackError, match=r"ended without a word \(exit code 3\)"):
        job(tmp_path, dies).start().finish(tmp_path / "html")


def test_a_failed_build_stops_the_pack_and_keeps_nothing_of_it(tmp_path):
    running = job(tmp_path, waits_for_ever).start()
    soon(lambda: (running.out / "started.txt").is_file(), "started")
    started = time.monotonic()
    running.cancel()
    assert time.monotonic() - started < 10
    assert not running._process.is_alive()
    assert not list((tmp_path / "work").glob(f"{IN_PROGRESS}.*"))


def test_a_chromium_prints_pages_in_turn_counts_their_pages_and_keeps_only_them(tmp_path):
    import concurrent.futures

    from nkbook.pack import Printer

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")

    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "an-earlier-builds.pdf").write_bytes(b"%PDF")

    def print_four() -> dict[int, int]:
        counts = {}
        with Printer(chromium, tmp_path / "cache") as printer:
            for n in range(4):
                page = tmp_path / f"page{n}.html"
                page.write_text("<p style='break-after:page'>One</p>" * n + "<p>Last</p>", encoding="utf-8")
                counts[n] = printer.print(page, tmp_path / f"page{n}.pdf", f"Page {n}")
            printer.print(tmp_path / "page0.html", tmp_path / "again.pdf", "Page 0")  # from the cache
        printer.prune()
        return counts

    # In a thread of its own: Playwright's sync API refuses a thread where the tests' browser runs.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(print_four).result() == {0: 1, 1: 2, 2: 3, 3: 4}
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "page0.pdf").read_bytes()
    # The cache keeps what was printed, not an earlier build's PDF.
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == 4
    assert not (tmp_path / "cache" / "an-earlier-builds.pdf").exists()
