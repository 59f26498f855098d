/* The explorer's parts that hold no state: number formats, round steps for the sliders, the
 * break-even capacity, and the HTML charts (gauge, balance bars, flow bars). Each Python
 * counterpart is named; tipline-explorer.js wires them to the controls.
 */
(function (root) {
  "use strict";

  // --- numbers ------------------------------------------------------------------------------
  // The subset of d3/Python format specs the parameters use (",.0f", ".0%", ".2f").
  function formatValue(value, spec) {
    var m = /^(,)?\.(\d+)([f%])$/.exec(spec || "");
    if (!m) return String(value);
    var digits = Number(m[2]);
    var v = m[3] === "%" ? value * 100 : value;
    var text = v.toLocaleString("en-US", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: Boolean(m[1])
    });
    return m[3] === "%" ? text + "%" : text;
  }

  function formatCount(value) {
    return Math.round(value).toLocaleString("en-US");
  }

  // tipline.explorer.static.tilt_text: two decimals, the minus sign U+2212.
  function formatTilt(tilt) {
    var text = Math.abs(tilt).toFixed(2);
    if (text === "0.00") return text;
    return (tilt > 0 ? "+" : "\u2212") + text;
  }

  // tipline.explorer.controls.round_value: two significant figures.
  function roundValue(value) {
    if (!(value > 0) || !isFinite(value)) return formatCount(value);
    return formatCount(Number(value.toPrecision(2)));
  }

  // tipline.explorer.chapter.link_number: at most 12 significant digits.
  function linkNumber(value) {
    return String(Number(Number(value).toPrecision(12)));
  }

  function isPercent(p) { return /%$/.test(p.format); }

  // tipline.explorer.controls.field_value: the number field shows shares in percent, to six
  // significant figures (what the reader types is used exactly).
  function fieldText(p, value) {
    var shown = isPercent(p) ? value * 100 : value;
    var digits = shown ? Math.max(6, Math.floor(Math.log10(Math.abs(shown))) + 1) : 6;
    return String(Number(shown.toPrecision(digits)));
  }

  // tipline.explorer.static.nice_ceiling: 1, 2 or 5 times a power of ten, at least `value`.
  function niceCeiling(value) {
    if (!(value > 0)) return 1;
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (value <= steps[i] * power) return steps[i] * power;
    }
    return 10 * power;
  }

  // --- round steps ----------------------------------------------------------------------------
  function clamp(p, v) { return Math.min(p.high, Math.max(p.low, v)); }
  function tidy(v) { return Number(v.toPrecision(12)); }

  // A dragged slider's value: a multiple of the step, or on a log scale two significant figures.
  function snap(p, v, log) {
    if (log) return clamp(p, Number(v.toPrecision(2)));
    return clamp(p, tidy(Math.round(v / p.step) * p.step));
  }

  // The next round value up (direction 1) or down (-1) from v: the next multiple of the step,
  // or on a log scale the next of `series` (1, 1.2, 1.5 ... 8) times a power of ten.
  function stepFrom(p, v, direction, log, series) {
    if (!log) {
      var k = v / p.step;
      var n = direction > 0 ? Math.floor(k + 1e-9) + 1 : Math.ceil(k - 1e-9) - 1;
      return clamp(p, tidy(n * p.step));
    }
    var candidates = [];
    var first = Math.floor(Math.log10(p.low)) - 1, last = Math.ceil(Math.log10(p.high)) + 1;
    for (var e = first; e <= last; e++) {
      series.forEach(function (s) { candidates.push(tidy(s * Math.pow(10, e))); });
    }
    var pick = direction > 0
      ? candidates.filter(function (c) { return c > v * (1 + 1e-9); })[0]
      : candidates.filter(function (c) { return c < v * (1 - 1e-9); }).pop();
    return clamp(p, pick === undefined ? v : pick);
  }

  // --- break-even capacity ------------------------------------------------------------------------
  // Transcription of tipline.model.uncertainty.frontier for one point: the smallest capacity in
  // range at which the tilt is at least zero (bisection over log capacity), or null when every
  // capacity in range gives the same side.
  function breakEven(model, values, choices, low, high) {
    function tilt(c) {
      var v = {};
      for (var k in values) v[k] = values[k];
      v.capacity = c;
      return model.flow(v, choices).tilt;
    }
    if (tilt(low) > 0 || tilt(high) < 0) return null;
    var lo = Math.log(low), hi = Math.log(high);
    for (var i = 0; i < 64; i++) {
      var mid = 0.5 * (lo + hi);
      if (tilt(Math.exp(mid)) >= 0) hi = mid; else lo = mid;
    }
    return Math.min(Math.max(Math.exp(hi), low), high);
  }

  // --- charts -------------------------------------------------------------------------------------
  function drawGauge(rootEl, tilt) {
    var fill = rootEl.querySelector(".tipline-gauge__fill");
    if (!fill) return;
    var half = Math.abs(tilt) * 50;
    fill.style.left = (tilt >= 0 ? 50 : 50 - half) + "%";
    fill.style.width = half + "%";
  }

  // tipline.explorer.static.balance_html: only widths, values and the scale change here. A part
  // that counts only under one baseline is empty (and out of the legend) under the other.
  function drawBalance(el, parts, r) {
    if (!el) return;
    var sides = {}, value = {};
    parts.forEach(function (part) {
      var counts = !part.onlyUnder || part.onlyUnder === r.choices.baseline;
      value[part.key] = counts ? r[part.key] : 0;
      sides[part.row] = (sides[part.row] || 0) + value[part.key];
    });
    var top = niceCeiling(Math.max.apply(null, Object.keys(sides).map(function (k) { return sides[k]; })));
    parts.forEach(function (part) {
      var seg = el.querySelector('[data-part="' + part.key + '"]');
      if (!seg) return;
      seg.style.width = (100 * value[part.key] / top).toFixed(3) + "%";
      seg.dataset.value = String(value[part.key]);
      seg.title = part.label + ": " + formatCount(value[part.key]);
      var item = el.querySelector('[data-legend="' + part.key + '"]');
      if (item) item.hidden = Boolean(part.onlyUnder) && part.onlyUnder !== r.choices.baseline;
    });
    var topEl = el.querySelector(".tipline-balance__top");
    if (topEl && Number(topEl.dataset.top) !== top) {
      topEl.dataset.top = String(top);
      topEl.textContent = formatCount(top) + " reports";
    }
  }

  // tipline.model.share_text (the share of a stage a part makes).
  function shareOf(part, whole) {
    if (!(whole > 0)) return "0%";
    return root.TiplineModel.shareText(part / whole);
  }

  // tipline.explorer.flowbars.flow_html: each stage's bar scaled to its own total.
  function drawFlow(el, spec, r) {
    if (!el) return;
    var v = {};
    for (var k in r) v[k] = r[k];
    v.unworked = Math.max(r.domestic - r.worked, 0);
    var lost = spec.lost[r.choices.baseline] || spec.lost.no_report;
    spec.stages.forEach(function (stage) {
      var total = v[stage.whole];
      var box = el.querySelector('[data-flow-stage="' + stage.key + '"]');
      if (!box) return;
      var head = box.querySelector("[data-flow-total]");
      if (head) head.textContent = formatCount(total);
      stage.parts.forEach(function (key) {
        var seg = box.querySelector('[data-flow="' + key + '"]');
        var item = box.querySelector('[data-flow-item="' + key + '"]');
        var width = total > 0 ? 100 * v[key] / total : 0;
        seg.style.width = width.toFixed(3) + "%";
        seg.dataset.value = String(v[key]);
        item.querySelector(".tipline-flow__count").textContent = formatCount(v[key]);
        item.querySelector(".tipline-flow__share").textContent = "(" + shareOf(v[key], total) + ")";
        if (key === "lost" && seg.dataset.style !== lost.style) {
          var swatch = item.querySelector(".tipline-flow__swatch");
          [seg, swatch].forEach(function (node) {
            node.classList.remove("tipline-flow--" + (seg.dataset.style || "grey"));
            node.classList.add("tipline-flow--" + lost.style);
          });
          seg.dataset.style = lost.style;
          item.querySelector(".tipline-flow__label").textContent = lost.label;
        }
      });
    });
  }

  root.TiplineExplorerParts = {
    formatValue: formatValue, formatCount: formatCount, formatTilt: formatTilt,
    roundValue: roundValue, linkNumber: linkNumber, fieldText: fieldText, isPercent: isPercent,
    niceCeiling: niceCeiling, snap: snap, stepFrom: stepFrom, breakEven: breakEven,
    drawGauge: drawGauge, drawBalance: drawBalance, drawFlow: drawFlow
  };
})(window);
