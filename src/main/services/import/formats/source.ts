import type { Delimiter } from '../delimiter';
import type { TextEncoding } from '../encoding';
import type { ImportFormat } from '../../../../shared/enums';
import { AppError } from '../../../../shared/errors';
import { importWords } from '../../../../shared/import-words-da';

/**
 * What every format reader gives the rest of the importer: a `Source` that streams `SourceRow`s.
 * The format modules (csv, xlsx, json, ndjson) are registered in `../readers.ts`.
 */
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
  /**
   * .xlsx only: the columns (0-based) where a cell had a percent number format, so its value
   * already arrived in per cent as Excel shows it (0.1561 → 15.61). A share-scale decision must
   * not scale these again. Filled while rows are read (the preview's first rows fill it early).
   */
  percentColumns?: number[];
}

/**
 * One row as the user sees it: `rowNumber` is the row number in Excel (1-based), the line number
 * in an NDJSON file (whose header row is virtual and numbered 0).
 *
 * Cells are `string`, `number`, `boolean`, `Date` (a date cell), `null`, or a `RefusedCell`.
 * A number from a percent-formatted .xlsx cell is already in per cent (0.1561 shown as 15,61 %
 * arrives as 15.61), as Excel shows it.
 */
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
export { AppError as FileProblem };

/**
 * A cell whose value cannot be trusted; the row it is in is refused, naming the cell, with
 * `reason` (Danish, says what to do). Never silently read as empty.
 */
export abstract class RefusedCell {
  abstract readonly reason: string;
}

/**
 * A cell whose formula reaches outside the workbook (the web, another program, a file): the
 * value it shows was fetched, not computed from the sheet.
 */
export class ExternalFormulaCell extends RefusedCell {
  constructor(readonly formula: string) {
    super();
  }
  get reason(): string {
    return importWords.xlsx.externalFormula(String(this).slice(0, 80));
  }
  toString(): string {
    return `=${this.formula}`;
  }
}

/**
 * A formula cell with no computed result in the file (openpyxl and SheetJS store none; XlsxWriter
 * stores a placeholder 0 and asks Excel to compute every formula on opening).
 */
export class UncachedFormulaCell extends RefusedCell {
  constructor(readonly formula: string) {
    super();
  }
  get reason(): string {
    return importWords.xlsx.uncachedFormula(String(this).slice(0, 80));
  }
  toString(): string {
    return `=${this.formula}`;
  }
}

/**
 * Functions whose cached value came from outside the workbook. Ordinary formulas are read by
 * their cached value; a cell using one of these is not trusted.
 */
export const externalFunctions = /\b(HYPERLINK|WEBSERVICE|FILTERXML|IMPORTXML|IMPORTDATA|RTD|DDE|CALL|REGISTER(\.ID)?|EXEC|INDIRECT)\s*\(/i;

export const batchSize = 20_000;

export function inMemorySource(info: SourceInfo, rows: SourceRow[]): Source {
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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A file as the registry hands it to a format: its path, size and first bytes (up to 64 KB). */
export interface OpenFile {
  path: string;
  size: number;
  head: Buffer;
}

/** One format: registered in the table in `../readers.ts`, asked in table order. */
export interface FormatReader {
  format: SourceFormat;
  /** Whether the first bytes look like this format (never the file name). */
  sniff(head: Buffer): boolean;
  open(file: OpenFile, options: ReadOptions): Promise<Source>;
}
