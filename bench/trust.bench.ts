/**
 * What the trust measures cost: the start check every open now runs (PRAGMA quick_check), the
 * full integrity_check a restore runs, an automatic backup, and a restore, on the demo store
 * (37,044 measurement rows) and on one ten times its size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDemoData } from '../src/main/services/demo-data';
import { checkDatabaseFile, restoreBackup } from '../src/main/services/recovery';
import { backupDatabase, openStore, type Db } from '../src/main/services/store';

function time<T>(run: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Copies the demo rows nine more times under other months, to see how the checks grow. */
function inflate(db: Db, times: number) {
  db.transaction(() => {
    for (let copy = 1; copy < times; copy++) {
      db.prepare(
        `INSERT INTO measurement (municipality_code, group_id, month, batch_id, measured, interviews_lacking, interviews_lacking_share, offers_lacking, offers_lacking_share, source_form)
         SELECT municipality_code, group_id, printf('%04d', CAST(substr(month, 1, 4) AS INTEGER) + ? * 10) || substr(month, 5), batch_id, measured,
                interviews_lacking, interviews_lacking_share, offers_lacking, offers_lacking_share, source_form
         FROM measurement WHERE month < '2030'`,
      ).run(copy);
    }
  })();
}

export function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-bench-trust-'));
  try {
    for (const scale of [1, 10]) {
      const databasePath = path.join(dir, `scale-${scale}.db`);
      const db = openStore(databasePath);
      loadDemoData(db);
      if (scale > 1) inflate(db, scale);
      const rows = (db.prepare('SELECT COUNT(*) AS n FROM measurement').get() as { n: number }).n;
      db.pragma('wal_checkpoint(TRUNCATE)');
      const quick = median([1, 2, 3, 4, 5].map(() => time(() => db.pragma('quick_check')).ms));
      const backup = time(() => backupDatabase(db, databasePath, 'bench'));
      db.close();
      const size = fs.statSync(databasePath).size;
      const open = median(
        [1, 2, 3, 4, 5].map(() => {
          const opened = time(() => openStore(databasePath));
          opened.value.close();
          return opened.ms;
        }),
      );
      const integrity = time(() => checkDatabaseFile(backup.value)).ms;
      const restore = time(() => restoreBackup(databasePath, backup.value)).ms;
      console.log(
        `${rows.toLocaleString('en')} rows, ${(size / 1048576).toFixed(1)} MB: open with start check ${open.toFixed(1)} ms (quick_check ${quick.toFixed(1)} ms), ` +
          `backup ${backup.ms.toFixed(0)} ms, integrity_check of a backup ${integrity.toFixed(0)} ms, restore ${restore.toFixed(0)} ms`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
