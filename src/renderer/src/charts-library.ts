import { AG_CHARTS_LOCALE_DA_DK } from 'ag-charts-locale';
import {
  BarSeriesModule,
  CartesianChartModule,
  CategoryAxisModule,
  CrossLinesModule,
  LegendModule,
  LineSeriesModule,
  LocaleModule,
  ModuleRegistry,
  NumberAxisModule,
} from 'ag-charts-community';

/**
 * AG Charts, only the parts the charts use. This module is reached only through
 * `components/lazy-charts.tsx`, so AG Charts (about half of the renderer's script) is its own chunk,
 * read from disk the first time a screen draws a chart instead of on every start.
 */
ModuleRegistry.registerModules([CartesianChartModule, LineSeriesModule, BarSeriesModule, CategoryAxisModule, NumberAxisModule, CrossLinesModule, LegendModule, LocaleModule]);

/** The same for AG Charts (its Danish pack still says "Legend element … af …" in places). */
const chartWords: Record<string, string> = {
  ariaLabelLegendItem: '${label}, forklaring ${index}[number] af ${count}[number]',
  ariaLabelLegendPagination: 'Sider i forklaringen',
  ariaLabelLegendPageNext: 'Næste side i forklaringen',
  ariaLabelLegendPagePrevious: 'Forrige side i forklaringen',
  ariaLabelLegendItemUnknown: 'Ukendt element i forklaringen',
};

/** AG Charts' own words (legend, tooltips, keyboard help) in Danish; pass as a chart's `locale`. */
export const chartLocale = { localeText: { ...AG_CHARTS_LOCALE_DA_DK, ...chartWords } };
