"""The tilt model's equations: one year of CyberTipline reports, sorted into outcomes.

This module is the single source of truth for the arithmetic. It is deliberately short and
plain so it can be transcribed line by line to JavaScript for the static explorer: it imports
only numpy, validates nothing, has no defaults, and every formula appears once, in order.
Validation, defaults and broadcasting checks live in :mod:`tipline.model` (``evaluate``).

The counterfactual: a report helps a side only relative to the same report never made (the
``"no_report"`` baseline). Every domestic report ends in one of three groups: it helps
investigators, it helps defendants, or neither side gains.

Symbols (see :mod:`tipline.model.params` for ranges, defaults and sources)::

    N  volume         total CyberTipline reports in the year
    f  foreign_share  share of all reports whose user location resolves outside the U.S.
    q  quality        share of domestic reports that are actionable
    C  capacity       ICAC investigations in the year
    g  icac_share     reports made available to ICAC units / domestic reports
    t  triage         0 = reports worked in random order, 1 = actionable reports always first
    s  p_success      investigated actionable report -> case that reaches court
    k  p_compromise   share of the cases that reach court that end weakened for the defendant
    a  p_alert        unworked domestic report -> suspect tipped off by something the report
                      set in motion (e.g. the platform closing the account when it reports)
    l  p_lost         unworked domestic report -> evidence lost while it waits

Modelling choices (strings)::

    baseline        "no_report" | "worked_in_time"
    capacity_basis  "icac_stream" | "all_domestic"

Flow (every count is a number of reports in the year)::

    foreign = N f                     domestic D = N (1 - f)
    actionable A = D q                informational I = D - A
    worked W = min(D, C / g)   (icac_stream: like for like)
             = min(D, C)       (all_domestic)
    investigated W_A = (1 - t) q W + t min(W, A)    (actionable reports that were worked)
    informational_worked W_I = W - W_A
    not_reached R = A - W_A           informational_unworked U = I - W_I
    court = s W_A                     (cases that reach court)
    compromised = k court             sound_case = (1 - k) court
    no_result = W_A - court = (1 - s) W_A
    tipped_off = a (D - W)            lost = l (D - W)
    unrealised = (1 - a - l) R        idle_informational = (1 - a - l) U
    benefit_investigators B_inv = sound_case
    benefit_defendants    B_def = compromised + tipped_off            (no_report)
                                = compromised + tipped_off + lost     (worked_in_time)
    neither = D - B_inv - B_def
            = W_I + no_result + unrealised + idle_informational (+ lost under no_report)
    tilt = (B_inv - B_def) / (B_inv + B_def)   in [-1, 1]; > 0 favours investigators
    unrealised_share = unrealised / D           neither_share = neither / D

Three expressions are written in an algebraically identical but rounding-safe form, so that
floating-point noise of a few units in the last place cannot produce a negative count or a
spurious "lost" report when everything was worked:

* ``R``, ``U`` and ``W_I`` are floored at zero (their exact values are never negative);
* ``no_result`` is computed as ``(1 - s) * W_A``, exactly non-negative since ``s <= 0.5``;
* ``tipped_off`` and ``lost`` use ``D - W`` (equal to ``R + U``), which is exactly zero when
  capacity covers every domestic report.

The tilt is undefined (0/0) only when ``B_inv + B_def = 0``, which in the valid ranges
happens only when no actionable report is investigated (``W_A = 0``, i.e. ``q = 0``) and no
unworked report counts for defendants (``a (D - W) = 0``, plus ``l (D - W) = 0`` under
``worked_in_time``). There the model returns the limit of the tilt as ``W_A -> 0+``, namely
``1 - 2 k``: with nothing counted for unworked reports the ratio ``B_def / B_inv`` equals
``k / (1 - k)`` for every ``W_A > 0``, so this value makes the tilt continuous in ``W_A``
and keeps it monotone in quality, capacity and triage.

Conservation (tested): ``foreign + D = N`` and
``W_I + sound_case + compromised + no_result + tipped_off + lost + unrealised +
idle_informational = D``.
"""

import numpy as np


def flow(
    volume,
    foreign_share,
    quality,
    capacity,
    icac_share,
    triage,
    p_success,
    p_compromise,
    p_alert,
    p_lost,
    baseline="no_report",
    capacity_basis="icac_stream",
):
    """Sort one year of reports into outcomes; every number broadcasts against the others.

    All numeric arguments are required numbers or numpy arrays; ``baseline`` and
    ``capacity_basis`` are strings (no validation here: use :func:`tipline.model.evaluate`
    for checked input). Returns a dict of float64 arrays of the broadcast shape, keyed by the
    flow names in the module docstring.
    """
    N = np.asarray(volume, dtype=float)
    f = np.asarray(foreign_share, dtype=float)
    q = np.asarray(quality, dtype=float)
    C = np.asarray(capacity, dtype=float)
    g = np.asarray(icac_share, dtype=float)
    t = np.asarray(triage, dtype=float)
    s = np.asarray(p_success, dtype=float)
    k = np.asarray(p_compromise, dtype=float)
    a = np.asarray(p_alert, dtype=float)
    lo = np.asarray(p_lost, dtype=float)
    worked_in_time = baseline == "worked_in_time"
    like_for_like = capacity_basis == "icac_stream"

    foreign = N * f
    domestic = N * (1.0 - f)
    actionable = domestic * q
    informational = domestic - actionable

    reach = C / g if like_for_like else C
    worked = np.minimum(domestic, reach)
    investigated = (1.0 - t) * q * worked + t * np.minimum(worked, actionable)
    informational_worked = np.maximum(worked - investigated, 0.0)
    not_reached = np.maximum(actionable - investigated, 0.0)
    informational_unworked = np.maximum(informational - informational_worked, 0.0)

    court = s * investigated
    compromised = k * court
    sound_case = (1.0 - k) * court
    no_result = (1.0 - s) * investigated

    unworked = domestic - worked
    tipped_off = a * unworked
    lost = lo * unworked
    unrealised = (1.0 - a - lo) * not_reached
    idle_informational = (1.0 - a - lo) * informational_unworked

    benefit_investigators = sound_case
    if worked_in_time:
        benefit_defendants = compromised + tipped_off + lost
        neither = informational_worked + no_result + unrealised + idle_informational
    else:
        benefit_defendants = compromised + tipped_off
        neither = informational_worked + no_result + unrealised + idle_informational + lost
    total = benefit_investigators + benefit_defendants
    safe_total = np.where(total > 0.0, total, 1.0)
    tilt = np.where(
        total > 0.0,
        (benefit_investigators - benefit_defendants) / safe_total,
        1.0 - 2.0 * k,
    )
    safe_domestic = np.where(domestic > 0.0, domestic, 1.0)
    unrealised_share = np.where(domestic > 0.0, unrealised / safe_domestic, 0.0)
    neither_share = np.where(domestic > 0.0, neither / safe_domestic, 0.0)

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
        "court": court,
        "sound_case": sound_case,
        "compromised": compromised,
        "no_result": no_result,
        "tipped_off": tipped_off,
        "lost": lost,
        "unrealised": unrealised,
        "idle_informational": idle_informational,
        "benefit_investigators": benefit_investigators,
        "benefit_defendants": benefit_defendants,
        "neither": neither,
        "tilt": tilt,
        "unrealised_share": unrealised_share,
        "neither_share": neither_share,
    }
    shape = np.broadcast_shapes(*(x.shape for x in (N, f, q, C, g, t, s, k, a, lo)))
    return {key: np.broadcast_to(v, shape).astype(float) for key, v in out.items()}
