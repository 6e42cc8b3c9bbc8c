"""A build is whole or it fails: ``make book`` killed at each stage, then run again, gives the book a
clean build gives, with every page's stylesheet and scripts present (issue: interrupted builds).

Each case works on its own copy of the book, so the book under test is never left half-built.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from nkbook import paths

pytestmark = pytest.mark.book

ROOT = paths.root()
COPIED = ("_config.yml", "_toc.yml", "chapters", "data", "exercises", "seeds", "src")
HASHED = [
    (re.compile(r"nkbook-site\.[0-9a-f]{12}\.css"), "nkbook-site.H.css"),
    (re.compile(r"\?v=[0-9a-f]+"), ""),
    (re.compile(r"_downloads/[0-9a-f]{32}/"), "_downloads/H/"),
]
ASSET = re.compile(r"""(?:href|src)="((?:\.\./)*_static/[^"?#]+)""")


def copy_book(target: Path) -> Path:
    target.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.ipynb_checkpoints"))
        else:
            shutil.copy(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def build(book: Path, kill_at: str | None = None) -> subprocess.CompletedProcess | None:
    """Build ``book`` as ``make book`` does; with ``kill_at``, SIGKILL the whole build (kernels and node
    included) as soon as a line of its log matches, and return None."""
    env = dict(os.environ, NKBOOK_ROOT=str(book), PYTHONUNBUFFERED="1")
    command = [sys.executable, "-m", "nkbook.build", "build", str(book), "-W", "-n", "--keep-going"]
    if kill_at is None:
        return subprocess.run(command, capture_output=True, text=True, env=env, cwd=book, timeout=600)
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=book, start_new_session=True
    )
    seen = []
    for line in process.stdout:
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)  # Sphinx's colours
        seen.append(line)
        if re.search(kill_at, line):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None
    process.wait()
    pytest.fail(f"the build finished before reaching {kill_at!r}:\n{''.join(seen[-20:])}")


def set_prompt(book: Path, text: str) -> None:
    path = book / "exercises" / "survey-hopes.yml"
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    bank["questions"][0]["prompt"] = text
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")


def pages(html: Path) -> dict[str, str]:
    out = {}
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.relative_to(html).parts:
            continue
        text = page.read_text(encoding="utf-8")
        for pattern, replacement in HASHED:
            text = pattern.sub(replacement, text)
        out[str(page.relative_to(html))] = text
    return out


