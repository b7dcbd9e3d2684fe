import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import type { CitizenRow } from '../../src/shared/api/citizens';
import { runCli } from '../../src/cli/main';
import { allCitizens } from '../../src/main/services/citizens/query';
import { callApi } from '../helpers/api';
import { addMonths, fakeCpr, seedCitizens, shiftDays, type EventSeed, type SpellSeed } from '../helpers/citizen-fixtures';
import { tempSession } from '../helpers/temp-store';
import { describeMonth } from '../../src/shared/period-words';

/*
 * cit-desk (issue 10): the citizen grid's query, one citizen's timeline and the export, on a real
 * SQLite file seeded with spells, events and their windows. Expected values are computed here
 * from the seeded rows (not from the service), or worked out by hand in the comments.
 */

const asOf = '2024-05-15';
const municipalities = [101, 147, 825];
const groups = ['dagpenge', 'kontanthjaelp', 'sygedagpenge'];

const spells: SpellSeed[] = [];
const events: EventSeed[] = [];
for (let index = 0; index < 60; index += 1) {
  const citizenId = index % 10 === 9 ? `SAG${1000 + index}` : fakeCpr(index);
  const startDate = shiftDays('2023-09-01', index * 5);
  spells.push({ citizenId, municipalityCode: municipalities[index % 3], groupId: groups[index % 3], startDate, endDate: index % 13 === 5 ? shiftDays(startDate, 40) : null });
  // 0–4 interviews and maybe an offer, spread over the first months.
  for (let n = 0; n < index % 5; n += 1) events.push({ citizenId, date: shiftDays(startDate, 10 + n * 30), kind: 'interview', heldBy: index % 4 === 0 && n === 0 ? 'a-kasse' : 'jobcenter' });
  if (index % 3 !== 1) events.push({ citizenId, date: shiftDays(startDate, 50), kind: 'offer', offerType: 'Virksomhedspraktik' });
}
// One citizen worked out by hand (the timeline test): a 2024 dagpenge spell starting 10 January 2024
// in Læsø; six months end 10 July 2024, so the window is [2024-01-10, 2024-07-10), deadline 2024-07-09.
const handCitizen = '150585-4321';
spells.push({ citizenId: handCitizen, municipalityCode: 825, groupId: 'dagpenge', startDate: '2024-01-10', spellRef: 'F1' });
events.push(
  { citizenId: handCitizen, date: '2024-02-01', kind: 'interview', heldBy: 'jobcenter' }, // counted (1)
  { citizenId: handCitizen, date: '2024-02-01', kind: 'interview', heldBy: 'jobcenter' }, // the same again: not counted
  { citizenId: handCitizen, date: '2024-02-15', kind: 'interview', heldBy: 'a-kasse' }, // a-kasse, 2024 dagpenge: shown, not counted
  { citizenId: handCitizen, date: '2024-03-01', kind: 'offer', offerType: 'Løntilskud' }, // counted
  { citizenId: handCitizen, date: '2024-07-09', kind: 'interview', heldBy: 'jobcenter' }, // last day inside: counted (2)
  { citizenId: handCitizen, date: '2024-07-10', kind: 'interview', heldBy: 'jobcenter' }, // first day outside: not counted
  { citizenId: handCitizen, date: '2023-12-01', kind: 'interview', heldBy: 'jobcenter' }, // before the spell: not counted
);
// Text that must stay text in Excel, and never run as SQL.
const trickyId = '=HYPERLINK("http://x","klik")';
spells.push({ citizenId: trickyId, municipalityCode: 147, groupId: 'kontanthjaelp', startDate: '2024-03-01' });

let made: ReturnType<typeof tempSession>;
let all: CitizenRow[];
beforeAll(async () => {
  made = tempSession();
  seedCitizens(made.session.db, spells, events);
  all = (await callApi(made.session, 'citizens.query', { asOf, limit: 1000 })).rows;
});
afterAll(() => made.cleanup());

