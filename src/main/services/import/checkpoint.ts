import type { Db } from '../store';

/**
 * The import's checkpoint, after its answer (derive-speed, issue 10). A commit in WAL mode appends
 * the import's pages to the WAL; SQLite's automatic checkpoint then copies them into the database
 * file inside the same COMMIT, while the user waits: on a million spells some 56,000 pages, about a
 * second. The import's connection turns that off (`deferCheckpoints`) and copies the pages after the
 * answer has gone out (`checkpointAfterAnswer`). The rows are committed and durable in the WAL before
 * the answer either way; only the copy moves. The import worker does both; the benches do the same, so
 * their figures are the app's.
 */
export function deferCheckpoints(db: Db): void {
  db.pragma('wal_autocheckpoint = 0');
}

/**
 * Copies the WAL's pages into the database file. PASSIVE: it never waits for another connection's
 * readers, and leaves what they still need to the next checkpoint. A failure (a full disk) loses
 * nothing: the committed rows stay in the WAL and a later checkpoint copies them.
 */
export function checkpointAfterAnswer(db: Db): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Nothing is lost: see above.
  }
}
