import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridReadyEvent, GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MunicipalityRow } from '../../../shared/api';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { formatInteger } from '../format';
import { describeMonth } from '../../../shared/period-words';
import { PlaceholderInput } from '../components/placeholder-input';

const text = messages.municipalities;

export function MunicipalitiesScreen() {
  const { data, error } = useApi('municipalities.list');
  const [quickFilter, setQuickFilter] = useState('');
  const [shownCount, setShownCount] = useState<number | null>(null);
  const gridApi = useRef<GridApi<MunicipalityRow> | null>(null);

  const columnDefs = useMemo<ColDef<MunicipalityRow>[]>(
    () => [
      { field: 'code', headerName: text.columns.code, width: 90, filter: 'agNumberColumnFilter' },
      { field: 'name', headerName: text.columns.name, pinned: 'left', width: 190, filter: 'agTextColumnFilter' },
      { field: 'region', headerName: text.columns.region, width: 190, filter: 'agTextColumnFilter' },
      { field: 'labourMarketOffice', headerName: text.columns.labourMarketOffice, width: 120, filter: 'agTextColumnFilter' },
      {
        field: 'latestMeasured',
        headerName: text.columns.latestMeasured,
        // danish-finish: room for the whole header and its filter icon at 1366 px.
        width: 270,
        type: 'numericColumn',
        filter: 'agNumberColumnFilter',
        valueFormatter: (params) => formatInteger(params.value),
      },
      { field: 'latestMonth', headerName: text.columns.latestMonth, width: 130, valueFormatter: (params) => (params.value ? describeMonth(String(params.value)) : '') },
    ],
    [],
  );

  const countRows = useCallback(() => setShownCount(gridApi.current?.getDisplayedRowCount() ?? null), []);
  const onGridReady = useCallback(
    (event: GridReadyEvent<MunicipalityRow>) => {
      gridApi.current = event.api;
      countRows();
    },
    [countRows],
  );

  if (error) return <p className="error" role="alert">{`${messages.errorPrefix}: ${error}`}</p>;

  return (
    <section className="screen">
      <div className="toolbar">
        <h2>{text.title}</h2>
        <PlaceholderInput type="search" label={text.search} value={quickFilter} onChange={setQuickFilter} />
        <span className="row-count" data-testid="row-count">
          {data && shownCount !== null ? text.count(shownCount, data.length) : messages.loading}
        </span>
      </div>
      <div className="grid" data-testid="municipality-grid">
        <AgGridReact<MunicipalityRow>
          rowData={data ?? []}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true }}
          quickFilterText={quickFilter}
          getRowId={(params) => String(params.data.code)}
          onGridReady={onGridReady}
          onRowDataUpdated={countRows}
          onFilterChanged={countRows}
        />
      </div>
    </section>
  );
}
