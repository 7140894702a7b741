#!/usr/bin/env node
// citation-js on one conversion: node citationjs.js FROM TO IN OUT
// FROM: bibtex | ris; TO: ris | bibtex | csljson. Reads the whole file (citation-js has no
// streaming API), parses it to CSL-JSON and writes the output format.
"use strict";
const fs = require("fs");
const { plugins } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-ris");
require("@citation-js/plugin-csl");

const INPUT = { bibtex: "@biblatex/text", ris: "@ris/file" };
const OUTPUT = { ris: "ris", bibtex: "bibtex", csljson: "data" };
const [from, to, inPath, outPath] = process.argv.slice(2);
const text = fs.readFileSync(inPath, "utf8");
const items = plugins.input.chain(text, { forceType: INPUT[from], generateGraph: false });
const out = plugins.output.format(OUTPUT[to], items, { type: "string", format: "text" });
fs.writeFileSync(outPath, typeof out === "string" ? out : JSON.stringify(out));
console.error(`citation-js: ${items.length} records`);
