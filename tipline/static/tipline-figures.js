/* Draw the page's charts from the JSON the build stored beside each one.
 *
 * Loaded only on pages that hold a chart (see tipline/sphinxext.py), after the first paint.
 * The site's own partial plotly.js bundle is fetched later still, on demand
 * (window.tiplinePlotly, defined by the page's inline loader), so a reader who opens a
 * chapter pays for plotly.js only when they use a chart.
 * - A chart with a still (an SVG picture of it drawn at build time: tipline/chart_stills.py)
 *   shows the still until the reader reaches for it (a mouse over it, a tap or a click, a
 *   keyboard focus); then plotly.js draws the live chart, with its hover values, in its
 *   place. The page's first screen never runs plotly.js.
 * - A chart without a still is drawn when it comes within about one screen of the viewport
 *   (IntersectionObserver), so a long chapter does not draw every chart at load.
 * - Before printing, every chart not yet drawn is drawn and every text alternative opened.
 * - At 480 px wide or less each chart takes its phone layout (the "phone" patch in its
 *   JSON: plotly relayout/restyle paths), and switches back when the window widens (a
 *   still does the same with its phone picture).
 * A chart that fails to draw says so in words instead (its still, if any, stays).
 * window.tiplineFigures.drawAll() draws everything at once (used by tests, the build's
 * stills and before printing). */
