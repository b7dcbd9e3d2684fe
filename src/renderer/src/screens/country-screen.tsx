import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { StatusEvaluation } from '../../../shared/api';
import { DistributionChart } from '../components/trend-chart';
import { ViewExportButtons } from '../components/view-export-buttons';
import { formatInteger, formatShare } from '../format';
import { messages } from '../messages/da';
import { useApi } from '../use-api';

const text = messages.desk;
type Row = StatusEvaluation['rows'][number];
const points = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** Model D: the national status per target group against a baseline month, and the municipalities' spread. */
export function CountryScreen() {
  const periods = useApi('periods.available');
  const months = useMemo(() => periods.data?.months ?? [], [periods.data]);
  // The latest month against the same month a year before, until the user picks others (and
  // again when the data no longer have the months picked).
  const [chosenMonth, setMonth] = useState('');
  const [chosenBaseline, setBaseline] = useState('');
  const month = months.includes(chosenMonth) ? chosenMonth : (months.at(-1) ?? '');
  const baseline = months.includes(chosenBaseline) ? chosenBaseline : (months[Math.max(0, months.length - 13)] ?? '');
  const status = useApi('evaluate.status', month && baseline ? { period: month, baseline } : null);
  const gridApi = useRef<GridApi<Row> | null>(null);
  const data = month ? status.data : null;

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'label', headerName: text.columns.label, width: 200, pinned: 'left' },
      { field: 'share', headerName: `${text.columns.share} ${month}`, width: 140, type: 'numericColumn', valueFormatter: (params) => formatShare(params.value), context: { export: { kind: 'share' } } },
      { field: 'baselineShare', headerName: `${text.columns.baselineShare} ${baseline}`, width: 200, type: 'numericColumn', valueFormatter: (params) => formatShare(params.value), context: { export: { kind: 'share' } } },
      { field: 'changePoints', headerName: text.columns.change, width: 180, type: 'numericColumn', valueFormatter: (params) => (params.value === null ? '–' : points.format(params.value)), context: { export: { kind: 'number' } } },
      { field: 'measured', headerName: text.columns.measured, width: 140, type: 'numericColumn', valueFormatter: (params) => formatInteger(params.value), context: { export: { kind: 'integer' } } },
    ],
    [month, baseline],
  );

  return (
    <section className="screen scroll" data-testid="country-screen">
      <div className="toolbar">
        <h2>{text.country.title}</h2>
        <label>
          {text.month}{' '}
          <select value={month} onChange={(event) => setMonth(event.target.value)} data-testid="status-month">
            {months.map((candidate) => (
              <option key={candidate}>{candidate}</option>
            ))}
          </select>
        </label>
        <label>
          {text.baseline}{' '}
          <select value={baseline} onChange={(event) => setBaseline(event.target.value)} data-testid="status-baseline">
            {months.map((candidate) => (
              <option key={candidate}>{candidate}</option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <ViewExportButtons gridApi={gridApi} title={`Hele landet ${month}`} primary />
      </div>
      {status.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${status.error}`}</p>}
      <div className="grid small-grid" data-testid="status-grid">
        <AgGridReact<Row>
          rowData={data?.rows ?? []}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true }}
          domLayout="autoHeight"
          getRowId={(params) => params.data.groupId ?? 'all'}
          onGridReady={(event) => (gridApi.current = event.api)}
        />
      </div>
      <div className="panel">
        <h3>{`${text.country.distributionTitle} ${month}`}</h3>
        {data && <DistributionChart shares={data.municipalities.map((row) => (row.share === null ? null : 1 - row.share))} />}
      </div>
    </section>
  );
}
