/* Predict, then reveal (built by tipline/explorer/predict.py).
 *
 * The reader commits a guess (one of the five verdicts, or a mark on the tilt scale) and
 * presses "Check my prediction"; the model's answer, computed at build time, is then shown
 * beside the guess. The guess is kept in localStorage under the question's own key, so a
 * reader who comes back sees it again; it is never sent anywhere. "Predict again" forgets it.
 */
(function () {
  "use strict";

  var PREFIX = "tipline-predict:";

  // A tilt as the page writes it: the minus sign U+2212, a plus sign, or neither at zero.
  function signed(x) {
    var text = Math.abs(x).toFixed(2);
    if (Number(text) === 0) return text;
    return (x > 0 ? "+" : "\u2212") + text;
  }

  // The verdict band of a tilt (tipline.model.verdict): 0 clearly favours investigators
  // ... 4 clearly favours defendants.
  function band(tilt, c) {
    var m = Math.abs(tilt);
    if (m >= c.clear) return tilt > 0 ? 0 : 4;
    if (m >= c.lean) return tilt > 0 ? 1 : 3;
    return 2;
  }

  // A verdict phrase after "the system": "roughly balanced" needs its verb.
  function says(phrase) {
    return phrase === "roughly balanced" ? "is " + phrase : phrase;
  }

  // Storage that may be missing (private windows, blocked cookies): then guesses last only
  // until the page is left.
  var store = (function () {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (e) {
      return null;
    }
  })();

  function Prediction(root) {
    this.root = root;
    this.config = JSON.parse(root.querySelector("script.tipline-predict-config").textContent);
    this.form = root.querySelector(".tipline-predict__form");
    this.reveal = root.querySelector(".tipline-predict__reveal");
    this.status = root.querySelector(".tipline-predict__status");
    this.compare = root.querySelector(".tipline-predict__compare");
    this.slider = root.querySelector("input[type=range]");
    this.output = root.querySelector(".tipline-predict__slider output");
    this.radios = root.querySelectorAll("input[type=radio]");
    this.key = PREFIX + this.config.key;
  }

  Prediction.prototype.guess = function () {
    if (this.config.kind === "tilt") return Number(this.slider.value);
    for (var i = 0; i < this.radios.length; i++) {
      if (this.radios[i].checked) return Number(this.radios[i].value);
    }
    return null;
  };

  Prediction.prototype.setGuess = function (g) {
    if (this.config.kind === "tilt") {
      this.slider.value = String(g);
      this.showSlider();
    } else {
      this.radios.forEach(function (r) { r.checked = Number(r.value) === g; });
    }
  };

  Prediction.prototype.showSlider = function () {
    var g = Number(this.slider.value);
    var text = signed(g) + ", " + this.config.phrases[band(g, this.config)];
    this.output.textContent = signed(g);
    this.slider.setAttribute("aria-valuetext", text);
  };

  function place(mark, tilt) {
    mark.style.left = (50 + 50 * tilt).toFixed(2) + "%";
    mark.hidden = false;
  }

  // The model's answer beside the guess, in words and on the scale.
  Prediction.prototype.show = function (g, focus) {
    var c = this.config;
    var model = c.phrases[c.verdict];
    var words;
    if (c.kind === "tilt") {
      var gap = Math.abs(c.tilt - g);
      words = "You predicted a tilt of " + signed(g) + " (" + c.phrases[band(g, c)] + "). " +
        "The model says " + signed(c.tilt) + " (" + model + "): " +
        (gap < 0.05 ? "within 0.05 of your guess." :
          gap.toFixed(2) + (c.tilt > g ? " further toward investigators" : " further toward defendants") +
          " than your guess.");
      place(this.root.querySelector(".tipline-predict__mark--guess"), g);
    } else {
      var steps = g - c.verdict;
      words = "You predicted that the system " + says(c.phrases[g]) + ". The model says it " +
        says(model) +
        (steps === 0 ? ": the same verdict." :
          ": " + Math.abs(steps) + (Math.abs(steps) === 1 ? " band" : " bands") +
          (steps > 0 ? " further toward investigators" : " further toward defendants") + " than your guess.");
      this.root.querySelectorAll(".tipline-predict__tag").forEach(function (tag) {
        var i = Number(tag.dataset.tag);
        var parts = [];
        if (i === g) parts.push("your guess");
        if (i === c.verdict) parts.push("the model");
        tag.textContent = parts.length ? " \u2190 " + parts.join(" and ") : "";
      });
    }
    place(this.root.querySelector(".tipline-predict__mark--model"), c.tilt);
    this.compare.textContent = words;
    this.form.querySelectorAll("input").forEach(function (i) { i.disabled = true; });
    this.form.querySelector(".tipline-predict__commit").hidden = true;
    this.reveal.hidden = false;
    this.root.classList.add("tipline-predict--revealed");
    if (focus) this.reveal.focus();
  };

  Prediction.prototype.commit = function () {
    var g = this.guess();
    if (g === null) {
      this.status.textContent = "Choose one of the answers first.";
      if (this.radios.length) this.radios[0].focus();
      return;
    }
    this.status.textContent = "";
    if (store) {
      try { store.setItem(this.key, JSON.stringify({ guess: g })); } catch (e) { /* full */ }
    }
    this.show(g, true);
  };

  Prediction.prototype.again = function () {
    if (store) store.removeItem(this.key);
    this.form.querySelectorAll("input").forEach(function (i) { i.disabled = false; });
    this.form.querySelector(".tipline-predict__commit").hidden = false;
    this.reveal.hidden = true;
    this.root.classList.remove("tipline-predict--revealed");
    this.root.querySelectorAll(".tipline-predict__tag").forEach(function (t) { t.textContent = ""; });
    var first = this.slider || this.radios[0];
    if (first) first.focus();
  };

  Prediction.prototype.restore = function () {
    if (!store) return;
    var saved = null;
    try { saved = JSON.parse(store.getItem(this.key)); } catch (e) { saved = null; }
    if (!saved || typeof saved.guess !== "number" || !isFinite(saved.guess)) return;
    var g = saved.guess;
    if (this.config.kind === "tilt" ? Math.abs(g) > 1 : [0, 1, 2, 3, 4].indexOf(g) < 0) return;
    this.setGuess(g);
    this.show(g, false);
  };

  Prediction.prototype.start = function () {
    var self = this;
    this.form.addEventListener("submit", function (ev) { ev.preventDefault(); self.commit(); });
    this.root.querySelector(".tipline-predict__again").addEventListener("click", function () {
      self.again();
    });
    if (this.slider) this.slider.addEventListener("input", function () { self.showSlider(); });
    this.radios.forEach(function (r) {
      r.addEventListener("change", function () { self.status.textContent = ""; });
    });
    this.restore();
    this.root.classList.add("tipline-predict--live");
  };

  function startAll() {
    window.tiplinePredictions = [];
    document.querySelectorAll("section.tipline-predict").forEach(function (root) {
      try {
        var p = new Prediction(root);
        p.start();
        window.tiplinePredictions.push(p);
      } catch (err) {
        console.warn("tipline: prediction failed to start:", err);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
