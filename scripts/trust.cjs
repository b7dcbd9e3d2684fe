#!/usr/bin/env node
// `npm run trust`: runs the trust tests (test/trust), then prints the figures they recorded.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
// Stale figures from an earlier run must not be counted again.
fs.rmSync(path.join(root, 'test-results', 'trust'), { recursive: true, force: true });
const vitest = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'unit', 'test/trust'], { cwd: root, stdio: 'inherit' });
// trust-exports (issue 14): the dependency audit is one of the figures (or listed as not checked).
spawnSync(process.execPath, [path.join(__dirname, 'audit.cjs')], { cwd: root, stdio: 'inherit' });
console.log('\nTrust figures:');
const summary = spawnSync(process.execPath, [path.join(__dirname, 'trust-summary.cjs')], { cwd: root, stdio: 'inherit' });
process.exit(vitest.status !== 0 ? vitest.status ?? 1 : summary.status ?? 1);
