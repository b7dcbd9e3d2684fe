/** Issue 12: each layout module, the non-data rows, the per-column decisions and the new synonyms, on their own. */
import { describe, expect, it } from 'vitest';
import { DecisionCollector } from '../../src/main/services/import/decisions';
import { matchHeader, mappingFromHeaders } from '../../src/main/services/import/fields';
import { blocksLayout } from '../../src/main/services/import/layouts/blocks';
import { layoutModules, planLayout, type LayoutContext, type LayoutPlan, type LongRow, type SkippedRow } from '../../src/main/services/import/layouts';
import { longLayout } from '../../src/main/services/import/layouts/long';
import { classifyRow } from '../../src/main/services/import/layouts/non-data';
import { periodColumns, wideLayout } from '../../src/main/services/import/layouts/wide';
import { parseNumber } from '../../src/main/services/import/numbers';
import { parsePeriod } from '../../src/main/services/import/periods';
import type { SourceRow } from '../../src/main/services/import/readers';

function context(headers: string[], rows: unknown[][], extra: Partial<LayoutContext> = {}): LayoutContext {
  return {
    kind: 'measurement',
    headerRow: 1,
    headers,
    mapping: mappingFromHeaders(headers),
    sampleRows: rows.map((cells, index) => ({ rowNumber: index + 2, cells })),
    sheet: 'Ark1',
    titleLines: [],
    ...extra,
  };
}

function run(plan: LayoutPlan, rows: SourceRow[]): { out: LongRow[]; skipped: SkippedRow[]; notes: string[] } {
  const transformer = plan.createTransformer();
  const out: LongRow[] = [];
  const skipped: SkippedRow[] = [];
  for (const row of rows) transformer.push(row, out, skipped);
  transformer.finish(out);
  return { out, skipped, notes: transformer.notes() };
}

const asPlan = (plan: ReturnType<typeof planLayout>): LayoutPlan => {
  if ('problem' in plan) throw new Error(plan.problem);
  return plan;
};

describe('the layout table', () => {
  it('lists long, blocks and wide, and detection picks the one that fits', () => {
    // spell-events: citizens (issue 10), one row per spell with event dates in columns
    expect(layoutModules.map((module) => module.id)).toEqual(['long', 'blocks', 'wide', 'spell-events']);
    const long = context(['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere'], [['101', 'A-dagpenge', '2023M07', 5]]);
    expect(asPlan(planLayout(long)).id).toBe('long');
    const wide = context(['Kommune', 'Ydelsesgruppe', '2023M07', '2023M08'], [['101', 'A-dagpenge', 5, 6]], { sheet: 'Antal borgere' });
    expect(asPlan(planLayout(wide)).id).toBe('wide');
    const blocks = context(['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere'], [
      ['101', 'A-dagpenge', '2023M07', 5],
      [null, null, '2023M08', 6],
    ]);
    expect(asPlan(planLayout(blocks)).id).toBe('blocks');
    // The user's choice wins over detection.
    expect(asPlan(planLayout(blocks, 'long')).id).toBe('long');
  });
});

describe('long', () => {
  it('passes data rows through and leaves out notes and totals, saying which', () => {
    const ctx = context(['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere'], []);
    const rows: SourceRow[] = [
      { rowNumber: 2, cells: ['101', 'A-dagpenge', '2023M07', 5] },
      { rowNumber: 3, cells: ['Hele landet', 'A-dagpenge', '2023M07', 500] },
      { rowNumber: 4, cells: ['101', 'Ydelsesgrupper i alt', '2023M07', 50] },
      { rowNumber: 5, cells: ['Kilde: Jobindsats.dk', null, null, null] },
      { rowNumber: 6, cells: ['Anm.: Tal under 5 er diskretioneret', null, null, null] },
    ];
    const { out, skipped } = run(longLayout.plan(ctx) as LayoutPlan, rows);
    expect(out.map((row) => row.rowNumber)).toEqual([2]);
    expect(skipped.map((row) => [row.row, row.reason])).toEqual([
      [3, 'total'],
      [4, 'total'],
      [5, 'note'],
      [6, 'note'],
    ]);
  });

  it('keeps the benchmark\'s "Ydelsesgrupper i alt" (a figure of its own)', () => {
    expect(classifyRow(['101', 'Ydelsesgrupper i alt', '2021QMAT02', 5], 'benchmark', { municipality: 0, group: 1 })).toBeNull();
    expect(classifyRow(['101', 'Ydelsesgrupper i alt', '2023M07', 5], 'measurement', { municipality: 0, group: 1 })).toBe('total');
    expect(classifyRow(['Total', null, null, 5], 'measurement', { municipality: 0, group: 1 })).toBe('total');
    expect(classifyRow(['København', 'A-dagpenge', '2023M07', 5], 'measurement', { municipality: 0, group: 1 })).toBeNull();
  });
});

