import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenRow } from '../../src/shared/api/citizens';
import { callApi } from '../helpers/api';
import { fakeCpr, seedCitizens, shiftDays, type EventSeed, type SpellSeed } from '../helpers/citizen-fixtures';
import { tempSession } from '../helpers/temp-store';

/*
 * derive-speed (issue 10, migration 11): citizen_window has no index on the citizen, so each
 * derivation sorts one index less. The grid sorts by CPR-nummer through the spells' (citizen_id,
 * start_date) index, each window found by its id, and a citizen's timeline finds the windows the same
 * way. The rows and their order must be exactly those of a plain sort and filter done here in
 * JavaScript on every row (with the full ids read from the database, as the grid shows them masked);
 * the municipality sorts and filters are checked beside them.
 *
 * The data: 90 citizens; every third has a second spell (inserted after, starting earlier), every fifth a third; the spells are
 * inserted against the CPR order (the last citizen first), so an order by spell id alone would show;
 * two spells of one citizen start on the same day (the id then decides); one citizen's spell moves
 * municipality (two rows, one window, whose id is the first row's).
 */

const asOf = '2024-03-01';
const spells: SpellSeed[] = [];
const events: EventSeed[] = [];
for (let index = 89; index >= 0; index -= 1) {
  const citizenId = fakeCpr(index);
  const municipalityCode = [101, 147, 151][index % 3];
  const groupId = ['dagpenge', 'sygedagpenge', 'kontanthjaelp'][index % 3];
  const startDate = shiftDays('2023-07-01', (index * 7) % 120);
  spells.push({ citizenId, municipalityCode, groupId, startDate });
  if (index % 3 === 0) spells.push({ citizenId, municipalityCode: 147, groupId: 'dagpenge', startDate: shiftDays(startDate, index - 200) });
  if (index % 5 === 0) spells.push({ citizenId, municipalityCode, groupId: 'sygedagpenge', startDate });
  if (index % 4 === 0) events.push({ citizenId, date: shiftDays(startDate, 10), kind: 'interview', heldBy: 'jobcenter' });
}
// A spell that moves from Frederiksberg to København the day after it ends there.
spells.push({ citizenId: fakeCpr(500), municipalityCode: 147, groupId: 'dagpenge', startDate: '2023-09-01', endDate: '2023-10-31' });
spells.push({ citizenId: fakeCpr(500), municipalityCode: 101, groupId: 'dagpenge', startDate: '2023-11-01' });

let made: ReturnType<typeof tempSession>;
let all: (CitizenRow & { fullId: string })[];
beforeAll(async () => {
  made = tempSession();
  seedCitizens(made.session.db, spells, events);
  const fullIds = new Map(
    (made.session.db.prepare('SELECT spell_id AS spellId, citizen_id AS citizenId FROM citizen_window').all() as { spellId: number; citizenId: string }[]).map((row) => [row.spellId, row.citizenId]),
  );
  all = (await callApi(made.session, 'citizens.query', { asOf, limit: 1000 })).rows.map((row) => ({ ...row, fullId: fullIds.get(row.spellId)! }));
});
afterAll(() => made.cleanup());

const ids = (rows: CitizenRow[]) => rows.map((row) => row.spellId);
const pages = async (args: Omit<Parameters<typeof callApi<'citizens.query'>>[2], 'offset' | 'limit'>) => {
  const rows: CitizenRow[] = [];
  for (let offset = 0; offset < all.length; offset += 25) rows.push(...(await callApi(made.session, 'citizens.query', { asOf, ...args, limit: 25, offset, count: false })).rows);
  return rows;
};

