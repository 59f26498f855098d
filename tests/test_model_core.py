"""Properties of the tilt model's equations over the whole valid range and under every
modelling choice (hypothesis)."""

import ast
import itertools
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tipline.model.core as core
from tipline.model import CHOICES, FLOW_NAMES, NAMES, RANGES, evaluate
from tipline.model.core import flow

SLACK = 1e-12  # float slack for monotonicity
RTOL = 1e-9  # relative tolerance for conservation

COUNTS = [n for n in FLOW_NAMES if n not in ("tilt", "unrealised_share", "neither_share")]
DOMESTIC_PARTS = (
    "informational_worked",
    "sound_case",
    "compromised",
    "no_result",
    "tipped_off",
    "lost",
    "unrealised",
    "idle_informational",
)
COMBOS = [
    dict(zip(CHOICES, values, strict=True)) for values in itertools.product(*CHOICES.values())
]
choices = st.sampled_from(COMBOS)


def value(name):
    """Any float in the parameter's valid range (subnormals excluded: see below)."""
    # Subnormal inputs (below ~2.2e-308) carry too few significant bits for a 1e-12
    # comparison of tilts to be meaningful; they are not values anyone enters.
    low, high = RANGES[name]
    return st.floats(low, high, allow_nan=False, allow_subnormal=False)


params = st.fixed_dictionaries({name: value(name) for name in NAMES})


def run(p, c=None):
    return flow(**p, **(c or {}))


@settings(max_examples=300, deadline=None)
@given(params, choices, st.data())
def test_tilt_never_falls_as_quality_capacity_or_triage_rise(p, c, data):
    for name in ("quality", "capacity", "triage"):
        a, b = sorted((p[name], data.draw(value(name), label=name)))
        lower = run({**p, name: a}, c)["tilt"]
        higher = run({**p, name: b}, c)["tilt"]
        assert higher >= lower - SLACK, (name, a, b, c, float(lower), float(higher))


@settings(max_examples=200, deadline=None)
@given(params, choices, st.data())
def test_tilt_never_rises_as_the_chances_that_help_defendants_rise(p, c, data):
    for name in ("p_compromise", "p_alert", "p_lost"):
        a, b = sorted((p[name], data.draw(value(name), label=name)))
        assert run({**p, name: b}, c)["tilt"] <= run({**p, name: a}, c)["tilt"] + SLACK, name


@settings(max_examples=300, deadline=None)
@given(params, value("foreign_share"))
def test_domestic_count_never_rises_with_foreign_share(p, other):
    a, b = sorted((p["foreign_share"], other))
    assert run({**p, "foreign_share": b})["domestic"] <= run({**p, "foreign_share": a})["domestic"]


@settings(max_examples=300, deadline=None)
@given(params, choices)
def test_counts_non_negative_and_conserved(p, c):
    out = run(p, c)
    for name in COUNTS:
        assert out[name] >= 0, name
    n, d = p["volume"], out["domestic"]
    assert out["foreign"] + d == pytest.approx(n, rel=RTOL)
    assert sum(out[k] for k in DOMESTIC_PARTS) == pytest.approx(d, rel=RTOL)
    assert out["actionable"] + out["informational"] == pytest.approx(d, rel=RTOL)
    assert out["investigated"] + out["informational_worked"] == pytest.approx(
        out["worked"], rel=RTOL
    )
    inv = out["investigated"]
    assert out["sound_case"] + out["compromised"] + out["no_result"] == pytest.approx(inv, rel=RTOL)
    # Compromised cases are carved out of the cases that reach court, never added.
    assert out["sound_case"] + out["compromised"] == pytest.approx(out["court"], rel=RTOL)
    assert out["court"] <= inv * (1 + RTOL)
    assert out["investigated"] + out["not_reached"] == pytest.approx(out["actionable"], rel=RTOL)
    unreached = out["not_reached"] + out["informational_unworked"]
    parts = out["tipped_off"] + out["lost"] + out["unrealised"] + out["idle_informational"]
    assert parts == pytest.approx(unreached, rel=RTOL, abs=RTOL * d)
    # Three groups: investigators, defendants, neither; together every domestic report.
    assert out["benefit_investigators"] == out["sound_case"]
    lost_counts = c["baseline"] == "worked_in_time"
    expected_def = out["compromised"] + out["tipped_off"] + (out["lost"] if lost_counts else 0)
    assert out["benefit_defendants"] == pytest.approx(expected_def, rel=RTOL)
    groups = out["benefit_investigators"] + out["benefit_defendants"] + out["neither"]
    assert groups == pytest.approx(d, rel=RTOL)


