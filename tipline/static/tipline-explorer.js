/* The kernel-free explorer: controls -> the transcribed model -> words, numbers and bars.
 *
 * The page holds the controls already (built by tipline/explorer/static.py, controls.py and
 * chapter.py), so they are labelled and keyboard-operable before this script runs. Each
 * parameter's value lives in one hidden field (input[data-param]); its slider (round steps;
 * capacity on a log scale) and its number field (any exact value) set it. On every input the
 * model (tipline-model.js) is recomputed and every text and bar redrawn at once, in HTML
 * (tipline-explorer-parts.js): no chart library, so a redraw takes a fraction of a frame.
 *
 * A full explorer (the explore page) also has presets (the active one aria-pressed, a note when
 * the settings were changed since), a year, the flow of reports, a count table, a link to copy
 * and, with data-url-state, the page address following the settings. A compact explorer (in a
 * chapter) has its focus controls, the verdict, the balance and a link to the full explorer.
 */
(function () {
  "use strict";

  var P = window.TiplineExplorerParts;
  var URL_DELAY_MS = 150;
  var KEY_STEPS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };

  function own(object, key) {
    return object != null && Object.prototype.hasOwnProperty.call(object, key);
  }

  function Explorer(root) {
    var self = this;
    this.root = root;
    this.config = JSON.parse(root.querySelector("script.tipline-explorer-config").textContent);
    this.params = this.config.params;
    this.byName = {};
    this.params.forEach(function (p) { self.byName[p.name] = p; });
    this.log = {};
    (this.config.logScale || []).forEach(function (n) { self.log[n] = true; });
    this.inputs = {};   // the value holders, one per parameter
    this.sliders = {};
    this.fields = {};
    root.querySelectorAll("input[data-param]").forEach(function (i) { self.inputs[i.name] = i; });
    root.querySelectorAll("input[data-slider]").forEach(function (i) { self.sliders[i.dataset.slider] = i; });
    root.querySelectorAll("input[data-field]").forEach(function (i) { self.fields[i.dataset.field] = i; });
    this.choiceInputs = root.querySelectorAll("input[data-choice]");
    this.choiceDefs = {};
    (this.config.choices || []).forEach(function (c) { self.choiceDefs[c.name] = c; });
    this.yearSelect = root.querySelector("select[name=year]");
    var q = function (s) { return root.querySelector(s); };
    this.el = {
      tilt: q(".tipline-explorer__tilt"), verdict: q(".tipline-explorer__verdict"),
      stickyTilt: q(".tipline-explorer__sticky-tilt"), stickyVerdict: q(".tipline-explorer__sticky-verdict"),
      notice: q(".tipline-explorer__notice"), status: q(".tipline-explorer__status"),
      counts: q(".tipline-explorer__counts"), balance: q(".tipline-explorer__balance"),
      flow: q(".tipline-flow"), open: q(".tipline-explorer__open-link"),
      even: q(".tipline-explorer__key-even"), evenMark: q(".tipline-explorer__mark--even"),
      presetState: q(".tipline-explorer__preset-state")
    };
    this.lastRedrawMs = [];
    this.useUrl = root.dataset.urlState === "true";
    this.activePreset = null;
  }

  // --- state ---------------------------------------------------------------------------------------
  Explorer.prototype.values = function () {
    var v = {};
    for (var name in this.inputs) v[name] = Number(this.inputs[name].value);
    return v;
  };

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
      if (!own(choices, name)) return;
      if (input.type === "hidden") input.value = choices[name];
      else input.checked = input.value === choices[name];
    });
  };

  Explorer.prototype.defaultChoices = function () {
    var c = {};
    for (var name in this.choiceDefs) c[name] = this.choiceDefs[name].default;
    return c;
  };

  Explorer.prototype.year = function () {
    if (this.yearSelect) return this.yearSelect.value;
    return this.root.dataset.year || String(this.config.defaultYear);
  };

  Explorer.prototype.yearDefaults = function (year) {
    var base = {};
    this.params.forEach(function (p) { base[p.name] = p.default; });
    var measured = own(this.config.years, String(year)) ? this.config.years[String(year)] : {};
    for (var k in measured) base[k] = measured[k];
    return base;
  };

  // Set values (holders, then sliders and fields show them), e.g. from a preset or a link.
  Explorer.prototype.setValues = function (values) {
    for (var name in values) {
      if (!own(this.inputs, name)) continue;
      this.inputs[name].value = String(values[name]);
      this.showValue(name, true);
    }
  };

  // The slider, the number field and the value label of one parameter, from its holder.
  // `field`: also rewrite the number field (not while the reader types in it).
  Explorer.prototype.showValue = function (name, field) {
    var p = this.byName[name];
    var v = Number(this.inputs[name].value);
    var text = P.formatValue(v, p.format);
    var out = this.root.querySelector('output[data-for="' + name + '"]');
    if (out) out.textContent = text;
    var slider = this.sliders[name];
    if (slider) {
      slider.value = String(this.log[name] ? Math.log10(v) : v);
      slider.setAttribute("aria-valuetext", text);
    }
    var box = this.fields[name];
    if (box && field) {
      box.value = P.fieldText(p, v);
      this.invalid(name, null);
    }
  };

  // --- redraw -----------------------------------------------------------------------------------------
  Explorer.prototype.update = function (source) {
    var t0 = performance.now();
    var choices = this.choices();
    var v = this.values();
    var r = window.TiplineModel.flow(v, choices);
    r.choices = choices;
    var words = window.TiplineModel.verdict(r.tilt, this.config.verdict);
    this.root.dataset.tilt = String(r.tilt);
    if (this.el.tilt) {
      this.el.tilt.dataset.tilt = String(r.tilt);
      this.el.tilt.textContent = P.formatTilt(r.tilt);
    }
    if (this.el.stickyTilt) {
      this.el.stickyTilt.textContent = P.formatTilt(r.tilt);
      this.el.stickyVerdict.textContent = words;
    }
    this.el.verdict.dataset.verdict = words;
    this.el.verdict.textContent = window.TiplineModel.verdictSentence(r, this.config.verdict);
    this.root.classList.toggle("tipline-explorer--investigators", r.tilt > 0);
    this.root.classList.toggle("tipline-explorer--defendants", r.tilt < 0);
    this.writeCounts(r);
    P.drawGauge(this.root, r.tilt);
    P.drawBalance(this.el.balance, this.config.charts.balance.parts, r);
    if (this.config.charts.flow) P.drawFlow(this.el.flow, this.config.charts.flow, r);
    this.drawBreakEven(v, choices);
    this.result = r;
    if (this.el.open) {
      var q = this.shortQuery();
      this.el.open.href = "explore.html" + (q ? "?" + q : "");
    }
    if (this.config.presets.length) this.showPresetState();
    if (this.useUrl && source !== "load") this.scheduleUrl();
    this.lastRedrawMs.push(performance.now() - t0);
    if (this.lastRedrawMs.length > 1000) this.lastRedrawMs.shift();
    this.root.dataset.redraws = String(Number(this.root.dataset.redraws || 0) + 1);
    this.root.dataset.drawnTilt = String(r.tilt);
  };

  Explorer.prototype.writeCounts = function (r) {
    if (!this.el.counts) return;
    var self = this;
    this.config.countLabels.forEach(function (row) {
      var cell = self.el.counts.querySelector('[data-count="' + row.key + '"]');
      if (cell) cell.textContent = P.formatCount(r[row.key]);
    });
  };

  // The break-even mark under the capacity slider, for the other settings as they are.
  Explorer.prototype.drawBreakEven = function (v, choices) {
    if (!this.el.even) return;
    var p = this.byName.capacity;
    // Capacity itself does not move the break-even: recompute only when another setting did.
    var rest = {};
    for (var k in v) if (k !== "capacity") rest[k] = v[k];
    var key = JSON.stringify([rest, choices]);
    if (key === this.evenKey) return;
    this.evenKey = key;
    var even = P.breakEven(window.TiplineModel, v, choices, p.low, p.high);
    this.el.even.dataset.even = even === null ? "" : String(even);
    this.el.even.textContent = even === null ? "no break-even in range" : "break-even " + P.roundValue(even);
    if (this.el.evenMark) {
      this.el.evenMark.hidden = even === null;
      if (even !== null) {
        var at = (Math.log10(even) - Math.log10(p.low)) / (Math.log10(p.high) - Math.log10(p.low));
        this.el.evenMark.style.setProperty("--at", at.toFixed(4));
      }
    }
  };

  // --- presets ------------------------------------------------------------------------------------
  Explorer.prototype.matches = function (preset) {
    if (String(preset.year) !== this.year()) return false;
    var v = this.values(), c = this.choices();
    for (var k in preset.values) {
      if (Math.abs(v[k] - preset.values[k]) > 1e-12 * Math.max(1, Math.abs(preset.values[k]))) return false;
    }
    var want = preset.choices || this.defaultChoices();
    for (var n in want) if (c[n] !== want[n]) return false;
    return true;
  };

  // aria-pressed on the preset the settings equal; after a change, which one they came from.
  Explorer.prototype.showPresetState = function () {
    var self = this, current = null;
    this.config.presets.forEach(function (p) { if (!current && self.matches(p)) current = p; });
    if (current) this.activePreset = current;
    this.root.querySelectorAll("button[data-preset]").forEach(function (b) {
      b.setAttribute("aria-pressed", current && b.dataset.preset === current.id ? "true" : "false");
      b.classList.toggle("tipline-explorer__button--modified",
        !current && self.activePreset !== null && b.dataset.preset === self.activePreset.id);
    });
    var text = !current && this.activePreset ? "Modified from \u201c" + this.activePreset.label + "\u201d" : "";
    if (this.el.presetState && this.el.presetState.textContent !== text) this.el.presetState.textContent = text;
  };

  Explorer.prototype.applyPreset = function (id) {
    var preset = this.config.presets.filter(function (p) { return p.id === id; })[0];
    if (!preset) return;
    if (this.yearSelect) this.yearSelect.value = String(preset.year);
    this.setValues(this.yearDefaults(preset.year));
    this.setValues(preset.values);
    this.setChoices(preset.choices || this.defaultChoices());
    this.activePreset = preset;
    this.update("preset");
    this.say("Preset applied: " + preset.label + ".");
  };

  // --- links ----------------------------------------------------------------------------------------
  // The settings as a short link (tipline.explorer.chapter.short_query): the year unless it is
  // the default one, then only the values and choices that differ from that year's defaults.
  Explorer.prototype.shortQuery = function () {
    var params = new URLSearchParams();
    var year = this.year();
    if (year !== String(this.config.defaultYear)) params.set("year", year);
    var defaults = this.yearDefaults(year);
    var self = this;
    this.params.forEach(function (p) {
      if (!own(self.inputs, p.name)) return;
      var text = P.linkNumber(self.inputs[p.name].value);
      if (text !== P.linkNumber(defaults[p.name])) params.set(p.name, text);
    });
    var choices = this.choices();
    for (var c in this.choiceDefs) {
      if (choices[c] !== this.choiceDefs[c].default) params.set(c, choices[c]);
    }
    return params.toString();
  };

  Explorer.prototype.scheduleUrl = function () {
    var self = this;
    window.clearTimeout(this.urlTimer);
    this.urlTimer = window.setTimeout(function () { self.writeUrl(); }, URL_DELAY_MS);
  };

  Explorer.prototype.writeUrl = function () {
    var q = this.shortQuery();
    window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
  };

  // Settings from the address; anything invalid is named in a notice and left at its default.
  // Only a setting's own name counts ("constructor" or "__proto__" are not settings).
  Explorer.prototype.readUrl = function () {
    var params = new URLSearchParams(window.location.search);
    var ignored = [], values = Object.create(null), choices = Object.create(null);
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
          P.formatValue(p.low, p.format) + " to " + P.formatValue(p.high, p.format) + ")");
        return;
      }
      values[name] = v;
    });
    this.setValues(values);
    this.setChoices(choices);
    if (ignored.length && this.el.notice) {
      this.el.notice.hidden = false;
      this.el.notice.textContent = "Some settings in the link were ignored and left at their defaults: " +
        ignored.join("; ") + ".";
    }
  };

  Explorer.prototype.say = function (text) {
    if (this.el.status && this.el.status.textContent !== text) this.el.status.textContent = text;
  };

  Explorer.prototype.copyLink = function () {
    // A chapter's explorer does not read the address: its link opens the explore page.
    var page = this.useUrl ? window.location.origin + window.location.pathname
      : new URL("explore.html", window.location.href).href;
    var q = this.shortQuery();
    var link = page + (q ? "?" + q : "");
    var self = this;
    var box = this.root.querySelector(".tipline-explorer__link");
    if (box) { box.hidden = false; box.value = link; }
    var fallback = function () { self.say("Copy the link from the box below."); if (box) box.select(); };
    if (navigator.clipboard && window.isSecureContext) {
      // The copy finishes later: report it only if the settings have not moved since.
      var current = function () { return self.shortQuery() === q; };
      navigator.clipboard.writeText(link).then(function () {
        if (current()) self.say(self.useUrl ? "Link copied: it restores these settings."
          : "Link copied: it opens the explorer page with these settings.");
      }, function () { if (current()) fallback(); });
    } else {
      fallback();
    }
  };

  // --- input ----------------------------------------------------------------------------------------
  // A set value: into the holder, shown everywhere, model recomputed; the status line clears.
  Explorer.prototype.set = function (name, v, fromField) {
    this.inputs[name].value = String(v);
    this.showValue(name, !fromField);
    this.say("");
    this.update("input");
  };

  Explorer.prototype.slid = function (slider) {
    var name = slider.dataset.slider, p = this.byName[name];
    var raw = Number(slider.value);
    this.set(name, P.snap(p, this.log[name] ? Math.pow(10, raw) : raw, this.log[name]));
  };

  // Arrow keys step to the next round value (Page Up/Down: ten steps); Home and End.
  Explorer.prototype.key = function (ev) {
    var name = ev.target.dataset.slider, p = this.byName[name];
    var v = Number(this.inputs[name].value), next = v;
    if (ev.key in KEY_STEPS) {
      var n = Math.abs(KEY_STEPS[ev.key]), dir = KEY_STEPS[ev.key] > 0 ? 1 : -1;
      for (var i = 0; i < n; i++) next = P.stepFrom(p, next, dir, this.log[name], this.config.logSteps);
    } else if (ev.key === "Home") next = p.low;
    else if (ev.key === "End") next = p.high;
    else return;
    ev.preventDefault();
    this.set(name, next);
  };

  Explorer.prototype.invalid = function (name, message) {
    var box = this.fields[name];
    var note = this.root.querySelector('[data-control="' + name + '"] .tipline-explorer__invalid');
    if (message) box.setAttribute("aria-invalid", "true"); else box.removeAttribute("aria-invalid");
    if (note && note.textContent !== (message || "")) note.textContent = message || "";
    if (note) note.hidden = !message;
  };

  // A typed exact value: applied as soon as it is a number in range; otherwise a message.
  Explorer.prototype.typed = function (box, final) {
    var name = box.dataset.field, p = this.byName[name];
    var raw = box.value.trim();
    var v = raw === "" ? NaN : Number(raw) / (P.isPercent(p) ? 100 : 1);
    if (!isFinite(v) || v < p.low || v > p.high) {
      if (final) this.showValue(name, true);
      else this.invalid(name, p.label + " must be a number from " + P.fieldText(p, p.low) + " to " +
        P.fieldText(p, p.high) + (P.isPercent(p) ? " (in percent)." : "."));
      return;
    }
    this.invalid(name, null);
    if (Number(this.inputs[name].value) !== v) this.set(name, v, true);
  };

  Explorer.prototype.bind = function () {
    var self = this;
    Object.keys(this.sliders).forEach(function (name) {
      var s = self.sliders[name];
      s.addEventListener("input", function () { self.slid(s); });
      s.addEventListener("keydown", function (ev) { self.key(ev); });
    });
    Object.keys(this.fields).forEach(function (name) {
      var box = self.fields[name];
      box.addEventListener("input", function () { self.typed(box, false); });
      box.addEventListener("change", function () { self.typed(box, true); });
    });
    this.choiceInputs.forEach(function (input) {
      input.addEventListener("change", function () { self.say(""); self.update("input"); });
    });
    if (this.yearSelect) {
      this.yearSelect.addEventListener("change", function () {
        var year = self.yearSelect.value;
        self.setValues(self.config.years[year] || {});
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
        if (self.el.notice) self.el.notice.hidden = true;
        self.activePreset = null;
        self.update("reset");
        self.say("Settings reset to the " + self.config.defaultYear + " defaults.");
      });
    }
    var copy = this.root.querySelector("button[data-action=copy-link]");
    if (copy) copy.addEventListener("click", function () { self.copyLink(); });
  };

  Explorer.prototype.start = function () {
    if (this.useUrl) this.readUrl();
    for (var name in this.inputs) this.showValue(name, true);
    this.bind();
    this.root.classList.add("tipline-explorer--live");
    this.update("load");
  };

  function startAll() {
    window.tiplineExplorers = [];
    document.querySelectorAll("section.tipline-explorer").forEach(function (root) {
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
