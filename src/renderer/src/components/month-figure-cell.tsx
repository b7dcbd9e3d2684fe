import type { MonthFigure } from '../../../shared/api';
import { formatInteger, formatShare } from '../format';

/** One month's share with the counts behind it (lacking/measured), marked when above the threshold. */
export function MonthFigureCell({ figure, title }: { figure: MonthFigure; title?: string }) {
  return (
    <td className={figure.above ? 'cell-above' : ''} data-month={figure.month} title={title}>
      {formatShare(figure.share)}
      <small>{` ${formatInteger(figure.lacking)}/${formatInteger(figure.measured)}`}</small>
    </td>
  );
}
