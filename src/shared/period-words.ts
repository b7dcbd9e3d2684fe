/**
 * Periods in words (danish-finish, issue 11 item 1): every period a user sees on a screen, in an
 * exported file or in the CLI's text output is written as Danish words, never as the code the
 * data and the arguments use. One definition here; period arithmetic lives in `periods.ts`.
 *
 * - half-year `2023H2` → "2. halvår 2023"
 * - month `2023-09` (or Jobindsats' `2023M09`) → "september 2023"
 * - quarter `2023Q2` → "2. kvartal 2023"
 * - moving annual total `2021QMAT02` (Jobindsats: the twelve months ending that quarter, see the
 *   data README) → "året til og med 2. kvartal 2021 (juli 2020 – juni 2021)"
 * - a year `2023` stays `2023`.
 * Anything else is returned unchanged, so a free text a user typed is never mangled.
 */

/** The Danish month names (the one list: dates, periods and the importer's parser use it). */
export const monthNames = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'] as const;

/** The short forms Danish writes in tight places (column headers): "jan.", "maj", "sep.". */
const shortMonthNames = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'] as const;

function monthParts(period: string): { year: number; month: number } | null {
  const match = /^(\d{4})(?:-|M)(\d{2})$/.exec(period);
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

/** "2023-09" → "september 2023". */
export function describeMonth(month: string): string {
  const parts = monthParts(month);
  return parts ? `${monthNames[parts.month - 1]} ${parts.year}` : month;
}

/** "2023-09" → "sep. 2023", for column headers where the full name does not fit. */
export function describeMonthShort(month: string): string {
  const parts = monthParts(month);
  return parts ? `${shortMonthNames[parts.month - 1]} ${parts.year}` : month;
}

/** Any period code in words (see the list above); an unknown text is returned as it is. */
export function describePeriod(period: string): string {
  const text = period.trim();
  const half = /^(\d{4})H([12])$/.exec(text);
  if (half) return `${half[2]}. halvår ${half[1]}`;
  if (monthParts(text)) return describeMonth(text);
  const quarter = /^(\d{4})Q([1-4])$/.exec(text);
  if (quarter) return `${quarter[2]}. kvartal ${quarter[1]}`;
  const mat = /^(\d{4})QMAT0?([1-4])$/.exec(text);
  if (mat) {
    const year = Number(mat[1]);
    const quarterNo = Number(mat[2]);
    const lastMonth = quarterNo * 3; // 1-based month that ends the quarter
    const firstMonth = (lastMonth % 12) + 1; // the month after, a year earlier
    const firstYear = lastMonth === 12 ? year : year - 1;
    return `året til og med ${quarterNo}. kvartal ${year} (${monthNames[firstMonth - 1]} ${firstYear} – ${monthNames[lastMonth - 1]} ${year})`;
  }
  return period;
}

/** A shorter form for pickers and headings: like `describePeriod`, but a moving year without its months. */
export function describePeriodShort(period: string): string {
  const mat = /^(\d{4})QMAT0?([1-4])$/.exec(period.trim());
  if (mat) return `året til og med ${mat[2]}. kvartal ${mat[1]}`;
  return describePeriod(period);
}

/** Every period code inside a text put into words: "Overblik 2023H2" → "Overblik 2. halvår 2023". */
export function describePeriodsIn(text: string): string {
  return text.replace(/(?<![\d-])\d{4}(?:H[12]|QMAT\d{2}|Q[1-4]|M\d{2}|-\d{2}(?![\d-]))\b/g, (code) => describePeriod(code));
}
