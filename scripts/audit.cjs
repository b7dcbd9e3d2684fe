#!/usr/bin/env node
// `npm audit --omit=dev`: fails on any high or critical advisory in a runtime dependency.
// Where the registry's advisory service does not answer (some build machines reach the
// registry's package files but not its audit endpoint), it says so plainly and does not
// pretend the check passed or failed.
const { spawnSync } = require('node:child_process');

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', shell: process.platform === 'win32' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.log(`npm audit: no readable answer (exit ${run.status}); runtime dependencies NOT checked.`);
  process.exit(0);
}
if (report.statusCode || report.error?.summary !== undefined || !report.metadata) {
  console.log(`npm audit: the advisory service did not answer (${report.message ?? 'unknown error'}); runtime dependencies NOT checked.`);
  process.exit(0);
}
const counts = report.metadata.vulnerabilities ?? {};
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit (runtime dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
if (serious > 0) {
  for (const [name, entry] of Object.entries(report.vulnerabilities ?? {})) {
    if (entry.severity === 'high' || entry.severity === 'critical') console.log(`  ${entry.severity}: ${name} (${entry.range})`);
  }
  process.exit(1);
}
