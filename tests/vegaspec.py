"""Reading an Altair chart's Vega-Lite spec in tests: its one dataset, and every parameter wherever
Altair put it (top level, a layer, a panel of a concatenation)."""

from __future__ import annotations


def spec_of(figure) -> dict:
    """The Vega-Lite spec of one of the book's charts (a :class:`nkbook.charts.Figure`)."""
    return figure.chart.to_dict()


def only_dataset(spec: dict) -> list[dict]:
    """The rows of the spec's single named dataset (Altair gathers a chart's data there)."""
    (rows,) = spec["datasets"].values()
    return rows


def all_params(spec: dict) -> list[dict]:
    """Every parameter (selection or bound value) anywhere in the spec."""
    found: list[dict] = []

    def walk(node):
        if isinstance(node, dict):
            for param in node.get("params", []) or []:
                if isinstance(param, dict) and "name" in param:
                    found.append(param)
            for key, value in node.items():
                if key != "params":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found
