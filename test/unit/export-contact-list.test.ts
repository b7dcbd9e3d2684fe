import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import type { HandlerContext } from '../../src/main/handlers/context';
import { callApi } from '../helpers/api';
import { contactListSheetNames } from '../../src/main/services/export/contact-list';
import { runCliInProcess } from '../helpers/cli';
import { copyDemoStore, demoSession } from '../helpers/demo-store';
import { describeMonth } from '../../src/shared/period-words';

let made: ReturnType<typeof demoSession>;
beforeEach(() => {
  made = demoSession();
});
afterEach(() => made.cleanup());

async function readWorkbook(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('the contact list (Kontaktliste) from the registered engine on the demo data', () => {
  it('lists exactly the municipalities the engine says to contact, grouped by AMK, with shares as percentages', async () => {
    const evaluation = await callApi(made.session, 'evaluate.early2023', { period: '2023H2' });
    const result = await callApi(made.session, 'export.contactList', { period: '2023H2' });
    expect(result.savedPath).toBeNull();
    expect(result.contentBase64).not.toBeNull();
    expect(result.fileName).toMatch(/^Kontaktliste 2\. halvår 2023 \d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = await readWorkbook(Buffer.from(result.contentBase64!, 'base64'));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(contactListSheetNames));

    const list = workbook.getWorksheet(contactListSheetNames.list)!;
    const toContact = evaluation.municipalities.filter((municipality) => municipality.toContact);
    expect(result.rows).toBe(evaluation.summary.toContact);
    expect(list.rowCount - 1).toBe(toContact.length);
    const headers = (list.getRow(1).values as string[]).slice(1);
    expect(headers.slice(0, 5)).toEqual(['AMK', 'Kode', 'Kommune', 'Region', 'Fejler kriterier']);
    // Each month's share with the counts behind it (issue 11).
    expect(headers).toContain(`Samtaler ${describeMonth(evaluation.months[0])} andel uden`);
    expect(headers).toContain(`Tilbud ${describeMonth(evaluation.months[5])} målte borgere`);
    expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(list.autoFilter).toBeTruthy();
    expect(list.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '1:1' });

    const offices: string[] = [];
    const firstOffer = headers.indexOf(`Tilbud ${describeMonth(evaluation.months[0])} andel uden`) + 1;
    for (let rowNumber = 2; rowNumber <= list.rowCount; rowNumber += 1) {
      const row = list.getRow(rowNumber);
      offices.push(String(row.getCell(1).value));
      const municipality = toContact.find((candidate) => candidate.code === row.getCell(2).value)!;
      expect(municipality).toBeDefined();
      expect(row.getCell(3).value).toBe(municipality.name);
      municipality.offers.months.forEach((figure, index) => {
        const cell = row.getCell(firstOffer + index * 3);
        expect(cell.value).toBeCloseTo(figure.share!, 12);
        expect(cell.numFmt).toBe('0.0%');
        expect(row.getCell(firstOffer + index * 3 + 1).value).toBe(figure.lacking);
        expect(row.getCell(firstOffer + index * 3 + 2).value).toBe(figure.measured);
      });
      const failing = String(row.getCell(5).value);
      expect(failing.includes('tilbud')).toBe(municipality.offers.fails);
      expect(failing.includes('samtaler')).toBe(municipality.interviews.fails);
    }
    expect(offices).toEqual([...offices].sort((a, b) => a.localeCompare(b, 'da')));

    // Sheet 2: every benefit group's month for every listed municipality, as the drill-down shows it.
    const months = workbook.getWorksheet(contactListSheetNames.months)!;
    const detail = await callApi(made.session, 'municipality.detail', { code: toContact[0].code, period: '2023H2' });
    const perMunicipality = detail.groupMonths.reduce((sum, group) => sum + group.months.length, 0);
    expect(months.rowCount - 1).toBe(perMunicipality * toContact.length);
    const sample = detail.groupMonths[0];
    let found = false;
    months.eachRow((row) => {
      if (row.getCell(1).value === detail.code && row.getCell(3).value === sample.label && row.getCell(5).value === describeMonth(sample.months[0].month)) {
        found = true;
        expect(row.getCell(6).value).toBe(sample.months[0].measured);
        expect(row.getCell(8).numFmt).toBe('0.0%');
      }
    });
    expect(found).toBe(true);

    // Sheet 3: provenance, so every number can be traced to its rule set and files.
    const provenance = workbook.getWorksheet(contactListSheetNames.provenance)!;
    const text: string[] = [];
    provenance.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    // The rule set by name, never its id (issue 11).
    expect(text).toContain('Tidlig indsats fra 2023 (halvårlig)');
    expect(text).not.toContain(evaluation.ruleSetId);
    expect(text).toContain(evaluation.ruleSetVersion);
    expect(text).toContain('2. halvår 2023');
    for (const batch of evaluation.batches) {
      expect(text).toContain(batch.fileName);
      expect(text).toContain(batch.sha256);
    }
    for (const parameter of evaluation.parameters) expect(text).toContain(parameter.label);
    expect(text.some((value) => value.startsWith('Notat 23. oktober 2023, Opfølgningsmodel for den tidlige indsats'))).toBe(true);
    expect(text).toContain('Lavet af');
  });

  it('saves through the transport when it can, and reports a cancelled dialog', async () => {
    const saved: { name: string; size: number }[] = [];
    const withDialog: HandlerContext = { ...made.session, saveFile: async (name, bytes) => (saved.push({ name, size: bytes.length }), `/valgt/${name}`) };
    const result = await callApi(withDialog, 'export.view', { title: 'Visning', format: 'csv', columns: [{ header: 'A', kind: 'text' }], rows: [['x']] });
    expect(result).toMatchObject({ savedPath: `/valgt/${saved[0].name}`, cancelled: false, contentBase64: null, rows: 1 });
    expect(saved[0].name).toMatch(/\.csv$/);
    const cancelled = await callApi({ ...made.session, saveFile: async () => null }, 'export.view', {
      title: 'Visning',
      format: 'xlsx',
      columns: [{ header: 'A', kind: 'text' }],
      rows: [],
    });
    expect(cancelled).toMatchObject({ cancelled: true, savedPath: null });
    const failing = await dispatch({ ...made.session, saveFile: async () => Promise.reject(new Error('EACCES')) }, 'export.view', {
      title: 'Visning',
      format: 'xlsx',
      columns: [{ header: 'A', kind: 'text' }],
      rows: [],
    });
    expect(failing).toMatchObject({ ok: false, error: { code: 'save-failed' } });
  });

  it('refuses bad input in Danish: a ragged view, a malformed period, a half-year without data', async () => {
    const ragged = await dispatch(made.session, 'export.view', { title: 'X', format: 'xlsx', columns: [{ header: 'A', kind: 'text' }], rows: [['a', 'b']] });
    expect(ragged).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const malformed = await dispatch(made.session, 'export.contactList', { period: '2023-2' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(!malformed.ok && malformed.error.message).toMatch(/Halvår skrives som 2023H2/);
    const future = await dispatch(made.session, 'export.contactList', { period: '2030H1' });
    // A half-year with no data at all: the engine refuses it before the export's own completeness check.
    expect(future).toMatchObject({ ok: false, error: { code: 'no-data' } });
    expect(!future.ok && future.error.message).toMatch(/ingen målinger for 1\. halvår 2030/);
  });
});

// fast-lane (issue 15): the CLI's code in this process (test/helpers/cli.ts); test/unit/cli.test.ts runs the binary.
describe('indsatsmonitor export contact-list', () => {
  it('writes the .xlsx to --out, and leaves nothing behind on bad input', async () => {
    const db = copyDemoStore(path.join(made.dir, 'cli.db'));
    const out = path.join(made.dir, 'kontaktliste.xlsx');
    const run = await runCliInProcess(['export', 'contact-list', '--model', 'early-2023', '--period', '2023H2', '--out', out, '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = Number(/(\d+) kommuner/.exec(run.stdout)?.[1]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet(contactListSheetNames.list)!.rowCount - 1).toBe(rows);
    expect(fs.readdirSync(made.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const badOut = path.join(made.dir, 'findes-ikke', 'x.xlsx');
    const missingDir = await runCliInProcess(['export', 'contact-list', '--period', '2023H2', '--out', badOut, '--db', db]);
    expect(missingDir.status).not.toBe(0);
    expect(missingDir.stderr).toMatch(/findes ikke/);
    const badPeriod = await runCliInProcess(['export', 'contact-list', '--period', 'H2', '--out', path.join(made.dir, 'y.xlsx'), '--db', db]);
    expect(badPeriod.status).not.toBe(0);
    expect(badPeriod.stderr).toMatch(/Halvår skrives som 2023H2/);
    expect(fs.existsSync(path.join(made.dir, 'y.xlsx'))).toBe(false);
  });
});
