import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CorruptDatabaseError, ForeignDatabaseError, isCorruptionCode, StoreOpenError, writeRefusalOf, writeRefusalText, type WriteRefusal } from './database-errors';
import { migrations } from './migrations';
import { referenceDataDiffers, seedReferenceData } from './reference-data';
import { storeWords } from '../../shared/store-words-da';

export type Db = Database.Database;

interface StoreOptions {
  /** Keep this many automatic backups next to the database (default 5). */
  keepBackups?: number;
  /** fast-lane (issue 15): how long to wait for another process's write lock (default `defaultBusyTimeoutMs`); tests of a held lock pass a short one. */
  busyTimeoutMs?: number;
}

/** How long every connection waits for another process's write lock before it says "optaget". */
export const defaultBusyTimeoutMs = 5000;

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
    return os.userInfo().username || storeWords.unknownUser;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? storeWords.unknownUser;
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}

export const latestSchemaVersion = migrations[migrations.length - 1].version;

/** Opens (and creates, migrates and seeds) the store. Read-only when writing is refused (see openStoreWithState). */
export function openStore(databasePath: string, options: StoreOptions = {}): Db {
  return openStoreWithState(databasePath, options).db;
}

// --- trust-store (issue 14, items 2 and 3): open without writing unless something changed ---

interface OpenedStore {
  db: Db;
  /** Null when the store can be written; otherwise why not, in Danish (the store is open read-only). */
  readOnly: string | null;
  /** Removes the private read-only copy, when one was made. */
  dispose(): void;
}

