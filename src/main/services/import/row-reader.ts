import type { FieldId, Mapping } from './fields';

/**
 * What every row converter shares (the measurement kinds' `convert.ts` and the citizen kinds'
 * `citizen-rows.ts`): the row being read, its cells by field, and its problems named by row and
 * Excel column. A module of its own because `convert.ts` uses the citizen converter: a base class
 * there would be imported in a cycle (cit-import, issue 15: one definition of `problem`/`raw`).
 */

/** One problem, where the user finds it in Excel. */
export interface RowProblem {
  row: number;
  /** Excel column letter, e.g. `C`; empty for a problem with the whole row. */
  column: string;
  message: string;
  /**
   * The same problem in words that fit every row it occurs in, so that repeats are shown as one
   * line with a count (a duplicate key names its first row in `message`, not here).
   */
  summary?: string;
}

export function columnLetter(index: number): string {
  let letters = '';
  let rest = index + 1;
  while (rest > 0) {
    const remainder = (rest - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** The row a converter is reading: set by `convert`, read by the field readers of the subclass. */
export abstract class RowReader {
  protected cells: unknown[] = [];
  protected rowNumber = 0;
  protected problems: RowProblem[] = [];

  constructor(protected readonly mapping: Mapping) {}

  /** Records a problem of this row in the field's column (the whole row when `field` is null or unmapped). */
  protected problem(field: FieldId | null, message: string): void {
    const index = field ? this.mapping[field] : undefined;
    this.problems.push({ row: this.rowNumber, column: index !== undefined ? columnLetter(index) : '', message });
  }

  /** The field's cell in this row; undefined when the field is not mapped. */
  protected raw(field: FieldId): unknown {
    const index = this.mapping[field];
    return index === undefined ? undefined : this.cells[index];
  }
}
