import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { inject } from 'vitest';
import { openSession } from '../../src/main/handlers/session';
import { loadDemoData } from '../../src/main/services/demo-data';
import { tempSession } from './temp-store';

/**
 * fast-lane (issue 15, point 6): a store holding the demo data, built by the real `loadDemoData`
 * once per test run (the first test that asks builds it in the run's folder from
 * test/helpers/global-setup.ts) and copied for each test that needs a fresh one. A test about
 * loading the demo data itself (demo-data, the `demo` command, `demo.load`) still loads it.
 */
let template: string | null = null;

function demoTemplate(): string {
  if (template && fs.existsSync(template)) return template;
  const file = path.join(inject('demoTemplateDir'), 'demo.db');
  if (!fs.existsSync(file)) {
    // Built under a private name and renamed: a worker that finds `demo.db` finds it whole.
    const building = `${file}.${process.pid}-${threadId}.building`;
    const session = openSession(building);
    try {
      loadDemoData(session.db);
    } finally {
      session.close();
    }
    for (const side of ['-wal', '-shm']) if (fs.existsSync(building + side)) throw new Error(`the demo template was not checkpointed: ${building + side}`);
    fs.renameSync(building, file);
  }
  template = file;
  return file;
}

/** Writes a fresh copy of the demo store to `databasePath` (its folder must exist) and returns the path. */
export function copyDemoStore(databasePath: string): string {
  fs.copyFileSync(demoTemplate(), databasePath);
  return databasePath;
}

/** Like `tempSession`, but the store already holds the demo data (as after `loadDemoData`). */
export function demoSession(): ReturnType<typeof tempSession> {
  return tempSession(copyDemoStore);
}
