import { RefusedCell } from './readers';
import type { FieldId, ImportKind, Mapping } from './fields';
import { fieldLabels } from './fields';
import { importWords } from '../../../shared/import-words-da';
import { parseNumber } from './numbers';
import { parsePeriod } from './periods';
import type { ReferenceLookup } from './reference-lookup';
// citizens (issue 10)
import { CitizenConverter, spellKey, type CitizenRow } from './citizen-rows';
import { isCitizenKind } from './citizen-fields';
import type { DateOrder } from './periods';
// cit-import (issue 15): the row, its cells and its problems are read the same way by every converter.
import { columnLetter, RowReader, type RowProblem } from './row-reader';
export { columnLetter, type RowProblem } from './row-reader';

const words = importWords.rows;

/** How a share column's numbers are written (declared in `shared/enums.ts`). */
import type { ShareScale } from '../../../shared/enums';
export type { ShareScale };

export interface MeasureValues {
  measured: number | null;
  interviewsLacking: number | null;
  interviewsLackingShare: number | null;
  offersLacking: number | null;
  offersLackingShare: number | null;
  sourceForm: 'counts' | 'shares';
}

export type ConvertedRow =
  | ({ kind: 'measurement'; municipalityCode: number; groupId: string; month: string } & MeasureValues)
  | ({ kind: 'focus'; municipalityCode: number; groupLabel: string; period: string } & MeasureValues)
  | {
      kind: 'benchmark';
      municipalityCode: number;
      groupLabel: string;
      period: string;
      expectedCount: number | null;
      actualCount: number | null;
      differenceCount: number | null;
      expectedShare: number | null;
      actualShare: number | null;
      differencePoints: number | null;
      rank: number | null;
    }
  | { kind: 'supervision'; municipalityCode: number; periodFrom: string; periodTo: string | null; note: string | null }
  // citizens (issue 10): spells and events (`citizen-rows.ts`)
  | CitizenRow;

export function isBlankRow(cells: unknown[]): boolean {
  for (const cell of cells) if (cell !== null && cell !== undefined && String(cell).trim() !== '') return false;
  return true;
}

const groupIndex = new Map<string, number>();

const plainInteger = /^\d{1,15}$/;
const plainDecimal = /^-?\d{1,15}(,\d{1,15})?$/;

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Converts rows of a file to the store's form, or says what is wrong with them. Everything the
 * issue asks to be checked is checked here: unknown municipality or group, unparseable number or
 * period, share outside 0–100, lacking > measured. Duplicate keys are checked by the caller.
 * A class with methods rather than closures per row: this runs a million times per file.
 */
export class RowConverter extends RowReader {
  /** citizens (issue 10): spells and events are converted by their own module. */
  private readonly citizen: CitizenConverter | null;

  constructor(
    private readonly kind: ImportKind,
    mapping: Mapping,
    private readonly lookup: ReferenceLookup,
    private readonly headerCount: number,
    private readonly shareScales: Partial<Record<FieldId, ShareScale>> = {},
    dateOrder?: DateOrder | null,
  ) {
    super(mapping);
    this.citizen = isCitizenKind(kind) ? new CitizenConverter(kind, mapping, lookup, dateOrder ?? 'day-first') : null;
  }

  private count(field: FieldId): number | null {
    const value = this.raw(field);
    if (value === undefined) return null;
    if (typeof value === 'number') return value;
    // Plain digits are most cells of a big file: no allocation for them.
    if (typeof value === 'string' && plainInteger.test(value)) return Number(value);
    const parsed = parseNumber(value);
    if (!parsed.ok) {
      this.problem(field, words.notANumber(fieldLabels[field], String(value)));
      return null;
    }
    if (parsed.value === null) return null;
    if (parsed.percent) {
      this.problem(field, words.percentInCount(fieldLabels[field], String(value)));
      return null;
    }
    return parsed.value;
  }

  private wholeCount(field: FieldId, allowNegative = false): number | null {
    const value = this.count(field);
    if (value === null) return null;
    if (!Number.isInteger(value)) {
      this.problem(field, words.notWhole(fieldLabels[field], String(this.raw(field))));
      return null;
    }
    if (!allowNegative && value < 0) {
      this.problem(field, words.negative(fieldLabels[field], value));
      return null;
    }
    return value;
  }

