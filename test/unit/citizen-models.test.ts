import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import type { ModelListing } from '../../src/shared/api';
import { callApi } from '../helpers/api';
import { citizenModelMonths, writeCitizenModelFiles } from '../helpers/citizen-model-fixtures';
import { importPath } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

/**
 * citizen-models (issue 10): models B and D on the counts derived from a jobcenter's own spells and
 * events give exactly what they give on a Jobindsats-style file with the same counts (both imported
 * through the real importer into one store), through the one contract the screens, the CLI and the
 * exports use; the source is said in every result and file; and missing citizen data is refused
 * in Danish instead of shown as zeros. The construction is in test/helpers/citizen-model-fixtures.ts.
 */
let made: ReturnType<typeof tempSession>;
let publishedBatch = 0;
beforeAll(async () => {
  made = tempSession();
  const files = writeCitizenModelFiles(made.dir);
  expect((await importPath(made.session.db, files.spellsFile)).rowsImported).toBe(2 * 6 * 21);
  expect((await importPath(made.session.db, files.eventsFile)).rowsImported).toBeGreaterThan(0);
  const published = await importPath(made.session.db, files.publishedFile);
  expect(published.rowsImported).toBe(24);
  publishedBatch = published.batchId;
});
afterAll(() => made?.cleanup());

