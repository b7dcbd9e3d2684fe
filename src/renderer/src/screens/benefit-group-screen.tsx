import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { BenefitGroupDetail, MonthFigure } from '../../../shared/api';
import { useDesk } from '../components/desk-context';
import { usePersistentGridState } from '../components/grid-state';
import { PeriodPicker } from '../components/period-picker';
import { MonthFigureCell } from '../components/month-figure-cell';
import { ShareBars } from '../components/share-bars';
import { TrendChart } from '../components/lazy-charts';
import { ViewExportButtons } from '../components/view-export-buttons';
import { formatInteger, formatShare } from '../format';
import { danishOrder } from './overview-screen';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { describeMonth, describeMonthShort, describePeriod } from '../../../shared/period-words';

const text = messages.desk;
/** A municipality's row, with its part of the country's lacking citizens for the criterion. */
type Row = BenefitGroupDetail['municipalities'][number] & { contribution: number | null };

/** One benefit group across all municipalities: which of them drive the group's shortfall. */
export function BenefitGroupScreen({ initialGroupId }: { initialGroupId?: string }) {
  const desk = useDesk();
  const groups = useApi('benefitGroups.list');
  const [groupId, setGroupId] = useState(initialGroupId ?? 'dagpenge');
  const detail = useApi('benefitGroup.detail', desk.period ? { groupId, period: desk.period, ruleSetId: desk.ruleSetId } : null);
  const gridApi = useRef<GridApi<Row> | null>(null);
  const gridState = usePersistentGridState('benefit-group');
  const data = detail.data;
  const months = useMemo(() => data?.months ?? [], [data]);
  // Which municipalities drive the group's shortfall: each one's part of the country's lacking, per
  // criterion. Computed into the rows, so the grid sorts, filters and exports it like any field.
  const rows = useMemo<Row[]>(() => {
    const totals = new Map<string, number>();
    for (const row of data?.municipalities ?? []) totals.set(row.criterion, (totals.get(row.criterion) ?? 0) + row.lacking);
    return (data?.municipalities ?? []).map((row) => {
      const total = totals.get(row.criterion) ?? 0;
      return { ...row, contribution: total > 0 ? row.lacking / total : null };
    });
  }, [data]);

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'code', headerName: text.columns.code, width: 80, filter: 'agNumberColumnFilter', context: { export: { kind: 'integer' } } },
      { field: 'name', headerName: text.columns.name, pinned: 'left', width: 160, filter: 'agTextColumnFilter', comparator: danishOrder },
      { colId: 'criterion', headerName: text.columns.criterion, width: 100, valueGetter: (params) => (params.data ? text.criterion[params.data.criterion] : ''), filter: 'agTextColumnFilter' },
      { field: 'measured', headerName: text.columns.measured, width: 130, type: 'numericColumn', valueFormatter: (params) => formatInteger(params.value), filter: 'agNumberColumnFilter', context: { export: { kind: 'integer' } } },
      { field: 'lacking', headerName: text.columns.lacking, width: 150, type: 'numericColumn', valueFormatter: (params) => formatInteger(params.value), filter: 'agNumberColumnFilter', context: { export: { kind: 'number' } } },
      { field: 'share', headerName: text.columns.share, width: 100, type: 'numericColumn', sort: 'desc', valueFormatter: (params) => formatShare(params.value), context: { export: { kind: 'share' } } },
      {
        field: 'contribution',
        headerName: text.columns.contribution,
        width: 150,
        type: 'numericColumn',
        valueFormatter: (params) => formatShare(params.value),
        context: { export: { kind: 'share' } },
      },
      {
        colId: 'months',
        headerName: text.columns.shareByMonth,
        width: 110,
        sortable: false,
        cellRenderer: (params: { data?: Row }) => (params.data ? <ShareBars months={params.data.months} /> : null),
        context: { export: { expand: { headers: months.map(describeMonth), kind: 'share', values: (row: Row) => row.months.map((figure: MonthFigure) => figure.share) } } },
      },
    ],
    [months],
  );

  return (
    <section className="screen" data-testid="benefit-group-screen">
      <div className="toolbar">
        <h2>{messages.nav.benefitGroups}</h2>
        <PeriodPicker />
        <label>
          {text.group.pick}{' '}
          <select value={groupId} onChange={(event) => setGroupId(event.target.value)} data-testid="group-picker">
            {(groups.data ?? []).map((group) => (
              <option key={group.id} value={group.id}>
                {group.label}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <ViewExportButtons gridApi={gridApi} title={`${data?.label ?? groupId} ${desk.period ? describePeriod(desk.period) : ''}`} primary context={{ period: desk.period ?? undefined, ruleSetId: desk.ruleSetId }} />
      </div>
      {detail.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${detail.error}`}</p>}
      {data && (
        <table className="figures" data-testid="group-national">
          <thead>
            <tr>
              <th>{text.group.national}</th>
              {data.months.map((month) => (
                <th key={month}>{describeMonthShort(month)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.national.map((series) => (
              <tr key={series.criterion}>
                <th>{text.criterionTitle[series.criterion]}</th>
                {series.months.map((figure) => (
                  <MonthFigureCell key={figure.month} figure={figure} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.months.length > 0 && (
        <div className="group-chart" data-testid="group-chart">
          <TrendChart
            title={text.group.chartTitle}
            detail={{
              series: data.national,
              threshold: data.threshold,
              period: data.period,
              assessedPeriods: [{ period: data.period, firstMonth: data.months[0], lastMonth: data.months[data.months.length - 1] }],
              monthSources: data.monthSources,
            }}
          />
        </div>
      )}
      <div className="grid">
        <AgGridReact<Row>
          rowData={rows}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true }}
          rowHeight={34}
          getRowId={(params) => `${params.data.code}:${params.data.criterion}`}
          initialState={gridState.initialState}
          onStateUpdated={gridState.onStateUpdated}
          onGridReady={(event) => (gridApi.current = event.api)}
          onRowDoubleClicked={(event) => event.data && desk.open({ kind: 'municipality', code: event.data.code, name: event.data.name })}
          onCellKeyDown={(event: CellKeyDownEvent<Row>) => {
            if ((event.event as KeyboardEvent | undefined)?.key === 'Enter' && event.data) desk.open({ kind: 'municipality', code: event.data.code, name: event.data.name });
          }}
        />
      </div>
    </section>
  );
}
