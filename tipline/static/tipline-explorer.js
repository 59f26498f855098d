/* The kernel-free explorer: sliders -> the transcribed model -> words, number and charts.
 *
 * The page holds the controls already (built by tipline/explorer/static.py), so they are
 * labelled and keyboard-operable before this script runs. This script reads the explorer's
 * configuration (parameters, ranges, years, presets, verdict bands: all generated from the
 * Python model at build time), and on every `input` event (a slider, or a radio button of a
 * modelling choice) recomputes the model with
 * TiplineModel.flow, writes the tilt into `data-tilt`, the verdict into an aria-live region,
 * resizes the HTML balance bars and redraws the plotly flow diagram at once (further inputs
 * within the same animation frame are coalesced into one redraw at the next frame).
 */
(function () {
  "use strict";

  var PLOT_CONFIG = { displayModeBar: false, responsive: true, staticPlot: false };
  var URL_DELAY_MS = 150;

  // A round axis maximum at or above `value` (1, 2 or 5 times a power of ten), so the axis
  // changes only when the bars outgrow it, instead of being rescaled on every move.
  function niceCeiling(value) {
    if (!(value > 0)) return 1;
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (value <= steps[i] * power) return steps[i] * power;
    }
    return 10 * power;
  }

  // --- number formatting (the subset of d3/Python format specs the parameters use) ---------
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

  function formatTilt(tilt) {
    var text = Math.abs(tilt).toFixed(2);
    if (text === "0.00") return text;
    return (tilt > 0 ? "+" : "\u2212") + text;
  }

  // --- one explorer ---------------------------------------------------------------------------
  function Explorer(root) {
    this.root = root;
    this.config = JSON.parse(root.querySelector("script.tipline-explorer-config").textContent);
    this.params = this.config.params;
    this.byName = {};
    var self = this;
    this.params.forEach(function (p) { self.byName[p.name] = p; });
    this.inputs = {};
    // Every parameter has one input holding its value: a slider, or (in a compact explorer)
    // a hidden field for the settings the reader cannot move there.
    root.querySelectorAll("input[data-param]").forEach(function (input) {
      self.inputs[input.name] = input;
    });
    this.choiceInputs = root.querySelectorAll("input[data-choice]");
    this.choiceDefs = {};
    (this.config.choices || []).forEach(function (c) { self.choiceDefs[c.name] = c; });
    this.yearSelect = root.querySelector("select[name=year]");
    this.tiltEl = root.querySelector(".tipline-explorer__tilt");
    this.verdictEl = root.querySelector(".tipline-explorer__verdict");
    this.noticeEl = root.querySelector(".tipline-explorer__notice");
    this.statusEl = root.querySelector(".tipline-explorer__status");
    this.countsEl = root.querySelector(".tipline-explorer__counts");
    this.balanceEl = root.querySelector(".tipline-explorer__balance");
    this.flowChart = root.querySelector(".tipline-explorer__flow-chart");
    this.openLink = root.querySelector(".tipline-explorer__open-link");
    this.frame = null;
    this.dirty = false;
    this.pendingSince = null;
    this.lastRedrawMs = [];
    this.useUrl = root.dataset.urlState === "true";
  }

  Explorer.prototype.values = function () {
    var v = {};
    for (var name in this.inputs) v[name] = Number(this.inputs[name].value);
    return v;
  };

  // The modelling choices as {name: value}, from the checked radio buttons.
  Explorer.prototype.choices = function () {
    var c = {};
    for (var name in this.choiceDefs) c[name] = this.choiceDefs[name].default;
    this.choiceInputs.forEach(function (input) {
      if (input.checked || input.type === "hidden") c[input.dataset.choice] = input.value;
    });
    return c;
  };

  Explorer.prototype.setChoices = function (choices) {
    this.choiceInputs.forEach(function (input) {
      var name = input.dataset.choice;
      if (!Object.prototype.hasOwnProperty.call(choices, name)) return;
      if (input.type === "hidden") input.value = choices[name];
      else input.checked = input.value === choices[name];
    });
  };

  Explorer.prototype.defaultChoices = function () {
    var c = {};
    for (var name in this.choiceDefs) c[name] = this.choiceDefs[name].default;
    return c;
  };

  Explorer.prototype.yearDefaults = function (year) {
    var base = {};
    var self = this;
    this.params.forEach(function (p) { base[p.name] = p.default; });
    var measured = this.config.years[String(year)] || {};
    for (var k in measured) base[k] = measured[k];
    return base;
  };

  Explorer.prototype.setValues = function (values) {
    for (var name in values) {
      if (this.inputs[name]) this.inputs[name].value = String(values[name]);
    }
  };

  Explorer.prototype.showValue = function (name) {
    var p = this.byName[name];
    var input = this.inputs[name];
    var text = formatValue(Number(input.value), p.format) + (p.unit_suffix || "");
    var out = this.root.querySelector('output[data-for="' + name + '"]');
    if (out) out.textContent = text;
    if (input.type === "range") input.setAttribute("aria-valuetext", text);
  };

  Explorer.prototype.update = function (source, changed) {
    var t0 = performance.now();
    var v = this.values();
    var choices = this.choices();
    var r = window.TiplineModel.flow(v, choices);
    r.choices = choices;
    if (changed) this.showValue(changed);
    else for (var name in this.inputs) this.showValue(name);
    this.root.dataset.tilt = String(r.tilt);
    if (this.tiltEl) {
      this.tiltEl.dataset.tilt = String(r.tilt);
      this.tiltEl.textContent = formatTilt(r.tilt);
    }
    var words = window.TiplineModel.verdict(r.tilt, this.config.verdict);
    this.verdictEl.dataset.verdict = words;
    this.verdictEl.textContent = window.TiplineModel.verdictSentence(r, this.config.verdict);
    this.root.classList.toggle("tipline-explorer--investigators", r.tilt > 0);
    this.root.classList.toggle("tipline-explorer--defendants", r.tilt < 0);
    this.writeCounts(r);
    this.drawGauge(r);
    this.drawBalance(r);
    this.result = r;
    if (this.useUrl && source !== "load") this.scheduleUrl();
    if (this.openLink) {
      var q = this.shortQuery();
      this.openLink.href = "explore.html" + (q ? "?" + q : "");
    }
    if (window.Plotly && this.flowChart) this.scheduleCharts(r);
    else this.drawn(r, t0);
  };

  // Everything for `r` is on the page: record the time it took (read by the benchmark).
  Explorer.prototype.drawn = function (r, started) {
    this.pendingSince = null;
    this.lastRedrawMs.push(performance.now() - started);
    if (this.lastRedrawMs.length > 1000) this.lastRedrawMs.shift();
    this.root.dataset.redraws = String(Number(this.root.dataset.redraws || 0) + 1);
    this.root.dataset.drawnTilt = String(r.tilt);
  };

  Explorer.prototype.writeCounts = function (r) {
    if (!this.countsEl) return;
    var rows = this.config.countLabels;
    var self = this;
    rows.forEach(function (row) {
      var cell = self.countsEl.querySelector('[data-count="' + row.key + '"]');
      if (cell) cell.textContent = formatCount(r[row.key]);
    });
  };

  // --- charts ------------------------------------------------------------------------------
  // The first input of a frame redraws at once (no wait for the next frame); further inputs in
  // the same frame are coalesced into one redraw at the next animation frame.
  Explorer.prototype.scheduleCharts = function (r) {
    if (!window.Plotly || !this.flowChart) return;
    if (this.pendingSince === null) this.pendingSince = performance.now();
    if (this.frame !== null) { this.dirty = true; return; }
    var self = this;
    this.drawCharts(r);
    this.frame = window.requestAnimationFrame(function () {
      self.frame = null;
      if (self.dirty) {
        self.dirty = false;
        self.scheduleCharts(self.result);
      }
    });
  };

  // The balance: HTML bars built at build time (tipline.explorer.static.balance_html); only
  // their widths, values and scale change here.
  Explorer.prototype.drawBalance = function (r) {
    var el = this.balanceEl;
    if (!el) return;
    var parts = this.config.charts.balance.parts;
    var sides = {};
    // Transcription of tipline.explorer.charts.balance_values: a part that counts only under
    // one baseline is empty under the other.
    var value = {};
    parts.forEach(function (part) {
      value[part.key] = !part.onlyUnder || part.onlyUnder === r.choices.baseline ? r[part.key] : 0;
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
  };

  // Transcription of tipline.flow.node_positions: fixed node centres for the link sizes.
  function nodePositions(f, values) {
    var size = f.nodes.map(function () { return 0; });
    f.links.forEach(function (l, i) {
      size[l.target] += values[i];
      if (f.nodes[l.source].column === 0) size[l.source] += values[i];
    });
    var xs = f.nodes.map(function (n) { return f.columns[n.column]; });
    var ys = f.nodes.map(function () { return 0; });
    f.columns.forEach(function (_, column) {
      var members = [];
      f.nodes.forEach(function (n, i) { if (n.column === column) members.push(i); });
      var total = members.reduce(function (a, i) { return a + size[i]; }, 0) || 1;
      var gap = members.length > 1 ? f.gap / (members.length - 1) : 0;
      var scale = 1 - (members.length > 1 ? f.gap : 0);
      var top = 0;
      members.forEach(function (i) {
        var height = size[i] / total * scale;
        ys[i] = Math.min(Math.max(top + height / 2, 0.001), 0.999);
        top += height + gap;
      });
    });
    return { x: xs, y: ys };
  }

  // Transcription of tipline.flow.link_values: a link is an output, or an output times the
  // share one output makes of the sum of others.
  function linkValues(f, r) {
    return f.links.map(function (l) {
      if (!l.part) return r[l.value];
      var whole = l.whole.reduce(function (a, w) { return a + r[w]; }, 0);
      return whole > 0 ? r[l.value] * r[l.part] / whole : 0;
    });
  }

  Explorer.prototype.flowFigure = function (r) {
    var f = this.config.charts.flow;
    var values = linkValues(f, r);
    var pos = nodePositions(f, values);
    var baseline = r.choices.baseline;
    var styles = f.nodes.map(function (n) { return n.styles[baseline] || n.styles.no_report; });
    return {
      data: [{
        type: "sankey", arrangement: "fixed", valueformat: ",.0f", valuesuffix: " reports",
        node: {
          label: styles.map(function (st) { return st.label; }),
          color: styles.map(function (st) { return st.colour; }),
          x: pos.x, y: pos.y,
          pad: 16, thickness: 14, line: { width: 0 }
        },
        link: {
          source: f.links.map(function (l) { return l.source; }),
          target: f.links.map(function (l) { return l.target; }),
          value: values,
          color: f.links.map(function (l) { return translucent(styles[l.target].colour); })
        }
      }],
      layout: f.layout
    };
  };

  // "#rrggbb" -> "rgba(r,g,b,0.45)", as tipline.flow._translucent.
  function translucent(colour) {
    var n = parseInt(colour.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + ",0.45)";
  }

  Explorer.prototype.drawGauge = function (r) {
    // tilt in [-1, 1] -> a bar from the centre of the track
    var fill = this.root.querySelector(".tipline-gauge__fill");
    if (!fill) return;
    var half = Math.abs(r.tilt) * 50;
    fill.style.left = (r.tilt >= 0 ? 50 : 50 - half) + "%";
    fill.style.width = half + "%";
  };

  Explorer.prototype.drawCharts = function (r) {
    var self = this;
    var started = this.pendingSince;
    this.pendingSince = null;
    var flow = this.flowFigure(r);
    window.Plotly.react(this.flowChart, flow.data, flow.layout, PLOT_CONFIG).then(function () {
      self.drawn(r, started);
      self.flowChart.dataset.drawn = "true";
    });
  };

  // --- shareable state in the URL ---------------------------------------------------------------
  Explorer.prototype.year = function () {
    if (this.yearSelect) return this.yearSelect.value;
    return this.root.dataset.year || String(this.config.defaultYear);
  };

  // As tipline.explorer.chapter.link_number: at most 12 significant digits.
  function linkNumber(value) {
    return String(Number(Number(value).toPrecision(12)));
  }

  // The settings as a short link (tipline.explorer.chapter.short_query): the year unless it
  // is the default one, and only the values and choices that differ from its defaults.
  Explorer.prototype.shortQuery = function () {
    var params = new URLSearchParams();
    var year = this.year();
    if (year !== String(this.config.defaultYear)) params.set("year", year);
    var defaults = this.yearDefaults(year);
    var self = this;
    this.params.forEach(function (p) {
      var input = self.inputs[p.name];
      if (!input) return;
      var text = linkNumber(input.value);
      if (text !== linkNumber(defaults[p.name])) params.set(p.name, text);
    });
    var choices = this.choices();
    for (var c in this.choiceDefs) {
      if (choices[c] !== this.choiceDefs[c].default) params.set(c, choices[c]);
    }
    return params.toString();
  };

  Explorer.prototype.query = function () {
    var params = new URLSearchParams();
    params.set("year", this.yearSelect ? this.yearSelect.value : String(this.config.defaultYear));
    for (var name in this.inputs) params.set(name, this.inputs[name].value);
    var choices = this.choices();
    for (var c in choices) params.set(c, choices[c]);
    return params.toString();
  };

  // The address follows the sliders, written once they rest (not on every input event).
  Explorer.prototype.scheduleUrl = function () {
    var self = this;
    window.clearTimeout(this.urlTimer);
    this.urlTimer = window.setTimeout(function () { self.writeUrl(); }, URL_DELAY_MS);
  };

  Explorer.prototype.writeUrl = function () {
    var url = window.location.pathname + "?" + this.query() + window.location.hash;
    window.history.replaceState(null, "", url);
  };

  // Only a setting's own name counts: a link's "constructor", "toString" or "__proto__" must
  // not reach properties every object inherits (or write onto them).
  function own(object, key) {
    return object != null && Object.prototype.hasOwnProperty.call(object, key);
  }

  Explorer.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    var ignored = [];
    var values = Object.create(null);
    var self = this;
    var year = params.get("year");
    if (year !== null) {
      if (own(this.config.years, year) && this.yearSelect) {
        this.yearSelect.value = year;
        var defaults = this.yearDefaults(year);
        for (var key in defaults) if (own(defaults, key)) values[key] = defaults[key];
      } else {
        ignored.push("year=" + year + " (choose " + Object.keys(this.config.years).join(" or ") + ")");
      }
    }
    var choices = Object.create(null);
    params.forEach(function (raw, name) {
      if (name === "year") return;
      if (own(self.choiceDefs, name)) {
        var allowed = self.choiceDefs[name].values;
        if (allowed.indexOf(raw) >= 0) choices[name] = raw;
        else ignored.push(name + "=" + raw + " (choose " + allowed.join(" or ") + ")");
        return;
      }
      var p = own(self.byName, name) && own(self.inputs, name) ? self.byName[name] : null;
      if (!p) { ignored.push(name + " (not a setting of this explorer)"); return; }
      var v = raw.trim() === "" ? NaN : Number(raw);
      if (!isFinite(v) || v < p.low || v > p.high) {
        ignored.push(name + "=" + raw + " (" + p.label + " must be a number from " +
          formatValue(p.low, p.format) + " to " + formatValue(p.high, p.format) + ")");
        return;
      }
      values[name] = v;
    });
    this.setValues(values);
    this.setChoices(choices);
    if (ignored.length && this.noticeEl) {
      this.noticeEl.hidden = false;
      this.noticeEl.textContent = "Some settings in the link were ignored and left at their defaults: " +
        ignored.join("; ") + ".";
    }
  };

  // --- controls ----------------------------------------------------------------------------------
  Explorer.prototype.say = function (text) {
    if (this.statusEl) this.statusEl.textContent = text;
  };

  Explorer.prototype.applyPreset = function (id) {
    var preset = this.config.presets.filter(function (p) { return p.id === id; })[0];
    if (!preset) return;
    if (this.yearSelect) this.yearSelect.value = String(preset.year);
    this.setValues(preset.values);
    this.setChoices(preset.choices || this.defaultChoices());
    this.update("preset");
    this.say("Preset applied: " + preset.label + ".");
  };

  Explorer.prototype.copyLink = function () {
    // An explorer inside a chapter does not read the address, so its link opens the explore
    // page (beside every chapter in book/), which restores the settings from the query.
    var page = this.useUrl
      ? window.location.origin + window.location.pathname
      : new URL("explore.html", window.location.href).href;
    var link = page + "?" + this.query();
    var self = this;
    var field = this.root.querySelector(".tipline-explorer__link");
    if (field) { field.hidden = false; field.value = link; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(
        function () {
          self.say(self.useUrl ? "Link copied: it restores these settings."
            : "Link copied: it opens the explorer page with these settings.");
        },
        function () { self.say("Copy the link from the box below."); if (field) field.select(); }
      );
    } else {
      this.say("Copy the link from the box below.");
      if (field) field.select();
    }
  };

  // Sliders use step="any" so that measured defaults (e.g. 184,700) are shown exactly; the
  // keyboard moves them by the parameter's own step (x10 with Page Up/Down).
  var KEY_STEPS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };

  Explorer.prototype.key = function (ev) {
    var input = ev.target;
    var p = this.byName[input.name];
    var v = Number(input.value);
    var next;
    if (ev.key in KEY_STEPS) next = v + KEY_STEPS[ev.key] * Number(input.dataset.step);
    else if (ev.key === "Home") next = p.low;
    else if (ev.key === "End") next = p.high;
    else return;
    ev.preventDefault();
    next = Math.min(p.high, Math.max(p.low, Number(next.toPrecision(12))));
    input.value = String(next);
    this.update("input", input.name);
  };

  Explorer.prototype.bind = function () {
    var self = this;
    for (var name in this.inputs) {
      this.inputs[name].addEventListener("input", function (ev) { self.update("input", ev.target.name); });
      this.inputs[name].addEventListener("keydown", function (ev) { self.key(ev); });
    }
    this.choiceInputs.forEach(function (input) {
      input.addEventListener("change", function () { self.update("input"); });
    });
    if (this.yearSelect) {
      this.yearSelect.addEventListener("change", function () {
        var year = self.yearSelect.value;
        var measured = self.config.years[year] || {};
        self.setValues(measured);
        self.update("year");
        self.say("Measured settings set to " + year + ".");
      });
    }
    this.root.querySelectorAll("button[data-preset]").forEach(function (button) {
      button.addEventListener("click", function () { self.applyPreset(button.dataset.preset); });
    });
    var reset = this.root.querySelector("button[data-action=reset]");
    if (reset) {
      reset.addEventListener("click", function () {
        if (self.yearSelect) self.yearSelect.value = String(self.config.defaultYear);
        self.setValues(self.yearDefaults(self.config.defaultYear));
        self.setChoices(self.defaultChoices());
        if (self.noticeEl) self.noticeEl.hidden = true;
        self.update("reset");
        self.say("Settings reset to the " + self.config.defaultYear + " defaults.");
      });
    }
    var copy = this.root.querySelector("button[data-action=copy-link]");
    if (copy) copy.addEventListener("click", function () { self.copyLink(); });
  };

  Explorer.prototype.start = function () {
    if (this.useUrl) this.readUrl();
    this.bind();
    this.root.classList.add("tipline-explorer--live");
    this.update("load");
  };

  function startAll() {
    window.tiplineExplorers = [];
    document.querySelectorAll(".tipline-explorer").forEach(function (root) {
      try {
        var e = new Explorer(root);
        e.start();
        window.tiplineExplorers.push(e);
      } catch (err) {
        console.warn("tipline: explorer failed to start:", err);
        var note = root.querySelector(".tipline-explorer__notice");
        if (note) {
          note.hidden = false;
          note.textContent = "The explorer could not start in this browser; the numbers below are the model's defaults.";
        }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
