// What a reader at this width cannot read: every SVG text of every drawn chart that leaves its chart or
// the screen, that Vega shortened with an ellipsis, or that lies over another text of its chart; every chart that scrolls inside its figure; every
// table under a chart that leaves the screen; and whether the page itself scrolls sideways.
// Returns a plain object (run by page.evaluate in tests/test_site.py).
() => {
  const vw = document.documentElement.clientWidth;
  const out = { width: vw, pageOverflow: document.documentElement.scrollWidth - vw, texts: [], scrolling: [], tables: [] };
  const say = (el) => (el.textContent || "").trim().slice(0, 60);
  document.querySelectorAll("figure.nkbook-chart").forEach((figure, i) => {
    const view = figure.querySelector(".nkbook-chart__view");
    const svg = view && view.querySelector("svg");
    if (!svg) { out.texts.push({ chart: i, text: "(not drawn)" }); return; }
    const box = svg.getBoundingClientRect();
    if (view.scrollWidth > view.clientWidth + 1) {
      out.scrolling.push({ chart: i, id: figure.id, scrollWidth: view.scrollWidth, clientWidth: view.clientWidth });
    }
    const clip = view.getBoundingClientRect();
    const drawn = [];
    svg.querySelectorAll("text").forEach((text) => {
      const t = text.getBoundingClientRect();
      const words = say(text);
      if (!words || t.width === 0) return;
      const style = getComputedStyle(text);
      if (style.visibility === "hidden" || style.display === "none" || text.closest("[opacity='0']")) return;
      drawn.push({ words, t });
      const where = [];
      if (t.left < box.left - 1 || t.right > box.right + 1 || t.top < box.top - 1 || t.bottom > box.bottom + 1) where.push("outside its chart");
      // A chart that scrolls inside its figure may hold text beyond the screen; it is counted apart.
      const left = Math.max(0, view.scrollWidth > view.clientWidth + 1 ? clip.left : 0);
      const right = Math.min(vw, view.scrollWidth > view.clientWidth + 1 ? clip.right : vw);
      if (view.scrollWidth <= view.clientWidth + 1 && (t.left < left - 1 || t.right > right + 1)) where.push("outside the screen");
      // Vega shortens each line of a label on its own: a line in the middle of one may end in an ellipsis.
      const lines = text.querySelectorAll("tspan").length ? [...text.querySelectorAll("tspan")].map((s) => s.textContent) : [text.textContent];
      if (lines.some((line) => /\u2026$/.test((line || "").trim()))) where.push("shortened with an ellipsis");
      if (where.length) {
        out.texts.push({ chart: i, text: words, where: where.join(", "),
          box: [Math.round(t.left), Math.round(t.right)], chartBox: [Math.round(box.left), Math.round(box.right)] });
      }
    });
    // Two texts that share more than a sliver (2 px each way) are drawn over each other. A text's box
    // holds its line's full height, so lines set close in one label touch but do not overlap by 2 px.
    for (let a = 0; a < drawn.length; a += 1) {
      for (let b = a + 1; b < drawn.length; b += 1) {
        const p = drawn[a].t, q = drawn[b].t;
        const across = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (across > 2 && down > 2) {
          out.texts.push({ chart: i, text: drawn[a].words, where: `over '${drawn[b].words}'`,
            box: [Math.round(p.left), Math.round(p.top)], chartBox: [Math.round(q.left), Math.round(q.top)] });
        }
      }
    }
  });
  document.querySelectorAll("article table, main table").forEach((table, i) => {
    const t = table.getBoundingClientRect();
    if (t.width === 0) return;
    // A table may sit in a box that scrolls sideways; its cells are then readable by scrolling that
    // box, but a table meant for a phone should not need it: report it.
    let scroller = table.parentElement;
    while (scroller && scroller !== document.body && getComputedStyle(scroller).overflowX === "visible") scroller = scroller.parentElement;
    const scrolls = scroller && scroller !== document.body && scroller.scrollWidth > scroller.clientWidth + 1;
    if (t.right > vw + 1 || t.left < -1 || scrolls) {
      out.tables.push({ table: i, left: Math.round(t.left), right: Math.round(t.right), scrolls: !!scrolls,
        head: say(table.querySelector("tr") || table) });
    }
  });
  return out;
}