describe('the grid without an index of its own on the citizen', () => {
  it('the data has citizens with several spells, a shared start day and a moved spell (one window)', () => {
    expect(all.length).toBe(spells.length - 1);
    const perCitizen = new Map<string, number>();
    for (const row of all) perCitizen.set(row.fullId, (perCitizen.get(row.fullId) ?? 0) + 1);
    expect(Math.max(...perCitizen.values())).toBe(3);
    expect(all.filter((row) => row.fullId === fakeCpr(500))).toHaveLength(1);
    expect(all.find((row) => row.fullId === fakeCpr(500))?.municipalityCode).toBe(101);
  });

  it('sorts by CPR-nummer (then start date, then id) in both directions and across pages, as a plain sort does', async () => {
    for (const direction of ['asc', 'desc'] as const) {
      const sign = direction === 'asc' ? 1 : -1;
      const expected = [...all].sort((a, b) => sign * (a.fullId.localeCompare(b.fullId) || a.startDate.localeCompare(b.startDate) || a.spellId - b.spellId));
      expect(ids(await pages({ sort: [{ column: 'citizenId', direction }] })), direction).toEqual(ids(expected));
    }
  });

  it('sorts by CPR-nummer and then a second column inside each citizen', async () => {
    const rows = await pages({ sort: [{ column: 'citizenId', direction: 'asc' }, { column: 'groupId', direction: 'desc' }] });
    const expected = [...all].sort((a, b) => a.fullId.localeCompare(b.fullId) || b.groupId.localeCompare(a.groupId) || a.startDate.localeCompare(b.startDate) || a.spellId - b.spellId);
    expect(ids(rows)).toEqual(ids(expected));
  });

  it('sorts by CPR-nummer inside a municipality filter, and by municipality, as plain sorts do', async () => {
    const inKøbenhavn = await pages({ municipalityCode: 101, sort: [{ column: 'citizenId', direction: 'desc' }] });
    const expected = all.filter((row) => row.municipalityCode === 101).sort((a, b) => -(a.fullId.localeCompare(b.fullId) || a.startDate.localeCompare(b.startDate) || a.spellId - b.spellId));
    expect(ids(inKøbenhavn)).toEqual(ids(expected));
    const byMunicipality = await pages({ sort: [{ column: 'municipalityCode', direction: 'asc' }] });
    expect(ids(byMunicipality)).toEqual(ids([...all].sort((a, b) => a.municipalityCode - b.municipalityCode || a.windowEnd.localeCompare(b.windowEnd) || a.spellId - b.spellId)));
  });

  it("finds a municipality's rows by days left, and those still within reach, as plain filters do", async () => {
    for (const code of [101, 147, 151]) {
      const rows = await pages({ municipalityCode: code });
      expect(ids(rows), String(code)).toEqual(ids(all.filter((row) => row.municipalityCode === code).sort((a, b) => a.windowEnd.localeCompare(b.windowEnd) || a.spellId - b.spellId)));
      const reach = await callApi(made.session, 'citizens.query', { asOf, municipalityCode: code, withinReach: true, limit: 1000 });
      const expectedReach = all.filter((row) => row.municipalityCode === code && row.windowEnd > asOf && (row.endDate === null || row.endDate >= asOf) && (row.interviewsMissing > 0 || row.offerMissing));
      expect(expectedReach.length, String(code)).toBeGreaterThan(0);
      expect(ids(reach.rows), String(code)).toEqual(ids(expectedReach.sort((a, b) => a.windowEnd.localeCompare(b.windowEnd) || a.spellId - b.spellId)));
      expect(reach.total).toBe(expectedReach.length);
    }
  });

  it("a citizen's timeline has every one of the citizen's windows, found through the spells' index", async () => {
    const citizen = fakeCpr(0);
    const own = all.filter((row) => row.fullId === citizen);
    expect(own.length).toBe(3);
    const timeline = await callApi(made.session, 'citizens.timeline', { spellId: own[0].spellId, asOf });
    expect(timeline.spells.map((spell) => spell.spellId).sort((a, b) => a - b)).toEqual(own.map((row) => row.spellId).sort((a, b) => a - b));
  });
});
