import type { ImportProblem } from '../../../shared/api/import';
import { importWords } from '../../../shared/import-words-da';
import type { Db } from '../store';
import { isCitizenKind, maskIdsInText } from './citizen-fields';
import { columnLetter, RowConverter, isBlankRow, rowKey, type ConvertedRow, type RowProblem } from './convert';
import { KeyIndex } from './key-index';
import type { Layout } from './layout';
import type { LongRow, SkippedRow } from './layouts';
import { buildReferenceLookup } from './reference-lookup';

/**
 * The reading half of an import, a module of its own since pipeline.ts held both halves in 600
 * lines: every row of the file once, laid out (long, wide, blocks), converted, validated and checked
 * for duplicate keys; the good rows are handed on batch by batch, the problems summed up. What it
 * needs from the store (the names and codes the rows are checked against) is read before the first
 * row. Storing the rows is the caller's (`pipeline.ts`).
 */

const keptProblems = 1000;

/** The good rows of one batch of the file, and how far the reading is. */
export interface RowsBatch {
  good: ConvertedRow[];
  rowsRead: number;
  /** How much of the file is read (1 at the end; null when unknown). */
  fraction: number | null;
}

/** What the reading found, besides the good rows. */
export interface ReadSummary {
  rowsRead: number;
  rowsValid: number;
  rowsWithProblems: number;
  problems: ImportProblem[];
  problemsTotal: number;
  skippedRows: SkippedRow[];
  skippedRowsTotal: number;
  /** What the layout did while reading (filled-down labels), in Danish. */
  notes: string[];
}

/**
 * The problems of a file, with repeats summarised: the same problem in the same column is one
 * line with a count and its first rows, so a file that repeats itself gives one line, not thousands.
 */
class ProblemList {
  readonly entries: ImportProblem[] = [];
  private readonly byKey = new Map<string, ImportProblem>();
  total = 0;

  add(problem: RowProblem, layout: Layout): void {
    this.total++;
    const key = `${problem.column}\u0000${problem.summary ?? problem.message}`;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.count = (existing.count ?? 1) + 1;
      if (existing.rows!.length < 20) existing.rows!.push(problem.row);
      if (problem.summary) existing.message = problem.summary;
      return;
    }
    if (this.entries.length >= keptProblems) return;
    const entry: ImportProblem = { ...toProblem(problem, layout), count: 1, rows: [problem.row] };
    // citizens (issue 10): whatever the kind (a CPR column mapped as a municipality too), no message carries a full CPR number.
    entry.message = maskIdsInText(entry.message);
    this.entries.push(entry);
    this.byKey.set(key, entry);
  }

  /** Single problems keep their plain form. */
  list(): ImportProblem[] {
    return this.entries.map((entry) => {
      if ((entry.count ?? 1) > 1) return entry;
      const { count: _count, rows: _rows, ...plain } = entry;
      return plain;
    });
  }
}

function toProblem(problem: RowProblem, layout: Layout): ImportProblem {
  const index = problem.column ? columnIndex(problem.column) : -1;
  return { row: problem.row, column: problem.column, header: index >= 0 ? (layout.headers[index] ?? null) : null, message: problem.message };
}

function columnIndex(letters: string): number {
  let value = 0;
  for (const letter of letters) value = value * 26 + (letter.charCodeAt(0) - 64);
  return value - 1;
}

/** A long row's problem names the source column it came from (a wide file's month column). */
function sourceColumn(column: string, row: LongRow): string {
  if (!row.columns || !column) return column;
  const index = row.columns[columnIndex(column)];
  return index !== undefined && index >= 0 ? columnLetter(index) : column;
}

/**
 * Reads every row once and hands the good ones to `onBatch`, after each batch of the file and once
 * more at the end (the rows a layout held back until then, with fraction 1). The reading waits for
 * `onBatch` before it goes on, so a slow consumer holds the file, not memory.
 */
