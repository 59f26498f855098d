"""The two side colours keep one meaning in every chart of the book.

Blue (:data:`tipline.style.INVESTIGATORS`) means investigators and what helps them;
vermillion (:data:`tipline.style.DEFENDANTS`) means defendants and what helps them. Every
chart function in ``tipline.figures`` is drawn with its defaults, and every mark in a side's
colour (a trace, a tinted region, a coloured label) must say which
side it stands for: its name or text names the side, or is one of the outcomes
:data:`tipline.style.MEANINGS` files under that side. A chart that paints, say, a country or
a rating in vermillion fails here; so does a chart with a colour outside the palette.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from functools import cache

import plotly.io as pio
import pytest

import tipline.figures
from tipline.chart import Chart
from tipline.style import DEFENDANTS, INVESTIGATORS, MEANINGS, PALETTE, lighten

SIDES = ("investigators", "defendants")


def _rgb(colour) -> tuple[int, int, int] | None:
    if not isinstance(colour, str):
        return None
    colour = colour.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    match = re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*[\d.]+)?\)", colour)
    return tuple(int(g) for g in match.groups()) if match else None


def _family(side: str) -> set[tuple[int, int, int]]:
    """The side's colour, its text and tint variants and the paler shades charts draw."""
    base = INVESTIGATORS if side == "investigators" else DEFENDANTS
    shades = {PALETTE[f"{side}{suffix}"] for suffix in ("", "-text", "-tint")}
    shades |= {lighten(base, share / 100) for share in range(5, 100, 5)}
    return {_rgb(c) for c in shades}


FAMILIES = {side: _family(side) for side in SIDES}


def side_of(colour) -> str | None:
    """The side whose colour ``colour`` is (any opacity or registered shade), else None."""
    rgb = _rgb(colour)
    return next((side for side, family in FAMILIES.items() if rgb in family), None)


def names_side(text: str, side: str) -> bool:
    """Whether ``text`` says it stands for ``side`` (names it or a registered outcome)."""
    words = re.sub(r"<[^>]+>", " ", str(text or "")).lower()
    stem = side[:-1]  # investigator, defendant
    return stem in words or any(m.lower() in words for m in MEANINGS[side])


def _colours(value) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value] if value is not None else []


def _categories(trace: dict, n: int) -> list[str]:
    """The category label of each of a trace's ``n`` points (its text axis), or ``""``."""
    for axis in ("y", "x"):
        values = trace.get(axis)
        if values is not None and len(values) == n and all(isinstance(v, str) for v in values):
            return list(values)
    return [""] * n


def misused(fig) -> list[str]:
    """Marks of ``fig`` painted in a side's colour without saying they stand for it."""
    spec = fig.to_plotly_json()
    layout = spec.get("layout", {})
    context = " ".join(
        str((layout.get(axis) or {}).get("title", {}).get("text", ""))
        for axis in ("xaxis", "yaxis")
    )
    context += " " + " ".join(str(a.get("text", "")) for a in layout.get("annotations", []))
    found = []
    for trace in spec.get("data", []):
        marker, line = trace.get("marker") or {}, trace.get("line") or {}
        label = " ".join(str(trace.get(k) or "") for k in ("name", "legendgroup", "hovertemplate"))
        # a colour per point: each point answers for itself, by its category label
        per_point = marker.get("color")
        if isinstance(per_point, (list, tuple)):
            categories = _categories(trace, len(per_point))
            for category, colour in zip(categories, per_point, strict=True):
                side = side_of(colour)
                if side and not names_side(f"{label} {category}", side):
                    found.append(
                        f"point {category!r} of {trace.get('name')!r} in the {side}' colour"
                    )
            colours = []
        else:
            colours = _colours(per_point)
        colours += _colours(line.get("color")) + _colours(trace.get("fillcolor"))
        outline = (marker.get("line") or {}).get("color")
        if not isinstance(per_point, (list, tuple)):
            colours += _colours(outline)
        for side in {side_of(c) for c in colours} - {None}:
            if not names_side(label, side):
                found.append(f"trace {trace.get('name')!r} in the {side}' colour")
    for note in layout.get("annotations", []):
        side = side_of((note.get("font") or {}).get("color"))
        if side and not names_side(note.get("text", ""), side):
            found.append(f"label {note.get('text')!r} in the {side}' colour")
    for shape in layout.get("shapes", []):
        side = side_of(shape.get("fillcolor")) or side_of((shape.get("line") or {}).get("color"))
        if side and not names_side(context, side):
            found.append(f"a region in the {side}' colour on a chart that never names them")
    return found


