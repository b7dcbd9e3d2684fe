import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CorruptDatabaseError, isCorruptionCode } from './database-errors';
import { migrations } from './migrations';
import { seedReferenceData } from './reference-data';

export type Db = Database.Database;

export interface StoreOptions {
  /** Keep this many automatic backups next to the database (default 5). */
  keepBackups?: number;
}

/**
 * Under Electron the module must be the one built for Electron's ABI; `npm start` builds it
 * into `.native/electron/` (scripts/prepare-electron-native.cjs) so the Node build that tests
 * and the CLI use stays untouched.
 */
function nativeBindingForRuntime(): string | undefined {
  if (!process.versions.electron) return undefined;
  const candidate = path.resolve(__dirname, '..', '..', '.native', 'electron', 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}

export function currentUserName(): string {
  try {
    return os.userInfo().username || 'ukendt';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'ukendt';
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}

export const latestSchemaVersion = migrations[migrations.length - 1].version;

/** Opens (and creates, migrates and seeds) the store. */
export function openStore(databasePath: string, options: StoreOptions = {}): Db {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const existed = fs.existsSync(databasePath) && fs.statSync(databasePath).size > 0;
  const db = new Database(databasePath, { nativeBinding: nativeBindingForRuntime() });
  try {
    // A damaged file must stop here, before a migration or the seed writes into it.
    if (existed) checkReadable(db, databasePath);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 3000');
    registerFunctions(db);
    migrate(db, databasePath, existed, options.keepBackups ?? 5);
    seedReferenceData(db);
    return db;
  } catch (error) {
    db.close();
    if (isCorruptionCode(error)) throw new CorruptDatabaseError(databasePath, (error as Error).message);
    throw error;
  }
}

/** `PRAGMA quick_check`: the structural half of integrity_check, fast enough for every start. */
function checkReadable(db: Db, databasePath: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((text) => text !== 'ok');
  if (problems.length > 0) throw new CorruptDatabaseError(databasePath, problems.slice(0, 3).join('; '));
}

/** SQLite's own lower() knows no æøå; this one does. */
function registerFunctions(db: Db): void {
  db.function('lower_da', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLocaleLowerCase('da-DK') : value,
  );
}

export function schemaVersion(db: Db): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null };
  return row.version ?? 0;
}

function migrate(db: Db, databasePath: string, existed: boolean, keepBackups: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, description TEXT NOT NULL)');
  const current = schemaVersion(db);
  if (current > latestSchemaVersion) {
    throw new Error(
      `Databasen er lavet af en nyere udgave af Indsatsmonitor (skemaversion ${current}); denne udgave kender kun version ${latestSchemaVersion}.`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  if (existed && current > 0) backupDatabase(db, databasePath, `before-migration-${latestSchemaVersion}`, keepBackups);
  const apply = db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)').run(
        migration.version,
        nowIso(),
        migration.description,
      );
    }
  });
  apply();
}

export function backupDir(databasePath: string): string {
  return path.join(path.dirname(databasePath), 'backups');
}

/**
 * A consistent copy through SQLite's backup mechanism (VACUUM INTO works on a live WAL
 * database and is synchronous), keeping only the newest `keep` copies.
 */
export function backupDatabase(db: Db, databasePath: string, label: string, keep = 5): string {
  const dir = backupDir(databasePath);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${path.basename(databasePath, '.db')}-${stamp}-${label}.db`);
  db.prepare('VACUUM INTO ?').run(target);
  const backups = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.db'))
    .sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) fs.rmSync(path.join(dir, old), { force: true });
  return target;
}

export function getSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM app_setting WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM app_setting WHERE key = ?').run(key);
  else db.prepare('INSERT INTO app_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
