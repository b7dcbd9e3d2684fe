import type { ExportFormat } from '../../../shared/enums';
import { addTableSheet, newWorkbook, toDanishCsv, workbookBytes, type CellValue, type SheetColumn } from './workbook';

/** "This view": exactly the rows and columns a grid shows, in its order, to .xlsx or Danish CSV. */
export async function writeView(format: ExportFormat, title: string, columns: SheetColumn[], rows: CellValue[][], madeBy: string): Promise<Buffer> {
  if (format === 'csv') return toDanishCsv(columns, rows);
  const workbook = newWorkbook(madeBy);
  addTableSheet(workbook, sheetName(title), columns, rows, { freezeColumns: 0 });
  return workbookBytes(workbook);
}

/** Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Ark1';
}

/** A file name from a title and today's date: "Kontaktliste 2023H2 2026-11-23.xlsx". */
export function exportFileName(title: string, extension: string, date = new Date()): string {
  // Characters Windows forbids in file names, and control characters.
  const safe = [...title].map((char) => (/[<>:"/\\|?*]/.test(char) || char.charCodeAt(0) < 32 ? ' ' : char)).join('').replace(/\s+/g, ' ').trim().slice(0, 100) || 'eksport';
  return `${safe} ${date.toISOString().slice(0, 10)}.${extension}`;
}
