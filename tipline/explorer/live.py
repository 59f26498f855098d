"""The live explorer for Jupyter and Binder: ipywidgets calling the Python model directly.

Sliders (capacity on a logarithmic scale, as in the book's explorer; a number box beside
each, for typing exact values), a radio group for each modelling choice, a year picker,
presets and reset drive :func:`tipline.model.evaluate`; two plotly ``FigureWidget`` charts
(the tilt bar and the balance) are updated in place, in one batch per change; the flow of
reports is the book's own HTML bars (:func:`tipline.explorer.flowbars.flow_widget_html`);
the verdict is written in words. A value the model rejects shows the model's own message
in the panel.

The panel keeps the exact value of every setting itself (:attr:`LivePanel.exact`) and
evaluates the model there, so it says what :mod:`tipline.model` and the static explorer say
at the same settings. A browser's slider snaps its value to the slider's step and sends
the snapped value back to the kernel (a default of 0.7343 comes back as 0.73); a change no
bigger than half a step is that echo, not a reader's move, and is not applied. Only the
display is rounded: the number box shows the value to six significant digits.
"""

from __future__ import annotations

import html
import math

import ipywidgets as w
import plotly.graph_objects as go

from tipline.explorer.charts import BALANCE_PARTS, balance_figure, balance_values
from tipline.explorer.controls import LOG_SCALE
from tipline.explorer.flowbars import flow_widget_html
from tipline.explorer.presets import presets
from tipline.explorer.static import COUNT_ROWS, tilt_text
from tipline.model import (
    CHOICE_DEFAULTS,
    CHOICE_LABELS,
    CHOICES,
    DEFAULT_YEAR,
    YEARS,
    check,
    evaluate,
    params_for_year,
    verdict_sentence,
)
from tipline.style import DEFENDANTS, INVESTIGATORS, base_layout


def tilt_bar_layout() -> dict:
    return base_layout(
        height=170,
        margin={"l": 20, "r": 20, "t": 10, "b": 70},
        showlegend=False,
        xaxis={
            "range": [-1, 1],
            "zeroline": True,
            "zerolinewidth": 2,
            "zerolinecolor": "#222222",
            "tickvals": [-1, -0.5, 0, 0.5, 1],
            "ticktext": [
                "\u22121<br>all for defendants",
                "\u22120.5",
                "0<br>balanced",
                "+0.5",
                "+1<br>all for investigators",
            ],
            "fixedrange": True,
        },
        yaxis={"visible": False, "fixedrange": True},
    )


def shown(value: float) -> float:
    """A value as the number box shows it (six significant digits)."""
    return float(format(float(value), ".6g"))


def is_echo(new: float, exact: float, step: float, log: bool = False) -> bool:
    """Whether a slider's new value is the browser snapping ``exact`` to the slider's
    ``step`` (at most half a step away), rather than a reader moving it. On a logarithmic
    slider the step is in powers of ten."""
    if log:
        new, exact = math.log10(float(new)), math.log10(exact)
    return abs(float(new) - exact) <= step / 2 * (1 + 1e-9)


#: A logarithmic slider's step, in powers of ten (about 2.3% of the value).
LOG_STEP = 0.01


def make_slider(p) -> w.FloatSlider | w.FloatLogSlider:
    """The slider for parameter ``p``: on a logarithmic scale for those the book's explorer
    shows so (capacity spans orders of magnitude), linear otherwise."""
    common = {
        "value": p.default,
        "description": p.label,
        "tooltip": f"{p.meaning} ({p.unit})",
        "readout": False,
        "continuous_update": True,
        "style": {"description_width": "16em"},
        "layout": w.Layout(width="34em"),
    }
    if p.name in LOG_SCALE:
        low, high = math.log10(p.low), math.log10(p.high)
        return w.FloatLogSlider(base=10, min=low, max=high, step=LOG_STEP, **common)
    return w.FloatSlider(min=p.low, max=p.high, step=p.step, **common)


