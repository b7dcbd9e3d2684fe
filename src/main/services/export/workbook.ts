import ExcelJS from 'exceljs';
import type { ExportColumnKind } from '../../../shared/api/export';
import { neutraliseCell, startsLikeFormula } from './neutralise-formula';

export type CellValue = string | number | boolean | null;

export interface SheetColumn {
  header: string;
  kind: ExportColumnKind;
}

/** Excel's number formats; Danish Excel shows them with decimal comma and dot thousands by itself. */
const numberFormats: Record<ExportColumnKind, string | undefined> = {
  text: '@',
  integer: '#,##0',
  number: '#,##0.0',
  share: '0.0%',
};

/**
 * One formatted table sheet: bold frozen header, auto-filter, widths that fit, numbers as numbers,
 * shares as percentages, landscape print with the header repeated on every page.
 */
export function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn[], rows: CellValue[][], options: { freezeColumns?: number } = {}) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: options.freezeColumns ?? 0, ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
  header.eachCell((cell) => {
    if (typeof cell.value === 'string' && startsLikeFormula(cell.value)) cell.numFmt = '@';
  });
  for (const values of rows) {
    const row = sheet.addRow(values.map((value, index) => neutraliseCell(toCell(value, columns[index].kind), 'xlsx')));
    values.forEach((value, index) => {
      const cell = row.getCell(index + 1);
      const format = numberFormats[columns[index].kind];
      // Text cells keep the text format, so even a value like "=1+1" stays text when edited in Excel.
      if (typeof value === 'string' || columns[index].kind !== 'text') cell.numFmt = format ?? 'General';
      // A count is a whole number of people: never "6,0" (danish-desk, issue 11).
      if (columns[index].kind === 'number' && typeof value === 'number' && Number.isInteger(value)) cell.numFmt = numberFormats.integer!;
      if (typeof value === 'string' && startsLikeFormula(value)) cell.numFmt = '@';
    });
  }
  columns.forEach((column, index) => {
    const longest = Math.max(
      ...column.header.split(' ').map((word) => word.length),
      Math.min(column.header.length, 18),
      ...rows.slice(0, 2000).map((row) => displayLength(row[index], column.kind)),
    );
    // At least 10: exceljs leaves out a width of exactly 9 (its default), and a column must have one.
    sheet.getColumn(index + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

function toCell(value: CellValue, kind: ExportColumnKind): CellValue {
  if (value === null || value === undefined) return null;
  if (kind !== 'text' && typeof value === 'string') {
    // A number that arrived as text is written as a number; anything else stays (neutralised) text.
    const parsed = Number(value);
    if (value.trim() !== '' && Number.isFinite(parsed)) return parsed;
  }
  return value;
}

function displayLength(value: CellValue, kind: ExportColumnKind): number {
  if (value === null || value === undefined) return 1;
  if (kind === 'share') return 7;
  return String(value).length;
}

/** Danish CSV: semicolons, decimal comma, UTF-8 with BOM so Danish Excel opens it directly with æøå. */
export function toDanishCsv(columns: SheetColumn[], rows: CellValue[][]): Buffer {
  const integer = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0, useGrouping: false });
  const decimal = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 4, useGrouping: false });
  const share = new Intl.NumberFormat('da-DK', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const field = (value: CellValue, kind: ExportColumnKind): string => {
    if (value === null || value === undefined) return '';
    let text: string;
    if (typeof value === 'number') {
      // Intl puts a no-break space before %; Danish Excel reads "12,3%" as a percentage number.
      text = kind === 'share' ? share.format(value).replace(/\s/g, '') : kind === 'integer' ? integer.format(value) : decimal.format(value);
      text = text.replace('\u2212', '-');
      return text;
    }
    text = String(neutraliseCell(typeof value === 'boolean' ? (value ? 'Ja' : 'Nej') : value, 'csv'));
    return /[";\r\n]/.test(text) || text !== text.trim() || text.startsWith("'") ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map((column) => field(column.header, 'text')).join(';'), ...rows.map((row) => row.map((value, index) => field(value, columns[index].kind)).join(';'))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function newWorkbook(creator: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;
  workbook.created = new Date();
  return workbook;
}
