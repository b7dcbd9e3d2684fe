import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { inject } from 'vitest';
import { openSession, type Session } from '../../src/main/handlers/session';

/** A real SQLite file in a fresh temp folder; removed by `cleanup`. */
export function tempDir(prefix = 'indsatsmonitor-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * fast-lane (issue 15): a new store as `openSession` creates it (WAL, every migration, the
 * reference data), made once per test run by the real `openSession` in the run's folder
 * (test/helpers/global-setup.ts) and copied for each `tempSession`: opening the copy is a third
 * of the cost of migrating anew. Outside the unit project (no run folder) a store is created each time.
 * Tests of creating a store (store.test.ts, store-open.test.ts) call `openSession`/`openStore` themselves.
 */
let emptyTemplate: string | null = null;

function emptyStoreTemplate(): string | null {
  if (emptyTemplate && fs.existsSync(emptyTemplate)) return emptyTemplate;
  const dir = inject('demoTemplateDir');
  if (!dir) return null;
  const file = path.join(dir, 'empty.db');
  if (!fs.existsSync(file)) {
    // Built under a private name and renamed: a worker that finds `empty.db` finds it whole.
    const building = `${file}.${process.pid}-${threadId}.building`;
    openSession(building).close();
    for (const side of ['-wal', '-shm']) if (fs.existsSync(building + side)) throw new Error(`the empty store template was not checkpointed: ${building + side}`);
    fs.renameSync(building, file);
  }
  emptyTemplate = file;
  return file;
}

/**
 * A session on `test.db` in a fresh temp folder. `prepare` may put a store file there first (a
 * copy of the demo store); without it the store is a copy of a newly created one.
 */
export function tempSession(prepare?: (databasePath: string) => void): { session: Session; dir: string; databasePath: string; cleanup(): void } {
  const { dir, cleanup } = tempDir();
  const databasePath = path.join(dir, 'test.db');
  if (prepare) prepare(databasePath);
  else {
    const template = emptyStoreTemplate();
    if (template) fs.copyFileSync(template, databasePath);
  }
  const session = openSession(databasePath);
  return {
    session,
    dir,
    databasePath,
    cleanup: () => {
      session.close();
      cleanup();
    },
  };
}
