import ExcelJS from 'exceljs';
import fs from 'node:fs';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { decodeText, detectEncoding, EncodingError, looksLikeMisreadUtf8, type TextEncoding } from './encoding';
import { detectDelimiter, type Delimiter } from './delimiter';
import { formatMegabytes, maxImportFileBytes } from './limits';
import { inspectXlsx, xlsxSheetNames, ZipProblem } from './zip-inspect';
import type { ImportFormat } from '../../../shared/enums';

/** Declared once, in src/shared/enums.ts. */
export type SourceFormat = ImportFormat;

export interface ReadOptions {
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  sheet?: string;
}

/** What the reader found out about a file, shown in the preview and each changeable. */
export interface SourceInfo {
  format: SourceFormat;
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  sheetNames: string[];
  sheet: string | null;
}

/** One row as the user sees it: `rowNumber` is the row number in Excel (1-based). */
export interface SourceRow {
  rowNumber: number;
  cells: unknown[];
  /** Set when the parser could not read the row cleanly (e.g. a quote that is never closed). */
  problem?: string;
}

export interface SourceBatch {
  rows: SourceRow[];
  /** Fraction of the file read so far (0–1), when the reader knows it. */
  fraction: number | null;
}

export interface Source {
  info: SourceInfo;
  /**
   * Calls `onBatch` for every few thousand rows and waits for it, so the consumer can insert,
   * report progress and stop (by returning false) between batches.
   */
  read(onBatch: (batch: SourceBatch) => Promise<boolean | void> | boolean | void, limit?: number): Promise<void>;
}

/** A problem with the whole file, in the user's words: the one application error, under the importer's name. */
import { AppError as FileProblem } from '../../../shared/errors';
export { FileProblem };

const batchSize = 20_000;

export function checkFileSize(size: number): void {
  if (size === 0) throw new FileProblem('empty-file', 'Filen er tom (0 byte). Der er intet at indlæse.');
  if (size > maxImportFileBytes) {
    throw new FileProblem(
      'file-too-large',
      `Filen fylder ${formatMegabytes(size)}; Indsatsmonitor indlæser filer op til ${formatMegabytes(maxImportFileBytes)}. Del filen op (fx en fil pr. år) eller filtrér den i Jobindsats før download.`,
    );
  }
}

/** Sniffs the format from the first bytes, never from the name alone. */
export function sniffFormat(head: Buffer): SourceFormat {
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new FileProblem('not-a-table', 'Filen er en PDF, ikke et regneark eller en CSV-fil. Hent tallene fra Jobindsats som Excel eller CSV.');
  }
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new FileProblem('old-excel', 'Filen er i det gamle Excel-format (.xls). Åbn den i Excel og gem den som .xlsx eller CSV.');
  }
  if (head.length >= 4 && head.readUInt32LE(0) === 0x08074b50) throw new FileProblem('not-a-table', 'Filen er en delt zip-fil og ikke et regneark.');
  const { encoding, bomLength } = detectEncoding(head);
  const text = encoding.startsWith('utf-16') ? '' : head.subarray(bomLength).toString('latin1');
  const firstChar = text.trimStart()[0];
  if (firstChar === '{' || firstChar === '[') return looksLikeNdjson(text) ? 'ndjson' : 'json';
  const controls = [...head.subarray(0, 4096)].filter((byte) => byte < 9 || (byte > 13 && byte < 32)).length;
  if (!encoding.startsWith('utf-16') && controls > 8) {
    throw new FileProblem('not-a-table', 'Filen er hverken et Excel-regneark, en CSV-/tekstfil eller JSON. Kontrollér, at det er den rigtige fil.');
  }
  return 'csv';
}

function looksLikeNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim());
  return lines.length > 1 && lines[0].trim().startsWith('{') && lines[0].trim().endsWith('}') && lines[1].trim().startsWith('{');
}

