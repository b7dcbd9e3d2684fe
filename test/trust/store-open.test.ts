import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { dispatch } from '../../src/main/handlers';
import { openSession } from '../../src/main/handlers/session';
import { ForeignDatabaseError } from '../../src/main/services/database-errors';
import { defaultBusyTimeoutMs, openConnection } from '../../src/main/services/store';
import { writeDanishCsv } from '../helpers/import-files';
import { copyDemoStore } from '../helpers/demo-store';
import { tempDir } from '../helpers/temp-store';

/**
 * Issue 14, items 2, 3 and 5: opening the store writes only when something changed, opens
 * read-only (and says so in Danish) when writing is refused, refuses someone else's SQLite file,
 * and removes upload copies a crashed process left in the temp folder. Real files, real locks,
 * a real read-only and a really full file system where mounting is allowed.
 */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

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

function mountTmpfs(size: string): string {
  const mountPoint = fs.mkdtempSync('/tmp/indsatsmonitor-open-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint]);
  cleanups.push(() => {
    execFileSync('umount', ['-l', mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
  });
  return mountPoint;
}

/** A store with the demo data, closed. */
async function demoStore(databasePath: string): Promise<void> {
  // fast-lane (issue 15): a copy of the demo store built once per run.
  copyDemoStore(databasePath);
}

/** Another process's write lock, held until released. */
function holdWriteLock(databasePath: string): () => void {
  const other = new Database(databasePath);
  other.exec('BEGIN IMMEDIATE');
  other.prepare("INSERT INTO app_setting (key, value) VALUES ('lock-holder', 'x') ON CONFLICT(key) DO UPDATE SET value = 'x'").run();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    other.exec('ROLLBACK');
    other.close();
  };
  cleanups.push(release);
  return release;
}

/** fast-lane (issue 15): how long the tests of a held lock wait for it (the product waits `defaultBusyTimeoutMs`). */
const lockWaitMs = 200;

describe('opening the store (issue 14, item 2)', () => {
  it('every connection waits 5 seconds for another process\'s write lock unless told otherwise (the app, the CLI, the import worker)', async () => {
    expect(defaultBusyTimeoutMs).toBe(5000);
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const databasePath = path.join(dir, 'wait.db');
    // A new store and an existing one, the session every transport opens, and a bare connection (the import worker's).
    const created = openSession(databasePath, { surface: 'cli' });
    expect(created.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    created.close();
    const reopened = openSession(databasePath);
    cleanups.push(() => reopened.close());
    expect(reopened.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const worker = openConnection(databasePath);
    cleanups.push(() => worker.close());
    expect(worker.pragma('busy_timeout', { simple: true })).toBe(5000);
    // The Electron app's session.
    const { startApp } = await import('../../src/main/electron/app');
    const { electronStandIn } = await import('../helpers/electron-stand-in');
    const started = await startApp(electronStandIn().electron as never, { rendererUrl: 'file:///app/index.html', databasePath });
    cleanups.push(() => started?.session.close());
    expect(started?.session.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // (A read-only open waits as long: the read-only mount below.) And a wrong value is refused rather than put into the pragma's text.
    expect(() => openSession(databasePath, { busyTimeoutMs: 1.5 })).toThrow(RangeError);
  });

  it('writes nothing when nothing changed: opens while another process holds the write lock, reads, and a write says "optaget"', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const databasePath = path.join(dir, 'shared.db');
    await demoStore(databasePath);
    const release = holdWriteLock(databasePath);
    const session = openSession(databasePath);
    cleanups.push(() => session.close());
    expect(session.readOnly).toBeNull();
    const municipalities = await dispatch(session, 'municipalities.list', undefined);
    expect(municipalities.ok && (municipalities.value as unknown[]).length).toBe(98);
    session.db.pragma('busy_timeout = 200');
    const write = await dispatch(session, 'demo.clear', undefined);
    expect(write).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(!write.ok && write.error.message).toMatch(/optaget/);
    release();
    expect(await dispatch(session, 'demo.clear', undefined)).toMatchObject({ ok: true });
  });

  it('opens read-only with a Danish "optaget" note when a needed write (changed reference data) waits too long for the lock', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const databasePath = path.join(dir, 'stale.db');
    await demoStore(databasePath);
    // An older release's reference data: opening must update it, and cannot while the lock is held.
    const old = new Database(databasePath);
    old.prepare("UPDATE municipality SET name = 'Gammelt navn' WHERE code = 101").run();
    old.close();
    holdWriteLock(databasePath);
    // fast-lane (issue 15): a short wait for the lock instead of the production 5 s (its default is tested below).
    const session = openSession(databasePath, { busyTimeoutMs: lockWaitMs });
    cleanups.push(() => session.close());
    expect(session.db.pragma('busy_timeout', { simple: true })).toBe(lockWaitMs);
    expect(session.readOnly).toMatch(/optaget.*skrivebeskyttet/);
    const evaluation = await dispatch(session, 'evaluate.early2023', { period: '2023H2' });
    expect(evaluation.ok).toBe(true);
    const write = await dispatch(session, 'demo.clear', undefined);
    expect(write).toMatchObject({ ok: false, error: { code: 'read-only' } });
    const info = await dispatch(session, 'app.info', undefined);
    expect(info.ok && (info.value as { measurementRows: number }).measurementRows).toBe(37044);
    expect(info.ok && (info.value as { readOnly: string }).readOnly).toMatch(/optaget/);
  });

  it('the app says so in a Danish warning when it opens read-only', async () => {
    const { startApp } = await import('../../src/main/electron/app');
    const { electronStandIn } = await import('../helpers/electron-stand-in');
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const databasePath = path.join(dir, 'app.db');
    await demoStore(databasePath);
    const old = new Database(databasePath);
    old.prepare("UPDATE municipality SET name = 'Gammelt navn' WHERE code = 101").run();
    old.close();
    holdWriteLock(databasePath);
    const standIn = electronStandIn();
    const started = await startApp(standIn.electron as never, { rendererUrl: 'file:///app/index.html', databasePath, busyTimeoutMs: lockWaitMs });
    cleanups.push(() => started?.session.close());
    expect(started?.session.db.pragma('busy_timeout', { simple: true })).toBe(lockWaitMs);
    expect(standIn.electron.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'warning', message: 'Databasen er åbnet skrivebeskyttet.', detail: expect.stringMatching(/optaget/) }),
    );
    expect(standIn.windows).toHaveLength(1);
  });

  it.skipIf(!canMount)('a read-only folder (read-only mount): opens read-only, says so in Danish, shows the data, refuses writes', async () => {
    const mountPoint = mountTmpfs('16m');
    const databasePath = path.join(mountPoint, 'ro.db');
    await demoStore(databasePath);
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const session = openSession(databasePath);
    cleanups.push(() => session.close());
    expect(session.readOnly).toMatch(/skrivebeskyttet/);
    expect(session.db.pragma('busy_timeout', { simple: true })).toBe(defaultBusyTimeoutMs);
    const info = await dispatch(session, 'app.info', undefined);
    expect(info.ok && (info.value as { measurementRows: number }).measurementRows).toBe(37044);
    const write = await dispatch(session, 'demo.clear', undefined);
    expect(write).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringMatching(/skrivebeskyttet.*Intet blev gemt/) } });
    const cli = capture();
    expect(await runCli(['municipalities', '--json', '--db', databasePath], cli.io)).toBe(0);
    expect(JSON.parse(cli.out.join('\n'))).toHaveLength(98);
    expect(cli.err.join('\n')).toMatch(/Bemærk: .*skrivebeskyttet/);
  });

  it.skipIf(!canMount)('a full disk: open read-only with "Disken er fuld"; a CLI import that fills it says "Disken er fuld" through the one error mapping', async () => {
    const mountPoint = mountTmpfs('2m');
    const databasePath = path.join(mountPoint, 'full.db');
    openSession(databasePath).close();
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const rows: (string | number)[][] = [];
    for (let year = 2000; year <= 2024; year++)
      for (let month = 1; month <= 12; month++)
        for (const code of [101, 147, 151, 153, 155, 157, 159, 161, 163, 165])
          for (const group of ['A-dagpenge', 'Sygedagpenge'])
            rows.push([code, group, `${year}M${String(month).padStart(2, '0')}`, 100, 10, '10,0', 5, '5,0']);
    const file = writeDanishCsv(path.join(dir, 'stor.csv'), rows);
    const fill = (leave: number) => {
      const free = fs.statfsSync(mountPoint);
      const filler = path.join(mountPoint, `fyld-${leave}`);
      try {
        fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free.bavail * free.bsize - leave)));
      } catch {
        // ENOSPC: full, as wanted.
      }
      // Completely full: the big write can leave a few pages unused (tmpfs rounds per page), so
      // take what is left page by page until the disk refuses (bounded).
      for (let page = 0; leave === 0 && page < 4096; page++) {
        try {
          fs.writeFileSync(`${filler}-${page}`, Buffer.alloc(4096));
        } catch {
          break;
        }
      }
      return filler;
    };
    // 1. Another connection keeps -wal and -shm in place; the disk has room for little more.
    const holder = new Database(databasePath);
    cleanups.push(() => holder.close());
    holder.prepare('SELECT COUNT(*) FROM municipality').get();
    fill(64 * 1024);
    const cli = capture();
    const code = await runCli(['import', file, '--db', databasePath], cli.io);
    expect(code).not.toBe(0);
    const text = cli.err.join('\n');
    expect(text, text).toMatch(/Disken er fuld\. Intet blev gemt/);
    expect(text).not.toMatch(/database or disk is full|Uventet fejl/);
    expect((holder.prepare('SELECT COUNT(*) AS n FROM measurement').get() as { n: number }).n).toBe(0);
    holder.close();
    // 2. No -shm and no room to make one: opening reads the data read-only and says why. (A close
    // on a full disk may leave -shm behind; with no connection open it is safe to remove.)
    fs.rmSync(`${databasePath}-shm`, { force: true });
    fill(0);
    const later = capture();
    const laterCode = await runCli(["municipalities", "--json", "--db", databasePath], later.io);
    expect(laterCode, later.err.join("\n")).toBe(0);
    expect(JSON.parse(later.out.join('\n'))).toHaveLength(98);
    expect(later.err.join('\n')).toMatch(/Bemærk: Disken er fuld\..*skrivebeskyttet/);
  });
});

