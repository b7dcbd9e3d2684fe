/**
 * Months, half-years, periods and calendar dates: the one module for their arithmetic and checks,
 * used by the engine, the importer, the contract and the renderer. Canonical forms: a month
 * `YYYY-MM`, a half-year `YYYYH1`/`YYYYH2`, a date `YYYY-MM-DD`. (Danish wording of periods lives
 * with the words: `words-da.ts` / `period-words.ts`, the month names included.)
 */


/** The years a month or date may have (files outside these are wrong, not old or new). */
export const firstYear = 1900;
export const lastYear = 2200;

/** `2023`, `7` → `2023-07`. */
export function monthOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A month's number counted from year 0 (for differences and ordering). */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function addMonths(month: string, delta: number): string {
  const index = monthIndex(month) + delta;
  return monthOf(Math.floor(index / 12), (index % 12) + 1);
}

/** `count` months from `first` on. */
export function monthRange(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addMonths(first, index));
}

/** `2023H2` → 2023-07 … 2023-12; null when the text is not a half-year. */
export function halfYearMonthsOf(period: string): string[] | null {
  const match = /^(\d{4})H([12])$/.exec(period);
  return match ? monthRange(`${match[1]}-${match[2] === '1' ? '01' : '07'}`, 6) : null;
}

/** `2023-09` → `2023H2`. */
export function halfYearOf(month: string): string {
  return `${month.slice(0, 4)}H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/**
 * A period as the importer writes it (`2023-07-01`, `2023-07`, `2023Q3`, `2023`, `2022QMAT04`)
 * → its first and last month, so entries of any granularity compare with a half-year.
 */
export function periodSpan(text: string): { first: string; last: string } | null {
  const value = text.trim();
  let match = /^(\d{4})-(\d{2})(-\d{2})?$/.exec(value);
  if (match) return { first: `${match[1]}-${match[2]}`, last: `${match[1]}-${match[2]}` };
  match = /^(\d{4})QMAT0?([1-4])$/i.exec(value);
  if (match) {
    const last = monthOf(Number(match[1]), Number(match[2]) * 3);
    return { first: addMonths(last, -11), last };
  }
  match = /^(\d{4})Q([1-4])$/i.exec(value);
  if (match) {
    const quarter = Number(match[2]);
    return { first: monthOf(Number(match[1]), quarter * 3 - 2), last: monthOf(Number(match[1]), quarter * 3) };
  }
  match = /^(\d{4})$/.exec(value);
  if (match) return { first: `${match[1]}-01`, last: `${match[1]}-12` };
  return null;
}

/**
 * The month names and `describeMonth` ("2023-09" → "september 2023") are defined once, in the
 * words module `period-words.ts` (issue 15). `monthName` is kept as that function's other name
 * for `citizens/outlook.ts` (another area's file) until it imports `describeMonth` itself.
 */
export { describeMonth as monthName, monthNames } from './period-words';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A date N months later on the same day, or the month's last day when it is shorter (31 January + 1 → 28/29 February). */
export function addMonthsToDate(date: string, months: number): string {
  const shifted = addMonths(date.slice(0, 7), months);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(Number(shifted.slice(0, 4)), Number(shifted.slice(5, 7))));
  return `${shifted}-${String(day).padStart(2, '0')}`;
}

/** `2024-03-31` plus n days (calendar arithmetic in UTC, so no daylight-saving hour moves a day). */
export function addDaysToDate(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

/*
 * Calendar checks for dates, months and half-years where they enter (the contract, the CLI,
 * the services). `Date.parse('2025-02-30')` rolls over to 2 March, so the parts are checked
 * against the real calendar instead.
 */

const inYears = (year: number) => year >= firstYear && year <= lastYear;

/** True for a real `YYYY-MM-DD` date (2024-02-29 yes, 2025-02-29 and 2025-02-30 no). */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!inYears(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** True for a real month number in the years allowed. */
export function isMonthOf(year: number, month: number): boolean {
  return inYears(year) && Number.isInteger(month) && month >= 1 && month <= 12;
}

/** True for a real `YYYY-MM` month. */
export function isRealMonth(text: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return Boolean(match) && isMonthOf(Number(match![1]), Number(match![2]));
}

/** True for a half-year `YYYYH1` / `YYYYH2`. */
export function isHalfYear(text: string): boolean {
  const match = /^(\d{4})H([12])$/.exec(text);
  return Boolean(match) && inYears(Number(match![1]));
}

/** Today as `YYYY-MM-DD` in local time (the reviewer's calendar day, not UTC's). */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