export async function openSource(filePath: string, options: ReadOptions = {}): Promise<Source> {
  const size = fs.statSync(filePath).size;
  checkFileSize(size);
  const head = Buffer.alloc(Math.min(size, 65536));
  const fd = fs.openSync(filePath, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const format = sniffFormat(head);
  if (format === 'xlsx') return openXlsx(filePath, options);
  const encoding = options.encoding ?? (await detectFileEncoding(filePath, head));
  if (encoding === 'utf-8' && !(await isUtf8File(filePath))) throw new FileProblem('wrong-encoding', notUtf8Message);
  if (format === 'csv') {
    const sample = decodeSample(head, encoding);
    if (!sample.trim()) throw new FileProblem('empty-file', 'Filen indeholder kun tomme linjer. Der er intet at indlæse.');
    return openCsv(filePath, size, encoding, options.delimiter ?? detectDelimiter(sample));
  }
  // JSON files are small (API extracts): decoded whole.
  let text: string;
  try {
    text = decodeText(fs.readFileSync(filePath), encoding);
  } catch (error) {
    if (error instanceof EncodingError) throw new FileProblem('wrong-encoding', error.message);
    throw error;
  }
  if (!text.trim()) throw new FileProblem('empty-file', 'Filen indeholder kun tomme linjer. Der er intet at indlæse.');
  if (format === 'json') return openJson(text, encoding);
  return openNdjson(text, encoding);
}

const notUtf8Message =
  'Filen er ikke gyldig UTF-8: den er sandsynligvis gemt af dansk Excel som Windows-1252. Vælg tegnsættet Windows-1252 og prøv igen.';
const misreadMessage =
  'Teksten ser forkert ud som Windows-1252 (fx "Ã¸" i stedet for "ø"): filen er sandsynligvis UTF-8. Vælg tegnsættet UTF-8 og prøv igen.';

/** A BOM decides; otherwise the whole file is checked for valid UTF-8, chunk by chunk. */
async function detectFileEncoding(filePath: string, head: Buffer): Promise<TextEncoding> {
  const detected = detectEncoding(head);
  if (detected.bomLength > 0 || detected.encoding.startsWith('utf-16')) return detected.encoding;
  return (await isUtf8File(filePath)) ? 'utf-8' : 'windows-1252';
}

async function isUtf8File(filePath: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The first 64 KB as text, for delimiter detection. */
function decodeSample(head: Buffer, encoding: TextEncoding): string {
  const text = iconv.decode(head, encoding).replace(/^\uFEFF/, '');
  if (encoding === 'windows-1252' && looksLikeMisreadUtf8(text)) throw new FileProblem('wrong-encoding', misreadMessage);
  const lastLineEnd = text.lastIndexOf('\n');
  return lastLineEnd > 0 && head.length === 65536 ? text.slice(0, lastLineEnd) : text;
}

/**
 * Streams: file → iconv-lite decoder → papaparse, paused while the consumer works on each chunk,
 * so a million-row file never sits in memory whole.
 */
function openCsv(filePath: string, size: number, encoding: TextEncoding, delimiter: Delimiter): Source {
  return {
    info: { format: 'csv', encoding, delimiter, sheetNames: [], sheet: null },
    read(onBatch, limit) {
      return new Promise<void>((resolve, reject) => {
        const file = fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 });
        const decoder = iconv.decodeStream(encoding, { stripBOM: true }) as NodeJS.ReadWriteStream & { destroy(): void };
        let rowNumber = 0;
        let settled = false;
        const finish = (error?: unknown) => {
          if (settled) return;
          settled = true;
          file.destroy();
          decoder.destroy();
          if (error) reject(error);
          else resolve();
        };
        file.on('error', finish);
        if (encoding === 'windows-1252') {
          decoder.on('data', (text: string) => {
            if (looksLikeMisreadUtf8(text)) finish(new FileProblem('wrong-encoding', misreadMessage));
          });
        }
        file.pipe(decoder);
        Papa.parse<string[]>(decoder as unknown as File, {
          delimiter,
          preview: limit ?? 0,
          chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
            if (settled) return;
            const rows: SourceRow[] = results.data.map((cells: string[]) => ({ rowNumber: ++rowNumber, cells }));
            for (const error of results.errors) {
              if (error.type === 'Quotes' && error.row !== undefined && rows[error.row]) {
                rows[error.row].problem = 'Et anførselstegn (") i rækken lukkes aldrig, så resten af filen kan ikke deles korrekt i felter. Ret rækken i Excel eller et tekstprogram.';
              }
            }
            parser.pause();
            Promise.resolve(onBatch({ rows, fraction: Math.min(1, file.bytesRead / size) })).then(
              (keepGoing) => {
                if (settled) return;
                if (keepGoing === false) {
                  parser.abort();
                  finish();
                } else parser.resume();
              },
              (error) => {
                // abort() calls `complete` at once: settle with the error first.
                finish(error);
                parser.abort();
              },
            );
          },
          complete: () => finish(),
          error: (error: Error) => finish(error),
        });
      });
    },
  };
}

