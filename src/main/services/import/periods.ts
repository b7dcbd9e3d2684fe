import { isMonthOf, monthOf } from '../../../shared/periods';
import { monthNames as sharedMonthNames } from '../../../shared/period-words';

/**
 * Periods as Jobindsats and Danish Excel write them, to one canonical form:
 * a month `YYYY-MM`, a quarter `YYYYQn`, a moving annual total `YYYYQMATnn`, a year `YYYY`.
 */
export type PeriodKind = 'month' | 'quarter' | 'mat' | 'year';
export interface Period {
  kind: PeriodKind;
  /** Canonical text: `2023-07`, `2023Q2`, `2022QMAT04`, `2023`. */
  value: string;
}

/** Month names a file may use: the Danish names (src/shared/periods.ts) and their first three letters, and the English ones that differ. */
const englishNames = { january: 1, february: 2, march: 3, may: 5, june: 6, july: 7, sept: 9, oct: 10, october: 10 };
const monthNumbers: Record<string, number> = Object.fromEntries([
  ...sharedMonthNames.flatMap((name, index) => [
    [name, index + 1],
    [name.slice(0, 3), index + 1],
  ]),
  ...Object.entries(englishNames),
]);

const month = (year: number, monthNumber: number): Period | null => (isMonthOf(year, monthNumber) ? { kind: 'month', value: monthOf(year, monthNumber) } : null);

/** Excel's day count (1900 system, with its phantom 29 February 1900) to a month. */
export function excelSerialToMonth(serial: number): Period | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 200000) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return month(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/** Order of day and month in date text such as 07/08/2023 (decided per column, `decisions.ts`); declared in `shared/enums.ts`. */
import type { DateOrder } from '../../../shared/enums';
export type { DateOrder };

/** The day and month parts of `a/b/yyyy` text, or null when the text is not such a date. */
export function dateParts(input: unknown): { first: number; second: number; year: number } | null {
  if (typeof input !== 'string') return null;
  const match = input.trim().match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$/i);
  return match ? { first: +match[1], second: +match[2], year: +match[3] } : null;
}

export function parsePeriod(input: unknown, dateOrder: DateOrder = 'day-first'): Period | null {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : month(input.getUTCFullYear(), input.getUTCMonth() + 1);
  if (typeof input === 'number') return Number.isInteger(input) && input >= 1900 && input <= 2200 ? { kind: 'year', value: String(input) } : excelSerialToMonth(input);
  if (typeof input !== 'string') return null;
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  let match: RegExpMatchArray | null;
  if ((match = text.match(/^(\d{4})\s*m\s*(\d{1,2})$/))) return month(+match[1], +match[2]);
  if ((match = text.match(/^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[t ].*)?$/))) return month(+match[1], +match[2]);
  if ((match = text.match(/^(\d{1,2})[-/.](\d{4})$/))) return month(+match[2], +match[1]);
  const parts = dateParts(text);
  if (parts) return month(parts.year, dateOrder === 'month-first' ? parts.first : parts.second);
  if ((match = text.match(/^(\d{4})\s*q\s*mat\s*(\d{1,2})$/))) {
    const quarter = +match[2];
    return quarter >= 1 && quarter <= 4 ? { kind: 'mat', value: `${match[1]}QMAT${String(quarter).padStart(2, '0')}` } : null;
  }
  if ((match = text.match(/^(\d{4})\s*[-]?\s*(?:q|k|kvt\.?|kvartal)\s*([1-4])$/))) return { kind: 'quarter', value: `${match[1]}Q${match[2]}` };
  if ((match = text.match(/^([1-4])\.?\s*(?:kvt\.?|kvartal)\s*(\d{4})$/))) return { kind: 'quarter', value: `${match[2]}Q${match[1]}` };
  if ((match = text.match(/^([a-zæøå]+)\.?[\s-]*(\d{4})$/))) {
    const monthNumber = monthNumbers[match[1]];
    return monthNumber ? month(+match[2], monthNumber) : null;
  }
  // Danish Excel saves a month-formatted date in CSV as "jul-23" or "okt. 23" (two-digit year).
  if ((match = text.match(/^([a-zæøå]+)\.?[\s-]*(\d{2})$/))) {
    const monthNumber = monthNumbers[match[1]];
    return monthNumber ? month(2000 + +match[2], monthNumber) : null;
  }
  if ((match = text.match(/^(\d{4})[\s-]*([a-zæøå]+)\.?$/))) {
    const monthNumber = monthNumbers[match[2]];
    return monthNumber ? month(+match[1], monthNumber) : null;
  }
  if ((match = text.match(/^(\d{4})$/))) return { kind: 'year', value: match[1] };
  // An Excel serial that reached us as text (a date column exported as numbers).
  if ((match = text.match(/^(\d{5})$/))) return excelSerialToMonth(+match[1]);
  return null;
}