@settings(max_examples=300, deadline=None)
@given(params, choices)
def test_tilt_and_shares_bounded(p, c):
    out = run(p, c)
    assert -1.0 <= out["tilt"] <= 1.0
    assert 0.0 <= out["unrealised_share"] <= 1.0
    assert 0.0 <= out["neither_share"] <= 1.0 + RTOL
    assert out["worked"] <= out["domestic"] * (1 + RTOL)
    assert out["investigated"] <= out["actionable"] * (1 + RTOL) + 1e-9


@settings(max_examples=200, deadline=None)
@given(params)
def test_choices_move_only_what_they_describe(p):
    base = run(p)
    worked_in_time = run(p, {"baseline": "worked_in_time"})
    # The baseline moves lost evidence between "neither" and "defendants", nothing else.
    for name in ("sound_case", "compromised", "tipped_off", "lost", "unrealised"):
        assert worked_in_time[name] == base[name]
    assert worked_in_time["benefit_defendants"] == pytest.approx(
        base["benefit_defendants"] + base["lost"], rel=RTOL
    )
    assert worked_in_time["tilt"] <= base["tilt"] + SLACK
    # Counting capacity against all domestic reports never works more reports than like for
    # like (the ICAC share is at most one), so it never raises the tilt.
    all_domestic = run(p, {"capacity_basis": "all_domestic"})
    assert all_domestic["worked"] <= base["worked"] * (1 + RTOL)
    assert all_domestic["tilt"] <= base["tilt"] + SLACK
    assert all_domestic["worked"] == pytest.approx(min(p["capacity"], base["domestic"]))
    like = min(p["capacity"] / p["icac_share"], base["domestic"])
    assert base["worked"] == pytest.approx(like)


@settings(max_examples=50, deadline=None)
@given(st.lists(params, min_size=1, max_size=12), choices)
def test_array_call_equals_elementwise_scalar_calls(points, c):
    arrays = {name: np.array([pt[name] for pt in points]) for name in NAMES}
    together = evaluate(**arrays, **c)
    for i, pt in enumerate(points):
        alone = evaluate(**pt, **c)
        for name in FLOW_NAMES:
            assert getattr(together, name)[i] == getattr(alone, name), name


def test_mixed_shapes_broadcast_like_numpy():
    q = np.array([[0.2], [0.5], [0.9]])  # (3, 1)
    c = np.array([2e4, 2e5, 2e6, 3e6])  # (4,)
    fixed = dict(volume=3e7, foreign_share=0.9, triage=0.4, p_success=0.06, icac_share=0.3)
    fixed.update(p_compromise=0.02, p_alert=0.003, p_lost=0.001)
    r = evaluate(quality=q, capacity=c, **fixed)
    assert r.shape == (3, 4)
    for name in FLOW_NAMES:
        assert getattr(r, name).shape == (3, 4)
    for i in range(3):
        for j in range(4):
            alone = evaluate(quality=q[i, 0], capacity=c[j], **fixed)
            for name in FLOW_NAMES:
                assert getattr(r, name)[i, j] == getattr(alone, name)
    assert r.params["triage"].shape == (3, 4)


def test_scalar_input_gives_0d_arrays():
    r = evaluate(
        volume=3e7,
        foreign_share=0.9,
        quality=0.7,
        capacity=2e5,
        icac_share=0.3,
        triage=0.5,
        p_success=0.06,
        p_compromise=0.1,
        p_alert=0.001,
        p_lost=0.001,
    )
    for name in FLOW_NAMES:
        v = getattr(r, name)
        assert isinstance(v, np.ndarray) and v.shape == () and v.dtype == np.float64