(function () {
  "use strict";

  var CONFIG = { displayModeBar: false, responsive: true, typesetMath: false, scrollZoom: false };
  var PRINT_WIDTH = 640; // px: fits the printed column on A4 and US Letter
  var printing = false;
  var PHONE = window.matchMedia ? window.matchMedia("(max-width: 480px)") : null;

  function isPhone() {
    return !!(PHONE && PHONE.matches);
  }

  function clone(value) {
    return JSON.parse(JSON.stringify(value));
  }

  // Set obj at a plotly attribute path such as "xaxis.title.text" or "annotations[2].visible".
  function setPath(obj, path, value) {
    var parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    var node = obj;
    for (var i = 0; i < parts.length - 1; i++) {
      var key = parts[i];
      if (node[key] === undefined || node[key] === null || typeof node[key] !== "object") {
        node[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      }
      node = node[key];
    }
    node[parts[parts.length - 1]] = value;
  }

  function specOf(figure) {
    if (!figure._tiplineSpec) {
      var data = figure.querySelector("script.tipline-plot-data");
      figure._tiplineSpec = JSON.parse(data.textContent);
    }
    return figure._tiplineSpec;
  }

  // The data and layout for the current width.
  function version(spec, phone) {
    var data = clone(spec.data);
    var layout = clone(spec.layout || {});
    var patch = phone && spec.phone ? spec.phone : null;
    if (patch) {
      Object.keys(patch.layout || {}).forEach(function (path) {
        setPath(layout, path, patch.layout[path]);
      });
      Object.keys(patch.data || {}).forEach(function (index) {
        var trace = data[Number(index)];
        if (!trace) return;
        Object.keys(patch.data[index]).forEach(function (path) {
          setPath(trace, path, patch.data[index][path]);
        });
      });
      if (patch.height) layout.height = patch.height;
    }
    return { data: data, layout: layout };
  }

  function fail(figure, error) {
    if (figure.querySelector(".tipline-figure__error")) return;
    var note = document.createElement("p");
    note.className = "tipline-figure__error";
    note.textContent =
      "This chart could not be drawn in your browser; its description below gives the same numbers.";
    figure.insertBefore(note, figure.querySelector("figcaption"));
    console.warn("tipline: chart not drawn:", error);
  }

  // plotly.js: already on the page (share cards, pages that need it at once) or fetched now.
  function plotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (window.tiplinePlotly) return window.tiplinePlotly();
    return Promise.reject(new Error("plotly.js is not available"));
  }

  // Draw a figure's live chart; resolves once it is drawn (or has failed). A figure being
  // drawn hands back the same promise, so every caller waits for the one drawing.
  function draw(figure) {
    var holder = figure.querySelector(".tipline-plot");
    if (!holder || holder.dataset.drawn) return Promise.resolve();
    if (!holder._tiplineDrawing) {
      holder.dataset.drawing = "true";
      holder._tiplineDrawing = plotly()
        .then(function () {
          return plot(figure, holder);
        })
        .catch(function (e) {
          fail(figure, e);
        })
        .then(function () {
          delete holder.dataset.drawing;
          holder._tiplineDrawing = null;
        });
    }
    return holder._tiplineDrawing;
  }

  function plot(figure, holder) {
    var phone = isPhone();
    var v = version(specOf(figure), phone);
    if (printing) v.layout.width = PRINT_WIDTH;
    holder.dataset.layout = phone ? "phone" : "desktop";
    return window.Plotly.newPlot(holder, v.data, v.layout, CONFIG).then(function () {
      holder.dataset.drawn = "true";
      var still = holder.querySelector(".tipline-plot__still");
      if (still) still.remove(); // the live chart, drawn beneath it, takes its place
      if (isPhone() !== phone) relayout(); // the width changed while it was drawn
    });
  }

  // Redraw drawn charts whose layout no longer matches the width.
  function relayout() {
    var phone = isPhone();
    figures().forEach(function (figure) {
      var holder = figure.querySelector(".tipline-plot");
      if (!holder || !holder.dataset.drawn) return;
      var wanted = phone ? "phone" : "desktop";
      if (holder.dataset.layout === wanted) return;
      var v = version(specOf(figure), phone);
      holder.dataset.layout = wanted;
      window.Plotly.react(holder, v.data, v.layout, CONFIG).catch(function (e) {
        fail(figure, e);
      });
    });
  }

  function figures() {
    return Array.prototype.slice.call(document.querySelectorAll("figure.tipline-figure"));
  }

  var observer = null;

  // Every chart drawn now; resolves when each is drawn (or has failed).
  function drawAll() {
    return Promise.all(
      figures().map(function (figure) {
        if (observer) observer.unobserve(figure);
        return draw(figure);
      })
    );
  }

  // The reader's first scroll on a page whose charts have no stills: plotly.js is fetched
  // and evaluated while they read on, so the charts ahead are ready when they arrive.
  function onFirstScroll() {
    window.removeEventListener("scroll", onFirstScroll);
    plotly().catch(function () {}); // a failure is reported where a chart is drawn
  }

  // The mouse or the tap that woke a chart also shows the values under it, as it would on
  // a live chart: plotly reads the pointer's position from a mouse move at that point.
  function pointAt(x, y) {
    var target = document.elementFromPoint(x, y);
    if (!target) return;
    target.dispatchEvent(
      new MouseEvent("mousemove", { clientX: x, clientY: y, bubbles: true, view: window })
    );
  }

  // A still gives way to the live chart when the reader reaches for it: a mouse over it
  // (not a finger passing over it on the way down the page), a tap or click, a focus.
  // A still that cannot be shown is replaced at once.
  function armStill(figure, still) {
    var holder = figure.querySelector(".tipline-plot");
    var img = still.querySelector("img");
    var done = false;
    var point = null; // where the pointer is over the chart, while the live one is drawn
    function track(e) {
      point = [e.clientX, e.clientY];
    }
    function left() {
      point = null;
    }
    function go(e) {
      if (done) return;
      done = true;
      holder.removeEventListener("pointerover", onPointer);
      holder.removeEventListener("click", go);
      figure.removeEventListener("focusin", go);
      if (e && e.type !== "focusin") track(e);
      holder.addEventListener("pointermove", track, { passive: true });
      holder.addEventListener("pointerleave", left);
      draw(figure).then(function () {
        holder.removeEventListener("pointermove", track);
        holder.removeEventListener("pointerleave", left);
        if (point && holder.dataset.drawn) pointAt(point[0], point[1]);
      });
    }
    function onPointer(e) {
      if (e.pointerType === "mouse") go(e);
    }
    holder.addEventListener("pointerover", onPointer, { passive: true });
    holder.addEventListener("click", go);
    figure.addEventListener("focusin", go);
    function broken() {
      still.remove();
      go();
    }
    if (img) {
      if (img.complete && img.currentSrc && !img.naturalWidth) broken(); // failed before we ran
      else img.addEventListener("error", broken);
    }
  }

  function start() {
    if (window.matchMedia && window.matchMedia("print").matches) {
      beforePrint(); // loaded while the page is being printed
      return;
    }
    var live = [];
    figures().forEach(function (figure) {
      var still = figure.querySelector(".tipline-plot__still");
      if (still) armStill(figure, still);
      else live.push(figure);
    });
    if (!live.length) return;
    if (!("IntersectionObserver" in window)) {
      live.forEach(draw);
      return;
    }
    // Within about one screen above or below the viewport.
    observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          draw(entry.target);
        });
      },
      { rootMargin: "100% 0px 100% 0px" }
    );
    live.forEach(function (figure) {
      observer.observe(figure);
    });
    window.addEventListener("scroll", onFirstScroll, { passive: true });
  }

  // On paper: every chart drawn at a width that fits the printed column of A4 and US
  // Letter paper (the screen's column can be wider), every text alternative open; all
  // undone afterwards.
  var opened = [];
  function beforePrint() {
    if (printing) return;
    printing = true;
    document.querySelectorAll("details.tipline-alt:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
    figures().forEach(function (figure) {
      var holder = figure.querySelector(".tipline-plot");
      if (holder && holder.dataset.drawn) window.Plotly.relayout(holder, { width: PRINT_WIDTH });
    });
    drawAll();
  }
  function afterPrint() {
    if (!printing) return;
    printing = false;
    opened.forEach(function (d) {
      d.open = false;
    });
    opened = [];
    figures().forEach(function (figure) {
      var holder = figure.querySelector(".tipline-plot");
      if (holder && holder.dataset.drawn) window.Plotly.relayout(holder, { width: null });
    });
  }

  window.tiplineFigures = { drawAll: drawAll };
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onPrint = function (e) {
      if (e.matches) beforePrint();
      else afterPrint();
    };
    if (print.addEventListener) print.addEventListener("change", onPrint);
    if (PHONE && PHONE.addEventListener) PHONE.addEventListener("change", relayout);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
