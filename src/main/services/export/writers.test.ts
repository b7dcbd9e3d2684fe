import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, startsLikeFormula } from './neutralise-formula';
import { exportFileName, sheetName, writeView } from './view';
import { addTableSheet, newWorkbook, streamTableWorkbook, workbookBytes, type CellValue, type SheetColumn } from './workbook';

const columns: SheetColumn[] = [
  { header: 'Kommune', kind: 'text' },
  { header: 'Kode', kind: 'integer' },
  { header: 'Andel', kind: 'share' },
  { header: 'Procentpoint', kind: 'number' },
];
const injections = ['=1+1', '+4512345678', '-2+3', '@SUM(A1:A2)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","klik")'];

async function readBack(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('formula-injection neutralisation', () => {
  it('flags exactly the text that starts with = + - @ tab or CR', () => {
    for (const text of injections) expect(startsLikeFormula(text)).toBe(true);
    // Excel trims leading spaces before it parses, so ' =x' is a formula too.
    expect(startsLikeFormula(' =x')).toBe(true);
    for (const text of ['København', '12,3 %', 'a=b', '']) expect(startsLikeFormula(text)).toBe(false);
    expect(neutraliseCell('=1+1', 'csv')).toBe("'=1+1");
    expect(neutraliseCell('Ærø', 'csv')).toBe('Ærø');
  });

  it('writes dangerous text into .xlsx as text-formatted strings, never as formulas', async () => {
    const rows = injections.map((text, index) => [text, 100 + index, 0.25, -1.5]);
    const workbook = await readBack(await writeView('xlsx', 'Test', columns, rows, 'tester'));
    const sheet = workbook.worksheets[0];
    injections.forEach((text, index) => {
      const cell = sheet.getRow(index + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML reads a bare CR back as LF (line-end normalisation); the text is otherwise unchanged.
      expect(cell.value).toBe(text.replace('\r', '\n'));
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    });
    // Negative numbers in number columns stay numbers: only text is neutralised.
    expect(sheet.getRow(2).getCell(4).value).toBe(-1.5);
  });
});

describe('"this view" to .xlsx', () => {
  it('keeps rows, column order, numbers and shares as numbers, with Excel formatting', async () => {
    const rows = [
      ['Ærø', 492, 0.2345, 1.25],
      ['København', 101, null, -0.5],
    ];
    const workbook = await readBack(await writeView('xlsx', 'Overblik 2023H2', columns, rows, 'tester'));
    const sheet = workbook.getWorksheet('Overblik 2023H2')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Kommune', 'Kode', 'Andel', 'Procentpoint']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe('Ærø');
    expect(sheet.getRow(2).getCell(2).value).toBe(492);
    expect(sheet.getRow(2).getCell(3).value).toBe(0.2345);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('0.0%');
    expect(sheet.getRow(3).getCell(3).value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual('København'.length);
  });

  it('makes safe sheet and file names', () => {
    expect(sheetName('Kontakt: [liste]/2023?*')).not.toMatch(/[:\\/?*[\]]/);
    expect(sheetName('x'.repeat(50))).toHaveLength(31);
    expect(exportFileName('Overblik 2023H2', 'xlsx', new Date('2024-03-25T10:00:00Z'))).toBe('Overblik 2023H2 2024-03-25.xlsx');
    expect(exportFileName('a/b:c', 'csv')).not.toMatch(/[/:]/);
  });
});

describe('table sheets written as XML rows (models-finish: contact-list speed)', () => {
  it('read back cell for cell as exceljs\'s own cells: values, types and number formats', async () => {
    const mixed: SheetColumn[] = [...columns, { header: 'Note', kind: 'text' }, { header: 'Antal', kind: 'number' }];
    const rows: CellValue[][] = [
      ['Ærø & <Læsø> "x"', 492, 0.2345, 1.25, '  mellemrum foran', 6],
      ['=1+1', '101', null, -0.5, null, 6.5],
      [7, 'ikke et tal', 'nej', true, false, null],
      ['linje\r\nto', 0, 0, 0, '@SUM(A1)', 1e21],
      ...Array.from({ length: 40 }, (_, index): CellValue[] => [`Kommune ${index}`, index, index / 100, index - 20, index % 2 ? 'Ja' : '', index * 2]),
    ];
    const workbook = newWorkbook('tester');
    addTableSheet(workbook, 'Tabel', mixed, rows, { freezeColumns: 2 });
    const direct = (await readBack(await workbookBytes(workbook))).getWorksheet('Tabel')!;
    // The former way, as the oracle: every row as exceljs cells, each with its number format.
    const formats = { text: '@', integer: '#,##0', number: '#,##0.0', share: '0.0%', date: 'dd-mm-yyyy' } as const;
    const former = newWorkbook('tester');
    const formerSheet = former.addWorksheet('Tabel');
    formerSheet.addRow(mixed.map((column) => column.header));
    for (const values of rows) {
      const row = formerSheet.addRow(values.map((value, index) => (mixed[index].kind !== 'text' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value)));
      values.forEach((value, index) => {
        const kind = mixed[index].kind;
        const cell = row.getCell(index + 1);
        if (typeof value === 'string' || kind !== 'text') cell.numFmt = formats[kind];
        if (kind === 'number' && typeof value === 'number' && Number.isInteger(value)) cell.numFmt = formats.integer;
        if (typeof value === 'string' && startsLikeFormula(value)) cell.numFmt = '@';
      });
    }
    const oracle = (await readBack(Buffer.from(await former.xlsx.writeBuffer()))).getWorksheet('Tabel')!;
    // The streamed writer ("this view") gives the same values and formats, but for an empty text (no cell there).
    const viewSheet = (await readBack(await streamTableWorkbook('tester', [{ name: 'Tabel', columns: mixed, rows, freezeColumns: 2 }]))).getWorksheet('Tabel')!;
    expect(viewSheet.getCell('F2')).toMatchObject({ value: 6, numFmt: '#,##0' });
    expect(direct.rowCount).toBe(rows.length + 1);
    expect(direct.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    for (let r = 1; r <= rows.length + 1; r += 1) {
      for (let c = 1; c <= mixed.length; c += 1) {
        const [a, b] = [direct.getRow(r).getCell(c), oracle.getRow(r).getCell(c)];
        expect({ at: a.address, value: a.value, type: a.type, numFmt: a.numFmt }).toEqual({ at: b.address, value: b.value, type: b.type, numFmt: b.numFmt });
      }
    }
    // The cases spelled out: text kept as text, a numeric string in a count column a number, a whole count never "6,0".
    expect(direct.getCell('A2').value).toBe('Ærø & <Læsø> "x"');
    expect(direct.getCell('E2').value).toBe('  mellemrum foran');
    expect(direct.getCell('A3')).toMatchObject({ value: '=1+1', numFmt: '@', type: ExcelJS.ValueType.String });
    expect(direct.getCell('B3')).toMatchObject({ value: 101, numFmt: '#,##0' });
    expect(direct.getCell('F2')).toMatchObject({ value: 6, numFmt: '#,##0' });
    expect(direct.getCell('F3')).toMatchObject({ value: 6.5, numFmt: '#,##0.0' });
    expect(direct.getCell('C3')).toMatchObject({ value: null, numFmt: '0.0%' });
    expect(direct.getCell('D4').value).toBe(true);
    expect(direct.getCell('A5').value).toBe('linje\nto');
  });
});

describe('"this view" to Danish CSV', () => {
  it('writes UTF-8 with BOM, semicolons, decimal comma, percentages, quoted and neutralised text', async () => {
    const rows = [
      ['Ærø; Marstal', 492, 0.2345, 1.25],
      ['=1+1', 101, null, -0.5],
      ['Sagde "nej"', 1234567, 0.2, 0],
    ];
    const bytes = await writeView('csv', 'Test', columns, rows, 'tester');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Kommune;Kode;Andel;Procentpoint');
    expect(lines[1]).toBe('"Ærø; Marstal";492;23,5%;1,25');
    expect(lines[2]).toBe(`"'=1+1";101;;-0,5`);
    expect(lines[3]).toBe('"Sagde ""nej""";1234567;20,0%;0');
    expect(lines[4]).toBe('');
  });
});

describe('date columns (issue 10: the citizens\' deadlines)', () => {
  const columns: SheetColumn[] = [
    { header: 'Navn', kind: 'text' },
    { header: 'Frist', kind: 'date' },
  ];
  // 2024-02-29 is Excel day 45351; 1 March 2025 is 45717. "2025-02-30" is no date and stays text.
  const rows: CellValue[][] = [
    ['skudår', '2024-02-29'],
    ['marts', '2025-03-01'],
    ['ingen dato', '2025-02-30'],
    ['tom', null],
  ];

  it('writes an ISO date as a real Excel date shown dd-mm-yyyy, in both .xlsx writers, and leaves a non-date as text', async () => {
    const workbook = newWorkbook('tester');
    addTableSheet(workbook, 'Tabel', columns, rows);
    const sheets = [
      (await readBack(await workbookBytes(workbook))).getWorksheet('Tabel')!,
      (await readBack(await streamTableWorkbook('tester', [{ name: 'Tabel', columns, rows }]))).getWorksheet('Tabel')!,
    ];
    for (const sheet of sheets) {
      // exceljs reads a number with a date format back as a Date (UTC midnight).
      expect(sheet.getCell('B2').value).toEqual(new Date(Date.UTC(2024, 1, 29)));
      expect(sheet.getCell('B2').numFmt).toBe('dd-mm-yyyy');
      expect(sheet.getCell('B3').value).toEqual(new Date(Date.UTC(2025, 2, 1)));
      expect(sheet.getCell('B4').value).toBe('2025-02-30');
      expect(sheet.getCell('B4').numFmt).toBe('@');
    }
  });

  it('writes the date in CSV as Danish Excel writes it', async () => {
    const lines = (await writeView('csv', 'Datoer', columns, rows, 'tester')).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe('skudår;29-02-2024');
    expect(lines[2]).toBe('marts;01-03-2025');
    expect(lines[3]).toBe('ingen dato;2025-02-30');
  });
});
