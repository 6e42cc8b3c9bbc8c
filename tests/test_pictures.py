"""nkbook.pictures: the Vega-Lite version a spec names, and its picture made fit for a page."""

from __future__ import annotations

import re

import pytest

from nkbook import pictures

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
    "data": {"values": [{"a": "x", "n": 1}, {"a": "y", "n": 2}]},
    "mark": "bar",
    "width": "container",
    "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "n", "type": "quantitative"}},
}


def test_the_version_is_read_from_the_schema():
    assert pictures.vegalite_version(SPEC) == "6.4"
    assert pictures.vegalite_version({"$schema": "https://vega.github.io/schema/vega-lite/v5.json"}).startswith("5.")
    with pytest.raises(ValueError, match="names no Vega-Lite version"):
        pictures.vegalite_version({"$schema": "https://example.org/schema.json"})


def test_a_container_wide_chart_is_drawn_at_the_live_width_or_the_least_it_asks_for():
    assert pictures.drawable(SPEC)["width"] == 640
    wide = {**SPEC, "usermeta": {"nkbook": {"min_width": 900}}}
    assert pictures.drawable(wide)["width"] == 900


def test_the_picture_is_drawn_in_a_font_the_renderer_measures_not_estimates(tmp_path):
    def width_of(label: str) -> float:
        spec = {**SPEC, "width": 100, "data": {"values": [{"a": label, "n": 1}]}, "mark": "point"}
        spec["encoding"] = {"y": {"field": "a", "type": "nominal"}}
        return pictures.render(spec)[1]

    # Measured, a row of i is narrower than a row of W; estimated (an unknown font), both are alike.
    assert width_of("iiiii") < width_of("WWWWW") - 20, "install Liberation Sans (Debian: fonts-liberation)"
    svg, *_ = pictures.render(SPEC, tmp_path)
    assert set(re.findall(r'font-family="([^"]*)"', svg)) == {pictures.PICTURE_FONT}


def test_the_picture_scales_is_hidden_from_screen_readers_and_owns_its_ids(tmp_path):
    svg, width, height = pictures.render(SPEC, tmp_path)
    assert width >= 640 and height > 0 and len(list(tmp_path.glob("*.svg"))) == 1
    page = pictures.for_page(svg + '<clipPath id="clip1"/><g clip-path="url(#clip1)"/>', width, height, "chart-1")
    head = re.match(r"<svg\b([^>]*)>", page)[1]
    assert " width=" not in head and " height=" not in head and "viewBox=" in head
    assert 'aria-hidden="true"' in head and "nkbook-chart__svg" in head
    assert 'id="chart-1-clip1"' in page and "url(#chart-1-clip1)" in page and 'id="clip1"' not in page
    again, *_ = pictures.render(SPEC, tmp_path)
    assert again == svg


def test_a_notebook_back_from_execution_leaves_the_pictures_its_page_will_use(tmp_path, monkeypatch):
    """prerender (run as each notebook of a cold build comes back) keys its pictures as the page's
    renderer does, so reading the notebook renders nothing again."""
    from nkbook.outputs import VEGALITE_MIME, for_book
    from nkbook.sphinx import charts

    output = {"output_type": "display_data", "data": {VEGALITE_MIME: SPEC, "text/plain": "chart"}}
    notebook = {"cells": [{"cell_type": "markdown"}, {"cell_type": "code", "outputs": [output]}]}
    assert pictures.prerender(notebook, tmp_path) == 1
    assert len(list(tmp_path.glob("*.svg"))) == 1

    def no_rendering(*args, **kwargs):
        raise AssertionError("the picture was rendered again")

    import vl_convert

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", no_rendering)
    assert "nkbook-chart__svg" in charts.chart_html(for_book(SPEC), tmp_path)


def test_a_picture_is_kept_whole_or_not_at_all(tmp_path, monkeypatch):
    # The pack's process reads the cache while the build's workers write it: a picture cut off in the
    # middle of its writing must not be found there.
    import os

    def cut_off(source, target):
        raise OSError("killed while writing")

    monkeypatch.setattr(os, "replace", cut_off)
    with pytest.raises(OSError):
        pictures.render(SPEC, tmp_path)
    assert not list(tmp_path.glob("*.svg"))
    monkeypatch.undo()
    svg, _, _ = pictures.render(SPEC, tmp_path)
    [kept] = tmp_path.glob("*.svg")
    assert kept.read_text(encoding="utf-8") == svg and svg.rstrip().endswith("</svg>")


def test_a_chart_gives_the_same_picture_whatever_was_rendered_before_it():
    # vl-convert numbers clip paths with a count that goes on from picture to picture in a process, so
    # a chart's page differed between builds with what its worker had rendered first.
    clipped = {**SPEC, "mark": {"type": "bar", "clip": True}, "width": 120}
    first, _, _ = pictures.render(clipped)
    pictures.render(SPEC)
    again, _, _ = pictures.render(clipped)
    assert 'clip-path="url(#clip1)"' in first and first == again