  /** Per cent in the file (0–100), a fraction in the store. */
  private share(field: FieldId): number | null {
    const value = this.raw(field);
    if (value === undefined) return null;
    let number: number;
    let percentSign = false;
    if (typeof value === 'number') number = value;
    else if (typeof value === 'string' && plainDecimal.test(value)) number = Number(value.replace(',', '.'));
    else {
      const parsed = parseNumber(value);
      if (!parsed.ok) {
        this.problem(field, words.notANumber(fieldLabels[field], String(value)));
        return null;
      }
      if (parsed.value === null) return null;
      number = parsed.value;
      percentSign = parsed.percent;
    }
    if (!percentSign && this.shareScales[field] === 'fraction') {
      if (number < 0 || number > 1) {
        this.problem(field, words.fractionOutOfRange(fieldLabels[field], String(value)));
        return null;
      }
      return number;
    }
    if (number < 0 || number > 100) {
      this.problem(field, words.percentOutOfRange(fieldLabels[field], String(value)));
      return null;
    }
    return number / 100;
  }

  /** Sets `lacking` and `lackingShare` for interviews or offers (fields, not a new object per row). */
  private lacking: number | null = null;
  private lackingShare: number | null = null;
  private topic(measured: number | null, lackingField: FieldId, withField: FieldId, lackingShareField: FieldId, withShareField: FieldId): void {
    let lacking = this.wholeCount(lackingField);
    const withCount = this.wholeCount(withField);
    let lackingShare = this.share(lackingShareField);
    const withShare = this.share(withShareField);
    if (lacking === null && withCount !== null) {
      if (measured === null) this.problem(withField, words.withoutMeasured(fieldLabels[withField]));
      else if (withCount > measured) this.problem(withField, words.moreThanMeasured(fieldLabels[withField], withCount, measured));
      else lacking = measured - withCount;
    } else if (lacking !== null && measured !== null && lacking > measured) {
      this.problem(lackingField, words.moreThanMeasured(fieldLabels[lackingField], lacking, measured));
    }
    // A share stays a share: it is never multiplied back into a count.
    if (lackingShare === null && withShare !== null) lackingShare = Math.round((1 - withShare) * 1e12) / 1e12;
    this.lacking = lacking;
    this.lackingShare = lackingShare;
  }

