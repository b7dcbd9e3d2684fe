/**
 * Runs every bench/*.bench.ts in turn; each prints its own figures. Speed is measured here,
 * never asserted in tests. `npm run bench -- desk-export citizens` runs only the files whose
 * names contain one of the words given.
 */
import fs from 'node:fs';
import path from 'node:path';

async function main() {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
    .sort();
  for (const file of files) {
    console.log(`\n== ${file}`);
    const loaded = require(path.join(__dirname, file)) as { run?: () => Promise<void> };
    if (loaded.run) await loaded.run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
