import fs from 'node:fs';
import path from 'node:path';

/** Runs every `bench/*.bench.ts` in turn; each prints its own figures. */
async function main(): Promise<void> {
  const dir = __dirname;
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.bench.ts'))
    .sort();
  for (const file of files) {
    console.log(`\n== ${file}`);
    const loaded = require(path.join(dir, file)) as { run?: () => Promise<void> | void };
    if (typeof loaded.run === 'function') await loaded.run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