  convert(cells: unknown[], rowNumber: number, problems: RowProblem[]): ConvertedRow | null {
    this.cells = cells;
    this.rowNumber = rowNumber;
    this.problems = problems;
    const before = problems.length;
    const { kind, headerCount } = this;

    if (headerCount > 0 && cells.length > headerCount && cells.slice(headerCount).some((cell) => !isEmpty(cell))) {
      this.problem(null, words.tooManyCells(cells.length, headerCount));
      return null;
    }

    // Cells the reader could not trust (a formula fetching from outside, one with no computed value): each named.
    let refused = false;
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index];
      // Text and numbers (nearly every cell) are never refused: no class check for them.
      if (typeof cell === 'object' && cell !== null && cell instanceof RefusedCell) {
        this.problems.push({ row: rowNumber, column: columnLetter(index), message: cell.reason });
        refused = true;
      }
    }
    if (refused) return null;
    if (this.citizen) return this.citizen.convert(cells, rowNumber, problems);

    const municipalityRaw = this.raw('municipality');
    const municipalityCode = isEmpty(municipalityRaw) ? null : this.lookup.municipality(municipalityRaw);
    if (isEmpty(municipalityRaw)) this.problem('municipality', words.municipalityMissing);
    else if (municipalityCode === null) {
      const nearest = this.lookup.suggestMunicipalities(municipalityRaw);
      this.problem('municipality', words.unknownMunicipality(String(municipalityRaw), nearest));
    }

    const periodRaw = this.raw('period');
    const period = isEmpty(periodRaw) ? null : this.lookup.period(periodRaw);
    if (isEmpty(periodRaw)) this.problem('period', words.periodMissing);
    else if (!period) this.problem('period', words.badPeriod(String(periodRaw)));

    if (kind === 'supervision' || kind === 'spells' || kind === 'events') {
      if (kind !== 'supervision') return null;
      const toRaw = this.raw('periodTo');
      const periodTo = isEmpty(toRaw) ? null : parsePeriod(toRaw);
      if (!isEmpty(toRaw) && !periodTo) this.problem('periodTo', importWords.supervisionList.badPeriodTo(String(toRaw)));
      const note = this.raw('note');
      if (problems.length > before || municipalityCode === null || !period) return null;
      return { kind, municipalityCode, periodFrom: period.value, periodTo: periodTo?.value ?? null, note: isEmpty(note) ? null : String(note).trim() };
    }

    const groupRaw = this.raw('group');
    const groupText = isEmpty(groupRaw) ? '' : String(groupRaw).trim();
    if (!groupText) this.problem('group', words.groupMissing);

    if (kind === 'benchmark') {
      const expectedCount = this.wholeCount('expectedCount', true);
      const actualCount = this.wholeCount('actualCount', true);
      const differenceCount = this.wholeCount('differenceCount', true);
      const expectedShare = this.share('expectedShare');
      const actualShare = this.share('actualShare');
      const differencePoints = this.count('differencePoints');
      const rank = this.wholeCount('rank');
      if (problems.length > before || municipalityCode === null || !period) return null;
      return { kind, municipalityCode, groupLabel: groupText, period: period.value, expectedCount, actualCount, differenceCount, expectedShare, actualShare, differencePoints, rank };
    }

    let groupId: string | null = null;
    if (groupText && kind === 'measurement') {
      groupId = this.lookup.group(groupText);
      if (!groupId) this.problem('group', words.unknownGroup(groupText));
    }
    if (kind === 'measurement' && period && period.kind !== 'month') {
      this.problem('period', words.notMonthly(String(periodRaw), period.kind === 'year'));
    }

    const measured = this.wholeCount('measured');
    this.topic(measured, 'interviewsLacking', 'interviewsWith', 'interviewsLackingShare', 'interviewsWithShare');
    const interviewsLacking = this.lacking;
    const interviewsLackingShare = this.lackingShare;
    this.topic(measured, 'offersLacking', 'offersWith', 'offersLackingShare', 'offersWithShare');
    const offersLacking = this.lacking;
    const offersLackingShare = this.lackingShare;
    if (problems.length > before || municipalityCode === null || !period) return null;
    const hasCounts = interviewsLacking !== null || offersLacking !== null;
    const hasShares = interviewsLackingShare !== null || offersLackingShare !== null;
    const sourceForm = !hasCounts && hasShares ? 'shares' : 'counts';
    if (kind === 'focus') {
      return { kind, municipalityCode, groupLabel: groupText, period: period.value, measured, interviewsLacking, interviewsLackingShare, offersLacking, offersLackingShare, sourceForm };
    }
    return { kind: 'measurement', municipalityCode, groupId: groupId!, month: period.value, measured, interviewsLacking, interviewsLackingShare, offersLacking, offersLackingShare, sourceForm };
  }
}

/** A small integer per measurement key (V8 keeps it unboxed), so a million keys fit in a Map cheaply. */
function measurementKey(row: { municipalityCode: number; groupId: string; month: string }): number {
  let index = groupIndex.get(row.groupId);
  if (index === undefined) {
    index = groupIndex.size + 1;
    groupIndex.set(row.groupId, index);
  }
  const monthIndex = (Number(row.month.slice(0, 4)) - 1900) * 12 + Number(row.month.slice(5, 7));
  return (row.municipalityCode * 16 + index) * 4000 + monthIndex;
}

/** The key of the duplicate check within a file; null for rows that may repeat (events: the engine counts distinct ones). */
export function rowKey(row: ConvertedRow): number | string | null {
  switch (row.kind) {
    case 'spells':
      return spellKey(row);
    case 'events':
      return null;
    case 'measurement':
      return measurementKey(row);
    case 'focus':
    case 'benchmark':
      return `${row.municipalityCode}|${row.groupLabel.toLocaleLowerCase('da-DK')}|${row.period}`;
    case 'supervision':
      return `${row.municipalityCode}|${row.periodFrom}|${row.periodTo ?? ''}`;
  }
}
