"""Properties of the tilt model's equations over the whole valid range (hypothesis)."""

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tipline.model.core as core
from tipline.model import FLOW_NAMES, NAMES, RANGES, evaluate
from tipline.model.core import flow

SLACK = 1e-12  # float slack for monotonicity
RTOL = 1e-9  # relative tolerance for conservation

COUNTS = [n for n in FLOW_NAMES if n not in ("tilt", "unrealised_share")]
DOMESTIC_PARTS = (
    "informational_worked",
    "sound_case",
    "compromised",
    "no_result",
    "lost_or_alerted",
    "unrealised",
    "idle_informational",
)


def value(name):
    """Any float in the parameter's valid range (subnormals excluded: see below)."""
    # Subnormal inputs (below ~2.2e-308) carry too few significant bits for a 1e-12
    # comparison of tilts to be meaningful; they are not values anyone enters.
    low, high = RANGES[name]
    return st.floats(low, high, allow_nan=False, allow_subnormal=False)


params = st.fixed_dictionaries({name: value(name) for name in NAMES})


def run(p):
    return flow(**p)


@settings(max_examples=300, deadline=None)
@given(params, st.data())
def test_tilt_never_falls_as_quality_capacity_or_triage_rise(p, data):
    for name in ("quality", "capacity", "triage"):
        a, b = sorted((p[name], data.draw(value(name), label=name)))
        lower = run({**p, name: a})["tilt"]
        higher = run({**p, name: b})["tilt"]
        assert higher >= lower - SLACK, (name, a, b, float(lower), float(higher))


@settings(max_examples=300, deadline=None)
@given(params, value("foreign_share"))
def test_domestic_count_never_rises_with_foreign_share(p, other):
    a, b = sorted((p["foreign_share"], other))
    assert run({**p, "foreign_share": b})["domestic"] <= run({**p, "foreign_share": a})["domestic"]


@settings(max_examples=300, deadline=None)
@given(params)
def test_counts_non_negative_and_conserved(p):
    out = run(p)
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
    assert out["investigated"] + out["not_reached"] == pytest.approx(out["actionable"], rel=RTOL)
    unreached = out["not_reached"] + out["informational_unworked"]
    assert out["lost_or_alerted"] + out["unrealised"] + out["idle_informational"] == (
        pytest.approx(unreached, rel=RTOL, abs=RTOL * d)
    )
    assert out["benefit_investigators"] == out["sound_case"]
    assert out["benefit_defendants"] == pytest.approx(
        out["compromised"] + out["lost_or_alerted"], rel=RTOL
    )


@settings(max_examples=300, deadline=None)
@given(params)
def test_tilt_and_shares_bounded(p):
    out = run(p)
    assert -1.0 <= out["tilt"] <= 1.0
    assert 0.0 <= out["unrealised_share"] <= 1.0
    assert out["worked"] <= out["domestic"] * (1 + RTOL)
    assert out["investigated"] <= out["actionable"] * (1 + RTOL) + 1e-9


@settings(max_examples=50, deadline=None)
@given(st.lists(params, min_size=1, max_size=12))
def test_array_call_equals_elementwise_scalar_calls(points):
    arrays = {name: np.array([pt[name] for pt in points]) for name in NAMES}
    together = evaluate(**arrays)
    for i, pt in enumerate(points):
        alone = evaluate(**pt)
        for name in FLOW_NAMES:
            assert getattr(together, name)[i] == getattr(alone, name), name


def test_mixed_shapes_broadcast_like_numpy():
    q = np.array([[0.2], [0.5], [0.9]])  # (3, 1)
    c = np.array([2e4, 2e5, 2e6, 3e6])  # (4,)
    fixed = dict(volume=3e7, foreign_share=0.9, triage=0.4, p_success=0.06)
    fixed.update(p_compromise=0.02, p_alert=0.003)
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
        triage=0.5,
        p_success=0.06,
        p_compromise=0.01,
        p_alert=0.002,
    )
    for name in FLOW_NAMES:
        v = getattr(r, name)
        assert isinstance(v, np.ndarray) and v.shape == () and v.dtype == np.float64


def test_worked_example_by_hand():
    # 10M reports, 90% foreign: D = 1M; q = 0.6: A = 600k, I = 400k; C = 100k.
    out = flow(1e7, 0.9, 0.6, 1e5, 0.5, 0.1, 0.02, 0.01)
    assert out["domestic"] == pytest.approx(1e6)
    assert out["worked"] == pytest.approx(1e5)
    # W_A = 0.5 * 0.6 * 1e5 + 0.5 * min(1e5, 6e5) = 3e4 + 5e4
    assert out["investigated"] == pytest.approx(8e4)
    assert out["sound_case"] == pytest.approx(8e3)
    # c(q) = 0.02 * (2 - 0.6) = 0.028
    assert out["compromised"] == pytest.approx(0.028 * 8e4)
    assert out["lost_or_alerted"] == pytest.approx(0.01 * 9e5)
    b_def = 0.028 * 8e4 + 9e3
    assert out["tilt"] == pytest.approx((8e3 - b_def) / (8e3 + b_def))
    assert out["unrealised"] == pytest.approx(0.99 * (6e5 - 8e4))
    assert out["unrealised_share"] == pytest.approx(0.99 * 5.2e5 / 1e6)


def test_zero_benefits_use_the_continuous_limit():
    # q = 0 (nothing actionable) and everything worked: B_inv = B_def = 0.
    out = flow(1e6, 0.5, 0.0, 1e6, 0.3, 0.05, 0.01, 0.01)
    assert out["benefit_investigators"] == 0 and out["benefit_defendants"] == 0
    c = 0.01 * 2.0
    assert out["tilt"] == pytest.approx((0.05 - c) / (0.05 + c))
    # ... which is what a tiny positive quality gives.
    near = flow(1e6, 0.5, 1e-9, 1e6, 0.3, 0.05, 0.01, 0.01)
    assert near["tilt"] == pytest.approx(out["tilt"], abs=1e-8)
    # With unworked reports and a > 0 the limit is -1, and the formula gives it directly.
    assert flow(1e6, 0.5, 0.0, 1e5, 0.3, 0.05, 0.01, 0.01)["tilt"] == -1.0


def test_full_capacity_loses_nothing():
    out = flow(1e6, 0.5, 0.7, 3e6, 0.37, 0.05, 0.01, 0.02)
    assert out["lost_or_alerted"] == 0.0
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