export async function readRows(db: Db, layout: Layout, onBatch: (batch: RowsBatch) => void | Promise<void>): Promise<ReadSummary> {
  const lookup = buildReferenceLookup(db, { dateOrder: layout.dateOrder?.order ?? undefined });
  const summary: ReadSummary = {
    rowsRead: 0,
    rowsValid: 0,
    rowsWithProblems: 0,
    problems: [],
    problemsTotal: 0,
    skippedRows: [],
    skippedRowsTotal: 0,
    notes: [],
  };
  const problemList = new ProblemList();
  const seen = new KeyIndex();
  const { plan } = layout;
  const keyColumn = isCitizenKind(layout.kind) ? plan.longMapping.citizenId : plan.longMapping.municipality;
  const rowProblems: RowProblem[] = [];
  const converter = new RowConverter(layout.kind, plan.longMapping, lookup, plan.longHeaders.length, layout.shareScales, layout.dateOrder?.order);
  const transformer = plan.createTransformer();
  const longRows: LongRow[] = [];
  const skipped: SkippedRow[] = [];
  const duplicateWhat = isCitizenKind(layout.kind)
    ? importWords.run.duplicateCitizen // citizens (issue 10): the same spell twice
    : importWords.run.duplicateMeasurement(layout.kind === 'supervision');
  const duplicateSummary = importWords.run.duplicateSummary(duplicateWhat);
  // citizens (issue 10): a spell and the events from its row stand or fall together (one source row, one unit).
  const wholeSourceRow = plan.id === 'spell-events';
  let unitRow = -1;
  let unitStart = 0;
  let unitBad = false;
  const convertAll = (good: ConvertedRow[]) => {
    unitRow = -1;
    for (const row of longRows) {
      summary.rowsRead++;
      rowProblems.length = 0;
      if (wholeSourceRow && row.rowNumber !== unitRow) {
        unitRow = row.rowNumber;
        unitStart = good.length;
        unitBad = false;
      }
      if (row.problem) rowProblems.push({ row: row.rowNumber, column: '', message: row.problem });
      const converted = row.problem ? null : converter.convert(row.cells, row.rowNumber, rowProblems);
      if (converted) {
        const key = rowKey(converted);
        const earlier = key === null ? 0 : seen.firstRow(key, row.rowNumber);
        if (earlier !== 0) {
          rowProblems.push({
            row: row.rowNumber,
            column: keyColumn !== undefined ? columnLetter(keyColumn) : '',
            message: importWords.run.duplicateOf(duplicateWhat, earlier),
            summary: duplicateSummary,
          });
        } else if (!unitBad) good.push(converted);
      }
      if (wholeSourceRow && rowProblems.length > 0) {
        unitBad = true;
        good.length = unitStart;
      }
      if (rowProblems.length > 0) {
        summary.rowsWithProblems++;
        for (const problem of rowProblems) problemList.add(row.columns ? { ...problem, column: sourceColumn(problem.column, row) } : problem, layout);
      }
    }
    longRows.length = 0;
    for (const row of skipped) {
      summary.skippedRowsTotal++;
      if (summary.skippedRows.length < keptProblems) summary.skippedRows.push(row);
    }
    skipped.length = 0;
    summary.rowsValid += good.length;
  };
  await layout.source.read(async ({ rows, fraction }) => {
    const good: ConvertedRow[] = [];
    for (const row of rows) {
      if (row.rowNumber <= layout.headerRow || isBlankRow(row.cells)) continue;
      transformer.push(row, longRows, skipped);
    }
    convertAll(good);
    await onBatch({ good, rowsRead: summary.rowsRead, fraction });
  });
  transformer.finish(longRows);
  const last: ConvertedRow[] = [];
  convertAll(last);
  await onBatch({ good: last, rowsRead: summary.rowsRead, fraction: 1 });
  summary.problems = problemList.list();
  summary.problemsTotal = problemList.total;
  summary.notes = transformer.notes();
  return summary;
}
