import { AgCharts } from 'ag-charts-react';
import type { AgCartesianChartOptions } from 'ag-charts-community';
import { useMemo } from 'react';
import type { CriterionId, MonthSource, MunicipalityDetail } from '../../../shared/api';
import { describeMonth, describeMonthShort, describePeriod } from '../../../shared/period-words';
import { formatInteger, formatShare } from '../format';
import { chartLocale } from '../charts-library';
import { messages } from '../messages/da';
import { palette } from './share-bars';
import { shareBands } from '../share-bands';

const text = messages.desk;

/**
 * Each criterion's pooled monthly share over 24 months against the threshold, the assessed
 * half-years shaded (the chosen one darker). Two lines told apart by colour (Okabe–Ito blue and
 * vermillion), dash and marker shape, so they read in grayscale too.
 */
/** What the chart needs: a municipality's detail has it, and so does a benefit group's national line. */
export type TrendData = Pick<MunicipalityDetail, 'series' | 'assessedPeriods' | 'threshold' | 'period' | 'monthSources'>;

/**
 * danish-finish (issue 11): demo months and imported months are separate series, each named with
 * a word ("Samtaler – demodata", "Samtaler – indlæste tal"), never joined in one line; a month
 * with both is its own series ("blandet"). Without demo data the lines keep their plain names.
 */
function sourceParts(detail: TrendData): { key: string; source: MonthSource | null }[] {
  const sources = new Set((detail.monthSources ?? []).map((entry) => entry.source));
  if (!sources.has('demo') && !sources.has('mixed')) return [{ key: '', source: null }];
  return (['demo', 'imported', 'mixed'] as const).filter((source) => sources.has(source)).map((source) => ({ key: `_${source}`, source }));
}

export function TrendChart({ detail, title = text.municipality.chartTitle }: { detail: TrendData; title?: string }) {
  const options = useMemo<AgCartesianChartOptions>(() => {
    const months = detail.series[0]?.months.map((figure) => figure.month) ?? [];
    const parts = sourceParts(detail);
    const sourceOf = new Map((detail.monthSources ?? []).map((entry) => [entry.month, entry.source]));
    const data = months.map((month) => {
      // The axis reads "jul. 2023"; the tooltip's heading "juli 2023".
      const row: Record<string, string | number | null> = { month: describeMonthShort(month), monthWords: describeMonth(month) };
      for (const series of detail.series) {
        const figure = series.months.find((candidate) => candidate.month === month);
        for (const part of parts) {
          const mine = part.source === null || sourceOf.get(month) === part.source;
          row[`${series.criterion}${part.key}`] = mine ? (figure?.share ?? null) : null;
        }
        // The counts travel with the point, so the tooltip can say "734 af 2.902".
        row[`${series.criterion}Lacking`] = figure?.lacking ?? null;
        row[`${series.criterion}Measured`] = figure?.measured ?? null;
      }
      return row;
    });
    const style: Record<CriterionId, { stroke: string; dash: number[]; shape: 'circle' | 'square' }> = {
      interviews: { stroke: palette.interviews, dash: [], shape: 'circle' },
      offers: { stroke: palette.offers, dash: [6, 3], shape: 'square' },
    };
    return {
      data,
      locale: chartLocale,
      height: 300,
      animation: { enabled: false },
      series: detail.series.flatMap((series) =>
        parts.map((part) => ({
        type: 'line' as const,
        xKey: 'month',
        yKey: `${series.criterion}${part.key}`,
        yName: part.source ? text.municipality.sourceSeries(text.criterionTitle[series.criterion], part.source) : text.criterionTitle[series.criterion],
        stroke: style[series.criterion].stroke,
        // Demo months drawn dotted and paler, so the two kinds differ in grayscale too.
        lineDash: part.source === 'demo' ? [2, 3] : style[series.criterion].dash,
        strokeOpacity: part.source === 'demo' ? 0.6 : 1,
        strokeWidth: 2,
        marker: { shape: style[series.criterion].shape, fill: part.source === 'demo' ? '#ffffff' : style[series.criterion].stroke, stroke: style[series.criterion].stroke, size: 6 },
        tooltip: {
          renderer: ({ datum }: { datum: Record<string, number | string | null> }) => ({
            heading: String(datum.monthWords),
            title: part.source ? text.municipality.sourceSeries(text.criterionTitle[series.criterion], part.source) : text.criterionTitle[series.criterion],
            data: [
              { label: text.columns.share, value: formatShare(datum[series.criterion] as number | null) },
              { label: text.columns.lacking, value: formatInteger(datum[`${series.criterion}Lacking`] as number | null) },
              { label: text.columns.measured, value: formatInteger(datum[`${series.criterion}Measured`] as number | null) },
            ],
          }),
        },
        })),
      ),
      axes: {
        x: {
          type: 'category',
          position: 'bottom',
          label: { rotation: -45, fontSize: 10 },
          crossLines: detail.assessedPeriods
            .filter((period) => months.includes(period.firstMonth) && months.includes(period.lastMonth))
            .map((period) => ({
              type: 'range' as const,
              range: [describeMonthShort(period.firstMonth), describeMonthShort(period.lastMonth)] as [string, string],
              fill: period.period === detail.period ? palette.shade : '#d9d9d9',
              fillOpacity: period.period === detail.period ? 0.35 : 0.2,
              strokeWidth: 0,
              label: { text: describePeriod(period.period), position: 'top' as const, fontSize: 10 },
            })),
        },
        y: {
          type: 'number',
          position: 'left',
          min: 0,
          label: { formatter: ({ value }: { value: number }) => formatShare(value) },
          crossLines: [
            {
              type: 'line' as const,
              value: detail.threshold,
              stroke: palette.threshold,
              lineDash: [4, 4],
              strokeWidth: 1.5,
              // models-finish: the line's label says the rule set's own threshold (a what-if copy at 25 % drew its line at 25 % labelled 20 %).
              label: { text: messages.models.thresholdLine(detail.threshold), position: 'right' as const, fontSize: 11 },
            },
          ],
        },
      },
      legend: { position: 'bottom' },
    } as AgCartesianChartOptions;
  }, [detail]);
  return (
    <div className="chart" data-testid="trend-chart" aria-label={title}>
      <AgCharts options={options} />
    </div>
  );
}

/** How many municipalities fall in each 5 %-band of a share, the threshold band marked. */
export function DistributionChart({ shares, threshold = 0.2 }: { shares: (number | null)[]; threshold?: number }) {
  const options = useMemo<AgCartesianChartOptions>(() => {
    const bands = shareBands(shares);
    const label = (from: number) => `${Math.round(from * 100)}–${Math.round((from + 0.05) * 100)} %`;
    return {
      data: bands.map((band) => ({ band: label(band.from), count: band.count, above: band.from >= threshold })),
      locale: chartLocale,
      height: 260,
      animation: { enabled: false },
      series: [
        {
          type: 'bar',
          xKey: 'band',
          yKey: 'count',
          yName: text.country.count,
          itemStyler: ({ datum }: { datum: { above: boolean } }) => ({ fill: datum.above ? palette.above : palette.below }),
        },
      ],
      axes: {
        x: { type: 'category', position: 'bottom', title: { text: text.country.bucket } },
        y: { type: 'number', position: 'left', title: { text: text.country.count } },
      },
      legend: { enabled: false },
    } as AgCartesianChartOptions;
  }, [shares, threshold]);
  return (
    <div className="chart" data-testid="distribution-chart">
      <AgCharts options={options} />
    </div>
  );
}
