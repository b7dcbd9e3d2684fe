import { AG_GRID_LOCALE_DK } from '@ag-grid-community/locale';
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
 * Only the AG Grid parts the screens use (the "all community" bundles made the renderer 5.4 MB),
 * and AG Grid's own words in Danish through its locale package, as a global option for every grid.
 * AG Charts is registered in `charts-library.ts`, loaded with the first chart (its own chunk).
 */
export function registerGrid(): void {
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
