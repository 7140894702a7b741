#!/usr/bin/env node
// Formats a bibliography with citeproc-js, the reference CSL engine.
//
// Reads one JSON job from stdin:
//   {"style": "<style XML>", "locale": "<locale XML>", "lang": "en-US",
//    "items": [CSL-JSON items with ids], "format": "text" | "html", "timed": false}
// and prints the bibliography entries, in bibliography order, as a JSON array of
// strings (each stripped of its trailing newline). With "timed": true it prints
// {"entries": [...], "ids": [item id of each entry], "seconds": S}, S being the engine's time alone (no Node start-up,
// no JSON parsing): build the engine, register the items, make the bibliography; and
// "cpu_seconds", the CPU time Node spent on the same (steadier than S on a loaded machine).
"use strict";

const CSL = require("citeproc");

function readStdin() {
  return require("fs").readFileSync(0, "utf8");
}

function render(job) {
  const byId = new Map(job.items.map((item) => [String(item.id), item]));
  const lang = job.lang || "en-US";
  const sys = {
    retrieveLocale: (wanted) => (wanted === lang || wanted === lang.split("-")[0] ? job.locale : null),
    retrieveItem: (id) => byId.get(String(id)),
  };
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const engine = new CSL.Engine(sys, job.style, lang, true);
  engine.setOutputFormat(job.format || "text");
  engine.updateItems(job.items.map((item) => String(item.id)));
  const made = engine.makeBibliography();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);  // user + system microseconds, all of Node's threads
  // makeBibliography() is false for a style without a bibliography
  const entries = made ? made[1].map((entry) => entry.replace(/\n+$/, "")) : [];
  const ids = made ? made[0].entry_ids.map((group) => String(group[0])) : [];
  return { entries, ids, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6 };
}

const job = JSON.parse(readStdin());
const result = render(job);
process.stdout.write(JSON.stringify(job.timed ? result : result.entries));
