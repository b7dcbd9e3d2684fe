import type { SkippedReason } from '../../../../shared/enums';
import type { ImportKind, Mapping } from '../fields';
import type { SourceRow } from '../readers';

/** How a table is laid out (DESIGN.md "Readers and layouts"); one module each, listed in `index.ts`. */
import type { ImportLayout as LayoutId } from '../../../../shared/enums';
export type { LayoutId };

/** What detection knows about a table before reading it all. */
export interface LayoutContext {
  kind: ImportKind;
  headerRow: number;
  headers: string[];
  /** The mapping of the source columns (field → column index). */
  mapping: Mapping;
  /** The first rows after the header row. */
  sampleRows: SourceRow[];
  /** The sheet name and the title lines above the header (a wide sheet's measure may be named there). */
  sheet: string | null;
  titleLines: string[];
  /** A wide file without a measure column: which field its numbers are (the user's choice). */
  wideMeasure?: string;
}

/** A row in long form; `columns` gives the source column of each cell (for messages). */
export interface LongRow extends SourceRow {
  columns?: number[];
}

/** A row left out on purpose (note under the table, a total row), listed in the report. */
export interface SkippedRow {
  row: number;
  reason: SkippedReason;
  /** The row's first text, for the report. */
  text: string;
}

export interface RowTransformer {
  /** Adds the long rows made from one source row to `out`, or the row to `skipped`. */
  push(row: SourceRow, out: LongRow[], skipped: SkippedRow[]): void;
  /** Rows kept back until the whole file was seen (wide files with a measure column). */
  finish(out: LongRow[]): void;
  /** What was done that the user should know (Danish), after the pass. */
  notes(): string[];
}

/** A layout applied to one file: the long headers and mapping the converter reads. */
export interface LayoutPlan {
  id: LayoutId;
  longHeaders: string[];
  longMapping: Mapping;
  createTransformer(): RowTransformer;
  /** Decisions known before reading (e.g. "months as columns: 2023-01 … 2023-12"). */
  decisions: string[];
  /**
   * A wide sheet without a measure column: the fields its numbers may be, and the one in use
   * (null until the sheet's name, a title line or the user says which; nothing is stored before).
   */
  measureChoice?: { fields: string[]; field: string | null; problem: string | null };
}

export interface LayoutModule {
  id: LayoutId;
  /** How well the layout fits the sample (0 = not at all); detection takes the highest. */
  detect(context: LayoutContext): number;
  /** The plan, or a Danish reason why the file cannot be read this way. */
  plan(context: LayoutContext): LayoutPlan | { problem: string };
}
