import ExcelJS from 'exceljs';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField, maxXlsxCellLength, neutraliseCell, startsLikeFormula } from '../../src/main/services/export/neutralise-formula';
import { tempDir } from '../helpers/temp-store';
import { formulaInjectionStrings } from './attack-strings';

const { dir, cleanup } = tempDir();
afterAll(cleanup);


describe('formula injection in exports', () => {
  // Unit checks of the neutraliser itself; the counted items drive the real export handlers (export-injection.test.ts).
  it.each(formulaInjectionStrings)('CSV: %j is written so it starts with a quote and reads back as the same text', (attack) => {
    {
      const safe = neutraliseCell(attack, 'csv');
      expect(safe).toBe(`'${attack}`);
      const line = ['Kommune', attack, 42].map((value) => csvField(value)).join(';');
      const parsed = Papa.parse<string[]>(line, { delimiter: ';' });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data[0]).toEqual(['Kommune', `'${attack}`, '42']);
      expect(startsLikeFormula(parsed.data[0][1])).toBe(false);
    }
  });

  it('CSV: ordinary text, numbers and negative numbers pass unchanged; quotes, separators and line breaks are quoted', () => {
    expect(neutraliseCell('København', 'csv')).toBe('København');
    expect(neutraliseCell(-1, 'csv')).toBe(-1);
    expect(neutraliseCell(0.2, 'xlsx')).toBe(0.2);
    expect(neutraliseCell(Number.NaN, 'csv')).toBeNull();
    expect(neutraliseCell(undefined, 'csv')).toBeNull();
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('sagt "nej"')).toBe('"sagt ""nej"""');
    expect(csvField('=1;2')).toBe(`"'=1;2"`);
    expect(csvField('linje 1\nlinje 2')).toBe('"linje 1\nlinje 2"');
    expect(csvField(-12)).toBe('-12');
  });

  it('CSV (property): any text comes out never looking like a formula, and dropping the added quote gives it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = neutraliseCell(text, 'csv') as string;
        expect(startsLikeFormula(safe)).toBe(false);
        expect(safe === text || safe === `'${text}`).toBe(true);
        // Written as a CSV field and read back by a CSV parser, it is exactly the neutralised text.
        const parsed = Papa.parse<string[]>(`${csvField(text)};x\n`, { delimiter: ';', newline: '\n' });
        expect(parsed.data[0]).toEqual([safe, 'x']);
      }),
      { numRuns: 500 },
    );
  });

  it('XLSX: every payload is a string cell in a real workbook, never a formula; a formula object is flattened to text', async () => {
    const file = path.join(dir, 'export.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kontaktliste');
    sheet.addRow(['Kommune', 'Bemærkning']);
    for (const attack of formulaInjectionStrings) sheet.addRow(['Læsø', neutraliseCell(attack, 'xlsx')]);
    sheet.addRow(['Læsø', neutraliseCell({ formula: 'HYPERLINK("https://evil.example")' }, 'xlsx')]);
    sheet.addRow(['Læsø', neutraliseCell({ text: 'klik', hyperlink: 'https://evil.example' }, 'xlsx')]);
    sheet.addRow(['Læsø', neutraliseCell('nul\u0000byte og \u0007klokke', 'xlsx')]);
    sheet.addRow(['Læsø', neutraliseCell('x'.repeat(40_000), 'xlsx')]);
    // The control: a real formula, so the read-back below is shown able to see one.
    sheet.addRow(['kontrol', { formula: '1+1', result: 2 }]);
    await workbook.xlsx.writeFile(file);

    const readBack = new ExcelJS.Workbook();
    await readBack.xlsx.readFile(file);
    const rows = readBack.getWorksheet('Kontaktliste')!;
    const control = rows.getRow(formulaInjectionStrings.length + 6).getCell(2);
    expect(control.type).toBe(ExcelJS.ValueType.Formula);
    for (const [index, attack] of formulaInjectionStrings.entries()) {
      const cell = rows.getRow(index + 2).getCell(2);
      expect(cell.type, attack).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeFalsy();
      // Line breaks inside a cell are stored as \n, the form Excel uses.
      expect(cell.value).toBe(attack.replace(/\r\n?/g, '\n'));
    }
    const after = formulaInjectionStrings.length + 2;
    expect(rows.getRow(after).getCell(2).value).toBe('=HYPERLINK("https://evil.example")');
    expect(rows.getRow(after).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(rows.getRow(after + 1).getCell(2).value).toBe('klik');
    expect(rows.getRow(after + 2).getCell(2).value).toBe('nulbyte og klokke');
    expect(String(rows.getRow(after + 3).getCell(2).value)).toHaveLength(maxXlsxCellLength);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
  });
});
