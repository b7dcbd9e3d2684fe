import type { AvailablePeriods, DataSource } from '../../../shared/api/engine';
import { halfYearMonthsOf, halfYearOf } from '../../../shared/periods';
import type { Db } from '../store';
import { EngineError } from './engine-error';
import { engineWords } from '../../../shared/engine-words-da';

/** `2023H2` → 2023-07 … 2023-12 (src/shared/periods.ts), refused in Danish when not a half-year. */
export function halfYearMonths(period: string): string[] {
  const months = halfYearMonthsOf(period);
  if (!months) throw new EngineError('invalid-period', engineWords.badHalfYear(period));
  return months;
}

/** Every key in `measurement` has a current row, so the plain table gives the same months, faster. */
export function monthsWithData(db: Db, source: DataSource = 'published'): string[] {
  // cit-engine (issue 10): the months of the counts derived from citizen data.
  if (source === 'citizens') return (db.prepare('SELECT DISTINCT month FROM citizen_measurement ORDER BY month').all() as { month: string }[]).map((row) => row.month);
  return (db.prepare('SELECT DISTINCT month FROM measurement ORDER BY month').all() as { month: string }[]).map((row) => row.month);
}

export function availablePeriods(db: Db, source: DataSource = 'published'): AvailablePeriods {
  // models-screens: one scan gives both the months and how many municipalities each covers.
  const of = (db.prepare('SELECT COUNT(*) AS n FROM municipality').get() as { n: number }).n;
  // citizen-models (issue 10): or the months the engine derived from citizen data, with the municipalities they cover.
  const coverageStatement =
    source === 'citizens'
      ? db.prepare('SELECT month, COUNT(DISTINCT municipality_code) AS municipalities FROM citizen_measurement GROUP BY month ORDER BY month')
      : db.prepare('SELECT month, COUNT(DISTINCT municipality_code) AS municipalities FROM measurement GROUP BY month ORDER BY month');
  const monthCoverage = (coverageStatement.all() as { month: string; municipalities: number }[]).map((row) => ({ ...row, of }));
  const months = monthCoverage.map((row) => row.month);
  const have = new Set(months);
  const halfYears = [...new Set(months.map(halfYearOf))].map((period) => ({
    period,
    complete: halfYearMonths(period).every((month) => have.has(month)),
  }));
  const complete = halfYears.filter((half) => half.complete);
  const benchmarkPeriods = (db.prepare('SELECT DISTINCT period FROM benchmark ORDER BY period').all() as { period: string }[]).map((row) => row.period);
  // models-screens: the latest (nearly) full month, and every supervision period.
  const full = monthCoverage.filter((row) => row.municipalities >= nearlyAll * of);
  const supervisionPeriods = (
    db.prepare('SELECT period FROM benchmark UNION SELECT period FROM focus_measurement ORDER BY period').all() as { period: string }[]
  ).map((row) => row.period);
  return {
    months,
    halfYears,
    latestCompleteHalfYear: complete.length ? complete[complete.length - 1].period : null,
    benchmarkPeriods,
    monthCoverage,
    latestFullMonth: full.length ? full[full.length - 1].month : null,
    supervisionPeriods,
  };
}

/** "(Nearly) every municipality": a month counts as full with data for at least 95 % of them (94 of 98). */
const nearlyAll = 0.95;
