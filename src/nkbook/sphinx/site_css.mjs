// One small stylesheet for the whole book, written after Sphinx has written every page
// (called by nkbook.site_css at the end of a build; not meant to be run by hand).
//
// Reads a JSON job on stdin:
//   {"stylesheets": [absolute paths, in the order the pages linked them],
//    "content": [absolute paths of every built page and every script the pages load],
//    "bundle": absolute path of the stylesheet to write}
// and writes:
//   1. the stylesheets, joined in order (their @import of local files inlined, their url()s made
//      relative to the bundle), less every rule whose selector matches nothing in the content
//      (PurgeCSS: a class kept by any page or added by any script stays);
//   2. each icon web font the bundle still declares, cut to the icons the bundle still draws
//      (subset-font, HarfBuzz), as WOFF2 written into the bundle (a data: URL).
// Prints a JSON report (bytes in and out) on stdout.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { PurgeCSS } from "purgecss";
import { setFlagsFromString } from "node:v8";

// HarfBuzz (subset-font) runs as WebAssembly, which V8 compiles twice: at once, then again, better, in
// the background; node waited for that second compilation before it could exit, a quarter of a second
// of a build. Here the first is enough (the subsetting takes some 0.1 s either way), so V8 is told not to
// start the second, before HarfBuzz is loaded. The fonts written are the same, byte for byte.
setFlagsFromString("--liftoff-only");
const { default: subsetFont } = await import("subset-font");

const IMPORT = /@import\s+(?:url\(\s*)?["']([^"']+)["']\s*\)?\s*;/g;
const URL = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;

function isLocal(url) {
  return !/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(url);
}

function posix(path) {
  return path.split(sep).join("/");
}

// A stylesheet's text with its local @imports inlined and every local url() rebased on `bundleDir`.
function flatten(file, bundleDir, seen = new Set()) {
  if (seen.has(file)) {
    return "";
  }
  seen.add(file);
  const dir = dirname(file);
  let text = readFileSync(file, "utf8");
  text = text.replace(IMPORT, (whole, url) =>
    isLocal(url) ? flatten(resolve(dir, url.split(/[?#]/)[0]), bundleDir, seen) : whole,
  );
  text = text.replace(URL, (whole, quote, url) => {
    if (!isLocal(url)) {
      return whole;
    }
    return `url(${quote}${posix(relative(bundleDir, resolve(dir, url)))}${quote})`;
  });
  return `/* ${posix(relative(bundleDir, file))} */\n${text}\n`;
}

// Code points drawn by `content: "\f002"` and the like.
function iconCodePoints(css) {
  const points = new Set();
  for (const [, hex] of css.matchAll(/content\s*:\s*["']\\([0-9a-fA-F]{4,6})["']/g)) {
    points.add(parseInt(hex, 16));
  }
  return points;
}

// Each icon font is written into the stylesheet itself, as a data: URL. As a file of its own it was
// fetched only once the stylesheet had arrived and the page was laid out: a third request in a chain
// before the first paint, on a slow network a round trip or two, for some 2 KB of icons.
async function subsetFonts(css, bundleDir) {
  const text = String.fromCodePoint(...iconCodePoints(css));
  const report = [];
  let out = css;
  for (const [rule] of css.matchAll(/@font-face\s*{[^}]*}/g)) {
    const woff2 = [...rule.matchAll(URL)].map((m) => m[2]).find((u) => /\.woff2(?:[?#]|$)/.test(u));
    if (!woff2 || !isLocal(woff2)) {
      continue;
    }
    const source = resolve(bundleDir, woff2.split(/[?#]/)[0]);
    const original = readFileSync(source);
    const subset = await subsetFont(original, text, { targetFormat: "woff2" });
    const src = `src:url(data:font/woff2;base64,${Buffer.from(subset).toString("base64")}) format("woff2")`;
    out = out.replace(rule, rule.replace(/src\s*:[^;}]*/, src));
    report.push({ font: posix(relative(bundleDir, source)), bytes_in: original.length, bytes_out: subset.length });
  }
  return { css: out, report };
}

// The joined text failed to parse: parse each stylesheet alone to name the file, line and column.
async function locate(stylesheets, error) {
  for (const file of stylesheets) {
    try {
      await new PurgeCSS().purge({ content: [], css: [file] });
    } catch (found) {
      if (found.name === "CssSyntaxError") {
        return new Error(`${found.file || file}:${found.line}:${found.column}: ${found.reason}`);
      }
    }
  }
  return error;
}

async function main() {
  const job = JSON.parse(readFileSync(0, "utf8"));
  const bundleDir = dirname(job.bundle);
  const read = new Set(); // every file read, its @imports included
  const joined = job.stylesheets.map((file) => flatten(file, bundleDir, read)).join("");
  const content = job.content.map((file) => ({
    raw: readFileSync(file, "utf8"),
    extension: file.endsWith(".js") ? "js" : "html",
  }));
  let purged;
  try {
    [purged] = await new PurgeCSS().purge({ content, css: [{ raw: joined }], fontFace: true, keyframes: true });
  } catch (error) {
    throw error.name === "CssSyntaxError" ? await locate([...read], error) : error;
  }
  const { css, report } = await subsetFonts(purged.css, bundleDir);
  writeFileSync(job.bundle, css);
  process.stdout.write(
    JSON.stringify({ bytes_in: Buffer.byteLength(joined), bytes_out: Buffer.byteLength(css), fonts: report }),
  );
}

main().catch((error) => {
  process.stderr.write(`${error.message || error}\n`);
  process.exit(1);
});
