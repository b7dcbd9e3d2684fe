import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenRow } from '../../src/shared/api/citizens';
import { callApi } from '../helpers/api';
import { fakeCpr, seedCitizens, shiftDays, type SpellSeed } from '../helpers/citizen-fixtures';
import { tempSession } from '../helpers/temp-store';

/*
 * derive-speed (issue 10): the start-date index is gone; the grid sorts by start date as
 * "window end, then start date" (the window's end never decreases as the start date grows) and adds
 * to a start-date filter the bound on window end it implies. The rows must be exactly those of a
 * plain sort and filter on the start date, done here in JavaScript on every row. The starts are
 * chosen where window ends tie: 29, 30 and 31 August and 1 September 2023 all have their six months
 * end on 1 March 2024 (February 2024 has 29 days: 29 August → 29 February is inside, so its window
 * ends 29 February; 30 and 31 August and 1 September → 1 March), and 28 August → 28 February.
 */

const asOf = '2024-02-20';
const spells: SpellSeed[] = [];
const ties = ['2023-08-28', '2023-08-29', '2023-08-30', '2023-08-31', '2023-09-01', '2023-09-02'];
for (let index = 0; index < 150; index += 1) {
  // Spell ids run against the start dates (the later start is inserted first), so a sort by id alone would show.
  const startDate = index < 60 ? ties[(59 - index) % ties.length] : shiftDays('2023-06-01', (149 - index) * 3);
  spells.push({ citizenId: fakeCpr(index), municipalityCode: [101, 147][index % 2], groupId: ['dagpenge', 'sygedagpenge'][index % 2], startDate });
}

let made: ReturnType<typeof tempSession>;
let all: CitizenRow[];
beforeAll(async () => {
  made = tempSession();
  seedCitizens(made.session.db, spells, []);
  all = (await callApi(made.session, 'citizens.query', { asOf, limit: 1000 })).rows;
});
afterAll(() => made.cleanup());

const ids = (rows: CitizenRow[]) => rows.map((row) => row.spellId);
const byStart = (direction: 1 | -1) => (a: CitizenRow, b: CitizenRow) => direction * (a.startDate.localeCompare(b.startDate) || a.spellId - b.spellId);

describe('the grid by start date without its own index', () => {
  it('the data has window ends shared by several start dates (so the order inside a tie is tested)', () => {
    expect(all.length).toBe(spells.length);
    const march = all.filter((row) => row.deadline === '2024-02-29');
    expect(new Set(march.map((row) => row.startDate))).toEqual(new Set(['2023-08-30', '2023-08-31', '2023-09-01']));
    expect(all.find((row) => row.startDate === '2023-08-29')?.deadline).toBe('2024-02-28');
  });

  it('sorts by start date, then spell id, in both directions and across pages, as a plain sort does', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const expected = ids([...all].sort(byStart(direction === 'asc' ? 1 : -1)));
      const pages: CitizenRow[] = [];
      for (let offset = 0; offset < all.length; offset += 40) {
        pages.push(...(await callApi(made.session, 'citizens.query', { asOf, limit: 40, offset, count: false, sort: [{ column: 'startDate', direction }] })).rows);
      }
      expect(ids(pages), direction).toEqual(expected);
    }
  });

  it('as a second sort column, orders by the start date itself (inside the first column’s ties)', async () => {
    const rows = (await callApi(made.session, 'citizens.query', { asOf, limit: 1000, sort: [{ column: 'deadline', direction: 'asc' }, { column: 'startDate', direction: 'desc' }] })).rows;
    const expected = [...all].sort((a, b) => a.deadline.localeCompare(b.deadline) || b.startDate.localeCompare(a.startDate) || a.spellId - b.spellId);
    expect(ids(rows)).toEqual(ids(expected));
  });

  it('filters on the start date with each comparison exactly as a plain filter does', async () => {
    const checks = { equals: (a: string, b: string) => a === b, lessThan: (a: string, b: string) => a < b, lessThanOrEqual: (a: string, b: string) => a <= b, greaterThan: (a: string, b: string) => a > b, greaterThanOrEqual: (a: string, b: string) => a >= b, notEqual: (a: string, b: string) => a !== b };
    for (const value of ['2023-08-29', '2023-08-31', '2023-09-01', '2023-08-15']) {
      for (const [operator, keep] of Object.entries(checks)) {
        const result = await callApi(made.session, 'citizens.query', { asOf, limit: 1000, sort: [{ column: 'startDate', direction: 'asc' }], filters: [{ column: 'startDate', operator: operator as keyof typeof checks, value }] });
        const expected = ids(all.filter((row) => keep(row.startDate, value)).sort(byStart(1)));
        expect(ids(result.rows), `${operator} ${value}`).toEqual(expected);
        expect(result.total, `${operator} ${value}`).toBe(expected.length);
      }
    }
  });
});
