import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/services/store';
import { tempDir } from '../helpers/temp-store';
import { runCrashKills } from './crash-harness';
import { trustRecorder } from './recorder';

const trust = trustRecorder(__filename);
const { dir, cleanup } = tempDir();
afterAll(cleanup);

/**
 * Proves the crash-kill mechanism on the write path that exists before the importer:
 * `demo.load` and `demo.clear`, one transaction of 37,044 rows each, in a loop that is
 * killed 20 times at random moments. After every kill the demo batch is there whole or not at all.
 */
const demoRows = 37_044;

describe('SIGKILL during demo.load / demo.clear', () => {
  it('20 kills at random moments: the store always opens, passes integrity_check, and holds the whole batch or none', async () => {
    const databasePath = path.join(dir, 'crash.db');
    openStore(databasePath).close();
    const results = await runCrashKills({
      databasePath,
      childArgs: ['demo-cycle', databasePath],
      kills: 20,
      seed: 20261123,
      maxDelayMs: 900,
      verify(db) {
        const batches = db.prepare('SELECT id, rows_imported AS declared FROM import_batch WHERE is_demo = 1').all() as { id: number; declared: number }[];
        if (batches.length > 1) throw new Error(`${batches.length} demo batches`);
        const rows = (db.prepare('SELECT COUNT(*) AS n FROM measurement').get() as { n: number }).n;
        const expected = batches.length * demoRows;
        if (rows !== expected) throw new Error(`${rows} measurement rows with ${batches.length} batch(es): half a batch`);
        if (batches[0] && batches[0].declared !== demoRows) throw new Error('the batch row does not match its rows');
        return batches[0] ? 'whole batch' : 'none';
      },
    });
    for (const result of results) {
      const where = `${result.lastLine}, WAL ${Math.round(result.walBytesAtKill / 1024)} kB → ${result.state}`;
      trust.record('crash-demo', `kill ${result.kill} after ${result.delayMs} ms (${where})`, result.survived, result.problem);
    }
    const inWrite = results.filter((result) => result.lastLine.startsWith('begin')).length;
    // The kills must really land inside writes, or the test shows nothing.
    expect(inWrite).toBeGreaterThanOrEqual(5);
    expect(results.filter((result) => !result.survived).map((result) => result.problem)).toEqual([]);
    expect(results).toHaveLength(20);
  }, 300_000);
});

describe('the crash-kill harness is not blind', () => {
  it('catches half a batch when the writes are not in one transaction (negative control, 3 kills)', async () => {
    const databasePath = path.join(dir, 'control.db');
    openStore(databasePath).close();
    const results = await runCrashKills({
      databasePath,
      childArgs: ['no-transaction', databasePath],
      kills: 3,
      seed: 7,
      minDelayMs: 150,
      maxDelayMs: 400,
      verify(db) {
        const partial = db.prepare('SELECT batch, COUNT(*) AS n FROM crash_probe GROUP BY batch HAVING n <> 20000').all();
        if (partial.length > 0) throw new Error('half a batch');
      },
    });
    expect(results.filter((result) => !result.survived).length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