/** Jobindsats API v2 `[{"Variables":[…],"Data":[[…]]}]`, v3 `{"columns":[…],"rows":[[…]]}`, or an array of row objects. */
function openJson(text: string, encoding: TextEncoding): Source {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FileProblem('bad-json', 'Filen ligner JSON, men kan ikke læses: den er ufuldstændig eller beskadiget.');
  }
  const table = Array.isArray(parsed) && parsed.length === 1 && isObject(parsed[0]) && 'Data' in parsed[0] ? parsed[0] : parsed;
  let headers: unknown[];
  let data: unknown[][];
  if (isObject(table) && Array.isArray(table.Variables) && Array.isArray(table.Data)) {
    headers = table.Variables.map((variable) => (isObject(variable) ? (variable.Label ?? variable.Name ?? '') : String(variable)));
    data = table.Data as unknown[][];
  } else if (isObject(table) && Array.isArray(table.columns) && Array.isArray(table.rows)) {
    headers = table.columns.map((column) => (isObject(column) ? (column.label ?? column.Label ?? column.name ?? column.Name ?? '') : column));
    data = table.rows as unknown[][];
  } else if (Array.isArray(table) && table.every(isObject)) {
    headers = [...new Set(table.flatMap((row) => Object.keys(row as object)))];
    data = table.map((row) => headers.map((header) => (row as Record<string, unknown>)[String(header)]));
  } else {
    throw new FileProblem('bad-json', 'JSON-filen har ikke en form, Indsatsmonitor kender (Jobindsats-tabel med "Variables" og "Data" eller "columns" og "rows").');
  }
  const rows: SourceRow[] = [{ rowNumber: 1, cells: headers }, ...data.map((cells, index) => ({ rowNumber: index + 2, cells: Array.isArray(cells) ? cells : [cells] }))];
  return inMemorySource({ format: 'json', encoding, delimiter: null, sheetNames: [], sheet: null }, rows);
}

/** One JSON object per line, as the Jobindsats API returns rows: keys become the header row. */
function openNdjson(text: string, encoding: TextEncoding): Source {
  const lines = text.split(/\r?\n/);
  const headers: string[] = [];
  const headerIndex = new Map<string, number>();
  const objects: { line: number; value: Record<string, unknown> }[] = [];
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new FileProblem('bad-json', `Linje ${index + 1} i filen er ikke gyldig JSON (filen er måske afkortet).`);
    }
    if (!isObject(value)) throw new FileProblem('bad-json', `Linje ${index + 1} i filen er ikke en række (et JSON-objekt).`);
    for (const key of Object.keys(value)) {
      if (!headerIndex.has(key)) {
        headerIndex.set(key, headers.length);
        headers.push(key);
      }
    }
    objects.push({ line: index + 1, value });
  });
  // Row numbers are line numbers shifted by one: the virtual header row is row 1.
  const rows: SourceRow[] = [{ rowNumber: 1, cells: headers }, ...objects.map(({ line, value }) => ({ rowNumber: line + 1, cells: headers.map((header) => value[header]) }))];
  return inMemorySource({ format: 'ndjson', encoding, delimiter: null, sheetNames: [], sheet: null }, rows);
}