async function readXlsx(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}
/** Label → value rows of a provenance sheet. */
function labelled(sheet: ExcelJS.Worksheet): Map<string, string> {
  const rows = new Map<string, string>();
  sheet.eachRow((row) => rows.set(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')));
  return rows;
}
/** The file names listed under "Indlæste filer" (or the model list's file table). */
function listedFiles(sheet: ExcelJS.Worksheet, header: string): string[] {
  const names: string[] = [];
  let inFiles = false;
  sheet.eachRow((row) => {
    const first = String(row.getCell(1).value ?? '');
    if (first === header) inFiles = true;
    else if (inFiles && first) names.push(first);
  });
  return names.sort();
}
/** A listing without what names its source: the source line, the files, and model D's total's name (checked apart). */
const withoutSource = (listing: ModelListing) => {
  const { batches: _batches, dataSource: _source, summary, json, ...rest } = listing;
  const named = { ...rest, summary: summary.filter((line) => !line.startsWith('Beregnet af borgerdata')), json: { ...(json as object), dataSource: undefined } };
  return JSON.parse(JSON.stringify(named).replaceAll('I alt i borgerdata (2 kommuner)', 'Hele landet')) as unknown;
};

describe('models B and D on citizen data', () => {
  it('model B gives exactly the findings of the Jobindsats-style file, in every month, and the designed ones', async () => {
    const s = made.session;
    for (const month of citizenModelMonths.slice(2)) {
      const fromFile = await callApi(s, 'evaluate.early2021', { period: month });
      const fromCitizens = await callApi(s, 'evaluate.early2021', { period: month, source: 'citizens' });
      const { batches: _a, dataSource: sourceA, ...file } = fromFile;
      const { batches: _b, dataSource: sourceB, ...citizens } = fromCitizens;
      expect(citizens, month).toEqual(file);
      expect([sourceA, sourceB]).toEqual(['published', 'citizens']);
      expect(fromCitizens.batches.map((batch) => batch.fileName).sort()).toEqual(['forloeb-2023.csv', 'haendelser-2023.csv']);
      expect(fromFile.batches.map((batch) => batch.fileName)).toEqual(['jobindsats-2023H2.csv']);
    }
    // The design, read back: in September 101 fails offers (4/12 in July–September) and 147
    // interviews (5/12); in October 101's offers are 1/12, so only 147 is left.
    const september = await callApi(s, 'evaluate.early2021', { period: '2023-09', source: 'citizens' });
    expect(september.findings.map((finding) => [finding.code, finding.groupId, finding.criterion])).toEqual([
      [101, 'kontanthjaelp', 'offers'],
      [147, 'kontanthjaelp', 'interviews'],
    ]);
    expect(september.findings[0].months.map((figure) => [figure.month, figure.lacking, figure.measured])).toEqual([
      ['2023-07', 4, 12],
      ['2023-08', 4, 12],
      ['2023-09', 4, 12],
    ]);
    const october = await callApi(s, 'evaluate.early2021', { period: '2023-10', source: 'citizens' });
    expect(october.findings.map((finding) => finding.code)).toEqual([147]);
  });

  it('model D gives exactly the file\'s figures, and no zeros for groups without counts', async () => {
    const s = made.session;
    const args = { period: '2023-12', baseline: '2023-07' };
    const fromFile = await callApi(s, 'evaluate.status', args);
    const fromCitizens = await callApi(s, 'evaluate.status', { ...args, source: 'citizens' });
    const { batches: _a, dataSource: _s1, ...file } = fromFile;
    const { batches: _b, dataSource: _s2, ...citizens } = fromCitizens;
    // The same figures; only the total's name differs: the extract's municipalities are not the whole country.
    expect(fromFile.rows[0].label).toBe('Hele landet');
    expect(fromCitizens.rows[0].label).toBe('I alt i borgerdata (2 kommuner)');
    expect({ ...citizens, rows: citizens.rows.slice(1) }).toEqual({ ...file, rows: file.rows.slice(1) });
    expect({ ...fromCitizens.rows[0], label: '' }).toEqual({ ...fromFile.rows[0], label: '' });
    // Hele landet in December: 2 × (12 + 8) measured; lacking interviews 101: 3 + 1, 147: 5 + 1 → 1 − 10/40 = 75 %.
    expect(fromCitizens.rows[0]).toMatchObject({ groupId: null, measured: 40, share: 0.75 });
    expect(fromCitizens.coverage.period).toEqual({ month: '2023-12', municipalities: 2, of: 98 });
    expect(fromCitizens.partial).toBe(true);
    // A group neither source has counts for is "no figure", not 0 citizens.
    const dagpenge = fromCitizens.rows.find((row) => row.groupId === 'dagpenge')!;
    expect(dagpenge).toMatchObject({ measured: null, share: null, baselineShare: null, changePoints: null });
  });

  it('evaluate.model and the model list files: the same tables from either source, and the source said', async () => {
    const s = made.session;
    for (const args of [
      { model: 'early-2021', period: '2023-09' },
      { model: 'status', period: '2023-12', baseline: '2023-07' },
    ] as const) {
      const fromFile = await callApi(s, 'evaluate.model', args);
      const fromCitizens = await callApi(s, 'evaluate.model', { ...args, source: 'citizens' });
      expect(withoutSource(fromCitizens)).toEqual(withoutSource(fromFile));
      expect(fromCitizens.summary[0]).toBe("Beregnet af borgerdata (kommunens egne forløb, samtaler og tilbud), ikke af Jobindsats' offentliggjorte tal: haendelser-2023.csv, forloeb-2023.csv.");
      expect(fromCitizens.tables[0].rows.length).toBeGreaterThan(0);

      for (const [source, word, files] of [
        ['published', 'Jobindsats (de offentliggjorte tal)', ['jobindsats-2023H2.csv']],
        ['citizens', 'Borgerdata (kommunens egne ydelsesforløb, samtaler og tilbud, omregnet til månedstal)', ['forloeb-2023.csv', 'haendelser-2023.csv']],
      ] as const) {
        const exported = await callApi(s, 'export.modelList', { ...args, source });
        // The file's name says a list made from citizen data, as it says a what-if.
        expect(exported.fileName.includes(' borgerdata '), exported.fileName).toBe(source === 'citizens');
        const workbook = await readXlsx(exported.contentBase64!);
        const about = workbook.getWorksheet('Om listen')!;
        expect(labelled(about).get('Datakilde'), `${args.model} ${source}`).toBe(word);
        expect(listedFiles(about, 'Fil')).toEqual(files);
        // The figures in the file are the same whichever source (the construction makes them equal).
        const table = workbook.worksheets[0];
        expect(table.rowCount).toBe(fromFile.tables[0].rows.length + 1);
      }
    }
  });

  it('a view saved from a model screen names its source and only that source\'s files', async () => {
    for (const [source, files] of [
      ['citizens', ['forloeb-2023.csv', 'haendelser-2023.csv']],
      ['published', ['jobindsats-2023H2.csv']],
    ] as const) {
      const exported = await callApi(made.session, 'export.view', {
        title: 'Hele landet december 2023',
        format: 'xlsx',
        columns: [{ header: 'Ydelsesgruppe', kind: 'text' }],
        rows: [['Hele landet']],
        provenance: { period: '2023-12', ruleSetId: 'status', dataSource: source },
      });
      const grundlag = (await readXlsx(exported.contentBase64!)).getWorksheet('Grundlag')!;
      expect(labelled(grundlag).get('Datakilde')).toBe(source === 'citizens' ? 'Borgerdata (kommunens egne ydelsesforløb, samtaler og tilbud, omregnet til månedstal)' : 'Jobindsats (de offentliggjorte tal)');
      expect(listedFiles(grundlag, 'Fil')).toEqual(files);
    }
  });

  it('periods.available gives each source\'s own months and coverage; the default is Jobindsats', async () => {
    const s = made.session;
    const citizens = await callApi(s, 'periods.available', { source: 'citizens' });
    expect(citizens.months).toEqual(citizenModelMonths);
    expect(citizens.monthCoverage.map((row) => row.municipalities)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(await callApi(s, 'periods.available')).toEqual(await callApi(s, 'periods.available', { source: 'published' }));
    const refused = await dispatch(s, 'periods.available', { source: 'borgerdata' });
    expect(refused.ok).toBe(false);
  });

  it('a month without derived counts is refused in Danish with what to do, never shown as zeros', async () => {
    const s = made.session;
    const refused = await dispatch(s, 'evaluate.early2021', { period: '2024-03', source: 'citizens' });
    expect(refused.ok ? null : refused.error.message).toBe('Borgerdata giver ingen målinger for marts 2024: ingen forløb når seks måneder i måneden. Vælg en anden måned, eller indlæs forløb og hændelser.');
    const halfYear = await dispatch(s, 'evaluate.early2023', { period: '2024H1', source: 'citizens' });
    expect(halfYear.ok ? null : halfYear.error.message).toBe('Borgerdata giver ingen målinger for 1. halvår 2024 (januar 2024 til juni 2024): ingen forløb når seks måneder i perioden. Indlæs forløb og hændelser, der dækker perioden.');
    const status = await dispatch(s, 'evaluate.status', { period: '2024-03', baseline: '2023-07', source: 'citizens' });
    expect(status.ok ? null : status.error.message).toBe('Borgerdata giver ingen målinger for marts 2024. Vælg måneder med data.');
  });
});

describe('the two sources are read apart', () => {
  it('without the Jobindsats file, the citizen figures stay as they were and Jobindsats has none', async () => {
    const s = made.session;
    const before = await callApi(s, 'evaluate.early2021', { period: '2023-09', source: 'citizens' });
    const statusBefore = await callApi(s, 'evaluate.status', { period: '2023-12', baseline: '2023-07', source: 'citizens' });
    await callApi(s, 'import.undo', { batchId: publishedBatch });
    expect(await callApi(s, 'evaluate.early2021', { period: '2023-09', source: 'citizens' })).toEqual(before);
    expect(await callApi(s, 'evaluate.status', { period: '2023-12', baseline: '2023-07', source: 'citizens' })).toEqual(statusBefore);
    expect((await callApi(s, 'periods.available', { source: 'citizens' })).months).toEqual(citizenModelMonths);
    expect((await callApi(s, 'periods.available')).months).toEqual([]);
    const published = await dispatch(s, 'evaluate.early2021', { period: '2023-09' });
    expect(published.ok ? null : published.error.message).toBe('Der er ingen målinger for september 2023. Vælg en måned med data, eller indlæs data først.');
  });
});

describe('no citizen data imported', () => {
  it('models A, B and D on citizen data are refused in Danish, saying what to do', async () => {
    const empty = tempSession();
    try {
      const s = empty.session;
      const expected = 'Der er ikke indlæst borgerdata, så modellen kan ikke beregnes af borgerdata. Indlæs en fil med ydelsesforløb og en med samtaler og tilbud under "Indlæs filer", eller vælg Jobindsats som datakilde.';
      for (const [name, args] of [
        ['evaluate.early2021', { period: '2023-09', source: 'citizens' }],
        ['evaluate.status', { period: '2023-12', baseline: '2023-07', source: 'citizens' }],
        ['evaluate.early2023', { period: '2023H2', source: 'citizens' }],
        ['evaluate.model', { model: 'early-2021', period: '2023-09', source: 'citizens' }],
        ['export.modelList', { model: 'status', period: '2023-12', baseline: '2023-07', source: 'citizens' }],
      ] as const) {
        const envelope = await dispatch(s, name, args);
        expect(envelope.ok, name).toBe(false);
        if (!envelope.ok) expect([envelope.error.code, envelope.error.message], name).toEqual(['no-citizen-data', expected]);
      }
      expect((await callApi(s, 'periods.available', { source: 'citizens' })).months).toEqual([]);
    } finally {
      empty.cleanup();
    }
  });
});
