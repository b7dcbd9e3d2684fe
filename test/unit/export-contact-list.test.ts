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

    // Sheet 2: every benefit group's month for every listed municipality, cell for cell as each
    // municipality's own drill-down shows it (the file reads them in one batch query; the screen one by one).
    const months = workbook.getWorksheet(contactListSheetNames.months)!;
    const fileRows: unknown[][] = [];
    months.eachRow((row, rowNumber) => {
      if (rowNumber > 1) fileRows.push(Array.from({ length: 9 }, (_, index) => row.getCell(index + 1).value ?? null));
    });
    const expectedRows: unknown[][] = [];
    const listedInFileOrder = [...new Set(fileRows.map((row) => row[0] as number))];
    expect(listedInFileOrder.sort((a, b) => a - b)).toEqual(toContact.map((row) => row.code).sort((a, b) => a - b));
    for (const code of [...new Set(fileRows.map((row) => row[0] as number))]) {
      const detail = await callApi(made.session, 'municipality.detail', { code, period: '2023H2' });
      for (const group of detail.groupMonths) {
        for (const figure of group.months) {
          expectedRows.push([code, detail.name, group.label, group.criterion === 'interviews' ? 'samtaler' : 'tilbud', describeMonth(figure.month), figure.measured, figure.lacking, figure.share, figure.above ? 'Ja' : 'Nej']);
        }
      }
    }
    expect(fileRows.length).toBe(expectedRows.length);
    fileRows.forEach((row, index) => {
      const expected = expectedRows[index];
      expect(row.slice(0, 7)).toEqual(expected.slice(0, 7));
      if (expected[7] === null) expect(row[7]).toBeNull();
      else expect(row[7] as number).toBeCloseTo(expected[7] as number, 12);
      expect(row[8]).toBe(expected[8]);
    });
    expect(months.getRow(2).getCell(8).numFmt).toBe('0.0%');
    // And the groups add up to the engine's own pooled month (its separate query): counts summed over groups.
    let summed = 0;
    for (const municipality of toContact) {
      for (const criterion of ['interviews', 'offers'] as const) {
        for (const figure of municipality[criterion].months) {
          const parts = fileRows.filter((row) => row[0] === municipality.code && row[3] === (criterion === 'interviews' ? 'samtaler' : 'tilbud') && row[4] === describeMonth(figure.month));
          if (figure.measured === null || figure.lacking === null || parts.some((row) => row[5] === null || row[6] === null)) continue;
          expect(parts.reduce((sum, row) => sum + (row[5] as number), 0)).toBe(figure.measured);
          expect(parts.reduce((sum, row) => sum + (row[6] as number), 0)).toBe(figure.lacking);
          summed += 1;
        }
      }
    }
    expect(summed).toBeGreaterThan(toContact.length * 6);

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
