#!/usr/bin/env node
// Adds up the vitest JSON reports of `npm test` and prints one closing line that CI reads:
// "Tests: N passed, N failed". Fails if a report is missing or no test ran.
const fs = require('node:fs');
const path = require('node:path');

const reports = ['unit.json', 'e2e.json'].map((name) => path.join(__dirname, '..', 'test-results', name));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const report of reports) {
  if (!fs.existsSync(report)) {
    console.error(`Missing test report ${report}`);
    process.exit(1);
  }
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + (result.numTodoTests ?? 0);
}
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
