/**
 * Issue 12: files from other writers (openpyxl, XlsxWriter, pandas, Danish Excel-style CSV) in
 * the layouts people really have, imported into a real SQLite store and compared value by value
 * with the rows the generator says must be stored (test/fixtures/layouts/expected/*.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewFile } from '../../src/main/services/import/pipeline';
import { registerLocalFile } from '../../src/main/services/import/staging';
import { evaluateEarly2023 } from '../../src/main/services/engine/early-2023';
import { tempSession } from '../helpers/temp-store';
import { importPath, sharedExtractPath, storeFingerprint, writeDanishCsv } from '../helpers/import-files';

const fixtures = path.resolve(__dirname, '..', 'fixtures', 'layouts');
const fixture = (name: string) => path.join(fixtures, name);
type ExpectedRow = [number, string, string, number | null, number | null, number | null];
const expected = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(fixtures, 'expected', `${name}.json`), 'utf8')) as { rows: ExpectedRow[]; skipped: { reason: string; text: string }[] };

let made: ReturnType<typeof tempSession>;
beforeEach(() => {
  made = tempSession();
});
afterEach(() => made.cleanup());
const db = () => made.session.db;

function stored(): ExpectedRow[] {
  return (
    db()
      .prepare(
        'SELECT municipality_code AS c, group_id AS g, month AS m, measured, interviews_lacking AS l, interviews_lacking_share AS s FROM measurement_current ORDER BY c, g, m',
      )
      .all() as { c: number; g: string; m: string; measured: number | null; l: number | null; s: number | null }[]
  ).map((row) => [row.c, row.g, row.m, row.measured, row.l, row.s]);
}

function expectSameRows(actual: ExpectedRow[], wanted: ExpectedRow[]): void {
  const sort = (rows: ExpectedRow[]) => [...rows].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));
  const a = sort(actual);
  const w = sort(wanted);
  expect(a.map((row) => row.slice(0, 5))).toEqual(w.map((row) => row.slice(0, 5)));
  // Shares as fractions, to the precision the file wrote them.
  a.forEach((row, index) => {
    if (w[index][5] === null) expect(row[5]).toBeNull();
    else expect(row[5]).toBeCloseTo(w[index][5]!, 10);
  });
}

describe('every layout fixture imports with every value right', () => {
  it.each([
    ['wide-measure-column-xlsxwriter.xlsx', 'wide', 3],
    ['wide-dates-cover-sheet-xlsxwriter.xlsx', 'wide', 1],
    ['blocks-multiindex-pandas-xlsxwriter.xlsx', 'blocks', 0],
    ['long-danish-months-notes.csv', 'long', 13],
    ['long-fractions-pandas.csv', 'long', 0],
    ['us-dates-first-of-month.csv', 'long', 0],
    ['us-dates-month-end.csv', 'long', 0],
  ])('%s (%s layout)', async (name, layout, skipped) => {
    const base = name.replace(/\.(csv|xlsx)$/, '');
    const want = expected(base);
    const report = await importPath(db(), fixture(name));
    expect(report.rowsImported).toBe(want.rows.length);
    expect(report.rowsSkipped).toBe(0);
    expect(report.skippedRowsTotal).toBe(skipped);
    expectSameRows(stored(), want.rows);
    const batch = db().prepare('SELECT mapping_json AS m FROM import_batch WHERE id = ?').get(report.batchId) as { m: string };
    expect(JSON.parse(batch.m).layout).toBe(layout);
    // Total rows and notes are never stored as a municipality.
    for (const { reason, text } of want.skipped) expect(report.skippedRows.some((row) => row.reason === reason && row.text.startsWith(text))).toBe(true);
  });

  it('the wide file with a measure column: the preview shows the long rows it will store, and model A runs on the result', async () => {
    const preview = await previewFile(db(), registerLocalFile(fixture('wide-measure-column-xlsxwriter.xlsx')));
    expect(preview.layout).toBe('wide');
    expect(preview.longHeaders.slice(0, 3)).toEqual(['Kommune', 'Ydelsesgruppe', 'Periode']);
    // København, A-dagpenge, 2023-07: Antal borgere, Antal uden samtaler and the share merged into one long row.
    const first = expected('wide-measure-column-xlsxwriter').rows[0];
    const row = preview.longRows[0];
    expect(row.cells.slice(0, 3)).toEqual(['København', 'A-dagpenge', '2023-07']);
    expect(row.cells[preview.longHeaders.indexOf('Antal borgere')]).toBe(String(first[3]));
    expect(row.cells[preview.longHeaders.indexOf('Antal uden samtaler')]).toBe(String(first[4]));
    expect(preview.decisions.join('\n')).toMatch(/Kommune stod kun én gang pr\. blok/);
    expect(preview.skippedRows.map((skipped) => skipped.reason)).toEqual(['total', 'note', 'note']);
    await importPath(db(), fixture('wide-measure-column-xlsxwriter.xlsx'));
    const evaluation = evaluateEarly2023(db(), '2023H2');
    expect(evaluation.municipalities.length).toBeGreaterThan(0);
    expect(evaluation.municipalities.map((municipality) => municipality.code)).not.toContain(0);
  });
});

describe('known failures of issue 12, reproduced', () => {
  it('item 4: a measure header nobody recognises is shown, and the file does not replace rows that had the figure', async () => {
    await importPath(db(), fixture('long-danish-months-notes.csv'));
    const before = storeFingerprint(db());
    const preview = await previewFile(db(), registerLocalFile(fixture('unknown-measure-header.csv')));
    expect(preview.unmappedNumeric).toEqual([{ index: 4, header: 'Manko (samtaler)' }]);
    expect(preview.warnings.join('\n')).toContain('Kolonnen "Manko (samtaler)" (E) har tal, men læses ikke');
    await expect(importPath(db(), fixture('unknown-measure-header.csv'))).rejects.toThrow(
      /Filen ville erstatte 30 rækker, der har tal, med rækker uden de tal \(antal uden samtaler, andel uden samtaler\), så intet blev indlæst\./,
    );
    expect(storeFingerprint(db())).toBe(before);
    // Asked for explicitly, it replaces them.
    const report = await importPath(db(), fixture('unknown-measure-header.csv'), { replaceWithoutFigures: true });
    expect(report.rowsReplaced).toBe(30);
    // Or the column is named, and the figures are the file's.
    const named = await importPath(db(), writeDanishCsv(path.join(made.dir, 'named.csv'), [['København', 'A-dagpenge', '2023M07', 40, 4]], ['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere', 'Manko (samtaler)']), {
      mapping: { municipality: 0, group: 1, period: 2, measured: 3, interviewsLacking: 4 },
    });
    expect(named.rowsImported).toBe(1);
    expect(db().prepare("SELECT interviews_lacking AS l FROM measurement_current WHERE municipality_code = 101 AND group_id = 'dagpenge' AND month = '2023-07'").get()).toEqual({ l: 4 });
  });

  it("item 4: STAR's own wording and snake_case headers are recognised", async () => {
    const preview = await previewFile(db(), registerLocalFile(fixture('long-danish-months-notes.csv')));
    expect(preview.mapping).toEqual({ municipality: 0, group: 1, period: 2, measured: 3, interviewsLacking: 4, interviewsLackingShare: 5 });
    const pandas = await previewFile(db(), registerLocalFile(fixture('long-fractions-pandas.csv')));
    expect(pandas.mapping).toEqual({ municipality: 0, group: 1, period: 2, measured: 3, interviewsLacking: 4, interviewsLackingShare: 5 });
  });

  it('item 5: pandas fractions are fractions, and "0.422" is never 422', async () => {
    const preview = await previewFile(db(), registerLocalFile(fixture('long-fractions-pandas.csv')));
    expect(preview.shareScales).toMatchObject([{ field: 'interviewsLackingShare', scale: 'fraction', chosen: false }]);
    const file = path.join(made.dir, 'text-shares.csv');
    fs.writeFileSync(file, 'kommune,ydelsesgruppe,maaned,antal_borgere,antal_uden_samtaler,andel_uden_samtaler\n101,A-dagpenge,2023-07,45,19,"0.422"\n147,A-dagpenge,2023-07,10,1,"0.1"\n');
    await importPath(db(), file);
    expect(db().prepare('SELECT municipality_code AS c, interviews_lacking_share AS s FROM measurement ORDER BY c').all()).toEqual([
      { c: 101, s: 0.422 },
      { c: 147, s: 0.1 },
    ]);
  });

  it('item 5: the user can override the scale, and a per-cent column of small values with "(pct.)" says it is unsure', async () => {
    const file = writeDanishCsv(path.join(made.dir, 'small.csv'), [['101', 'A-dagpenge', '2023M07', 200, 1, '0,5', '', '']]);
    const preview = await previewFile(db(), registerLocalFile(file));
    expect(preview.shareScales[0]).toMatchObject({ scale: 'fraction', uncertain: true });
    expect(preview.warnings.join('\n')).toContain('Overskriften siger pct.; kontrollér');
    await importPath(db(), file, { shareScales: { interviewsLackingShare: 'percent' } });
    expect(db().prepare('SELECT interviews_lacking_share AS s FROM measurement').get()).toEqual({ s: 0.005 });
  });

  it('item 7: US month-first dates land in the right month; undecidable dates are refused naming the column, and the choice imports them', async () => {
    await importPath(db(), fixture('us-dates-first-of-month.csv'));
    expect(db().prepare('SELECT DISTINCT month FROM measurement').all()).toEqual([{ month: '2023-07' }]);
    const preview = await previewFile(db(), registerLocalFile(fixture('us-dates-undecidable.csv')));
    expect(preview.dateOrder).toMatchObject({ order: null, chosen: false });
    await expect(importPath(db(), fixture('us-dates-undecidable.csv'))).rejects.toThrow(/datoerne i "Periode" \(fx "04\/03\/2023"\).*Vælg datoernes rækkefølge i forhåndsvisningen/);
    const report = await importPath(db(), fixture('us-dates-undecidable.csv'), { dateOrder: 'month-first' });
    expect(report.decisions.join('\n')).toContain('måned først');
    expect(db().prepare("SELECT COUNT(*) AS n FROM measurement WHERE batch_id = ? AND month IN ('2023-04', '2023-05', '2023-06')").get(report.batchId)).toEqual({ n: 90 });
  });

  it('a wide sheet that does not say which figure it holds: the preview asks, the import refuses until told', async () => {
    const file = path.join(made.dir, 'bred.csv');
    fs.writeFileSync(file, 'Kommune;Ydelsesgruppe;jul-23;aug-23\r\nKøbenhavn;A-dagpenge;4;5\r\n');
    const preview = await previewFile(db(), registerLocalFile(file));
    expect(preview).toMatchObject({ layout: 'wide', measureChoice: { field: null } });
    expect(preview.warnings.join('\n')).toContain('Vælg, hvilket tal cellerne er.');
    await expect(importPath(db(), file)).rejects.toThrow(/hvilket tal cellerne er\. Vælg det i forhåndsvisningen\./);
    await importPath(db(), file, { wideMeasure: 'interviewsLacking' });
    expect(db().prepare('SELECT month, interviews_lacking AS l FROM measurement ORDER BY month').all()).toEqual([
      { month: '2023-07', l: 4 },
      { month: '2023-08', l: 5 },
    ]);
  });

  it('item 9: the Y30R21 extract imported as focus targets is refused, naming the kind', async () => {
    const before = storeFingerprint(db());
    await expect(importPath(db(), sharedExtractPath(), { kind: 'focus' })).rejects.toThrow(/Filen indlæses som fokusmål \(12 måneders anciennitet\), men ingen kolonne har tal af den art/);
    expect(storeFingerprint(db())).toBe(before);
  });

  it('item 10: identical repeated errors are one line with a count, and more than 1,000 errors says how many more', async () => {
    const repeated = Array.from({ length: 3000 }, (_, index) => ['Atlantis', 'A-dagpenge', `${1950 + Math.floor(index / 12)}M${String((index % 12) + 1).padStart(2, '0')}`, 10, 1, '', '', '']);
    const error = await importPath(db(), writeDanishCsv(path.join(made.dir, 'atlantis.csv'), repeated)).catch((caught: Error & { details?: unknown }) => caught);
    const problems = (error as { details: { message: string; count?: number; rows?: number[] }[] }).details;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ message: 'Ukendt kommune: "Atlantis".', count: 3000 });
    expect(problems[0].rows!.slice(0, 3)).toEqual([2, 3, 4]);
    const distinct = Array.from({ length: 1500 }, (_, index) => [`Sted ${index}`, 'A-dagpenge', '2023M07', 10, 1, '', '', '']);
    const many = await importPath(db(), writeDanishCsv(path.join(made.dir, 'many.csv'), distinct)).catch((caught: Error) => caught);
    expect((many as Error).message).toContain('og 500 fejl mere');
  });

  it('names as people type them: ASCII forms, "X Kommune", codes with leading zeros; an unknown name gets the nearest candidates', async () => {
    const file = writeDanishCsv(path.join(made.dir, 'names.csv'), [
      ['Kobenhavn', 'A-dagpenge', '2023M07', 10, 1, '', '', ''],
      ['Hoeje-Taastrup', 'A-dagpenge', '2023M07', 10, 1, '', '', ''],
      ['Aeroe Kommune', 'A-dagpenge', '2023M07', 10, 1, '', '', ''],
      ['0825', 'A-dagpenge', '2023M07', 10, 1, '', '', ''],
    ]);
    await importPath(db(), file);
    expect((db().prepare('SELECT municipality_code AS c FROM measurement ORDER BY c').all() as { c: number }[]).map((row) => row.c)).toEqual([101, 169, 492, 825]);
    const wrong = writeDanishCsv(path.join(made.dir, 'wrong.csv'), [['Kobenhaven', 'A-dagpenge', '2023M08', 10, 1, '', '', '']]);
    const error = (await importPath(db(), wrong).catch((caught: Error) => caught)) as Error & { details: { message: string }[] };
    expect(error.details[0].message).toBe('Ukendt kommune: "Kobenhaven". Mente du København?');
  });
});
