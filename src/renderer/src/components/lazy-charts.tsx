import { lazy, Suspense, type ComponentProps } from 'react';
import { messages } from '../messages/da';

/**
 * The screens' charts, loaded on first use: AG Charts is about half of the renderer's script, and
 * most sessions start on screens without a chart. Until the chunk is read, a box of the chart's
 * height says "Henter …", so the screen does not jump when the chart arrives.
 */
const LoadedTrendChart = lazy(() => import('./trend-chart').then((module) => ({ default: module.TrendChart })));
const LoadedDistributionChart = lazy(() => import('./trend-chart').then((module) => ({ default: module.DistributionChart })));

function ChartPlaceholder({ height }: { height: number }) {
  return (
    <div className="chart-placeholder" style={{ height }} aria-busy="true">
      {messages.loading}
    </div>
  );
}

export function TrendChart(props: ComponentProps<typeof LoadedTrendChart>) {
  return (
    <Suspense fallback={<ChartPlaceholder height={300} />}>
      <LoadedTrendChart {...props} />
    </Suspense>
  );
}

export function DistributionChart(props: ComponentProps<typeof LoadedDistributionChart>) {
  return (
    <Suspense fallback={<ChartPlaceholder height={260} />}>
      <LoadedDistributionChart {...props} />
    </Suspense>
  );
}
