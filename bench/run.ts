/**
 * Runs every bench/*.bench.ts in turn; each prints its own figures. Speed is measured here,
 * never asserted in tests.
 */
import fs from 'node:fs';
import path from 'node:path';

async function main() {
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
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
