"""Predict, then reveal: the reader commits a guess before the model answers.

A question about the model at given settings ("With twice the capacity, which way does
the system tilt?"). The reader answers first, either by choosing one of the five verdicts
(``answer="verdict"``) or by setting a mark on the tilt scale from −1 to +1
(``answer="tilt"``), and presses "Check my prediction"; only then does the page show the
model's answer, computed here by the Python model at build time, beside the guess, with
the verdict in words and a link that opens the full explorer at the same settings.

Everything happens in the reader's browser (``tipline-predict.js``): the guess is kept in
``localStorage`` so that it is still there on the next visit, and nothing is sent anywhere.
Without JavaScript the model's answer sits in a ``<noscript>`` note. Several questions on one
page do not clash: each has its own ids and its own storage key (from its question and
settings, so the key is the same on every build).

Call it through :func:`tipline.explorer.predict`::

    from tipline.explorer import predict
    predict("With twice today's investigative capacity, where does the tilt land?",
            answer="tilt", capacity=369_400)
    predict("If every report were compared with the same report worked in time, what would
             the verdict be?", baseline="worked_in_time",
             explanation="Lost evidence now counts for defendants.")
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json

from tipline.explorer.chapter import FULL_EXPLORER, short_query, split_settings
from tipline.model import (
    CHOICE_DEFAULTS,
    DEFAULT_YEAR,
    VERDICT_PHRASES,
    VERDICT_THRESHOLDS,
    check_year,
    evaluate,
    params_for_year,
    verdict,
    verdict_sentence,
)

ANSWERS = ("verdict", "tilt")
_ids = itertools.count(1)


def signed(x: float, digits: int = 2) -> str:
    """A tilt as the page writes it: a sign (the minus sign, U+2212) unless it rounds to
    zero. Transcribed as ``signed`` in ``tipline-predict.js``."""
    text = f"{abs(x):.{digits}f}"
    if float(text) == 0:
        return text
    return ("+" if x > 0 else "\u2212") + text


def says(phrase: str) -> str:
    """A verdict phrase after "the system": "roughly balanced" needs its verb."""
    return f"is {phrase}" if phrase == "roughly balanced" else phrase


def storage_key(question: str, answer: str, year: int, settings: dict) -> str:
    """A key that names this question on every build (and differs between questions)."""
    blob = json.dumps([question, answer, year, sorted(settings.items())], default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def _scale(prefix: str, tilt: float) -> str:
    """The tilt scale with the model's mark (and, for tilt guesses, the reader's)."""
    return (
        f'<div class="tipline-predict__scale" aria-hidden="true">'
        f'<div class="tipline-predict__track"><span class="tipline-predict__zero"></span>'
        f'<span class="tipline-predict__mark tipline-predict__mark--model"'
        f' id="{prefix}-model-mark" style="left:{50 + 50 * tilt:.2f}%"></span>'
        f'<span class="tipline-predict__mark tipline-predict__mark--guess"'
        f' id="{prefix}-guess-mark" hidden></span></div>'
        f'<div class="tipline-predict__ends"><span>\u22121 all for defendants</span>'
        f"<span>0</span><span>+1 all for investigators</span></div>"
        f'<p class="tipline-predict__key"><span class="tipline-predict__key-model"></span>'
        f' the model <span class="tipline-predict__key-guess"></span> your guess</p></div>'
    )


def predict_html(
    question: str,
    *,
    answer: str = "verdict",
    year: int | None = None,
    explanation: str | None = None,
    **settings,
) -> str:
    """The predict-then-reveal component as HTML (see the module docstring).

    ``question``: what the reader predicts (plain text); ``answer``: ``"verdict"`` (choose
    one of the five verdicts) or ``"tilt"`` (a mark on the scale); ``year`` and
    ``settings``: the model's settings (as for :func:`tipline.explorer.compact`);
    ``explanation``: plain text shown after the answer.
    """
    if answer not in ANSWERS:
        raise ValueError(f"answer must be one of {ANSWERS}, not {answer!r}")
    if not str(question).strip():
        raise ValueError("a prediction needs a question")
    year = check_year(year) if year is not None else DEFAULT_YEAR
    values, chosen = split_settings(settings)
    start = {n: p.default for n, p in params_for_year(year).items()}
    start.update(values)
    choices = {**CHOICE_DEFAULTS, **chosen}
    result = evaluate(year=year, **start, **choices)
    tilt = float(result.tilt)
    phrase = verdict(tilt)
    prefix = f"tp{next(_ids)}"
    key = storage_key(str(question), answer, year, settings)
    query = short_query(year, start, choices)
    href = FULL_EXPLORER + (f"?{query}" if query else "")
    config = {
        "kind": answer,
        "key": key,
        "tilt": tilt,
        "verdict": VERDICT_PHRASES.index(phrase),
        "phrases": list(VERDICT_PHRASES),
        "clear": VERDICT_THRESHOLDS["clear"],
        "lean": VERDICT_THRESHOLDS["lean"],
    }
    if answer == "verdict":
        options = "".join(
            f'<label class="tipline-predict__option"><input type="radio" name="{prefix}-guess"'
            f' value="{i}"> <span>The system {html.escape(says(p))}</span>'
            f'<span class="tipline-predict__tag" data-tag="{i}"></span></label>'
            for i, p in enumerate(VERDICT_PHRASES)
        )
        guess = (
            f'<fieldset class="tipline-predict__choices"><legend class="tipline-predict__legend">'
            f"Your prediction</legend>{options}</fieldset>"
        )
    else:
        guess = (
            f'<div class="tipline-predict__slider"><label for="{prefix}-guess">Your prediction'
            f" of the tilt</label> "
            f'<output id="{prefix}-guess-value" for="{prefix}-guess">0.00</output>'
            f'<input type="range" id="{prefix}-guess" min="-1" max="1" step="0.05" value="0"'
            f' aria-valuetext="0.00, roughly balanced">'
            f'<div class="tipline-predict__ends" aria-hidden="true">'
            f"<span>\u22121 all for defendants</span><span>0 balanced</span>"
            f"<span>+1 all for investigators</span></div></div>"
        )
    answer_text = f"The model’s answer: {html.escape(verdict_sentence(result))}"
    more = (
        f'<p class="tipline-predict__explanation">{html.escape(explanation)}</p>'
        if explanation
        else ""
    )
    payload = json.dumps(config)
    return (
        f'<section class="tipline-predict" id="{prefix}" data-key="{key}"'
        f' aria-labelledby="{prefix}-question">'
        f'<p class="tipline-predict__kicker">Predict, then check</p>'
        f'<p class="tipline-predict__question" id="{prefix}-question">{html.escape(question)}</p>'
        f'<form class="tipline-predict__form" onsubmit="return false">{guess}'
        f'<p class="tipline-predict__actions"><button type="submit"'
        f' class="tipline-predict__commit">Check my prediction</button>'
        f' <span class="tipline-predict__status" role="status"></span></p></form>'
        f'<div class="tipline-predict__reveal" id="{prefix}-reveal" tabindex="-1" hidden>'
        f'<p class="tipline-predict__compare" aria-live="polite"></p>'
        + _scale(prefix, tilt)
        + f'<p class="tipline-predict__answer">{answer_text}</p>{more}'
        f'<p class="tipline-predict__after"><a href="{html.escape(href)}">Try it in the full'
        f' explorer</a> <button type="button" class="tipline-predict__again">Predict again'
        f"</button></p></div>"
        f'<p class="tipline-predict__privacy">Your guess stays in this browser: it is kept'
        f" only on this device and sent nowhere.</p>"
        f'<noscript><p class="tipline-predict__noscript">This question needs JavaScript to'
        f" hide the answer until you have guessed. {answer_text}</p></noscript>"
        f'<script type="application/json" class="tipline-predict-config">{payload}</script>'
        f"</section>"
    )
