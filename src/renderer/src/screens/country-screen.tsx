import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef, useState } from 'react';
import type { DataSource, StatusEvaluation } from '../../../shared/api';
import { defaultMonth, MissingData, missingData, NoMonths, SourceLine, sourceMonthChoices, useSourcePeriods } from '../components/data-source';
import { addMonths } from '../../../shared/periods';
import { ModelToolbar } from '../components/model-toolbar';
import { DistributionChart } from '../components/lazy-charts';
import { ViewExportButtons } from '../components/view-export-buttons';
import { formatInteger, formatShare } from '../format';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { describeMonthShort, describePeriod } from '../../../shared/period-words';
import { LabelledSelect } from '../components/labelled-select';

const text = messages.desk;
const words = messages.models.country;
type Row = StatusEvaluation['rows'][number];
type MunicipalityRow = StatusEvaluation['municipalities'][number];
const points = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const formatPoints = (value: number | null | undefined) => (value === null || value === undefined ? '–' : points.format(value));

/** The month a year before, when there are data for it; else the first month with data. */
function defaultBaseline(months: string[], month: string): string {
  const before = addMonths(month, -12);
  return months.includes(before) ? before : (months[0] ?? '');
}

/**
 * Model D: the national status per target group against a baseline month, and each municipality
 * against the national line. The month picker says how many municipalities each month covers and
 * opens on the latest month with data for (nearly) all of them.
 */
export function CountryScreen() {
  // citizen-models (issue 10): Jobindsats' counts or those derived from citizen data; the months are the source's.
  const [source, setSource] = useState<DataSource>('published');
  const periods = useSourcePeriods(source);
  const months = periods.data?.months ?? [];
  const [chosenMonth, setMonth] = useState('');
  const [chosenBaseline, setBaseline] = useState('');
  const [ruleSetId, setRuleSetId] = useState('status');
  const month = chosenMonth || defaultMonth(periods.data);
  const baseline = chosenBaseline || (month ? defaultBaseline(months, month) : '');
  const missing = missingData(source, periods.data, [month, baseline]);
  // The month and the baseline are picked from the same list (each month with its coverage).
  const choices = sourceMonthChoices(periods.data, month, baseline);
  const monthSelect = (label: string, value: string, onChange: (month: string) => void, testId: string) => (
    <LabelledSelect label={label} value={value} onChange={onChange} testId={testId} choices={choices} />
  );
  return (
    <section className="screen scroll" data-testid="country-screen">
      <ModelToolbar
        title={words.title}
        model="status"
        ruleSetId={ruleSetId}
        onRuleSet={setRuleSetId}
        source={source}
        onSource={setSource}
        exportArgs={month && baseline && !missing ? { model: 'status', period: month, baseline, ruleSetId, source } : null}
        choices={
          <>
            {monthSelect(text.month, month, setMonth, 'status-month')}
            {monthSelect(words.baseline, baseline, setBaseline, 'status-baseline')}
          </>
        }
      />
      {missing ? (
        <MissingData message={missing} />
      ) : month && baseline ? (
        <CountryStatus month={month} baseline={baseline} ruleSetId={ruleSetId} source={source} />
      ) : (
        <NoMonths source={source} loading={periods.loading} />
      )}
    </section>
  );
}

