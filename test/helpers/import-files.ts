import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Db } from '../../src/main/services/store';
import { importFile, validateFile } from '../../src/main/services/import/pipeline';
import { registerLocalFile } from '../../src/main/services/import/staging';
import type { ImportOptions } from '../../src/shared/api';

/** Everything an import could touch, so a test can assert "exactly as before". */
export function storeFingerprint(db: Db): string {
  const all = (sql: string) => db.prepare(sql).all();
  return JSON.stringify({
    batches: all('SELECT * FROM import_batch ORDER BY id'),
    measurement: all('SELECT COUNT(*) AS n, TOTAL(measured) AS m, TOTAL(interviews_lacking) AS i, TOTAL(offers_lacking_share) AS o, MAX(batch_id) AS b FROM measurement'),
    benchmark: all('SELECT COUNT(*) AS n, TOTAL(actual_share) AS s FROM benchmark'),
    focus: all('SELECT COUNT(*) AS n FROM focus_measurement'),
    supervision: all('SELECT * FROM supervision_entry ORDER BY id'),
    profiles: all('SELECT * FROM mapping_profile ORDER BY name'),
  });
}

export const measurementHeader = ['Kommune', 'Ydelsesgruppe', 'Måned', 'Antal borgere', 'Antal uden samtaler', 'Andel uden samtaler (pct.)', 'Antal uden tilbud', 'Andel uden tilbud (pct.)'];

/** A Windows-1252 `;` CSV with decimal commas, as Danish Excel saves it. */
export function writeDanishCsv(file: string, rows: (string | number)[][], header = measurementHeader): string {
  const text = [header, ...rows].map((row) => row.join(';')).join('\r\n') + '\r\n';
  fs.writeFileSync(file, iconv.encode(text, 'windows-1252'));
  return file;
}

/** An .xlsx with three title rows above the header, numbers stored as text and an Excel date. */
export async function writeTitledWorkbook(file: string, rows: unknown[][], header = measurementHeader): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Jobindsats');
  sheet.addRow(['Tidlig indsats: samtaler og tilbud de første seks måneder']);
  sheet.addRow(['Kilde: Jobindsats.dk, udtrukket 1. august 2023']);
  sheet.addRow([]);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  sheet.mergeCells('A1:E1');
  await workbook.xlsx.writeFile(file);
  return file;
}

export async function importPath(db: Db, file: string, options: ImportOptions & { skipBadRows?: boolean } = {}, databasePath?: string) {
  return importFile(db, registerLocalFile(file), options, { databasePath });
}

export async function validatePath(db: Db, file: string, options: ImportOptions = {}) {
  return validateFile(db, registerLocalFile(file), options);
}

export const sharedExtract = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'jobindsats-Y30R21-2023-08.ndjson');
export function sharedExtractPath(): string {
  const candidates = [sharedExtract, '/work/shared/data/jobindsats-Y30R21-2023-08.ndjson'];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`The shared Y30R21 extract is missing (looked in ${candidates.join(', ')}).`);
  return found;
}