def assert_whole(book: Path, prompt: str) -> None:
    html = book / "_build" / "html"
    assert prompt in (html / "chapters" / "survey-hopes.html").read_text(encoding="utf-8"), "a stale page"
    assert prompt in (html / "pack" / "answer-key.html").read_text(encoding="utf-8"), "a stale pack"
    for page in html.rglob("*.html"):
        if "_static" in page.relative_to(html).parts:
            continue
        for link in ASSET.findall(page.read_text(encoding="utf-8")):
            assert (page.parent / link).resolve().is_file(), f"{page.name} links {link}, which is missing"


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, str]:
    """The pages of a clean build of a copy whose first question reads 'Final prompt'."""
    book = copy_book(tmp_path_factory.mktemp("clean") / "book")
    set_prompt(book, "Final prompt: how many of the 40 hoped not to be sent back?")
    result = build(book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return pages(book / "_build" / "html")


@pytest.mark.parametrize(
    "stage",
    [
        r"nkbook: executing \d+ notebooks",  # executing the notebooks
        r"writing output\.\.\. \[",  # writing the pages
        r"nkbook: writing the book's stylesheet",  # the stylesheet step, after every page
        r"nkbook: writing the instructor pack",  # waiting for the pack, made in the background
    ],
    ids=["executing", "writing", "stylesheet", "pack"],
)
def test_a_build_killed_at_any_stage_is_mended_by_the_next(tmp_path, clean, stage):
    book = copy_book(tmp_path / "book")
    assert build(book).returncode == 0
    final = "Final prompt: how many of the 40 hoped not to be sent back?"
    set_prompt(book, final)
    build(book, kill_at=stage)
    rerun = build(book)
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert_whole(book, final)
    assert pages(book / "_build" / "html") == clean


def test_a_rebuild_keeps_a_pack_made_from_the_same_inputs_and_only_a_whole_one(tmp_path):
    book = copy_book(tmp_path / "book")
    assert build(book).returncode == 0
    pack = book / "_build" / "html" / "pack"

    def made() -> dict[Path, int]:
        return {path: path.stat().st_mtime_ns for path in pack.rglob("*") if path.is_file()}

    first = made()
    again = build(book)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "the instructor pack is kept: it was made from these very inputs" in again.stdout
    assert "the whole site for offline use is kept" in again.stdout
    assert made() == first
    (pack / "worksheets" / "watched.pdf").unlink()  # a pack that is not whole is made again
    mended = build(book)
    assert "writing the instructor pack" in mended.stdout and (pack / "worksheets" / "watched.pdf").is_file()
    changed = "Changed prompt: how many of the 40 hoped not to be sent back?"
    set_prompt(book, changed)
    rebuilt = build(book)
    assert rebuilt.returncode == 0 and "writing the instructor pack" in rebuilt.stdout
    assert_whole(book, changed)


def test_a_damaged_static_file_is_copied_again(tmp_path):
    book = copy_book(tmp_path / "book")
    assert build(book).returncode == 0
    static = book / "_build" / "html" / "_static"
    (static / "vendor" / "vega-lite.min.js").unlink()
    (static / "nkbook-exercises.js").write_text("// truncated", encoding="utf-8")
    rerun = build(book)
    assert rerun.returncode == 0
    assert "output is incomplete" in rerun.stdout
    assert (static / "vendor" / "vega-lite.min.js").read_bytes() == (
        ROOT / "node_modules/vega-lite/build/vega-lite.min.js"
    ).read_bytes()
    assert (static / "nkbook-exercises.js").read_bytes() == (
        ROOT / "src/nkbook/static/nkbook-exercises.js"
    ).read_bytes()


@pytest.mark.parametrize("damage", ["database", "missing notebook"])
def test_a_damaged_execution_cache_is_started_afresh_with_a_message(tmp_path, damage):
    book = copy_book(tmp_path / "book")
    assert build(book).returncode == 0
    cache = book / "_build" / ".jupyter_cache"
    if damage == "database":
        (cache / "global.db").write_bytes(b"this is not a database" * 100)
    else:
        next((cache / "executed").rglob("*.ipynb")).unlink()
    # A change to a chapter's notebook, so that the build reads it (and so opens the cache).
    notebook = book / "chapters" / "survey-hopes.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace('"# ', '"# ', 1) + "\n", encoding="utf-8")
    rerun = build(book)
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert re.search(r"nkbook: the execution cache .* is damaged \(.+\); starting it afresh", rerun.stdout)
    assert "Traceback" not in rerun.stdout + rerun.stderr


def test_a_link_that_leads_nowhere_is_found_and_no_other(tmp_path):
    from nkbook.sphinx.whole_build import broken_links

    site = tmp_path / "html"
    (site / "part").mkdir(parents=True)
    (site / "part" / "index.html").write_text("<p id='top'>Part</p>", encoding="utf-8")
    (site / "img.png").write_bytes(b"png")
    (site / "a.html").write_text(
        "<html><head><script src='gone.js'></script><link href='img.png' rel='icon'></head><body>"
        "<a href='part/'>part</a> <a href='part/index.html#top'>top</a> <a href='#here'>here</a>"
        "<a name='here'></a> <a href='b.html#nowhere'>b</a> <img src='missing.png'>"
        "<a href='https://example.org/x.html'>away</a> <a href='mailto:a@b.c'>mail</a>"
        "<script>var s = '<a href=\"in-a-script.html\">';</script></body></html>",
        encoding="utf-8",
    )
    (site / "b.html").write_text("<p id='somewhere'>B</p><a href='a.html#here'>a</a>", encoding="utf-8")
    broken = [("a.html", "b.html#nowhere"), ("a.html", "gone.js"), ("a.html", "missing.png")]
    assert sorted(broken_links(site)) == broken
