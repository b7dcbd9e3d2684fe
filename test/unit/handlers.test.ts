import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, handlers } from '../../src/main/handlers';
import { loadDemoIfFirstStart } from '../../src/main/handlers/core-handlers';
import { apiContract, callNames } from '../../src/shared/api';
import { tempSession } from '../helpers/temp-store';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('the handler table and the contract', () => {
  it('has exactly one handler for every call in the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort());
    expect(callNames.length).toBe(Object.keys(apiContract).length);
  });

  it('answers municipalities.list from SQLite with the latest month’s measured citizens', async () => {
    const made = tempSession();
    cleanup = made.cleanup;
    loadDemoIfFirstStart(made.session);
    const envelope = await dispatch(made.session, 'municipalities.list', undefined);
    if (!envelope.ok) throw new Error(envelope.error.message);
    const rows = envelope.value as { code: number; name: string; latestMeasured: number; latestMonth: string }[];
    expect(rows).toHaveLength(98);
    const copenhagen = rows.find((row) => row.code === 101)!;
    const expected = made.session.db
      .prepare("SELECT SUM(measured) AS n FROM measurement WHERE municipality_code = 101 AND month = '2025-06'")
      .get() as { n: number };
    expect(copenhagen).toMatchObject({ name: 'København', latestMonth: '2025-06', latestMeasured: expected.n });
  });

  it('gives a clear error for an unknown call or malformed arguments, never a crash', async () => {
    const made = tempSession();
    cleanup = made.cleanup;
    expect(await dispatch(made.session, 'drop.everything', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect(await dispatch(made.session, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    const malformed = await dispatch(made.session, 'municipalities.list', { unexpected: "'; DROP TABLE municipality; --" });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(malformed.ok ? '' : malformed.error.message).toMatch(/Ugyldige oplysninger/);
    expect((made.session.db.prepare('SELECT COUNT(*) AS n FROM municipality').get() as { n: number }).n).toBe(98);
  });
});