@cache
def chart_functions() -> dict[str, object]:
    """Every public function in ``tipline.figures`` that returns a :class:`Chart`."""
    found = {}
    for info in pkgutil.iter_modules(tipline.figures.__path__):
        module = importlib.import_module(f"tipline.figures.{info.name}")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if fn.__module__ != module.__name__:
                continue
            if inspect.signature(fn).return_annotation in ("Chart", Chart):
                found[f"{info.name}.{name}"] = fn
    return found


def test_every_chart_function_is_found():
    names = chart_functions()
    assert len(names) >= 15
    assert "tilt_charts.tornado_chart" in names and "ledger_charts.accuracy_chart" in names


@pytest.mark.parametrize("name", sorted(chart_functions()))
def test_side_colours_mean_their_side(name):
    chart = chart_functions()[name]()
    assert isinstance(chart, Chart)
    problems = misused(chart.figure)
    assert not problems, f"{name}: " + "; ".join(problems)


def off_palette(fig) -> set[str]:
    """Colours in ``fig`` that are not the palette's (at any opacity), its side colours'
    paler shades, or white."""
    spec = json.loads(pio.to_json(fig, validate=False))
    spec.get("layout", {}).pop("template", None)  # the page draws layer charts without one
    allowed = {_rgb(c) for c in PALETTE.values()} | {(255, 255, 255)}
    for family in FAMILIES.values():
        allowed |= family
    colours = set(re.findall(r'"(#[0-9a-fA-F]{6}|rgba?\([^)]*\))"', json.dumps(spec)))
    return {c for c in colours if _rgb(c) not in allowed}


@pytest.mark.parametrize("name", sorted(chart_functions()))
def test_charts_use_the_palette_only(name):
    chart = chart_functions()[name]()
    assert not off_palette(chart.figure), f"{name}: colours outside tipline.style's palette"


def test_the_check_catches_a_side_colour_used_for_something_else():
    import plotly.graph_objects as go

    from tipline.style import tint

    fig = go.Figure()
    fig.add_trace(go.Bar(x=[1], y=[2], name="United States", marker={"color": DEFENDANTS}))
    fig.add_trace(go.Bar(x=[1], y=[2], name="Helps defendants", marker={"color": DEFENDANTS}))
    fig.add_trace(go.Scatter(x=[1], y=[2], name="Meta", line={"color": tint(INVESTIGATORS, 0.3)}))
    fig.add_annotation(x=1, y=1, text="orange note", font={"color": PALETTE["defendants-text"]})
    fig.add_shape(type="rect", x0=0, x1=1, y0=0, y1=1, fillcolor=tint(DEFENDANTS, 0.07))
    found = misused(fig)
    assert "trace 'United States' in the defendants' colour" in found
    assert "trace 'Meta' in the investigators' colour" in found
    assert "label 'orange note' in the defendants' colour" in found
    assert any("region" in p for p in found)
    assert not any("Helps defendants" in p for p in found)
    points = go.Figure(
        go.Bar(x=["ICAC units", "Canada"], y=[1, 2], marker={"color": [INVESTIGATORS] * 2})
    )
    assert misused(points) == ["point 'Canada' of None in the investigators' colour"]
    assert off_palette(go.Figure(go.Bar(x=[1], y=[1], marker={"color": "#E69F00"}))) == {"#E69F00"}
