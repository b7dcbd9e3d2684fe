import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import type { HandlerContext } from '../../src/main/handlers/context';
import { openStore } from '../../src/main/services/store';
import { databaseFingerprint, fileFingerprint } from '../helpers/db-fingerprint';
import { tempDir, tempSession } from '../helpers/temp-store';

/**
 * Disk full, read-only and locked databases, each made real (no mocked database): a write
 * through the handler table gets a clear Danish error envelope and the store is unchanged.
 * `demo.load` is the write path: one transaction of 37,044 rows.
 */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

function context(db: Database.Database, databasePath: string): HandlerContext {
  return { db, databasePath, emit: () => {} };
}

const measurementCount = (db: Database.Database) => (db.prepare('SELECT COUNT(*) AS n FROM measurement').get() as { n: number }).n;

describe('faults at the store boundary', () => {
  it('a full database file (max_page_count, SQLITE_FULL for real): "disken er fuld", nothing half-written', async () => {
    const made = tempSession();
    cleanups.push(made.cleanup);
    const db = made.session.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    // Room for a few hundred rows, not the 37,044 of the demo batch.
    db.pragma(`max_page_count = ${pages + 20}`);
    const before = databaseFingerprint(db);
    const envelope = await dispatch(made.session, 'demo.load', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'disk-full' } });
    expect(!envelope.ok && envelope.error.message).toMatch(/Disken er fuld\. Intet blev gemt/);
    expect(databaseFingerprint(db)).toBe(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Once there is room again the same call succeeds: the connection was left usable.
    db.pragma('max_page_count = 1073741823');
    expect(await dispatch(made.session, 'demo.load', undefined)).toMatchObject({ ok: true, value: { rows: 37044 } });
  });

  const canMount = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = fs.mkdtempSync('/tmp/indsatsmonitor-mount-probe-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
      execFileSync('umount', [probe], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    } finally {
      fs.rmSync(probe, { recursive: true, force: true });
    }
  })();

  // Needs root and mount rights (a container may refuse them); the max_page_count test above covers SQLITE_FULL everywhere.
  it.skipIf(!canMount)('a really full disk (1 MB tmpfs): "disken er fuld", nothing half-written, the file still sound', async () => {
    const mountPoint = fs.mkdtempSync('/tmp/indsatsmonitor-full-disk-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
    cleanups.push(() => {
      execFileSync('umount', ['-l', mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    });
    const databasePath = path.join(mountPoint, 'full.db');
    const db = openStore(databasePath);
    let closed = false;
    cleanups.push(() => {
      if (!closed) db.close();
    });
    const before = databaseFingerprint(db);
    const envelope = await dispatch(context(db, databasePath), 'demo.load', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'disk-full' } });
    expect(databaseFingerprint(db)).toBe(before);
    db.close();
    closed = true;
    expect(fileFingerprint(databasePath)).toBe(before);
  });

  it('a read-only database: "skrivebeskyttet", nothing written', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const databasePath = path.join(dir, 'readonly.db');
    openStore(databasePath).close();
    const before = fileFingerprint(databasePath);
    // Tests run as root, where chmod 0444 does not stop writes; a read-only connection is the same refusal from SQLite.
    fs.chmodSync(databasePath, 0o444);
    const db = new Database(databasePath, { readonly: true });
    cleanups.push(() => db.close());
    const envelope = await dispatch(context(db, databasePath), 'demo.load', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(!envelope.ok && envelope.error.message).toMatch(/skrivebeskyttet.*Intet blev gemt/);
    expect(measurementCount(db)).toBe(0);
    expect(fileFingerprint(databasePath)).toBe(before);
  });

  it('a database locked by another program (BEGIN EXCLUSIVE): "optaget", nothing written, works once released', async () => {
    const made = tempSession();
    cleanups.push(made.cleanup);
    const other = new Database(made.databasePath);
    cleanups.push(() => other.close());
    other.pragma('journal_mode = WAL');
    other.exec('BEGIN EXCLUSIVE');
    // The store waits 3 s for a lock; the test does not need to.
    made.session.db.pragma('busy_timeout = 100');
    const before = databaseFingerprint(made.session.db);
    const envelope = await dispatch(made.session, 'demo.load', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(!envelope.ok && envelope.error.message).toMatch(/optaget af et andet program\. Intet blev gemt/);
    other.exec('ROLLBACK');
    expect(databaseFingerprint(made.session.db)).toBe(before);
    expect(await dispatch(made.session, 'demo.load', undefined)).toMatchObject({ ok: true, value: { rows: 37044 } });
    expect(measurementCount(other)).toBe(37044);
  });
});

describe('errors SQLite raises at run time, in the user\'s words', () => {
  it('a damaged file met during a call is "beskadiget", with the way out; an I/O error is named as one', async () => {
    const { describeError } = await import('../../src/main/handlers');
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'garbage.db');
    fs.writeFileSync(file, 'this is not a database '.repeat(500));
    const db = new Database(file);
    cleanups.push(() => db.close());
    // The real error object better-sqlite3 throws, not a made-up one.
    let thrown: unknown;
    try {
      db.prepare('SELECT * FROM sqlite_master').all();
    } catch (error) {
      thrown = error;
    }
    expect((thrown as { code: string }).code).toBe('SQLITE_NOTADB');
    expect(describeError(thrown)).toMatchObject({ code: 'database-corrupt', message: expect.stringMatching(/beskadiget.*sikkerhedskopi/) });
    // A folder where the file should be: SQLite's own SQLITE_CANTOPEN.
    const cannotOpen = (() => {
      try {
        new Database(dir).close();
      } catch (error) {
        return error;
      }
    })();
    expect((cannotOpen as { code: string }).code).toBe('SQLITE_CANTOPEN');
    expect(describeError(cannotOpen)).toMatchObject({ code: 'io-error', message: expect.stringMatching(/Intet blev gemt/) });
  });
});
