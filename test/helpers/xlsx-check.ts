import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

/**
 * A strict reading of an .xlsx's bytes, the way Excel reads it: every XML part of the zip through
 * a conforming XML 1.0 parser (saxes: well-formedness and the allowed characters), then exceljs.
 * Returns the problems found (empty when the file is valid) and the workbook when it loaded.
 */
export async function strictXlsx(bytes: Buffer): Promise<{ problems: string[]; workbook: ExcelJS.Workbook | null }> {
  const problems: string[] = [];
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.values(zip.files).filter((entry) => !entry.dir);
  if (!parts.some((entry) => entry.name === '[Content_Types].xml')) problems.push('no [Content_Types].xml');
  for (const entry of parts) {
    if (!/\.(xml|rels)$/.test(entry.name)) continue;
    const text = await entry.async('string');
    const parser = new SaxesParser();
    let failure: string | null = null;
    parser.on('error', (error) => {
      failure ??= error.message;
    });
    try {
      parser.write(text).close();
    } catch (error) {
      failure ??= (error as Error).message;
    }
    if (failure) problems.push(`${entry.name}: ${failure}`);
  }
  let workbook: ExcelJS.Workbook | null = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    problems.push(`exceljs: ${(error as Error).message}`);
    workbook = null;
  }
  return { problems, workbook };
}

/** The unpacked text of every part of an .xlsx, joined: to search a file for what must not be in it. */
export async function xlsxPartsText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.values(zip.files).filter((entry) => !entry.dir);
  return (await Promise.all(parts.map((entry) => entry.async('string')))).join('\n');
}

/** Every cell of every sheet, with where it is. */
export function allCells(workbook: ExcelJS.Workbook): { sheet: string; address: string; cell: ExcelJS.Cell }[] {
  const cells: { sheet: string; address: string; cell: ExcelJS.Cell }[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push({ sheet: sheet.name, address: cell.address, cell }))));
  return cells;
}
