import { fieldLabels, type FieldId, type ImportKind, type Mapping } from '../fields';
import { classifyRow, skippedText } from './non-data';
import type { SkippedRow } from './types';
import { importWords } from '../../../../shared/import-words-da';

const labelFields: FieldId[] = ['municipality', 'group', 'period'];

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * Row labels written once per block (merged cells, a pandas MultiIndex): a blank label cell in a
 * row that has other values takes the label above it. Only label columns are filled (area,
 * benefit group, period), never a figure: a blank figure stays blank.
 */
export class LabelFiller {
  private readonly columns: { label: string; index: number }[];
  private readonly last = new Map<number, unknown>();
  private readonly filled = new Map<string, number>();
  private rowFills: string[] = [];

  constructor(mapping: Mapping, extraColumns: { label: string; index: number }[] = []) {
    this.columns = [
      ...labelFields.filter((field) => mapping[field] !== undefined).map((field) => ({ label: fieldLabels[field], index: mapping[field]! })),
      ...extraColumns,
    ];
  }

  /** Fills `cells` in place; returns it. Counted only when the row is kept (`keep`). */
  fill(cells: unknown[]): unknown[] {
    this.rowFills = [];
    const labelIndexes = new Set(this.columns.map((column) => column.index));
    const hasOther = cells.some((cell, index) => !labelIndexes.has(index) && !isBlank(cell));
    for (const { label, index } of this.columns) {
      const value = cells[index];
      if (!isBlank(value)) {
        this.last.set(index, value);
        continue;
      }
      if (!hasOther || !this.last.has(index)) continue;
      while (cells.length <= index) cells.push(null);
      cells[index] = this.last.get(index);
      this.rowFills.push(label);
    }
    return cells;
  }

  /** The last filled row is stored: its filled labels count in the report. */
  keep(): void {
    for (const label of this.rowFills) this.filled.set(label, (this.filled.get(label) ?? 0) + 1);
    this.rowFills = [];
  }

  /** Forgets the labels (after a note or a blank line a new block starts). */
  reset(): void {
    this.last.clear();
  }

  notes(): string[] {
    return [...this.filled].map(
      ([label, count]) => importWords.layouts.filledDown(label, count),
    );
  }

  /** Whether any label in the sample would be filled (detection). */
  static wouldFill(rows: unknown[][], mapping: Mapping): boolean {
    const probe = new LabelFiller(mapping);
    for (const cells of rows) {
      probe.fill([...cells]);
      probe.keep();
    }
    return probe.filled.size > 0;
  }
}


/**
 * One source row of a file with block labels: a note row is skipped and starts a new block; else
 * the labels are filled down, and a total or blank row is skipped. Returns the filled cells of a
 * data row (its fills then count in the report), or null when the row was skipped.
 */
export function fillDataRow(filler: LabelFiller, row: { rowNumber: number; cells: unknown[] }, kind: ImportKind, mapping: Mapping, skipped: SkippedRow[]): unknown[] | null {
  if (classifyRow(row.cells, kind, {}) === 'note') {
    skipped.push({ row: row.rowNumber, reason: 'note', text: skippedText(row.cells) });
    filler.reset();
    return null;
  }
  const cells = filler.fill([...row.cells]);
  const reason = classifyRow(cells, kind, mapping);
  if (reason) {
    skipped.push({ row: row.rowNumber, reason, text: skippedText(cells) });
    return null;
  }
  filler.keep();
  return cells;
}
