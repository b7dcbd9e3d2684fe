import { storeWords } from '../../shared/store-words-da';

/**
 * Errors of the store that the shells (Electron, CLI) must tell apart: a damaged database file
 * is not a bug but a situation the user resolves (restore a backup or start fresh).
 */
export class CorruptDatabaseError extends Error {
  readonly code = 'database-corrupt';
  constructor(
    readonly databasePath: string,
    /** What SQLite said, for the details line; the message itself is Danish. */
    readonly reason: string,
  ) {
    super(storeWords.corrupt(databasePath, reason));
    this.name = 'CorruptDatabaseError';
  }
}

/** An error in the user's words from restoring or replacing the database file. */
export class RecoveryError extends Error {
  constructor(
    readonly code: 'backup-not-found' | 'backup-invalid' | 'not-corrupt' | 'restore-failed',
    message: string,
  ) {
    super(message);
    this.name = 'RecoveryError';
  }
}

/** SQLite's codes for "this file is not (or no longer) a database". */
export function isCorruptionCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

// --- trust-store (issue 14, items 2 and 3): opening the store ---

/** A non-empty SQLite file that is not an Indsatsmonitor database: refused, never converted. */
export class ForeignDatabaseError extends Error {
  readonly code = 'database-foreign';
  constructor(
    readonly databasePath: string,
    readonly tables: string[],
  ) {
    super(
      storeWords.foreign(databasePath, `${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}`),
    );
    this.name = 'ForeignDatabaseError';
  }
}

/** Why a store could only be opened read-only, or not at all, in the user's words. */
export type WriteRefusal = 'read-only' | 'disk-full' | 'locked' | 'io-error';

export const writeRefusalText: Record<WriteRefusal, string> = storeWords.writeRefusal;

/** SQLite's answer to a refused write, as one of the refusals above (null: not a refusal). */
export function writeRefusalOf(error: unknown): WriteRefusal | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return 'disk-full';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') return 'locked';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
  if (code === 'ENOSPC') return 'disk-full';
  if (code.startsWith('SQLITE_IOERR')) return 'io-error';
  return null;
}

/** The store could not be opened at all (a write was needed and refused), in Danish. */
export class StoreOpenError extends Error {
  constructor(
    readonly code: WriteRefusal | 'newer-version',
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}
