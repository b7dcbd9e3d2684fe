import { AG_GRID_LOCALE_DK } from '@ag-grid-community/locale';
import { AG_CHARTS_LOCALE_DA_DK } from 'ag-charts-locale';
import {
  CartesianChartModule,
  CategoryAxisModule,
  CrossLinesModule,
  LegendModule,
  LineSeriesModule,
  BarSeriesModule,
  LocaleModule as ChartsLocaleModule,
  NumberAxisModule,
  ModuleRegistry as ChartsModuleRegistry,
} from 'ag-charts-community';
import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  ExternalFilterModule,
  GridStateModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  QuickFilterModule,
  RenderApiModule,
  RowApiModule,
  RowAutoHeightModule,
  RowSelectionModule,
  RowStyleModule,
  TextFilterModule,
  TooltipModule,
  provideGlobalGridOptions,
} from 'ag-grid-community';

/**
 * Only the AG Grid and AG Charts parts the screens use (the "all community" bundles made the
 * renderer 5.4 MB), and both libraries' own words in Danish through their locale packages:
 * every grid gets AG Grid's Danish texts as a global option, every chart `chartLocale`.
 */
export function registerGridAndCharts(): void {
  ModuleRegistry.registerModules([
    ClientSideRowModelModule,
    // forEachNodeAfterFilterAndSort: the view export walks the rows as shown.
    ClientSideRowModelApiModule,
    TextFilterModule,
    NumberFilterModule,
    QuickFilterModule,
    ExternalFilterModule,
    GridStateModule,
    CellStyleModule,
    RowStyleModule,
    ColumnApiModule,
    ColumnAutoSizeModule,
    RowApiModule,
    // models-finish: the overview's status cell grows with an early warning's words (autoHeight; without it AG Grid ignores it).
    RowAutoHeightModule,
    // The overview's selection checkboxes for bulk "kontaktet" (without it AG Grid draws none, silently).
    RowSelectionModule,
    CellApiModule,
    RenderApiModule,
    TooltipModule,
    LocaleModule,
    // cit-desk (issue 10): the citizen grid pages through SQL (sort and filter run there).
    InfiniteRowModelModule,
  ]);
  provideGlobalGridOptions({ localeText: { ...AG_GRID_LOCALE_DK, ...gridWords } });
  ChartsModuleRegistry.registerModules([CartesianChartModule, LineSeriesModule, BarSeriesModule, CategoryAxisModule, NumberAxisModule, CrossLinesModule, LegendModule, ChartsLocaleModule]);
}

/** Where the Danish locale package leaves a word we want said differently on these screens. */
const gridWords: Record<string, string> = {
  noRowsToShow: 'Ingen rækker at vise',
  noMatchingRows: 'Ingen rækker passer til filtrene',
  loadingOoo: 'Henter …',
  filterOoo: 'Filtrér …',
  ariaFilterInput: 'Filterfelt',
  toolbarQuickFilter: 'Filtrér',
  toolbarFind: 'Søg',
  ariaLabelDialog: 'Dialogboks',
  true: 'Sand',
  false: 'Falsk',
  sum: 'Sum',
  footerTotal: 'I alt',
};

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
