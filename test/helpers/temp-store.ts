import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSession, type Session } from '../../src/main/handlers/session';

/** A real SQLite file in a fresh temp folder; removed by `cleanup`. */
export function tempDir(prefix = 'indsatsmonitor-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A session on `test.db` in a fresh temp folder; `prepare` may put a store file there first (a copy of the demo store). */
export function tempSession(prepare?: (databasePath: string) => void): { session: Session; dir: string; databasePath: string; cleanup(): void } {
  const { dir, cleanup } = tempDir();
  const databasePath = path.join(dir, 'test.db');
  prepare?.(databasePath);
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
