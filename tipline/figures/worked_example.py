"""The model chapter's worked example, one step at a time."""

from __future__ import annotations

from dataclasses import dataclass

from tipline.figures.model_common import model_year
from tipline.model import evaluate


@dataclass(frozen=True)
class Step:
    """One step of :func:`worked_example`.

    ``symbolic`` is the equation in LaTeX as the model chapter writes it; ``substituted``
    the same equation with the year's numbers put in (LaTeX); ``value`` the model's own
    result at full precision and ``text`` that value formatted for prose.
    """

    key: str
    label: str
    symbolic: str
    substituted: str
    value: float
    text: str


def _tex_count(x: float) -> str:
    """A count for LaTeX: 2990341.0 -> '2{,}990{,}341' (thousands commas as ordinary)."""
    return f"{float(x):,.0f}".replace(",", "{,}")


def _tex_share(x: float) -> str:
    """A share or chance for LaTeX, four significant figures: 0.9174175 -> '0.9174'."""
    return f"{float(x):.4g}"


def worked_example(year: int | None = None) -> tuple[Step, ...]:
    """Every equation of the model, in order, with ``year``'s default numbers put in.

    The values are the model's own outputs (:func:`tipline.model.evaluate` at the year's
    defaults and default choices: the like-for-like capacity and the "no report" baseline),
    so the worked example cannot drift from the model; the inputs shown in ``substituted``
    are rounded to four significant figures, so a product worked by hand from them may
    differ from ``value`` in its last digits.
    """
    year = model_year(year)
    r = evaluate(year=year)
    p = {k: float(v) for k, v in r.params.items()}
    o = {k: float(v) for k, v in r.as_dict().items()}
    N, C = _tex_count(p["volume"]), _tex_count(p["capacity"])
    f, q, g = (_tex_share(p[k]) for k in ("foreign_share", "quality", "icac_share"))
    t, s, k, a, lo = (
        _tex_share(p[key]) for key in ("triage", "p_success", "p_compromise", "p_alert", "p_lost")
    )
    shares = ("tilt", "unrealised_share", "neither_share")
    n = {key: _tex_count(v) for key, v in o.items() if key not in shares}
    rows = [
        ("foreign", "Reports whose user is abroad", r"F = N\,f", rf"{N} \times {f}"),
        ("domestic", "Domestic reports", r"D = N\,(1 - f)", rf"{N} \times (1 - {f})"),
        ("actionable", "Actionable reports", r"A = q\,D", rf"{q} \times {n['domestic']}"),
        (
            "informational",
            "Informational reports",
            r"I = D - A",
            rf"{n['domestic']} - {n['actionable']}",
        ),
        (
            "worked",
            "Reports worked",
            r"W = \min(D,\ C / g)",
            rf"\min({n['domestic']},\ {C} / {g})",
        ),
        (
            "investigated",
            "Actionable reports worked",
            r"W_A = (1 - t)\,q\,W + t\,\min(W,\ A)",
            rf"(1 - {t}) \times {q} \times {n['worked']} + {t} \times "
            rf"\min({n['worked']},\ {n['actionable']})",
        ),
        (
            "informational_worked",
            "Informational reports worked",
            r"W_I = W - W_A",
            rf"{n['worked']} - {n['investigated']}",
        ),
        (
            "not_reached",
            "Actionable reports not reached",
            r"R = A - W_A",
            rf"{n['actionable']} - {n['investigated']}",
        ),
        (
            "informational_unworked",
            "Informational reports not worked",
            r"U = I - W_I",
            rf"{n['informational']} - {n['informational_worked']}",
        ),
        ("court", "Cases that reach court", r"J = s\,W_A", rf"{s} \times {n['investigated']}"),
        ("sound_case", "Sound cases", r"S = (1 - k)\,J", rf"(1 - {k}) \times {n['court']}"),
        ("compromised", "Cases weakened in court", r"K = k\,J", rf"{k} \times {n['court']}"),
        (
            "no_result",
            "Investigated, no result",
            r"Z = W_A - J",
            rf"{n['investigated']} - {n['court']}",
        ),
        (
            "tipped_off",
            "Suspects tipped off",
            r"T = a\,(D - W)",
            rf"{a} \times ({n['domestic']} - {n['worked']})",
        ),
        (
            "lost",
            "Evidence lost while waiting",
            r"L = l\,(D - W)",
            rf"{lo} \times ({n['domestic']} - {n['worked']})",
        ),
        (
            "unrealised",
            "Unrealised value",
            r"V = (1 - a - l)\,R",
            rf"(1 - {a} - {lo}) \times {n['not_reached']}",
        ),
        (
            "idle_informational",
            "Informational reports left idle",
            r"Y = (1 - a - l)\,U",
            rf"(1 - {a} - {lo}) \times {n['informational_unworked']}",
        ),
        (
            "benefit_investigators",
            "Benefit to investigators",
            r"B_{\text{inv}} = S",
            "S",
        ),
        (
            "benefit_defendants",
            "Benefit to defendants",
            r"B_{\text{def}} = K + T",
            rf"{n['compromised']} + {n['tipped_off']}",
        ),
        (
            "neither",
            "Reports where neither side gains",
            r"B_0 = D - B_{\text{inv}} - B_{\text{def}}",
            rf"{n['domestic']} - {n['benefit_investigators']} - {n['benefit_defendants']}",
        ),
        (
            "tilt",
            "Tilt",
            r"\tau = \frac{B_{\text{inv}} - B_{\text{def}}}{B_{\text{inv}} + B_{\text{def}}}",
            rf"\frac{{{n['benefit_investigators']} - {n['benefit_defendants']}}}"
            rf"{{{n['benefit_investigators']} + {n['benefit_defendants']}}}",
        ),
        (
            "neither_share",
            "Share of domestic reports where neither side gains",
            r"n = B_0 / D",
            rf"{n['neither']} / {n['domestic']}",
        ),
        (
            "unrealised_share",
            "Share of domestic reports that are unrealised value",
            r"u = V / D",
            rf"{n['unrealised']} / {n['domestic']}",
        ),
    ]
    steps = []
    for key, label, symbolic, middle in rows:
        value = o[key]
        if key == "tilt":
            shown, text = f"{value:.4f}", f"{value:+.4f}"
        elif key in ("unrealised_share", "neither_share"):
            shown, text = _tex_share(value), f"{value:.1%}"
        else:
            shown, text = _tex_count(value), f"{value:,.0f}"
        lhs = symbolic.split(" = ", 1)[0]
        steps.append(Step(key, label, symbolic, f"{lhs} = {middle} = {shown}", float(value), text))
    return tuple(steps)
