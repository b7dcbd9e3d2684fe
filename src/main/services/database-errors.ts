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
    super(`Databasefilen ${databasePath} er beskadiget eller ikke en Indsatsmonitor-database (${reason}).`);
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
