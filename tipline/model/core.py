"""The tilt model's equations: one year of CyberTipline reports, sorted into outcomes.

This module is the single source of truth for the arithmetic. It is deliberately short and
plain so it can be transcribed line by line to JavaScript for the static explorer: it imports
only numpy, validates nothing, has no defaults, and every formula appears once, in order.
Validation, defaults and broadcasting checks live in :mod:`tipline.model` (``evaluate``).

Symbols (see :mod:`tipline.model.params` for ranges, defaults and sources)::

    N  volume         total CyberTipline reports in the year
    f  foreign_share  share of all reports whose user location resolves outside the U.S.
    q  quality        share of domestic reports that are actionable
    C  capacity       domestic reports U.S. investigators can work up in the year
    t  triage         0 = reports worked in random order, 1 = actionable reports always first
    s  p_success      investigated actionable report -> sound case or identified victim
    c0 p_compromise   investigated actionable report -> case weakened in the defendant's
                      favour, at perfect quality; c(q) = c0 * (2 - q) rises as quality falls
    a  p_alert        domestic report nobody works in time -> suspect alerted or evidence lost

Flow (every count is a number of reports in the year)::

    foreign = N f                     domestic D = N (1 - f)
    actionable A = D q                informational I = D - A
    worked W = min(C, D)
    investigated W_A = (1 - t) q W + t min(W, A)    (actionable reports that were worked)
    informational_worked W_I = W - W_A
    not_reached R = A - W_A           informational_unworked U = I - W_I
    sound_case = s W_A                compromised = c(q) W_A
    no_result = W_A - sound_case - compromised = (1 - s - c(q)) W_A
    lost_or_alerted = a (R + U) = a (D - W)
    unrealised = (1 - a) R            idle_informational = (1 - a) U
    benefit_investigators B_inv = sound_case
    benefit_defendants    B_def = compromised + lost_or_alerted
    tilt = (B_inv - B_def) / (B_inv + B_def)   in [-1, 1]; > 0 favours investigators
    unrealised_share = unrealised / D

Three expressions are written in an algebraically identical but rounding-safe form, so that
floating-point noise of a few units in the last place cannot produce a negative count or a
spurious "lost" report when everything was worked:

* ``R``, ``U`` and ``W_I`` are floored at zero (their exact values are never negative);
* ``no_result`` is computed as ``(1 - s - c(q)) * W_A``, which is exactly non-negative
  whenever ``s <= 0.5`` and ``c0 <= 0.25`` (the valid ranges);
* ``lost_or_alerted`` uses ``D - W`` (equal to ``R + U``), which is exactly zero when
  capacity covers every domestic report.

The tilt is undefined (0/0) only when ``B_inv + B_def = 0``, which in the valid ranges
happens only when no actionable report is investigated (``W_A = 0``, i.e. ``q = 0``) and no
unworked report costs anything (``a (D - W) = 0``). There the model returns the limit of the
tilt as ``W_A -> 0+`` with ``a (D - W) = 0``, namely ``(s - c(q)) / (s + c(q))``: with no
alert cost the ratio ``B_def / B_inv`` equals ``c(q) / s`` for every ``W_A > 0``, so this
value makes the tilt continuous in ``W_A`` and keeps it monotone in quality, capacity and
triage (``s >= 0.01`` in the valid range, so the limit is defined).

Conservation (tested): ``foreign + D = N`` and
``W_I + sound_case + compromised + no_result + lost_or_alerted + unrealised +
idle_informational = D``.
"""

import numpy as np


def flow(volume, foreign_share, quality, capacity, triage, p_success, p_compromise, p_alert):
    """Sort one year of reports into outcomes; every argument broadcasts against the others.

    All arguments are required numbers or numpy arrays (no validation here: use
    :func:`tipline.model.evaluate` for checked input). Returns a dict of float64 arrays of
    the broadcast shape, keyed by the flow names in the module docstring.
    """
    N = np.asarray(volume, dtype=float)
    f = np.asarray(foreign_share, dtype=float)
    q = np.asarray(quality, dtype=float)
    C = np.asarray(capacity, dtype=float)
    t = np.asarray(triage, dtype=float)
    s = np.asarray(p_success, dtype=float)
    c0 = np.asarray(p_compromise, dtype=float)
    a = np.asarray(p_alert, dtype=float)

    foreign = N * f
    domestic = N * (1.0 - f)
    actionable = domestic * q
    informational = domestic - actionable

    worked = np.minimum(C, domestic)
    investigated = (1.0 - t) * q * worked + t * np.minimum(worked, actionable)
    informational_worked = np.maximum(worked - investigated, 0.0)
    not_reached = np.maximum(actionable - investigated, 0.0)
    informational_unworked = np.maximum(informational - informational_worked, 0.0)

    c = c0 * (2.0 - q)
    sound_case = s * investigated
    compromised = c * investigated
    no_result = (1.0 - s - c) * investigated

    lost_or_alerted = a * (domestic - worked)
    unrealised = (1.0 - a) * not_reached
    idle_informational = (1.0 - a) * informational_unworked

    benefit_investigators = sound_case
    benefit_defendants = compromised + lost_or_alerted
    total = benefit_investigators + benefit_defendants
    safe_total = np.where(total > 0.0, total, 1.0)
    tilt = np.where(
        total > 0.0,
        (benefit_investigators - benefit_defendants) / safe_total,
        (s - c) / (s + c),
    )
    safe_domestic = np.where(domestic > 0.0, domestic, 1.0)
    unrealised_share = np.where(domestic > 0.0, unrealised / safe_domestic, 0.0)

    out = {
        "foreign": foreign,
        "domestic": domestic,
        "actionable": actionable,
        "informational": informational,
        "worked": worked,
        "investigated": investigated,
        "informational_worked": informational_worked,
        "not_reached": not_reached,
        "informational_unworked": informational_unworked,
        "sound_case": sound_case,
        "compromised": compromised,
        "no_result": no_result,
        "lost_or_alerted": lost_or_alerted,
        "unrealised": unrealised,
        "idle_informational": idle_informational,
        "benefit_investigators": benefit_investigators,
        "benefit_defendants": benefit_defendants,
        "tilt": tilt,
        "unrealised_share": unrealised_share,
    }
    shape = np.broadcast_shapes(*(x.shape for x in (N, f, q, C, t, s, c0, a)))
    return {k: np.broadcast_to(v, shape).astype(float) for k, v in out.items()}