class LivePanel:
    """An ipywidgets panel; display it in a notebook (``display(panel)`` or last line)."""

    def __init__(self, year: int | None = None, focus: tuple[str, ...] | None = None):
        self.params = params_for_year(year or DEFAULT_YEAR)
        if focus is None:
            focus = tuple(n for n, p in self.params.items() if not p.secondary)
        self._updating = False
        #: The exact value of every setting (the sliders hold it rounded to their step).
        self.exact: dict[str, float] = {n: float(p.default) for n, p in self.params.items()}
        self.sliders: dict[str, w.FloatSlider | w.FloatLogSlider] = {}
        self.boxes: dict[str, w.FloatText] = {}
        rows = {}
        for name, p in self.params.items():
            slider = make_slider(p)
            box = w.FloatText(
                value=shown(p.default),
                tooltip=f"Type a value from {p.low:g} to {p.high:g}",
                layout=w.Layout(width="9em"),
            )
            slider.observe(self._slider_moved, names="value")
            box.observe(self._box_typed, names="value")
            self.sliders[name], self.boxes[name] = slider, box
            rows[name] = w.HBox([slider, box, w.Label(p.unit)])
        self.year = w.Dropdown(
            options=list(YEARS), value=year or DEFAULT_YEAR, description="Year of the data"
        )
        self.year.observe(self._year_changed, names="value")
        self.choice_buttons: dict[str, w.RadioButtons] = {}
        for name, allowed in CHOICES.items():
            label, value_labels = CHOICE_LABELS[name]
            buttons = w.RadioButtons(
                options=[(value_labels[v], v) for v in allowed],
                value=CHOICE_DEFAULTS[name],
                description=label,
                style={"description_width": "16em"},
                layout=w.Layout(width="auto"),
            )
            buttons.observe(self._choice_changed, names="value")
            self.choice_buttons[name] = buttons
        self.preset_buttons = []
        for preset in presets():
            button = w.Button(description=preset.label, tooltip=preset.description)
            button.on_click(lambda _b, pr=preset: self.apply_preset(pr.id))
            self.preset_buttons.append(button)
        self.reset_button = w.Button(description="Reset", button_style="warning")
        self.reset_button.on_click(lambda _b: self.reset())
        self.message = w.HTML()
        self.verdict = w.HTML()
        self.counts = w.HTML()
        start = evaluate(year=self.year.value, **self.values(), **self.choices())
        outputs = {k: float(v) for k, v in start.as_dict().items()}
        baseline = self.choices()["baseline"]
        self.tilt_figure = go.FigureWidget(
            data=[go.Bar(x=[0.0], y=[""], orientation="h", width=[0.5])],
            layout=tilt_bar_layout(),
        )
        self.balance_figure = go.FigureWidget(balance_figure(outputs, baseline))
        self.flow = w.HTML()
        more = w.Accordion(
            children=[w.VBox([self.year] + [rows[n] for n in self.params if n not in focus])]
        )
        more.set_title(0, "More assumptions and the year")
        more.selected_index = None
        self.widget = w.VBox(
            [
                w.HBox(
                    self.preset_buttons + [self.reset_button], layout=w.Layout(flex_flow="row wrap")
                ),
                *[rows[n] for n in focus],
                *self.choice_buttons.values(),
                more,
                self.message,
                self.verdict,
                self.tilt_figure,
                self.balance_figure,
                self.flow,
                self.counts,
            ]
        )
        self.update()

    # -- state --------------------------------------------------------------------------------
    def values(self) -> dict:
        """The exact value of every setting (what the model is evaluated at)."""
        return dict(self.exact)

    def choices(self) -> dict:
        return {name: b.value for name, b in self.choice_buttons.items()}

    def set_choices(self, choices: dict) -> None:
        """Set modelling choices without recomputing (the caller recomputes once)."""
        self._updating = True
        try:
            for name, value in choices.items():
                self.choice_buttons[name].value = value
        finally:
            self._updating = False

    def set_values(self, values: dict) -> None:
        """Move several sliders at once, then recompute once."""
        self._updating = True
        try:
            for name, value in values.items():
                self.exact[name] = float(value)
                self.sliders[name].value = value
                self.boxes[name].value = shown(value)
        finally:
            self._updating = False
        self.update()

    def apply_preset(self, preset_id: str) -> None:
        chosen = {p.id: p for p in presets()}
        if preset_id not in chosen:
            raise ValueError(f"unknown preset {preset_id!r}; choose one of {', '.join(chosen)}")
        preset = chosen[preset_id]
        self._updating = True
        self.year.value = preset.year
        self._updating = False
        self.set_choices(preset.choices)
        self.set_values(preset.values)

    def reset(self) -> None:
        self._updating = True
        self.year.value = DEFAULT_YEAR
        self._updating = False
        self.set_choices(dict(CHOICE_DEFAULTS))
        self.set_values({n: p.default for n, p in params_for_year(DEFAULT_YEAR).items()})

    # -- events ---------------------------------------------------------------------------------
    def _slider_moved(self, change) -> None:
        if self._updating:
            return
        name = next(n for n, s in self.sliders.items() if s is change["owner"])
        log = isinstance(change["owner"], w.FloatLogSlider)
        if is_echo(change["new"], self.exact[name], change["owner"].step, log):
            return  # the browser snapped the value to the step: keep the exact value
        self.exact[name] = float(change["new"])
        self._updating = True
        self.boxes[name].value = shown(change["new"])
        self._updating = False
        self.update()

    def _box_typed(self, change) -> None:
        if self._updating:
            return
        name = next(n for n, b in self.boxes.items() if b is change["owner"])
        if change["new"] == shown(self.exact[name]):
            return  # the rounded display, not a typed value
        try:
            check(name, change["new"])
        except ValueError as err:
            self.message.value = (
                f'<p role="alert" style="color:#a33b00"><strong>Not applied:</strong> '
                f"{html.escape(str(err))}</p>"
            )
            return
        self.set_values({name: change["new"]})

    def _choice_changed(self, _change) -> None:
        if self._updating:
            return
        self.update()

    def _year_changed(self, change) -> None:
        if self._updating:
            return
        measured = {n: p.default for n, p in params_for_year(change["new"]).items() if p.measured}
        self.set_values(measured)

    # -- drawing --------------------------------------------------------------------------------
    def update(self) -> None:
        """Evaluate the model at the sliders' values and redraw everything in place."""
        result = evaluate(year=self.year.value, **self.values(), **self.choices())
        self.result = result
        out = {k: float(v) for k, v in result.as_dict().items()}
        baseline = result.choices["baseline"]
        balance = balance_values(out, baseline)
        tilt = out["tilt"]
        self.message.value = ""
        self.verdict.value = (
            f'<p aria-live="polite"><strong>Tilt {tilt_text(tilt)}.</strong> '
            f"{html.escape(verdict_sentence(result))}</p>"
        )
        with self.tilt_figure.batch_update():
            bar = self.tilt_figure.data[0]
            bar.x = [tilt]
            bar.marker.color = INVESTIGATORS if tilt >= 0 else DEFENDANTS
        with self.balance_figure.batch_update():
            for trace, (key, *_rest) in zip(self.balance_figure.data, BALANCE_PARTS, strict=True):
                trace.x = [balance[key]]
        self.flow.value = flow_widget_html(result)
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left'>{html.escape(label)}</th>"
            f"<td style='text-align:right'>{out[key]:,.0f}</td></tr>"
            for key, label in COUNT_ROWS
        )
        self.counts.value = f"<table><tbody>{rows}</tbody></table>"

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
