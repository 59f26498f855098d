"""Input checks for the tilt model: fail loudly, never clip.

Every public entry point of :mod:`tipline.model` passes user input through :func:`check`,
which raises ``ValueError`` naming the parameter, the offending value and the allowed range,
for example ``quality must be between 0 and 1 (got 1.2)``.

Accepted: Python ints and floats, numpy integer and floating scalars, and arrays (or nested
lists) of those. Rejected: unknown parameter names, ``bool`` and boolean arrays (a checkbox
value is not a share), strings, ``None``, object arrays, complex numbers, NaN, ±inf, and
anything outside the parameter's range. For arrays the message reports the first bad
element in C order.
"""

import numbers

import numpy as np

from tipline.model.params import RANGES


def _fmt(x):
    """Format a range bound or value compactly (1e6 -> 1,000,000; 0.25 -> 0.25)."""
    x = float(x)
    if x.is_integer() and abs(x) >= 1e4:
        return f"{x:,.0f}"
    return f"{x:g}"


def _value_text(x):
    """Show an offending value exactly (1.2000000001 stays as typed; 5e9 -> 5,000,000,000)."""
    x = float(x)
    if x.is_integer():
        return f"{x:,.0f}"
    return repr(x)


def _range_text(name):
    low, high = RANGES[name]
    return f"between {_fmt(low)} and {_fmt(high)}"


def check(name, value):
    """Return ``value`` as a float64 numpy array after checking it for parameter ``name``.

    Raises ``ValueError`` for an unknown name, a non-numeric value, NaN, ±inf or a value
    outside ``RANGES[name]`` (bounds included). Scalars come back as 0-d arrays.
    """
    if name not in RANGES:
        allowed = ", ".join(RANGES)
        raise ValueError(f"unknown parameter {name!r}; allowed parameters are: {allowed}")
    rule = f"{name} must be a number {_range_text(name)}"
    if value is None or isinstance(value, (bool, np.bool_, str, bytes)):
        raise ValueError(f"{rule} (got {value!r})")
    if isinstance(value, numbers.Number) and not isinstance(value, numbers.Real):
        raise ValueError(f"{rule} (got {value!r})")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as err:  # ragged lists and the like
        raise ValueError(f"{rule} (got {value!r})") from err
    if raw.dtype.kind not in "iuf":
        shown = value if raw.ndim == 0 else f"array of dtype {raw.dtype}"
        raise ValueError(f"{rule} (got {shown!r})")
    arr = raw.astype(float)
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{rule} (got {_value_text(arr[bad][0])})")
    low, high = RANGES[name]
    out = (arr < low) | (arr > high)
    if out.any():
        raise ValueError(f"{name} must be {_range_text(name)} (got {_value_text(arr[out][0])})")
    return arr


def check_params(params):
    """Check a mapping of parameter name -> value; return a dict of float64 arrays."""
    return {name: check(name, value) for name, value in params.items()}
