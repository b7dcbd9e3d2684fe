import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemoData, monthsBetween } from '../../src/main/services/demo-data';
import { openStore } from '../../src/main/services/store';
import { tempDir } from '../helpers/temp-store';
import { runCrashKills, timeChild, type CrashKillOptions } from './crash-harness';
import { buildLargeMeasurementFile } from './fixtures/malformed-corpus';
import { trustRecorder } from './recorder';

/**
 * The crash test for imports: a child process imports a large file through the CLI's
 * `import` command and is killed (SIGKILL) at random points, 20 times; after each the database
 * opens, passes `PRAGMA integrity_check`, and holds the whole batch or none of it (plus the
 * demo data it held before, untouched).
 */
const trust = trustRecorder(__filename);
const { dir, cleanup } = tempDir();
afterAll(cleanup);

describe('SIGKILL during an import', () => {
  it('20 kills at random points during an import leave the whole batch or none', async () => {
    const base = path.join(dir, 'base.db');
    const db = openStore(base);
    const demo = loadDemoData(db);
    const names = (db.prepare('SELECT name FROM municipality ORDER BY code').all() as { name: string }[]).map((row) => row.name);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const { file, rows } = buildLargeMeasurementFile(dir, names, monthsBetween('1990-01', '2025-12').map((month) => month.replace('-', 'M')));
    const databasePath = path.join(dir, 'crash.db');
    const reset = () => {
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databasePath}${suffix}`, { force: true });
      fs.copyFileSync(base, databasePath);
    };
    reset();
    // Half the kills anywhere in the import (a little past its end), half aimed at the write
    // transaction itself: parsing and checking before it cannot leave half a batch.
    const timing = await timeChild(['import', databasePath, file], 'done import', databasePath);
    reset();
    const importMs = timing.doneMs;
    const writeMs = importMs - (timing.writeStartMs ?? 0);
    const killOptions: CrashKillOptions = {
      databasePath,
      childArgs: ['import', databasePath, file],
      kills: 20,
      seed: 20261124,
      maxDelayMs: Math.round(importMs * 1.05),
      // The importer keeps its transaction in a large page cache, so the WAL grows only once it
      // commits: the aimed kills land within 30 ms of that, in the middle of writing the commit.
      aimAtWrite: { every: 2, walBytes: 256 * 1024, windowMs: 30 },
      reset,
      verify(store) {
        const batches = store.prepare("SELECT id, rows_imported AS declared FROM import_batch WHERE file_name = 'stor.csv'").all() as { id: number; declared: number }[];
        if (batches.length > 1) throw new Error(`${batches.length} batches of one file`);
        if (batches[0]) {
          const imported = (store.prepare('SELECT COUNT(*) AS n FROM measurement WHERE batch_id = ?').get(batches[0].id) as { n: number }).n;
          if (imported !== rows || batches[0].declared !== rows) throw new Error(`half a batch: ${imported} of ${rows} rows`);
        }
        const demoRows = (store.prepare('SELECT COUNT(*) AS n FROM measurement WHERE batch_id = ?').get(demo.batchId) as { n: number }).n;
        if (demoRows !== demo.rows) throw new Error(`the demo data changed: ${demoRows} rows`);
        return batches[0] ? 'whole batch' : 'none';
      },
    };
    const results = await runCrashKills(killOptions);
    // On a loaded machine the import can run longer than the timing run, and every kill may land
    // before the commit. Then kill later and later (a bounded few tries) until one lands after
    // it, so both sides of the commit are seen without depending on the machine's speed.
    for (const factor of [1.1, 1.25, 1.5, 2, 3]) {
      if (results.some((result) => result.state === 'whole batch')) break;
      const lateDelay = Math.round(importMs * factor);
      const [late] = await runCrashKills({ ...killOptions, kills: 1, aimAtWrite: undefined, minDelayMs: lateDelay, maxDelayMs: lateDelay });
      results.push({ ...late, kill: results.length + 1 });
    }
    for (const result of results) {
      const when = result.aimedAtWrite ? `${result.delayMs} ms into the write (~${writeMs} ms)` : `${result.delayMs} ms into the import (~${importMs} ms)`;
      trust.record('crash-import', `kill ${result.kill}, ${when}: ${result.lastLine}, WAL ${Math.round(result.walBytesAtKill / 1024)} kB → ${result.state}`, result.survived, result.problem);
    }
    // Kills that really landed in the write: the WAL held the pages of the commit (finished or not).
    expect(results.filter((result) => result.lastLine === 'begin import' && result.walBytesAtKill > 256 * 1024).length).toBeGreaterThanOrEqual(3);
    // …and both outcomes occurred, or the kills only ever hit one side of the commit.
    expect(new Set(results.map((result) => result.state))).toEqual(new Set(['none', 'whole batch']));
    expect(results.filter((result) => !result.survived).map((result) => result.problem)).toEqual([]);
  }, 600_000);
});