function CountryStatus({ month, baseline, ruleSetId, source }: { month: string; baseline: string; ruleSetId: string; source: DataSource }) {
  const status = useApi('evaluate.status', source === 'citizens' ? { period: month, baseline, ruleSetId, source } : { period: month, baseline, ruleSetId });
  const data =
    status.data?.period === month && status.data.baseline === baseline && status.data.ruleSetId === ruleSetId && (status.data.dataSource ?? 'published') === source ? status.data : null;
  // citizen-models: a view saved from here names its source in its title and on its provenance sheet.
  const sourceMark = source === 'citizens' ? ` (${messages.models.source.options.citizens.toLocaleLowerCase('da-DK')})` : '';
  const gridApi = useRef<GridApi<Row> | null>(null);
  const municipalityApi = useRef<GridApi<MunicipalityRow> | null>(null);
  const partialMark = data?.partial ? ` ${words.partialMark}` : '';

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      // citizen-models: the total's name from citizen data is long ("I alt i borgerdata (2 kommuner)"): the cell wraps.
      { field: 'label', headerName: text.columns.label, width: 170, pinned: 'left', wrapText: true, autoHeight: true, cellClass: 'cell-wrap' },
      { field: 'share', headerName: `${text.columns.share} ${describeMonthShort(month)}`, width: 120, type: 'numericColumn', valueFormatter: (params) => formatShare(params.value), context: { export: { kind: 'share' } } },
      { field: 'baselineShare', headerName: `${text.columns.share} ${describeMonthShort(baseline)}`, width: 120, type: 'numericColumn', valueFormatter: (params) => formatShare(params.value), context: { export: { kind: 'share' } } },
      { field: 'changePoints', headerName: text.columns.change, width: 120, type: 'numericColumn', valueFormatter: (params) => formatPoints(params.value), context: { export: { kind: 'number' } } },
      { field: 'measured', headerName: text.columns.measured, width: 110, type: 'numericColumn', valueFormatter: (params) => formatInteger(params.value), context: { export: { kind: 'integer' } } },
    ],
    [month, baseline],
  );
  const municipalityColumns = useMemo<ColDef<MunicipalityRow>[]>(
    () => [
      { field: 'code', headerName: words.columns.code, width: 70 },
      { field: 'name', headerName: words.columns.name, width: 140 },
      { field: 'share', headerName: words.columns.share, width: 90, type: 'numericColumn', valueFormatter: (params) => formatShare(params.value), context: { export: { kind: 'share' } } },
      { field: 'changePoints', headerName: words.columns.change, width: 110, type: 'numericColumn', valueFormatter: (params) => formatPoints(params.value), context: { export: { kind: 'number' } } },
      {
        field: 'differenceFromNationalPoints',
        headerName: source === 'citizens' ? messages.models.source.vsTotal : words.columns.vsNational,
        width: 130,
        type: 'numericColumn',
        sort: 'asc',
        // Municipalities without data for the month go last, whichever way the list is sorted.
        comparator: (a: number | null, b: number | null, _nodeA, _nodeB, descending) => (a === null || b === null ? (a === b ? 0 : (a === null) !== descending ? 1 : -1) : a - b),
        valueFormatter: (params) => formatPoints(params.value),
        cellClass: (params) => (params.value !== null && params.value !== undefined && params.value < 0 ? 'cell-above' : ''),
        context: { export: { kind: 'number' } },
      },
    ],
    [source],
  );

  return (
    <>
      {status.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${status.error}`}</p>}
      {data && <SourceLine source={source} batches={data.batches} />}
      {data && (
        <div className="coverage" data-testid="coverage">
          <span data-testid="coverage-period">{words.coverage(text.month, data.coverage.period.month, data.coverage.period.municipalities, data.coverage.period.of)}</span>{' '}
          <span data-testid="coverage-baseline">{words.coverage(words.baseline, data.coverage.baseline.month, data.coverage.baseline.municipalities, data.coverage.baseline.of)}</span>
          {data.partial && (
            <strong className="overdue-text" role="alert" data-testid="partial-warning">
              {` ${source === 'citizens' ? messages.models.source.partial(data.coverage.period.municipalities, data.coverage.period.of) : words.partial}`}
            </strong>
          )}
        </div>
      )}
      <div className="side-by-side">
        <div className="stack">
          <div className="grid small-grid" data-testid="status-grid">
            <AgGridReact<Row>
              rowData={data?.rows ?? []}
              columnDefs={columnDefs}
              defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
              domLayout="autoHeight"
              getRowId={(params) => params.data.groupId ?? 'all'}
              getRowClass={(params) => (params.data?.groupId === null && data?.partial ? 'partial-row' : undefined)}
              onGridReady={(event) => (gridApi.current = event.api)}
            />
          </div>
          {data?.partial && <p className="muted" data-testid="national-partial-mark">{`${data.rows[0]?.label ?? ''}${partialMark}`}</p>}
          <span className="export-buttons">
            <ViewExportButtons gridApi={gridApi} title={`Hele landet ${describePeriod(month)}${partialMark}${sourceMark}`} context={{ period: month, ruleSetId, dataSource: source }} />
          </span>
          <div className="panel">
            <h3>{`${text.country.distributionTitle} ${describePeriod(month)}`}</h3>
            {data && <DistributionChart shares={data.municipalities.map((row) => (row.share === null ? null : 1 - row.share))} />}
          </div>
        </div>
        <aside className="panel side-list" data-testid="country-municipalities">
          <h3>{source === 'citizens' ? messages.models.source.municipalitiesTitle(month) : words.municipalitiesTitle(month)}</h3>
          <div className="grid" data-testid="country-municipality-grid">
            <AgGridReact<MunicipalityRow>
              rowData={data?.municipalities ?? []}
              columnDefs={municipalityColumns}
              defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
              rowHeight={28}
              getRowId={(params) => String(params.data.code)}
              onGridReady={(event) => (municipalityApi.current = event.api)}
            />
          </div>
        </aside>
      </div>
    </>
  );
}