/** One connection with the settings every user of the store needs (the app's, the CLI's, the import worker's). */
export function openConnection(databasePath: string, options: { readonly?: boolean; busyTimeoutMs?: number } = {}): Db {
  // Another process (the app, the CLI, an import) may hold the write lock: wait this long for a turn
  // (better-sqlite3's `timeout` is SQLite's busy timeout, the same as `PRAGMA busy_timeout`).
  const timeout = busyTimeoutOf(options);
  const db = new Database(databasePath, { nativeBinding: nativeBindingForRuntime(), readonly: options.readonly ?? false, fileMustExist: true, timeout });
  try {
    db.pragma('foreign_keys = ON');
    if (!options.readonly) db.pragma('synchronous = NORMAL');
    // derive-speed (issue 10): a page cache of up to 64 MiB (SQLite's default is 2 MiB). The citizen grid's
    // sorts within one municipality read some 10,000 rows scattered over the table; with 2 MiB every page
    // was read from the file again on each sort (150 ms on a million spells), with 64 MiB once. Filled
    // only as pages are read; the derivation sets its own smaller cache while it runs.
    db.pragma('cache_size = -65536');
    registerFunctions(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A whole number of milliseconds (it goes into the pragma's text), the default when none is given. */
function busyTimeoutOf(options: { busyTimeoutMs?: number }): number {
  const ms = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`busyTimeoutMs must be a whole number of milliseconds, not ${ms}`);
  return ms;
}

function canWrite(target: string): boolean {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Less room than `bytes` on the database's file system (a few pages by default). */
function diskIsFull(databasePath: string, bytes = 256 * 1024): boolean {
  try {
    const stat = fs.statfsSync(path.dirname(databasePath));
    return stat.bavail * stat.bsize < bytes;
  } catch {
    return false;
  }
}

/**
 * No room even for the shared-memory index (-shm, 32 KiB): whether SQLite then manages to open
 * in place depends on the file system (tmpfs hands out sparse pages), so decide it here.
 */
const shmBytes = 32 * 1024;

function readOnlyText(refusal: WriteRefusal): string {
  return storeWords.openedReadOnly(writeRefusalText[refusal]);
}

/**
 * Opens the store. A new file is created, migrated and seeded. An existing file is first only
 * read: is it healthy (quick_check), is it ours (never convert someone else's database), and
 * does anything need writing (WAL mode, pending migrations, changed reference data)? Only then
 * does opening write. When that write is refused (read-only file or folder, full disk, another
 * process holding the write lock beyond the busy timeout) the store opens read-only and says so;
 * a pending migration that cannot be written is an error in Danish.
 */
export function openStoreWithState(databasePath: string, options: StoreOptions = {}): OpenedStore {
  const existed = fs.existsSync(databasePath) && fs.statSync(databasePath).size > 0;
  if (!existed) return createStore(databasePath, options);
  const connection = { busyTimeoutMs: options.busyTimeoutMs };
  const writable = canWrite(databasePath) && canWrite(path.dirname(databasePath));
  let db: Db;
  let dispose = () => {};
  let refused: WriteRefusal | null = !writable ? 'read-only' : diskIsFull(databasePath, shmBytes) ? 'disk-full' : null;
  try {
    if (!refused) {
      try {
        db = openConnection(databasePath, connection);
        // The first read creates the -wal/-shm files, which a full disk refuses.
        db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
      } catch (error) {
        refused = writeRefusalOf(error);
        if (!refused || isCorruptionCode(error)) throw error;
        if (diskIsFull(databasePath)) refused = 'disk-full';
        ({ db, dispose } = openReadOnly(databasePath, connection));
      }
    } else ({ db, dispose } = openReadOnly(databasePath, connection));
  } catch (error) {
    if (isCorruptionCode(error)) throw new CorruptDatabaseError(databasePath, (error as Error).message);
    throw error;
  }
  const fail = (error: unknown): never => {
    if (db.open) db.close();
    dispose();
    if (isCorruptionCode(error)) throw new CorruptDatabaseError(databasePath, (error as Error).message);
    throw error;
  };
  let needs: { wal: boolean; migrations: boolean; reference: boolean };
  try {
    // A damaged file must stop here, before a migration or the seed writes into it.
    checkReadable(db, databasePath);
    assertOurs(db, databasePath);
    const version = schemaVersion(db);
    if (version > latestSchemaVersion) {
      throw new StoreOpenError(
        'newer-version',
        storeWords.newerVersion(version, latestSchemaVersion),
      );
    }
    needs = {
      wal: String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal',
      migrations: version < latestSchemaVersion,
      reference: version >= latestSchemaVersion && referenceDataDiffers(db),
    };
  } catch (error) {
    return fail(error);
  }
  if (!needs.wal && !needs.migrations && !needs.reference) return { db, readOnly: refused ? readOnlyText(refused) : null, dispose };
  if (refused) {
    if (needs.migrations) return fail(cannotMigrate(databasePath, refused));
    return { db, readOnly: readOnlyText(refused), dispose };
  }
  try {
    if (needs.wal) db.pragma('journal_mode = WAL');
    migrate(db, databasePath, true, options.keepBackups ?? 5);
    if (needs.migrations || needs.reference) seedReferenceData(db);
    return { db, readOnly: null, dispose };
  } catch (error) {
    const refusal = writeRefusalOf(error);
    if (!refusal) return fail(error);
    // Still at an older schema: its data cannot be read by this release without the migration.
    if (schemaVersion(db) < latestSchemaVersion) return fail(cannotMigrate(databasePath, refusal));
    db.close();
    return { db: openConnection(databasePath, { ...connection, readonly: true }), readOnly: readOnlyText(refusal), dispose };
  }
}

function cannotMigrate(databasePath: string, refusal: WriteRefusal): StoreOpenError {
  return new StoreOpenError(
    refusal,
    storeWords.cannotMigrate(databasePath, writeRefusalText[refusal]),
  );
}

/** A new store: created, WAL, migrated, seeded. A refused write here is an error in Danish. */
function createStore(databasePath: string, options: StoreOptions): OpenedStore {
  let db: Db | null = null;
  try {
    fs.mkdirSync(path.dirname(databasePath), { recursive: true });
    db = new Database(databasePath, { nativeBinding: nativeBindingForRuntime() });
    db.close();
    db = openConnection(databasePath, { busyTimeoutMs: options.busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    migrate(db, databasePath, false, 5);
    seedReferenceData(db);
    return { db, readOnly: null, dispose: () => {} };
  } catch (error) {
    if (db?.open) db.close();
    const refusal = writeRefusalOf(error);
    if (!refusal) throw error;
    throw new StoreOpenError(refusal, storeWords.cannotCreate(databasePath, writeRefusalText[refusal]));
  }
}

/**
 * A read-only open. A WAL database in a read-only folder cannot be opened in place without its
 * -shm file (and better-sqlite3 has no URI filenames for `immutable`), so it is read from a
 * private copy, which `dispose` removes.
 */
function openReadOnly(databasePath: string, connection: { busyTimeoutMs?: number }): { db: Db; dispose(): void } {
  let inPlace: Db | null = null;
  try {
    inPlace = openConnection(databasePath, { ...connection, readonly: true });
    inPlace.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return { db: inPlace, dispose: () => {} };
  } catch (error) {
    if (inPlace?.open) inPlace.close();
    // Cannot open (no -shm and no right or room to make one): read a copy instead. Damage is not that.
    if (isCorruptionCode(error) || !writeRefusalOf(error)) throw error;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-readonly-'));
  const copy = path.join(dir, path.basename(databasePath));
  fs.copyFileSync(databasePath, copy);
  if (fs.existsSync(`${databasePath}-wal`)) fs.copyFileSync(`${databasePath}-wal`, `${copy}-wal`);
  const db = openConnection(copy, { ...connection, readonly: true });
  return { db, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A non-empty database without our schema_version table is someone else's: refuse it (item 3). */
function assertOurs(db: Db, databasePath: string): void {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );
  if (tables.length === 0 || tables.includes('schema_version')) return;
  throw new ForeignDatabaseError(databasePath, tables);
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
      storeWords.newerVersion(current, latestSchemaVersion),
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
 * database and is synchronous), keeping only the newest `keep` copies. Written under a temporary
 * name and renamed when complete (issue 14, item 4): a crash mid-backup leaves a `.partial` file,
 * never a `.db` that looks like a backup; incomplete files never count toward the rotation.
 */
export function backupDatabase(db: Db, databasePath: string, label: string, keep = 5): string {
  const dir = backupDir(databasePath);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${path.basename(databasePath, '.db')}-${stamp}-${label}.db`);
  const partial = `${target}.partial`;
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    const fd = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  // Leftovers of a crashed backup go; only complete backups count toward `keep`.
  const names = fs.readdirSync(dir);
  for (const name of names) if (name.endsWith('.db.partial') && path.join(dir, name) !== partial) fs.rmSync(path.join(dir, name), { force: true });
  const complete = names
    .filter((name) => name.endsWith('.db') && isCompleteDatabaseFile(path.join(dir, name)))
    .sort();
  for (const old of complete.slice(0, Math.max(0, complete.length - keep))) fs.rmSync(path.join(dir, old), { force: true });
  return target;
}

/**
 * A cheap check that a file is a whole SQLite database: the header's magic, a valid page size,
 * and a file exactly as long as the header's page count says (a 0-byte or half-written copy fails).
 */
export function isCompleteDatabaseFile(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    if (size < 100) return false;
    const header = Buffer.alloc(100);
    fs.readSync(fd, header, 0, 100, 0);
    if (header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') return false;
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return false;
    const pageCount = header.readUInt32BE(28);
    // The in-header page count is valid when its "version-valid-for" matches the change counter.
    if (pageCount > 0 && header.readUInt32BE(92) === header.readUInt32BE(24)) return size === pageCount * pageSize;
    return size % pageSize === 0;
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

export function getSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM app_setting WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM app_setting WHERE key = ?').run(key);
  else db.prepare('INSERT INTO app_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
