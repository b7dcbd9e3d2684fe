import os from 'node:os';
import type { Db } from '../store';
import { rebuildMeasurements } from './measurements';
import { rebuildWindows } from './windows';

/**
 * Rebuilds everything derived from citizen rows (`citizen_window`, then `citizen_measurement`)
 * in one transaction (a savepoint when the caller already holds one, so an import or an undo
 * commits its rows and the derived tables together, and nothing stale is ever read).
 * Cheap when there are no citizen rows: two probes and, if the derived tables hold rows, two deletes.
 */
export function rebuildCitizenDerived(db: Db, timings?: (label: string, ms: number) => void): void {
  db.transaction(() => {
    const hasSpells = db.prepare('SELECT 1 FROM citizen_spell LIMIT 1').get() !== undefined;
    if (!hasSpells) {
      if (db.prepare('SELECT 1 FROM citizen_window LIMIT 1').get() !== undefined) db.prepare('DELETE FROM citizen_window').run();
      if (db.prepare('SELECT 1 FROM citizen_measurement LIMIT 1').get() !== undefined) db.prepare('DELETE FROM citizen_measurement').run();
      return;
    }
    // A small page cache while deriving (cit-derive, issue 10): SQLite sizes each in-memory sort run by
    // the cache, and six index builds over a million rows ran ~1.5× slower with 64 MiB runs than with
    // SQLite's default 2 MiB (the runs are merged from temporary files; smaller runs stay in the CPU's
    // caches). Measured on 1,000,000 spells: 20.2 s CPU with -65536, 16.6 s with -8192, 15.8 s with -2000.
    const previousCache = Number(db.pragma('cache_size', { simple: true }));
    db.pragma('cache_size = -2000');
    // Helper threads for SQLite's sorter (derive-speed, issue 10): the four index builds over a million
    // windows sort in the background and merge in parallel. Measured on 1,000,000 spells on a shared
    // 2-core machine: the index builds 0.4-0.7 s less wall time, the whole derivation 0.5-1.1 s less,
    // for about 1.3 s more CPU (spent on the other core). One thread fewer than the machine has cores.
    const previousThreads = Number(db.pragma('threads', { simple: true }));
    db.pragma(`threads = ${sorterThreads()}`);
    try {
      rebuildWindows(db, timings);
      const started = performance.now();
      rebuildMeasurements(db);
      timings?.('citizen_measurement', performance.now() - started);
    } finally {
      db.pragma(`cache_size = ${previousCache}`);
      db.pragma(`threads = ${previousThreads}`);
    }
  })();
}

/** Helper threads for the derivation's sorts: one fewer than the cores, at least one, at most four. */
export function sorterThreads(cores = os.availableParallelism()): number {
  return Number.isInteger(cores) ? Math.min(4, Math.max(1, cores - 1)) : 1;
}

/** True when the import batch wrote citizen rows (spells or events), so its import or undo must rebuild. */
export function batchTouchesCitizens(db: Db, batchId: number): boolean {
  return (
    db.prepare('SELECT 1 FROM citizen_spell WHERE batch_id = ? LIMIT 1').get(batchId) !== undefined ||
    db.prepare('SELECT 1 FROM citizen_event WHERE batch_id = ? LIMIT 1').get(batchId) !== undefined
  );
}
