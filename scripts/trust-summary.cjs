#!/usr/bin/env node
// Adds up the records the trust tests wrote (test-results/trust/*.json) into one line per family.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'test-results', 'trust');
const families = [
  ['crash-import', 'crash kills survived', 'not yet measured (needs the importer)'],
  ['crash-demo', 'crash kills survived (demo load)', 'not measured'],
  ['malformed', 'malformed files rejected cleanly', 'not yet measured (needs the importer)'],
  ['injection', 'injection strings neutralised', 'not measured'],
  ['electron', 'Electron checklist items passed', 'not measured'],
];
const records = [];
if (fs.existsSync(dir)) {
  for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.json'))) {
    records.push(...JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
  }
}
let failed = 0;
for (const [family, label, missing] of families) {
  const mine = records.filter((record) => record.family === family);
  if (mine.length === 0) {
    console.log(`${label}: ${missing}`);
    continue;
  }
  const passed = mine.filter((record) => record.passed).length;
  failed += mine.length - passed;
  console.log(`${label}: ${passed}/${mine.length}`);
  for (const record of mine.filter((r) => !r.passed)) console.log(`  failed: ${record.item}${record.note ? ` (${record.note})` : ''}`);
}
process.exitCode = failed > 0 ? 1 : 0;