describe('blocks', () => {
  it('fills the label columns down, never a figure, and says how many', () => {
    const ctx = context(['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere', 'Antal uden samtaler'], [
      ['København', 'A-dagpenge', '2023M07', 10, 1],
      [null, null, '2023M08', 12, null],
    ]);
    expect(blocksLayout.detect(ctx)).toBeGreaterThan(0);
    const { out, notes } = run(blocksLayout.plan(ctx) as LayoutPlan, [
      { rowNumber: 2, cells: ['København', 'A-dagpenge', '2023M07', 10, 1] },
      { rowNumber: 3, cells: [null, null, '2023M08', 12, null] },
      { rowNumber: 4, cells: [null, 'Kontanthjælp', '2023M07', 7, 2] },
    ]);
    expect(out.map((row) => row.cells)).toEqual([
      ['København', 'A-dagpenge', '2023M07', 10, 1],
      ['København', 'A-dagpenge', '2023M08', 12, null],
      ['København', 'Kontanthjælp', '2023M07', 7, 2],
    ]);
    expect(notes).toEqual([
      'Kommune stod kun én gang pr. blok og er fyldt ned i 2 rækker (kun etiketkolonner, aldrig tal).',
      'Ydelsesgruppe stod kun én gang pr. blok og er fyldt ned i 1 række (kun etiketkolonner, aldrig tal).',
    ]);
  });

  it('is not proposed when every row has its labels', () => {
    expect(blocksLayout.detect(context(['Kommune', 'Ydelsesgruppe', 'Måned'], [['101', 'A-dagpenge', '2023M07']]))).toBe(0);
  });
});

describe('wide', () => {
  it('finds month columns in every form: 2023M07, juli 2023, jul-23, okt. 2023, a date', () => {
    expect(periodColumns(['Kommune', '2023M07', 'juli 2023', 'jul-23', 'okt. 2023', '2023-11-01', 'Noget']).map((column) => column.period)).toEqual([
      '2023-07',
      '2023-07',
      '2023-07',
      '2023-10',
      '2023-11',
    ]);
  });

  it('unpivots a measure column into one long row per municipality, group and month', () => {
    const headers = ['Område', 'Ydelsesgruppe', 'Måling', '2023M07', '2023M08'];
    const ctx = context(headers, []);
    const plan = wideLayout.plan(ctx) as LayoutPlan;
    const { out, skipped, notes } = run(plan, [
      { rowNumber: 4, cells: ['København', 'A-dagpenge', 'Antal borgere', 40, 42] },
      { rowNumber: 5, cells: [null, 'A-dagpenge', 'Antal uden samtaler', 4, null] },
      { rowNumber: 6, cells: ['Hele landet', 'A-dagpenge', 'Antal borgere', 999, 999] },
      { rowNumber: 7, cells: ['Kilde: Jobindsats', null, null, null, null] },
    ]);
    const column = (name: string) => plan.longHeaders.indexOf(name);
    expect(out).toHaveLength(2);
    expect(out[0].cells.slice(0, 3)).toEqual(['København', 'A-dagpenge', '2023-07']);
    expect([out[0].cells[column('Antal borgere')], out[0].cells[column('Antal uden samtaler')]]).toEqual([40, 4]);
    expect([out[1].cells[column('Antal borgere')], out[1].cells[column('Antal uden samtaler')]]).toEqual([42, null]);
    // A problem in a long cell names the month's column in the file (D for 2023M07).
    expect(out[0].columns![column('Antal borgere')]).toBe(3);
    expect(skipped.map((row) => row.reason)).toEqual(['total', 'note']);
    expect(notes[0]).toMatch(/^Kommune stod kun én gang/);
  });

  it('takes the one measure of a sheet from its name or title, and refuses when nothing says which figure it is', () => {
    const headers = ['Kommune', 'Ydelsesgruppe', 'jul-23', 'aug-23'];
    const bySheet = wideLayout.plan(context(headers, [], { sheet: 'Antal uden samtaler' })) as LayoutPlan;
    expect(bySheet.decisions[1]).toBe('Alle tal i arket læses som Antal uden samtaler.');
    const byTitle = wideLayout.plan(context(headers, [], { sheet: 'Ark1', titleLines: ['Antal borgere'] })) as LayoutPlan;
    expect(byTitle.decisions[1]).toBe('Alle tal i arket læses som Antal borgere.');
    const none = wideLayout.plan(context(headers, [], { sheet: 'Ark1' })) as LayoutPlan;
    expect(none.measureChoice).toEqual({ fields: expect.arrayContaining(['measured', 'interviewsLacking']), field: null, problem: expect.stringContaining('Filen har 2 måneder som kolonner') });
    // Nothing is stored from such a sheet: every row is a problem until the user says which figure it is.
    expect(run(none, [{ rowNumber: 2, cells: ['101', 'A-dagpenge', 4, 5] }]).out[0].problem).toContain('hvilket tal cellerne er');
    const chosen = wideLayout.plan(context(headers, [], { sheet: 'Ark1', wideMeasure: 'measured' })) as LayoutPlan;
    expect(chosen.decisions[1]).toBe('Alle tal i arket læses som Antal borgere.');
  });

  it('gives an unknown measure label as a row problem, not a silent gap', () => {
    const plan = wideLayout.plan(context(['Område', 'Ydelsesgruppe', 'Måling', '2023M07', '2023M08'], [])) as LayoutPlan;
    const { out } = run(plan, [{ rowNumber: 4, cells: ['København', 'A-dagpenge', 'Sagsbehandlere', 4, 5] }]);
    expect(out).toEqual([{ rowNumber: 4, cells: [], problem: expect.stringContaining('Målingen "Sagsbehandlere"') }]);
  });
});