const query = (args: Parameters<typeof callApi<'citizens.query'>>[2]) => callApi(made.session, 'citizens.query', { asOf, limit: 1000, ...args });
const dayCount = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

describe('citizens.query', () => {
  it('returns every spell, ordered by days left (then spell id), days counted from asOf to the deadline', async () => {
    expect(all).toHaveLength(spells.length);
    for (const row of all) {
      expect(row.daysLeft).toBe(dayCount(asOf, row.deadline));
      // The last day inside [start, start + 6 months): the day before the same day six months on, or, when that
      // month has no such day (31 October → "31 April"), the month's last day (30 April), as RULES.md's golden tests hold.
      const sixMonths = addMonths(row.startDate, 6);
      expect(row.deadline).toBe(sixMonths.slice(8) === row.startDate.slice(8) ? shiftDays(sixMonths, -1) : sixMonths);
    }
    const keys = all.map((row) => [row.daysLeft, row.spellId]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const hand = all.find((row) => row.startDate === '2024-01-10' && row.municipalityCode === 825)!;
    expect(hand).toMatchObject({ deadline: '2024-07-09', windowEnd: '2024-07-10', daysLeft: 55, municipalityName: 'Læsø', groupLabel: 'A-dagpenge', interviewsCounted: 2, interviewsNotCounted: 1, offers: 1, requiredInterviews: 3, interviewsMissing: 1, offerMissing: false });
  });

  it('pages without gaps or overlaps, and counts the total for the infinite row model', async () => {
    const sort = [{ column: 'interviewsCounted' as const, direction: 'desc' as const }];
    const whole = (await query({ sort })).rows.map((row) => row.spellId);
    const pages: number[] = [];
    for (let offset = 0; offset < whole.length; offset += 7) {
      const page = await query({ sort, offset, limit: 7 });
      expect(page.total).toBe(spells.length);
      pages.push(...page.rows.map((row) => row.spellId));
    }
    expect(pages).toEqual(whole);
    const counts = (await query({ sort })).rows.map((row) => row.interviewsCounted);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('filters by municipality, benefit group and cohort month, each in SQL', async () => {
    const page = await query({ municipalityCode: 147, groupId: 'kontanthjaelp' });
    const expected = all.filter((row) => row.municipalityCode === 147 && row.groupId === 'kontanthjaelp');
    expect(expected.length).toBeGreaterThan(3);
    expect(page.total).toBe(expected.length);
    expect(page.rows.map((row) => row.spellId).sort()).toEqual(expected.map((row) => row.spellId).sort());
    const cohort = await query({ cohortMonth: '2024-05' });
    expect(cohort.rows.length).toBeGreaterThan(0);
    expect(cohort.rows.map((row) => row.spellId).sort()).toEqual(all.filter((row) => row.cohortMonth === '2024-05').map((row) => row.spellId).sort());
  });

  it('"still within reach": six months not over at asOf, spell not ended, an interview or the offer missing', async () => {
    const page = await query({ withinReach: true });
    const expected = all.filter((row) => row.deadline >= asOf && (row.endDate === null || row.endDate >= asOf) && (row.interviewsMissing > 0 || row.offerMissing));
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(all.length);
    expect(page.rows.map((row) => row.spellId)).toEqual(expected.map((row) => row.spellId));
    expect(page.rows.every((row) => row.daysLeft >= 0)).toBe(true);
    // The deadline is the last day: on it the citizen is still within reach, the day after not.
    const hand = all.find((row) => row.startDate === '2024-01-10' && row.municipalityCode === 825)!;
    expect((await query({ withinReach: true, asOf: '2024-07-09' })).rows.map((row) => row.spellId)).toContain(hand.spellId);
    expect((await query({ withinReach: true, asOf: '2024-07-10' })).rows.map((row) => row.spellId)).not.toContain(hand.spellId);
  });

  it('translates the grid’s column filters: days left, counts, yes/no, text', async () => {
    const soon = await query({ filters: [{ column: 'daysLeft', operator: 'lessThanOrEqual', value: 30 }, { column: 'daysLeft', operator: 'greaterThanOrEqual', value: 0 }] });
    expect(soon.rows.map((row) => row.spellId).sort()).toEqual(all.filter((row) => row.daysLeft <= 30 && row.daysLeft >= 0).map((row) => row.spellId).sort());
    expect(soon.rows.length).toBeGreaterThan(0);
    const noOffer = await query({ filters: [{ column: 'offerMissing', operator: 'equals', value: true }] });
    expect(noOffer.total).toBe(all.filter((row) => row.offerMissing).length);
    const twoOrMore = await query({ filters: [{ column: 'interviewsCounted', operator: 'greaterThan', value: 1 }] });
    expect(twoOrMore.total).toBe(all.filter((row) => row.interviewsCounted > 1).length);
    const byName = await query({ filters: [{ column: 'municipalityCode', operator: 'contains', value: 'læs' }] });
    expect(byName.total).toBe(all.filter((row) => row.municipalityCode === 825).length);
    const byLabel = await query({ filters: [{ column: 'groupId', operator: 'equals', value: 'Sygedagpenge' }] });
    expect(byLabel.total).toBe(all.filter((row) => row.groupId === 'sygedagpenge').length);
    const notById = await query({ filters: [{ column: 'groupId', operator: 'notEqual', value: 'dagpenge' }] });
    expect(notById.total).toBe(all.filter((row) => row.groupId !== 'dagpenge').length);
    const started = await query({ filters: [{ column: 'startDate', operator: 'startsWith', value: '2024-01' }] });
    expect(started.total).toBe(all.filter((row) => row.startDate.startsWith('2024-01')).length);
  });

  it('refuses a value of the wrong type in Danish instead of guessing', async () => {
    const envelope = await dispatch(made.session, 'citizens.query', { filters: [{ column: 'offers', operator: 'greaterThan', value: 'mange' }] });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.message).toMatch(/skal være et helt tal/);
  });

  it('masks every CPR-like id, shows other ids as they are, and never matches a filter on the hidden digits', async () => {
    const text = JSON.stringify(all);
    for (const spell of spells) if (/^\d{6}-\d{4}$/.test(spell.citizenId)) expect(text).not.toContain(spell.citizenId);
    for (const row of all) expect(row.citizenId).toMatch(/^(\d{6}-\*{4}|SAG\d+|=HYPERLINK.*)$/);
    expect((await query({ filters: [{ column: 'citizenId', operator: 'contains', value: '4321' }] })).total).toBe(0);
    expect((await query({ filters: [{ column: 'citizenId', operator: 'equals', value: handCitizen }] })).total).toBe(0);
    expect((await query({ filters: [{ column: 'citizenId', operator: 'equals', value: '150585-****' }] })).total).toBe(1);
    expect((await query({ filters: [{ column: 'citizenId', operator: 'startsWith', value: 'SAG' }] })).total).toBe(6);
  });

  it('treats injection strings in filter values as plain values: no rows, no error, the table intact', async () => {
    for (const value of ["' OR 1=1 --", "'; DROP TABLE citizen_window; --", '%', '_', '\\', '") OR ("1"="1']) {
      for (const column of ['citizenId', 'municipalityCode', 'groupId', 'cohortMonth'] as const) {
        const page = await query({ filters: [{ column, operator: 'contains', value }] });
        expect(page.total, `${column} contains ${value}`).toBe(0);
        const equal = await query({ filters: [{ column, operator: 'equals', value }] });
        expect(equal.total).toBe(0);
      }
    }
    expect((await query({})).total).toBe(spells.length);
  });
});

describe('citizens.timeline', () => {
  it('shows every event of the citizen, what counted (worked out by hand above), masked unless revealed', async () => {
    const hand = all.find((row) => row.startDate === '2024-01-10' && row.municipalityCode === 825)!;
    const masked = await callApi(made.session, 'citizens.timeline', { spellId: hand.spellId, asOf });
    expect(masked.citizenId).toBe('150585-****');
    expect(masked.revealed).toBe(false);
    expect(JSON.stringify(masked)).not.toContain(handCitizen);
    expect(masked.spells.map((spell) => spell.spellId)).toEqual([hand.spellId]);
    expect(masked.events.map((event) => [event.date, event.kind, event.heldBy, event.counted, event.spellId])).toEqual([
      ['2023-12-01', 'interview', 'jobcenter', false, null],
      ['2024-02-01', 'interview', 'jobcenter', true, hand.spellId],
      ['2024-02-01', 'interview', 'jobcenter', false, hand.spellId],
      ['2024-02-15', 'interview', 'a-kasse', false, hand.spellId],
      ['2024-03-01', 'offer', null, true, hand.spellId],
      ['2024-07-09', 'interview', 'jobcenter', true, hand.spellId],
      ['2024-07-10', 'interview', 'jobcenter', false, null],
    ]);
    // The counted events agree with the window row.
    expect(masked.events.filter((event) => event.counted && event.kind === 'interview')).toHaveLength(hand.interviewsCounted);
    const revealed = await callApi(made.session, 'citizens.timeline', { spellId: hand.spellId, reveal: true, asOf });
    expect(revealed.citizenId).toBe(handCitizen);
    expect(revealed.revealed).toBe(true);
    expect(revealed.spells[0].citizenId).toBe(handCitizen);
  });

  it('answers an unknown spell with an empty timeline (the screen says the citizen is gone)', async () => {
    const gone = await callApi(made.session, 'citizens.timeline', { spellId: 987654 });
    expect(gone).toEqual({ citizenId: '', revealed: false, spells: [], events: [] });
  });
});

async function readBack(base64: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

describe('export.citizens', () => {
  it('writes the list with Danish headers, whole numbers, widths, masked ids, formula-safe text and the provenance sheet', async () => {
    const result = await callApi(made.session, 'export.citizens', { municipalityCode: 147, withinReach: true, asOf });
    const expected = (await query({ municipalityCode: 147, withinReach: true })).rows;
    expect(result.rows).toBe(expected.length);
    expect(result.fileName).toMatch(/^Borgere at kontakte Frederiksberg \d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = await readBack(result.contentBase64!);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Borgere', 'Grundlag']);
    const sheet = workbook.getWorksheet('Borgere')!;
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(['CPR-nummer', 'Kommunekode', 'Kommune', 'Ydelsesgruppe', 'Forløbets start', 'Kohortemåned', 'Frist', 'Dage tilbage', 'Samtaler holdt', 'Samtaler krævet', 'A-kasse-samtaler (tæller ikke)', 'Tilbud givet', 'Tilbud krævet', 'Mangler']);
    expect(sheet.rowCount - 1).toBe(expected.length);
    expected.forEach((row, index) => {
      const cells = (sheet.getRow(index + 2).values as unknown[]).slice(1);
      expect(cells[0]).toBe(row.citizenId);
      expect(cells[2]).toBe('Frederiksberg');
      // Dates as real Excel dates (exceljs reads them back as UTC midnight), the cohort month in words.
      expect(cells[4]).toEqual(new Date(`${row.startDate}T00:00:00Z`));
      expect(cells[5]).toBe(row.cohortMonth ? describeMonth(row.cohortMonth) : undefined);
      expect(cells[6]).toEqual(new Date(`${row.deadline}T00:00:00Z`));
      expect(cells[7]).toBe(row.daysLeft);
      expect(cells[8]).toBe(row.interviewsCounted);
      const missing = [row.interviewsMissing > 0 ? `${row.interviewsMissing} ${row.interviewsMissing === 1 ? 'samtale' : 'samtaler'}` : '', row.offerMissing ? 'et tilbud' : ''].filter(Boolean).join(' og ');
      expect(cells[13]).toBe(missing);
    });
    expect(sheet.getRow(2).getCell(8).numFmt).toBe('#,##0');
    expect(sheet.getRow(2).getCell(7).numFmt).toBe('dd-mm-yyyy');
    for (let column = 1; column <= headers.length; column += 1) expect(sheet.getColumn(column).width, headers[column - 1]).toBeGreaterThanOrEqual(10);
    // The formula-looking id is plain text in the file, never a formula.
    const tricky = expected.findIndex((row) => row.citizenId === trickyId);
    expect(tricky).toBeGreaterThanOrEqual(0);
    expect(sheet.getRow(tricky + 2).getCell(1).value).toBe(trickyId);
    expect(sheet.getRow(tricky + 2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    for (const spell of spells) if (/^\d{6}-\d{4}$/.test(spell.citizenId)) expect(JSON.stringify(sheet.getSheetValues())).not.toContain(spell.citizenId);
    const provenance = workbook.getWorksheet('Grundlag')!;
    const lines = provenance.getSheetValues().map((row) => (row as unknown[] | undefined)?.slice(1).join(' | ') ?? '');
    expect(lines.join('\n')).toContain('CPR-numre | Maskerede (ddmmåå-****)');
    expect(lines.join('\n')).toContain('Kommune: Frederiksberg (147)');
    expect(lines.join('\n')).toContain('Kun borgere der stadig kan nås');
    expect(lines.join('\n')).toContain('forloeb.csv');
  });

  it('holds full ids only when asked, and then says so on the provenance sheet', async () => {
    const result = await callApi(made.session, 'export.citizens', { municipalityCode: 825, asOf, includeFullIds: true });
    expect(result.fileName).toContain('MED FULDE CPR-NUMRE');
    const workbook = await readBack(result.contentBase64!);
    const ids = workbook.getWorksheet('Borgere')!.getColumn(1).values.slice(2);
    expect(ids).toContain(handCitizen);
    const lines = workbook.getWorksheet('Grundlag')!.getSheetValues().map((row) => (row as unknown[] | undefined)?.slice(1).join(' | ') ?? '');
    expect(lines.join('\n')).toMatch(/CPR-numre \| FULDE CPR-NUMRE: filen indeholder personnumre i fuld længde/);
  });
});

describe('the export’s size bound', () => {
  it('refuses in Danish, before writing anything, a list longer than one file may hold', () => {
    expect(() => allCitizens(made.session.db, { asOf }, { reveal: false, max: 10 })).toThrow(/højst 10 kan gemmes i én fil\. Vælg en kommune/);
    expect(allCitizens(made.session.db, { asOf, municipalityCode: 825, withinReach: true }, { reveal: false, max: 1000 }).rows.length).toBeGreaterThan(0);
  });
});

describe('the CLI', () => {
  it('lists a municipality’s citizens within reach as JSON, masked, and exports them to a file', async () => {
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: (text: string) => out.push(`ERR ${text}`) };
    made.session.db.pragma('wal_checkpoint(TRUNCATE)');
    const status = await runCli(['citizens', 'list', '--municipality', 'Læsø', '--within-reach', '--as-of', asOf, '--json', '--db', made.databasePath], io);
    expect(out.filter((line) => line.startsWith('ERR'))).toEqual([]);
    expect(status).toBe(0);
    const page = JSON.parse(out.join('\n'));
    const expected = all.filter((row) => row.municipalityCode === 825 && row.deadline >= asOf && (row.endDate === null || row.endDate >= asOf) && (row.interviewsMissing > 0 || row.offerMissing));
    expect(page.rows.map((row: CitizenRow) => row.spellId)).toEqual(expected.map((row) => row.spellId));
    expect(out.join('\n')).not.toContain(handCitizen);
    const file = path.join(made.dir, 'borgere.xlsx');
    out.length = 0;
    expect(await runCli(['citizens', 'export', '--municipality', '825', '--within-reach', '--as-of', asOf, '--out', file, '--db', made.databasePath], io)).toBe(0);
    expect(out.join('\n')).toContain(`${expected.length} forløb, CPR-numre maskerede`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Borgere')!.rowCount - 1).toBe(expected.length);
  });
});
