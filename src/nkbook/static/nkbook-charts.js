/* Draw every chart of the page with Vega-Embed, from the spec stored beside it, when the reader comes
   near it. The chart scripts (Vega, Vega-Lite, Vega-Embed: 830 KB) are fetched from the book's own
   _static/vendor only then, so a page opens as fast as one without charts; its words, the excerpts
   and the text alternatives of the charts need none of them. Nothing is fetched from elsewhere.

   The page's <script> tag names the chart scripts in data-vendor (paths under _static, in order).
   Until then, and on paper, the reader sees the chart's picture, an SVG rendered when the book was
   built; the interactive view is drawn out of sight and takes its place once it is whole.
   window.nkbookCharts.drawAll() draws every chart at once. */
(function () {
  "use strict";
  var self = document.currentScript;
  var base = self ? self.src.replace(/[^/]*$/, "") : "";
  var vendor = self && self.dataset.vendor ? self.dataset.vendor.split(" ") : [];
  // Start fetching a chart's scripts when it is this far below (or above) the screen.
  var MARGIN = "1000px 0px";
  var scriptsLoaded = null;
  var queue = [];
  var observer = null;

  // Every chart script, downloaded side by side and run in order (async = false).
  function loadScripts() {
    if (!scriptsLoaded) {
      scriptsLoaded = Promise.all(vendor.map(function (path) {
        return new Promise(function (resolve, reject) {
          var tag = document.createElement("script");
          tag.src = base + path;
          tag.async = false;
          tag.onload = resolve;
          tag.onerror = function () {
            reject(new Error("the chart script " + path + " could not be loaded"));
          };
          document.head.appendChild(tag);
        });
      }));
    }
    return scriptsLoaded;
  }

  function fail(figure, error) {
    figure.classList.add("nkbook-chart--failed");
    var note = figure.querySelector(".nkbook-chart__fallback");
    if (note) {
      note.textContent += " The chart could not be drawn: " + error.message;
    }
    console.error("nkbook: chart " + figure.id + " could not be drawn", error);
  }

  function draw(figure) {
    var view = figure.querySelector(".nkbook-chart__view");
    var specNode = figure.querySelector("script.nkbook-chart__spec");
    if (!view || !specNode || typeof vegaEmbed !== "function") {
      return Promise.resolve();
    }
    var spec = JSON.parse(specNode.textContent);
    // A chart may ask for a minimum width (usermeta.nkbook.min_width): narrower, its columns would
    // overlap, so it keeps that width and scrolls sideways in its figure instead.
    var meta = (spec.usermeta && spec.usermeta.nkbook) || {};
    var target = view;
    if (meta.min_width) {
      target = document.createElement("div");
      target.style.minWidth = meta.min_width + "px";
      view.appendChild(target);
    }
    return vegaEmbed(target, spec, { actions: false, renderer: "svg", tooltip: { theme: "light" } })
      .then(function () {
        figure.classList.add("nkbook-chart--drawn");
        fitOrScroll(view);
      })
      .catch(function (error) {
        fail(figure, error);
      });
  }

  // A chart wider than the column (on a phone) scrolls sideways inside its figure, not the page; the
  // keyboard can then reach it (Tab) and scroll it (arrow keys), and a screen reader hears why.
  function fitOrScroll(view) {
    var wide = view.scrollWidth > view.clientWidth + 1;
    if (wide && !view.hasAttribute("tabindex")) {
      view.setAttribute("tabindex", "0");
      view.setAttribute("role", "region");
      view.setAttribute("aria-label", "Chart wider than the screen: scroll sideways to see all of it");
    } else if (!wide && view.getAttribute("role") === "region") {
      view.removeAttribute("tabindex");
      view.removeAttribute("role");
      view.removeAttribute("aria-label");
    }
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      Array.prototype.forEach.call(document.querySelectorAll("figure.nkbook-chart--drawn .nkbook-chart__view"), fitOrScroll);
    }, 200);
  });

  // One chart per task, so that the page answers clicks and keys between charts (no long task).
  function drainQueue() {
    var figure = queue.shift();
    if (figure) {
      draw(figure);
      setTimeout(drainQueue, 0);
    }
  }

  function request(figure) {
    if (figure.dataset.nkbookRequested) {
      return;
    }
    figure.dataset.nkbookRequested = "true";
    if (observer) {
      observer.unobserve(figure);
    }
    var first = queue.length === 0;
    queue.push(figure);
    loadScripts().then(function () {
      if (first) {
        drainQueue();
      }
    }, function (error) {
      queue.splice(0).forEach(function (f) { fail(f, error); });
    });
  }

  function figures() {
    return Array.prototype.slice.call(document.querySelectorAll("figure.nkbook-chart"));
  }

  // A promise that settles once the chart scripts are in (or failed, which each chart then says).
  function drawAll() {
    figures().forEach(request);
    return loadScripts().then(function () {}, function () {});
  }

  function start() {
    if (!("IntersectionObserver" in window)) {
      drawAll();
      return;
    }
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          request(entry.target);
        }
      });
    }, { rootMargin: MARGIN });
    figures().forEach(function (figure) { observer.observe(figure); });
  }

  window.nkbookCharts = { drawAll: drawAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