describe('decisions per column, from every value', () => {
  const mapping = { period: 0, interviewsLackingShare: 1 };
  const collect = (rows: unknown[][]) => {
    const collector = new DecisionCollector(mapping);
    for (const row of rows) collector.add(row);
    return collector;
  };

  it('share scale: any value above 1 means per cent; all within 0–1 means fractions', () => {
    expect(collect([[null, 0.1561], [null, 0.42]]).shareDecisions(['Periode', 'Andel'])[0]).toMatchObject({ scale: 'fraction', uncertain: false });
    expect(collect([[null, 0.5], [null, 15.61]]).shareDecisions(['Periode', 'Andel'])[0]).toMatchObject({ scale: 'percent' });
    expect(collect([[null, '0.422']]).shareDecisions(['Periode', 'Andel'])[0]).toMatchObject({ scale: 'fraction' });
    expect(collect([[null, '12,5 %']]).shareDecisions(['Periode', 'Andel'])[0]).toMatchObject({ scale: 'percent' });
    expect(collect([[null, 0.3]]).shareDecisions(['Periode', 'Andel (pct.)'])[0]).toMatchObject({ scale: 'fraction', uncertain: true });
    expect(collect([[null, 0.3]]).shareDecisions(['Periode', 'Andel'], { interviewsLackingShare: 'percent' })[0]).toMatchObject({ scale: 'percent', chosen: true });
    expect(collect([[null, 0.3]]).settled()).toBe(false);
    expect(collect([[null, 30]]).settled()).toBe(true);
  });

  it('date order: a part above 12 decides; a part that is always 1 is the day; otherwise undecided', () => {
    const order = (values: string[]) => collect(values.map((value) => [value, null])).dateOrderDecision(['Periode', 'Andel'])!.order;
    expect(order(['31-07-2023', '01-08-2023'])).toBe('day-first');
    expect(order(['07/31/2023', '08/01/2023'])).toBe('month-first');
    expect(order(['07/01/2023'])).toBe('month-first');
    expect(order(['01/07/2023', '01/08/2023'])).toBe('day-first');
    expect(order(['04/03/2023', '05/04/2023'])).toBeNull();
    expect(collect([['04/03/2023', null]]).dateOrderDecision(['Periode'], 'day-first')).toMatchObject({ order: 'day-first', chosen: true });
  });

  it('a period column without date text needs no decision', () => {
    expect(collect([['2023M07', null]]).dateOrderDecision(['Periode'])).toBeNull();
  });
});

describe('numbers, periods and headers (issue 12)', () => {
  it('a leading "0." never starts a thousands group', () => {
    expect(parseNumber('0.422')).toEqual({ ok: true, value: 0.422, percent: false });
    expect(parseNumber('1.234')).toEqual({ ok: true, value: 1234, percent: false });
    expect(parseNumber('0,422')).toEqual({ ok: true, value: 0.422, percent: false });
  });

  it('periods as Danish Excel writes a month in CSV, and US dates when told', () => {
    expect(parsePeriod('jul-23')?.value).toBe('2023-07');
    expect(parsePeriod('okt. 2023')?.value).toBe('2023-10');
    expect(parsePeriod('okt. 23')?.value).toBe('2023-10');
    expect(parsePeriod('juli 2023')?.value).toBe('2023-07');
    expect(parsePeriod('07/31/2023', 'month-first')?.value).toBe('2023-07');
    expect(parsePeriod('07/08/2023')?.value).toBe('2023-08');
    expect(parsePeriod('07/08/2023', 'month-first')?.value).toBe('2023-07');
  });

  it.each([
    ['Kom.nr.', 'municipality'],
    ['Kommunekode (DST)', 'municipality'],
    ['Forsørgelsesgruppe', 'group'],
    ['År og måned', 'period'],
    ['Opgørelsesmåned', 'period'],
    ['antal_uden_samtaler', 'interviewsLacking'],
    ['Andel som ikke har modtaget minimum fire jobsamtaler (pct.)', 'interviewsLackingShare'],
    ['Antal der ikke har fået minimum 4 samtaler', 'interviewsLacking'],
    ['Antal manglende samtaler', 'interviewsLacking'],
    ['Antal målte borgere', 'measured'],
    ['municipality_code', 'municipality'],
    ['share_without_interviews', 'interviewsLackingShare'],
    ['offers_lacking_count', 'offersLacking'],
  ])('"%s" is %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });
});
