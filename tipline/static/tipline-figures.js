/* Draw every chart on the page from the JSON the build stored beside it.
 * Loaded only on pages that hold a chart (see tipline/sphinxext.py), after the site's own
 * partial plotly.js bundle. A chart that fails to draw says so in words instead. */
(function () {
  "use strict";

  var CONFIG = { displayModeBar: false, responsive: true, typesetMath: false };

  function drawChart(figure) {
    var holder = figure.querySelector(".tipline-plot");
    var data = figure.querySelector("script.tipline-plot-data");
    if (!holder || !data || holder.dataset.drawn) return Promise.resolve();
    var spec = JSON.parse(data.textContent);
    return window.Plotly.newPlot(holder, spec.data, spec.layout || {}, CONFIG).then(function () {
      holder.dataset.drawn = "true";
    });
  }

  function fail(figure, error) {
    var note = document.createElement("p");
    note.className = "tipline-figure__error";
    note.textContent = "This chart could not be drawn in your browser; its description below gives the same numbers.";
    figure.insertBefore(note, figure.querySelector("figcaption"));
    console.warn("tipline: chart not drawn:", error);
  }

  function drawAll() {
    document.querySelectorAll("figure.tipline-figure").forEach(function (figure) {
      try {
        drawChart(figure).catch(function (e) { fail(figure, e); });
      } catch (e) {
        fail(figure, e);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
