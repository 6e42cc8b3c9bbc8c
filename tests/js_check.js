// Reads JSON {cases: [[question, answer], ...]} on stdin; prints the browser checker's verdicts as JSON.
const path = require("path");
const checker = require(path.join(__dirname, "..", "src", "nkbook", "static", "nkbook-exercises.js"));
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { cases } = JSON.parse(input);
  const out = cases.map(([q, answer]) => checker.check(q, answer));
  process.stdout.write(JSON.stringify(out));
});
