import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFingerprint, fileFingerprint } from '../helpers/db-fingerprint';
import { copyDemoStore } from '../helpers/demo-store';
import { tempDir } from '../helpers/temp-store';

/**
 * fast-lane (issue 15): "the store is unchanged" in the trust and import tests is this
 * fingerprint; it must see every change to any row of any table, and nothing else (not the
 * order rows were written in).
 */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

function store(rows: { id: number; amount: number | bigint | null; share: number | null; name: string | null }[], order: 'forward' | 'backward' = 'forward') {
  const db = new Database(':memory:');
  db.defaultSafeIntegers(true);
  cleanups.push(() => db.close());
  db.exec(`CREATE TABLE fact (id INTEGER PRIMARY KEY, amount INTEGER, share REAL, name TEXT);
           CREATE TABLE pair (a TEXT, b TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID;
           CREATE TABLE loose (value);`);
  const insert = db.prepare('INSERT INTO fact (id, amount, share, name) VALUES (?, ?, ?, ?)');
  const ordered = order === 'forward' ? rows : [...rows].reverse();
  for (const row of ordered) insert.run(row.id, row.amount, row.share, row.name);
  const pairs = [['b', 'x'], ['a', 'y'], ['a', 'x']];
  for (const [a, b] of order === 'forward' ? pairs : [...pairs].reverse()) db.prepare('INSERT INTO pair (a, b) VALUES (?, ?)').run(a, b);
  // As SQL literals: an untyped column keeps 1 an integer (a bound JS number would be a real).
  const loose = ['1', "'en'", '2.5', 'NULL'];
  for (const value of order === 'forward' ? loose : [...loose].reverse()) db.exec(`INSERT INTO loose (value) VALUES (${value})`);
  return db;
}

const rows = [
  { id: 1, amount: 10, share: 0.1 + 0.2, name: 'København' },
  { id: 2, amount: 9_007_199_254_740_993n, share: null, name: 'Ærø' },
  { id: 3, amount: null, share: 1, name: null },
];

describe('the database fingerprint', () => {
  it('is the same for the same rows written in another order, into a rowid table, a WITHOUT ROWID table and an untyped column', () => {
    expect(databaseFingerprint(store(rows))).toBe(databaseFingerprint(store(rows, 'backward')));
  });

  it('changes with any one value, a row more or less, or a new table', () => {
    const base = databaseFingerprint(store(rows));
    const changed = (edit: (db: Database.Database) => void) => {
      const db = store(rows);
      edit(db);
      return databaseFingerprint(db);
    };
    const edits: [string, (db: Database.Database) => void][] = [
      ['an integer by one', (db) => db.prepare('UPDATE fact SET amount = 11 WHERE id = 1').run()],
      ['an integer above 2^53 by one', (db) => db.prepare('UPDATE fact SET amount = ? WHERE id = 2').run(9_007_199_254_740_992n)],
      ['a real in its last digit', (db) => db.prepare('UPDATE fact SET share = 0.3 WHERE id = 1').run()],
      ['an integer stored as a real', (db) => db.prepare('UPDATE loose SET value = 1.0 WHERE value = 1').run()],
      ['the case of a letter', (db) => db.prepare("UPDATE fact SET name = 'københavn' WHERE id = 1").run()],
      ['NULL to an empty text', (db) => db.prepare("UPDATE fact SET name = '' WHERE id = 3").run()],
      ['NULL to 0', (db) => db.prepare('UPDATE fact SET amount = 0 WHERE id = 3').run()],
      ['a key of a WITHOUT ROWID table', (db) => db.prepare("UPDATE pair SET b = 'z' WHERE a = 'b'").run()],
      ['a value into a neighbouring column', (db) => db.prepare("UPDATE pair SET a = 'ax', b = '' WHERE a = 'a' AND b = 'x'").run()],
      ['a row added', (db) => db.prepare("INSERT INTO fact (id, amount, share, name) VALUES (4, 1, 1, 'x')").run()],
      ['a row removed', (db) => db.prepare('DELETE FROM fact WHERE id = 3').run()],
      ['a duplicate row in a table without a key', (db) => db.prepare("INSERT INTO loose (value) VALUES ('en')").run()],
      ['an empty table added', (db) => db.exec('CREATE TABLE extra (x)')],
      ['a BLOB stored', (db) => db.prepare('INSERT INTO loose (value) VALUES (?)').run(Buffer.from([0, 1, 2]))],
    ];
    const seen = new Set([base]);
    for (const [what, edit] of edits) {
      const print = changed(edit);
      expect(print, what).not.toBe(base);
      seen.add(print);
    }
    expect(seen.size).toBe(edits.length + 1);
  });

  it('sees one byte of a BLOB (read in JS, as JSON has no BLOB)', () => {
    const withBlob = (byte: number) => {
      const db = store(rows);
      db.prepare('INSERT INTO loose (value) VALUES (?)').run(Buffer.from([0, byte, 2]));
      return databaseFingerprint(db);
    };
    expect(withBlob(1)).toBe(withBlob(1));
    expect(withBlob(1)).not.toBe(withBlob(3));
  });

  it('sees a share changed by 1e-12 in one of the demo store\'s 37,044 measurements, and nothing when a row is rewritten as it was', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = copyDemoStore(path.join(dir, 'demo.db'));
    const before = fileFingerprint(file);
    const db = new Database(file);
    const key = 'municipality_code = ? AND group_id = ? AND month = ? AND batch_id = ?';
    const row = db
      .prepare('SELECT * FROM measurement WHERE interviews_lacking_share < 0.9 ORDER BY municipality_code, group_id, month LIMIT 1 OFFSET 20000')
      .get() as { municipality_code: number; group_id: string; month: string; batch_id: number; interviews_lacking_share: number };
    const keyValues = [row.municipality_code, row.group_id, row.month, row.batch_id];
    // Rewritten as it was: the same fingerprint.
    db.prepare(`UPDATE measurement SET interviews_lacking_share = ? WHERE ${key}`).run(row.interviews_lacking_share, ...keyValues);
    db.close();
    expect(fileFingerprint(file)).toBe(before);
    const again = new Database(file);
    expect(again.prepare(`UPDATE measurement SET interviews_lacking_share = ? WHERE ${key}`).run(row.interviews_lacking_share + 1e-12, ...keyValues).changes).toBe(1);
    again.close();
    expect(fileFingerprint(file)).not.toBe(before);
  });
});
