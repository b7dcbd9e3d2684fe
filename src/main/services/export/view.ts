import { addProvenanceSheet, type Provenance } from './provenance';
import { addTableSheet, newWorkbook, toDanishCsv, workbookBytes, type CellValue, type SheetColumn } from './workbook';

/**
 * "This view": exactly the rows and columns a grid shows, in its order, to .xlsx or Danish CSV.
 * The .xlsx carries a provenance sheet (what, which filters, rule set, who, when, source files);
 * a CSV is one table and cannot.
 */
export async function writeView(format: 'xlsx' | 'csv', title: string, columns: SheetColumn[], rows: CellValue[][], madeBy: string, provenance?: Omit<Provenance, 'madeBy'>): Promise<Buffer> {
  if (format === 'csv') return toDanishCsv(columns, rows);
  const workbook = newWorkbook(madeBy);
  addTableSheet(workbook, sheetName(title), columns, rows, { freezeColumns: 0 });
  if (provenance) addProvenanceSheet(workbook, { ...provenance, madeBy });
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
