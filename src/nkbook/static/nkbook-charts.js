/* Draw every chart of the page with Vega-Embed, from the spec stored beside it, when the reader comes
   near it or engages it. The chart scripts (Vega, its expression interpreter, Vega-Lite, Vega-Embed:
   840 KB, 283 KB compressed)
   are fetched from the book's own _static/vendor only then, so a page opens as fast as one without
   charts; its words, the excerpts and the charts' pictures need none of them. Nothing is fetched
   from elsewhere.

   The page's <script> tag names the chart scripts in data-vendor (paths under _static, in order).
   Until then, and on paper, the reader sees the chart's picture, an SVG rendered when the book was
   built (in the HTML: seen at first paint).

   When the scripts load (the trigger; issue 12, item 7):
   - near: a chart 1000 px (more than a phone's screen) below or above the screen. On a phone the
     picture is a 640 px drawing scaled down, its words small; the interactive view is laid out for the
     column, its long lines wrapped, its tooltips and controls there. Fetched this early, it is drawn
     before the reader reaches the chart, out of sight;
   - engaged: a pointer over the chart, a tap, a click, a key or the focus in it (at once, first);
   - never on its own when the browser asks to save data (Save-Data): then only when engaged.

   No layout shift: the interactive view is drawn out of sight (hidden, over the picture) and takes
   the picture's place only where that moves nothing the reader sees: when nothing under the chart is
   on the screen (it is below the screen, or runs past its foot); otherwise when that comes to be, or
   when the reader taps, clicks or types in it (they asked for it). The interactive view is taller on a phone (wrapped lines, controls), so
   a height reserved from the picture could not hold it.

   window.nkbookCharts.drawAll() draws every chart at once and puts each in its picture's place. */
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
  // A reader whose browser asks to save data gets the scripts only on engaging a chart.
  var saveData = !!(navigator.connection && navigator.connection.saveData);
  // Figures drawn, waiting out of sight to take their picture's place (see place()).
  var waiting = [];

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

  // The width a chart has once drawn: the figure's content box (the view, hidden and laid over the
  // picture until then, spans the figure's padding too).
  function roomOf(figure) {
    var style = getComputedStyle(figure);
    return Math.floor(figure.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
  }

  function draw(figure) {
    var view = figure.querySelector(".nkbook-chart__view");
    var specNode = figure.querySelector("script.nkbook-chart__spec");
    if (!view || !specNode || typeof vegaEmbed !== "function") {
      return Promise.resolve();
    }
    var spec = JSON.parse(specNode.textContent);
    var meta = (spec.usermeta && spec.usermeta.nkbook) || {};
    // Vega names the drawing by the spec's description; the page names it by the shorter label (the
    // figures are in the words under the chart), so that a screen reader hears them once.
    var label = meta.label;
    var room = roomOf(figure);
    // On a narrow screen a chart may bring its own narrow variant (usermeta.nkbook.narrow: a whole
    // spec, same data and figures, laid out for a phone); every chart then has its long lines wrapped.
    // The narrow spec may leave out the datasets the wide one holds (a page carries its data once).
    if (meta.narrow && room < (meta.narrow_below || 600)) {
      spec = Object.assign({}, meta.narrow, { datasets: Object.assign({}, spec.datasets, meta.narrow.datasets) });
      meta = (spec.usermeta && spec.usermeta.nkbook) || {};
    }
    if (label) {
      spec = Object.assign({}, spec, { description: label });
    }
    registerWrap();
    figure.dataset.nkbookRoom = String(room);
    // A chart kept at its minimum width keeps its titles where Vega sets them (its labels are wide).
    var drawing;
    if (meta.min_width) {
      drawing = embed(view, fitLines(spec, Math.max(room, meta.min_width), true, 0), meta.min_width);
    } else {
      // Drawn once (out of sight) to learn how far the plot starts from the chart's left edge (its y
      // axis's labels), then, if that is more than a little, again with every line fitted beside them.
      drawing = embed(view, fitLines(spec, room, false, 0), 0).then(function (result) {
        var left = result.view.origin()[0];
        return left > 12 ? embed(view, fitLines(spec, room, false, left), 0) : result;
      });
    }
    return drawing
      .then(function (result) {
        refitOnChoice(result, spec);
        figure.classList.add("nkbook-chart--ready");
        place(figure);
      })
      .catch(function (error) {
        fail(figure, error);
      });
  }

  // Vega sizes a chart to its contents once (autosize "pad"). In a stack of panels (the timeline) a
  // panel whose rows have a fixed height (its phone layout; its wrapped labels elsewhere) grows or
  // shrinks with the rows a control lets through, and ran past the chart's foot, cut off: the chart
  // is sized again whenever the reader changes one of its controls.
  function refitOnChoice(result, spec) {
    if (!result || !result.view || !Array.isArray(spec.vconcat) || !Array.isArray(spec.params)) {
      return;
    }
    spec.params.forEach(function (param) {
      if (param.bind && param.name) {
        try {
          result.view.addSignalListener(param.name, function () {
            result.view.resize().runAsync();
          });
        } catch (error) {
          // A parameter Vega-Lite compiled to something else than a signal of that name: not a control.
        }
      }
    });
  }

  function embed(view, spec, minWidth) {
    view.textContent = "";
    var target = view;
    // A chart may ask for a minimum width (usermeta.nkbook.min_width): narrower, its columns would
    // overlap, so it keeps that width and scrolls sideways in its figure instead.
    if (minWidth && view.clientWidth < minWidth) {
      target = document.createElement("div");
      target.style.minWidth = minWidth + "px";
      view.appendChild(target);
    }
    // ast: Vega evaluates expressions with its interpreter (vendor/vega-interpreter.js), not by
    // compiling them to functions: the page's Content-Security-Policy forbids eval.
    return vegaEmbed(target, spec, { actions: false, renderer: "svg", tooltip: { theme: "light" }, ast: true });
  }

  // Text measured as the browser draws it (a canvas), to break long lines at words.
  var ruler = null;
  function textWidth(text, font) {
    ruler = ruler || document.createElement("canvas").getContext("2d");
    ruler.font = font;
    return ruler.measureText(text).width;
  }
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  function wrap(text, width, size, bold) {
    var font = (bold ? "bold " : "") + (size || 13) + "px " + FONT;
    var lines = [];
    String(text).split("\n").forEach(function (paragraph) {
      var line = "";
      paragraph.split(/\s+/).forEach(function (word) {
        var tried = line ? line + " " + word : word;
        if (line && textWidth(tried, font) > width) {
          lines.push(line);
          line = word;
        } else {
          line = tried;
        }
      });
      lines.push(line);
    });
    return lines;
  }
  // The given lines kept as they are if every one fits; else their words run on and are broken
  // again to the width (a line broken alone would leave a short remnant under it). The words and
  // their order never change.
  function wrapEach(lines, width, size, bold) {
    lines = [].concat(lines);
    var font = (bold ? "bold " : "") + (size || 13) + "px " + FONT;
    var fits = lines.every(function (line) { return textWidth(line, font) <= width; });
    return fits ? lines : wrap(lines.join(" "), width, size, bold);
  }

  // nkbookWrap(text, width, size) in a Vega expression: the text as lines no wider than width. A label
  // the chart module already set in lines ("\n") keeps them where they fit (wrapEach).
  var wrapRegistered = false;
  function registerWrap() {
    var vega = window.vega || (window.vegaEmbed && window.vegaEmbed.vega);
    if (wrapRegistered || !vega || !vega.expressionFunction) {
      return;
    }
    vega.expressionFunction("nkbookWrap", function (text, width, size, bold) {
      var lines = wrapEach(String(text).split("\n"), width, size, !!bold);
      return lines.length === 1 ? lines[0] : lines;
    });
    wrapRegistered = true;
  }

  // Titles, axis titles and legend labels broken into lines that fit a screen `room` px wide (the
  // spec itself holds them as written; a wide screen keeps the lines as written when they fit).
  // `left`: how far the plot starts from the chart's left edge, when known (0 at the first drawing).
  function fitLines(spec, room, keepFrame, left) {
    var copy = JSON.parse(JSON.stringify(spec));
    var config = copy.config || {};
    var titleSize = (config.title && config.title.fontSize) || 13;
    var margin = 8;

    function fitTitle(title, width, size) {
      if (typeof title === "string" || Array.isArray(title)) {
        return keepFrame ? wrapEach(title, width, size, true) : { text: wrapEach(title, width, size, true), frame: "group" };
      }
      if (title && typeof title === "object") {
        // Set at the plot's start ("group"): at the bounds' start Vega drew it left of the chart.
        title.frame = title.frame || (keepFrame ? undefined : "group");
        if (title.text !== undefined) {
          title.text = wrapEach(title.text, width, title.fontSize || size, true);
        }
        if (title.subtitle !== undefined) {
          title.subtitle = wrapEach(title.subtitle, width, title.subtitleFontSize || 12, false);
        }
      }
      return title;
    }

    // A stack of panels of fixed width (the timeline: Vega-Lite cannot give a concatenated chart its
    // container's width) is narrowed to the screen: its row labels are wrapped onto lines (on a phone
    // within LABEL_ROOM px) rather than cut, and its panels are made as much taller as the lines need.
    var LABEL_ROOM = Math.min(130, Math.round(0.4 * room));
    var stacked = Array.isArray(copy.vconcat);
    var panelWidth = null;
    // Room Vega leaves beside a title for the y axis's labels (none in a stack whose rows are named
    // above them).
    var titleReserve = 56;
    if (stacked) {
      var widest = Math.max.apply(null, copy.vconcat.map(function (p) { return typeof p.width === "number" ? p.width : 0; }));
      var labels = 0;
      copy.vconcat.forEach(function (p) {
        JSON.stringify(p, function (key, value) {
          if (key === "labelLimit" && typeof value === "number") { labels = Math.max(labels, value); }
          return value;
        });
      });
      // Panels with no row labels beside them (the timeline's phone layout names its rows above
      // them) take the whole width but for the chart's padding and its axes' last labels.
      if (widest + labels + 40 > room) {
        panelWidth = Math.max(90, room - (labels ? Math.min(labels, LABEL_ROOM) + 64 : 32));
      }
      titleReserve = labels ? 56 : 16;
    }

    // Every value of a field in the chart's data (its named datasets and inline values).
    function distinct(field) {
      var seen = {};
      function take(rows) {
        (rows || []).forEach(function (row) {
          if (row && row[field] !== undefined && row[field] !== null) {
            seen[row[field]] = true;
          }
        });
      }
      Object.keys(copy.datasets || {}).forEach(function (name) { take(copy.datasets[name]); });
      JSON.stringify(copy, function (key, value) {
        if (key === "values" && Array.isArray(value)) { take(value); }
        return value;
      });
      return Object.keys(seen);
    }
    function mostLines(field, width, size, bold) {
      return distinct(field).reduce(function (most, value) {
        return Math.max(most, wrap(value, width, size, !!bold).length);
      }, 1);
    }
    function needLines(panel, field, width, size, rowsOf, bold) {
      if (panel) {
        panel.__nkbookLines = Math.max(panel.__nkbookLines || 1, mostLines(field, width, size, bold));
        if (rowsOf) {
          panel.__nkbookRowsOf = rowsOf;
        }
      }
    }

    function wrapRowLabels(node, panel) {
      var y = node.encoding && node.encoding.y;
      if (!stacked || !y || !y.axis || typeof y.axis.labelLimit !== "number" || y.axis.labelExpr) {
        return;
      }
      var labelRoom = panelWidth ? Math.min(y.axis.labelLimit, LABEL_ROOM) : y.axis.labelLimit;
      var size = (config.axisY && config.axisY.labelFontSize) || y.axis.labelFontSize || 13;
      y.axis.labelExpr = "nkbookWrap(datum.label, " + labelRoom + ", " + size + ")";
      y.axis.labelLimit = labelRoom + 12;
      needLines(panel, y.field, labelRoom, size, y.field);
    }

    function walk(node, width, top, panel) {
      if (!node || typeof node !== "object") {
        return;
      }
      wrapRowLabels(node, panel);
      if (node.title !== undefined && (top || node.mark || node.layer || node.vconcat || node.hconcat || node.concat)) {
        if (top && left && !keepFrame) {
          // The chart's title set back to the chart's left edge, over the y axis's labels, and as wide as the chart.
          node.title = fitTitle(node.title, room - (stacked ? 48 : 12), titleSize);
          if (typeof node.title === "object" && !Array.isArray(node.title)) {
            node.title.dx = 4 - left;
          }
        } else {
          // Vega sets a title's start beside the y axis's labels, not at the chart's edge: leave them
          // room. In a stack whose rows are named above them, there are none, and a panel's title is
          // measured at the size the theme gives every title.
          node.title = fitTitle(node.title, width - titleReserve, top || titleReserve < 56 ? titleSize : 13);
        }
      }
      var inner = typeof node.width === "number" ? Math.min(node.width, width) : width;
      // A label drawn from a field (a source's name, a printed figure) is broken into lines on a
      // phone rather than running off the chart.
      var mark = typeof node.mark === "string" ? { type: node.mark } : node.mark;
      var text = node.encoding && node.encoding.text;
      var narrowMark = room < 600 && mark && mark.type === "text";
      // Words written into the chart (a note beside a year, a band's label): a right-aligned note
      // stands left of its mark, so it gets less of the width.
      var textRoom = Math.max(120, (mark && mark.align === "right" ? 0.7 : 1) * inner - 24);
      if (narrowMark && (typeof mark.text === "string" || Array.isArray(mark.text))) {
        node.mark = Object.assign({}, mark, { text: wrapEach(mark.text, textRoom, mark.fontSize || 13, mark.fontWeight === "bold") });
      }
      // (A label the chart cuts short at a fixed length, mark.limit, is wrapped at every width.)
      // A label the chart module already sets in lines (mark.lineBreak), and places by their number, is
      // left as the module wrote it: more lines would run into the text under it.
      var ownLines = mark && mark.lineBreak;
      if ((room < 600 || (stacked && mark && mark.limit)) && mark && mark.type === "text" && !ownLines && text && text.field && text.type === "nominal" && !text.format) {
        var wrapped = text.field + "__nkbook_lines";
        var size = mark.fontSize || 13;
        // Where a left-aligned label starts: its x in pixels if it is given so, else a guess.
        var x = node.encoding.x || {};
        var indent = mark.align !== "left" ? 0 : typeof x.value === "number" ? x.value : x.datum === 0 ? 0 : 40;
        var lineRoom = Math.max(stacked ? 60 : 120, inner - indent - 20);
        node.transform = (node.transform || []).concat([{
          calculate: "nkbookWrap(datum['" + text.field + "'], " + lineRoom + ", " + size + ", " + (mark.fontWeight === "bold") + ")",
          as: wrapped
        }]);
        node.encoding.text = Object.assign({}, text, { field: wrapped });
        // Vega sets a label's first line where the one line stood and the others under it: a label
        // standing on its baseline ("bottom", above its mark) is hung from the top of its most lines
        // instead, and the rows are made as much taller.
        var most = mostLines(text.field, lineRoom, size, mark.fontWeight === "bold");
        if (mark.baseline === "bottom" && most > 1) {
          var lineHeight = mark.lineHeight || size + 3;
          node.mark = Object.assign({}, node.mark, {
            baseline: "top",
            dy: (mark.dy || 0) - most * lineHeight
          });
          var extra = (most - 1) * lineHeight;
          var rowField = node.encoding.y && node.encoding.y.field;
          if (copy.height && typeof copy.height.step === "number") {
            copy.height = { step: copy.height.step + extra };
          } else if (!stacked && typeof copy.height === "number" && rowField && !copy.__nkbookGrown) {
            copy.height += distinct(rowField).length * extra;
            copy.__nkbookGrown = true;
          }
        }
        if (stacked) {
          var rowField = node.encoding.y && node.encoding.y.field;
          needLines(panel, text.field, lineRoom, size, rowField, mark.fontWeight === "bold");
        }
        if (mark.limit) {
          node.mark = Object.assign({}, mark, { limit: 0 });
        }
      }
      if (node.encoding) {
        Object.keys(node.encoding).forEach(function (channel) {
          var enc = node.encoding[channel];
          if (!enc || typeof enc !== "object") {
            return;
          }
          var titleRoom = (channel === "y" ? 300 : inner) - margin;
          if (typeof enc.title === "string" || Array.isArray(enc.title)) {
            enc.title = wrapEach(enc.title, titleRoom, 13, true);
          }
          if (enc.axis && (typeof enc.axis.title === "string" || Array.isArray(enc.axis.title))) {
            enc.axis.title = wrapEach(enc.axis.title, titleRoom, enc.axis.titleFontSize || 13, true);
          }
          if (channel === "text" && typeof enc.value === "string" && narrowMark) {
            enc.value = wrap(enc.value, textRoom, (mark && mark.fontSize) || 13, mark && mark.fontWeight === "bold");
          }
          if (enc.legend) {
            var limit = Math.min(enc.legend.labelLimit || 160, room - 40 - (left || 0));
            var size = enc.legend.labelFontSize || 11;
            if (typeof enc.legend.title === "string" || Array.isArray(enc.legend.title)) {
              enc.legend.title = wrapEach(enc.legend.title, room - margin - (left || 0), enc.legend.titleFontSize || 11, true);
            }
            if (room < 600) {
              // One entry under another: side by side, the entries run off a phone's screen.
              enc.legend.columns = 1;
              enc.legend.direction = "vertical";
              enc.legend.labelExpr = "nkbookWrap(" + (enc.legend.labelExpr || "datum.label") + ", " + limit + ", " + size + ")";
              enc.legend.labelLimit = limit + 10;
            }
          }
        });
      }
      ["layer", "vconcat", "hconcat", "concat"].forEach(function (key) {
        (node[key] || []).forEach(function (child) {
          walk(child, inner, false, key === "layer" ? panel : child);
        });
      });
      if (node.spec) {
        walk(node.spec, inner, false, panel);
      }
    }
    if (panelWidth) {
      copy.vconcat.forEach(function (p) {
        if (typeof p.width === "number") {
          p.width = panelWidth;
        }
      });
    }
    walk(copy, room - margin - (left || 0), true, null);
    delete copy.__nkbookGrown;
    if (stacked) {
      copy.vconcat.forEach(function (p) {
        var lines = p.__nkbookLines || 1;
        if (typeof p.height === "number" && p.__nkbookRowsOf && lines > 1) {
          // Each row as tall as the most lines any row has (15 px a line, and room between rows),
          // however many rows the panel shows.
          p.height = { step: lines * 15 + 10 };
        }
        delete p.__nkbookLines;
        delete p.__nkbookRowsOf;
      });
    }
    // Vega-Lite's own default puts the padding outside a container-wide chart: wider than
    // its column, which then scrolls. The chart is drawn to the column's width, padding inside (it
    // is drawn again when the column's width changes: see the resize handler).
    if (copy.width === "container") {
      copy.width = room;
      copy.autosize = Object.assign({ type: "fit-x", contains: "padding" }, copy.autosize || {});
    }
    return copy;
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

  // Whether the interactive view can take the picture's place now without moving what the reader
  // sees: nothing under the chart is on the screen (the chart is below it, or runs past its foot).
  // A chart above the screen waits: the browser's scroll anchoring would keep the text in place,
  // but Chromium does not anchor while a scroll (a flick, a wheel) is under way, and the text jumped.
  function outOfSight(figure) {
    var box = figure.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.bottom >= height;
  }

  function show(figure) {
    var at = waiting.indexOf(figure);
    if (at >= 0) {
      waiting.splice(at, 1);
    }
    figure.classList.add("nkbook-chart--drawn");
    fitOrScroll(figure.querySelector(".nkbook-chart__view"));
  }

  // The drawn view in the picture's place, at once if that moves nothing in sight or the reader
  // asked for it (drawAll, a tap, a click, a key), else once it is out of sight.
  function place(figure) {
    if (figure.classList.contains("nkbook-chart--drawn") || figure.dataset.nkbookEngaged || outOfSight(figure)) {
      show(figure);
    } else if (waiting.indexOf(figure) < 0) {
      waiting.push(figure);
    }
  }

  var checking = false;
  function checkWaiting() {
    if (checking || !waiting.length) {
      return;
    }
    checking = true;
    requestAnimationFrame(function () {
      checking = false;
      waiting.slice().forEach(function (figure) {
        if (outOfSight(figure)) {
          show(figure);
        }
      });
    });
  }
  window.addEventListener("scroll", checkWaiting, { passive: true });

  // A reader engaging a chart: a pointer over it fetches the scripts (and draws it first); a tap, a
  // click, a key or the focus in it also puts the interactive view in the picture's place at once.
  function engage(event) {
    var figure = event.target && event.target.closest && event.target.closest("figure.nkbook-chart");
    if (!figure) {
      return;
    }
    if (event.type !== "pointerover") {
      figure.dataset.nkbookEngaged = "true";
      if (figure.classList.contains("nkbook-chart--ready")) {
        show(figure);
        return;
      }
    }
    request(figure, true);
  }
  ["pointerover", "pointerdown", "touchstart", "keydown", "focusin"].forEach(function (type) {
    document.addEventListener(type, engage, { passive: true, capture: true });
  });

  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      Array.prototype.forEach.call(document.querySelectorAll("figure.nkbook-chart--ready"), function (figure) {
        var view = figure.querySelector(".nkbook-chart__view");
        // A new width (a phone turned on its side): the chart is laid out again for it.
        if (Math.abs(roomOf(figure) - Number(figure.dataset.nkbookRoom || 0)) > 1) {
          draw(figure);
        } else {
          fitOrScroll(view);
        }
      });
      checkWaiting();
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

  // `first`: the chart the reader engages is drawn before those merely near.
  function request(figure, first) {
    if (figure.dataset.nkbookRequested) {
      var at = queue.indexOf(figure);
      if (first && at > 0) {
        queue.splice(at, 1);
        queue.unshift(figure);
      }
      return;
    }
    figure.dataset.nkbookRequested = "true";
    if (observer) {
      observer.unobserve(figure);
    }
    var idle = queue.length === 0;
    if (first) {
      queue.unshift(figure);
    } else {
      queue.push(figure);
    }
    loadScripts().then(function () {
      if (idle) {
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
    figures().forEach(function (figure) {
      figure.dataset.nkbookEngaged = "true";
      if (figure.classList.contains("nkbook-chart--ready")) {
        show(figure);
      }
      request(figure);
    });
    return loadScripts().then(function () {}, function () {});
  }

  function start() {
    if (saveData) {
      return;
    }
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

  // The tables of a chart page stack on a phone (nkbook.css): each cell is given its column's name.
  function labelTables() {
    Array.prototype.forEach.call(document.querySelectorAll("article table"), function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!heads.length) {
        return;
      }
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i]) {
            cell.setAttribute("data-label", heads[i]);
          }
        });
      });
      // Stacked, a table is drawn as blocks, and browsers then stop telling screen readers it is
      // a table: its roles are said outright.
      table.setAttribute("role", "table");
      Array.prototype.forEach.call(table.querySelectorAll("tr"), function (row) { row.setAttribute("role", "row"); });
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (th) { th.setAttribute("role", "columnheader"); });
      Array.prototype.forEach.call(table.querySelectorAll("td"), function (td) { td.setAttribute("role", "cell"); });
      Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (group) { group.setAttribute("role", "rowgroup"); });
      table.classList.add("nkbook-stacked");
    });
  }

  window.nkbookCharts = { drawAll: drawAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", labelTables);
  } else {
    labelTables();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
