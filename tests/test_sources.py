"""The five articles: byte-identical to the shared seeds, described in seeds/sources.yml without guesses."""

from __future__ import annotations

import hashlib
from urllib.parse import urlparse

import pytest

from nkbook import paths
from nkbook.sources import NOT_GIVEN, citations_markdown, context_rows, served_address, sources

SEEDS = paths.seeds_dir()


def test_seeds_match_their_recorded_checksums():
    recorded = dict(reversed(line.split("  ", 1)) for line in (SEEDS / "SHA256SUMS").read_text().splitlines())
    files = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert sorted(recorded) == files and len(files) == 5
    for name, digest in recorded.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name


def test_seeds_are_byte_identical_to_the_shared_originals():
    shared = paths.root().parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared/seeds is not beside this checkout (the checksum test still guards the files)")
    for original in shared.glob("*.txt"):
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), original.name


def test_every_seed_has_one_complete_entry():
    entries = sources()
    assert sorted(entries) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for source in entries.values():
        assert source.id and source.outlet and source.path.is_file()
        for field in ("headline", "date_as_printed", "year", "translator", "editor", "author"):
            assert getattr(source, field).strip(), (source.file, field)
        assert source.places, source.file


def test_dates_are_as_printed_and_never_guessed():
    entries = sources()
    for source in entries.values():
        text = source.path.read_text(encoding="utf-8")
        if source.date_as_printed != NOT_GIVEN:
            assert source.date_as_printed in text, (source.file, source.date_as_printed)
        if source.year != NOT_GIVEN:
            assert source.year in text
    for file in ("000_54004d1158f87b0d.txt", "002_3815a49d6e380e20.txt", "004_202d9166dca4ee77.txt"):
        assert entries[file].date_as_printed == NOT_GIVEN, file
    assert entries["001_9bfd2c995f377ad1.txt"].date_as_printed == "February 8, 2024"


def test_people_and_headlines_are_as_printed():
    for source in sources().values():
        text = source.path.read_text(encoding="utf-8")
        for field in ("headline", "translator", "editor", "author"):
            value = getattr(source, field)
            if value != NOT_GIVEN:
                assert value in text, (source.file, field, value)


def test_citations_say_what_is_not_printed():
    text = citations_markdown(["000_54004d1158f87b0d.txt"])
    assert "date not printed" in text and "Translated by Robert Lauler" in text
    with pytest.raises(KeyError):
        citations_markdown(["nope.txt"])


def test_context_figures_are_cited_once_per_publication_with_a_working_link():
    text = citations_markdown([], figures=["arr_2007_rev", "arr_2008_rev", "arr_2016"])
    lines = text.splitlines()
    assert len(lines) == 2, "two publications, each named once"
    assert "(2 figures, each listed with its exact quote on the Sources page)" in lines[0]
    assert "arr_2007_rev" not in text, "ids stay on the Sources page"
    # an address with "&" is written as one HTML attribute, escaped once (not mangled by Markdown)
    assert (
        'href="https://www.datasom.co.kr/news/articleView.html?idxno=126053&amp;replyAll=&amp;reply_sc_order_by=I"'
        in lines[1]
    )
    with pytest.raises(KeyError, match="no_such_figure"):
        citations_markdown([], figures=["no_such_figure"])


def test_served_address_is_https_only_for_the_listed_hosts_and_keeps_the_rest_of_the_address():
    from nkbook.sources import HTTPS_HOSTS, served_address

    assert (
        served_address(" http://www.unhcr.org/statelessness/?a=1&b=2 ")
        == "https://www.unhcr.org/statelessness/?a=1&b=2"
    )
    assert served_address("HTTP://english.yonhapnews.co.kr/x.HTML") == "https://english.yonhapnews.co.kr/x.HTML"
    assert served_address("http://europe.newsweek.com/a") == "http://europe.newsweek.com/a"  # not known to serve https
    assert served_address("https://www.hrw.org/") == "https://www.hrw.org/"
    assert served_address("http://www.unhcr.org.evil.example/") == "http://www.unhcr.org.evil.example/"
    printed = {urlparse(r["source_address"].strip()).hostname for r in context_rows().values()}
    assert HTTPS_HOSTS <= printed, "a listed host no context row uses is a stale entry"


def test_our_own_context_rows_are_cited_like_the_reference_tables():
    ours = context_rows()["china_acceded_1982"]
    text = citations_markdown([], figures=["china_accession", "china_acceded_1982"])
    assert served_address(ours["source_address"]) in text and len(text.splitlines()) == 2