function inMemorySource(info: SourceInfo, rows: SourceRow[]): Source {
  return {
    info,
    async read(onBatch, limit) {
      const end = limit ? Math.min(limit, rows.length) : rows.length;
      for (let start = 0; start < end; start += batchSize) {
        const keepGoing = await onBatch({ rows: rows.slice(start, Math.min(end, start + batchSize)), fraction: Math.min(end, start + batchSize) / end });
        if (keepGoing === false) return;
      }
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function openXlsx(filePath: string, options: ReadOptions): Source {
  let sheetNames: string[];
  try {
    sheetNames = xlsxSheetNames(filePath, inspectXlsx(filePath));
  } catch (error) {
    if (error instanceof ZipProblem) throw new FileProblem(error.reason === 'bomb' ? 'zip-bomb' : error.reason === 'truncated' ? 'truncated' : 'not-a-table', error.message);
    throw new FileProblem('truncated', 'Excel-filen er beskadiget og kan ikke læses. Åbn den i Excel og gem den igen.');
  }
  if (options.sheet && !sheetNames.includes(options.sheet)) {
    throw new FileProblem('no-sheet', `Arket "${options.sheet}" findes ikke i filen. Arkene hedder: ${sheetNames.join(', ')}.`);
  }
  const sheet = options.sheet ?? sheetNames[0] ?? null;
  const sheetIndex = sheet ? sheetNames.indexOf(sheet) : 0;
  const totalBytes = fs.statSync(filePath).size;
  return {
    info: { format: 'xlsx', encoding: null, delimiter: null, sheetNames, sheet },
    async read(onBatch, limit) {
      const input = fs.createReadStream(filePath);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        // Styles tell exceljs which numbers are dates.
        styles: 'cache',
        worksheets: 'emit',
        entries: 'ignore',
      });
      let consumerError: unknown = null;
      const consume = async (batch: SourceBatch) => {
        try {
          return await onBatch(batch);
        } catch (error) {
          consumerError = error;
          throw error;
        }
      };
      let rows: SourceRow[] = [];
      let seen = 0;
      let stop = false;
      try {
        let worksheetNumber = 0;
        for await (const worksheet of reader) {
          const current = worksheetNumber++;
          const name = (worksheet as unknown as { name?: string }).name;
          const isChosen = name && sheet ? name === sheet : current === sheetIndex;
          if (!isChosen) {
            // The zip stream must be drained to reach the next sheet.
            for await (const _row of worksheet) void _row;
            continue;
          }
          for await (const row of worksheet) {
            if (stop) continue;
            rows.push({ rowNumber: row.number, cells: cellValues(row.values as unknown[], row) });
            seen++;
            if (limit && seen >= limit) stop = true;
            if (rows.length >= batchSize || stop) {
              const keepGoing = await consume({ rows, fraction: Math.min(1, input.bytesRead / totalBytes) });
              rows = [];
              if (keepGoing === false) stop = true;
            }
            if (stop) break;
          }
          break;
        }
        if (rows.length > 0 && !stop) await consume({ rows, fraction: 1 });
      } catch (error) {
        // The consumer's own errors (a failed insert, a cancel) pass through; anything exceljs throws is the file's fault.
        if (error === consumerError || error instanceof FileProblem) throw error;
        const text = error instanceof Error ? error.message : String(error);
        throw new FileProblem('unreadable-xlsx', `Excel-filen er beskadiget og kan ikke læses (${text}). Åbn den i Excel og gem den igen.`);
      } finally {
        input.destroy();
      }
    },
  };
}

/**
 * Functions whose cached value came from outside the workbook (the web, another program, a
 * file). Ordinary formulas are read by their cached value; a cell using one of these is not
 * trusted, because the value it shows was fetched, not computed from the sheet.
 */
const externalFunctions = /\b(HYPERLINK|WEBSERVICE|FILTERXML|IMPORTXML|IMPORTDATA|RTD|DDE|CALL|REGISTER(\.ID)?|EXEC|INDIRECT)\s*\(/i;

/** A cell whose formula reaches outside the workbook; the row it is in is refused. */
export class ExternalFormulaCell {
  constructor(readonly formula: string) {}
  toString(): string {
    return `=${this.formula}`;
  }
}

/** exceljs rows are 1-based and hold formulas, rich text and hyperlinks as objects. */
function cellValues(values: unknown[], row?: ExcelJS.Row): unknown[] {
  const cells: unknown[] = [];
  for (let index = 1; index < values.length; index++) {
    const value = plainValue(values[index]);
    // Excel keeps 12,3 % as 0.123 with a percent format; the importer reads shares in per cent.
    if (typeof value === 'number' && row && row.getCell(index).numFmt?.includes('%')) cells.push(Math.round(value * 100 * 1e10) / 1e10);
    else cells.push(value);
  }
  return cells;
}

function plainValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  const object = value as Record<string, unknown>;
  if (typeof object.formula === 'string' && externalFunctions.test(object.formula)) return new ExternalFormulaCell(object.formula);
  if ('result' in object) return plainValue(object.result);
  if ('formula' in object || 'sharedFormula' in object) return null;
  if (Array.isArray(object.richText)) return (object.richText as { text: string }[]).map((part) => part.text).join('');
  if ('text' in object) return plainValue(object.text);
  if ('error' in object) return null;
  return String(value);
}
