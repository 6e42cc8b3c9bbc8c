// Reads JSON {cases: [[question, answer], ...]} on stdin; prints the browser checker's verdicts as JSON.
const path = require("path");
const checker = require(path.join(__dirname, "..", "src", "nkbook", "static", "nkbook-exercises.js"));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  // Infinity and NaN come tagged (JSON has no such numbers): {"__float__": "Infinity"}.
  const { cases } = JSON.parse(input, (key, value) =>
    value && typeof value === "object" && "__float__" in value ? Number(value.__float__) : value);
  const out = cases.map(([q, answer]) => checker.check(q, answer));
  process.stdout.write(JSON.stringify(out));
});
