import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, handlers } from '../../src/main/handlers';
import { coreHandlers, loadDemoIfFirstStart } from '../../src/main/handlers/core-handlers';
import { engineHandlers } from '../../src/main/handlers/engine-handlers';
import { exportHandlers } from '../../src/main/handlers/export-handlers';
import { importHandlers } from '../../src/main/handlers/import-handlers';
import { callNames } from '../../src/shared/api';
import { coreContract } from '../../src/shared/api/core';
import { engineContract } from '../../src/shared/api/engine';
import { exportContract } from '../../src/shared/api/export';
import { importContract } from '../../src/shared/api/import';
import { decisionsContract } from '../../src/shared/api/decisions';
import { modelsContract } from '../../src/shared/api/models';
// citizens (issue 10): cit-import
import { citizenDataContract } from '../../src/shared/api/citizens';
import { citizenDataHandlers } from '../../src/main/handlers/citizen-data-handlers';
import { decisionHandlers } from '../../src/main/handlers/decision-handlers';
import { modelHandlers } from '../../src/main/handlers/model-handlers';
import { citizenHandlers } from '../../src/main/handlers/citizen-handlers'; // cit-desk (issue 10)
import { citizensContract } from '../../src/shared/api/citizens';
// cit-engine (issue 10)
import { citizenEngineContract } from '../../src/shared/api/citizens';
import { citizenEngineHandlers } from '../../src/main/handlers/citizen-engine-handlers';
import { callApi } from '../helpers/api';
import { tempSession } from '../helpers/temp-store';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('the handler table and the contract', () => {
  it('has exactly one handler for every call in the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort());
    for (const name of callNames) expect(typeof handlers[name], name).toBe('function');
  });

  it('declares each call in exactly one area, so no area silently replaces another’s call in the merged contract', () => {
    const areas = { core: coreContract, engine: engineContract, export: exportContract, import: importContract, decisions: decisionsContract, models: modelsContract, citizenData: citizenDataContract, citizens: citizensContract, citizenEngine: citizenEngineContract };
    const declared = Object.values(areas).flatMap((contract) => Object.keys(contract));
    const twice = declared.filter((name, index) => declared.indexOf(name) !== index);
    expect(twice, 'declared in two areas').toEqual([]);
    expect(new Set(declared), 'apiContract is the union of the areas above (add a new area here)').toEqual(new Set(callNames));
    const handlerAreas = { core: coreHandlers, engine: engineHandlers, export: exportHandlers, import: importHandlers, decisions: decisionHandlers, models: modelHandlers, citizenData: citizenDataHandlers, citizens: citizenHandlers, citizenEngine: citizenEngineHandlers };
    for (const [area, contract] of Object.entries(areas)) {
      expect(Object.keys(handlerAreas[area as keyof typeof handlerAreas]).sort(), area).toEqual(Object.keys(contract).sort());
    }
  });

  it('answers municipalities.list from SQLite with the latest month’s measured citizens', async () => {
    const made = tempSession();
    cleanup = made.cleanup;
    loadDemoIfFirstStart(made.session);
    const rows = await callApi(made.session, 'municipalities.list');
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

  it("says what is wrong with an argument in Danish (zod's Danish locale), without English or the call's code name", async () => {
    const made = tempSession();
    cleanup = made.cleanup;
    const refused = await dispatch(made.session, 'decisions.withdraw', { id: 'x', reason: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const message = refused.ok ? '' : refused.error.message;
    // Two problems: a text where a number belongs, and an empty reason.
    expect(message).toMatch(/^Ugyldige oplysninger: Ugyldigt input: forventede tal, fik streng; For lille: forventede streng havde >= 1 tegn\.$/);
    expect(message).not.toMatch(/Invalid|expected|received|decisions\.withdraw|→/);
  });
});
