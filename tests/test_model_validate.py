"""Bad input fails loudly with a message naming the parameter, the value and the range.

The tests read the messages as a reader does: the parameter's name comes first, and the two
numbers after "between" are the bounds of its valid range (whatever their formatting).
"""

import re

import numpy as np
import pytest

from tipline.model import MAX_ELEMENTS, NAMES, RANGES, check, check_params, evaluate

GOOD = dict(
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

BETWEEN = re.compile(r"between (?P<low>[-\d,.e+]+) and (?P<high>[-\d,.e+]+)")


def stated_range(message):
    """The (low, high) a reader finds in the message after "between ... and ..."."""
    m = BETWEEN.search(message)
    assert m, f"no range stated in {message!r}"
    return tuple(float(m[k].replace(",", "")) for k in ("low", "high"))


def bad_values(name):
    low, high = RANGES[name]
    span = high - low
    return [
        ("below", low - 0.01 * span - 1e-3),
        ("above", high + 0.01 * span + 1e-3),
        ("nan", float("nan")),
        ("inf", float("inf")),
        ("-inf", float("-inf")),
        ("numpy nan", np.float64("nan")),
        ("string", "0.5"),
        ("word", "high"),
        ("none", None),
        ("bool", True),
        ("numpy bool", np.bool_(False)),
        ("complex", 0.5 + 0j),
        ("object array", np.array([low, "x"], dtype=object)),
        ("bool array", np.array([True, False])),
        ("array with nan", np.array([low, high, np.nan])),
        ("array out of range", np.array([low, high * 2 + 1, low])),
        ("list out of range", [low, low - 1]),
        ("ragged list", [[low], [low, high]]),
        ("dict", {"value": low}),
    ]


CASES = [(name, label, v) for name in NAMES for label, v in bad_values(name)]


@pytest.mark.parametrize(
    ("name", "label", "value"), CASES, ids=[f"{n}-{lab}" for n, lab, _ in CASES]
)
def test_bad_values_raise_naming_parameter_and_range(name, label, value):
    with pytest.raises(ValueError) as err:
        check(name, value)
    msg = str(err.value)
    assert msg.startswith(name + " must be")
    assert stated_range(msg) == pytest.approx(RANGES[name])
    with pytest.raises(ValueError, match=name):
        evaluate(**{**GOOD, name: value})


def test_message_examples():
    with pytest.raises(ValueError) as err:
        check("quality", 1.2)
    assert str(err.value) == "quality must be between 0 and 1 (got 1.2)"
    with pytest.raises(ValueError) as err:
        check("volume", 5e9)
    assert str(err.value) == (
        "volume must be between 1,000,000 and 100,000,000 (got 5,000,000,000)"
    )
    with pytest.raises(ValueError) as err:
        evaluate(baseline="never")
    assert str(err.value) == ("baseline must be one of 'no_report', 'worked_in_time' (got 'never')")
    with pytest.raises(ValueError, match=r"got nan"):
        check("p_alert", [0.001, float("nan")])
    with pytest.raises(ValueError, match=r"got 'abc'"):
        check("triage", "abc")


def test_first_bad_array_element_is_reported():
    with pytest.raises(ValueError, match=r"\(got 1\.5\)"):
        check("quality", np.array([[0.2, 1.5], [0.3, 2.5]]))


def test_out_of_range_is_never_clipped():
    for name in NAMES:
        low, high = RANGES[name]
        with pytest.raises(ValueError):
            check(name, np.nextafter(high, np.inf))
        with pytest.raises(ValueError):
            check(name, np.nextafter(low, -np.inf))


def test_bounds_and_numeric_kinds_are_accepted():
    for name in NAMES:
        low, high = RANGES[name]
        assert check(name, low) == low
        assert check(name, high) == high
        mid = np.float32((low + high) / 2)
        assert check(name, mid) == float(mid) and check(name, mid).dtype == np.float64
        assert check(name, [low, high]).tolist() == [low, high]
    # float32 rounding can push a bound outside the range: rejected, not clipped.
    with pytest.raises(ValueError, match="p_success"):
        check("p_success", np.float32(0.01))
    assert check("volume", 10_000_000) == 1e7
    assert check("volume", np.int64(10_000_000)) == 1e7
    assert check("capacity", np.array([10_000, 20_000], dtype=np.int32)).tolist() == [1e4, 2e4]


def test_unknown_parameter_names_are_rejected():
    with pytest.raises(ValueError, match="qualty") as err:
        evaluate(qualty=0.5)
    for name in NAMES:
        assert name in str(err.value)
    with pytest.raises(ValueError, match="'speed'"):
        check("speed", 1.0)
    with pytest.raises(ValueError, match="'speed'"):
        check_params({"quality": 0.5, "speed": 1.0})


def test_check_params_returns_float_arrays():
    out = check_params(GOOD)
    assert set(out) == set(GOOD)
    assert all(isinstance(v, np.ndarray) and v.dtype == np.float64 for v in out.values())


def test_shapes_that_do_not_broadcast_raise_value_error():
    with pytest.raises(ValueError, match="broadcast"):
        evaluate(**{**GOOD, "quality": [0.1, 0.2], "capacity": [1e5, 2e5, 3e5]})


@pytest.mark.parametrize("year", [2019, 2025, "2023", 2023.0, True, None.__class__])
def test_bad_year_raises(year):
    with pytest.raises(ValueError, match="year"):
        evaluate(year=year, **GOOD)


@pytest.mark.parametrize("name", NAMES)
def test_masked_arrays_are_refused_naming_the_parameter(name):
    low, high = RANGES[name]
    masked = np.ma.masked_array([low, high], mask=[False, True])
    with pytest.raises(ValueError, match=f"^{name} .*masked"):
        check(name, masked)
    with pytest.raises(ValueError, match=name):
        evaluate(**{**GOOD, name: masked})


def test_inputs_beyond_the_size_limit_are_refused_naming_shape_and_limit():
    side = int(np.sqrt(MAX_ELEMENTS)) + 1
    q = np.linspace(0, 1, side)
    c = np.linspace(1e4, 3e6, side)
    with pytest.raises(ValueError) as err:
        evaluate(quality=q[:, None], capacity=c[None, :])
    message = str(err.value)
    assert f"{side:,} x {side:,}" in message
    assert f"{MAX_ELEMENTS:,}" in message
    # Exactly the limit is accepted.
    assert evaluate(quality=np.linspace(0, 1, MAX_ELEMENTS)).shape == (MAX_ELEMENTS,)