def test_worked_example_by_hand():
    # 10M reports, 90% foreign: D = 1M; q = 0.6: A = 600k, I = 400k; C = 40k, g = 0.4.
    args = dict(volume=1e7, foreign_share=0.9, quality=0.6, capacity=4e4, icac_share=0.4)
    args.update(triage=0.5, p_success=0.1, p_compromise=0.2, p_alert=0.01, p_lost=0.02)
    out = flow(**args)
    assert out["domestic"] == pytest.approx(1e6)
    assert out["worked"] == pytest.approx(1e5)  # like for like: 40k / 0.4
    # W_A = 0.5 * 0.6 * 1e5 + 0.5 * min(1e5, 6e5) = 3e4 + 5e4
    assert out["investigated"] == pytest.approx(8e4)
    assert out["court"] == pytest.approx(8e3)
    assert out["compromised"] == pytest.approx(0.2 * 8e3)  # carved out of the 8,000
    assert out["sound_case"] == pytest.approx(0.8 * 8e3)
    assert out["no_result"] == pytest.approx(8e4 - 8e3)
    assert out["tipped_off"] == pytest.approx(0.01 * 9e5)
    assert out["lost"] == pytest.approx(0.02 * 9e5)
    b_def = 1.6e3 + 9e3  # no report baseline: lost evidence helps nobody
    assert out["benefit_defendants"] == pytest.approx(b_def)
    assert out["tilt"] == pytest.approx((6.4e3 - b_def) / (6.4e3 + b_def))
    assert out["unrealised"] == pytest.approx(0.97 * (6e5 - 8e4))
    assert out["unrealised_share"] == pytest.approx(0.97 * 5.2e5 / 1e6)
    assert out["neither_share"] == pytest.approx(1 - (6.4e3 + b_def) / 1e6)
    # Against the report worked in time, lost evidence counts for defendants.
    later = flow(**args, baseline="worked_in_time")
    assert later["benefit_defendants"] == pytest.approx(b_def + 1.8e4)
    # Capacity against every domestic report: 40,000 worked.
    narrow = flow(**args, capacity_basis="all_domestic")
    assert narrow["worked"] == pytest.approx(4e4)


def test_zero_benefits_use_the_continuous_limit():
    # q = 0 (nothing actionable) and everything worked: B_inv = B_def = 0.
    args = dict(volume=1e6, foreign_share=0.5, capacity=1e6, icac_share=1.0, triage=0.3)
    args.update(p_success=0.05, p_compromise=0.1, p_alert=0.01, p_lost=0.01)
    for c in COMBOS:
        out = flow(quality=0.0, **args, **c)
        assert out["benefit_investigators"] == 0 and out["benefit_defendants"] == 0
        assert out["tilt"] == pytest.approx(1 - 2 * 0.1)
        # ... which is what a tiny positive quality gives.
        near = flow(quality=1e-9, **args, **c)
        assert near["tilt"] == pytest.approx(out["tilt"], abs=1e-8)
    # With unworked reports and a > 0 the limit is -1, and the formula gives it directly.
    assert flow(quality=0.0, **{**args, "capacity": 1e5})["tilt"] == -1.0


def test_full_capacity_loses_nothing():
    for c in COMBOS:
        out = flow(1e6, 0.5, 0.7, 3e6, 1.0, 0.37, 0.05, 0.1, 0.02, 0.02, **c)
        assert out["tipped_off"] == 0.0 and out["lost"] == 0.0
        assert out["worked"] == out["domestic"]


def test_core_imports_only_numpy():
    source = Path(core.__file__).read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported == {"numpy"}


def test_importing_the_model_does_no_io_and_no_plotting():
    code = (
        "import sys, tipline.model, tipline.model.core\n"
        "bad = [m for m in ('pandas', 'plotly', 'ipywidgets', 'tipline.data',"
        " 'tipline.calibration') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
