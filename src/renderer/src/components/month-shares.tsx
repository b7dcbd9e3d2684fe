import type { MonthFigure } from '../../../shared/api';
import { weightedShare } from '../../../shared/shares';
import { formatShare } from '../format';
import { palette } from './share-bars';
import { describeMonth } from '../../../shared/period-words';

/** A month's share as a number without the % sign (the column header says "pct."): 23,4. */
const compact = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The six monthly shares of a criterion written out, each over a faint bar of its height (the
 * aid), months above the threshold dark and bold. The counts stay in the title of each number.
 */
export function MonthShares({ months, max = 0.5 }: { months: MonthFigure[]; max?: number }) {
  return (
    <span className="month-shares">
      {months.map((figure) => {
        const height = figure.share === null ? 0 : Math.min(100, (figure.share / max) * 100);
        const colour = figure.above ? palette.above : palette.below;
        return (
          <span
            key={figure.month}
            className={figure.above ? 'month-share above' : 'month-share'}
            data-month={figure.month}
            title={`${describeMonth(figure.month)}: ${formatShare(figure.share)} (${figure.lacking ?? '–'} af ${figure.measured ?? '–'})`}
            style={{ backgroundImage: `linear-gradient(to top, ${colour}55 ${height}%, transparent ${height}%)` }}
          >
            {figure.share === null ? '–' : compact.format(figure.share * 100)}
          </span>
        );
      })}
    </span>
  );
}

/** The half-year's pooled figure of a criterion: the weighted share (src/shared/shares.ts) over the months with counts. */
export function pooledFigure(months: MonthFigure[]): { measured: number; lacking: number; share: number | null } {
  return weightedShare(months.filter((figure) => figure.measured !== null));
}
