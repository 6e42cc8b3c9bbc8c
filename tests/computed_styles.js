// Injected into a page by tests/test_site_css.py. nkbookSnapshot() records how every element of the
// page is drawn: each computed property, the content, font, display, width and colour of its ::before
// and ::after, and its box (a box also changes when an icon font lacks a glyph). nkbookDiff(a, b)
// lists the first differences between two snapshots. Elements are named by their path from <html>;
// the marks inside a chart's SVG are left out (Vega styles them itself).
(() => {
  const PSEUDO = ["content", "display", "font-family", "font-weight", "width", "color"];
  const path = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const index = node.parentElement ? Array.prototype.indexOf.call(node.parentElement.children, node) : 0;
      parts.unshift(`${node.tagName.toLowerCase()}${node.id ? "#" + node.id : ""}[${index}]`);
    }
    return parts.join(">");
  };
  window.nkbookSnapshot = () => {
    const snapshot = {};
    for (const el of [document.documentElement, document.body, ...document.body.querySelectorAll("*")]) {
      if (el.closest("svg") !== el && el.closest("svg")) {
        continue; // the inside of a chart: Vega draws it with attributes, not with the page's stylesheets
      }
      const style = getComputedStyle(el);
      const entry = {};
      for (let i = 0; i < style.length; i += 1) {
        // Custom properties (hundreds, from the theme) are compared where they are set, on <html>;
        // below it they are inherited, and what they change shows in the real properties.
        if (el === document.documentElement || !style[i].startsWith("--")) {
          entry[style[i]] = style.getPropertyValue(style[i]);
        }
      }
      for (const pseudo of ["::before", "::after"]) {
        const p = getComputedStyle(el, pseudo);
        for (const name of PSEUDO) {
          entry[`${pseudo} ${name}`] = p.getPropertyValue(name);
        }
      }
      const box = el.getBoundingClientRect();
      entry.box = [box.x, box.y, box.width, box.height].map((v) => Math.round(v * 10) / 10).join(" ");
      snapshot[path(el)] = entry;
    }
    return snapshot;
  };
  window.nkbookDiff = (a, b, limit = 10) => {
    const found = [];
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (!(key in a) || !(key in b)) {
        found.push(`${key}: only in one snapshot`);
      } else {
        for (const name of Object.keys(a[key])) {
          if (a[key][name] !== b[key][name]) {
            found.push(`${key} ${name}: ${a[key][name]} != ${b[key][name]}`);
            break;
          }
        }
      }
      if (found.length >= limit) {
        break;
      }
    }
    return { elements: keys.size, differences: found };
  };
})();
