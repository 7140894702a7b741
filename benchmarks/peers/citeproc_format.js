#!/usr/bin/env node
// citeproc-js formatting a whole bibliography: node citeproc_format.js STYLE.csl LOCALE.xml ITEMS.json OUT.txt
// Same engine set-up as ../citeproc_js/render.js (citeproc 2.4.63, installed by its setup.sh);
// the output is the text entries, one a line, in bibliography order.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require(path.join(__dirname, "..", "citeproc_js", "node_modules", "citeproc"));

const [stylePath, localePath, itemsPath, outPath] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const locale = fs.readFileSync(localePath, "utf8");
const byId = new Map(items.map((item) => [String(item.id), item]));
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId.get(String(id)) };
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"), "en-US", true);
engine.setOutputFormat("text");
engine.updateItems(items.map((item) => String(item.id)));
const made = engine.makeBibliography();
fs.writeFileSync(outPath, made ? made[1].map((e) => e.replace(/\n+$/, "")).join("\n") + "\n" : "");
