/**
 * Calendar checks for dates, months and half-years where they enter (the contract, the CLI,
 * the services). `Date.parse('2025-02-30')` rolls over to 2 March, so the parts are checked
 * against the real calendar instead.
 */

/** True for a real `YYYY-MM-DD` date (2024-02-29 yes, 2025-02-29 and 2025-02-30 no). */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real `YYYY-MM` month. */
export function isRealMonth(text: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return Boolean(match) && Number(match![1]) >= 1900 && Number(match![1]) <= 2200 && Number(match![2]) >= 1 && Number(match![2]) <= 12;
}

/** True for a half-year `YYYYH1` / `YYYYH2`. */
export function isHalfYear(text: string): boolean {
  const match = /^(\d{4})H([12])$/.exec(text);
  return Boolean(match) && Number(match![1]) >= 1900 && Number(match![1]) <= 2200;
}

/** Today as `YYYY-MM-DD` in local time (the reviewer's calendar day, not UTC's). */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
