// Parses a GIFT file with the independent parser gift-pegjs and prints the questions as JSON.
const fs = require("fs");
const { parse } = require("gift-pegjs");
process.stdout.write(JSON.stringify(parse(fs.readFileSync(process.argv[2], "utf8"))));
