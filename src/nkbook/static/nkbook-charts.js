/* Draw every chart of the page with Vega-Embed, from the spec stored beside it.
   The scripts come from the book's own _static/vendor: nothing is fetched from elsewhere. */
(function () {
  "use strict";
  function draw(figure) {
    var view = figure.querySelector(".nkbook-chart__view");
    var specNode = figure.querySelector("script.nkbook-chart__spec");
    if (!view || !specNode || typeof vegaEmbed !== "function") {
      return;
    }
    var spec = JSON.parse(specNode.textContent);
    vegaEmbed(view, spec, { actions: false, renderer: "svg", tooltip: { theme: "light" } })
      .then(function () {
        figure.classList.add("nkbook-chart--drawn");
      })
      .catch(function (error) {
        figure.classList.add("nkbook-chart--failed");
        var note = figure.querySelector(".nkbook-chart__fallback");
        if (note) {
          note.textContent += " The chart could not be drawn: " + error.message;
        }
        console.error("nkbook: chart " + figure.id + " could not be drawn", error);
      });
  }
  // One chart per task, so that the page answers clicks and keys between charts (no long task).
  function drawAll() {
    var figures = Array.prototype.slice.call(document.querySelectorAll("figure.nkbook-chart"));
    (function next() {
      var figure = figures.shift();
      if (figure) {
        draw(figure);
        setTimeout(next, 0);
      }
    })();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
