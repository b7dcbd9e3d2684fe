/**
 * The two rule ingredients every model shares, each defined once here with its SQL fragment and
 * its JS twin built from the same definition (the constants and the cases below); the test
 * `src/shared/shares.test.ts` runs both on many cases, the boundaries included, in real SQLite.
 *
 * - The weighted share: the lacking citizens (counted, or estimated as share × measured) summed
 *   over the parts that have a lacking figure, divided by the measured citizens of those same
 *   parts; no share when that weight is 0 (or nobody was measured).
 * - The threshold test: a share is above the threshold when, rounded to `comparisonDecimals`
 *   decimals (float noise away: 0.1 + 0.1 must equal 0.2), it is strictly greater, or equal when
 *   the rule set says "not strictly" (strictlyGreater = false).
 */

/** Decimals a share is rounded to before it is compared with a threshold. */
export const comparisonDecimals = 9;
/** Decimals a share is shown and exported with (a fraction: 4 decimals = 2 in per cent). */
const shownDecimals = 4;

const scale = (decimals: number) => 10 ** decimals;

/** The threshold test in JS: the twin of `aboveSql`. */
export function isAbove(share: number | null, threshold: number, strictlyGreater: boolean): boolean {
  if (share === null) return false;
  const rounded = Math.round(share * scale(comparisonDecimals)) / scale(comparisonDecimals);
  return strictlyGreater ? rounded > threshold : rounded >= threshold;
}

/**
 * The threshold test in SQL: 1 when `share` (an SQL expression) is above `threshold`, 0 otherwise
 * (also when the share is NULL). `strict` is an SQL expression that is 1 for strictly greater.
 */
export function aboveSql(share: string, threshold = '@threshold', strict = '@strict'): string {
  const rounded = `ROUND(${share}, ${comparisonDecimals})`;
  return `(CASE WHEN ${share} IS NOT NULL AND (${rounded} > ${threshold} OR (${strict} = 0 AND ${rounded} = ${threshold})) THEN 1 ELSE 0 END)`;
}

/** One part of a weighted share: a month, a group or a municipality's figures. */
export interface SharePart {
  /** Lacking citizens: counted, or estimated from a share (null when neither). */
  lacking: number | null;
  measured: number | null;
}

interface WeightedShare {
  /** The weight: measured citizens of the parts that have a lacking figure. */
  measured: number;
  /** The lacking citizens summed over those parts. */
  lacking: number;
  share: number | null;
}

/** The weighted share in JS: the twin of `weightedShareSql`. */
export function weightedShare(parts: Iterable<SharePart>): WeightedShare {
  let measured = 0;
  let lacking = 0;
  for (const part of parts) {
    if (part.lacking === null) continue;
    lacking += part.lacking;
    if (part.measured !== null) measured += part.measured;
  }
  return { measured, lacking, share: measured > 0 ? lacking / measured : null };
}

/**
 * The weighted share in SQL, an aggregate over the rows of a GROUP BY: `lacking` and `measured`
 * are column expressions. NULL when the weight is not above 0.
 */
export function weightedShareSql(lacking: string, measured: string): string {
  const weight = `SUM(CASE WHEN ${lacking} IS NOT NULL THEN ${measured} END)`;
  return `(CASE WHEN ${weight} > 0 THEN SUM(${lacking}) * 1.0 / ${weight} END)`;
}

/** A share as shown and exported (rounded to `shownDecimals`). */
export function shownShare(share: number | null): number | null {
  return share === null ? null : Math.round(share * scale(shownDecimals)) / scale(shownDecimals);
}
