import type { MonthFigure } from '../../../shared/api';
import { formatShare } from '../format';
import { describeMonth } from '../../../shared/period-words';

/** Colour-blind-safe (Okabe–Ito) and different in grayscale: dark vermillion above the line, light sky blue below. */
export const palette = { above: '#b84a00', below: '#7cc4ec', threshold: '#1b1f24', interviews: '#0072b2', offers: '#d55e00', shade: '#f0e442' };

/** Six small bars for a criterion's monthly shares, with the threshold as a dashed line. */
export function ShareBars({ months, threshold = 0.2, max = 0.5 }: { months: MonthFigure[]; threshold?: number; max?: number }) {
  const width = 8;
  const gap = 3;
  const height = 26;
  const y = (share: number) => height - Math.min(1, share / max) * height;
  const title = months.map((figure) => `${describeMonth(figure.month)}: ${formatShare(figure.share)}`).join('\n');
  return (
    <svg className="share-bars" width={months.length * (width + gap)} height={height} role="img" aria-label={title}>
      <title>{title}</title>
      {months.map((figure, index) =>
        figure.share === null ? null : (
          <rect
            key={figure.month}
            x={index * (width + gap)}
            y={y(figure.share)}
            width={width}
            height={height - y(figure.share)}
            fill={figure.above ? palette.above : palette.below}
            stroke={figure.above ? 'none' : '#3a7ca5'}
            strokeWidth={0.5}
          />
        ),
      )}
      <line x1={0} x2={months.length * (width + gap)} y1={y(threshold)} y2={y(threshold)} stroke={palette.threshold} strokeDasharray="3 2" strokeWidth={1} />
    </svg>
  );
}
