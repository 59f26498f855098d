"""Input checks for the tilt model: fail loudly, never clip.

Every public entry point of :mod:`tipline.model` passes user input through :func:`check`,
which raises ``ValueError`` naming the parameter, the offending value and the allowed range,
for example ``quality must be between 0 and 1 (got 1.2)``.

Accepted: Python ints and floats, numpy integer and floating scalars, and arrays (or nested
lists) of those. Rejected: unknown parameter names, ``bool`` and boolean arrays (a checkbox
value is not a share), strings, ``None``, object arrays, complex numbers, NaN, ±inf, and
anything outside the parameter's range, and numpy masked arrays (their mask would be
silently dropped). For arrays the message reports the first bad element in C order.

:data:`MAX_ELEMENTS` caps the size of one evaluation: :func:`check_size` refuses a broadcast
shape with more elements (a grid of ten million points takes many seconds and gigabytes),
naming the shape and the limit.
"""

import numbers

import numpy as np

from tipline.model.params import RANGES

MAX_ELEMENTS = 2_000_000
"""The most elements the broadcast shape of one :func:`tipline.model.evaluate` call may have
(about 0.5 GB of outputs; split a larger grid into chunks)."""


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
    if isinstance(value, np.ma.MaskedArray):
        raise ValueError(
            f"{name} must be a plain number or array, not a masked array (its mask would be "
            f"ignored): pass {name}.filled(...) or the unmasked values"
        )
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


def check_size(shape):
    """Raise ``ValueError`` if ``shape`` has more than :data:`MAX_ELEMENTS` elements."""
    size = 1
    for n in shape:
        size *= int(n)
    if size > MAX_ELEMENTS:
        shown = " x ".join(f"{int(n):,}" for n in shape)
        raise ValueError(
            f"inputs broadcast to shape ({shown}), {size:,} elements; the model evaluates at "
            f"most {MAX_ELEMENTS:,} elements at once: split the grid into smaller pieces"
        )
    return size


def check_params(params):
    """Check a mapping of parameter name -> value; return a dict of float64 arrays."""
    return {name: check(name, value) for name, value in params.items()}
