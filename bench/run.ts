/**
 * `npm run bench`: runs every bench/*.bench.ts in turn; each prints its own figures.
 * Benchmarks print, they never assert: timings belong here, not in tests.
 */
import fs from 'node:fs';
import path from 'node:path';

async function main() {
  const only = process.argv[3];
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts') && (!only || name.includes(only)))
    .sort();
  for (const file of files) {
    console.log(`\n== ${file}`);
    const loaded = require(path.join(__dirname, file)) as { run?: () => Promise<void> | void };
    await loaded.run?.();
  }
}

void main();
