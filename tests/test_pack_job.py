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


class SlowPrinter:
    """A printer that takes its time, and notes how many print at once, and in which thread."""

    def __init__(self, log: dict):
        self.log = log
        self.open = False

    def __enter__(self):
        self.open = True
        return self

    def __exit__(self, *exc):
        self.open = False

    def print(self, what: str) -> None:
        import threading

        with self.log["lock"]:
            self.log["now"] += 1
            self.log["most"] = max(self.log["most"], self.log["now"])
        time.sleep(0.3)
        with self.log["lock"]:
            self.log["now"] -= 1
            self.log["done"].append((what, threading.current_thread().name, id(self)))


def slow_log() -> dict:
    import threading

    return {"lock": threading.Lock(), "now": 0, "most": 0, "done": []}


def test_several_printers_print_at_once_each_on_a_thread_of_its_own():
    from nkbook.pack import print_all

    log = slow_log()
    printers = [SlowPrinter(log), SlowPrinter(log)]
    started = time.monotonic()
    print_all(printers, ((f"job {i}", lambda printer, i=i: printer.print(f"job {i}")) for i in range(6)))
    assert time.monotonic() - started < 6 * 0.3 * 0.75
    assert log["most"] == 2
    assert sorted(what for what, _, _ in log["done"]) == [f"job {i}" for i in range(6)]
    # a printer is used by one thread only (Playwright's sync API), and closed at the end
    threads = {}
    for _, thread, printer in log["done"]:
        assert threads.setdefault(printer, thread) == thread
    assert len(threads) == 2 and not any(p.open for p in printers)


def test_an_error_in_one_printers_job_stops_them_all_and_names_the_job():
    from nkbook.pack import print_all

    log = slow_log()

    def fails(printer):
        raise ValueError("no such chart")

    jobs = [("job 0", lambda p: p.print("job 0")), ("the worksheet of x", fails)]
    jobs += [(f"job {i}", lambda p, i=i: p.print(f"job {i}")) for i in range(1, 20)]
    with pytest.raises(PackError, match=r"^the worksheet of x could not be made: ValueError: no such chart$"):
        print_all([SlowPrinter(log), SlowPrinter(log)], iter(jobs))
    assert len(log["done"]) < 6


def test_two_chromiums_print_real_pages_at_once(tmp_path):
    from nkbook.pack import Printer, print_all

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    counts = {}

    def job(n: int):
        def run(printer):
            page = tmp_path / f"page{n}.html"
            page.write_text("<p style='break-after:page'>One</p>" * n + "<p>Last</p>", encoding="utf-8")
            counts[n] = printer.print(page, tmp_path / f"page{n}.pdf", f"Page {n}")

        return f"page {n}", run

    print_all([Printer(chromium, tmp_path / "cache"), Printer(chromium, tmp_path / "cache")], map(job, range(4)))
    assert counts == {0: 1, 1: 2, 2: 3, 3: 4}
