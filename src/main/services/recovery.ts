import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { RecoveryError } from './database-errors';
import { backupDir, isCompleteDatabaseFile } from './store';
import { storeWords } from '../../shared/store-words-da';

/**
 * What to do when the database file is damaged: keep it aside (never delete what might still
 * be rescued), then either restore an automatic backup or start with an empty store.
 * Every function works on closed files: the caller closes its session first.
 */

export interface BackupInfo {
  fileName: string;
  path: string;
  /** When the backup was made (from its name; the file time if the name has none). */
  createdAt: string;
  /** Why it was made: `before-migration-2`, `before-import`, … */
  label: string;
  sizeBytes: number;
}

const companionSuffixes = ['', '-wal', '-shm'];

/** `2026-11-23T18-30-00-000Z` → `2026-11-23T18:30:00.000Z` (the form backupDatabase writes). */
function stampToIso(stamp: string): string {
  return stamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');
}

/**
 * The automatic backups next to the database, newest first. Only complete files: a 0-byte or
 * half-written backup (a crash while it was written) is skipped (issue 14, item 4).
 */
export function listBackups(databasePath: string): BackupInfo[] {
  return listAllBackups(databasePath).filter((backup) => backup.complete);
}

/** Every `.db` in the backup folder, complete or not, newest first. */
export function listAllBackups(databasePath: string): (BackupInfo & { complete: boolean })[] {
  const dir = backupDir(databasePath);
  if (!fs.existsSync(dir)) return [];
  const base = path.basename(databasePath, '.db');
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.db'))
    .sort()
    .reverse()
    .map((fileName) => {
      const full = path.join(dir, fileName);
      const stat = fs.statSync(full);
      const match = new RegExp(`^${escapeRegExp(base)}-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)-(.+)\\.db$`).exec(fileName);
      return {
        fileName,
        path: full,
        createdAt: match ? stampToIso(match[1]) : stat.mtime.toISOString(),
        label: match ? match[2] : '',
        sizeBytes: stat.size,
        complete: isCompleteDatabaseFile(full),
      };
    });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type FileCheck = { ok: true } | { ok: false; reason: string };

/**
 * Opens the file read-only and runs the full `PRAGMA integrity_check`, and checks it is one
 * of ours (has a schema version). Never writes to the file.
 */
export function checkDatabaseFile(file: string): FileCheck {
  if (!fs.existsSync(file)) return { ok: false, reason: storeWords.backupMissing };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check).filter((text) => text !== 'ok');
    if (problems.length > 0) return { ok: false, reason: problems.slice(0, 3).join('; ') };
    const ours = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
    if (!ours) return { ok: false, reason: storeWords.backupNotOurs };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    db?.close();
  }
}

/** A file-name-safe timestamp, sortable: `2026-11-23T18-30-00-000Z`. */
function fileStamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * Renames the database and its -wal/-shm to `<name>.<kind>-<stamp>[-wal|-shm]`, so SQLite
 * never mixes an old WAL into a new file. Returns the new paths.
 */
function moveAside(databasePath: string, kind: 'corrupt' | 'replaced', date = new Date()): string[] {
  const target = `${databasePath}.${kind}-${fileStamp(date)}`;
  const moved: string[] = [];
  for (const suffix of companionSuffixes) {
    const from = `${databasePath}${suffix}`;
    if (!fs.existsSync(from)) continue;
    fs.renameSync(from, `${target}${suffix}`);
    moved.push(`${target}${suffix}`);
  }
  return moved;
}

interface RestoreResult {
  restoredFrom: string;
  /** Where the file that was replaced now lies (empty when there was none). */
  movedAside: string[];
}

/**
 * Restores a backup atomically: copy to a temp file beside the database, verify that copy
 * (integrity_check, one of ours), move the current file aside, rename the copy into place.
 * If anything fails before the rename, the current file is untouched.
 */
export function restoreBackup(databasePath: string, backupPath: string): RestoreResult {
  if (!fs.existsSync(backupPath) || !fs.statSync(backupPath).isFile()) {
    throw new RecoveryError('backup-not-found', storeWords.backupNotFound(backupPath));
  }
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const temp = `${databasePath}.restoring-${process.pid}`;
  try {
    fs.copyFileSync(backupPath, temp);
    fsyncFile(temp);
    const check = checkDatabaseFile(temp);
    if (!check.ok) {
      throw new RecoveryError('backup-invalid', storeWords.backupInvalid(path.basename(backupPath), check.reason));
    }
    // A read-only open may leave an empty -shm/-wal beside the temp copy; they must not follow it.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${temp}${suffix}`, { force: true });
    const current = checkDatabaseFile(databasePath);
    const movedAside = fs.existsSync(databasePath) ? moveAside(databasePath, current.ok ? 'replaced' : 'corrupt') : [];
    fs.renameSync(temp, databasePath);
    fsyncDirectory(path.dirname(databasePath));
    return { restoredFrom: backupPath, movedAside };
  } finally {
    for (const suffix of companionSuffixes) fs.rmSync(`${temp}${suffix}`, { force: true });
  }
}

/**
 * Moves a damaged database aside so the next open creates an empty store. Refuses a healthy
 * file: starting fresh is an answer to damage, not a way to lose data by a slip.
 */
export function startFresh(databasePath: string): { movedAside: string[] } {
  const check = checkDatabaseFile(databasePath);
  if (check.ok) {
    throw new RecoveryError('not-corrupt', storeWords.notCorrupt(databasePath));
  }
  return { movedAside: fs.existsSync(databasePath) ? moveAside(databasePath, 'corrupt') : [] };
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename itself durable; not possible on every platform (Windows), where it is skipped. */
function fsyncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Directory handles cannot be fsynced on Windows; the rename is still atomic there.
  }
}

/** The newest backup that passes the full check (`backups --restore newest`): a damaged one is passed over. */
export function newestUsableBackup(databasePath: string): { backup: BackupInfo | null; skipped: { fileName: string; reason: string }[] } {
  const skipped: { fileName: string; reason: string }[] = [];
  for (const backup of listAllBackups(databasePath)) {
    if (!backup.complete) {
      skipped.push({ fileName: backup.fileName, reason: storeWords.backupIncomplete });
      continue;
    }
    const check = checkDatabaseFile(backup.path);
    if (check.ok) return { backup, skipped };
    skipped.push({ fileName: backup.fileName, reason: check.reason });
  }
  return { backup: null, skipped };
}
