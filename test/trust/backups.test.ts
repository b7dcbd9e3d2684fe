import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { openSession } from '../../src/main/handlers/session';
import { listBackups } from '../../src/main/services/recovery';
import { backupDatabase, backupDir, isCompleteDatabaseFile } from '../../src/main/services/store';
import { copyDemoStore } from '../helpers/demo-store';
import { tempDir } from '../helpers/temp-store';

/**
 * Issue 14, item 4: a backup interrupted by a crash must not count toward the rotation, be
 * listed, or block `backups --restore newest`.
 */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

const root = path.resolve(__dirname, '..', '..');

/** A store holding the demo data (fast-lane, issue 15: a copy of the one built once per run). */
async function demoStore() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const databasePath = copyDemoStore(path.join(dir, 'indsatsmonitor.db'));
  const session = openSession(databasePath);
  return { dir, databasePath, session };
}

/** What a crash mid-backup leaves under a backup's name: nothing yet, or the first half. */
function brokenBackups(databasePath: string, from: string): string[] {
  const dir = backupDir(databasePath);
  const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().replace(/[:.]/g, '-');
  const empty = path.join(dir, `indsatsmonitor-${later(1)}-before-import.db`);
  const half = path.join(dir, `indsatsmonitor-${later(2)}-before-import.db`);
  fs.writeFileSync(empty, '');
  const bytes = fs.readFileSync(from);
  fs.writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return [empty, half];
}

describe('backups interrupted by a crash (issue 14, item 4)', () => {
  it('are not listed, do not count toward the rotation, and `--restore newest` falls back to the newest good one', async () => {
    const { databasePath, session } = await demoStore();
    const good = backupDatabase(session.db, databasePath, 'before-import', 2);
    const [empty, half] = brokenBackups(databasePath, good);
    expect(isCompleteDatabaseFile(good)).toBe(true);
    expect(isCompleteDatabaseFile(empty)).toBe(false);
    expect(isCompleteDatabaseFile(half)).toBe(false);
    expect(listBackups(databasePath).map((backup) => backup.path)).toEqual([good]);

    // Rotation keeps two complete backups: the broken ones do not push the good one out.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = backupDatabase(session.db, databasePath, 'before-import', 2);
    expect(listBackups(databasePath).map((backup) => backup.path)).toEqual([second, good]);

    // The database is damaged; the newest names are broken backups; the restore takes the newest good one.
    session.close();
    const fd = fs.openSync(databasePath, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, 4096 * 2);
    fs.closeSync(fd);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['backups', '--restore', 'newest', '--db', databasePath], { out: (text) => out.push(text), err: (text) => err.push(text) });
    expect(code, err.join('\n')).toBe(0);
    expect(out.join('\n')).toContain(path.basename(second));
    expect(err.join('\n')).toMatch(/Springer over .*ufuldstændig/);
    const reopened = openSession(databasePath);
    expect((reopened.db.prepare('SELECT COUNT(*) AS n FROM measurement').get() as { n: number }).n).toBe(37044);
    reopened.close();
  });

  it('a process killed while it writes backups leaves no incomplete file under a backup\'s name', async () => {
    const { databasePath, session } = await demoStore();
    session.close();
    for (let kill = 0; kill < 4; kill++) {
      const child = spawn(process.execPath, [path.join(root, 'bin', 'run-ts.cjs'), path.join(root, 'test', 'trust', 'fixtures', 'backup-child.ts'), databasePath], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      // Once the first backup is in place, kill at staggered moments: backups of the 3 MB demo store
      // take tens of milliseconds each, so a kill lands inside one often.
      const dir = backupDir(databasePath);
      while (!fs.existsSync(dir) || !fs.readdirSync(dir).some((name) => name.endsWith('.db'))) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 20 + kill * 37));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const named = fs.readdirSync(dir).filter((name) => name.endsWith('.db'));
      expect(named.length).toBeGreaterThan(0);
      for (const name of named) expect(isCompleteDatabaseFile(path.join(dir, name)), name).toBe(true);
    }
  });
});
