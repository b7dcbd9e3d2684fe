import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildCitizenDerived, sorterThreads } from '../../src/main/services/citizens/rebuild';
import { callApi } from '../helpers/api';
import { fakeCpr, seedCitizens, type EventSeed, type SpellSeed } from '../helpers/citizen-fixtures';
import { tempSession } from '../helpers/temp-store';

/*
 * cit-derive (issue 10): what the speed work must not change.
 * - The derivation drops citizen_window's indexes before the fill and creates them after; a rebuild
 *   must leave exactly the indexes the migrations declare (same names, same definitions), or a later
 *   migration's index would silently vanish on the first import.
 * - The grid asks for its page alone (`count: false`) and for the count apart (`citizens.count`):
 *   the rows are the same as with the count, and the count is the number of rows the filters match,
 *   counted afresh after the data change.
 */

const asOf = '2024-05-15';
const spells: SpellSeed[] = [];
const events: EventSeed[] = [];
for (let index = 0; index < 240; index += 1) {
  const citizenId = fakeCpr(index);
  const month = String((index % 12) + 1).padStart(2, '0');
  const day = String((index % 28) + 1).padStart(2, '0');
  const startDate = `${2023 + (index % 2)}-${month}-${day}`;
  spells.push({ citizenId, municipalityCode: [101, 147, 825][index % 3], groupId: ['dagpenge', 'kontanthjaelp', 'sygedagpenge'][index % 3], startDate, endDate: index % 5 === 0 ? `${2023 + (index % 2)}-${month}-28` : null });
  for (let k = 0; k < index % 4; k += 1) events.push({ citizenId, date: `${2023 + (index % 2)}-${month}-${String(k + 1).padStart(2, '0')}`, kind: k === 2 ? 'offer' : 'interview' });
}

let made: ReturnType<typeof tempSession>;
beforeAll(() => {
  made = tempSession();
  seedCitizens(made.session.db, spells, events);
});
afterAll(() => made?.cleanup());

const indexes = (db: typeof made.session.db) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'citizen_window' AND sql IS NOT NULL ORDER BY name").all();

describe('the derivation rebuilds citizen_window', () => {
  it('leaves exactly the indexes the migrations declare', () => {
    const fresh = tempSession();
    try {
      const declared = indexes(fresh.session.db);
      expect(declared.length).toBeGreaterThanOrEqual(4);
      rebuildCitizenDerived(made.session.db);
      expect(indexes(made.session.db)).toEqual(declared);
    } finally {
      fresh.cleanup();
    }
  });

  it("gives the connection back with its own page cache and sorter threads, and sizes the threads by the machine's cores", () => {
    const db = made.session.db;
    const settings = () => ({ cache: db.pragma('cache_size', { simple: true }), threads: db.pragma('threads', { simple: true }) });
    const before = settings();
    expect(before).toEqual({ cache: -65536, threads: 0 });
    rebuildCitizenDerived(db);
    expect(settings()).toEqual(before);
    // One helper fewer than the cores, at least one, at most four.
    expect([1, 2, 3, 4, 8, 64, Number.NaN].map((cores) => sorterThreads(cores))).toEqual([1, 1, 2, 3, 4, 4, 1]);
  });

  it('writes one window per spell and the monthly counts from them', () => {
    const db = made.session.db;
    expect((db.prepare('SELECT COUNT(*) AS n FROM citizen_window').get() as { n: number }).n).toBe(spells.length);
    const fromWindows = db
      .prepare('SELECT COUNT(*) AS n FROM citizen_window WHERE cohort_month IS NOT NULL')
      .get() as { n: number };
    const fromMeasurements = db.prepare('SELECT SUM(measured) AS n FROM citizen_measurement').get() as { n: number };
    expect(fromMeasurements.n).toBe(fromWindows.n);
    expect(fromWindows.n).toBeGreaterThan(100);
  });
});

describe('the grid’s page and its count apart', () => {
  const cases = [
    {},
    { withinReach: true },
    { municipalityCode: 101 },
    { municipalityCode: 825, withinReach: true },
    { filters: [{ column: 'daysLeft' as const, operator: 'lessThanOrEqual' as const, value: 30 }] },
    { filters: [{ column: 'groupId' as const, operator: 'equals' as const, value: 'Sygedagpenge' }] },
  ];

  it('gives the same rows without the count, and a count equal to the rows the filters match', async () => {
    for (const filters of cases) {
      const withCount = await callApi(made.session, 'citizens.query', { asOf, limit: 1000, ...filters });
      const alone = await callApi(made.session, 'citizens.query', { asOf, limit: 1000, count: false, ...filters });
      const counted = await callApi(made.session, 'citizens.count', { asOf, ...filters });
      expect(alone.total, JSON.stringify(filters)).toBeNull();
      expect(alone.rows).toEqual(withCount.rows);
      expect(counted.total, JSON.stringify(filters)).toBe(withCount.rows.length);
      expect(withCount.total).toBe(withCount.rows.length);
      expect(counted.asOf).toBe(asOf);
    }
  });

  it('counts afresh after the citizen data change (never a stale number)', async () => {
    const before = (await callApi(made.session, 'citizens.count', { asOf, municipalityCode: 147 })).total;
    seedCitizens(made.session.db, [{ citizenId: '010203-4455', municipalityCode: 147, groupId: 'dagpenge', startDate: '2024-04-02' }], []);
    expect((await callApi(made.session, 'citizens.count', { asOf, municipalityCode: 147 })).total).toBe(before + 1);
    await callApi(made.session, 'citizens.deleteAll', { confirm: true });
    expect((await callApi(made.session, 'citizens.count', { asOf, municipalityCode: 147 })).total).toBe(0);
  });
});
