import type { ExportFormat } from '../../../shared/enums';
import { addProvenanceSheet, hypotheticalSheetName, type Provenance } from './provenance';
import { safeSheetName, streamTableWorkbook, toDanishCsv, type CellValue, type SheetColumn } from './workbook';

/**
 * "This view": exactly the rows and columns a grid shows, in its order, to .xlsx or Danish CSV.
 * The .xlsx is streamed (issue 14 item 7: the largest view the contract allows stays well under
 * 400 MB) and carries a provenance sheet (what, which filters, rule set, who, when, source files);
 * a CSV is one table and cannot.
 */
export async function writeView(format: ExportFormat, title: string, columns: SheetColumn[], rows: CellValue[][], madeBy: string, provenance?: Omit<Provenance, 'madeBy'>): Promise<Buffer> {
  if (format === 'csv') return toDanishCsv(columns, rows);
  const addProvenance = provenance ? (workbook: Parameters<typeof addProvenanceSheet>[0]) => addProvenanceSheet(workbook, { ...provenance, madeBy }) : undefined;
  // models-finish: a view made under a what-if copy says so on its sheet's tab too.
  const name = provenance?.hypothetical ? hypotheticalSheetName(sheetName(title)) : sheetName(title);
  return streamTableWorkbook(madeBy, [{ name, columns, rows, freezeColumns: 0 }], addProvenance);
}

/** Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name. */
export function sheetName(title: string): string {
  return safeSheetName(title);
}

/** A file name from a title and today's date: "Kontaktliste 2023H2 2026-11-23.xlsx". */
export function exportFileName(title: string, extension: string, date = new Date()): string {
  // Characters Windows forbids in file names, and control characters.
  const safe = [...title].map((char) => (/[<>:"/\\|?*]/.test(char) || char.charCodeAt(0) < 32 ? ' ' : char)).join('').replace(/\s+/g, ' ').trim().slice(0, 100) || 'eksport';
  return `${safe} ${date.toISOString().slice(0, 10)}.${extension}`;
}
