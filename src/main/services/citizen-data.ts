import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CitizenDataStatus } from '../../shared/api/citizens';
import { citizenWords } from '../../shared/citizen-words-da';
import { deleteAllRows } from './import/bulk-indexes';
import { AppError } from '../../shared/errors';
import { discardAllStaged } from './import/staging';
import { backupDir, getSetting, setSetting, type Db } from './store';

/**
 * citizens (issue 10): how much citizen data the store holds, and "Slet alle borgerdata": the
 * rows, the derived rows, their import batches, the staged upload copies, the free pages (VACUUM,
 * the WAL truncated) and every backup the app made that holds a citizen row. Citizen ids are
 * personal data; after this the database file's bytes hold none of them.
 */

/** Set with the deletion and cleared once the file is clean: survives a refused clean-up and a restart. */
const cleanupPendingKey = 'citizen_cleanup_pending';

export function citizenDataStatus(db: Db): CitizenDataStatus {
  const count = (statement: { get(): unknown }) => (statement.get() as { n: number }).n;
  const months = db.prepare('SELECT MIN(month) AS first, MAX(month) AS last FROM citizen_measurement').get() as { first: string | null; last: string | null };
  return {
    spells: count(db.prepare('SELECT COUNT(*) AS n FROM citizen_spell')),
    events: count(db.prepare('SELECT COUNT(*) AS n FROM citizen_event')),
    batches: count(db.prepare("SELECT COUNT(*) AS n FROM import_batch WHERE kind IN ('spells', 'events')")),
    activeBatches: count(db.prepare("SELECT COUNT(*) AS n FROM import_batch WHERE kind IN ('spells', 'events') AND undone_at IS NULL")),
    months: months.first && months.last ? { first: months.first, last: months.last } : null,
    cleanupPending: getSetting(db, cleanupPendingKey) !== null,
  };
}

interface DeleteCitizenDataResult {
  spellsDeleted: number;
  eventsDeleted: number;
  backupsDeleted: number;
}

/** True when the file is a SQLite database with a citizen row in it, or cannot be read to tell (then it goes too). */
function holdsCitizenRows(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('citizen_spell', 'citizen_event', 'citizen_window')").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    if (tables.has('citizen_spell') && db.prepare('SELECT 1 FROM citizen_spell LIMIT 1').get()) return true;
    if (tables.has('citizen_event') && db.prepare('SELECT 1 FROM citizen_event LIMIT 1').get()) return true;
    if (tables.has('citizen_window') && db.prepare('SELECT 1 FROM citizen_window LIMIT 1').get()) return true;
    return false;
  } catch {
    return true;
  } finally {
    db?.close();
  }
}

/**
 * The copies of the store the app made: the automatic backups (and half-written `.partial` ones)
 * and the files a restore or a fresh start moved aside (`<name>.replaced-…`, `<name>.corrupt-…`).
 */
function appCopies(databasePath: string): string[] {
  const copies: string[] = [];
  const dir = backupDir(databasePath);
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir)) if (name.endsWith('.db') || name.endsWith('.db.partial')) copies.push(path.join(dir, name));
  }
  const base = path.basename(databasePath);
  const folder = path.dirname(databasePath);
  if (fs.existsSync(folder)) {
    for (const name of fs.readdirSync(folder)) {
      if (name.startsWith(`${base}.replaced-`) || name.startsWith(`${base}.corrupt-`)) {
        if (!name.endsWith('-wal') && !name.endsWith('-shm')) copies.push(path.join(folder, name));
      }
    }
  }
  return copies;
}

/** Copies the whole WAL into the database file and empties it, or refuses (AppError) when another connection prevents it. */
function truncateWal(db: Db): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (result && (result.busy !== 0 || result.log > 0)) throw new AppError('locked', citizenWords.deleteAll.fileStillInUse);
}

export function deleteAllCitizenData(db: Db, databasePath: string): DeleteCitizenDataResult {
  const counted = db.transaction(() => {
    // Each table without its indexes, which come back empty (a million rows no longer go one by one through them).
    const events = deleteAllRows(db, 'citizen_event');
    const spells = deleteAllRows(db, 'citizen_spell');
    deleteAllRows(db, 'citizen_window');
    deleteAllRows(db, 'citizen_measurement');
    // The batches' reports may quote masked ids and file names; they go with the rows.
    db.exec("DELETE FROM import_batch WHERE kind IN ('spells', 'events')");
    // Until the file is clean (below), the status says so and the screen offers to finish it.
    setSetting(db, cleanupPendingKey, '1');
    return { spells, events };
  })();
  discardAllStaged();
  // The deleted rows still lie in the WAL and in free pages: checkpoint, rebuild the file, checkpoint again.
  // A checkpoint another connection blocks (a reader on an older snapshot, another checkpoint) reports busy
  // rather than failing: then the WAL may still hold ids, so "deleted for good" must not be said.
  truncateWal(db);
  db.exec('VACUUM');
  truncateWal(db);
  let backupsDeleted = 0;
  for (const copy of appCopies(databasePath)) {
    if (!holdsCitizenRows(copy)) continue;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copy}${suffix}`, { force: true });
    backupsDeleted++;
  }
  // The file and the backups are clean (this write reaches the WAL, and holds no id).
  setSetting(db, cleanupPendingKey, null);
  return { spellsDeleted: counted.spells, eventsDeleted: counted.events, backupsDeleted };
}