describe('someone else\'s SQLite file (issue 14, item 3)', () => {
  it('is refused, in Danish, and left byte for byte as it was (no tables added, no WAL)', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const foreign = path.join(dir, 'kunder.db');
    const db = new Database(foreign);
    db.exec("CREATE TABLE kunder (id INTEGER PRIMARY KEY, navn TEXT); INSERT INTO kunder (navn) VALUES ('Hansen')");
    db.close();
    const before = sha256(foreign);
    expect(() => openSession(foreign)).toThrow(ForeignDatabaseError);
    const cli = capture();
    expect(await runCli(['municipalities', '--db', foreign], cli.io)).toBe(3);
    expect(cli.err.join('\n')).toMatch(/ikke en Indsatsmonitor-database.*kunder.*ikke ændret/);
    expect(sha256(foreign)).toBe(before);
    expect(fs.existsSync(`${foreign}-wal`)).toBe(false);
    const check = new Database(foreign, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'kunder' }]);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('an empty file and an empty SQLite database are still made into a store', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const empty = path.join(dir, 'tom.db');
    fs.writeFileSync(empty, '');
    openSession(empty).close();
    const blank = path.join(dir, 'blank.db');
    const db = new Database(blank);
    db.pragma('user_version = 1');
    db.close();
    const session = openSession(blank);
    expect((session.db.prepare('SELECT COUNT(*) AS n FROM municipality').get() as { n: number }).n).toBe(98);
    session.close();
  });
});

describe('upload copies left by a crash (issue 14, item 5)', () => {
  it('a start removes the staging folder of a process that is gone and keeps a running one\'s', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-import-'));
    fs.writeFileSync(path.join(stale, 'owner.pid'), String(deadPid));
    fs.writeFileSync(path.join(stale, 'upload'), Buffer.alloc(256 * 1024));
    const live = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-import-'));
    fs.writeFileSync(path.join(live, 'owner.pid'), String(process.pid));
    cleanups.push(() => fs.rmSync(live, { recursive: true, force: true }));
    cleanups.push(() => fs.rmSync(stale, { recursive: true, force: true }));
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    openSession(path.join(dir, 'x.db')).close();
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });
});
