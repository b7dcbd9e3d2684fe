import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { Db } from '../../src/main/services/store';

/**
 * A digest of every row of every table, read through SQL: "the database is unchanged" means
 * this digest is the same before and after, whatever the file's pages look like.
 */
export function databaseFingerprint(db: Db): string {
  const hash = crypto.createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`#${name}\n`);
    // Table names come from sqlite_master itself, quoted: no outside text reaches this SQL.
    // Sorted in JS: some tables are WITHOUT ROWID, so there is no one column to order by.
    const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all().map((row) => JSON.stringify(row));
    for (const row of rows.sort()) hash.update(row);
  }
  return hash.digest('hex');
}

/** The fingerprint of a closed database file, opened read-only. */
export function fileFingerprint(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return databaseFingerprint(db);
  } finally {
    db.close();
  }
}

export function sha256OfFile(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
