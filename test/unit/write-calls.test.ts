import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/main/handlers/session';
import { apiContract, callNames, type CallName } from '../../src/shared/api';
import { everyCallSteps, runEveryCall, uncoveredCalls } from '../helpers/every-call';
import { tempSession } from '../helpers/temp-store';

/**
 * Every call of the contract, run once in the order of the one every-call list
 * (test/helpers/every-call.ts) on a fresh store; around each one the store's `total_changes()`
 * and a second connection's `data_version` are compared. A call that changed the store must be
 * marked `{ writes: true }` where it is declared (so `dispatch` refuses it while an import holds
 * its transaction), and a call marked as a write must write (so the mark is not put on by habit).
 * A new call needs a step in that list: `uncoveredCalls` says so.
 */
let made: ReturnType<typeof tempSession>;
beforeAll(() => {
  made = tempSession();
  observer = new Database(made.databasePath, { readonly: true });
});
afterAll(() => {
  observer?.close();
  made?.cleanup();
});

/**
 * Two witnesses: the session's own `total_changes()` (rows inserted, updated, deleted) and
 * `PRAGMA data_version` on a second connection, which moves on every commit by another
 * connection (so schema changes and settings count too).
 */
function witnesses(session: Session, observer: Database.Database): () => boolean {
  const changes = () => (session.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const version = () => observer.pragma('data_version', { simple: true }) as number;
  const before = { changes: changes(), version: version() };
  return () => changes() !== before.changes || version() !== before.version;
}

let observer: Database.Database;

describe('calls marked as writes in the contract', () => {
  it('every call has a step in the every-call list (add one for a new call)', () => {
    expect(uncoveredCalls()).toEqual([]);
  });

  it('a call changes the store exactly when its contract entry marks it as a write', async () => {
    const session = made.session;
    const wrote = new Map<string, boolean>();
    await runEveryCall(session, everyCallSteps(), {
      async around(name, call) {
        const changed = witnesses(session, observer);
        const envelope = await call();
        wrote.set(name, (wrote.get(name) ?? false) || changed());
        return envelope;
      },
      // Twelve municipalities' numbers are enough to run every call; all 98 would make the contact list slow here.
      afterStep: (name) => {
        if (name === 'demo.load') session.db.exec('DELETE FROM measurement WHERE municipality_code NOT IN (SELECT code FROM municipality ORDER BY code LIMIT 12)');
      },
    });
    expect([...wrote.keys()].sort()).toEqual([...callNames].sort());

    const unmarkedWrites = [...wrote].filter(([name, changed]) => changed && !apiContract[name as CallName].writes).map(([name]) => name);
    const markedButRead = [...wrote].filter(([name, changed]) => !changed && apiContract[name as CallName].writes).map(([name]) => name);
    expect(unmarkedWrites, 'these calls wrote to the store: mark them { writes: true } in src/shared/api/*.ts').toEqual([]);
    expect(markedButRead, 'these calls are marked { writes: true } but did not write').toEqual([]);
  });
});
