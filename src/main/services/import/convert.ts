import type { FieldId, ImportKind, Mapping } from './fields';
import { fieldLabels } from './fields';
import { parseNumber } from './numbers';
import { parsePeriod } from './periods';
import type { ReferenceLookup } from './reference-lookup';

/** One problem, where the user finds it in Excel. */
export interface RowProblem {
  row: number;
  /** Excel column letter, e.g. `C`; empty for a problem with the whole row. */
  column: string;
  message: string;
}

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
  | { kind: 'supervision'; municipalityCode: number; periodFrom: string; periodTo: string | null; note: string | null };

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

export function isBlankRow(cells: unknown[]): boolean {
  for (const cell of cells) if (cell !== null && cell !== undefined && String(cell).trim() !== '') return false;
  return true;
}

const groupIndex = new Map<string, number>();

/**
 * Converts one row of a file to the store's form, or says what is wrong with it. Everything the
 * issue asks to be checked is checked here: unknown municipality or group, unparseable number or
 * period, share outside 0–100, lacking > measured. Duplicate keys are checked by the caller.
 */
export function convertRow(
  kind: ImportKind,
  cells: unknown[],
  rowNumber: number,
  mapping: Mapping,
  lookup: ReferenceLookup,
  headerCount: number,
  problems: RowProblem[],
): ConvertedRow | null {
  const before = problems.length;
  const problem = (field: FieldId | null, message: string) =>
    problems.push({ row: rowNumber, column: field && mapping[field] !== undefined ? columnLetter(mapping[field]!) : '', message });
  const raw = (field: FieldId): unknown => {
    const index = mapping[field];
    return index === undefined ? undefined : cells[index];
  };
  const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

  if (headerCount > 0 && cells.length > headerCount && cells.slice(headerCount).some((cell) => !isEmpty(cell))) {
    problem(null, `Rækken har ${cells.length} felter, men overskriften har ${headerCount}: et skilletegn eller anførselstegn er sandsynligvis forkert.`);
    return null;
  }

  const municipalityRaw = raw('municipality');
  const municipalityCode = lookup.municipality(typeof municipalityRaw === 'string' ? municipalityRaw : municipalityRaw ?? '');
  if (isEmpty(municipalityRaw)) problem('municipality', 'Kommune mangler.');
  else if (municipalityCode === null) problem('municipality', `Ukendt kommune: "${String(municipalityRaw)}".`);

  const periodRaw = raw('period');
  const period = isEmpty(periodRaw) ? null : parsePeriod(periodRaw);
  if (isEmpty(periodRaw)) problem('period', 'Periode mangler.');
  else if (!period) problem('period', `Perioden "${String(periodRaw)}" kan ikke læses (skriv fx 2023M07, 2023-07, juli 2023 eller 2023Q2).`);

  const count = (field: FieldId): number | null => {
    const value = raw(field);
    if (value === undefined) return null;
    const parsed = parseNumber(value);
    if (!parsed.ok) {
      problem(field, `${fieldLabels[field]}: "${String(value)}" er ikke et tal.`);
      return null;
    }
    if (parsed.value === null) return null;
    if (parsed.percent) {
      problem(field, `${fieldLabels[field]}: "${String(value)}" er en procentsats, men kolonnen skal indeholde et antal.`);
      return null;
    }
    return parsed.value;
  };
  const wholeCount = (field: FieldId, allowNegative = false): number | null => {
    const value = count(field);
    if (value === null) return null;
    if (!Number.isInteger(value)) {
      problem(field, `${fieldLabels[field]}: ${String(raw(field))} er ikke et helt tal.`);
      return null;
    }
    if (!allowNegative && value < 0) {
      problem(field, `${fieldLabels[field]}: ${value} er negativt.`);
      return null;
    }
    return value;
  };
  /** Per cent in the file (0–100), a fraction in the store. */
  const share = (field: FieldId, allowNegative = false): number | null => {
    const value = raw(field);
    if (value === undefined) return null;
    const parsed = parseNumber(value);
    if (!parsed.ok) {
      problem(field, `${fieldLabels[field]}: "${String(value)}" er ikke et tal.`);
      return null;
    }
    if (parsed.value === null) return null;
    if (!allowNegative && (parsed.value < 0 || parsed.value > 100)) {
      problem(field, `${fieldLabels[field]}: ${String(value)} ligger ikke mellem 0 og 100 %.`);
      return null;
    }
    return parsed.value / 100;
  };

  if (kind === 'supervision') {
    const toRaw = raw('periodTo');
    const periodTo = isEmpty(toRaw) ? null : parsePeriod(toRaw);
    if (!isEmpty(toRaw) && !periodTo) problem('periodTo', `Perioden "${String(toRaw)}" kan ikke læses.`);
    const note = raw('note');
    if (problems.length > before || municipalityCode === null || !period) return null;
    return { kind, municipalityCode, periodFrom: period.value, periodTo: periodTo?.value ?? null, note: isEmpty(note) ? null : String(note).trim() };
  }

  const groupRaw = raw('group');
  const groupText = isEmpty(groupRaw) ? '' : String(groupRaw).trim();
  if (!groupText) problem('group', 'Ydelsesgruppe mangler.');

  if (kind === 'benchmark') {
    const values = {
      expectedCount: wholeCount('expectedCount', true),
      actualCount: wholeCount('actualCount', true),
      differenceCount: wholeCount('differenceCount', true),
      expectedShare: share('expectedShare'),
      actualShare: share('actualShare'),
      differencePoints: count('differencePoints'),
      rank: wholeCount('rank'),
    };
    if (problems.length > before || municipalityCode === null || !period) return null;
    return { kind, municipalityCode, groupLabel: groupText, period: period.value, ...values };
  }

  let groupId: string | null = null;
  if (groupText && kind === 'measurement') {
    groupId = lookup.group(groupText);
    if (!groupId) problem('group', `Ukendt ydelsesgruppe: "${groupText}".`);
  }
  if (kind === 'measurement' && period && period.kind !== 'month') {
    problem('period', `Målinger skal være pr. måned; "${String(periodRaw)}" er ${period.kind === 'year' ? 'et år' : 'et kvartal'}.`);
  }

  const measured = wholeCount('measured');
  const topic = (lackingField: FieldId, withField: FieldId, lackingShareField: FieldId, withShareField: FieldId) => {
    let lacking = wholeCount(lackingField);
    const withCount = wholeCount(withField);
    let lackingShare = share(lackingShareField);
    const withShare = share(withShareField);
    if (lacking === null && withCount !== null) {
      if (measured === null) problem(withField, `${fieldLabels[withField]} kan ikke omregnes til "uden", fordi antal borgere mangler.`);
      else if (withCount > measured) problem(withField, `${fieldLabels[withField]} (${withCount}) er større end antal borgere (${measured}).`);
      else lacking = measured - withCount;
    } else if (lacking !== null && measured !== null && lacking > measured) {
      problem(lackingField, `${fieldLabels[lackingField]} (${lacking}) er større end antal borgere (${measured}).`);
    }
    // A share stays a share: it is never multiplied back into a count.
    if (lackingShare === null && withShare !== null) lackingShare = Math.round((1 - withShare) * 1e12) / 1e12;
    return { lacking, lackingShare };
  };
  const interviews = topic('interviewsLacking', 'interviewsWith', 'interviewsLackingShare', 'interviewsWithShare');
  const offers = topic('offersLacking', 'offersWith', 'offersLackingShare', 'offersWithShare');
  if (problems.length > before || municipalityCode === null || !period) return null;
  const hasCounts = interviews.lacking !== null || offers.lacking !== null;
  const hasShares = interviews.lackingShare !== null || offers.lackingShare !== null;
  const values: MeasureValues = {
    measured,
    interviewsLacking: interviews.lacking,
    interviewsLackingShare: interviews.lackingShare,
    offersLacking: offers.lacking,
    offersLackingShare: offers.lackingShare,
    sourceForm: !hasCounts && hasShares ? 'shares' : 'counts',
  };
  if (kind === 'focus') return { kind, municipalityCode, groupLabel: groupText, period: period.value, ...values };
  return { kind: 'measurement', municipalityCode, groupId: groupId!, month: period.value, ...values };
}

/** A number per measurement key, so a million keys fit in a Set cheaply. */
export function measurementKey(row: { municipalityCode: number; groupId: string; month: string }): number {
  let index = groupIndex.get(row.groupId);
  if (index === undefined) {
    index = groupIndex.size + 1;
    groupIndex.set(row.groupId, index);
  }
  const yearMonth = Number(row.month.slice(0, 4)) * 100 + Number(row.month.slice(5, 7));
  return (row.municipalityCode * 64 + index) * 1_000_000 + yearMonth;
}

export function rowKey(row: ConvertedRow): number | string {
  switch (row.kind) {
    case 'measurement':
      return measurementKey(row);
    case 'focus':
    case 'benchmark':
      return `${row.municipalityCode}|${row.groupLabel.toLocaleLowerCase('da-DK')}|${row.period}`;
    case 'supervision':
      return `${row.municipalityCode}|${row.periodFrom}|${row.periodTo ?? ''}`;
  }
}
