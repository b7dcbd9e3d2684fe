import { AgGridReact } from 'ag-grid-react';
import { themeQuartz } from 'ag-grid-community';
import type { CellKeyDownEvent, ColDef, ColGroupDef, GridApi, GridReadyEvent, IRowNode, RowDoubleClickedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EarlyEffortMunicipalityResult, MonthFigure } from '../../../shared/api';
import { criterionIds } from '../../../shared/enums';
import { call } from '../api-client';
import { StatusLine, useStatus } from '../components/status-line';
import { useDesk } from '../components/desk-context';
import { deliverExport } from '../components/export-actions';
import { loadSetting, saveSetting, usePersistentGridState } from '../components/grid-state';
import { ColumnChooser } from '../components/column-chooser';
import { BulkContactedBar } from '../components/bulk-contacted-bar';
import { notesColumn, statusText } from '../components/decision-columns';
import { DecisionCounters } from '../components/decision-counters';
import { MonthShares, pooledFigure } from '../components/month-shares';
import { ViewExportButtons } from '../components/view-export-buttons';
import { PeriodPicker } from '../components/period-picker';
import { formatInteger, formatShare } from '../format';
import { describeSubject, describeVerdict } from '../../../shared/words-da';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { describeMonth, describePeriod } from '../../../shared/period-words';

const text = messages.desk;
/** Tighter cells than the default, so the numbers fit at 1366 px (code and AMK are filtered by the search and the chips). */
const overviewTheme = themeQuartz.withParams({ cellHorizontalPadding: 8 });
/** Danish alphabetical order: Aabenraa and Aalborg after Ø, as "Aa" is Å. */
export const danishOrder = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'da');
type Row = EarlyEffortMunicipalityResult;

interface Chips {
  onlyContact: boolean;
  onlyWarning: boolean;
  amk: string;
  region: string;
}
const noChips: Chips = { onlyContact: false, onlyWarning: false, amk: '', region: '' };

export function decisionStatus(row: Row): string {
  const latest = row.decisions[0];
  if (!latest) return '';
  const status = text.decision.status[latest.verdict as keyof typeof text.decision.status];
  return status || `${describeSubject(latest.subject)}: ${describeVerdict(latest.verdict)}`;
}

/** The rule set's minimum of citizens per month (10 in the 2023 model), for the "cannot be assessed" status. */
function minCitizens(parameters: { key: string; value: unknown }[] | undefined): number {
  const value = parameters?.find((parameter) => parameter.key === 'minCitizens')?.value;
  return typeof value === 'number' ? value : 10;
}

/** The municipality's status in words: a municipality too small to assess is not a pass. */
export function assessmentStatus(row: Row, min: number): string {
  const words = messages.deskText.status;
  if (row.toContact) return words.toContact;
  // After the reviewer's decisions, and a criterion on its way to failing (issue 13 items 5 and 6).
  if (row.status === 'exempted') return messages.decisions.status[row.status];
  // models-finish (item 6): the early warning in words in the status cell itself, where the reviewer reads (the whole sentence in its tooltip).
  if (row.status === 'early-warning') return `${messages.decisions.status['early-warning']} – ${earlyWarningWords(row)}`;
  const unassessed = criterionIds.filter((criterion) => !row[criterion].eligible);
  if (unassessed.length === 2) return words.cannotAssess(min);
  if (unassessed.length === 1) return words.partlyAssessed(text.criterion[unassessed[0]], min);
  return words.notToContact;
}

/** "samtaler: 3 af 3 over indtil nu", one per criterion on its way to failing. */
function earlyWarningWords(row: Row): string {
  return row.earlyWarnings.map((warning) => `${text.criterion[warning.criterion]}: ${messages.decisions.earlyWarningShort(warning.monthsAboveSoFar, warning.monthsAssessed)}`).join(', ');
}

function criterionColumns(criterion: 'interviews' | 'offers', months: string[]): ColGroupDef<Row> {
  const words = messages.deskText.overview;
  const pooled: ColDef<Row> = {
    colId: `${criterion}Pooled`,
    headerName: words.pooled,
    width: 76,
    type: 'numericColumn',
    valueGetter: (params) => (params.data ? pooledFigure(params.data[criterion].months).share : null),
    valueFormatter: (params) => formatShare(params.value),
    tooltipValueGetter: (params) => {
      const pooled = params.data ? pooledFigure(params.data[criterion].months) : null;
      return pooled ? words.pooledTitle(formatInteger(pooled.lacking), formatInteger(pooled.measured)) : '';
    },
    cellClass: (params) => (params.data?.[criterion].fails ? 'cell-flag' : ''),
    filter: false,
    context: { export: { kind: 'share' } },
  };
  const monthly: ColDef<Row> = {
    colId: criterion,
    headerName: words.monthly,
    width: 212,
    sortable: false,
    cellRenderer: (params: { data?: Row }) =>
      params.data ? (
        <span className="bars-cell" data-testid={`bars-${criterion}`}>
          <MonthShares months={params.data[criterion].months} />
        </span>
      ) : null,
    filter: false,
    context: {
      export: {
        expand: {
          headers: months.flatMap((month) => [words.shareSuffix, words.lackingSuffix, words.measuredSuffix].map((suffix) => `${text.criterionTitle[criterion]} ${describeMonth(month)} ${suffix}`)),
          kinds: ['share', 'integer', 'integer'],
          values: (row: Row) => row[criterion].months.flatMap((figure: MonthFigure) => [figure.share, figure.lacking, figure.measured]),
        },
      },
    },
  };
  return { headerName: text.columns[criterion], groupId: `${criterion}Group`, children: [pooled, monthly] };
}

export function OverviewScreen() {
  const desk = useDesk();
  const period = desk.period;
  const evaluation = useApi('evaluate.early2023', period ? { period, ruleSetId: desk.ruleSetId } : null);
  const data = period ? evaluation.data : null;
  const min = minCitizens(data?.parameters);
  const [quickFilter, setQuickFilter] = useState('');
  const [chips, setChips] = useState<Chips>(() => loadSetting('overview.chips', noChips));
  const [shownCount, setShownCount] = useState<number | null>(null);
  const status = useStatus();
  const [selected, setSelected] = useState<{ code: number; name: string }[]>([]);
  const gridApi = useRef<GridApi<Row> | null>(null);
  const gridState = usePersistentGridState('overview');
  const chipsRef = useRef(chips);
  useEffect(() => {
    chipsRef.current = chips;
  }, [chips]);

  const offices = useMemo(() => [...new Set((data?.municipalities ?? []).map((row) => row.labourMarketOffice))].sort(), [data]);
  const regions = useMemo(() => [...new Set((data?.municipalities ?? []).map((row) => row.region))].sort(), [data]);

  const columnDefs = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(
    () => [
      { field: 'code', headerName: text.columns.code, width: 60, filter: false, context: { export: { kind: 'integer' } } },
      { field: 'name', headerName: text.columns.name, pinned: 'left', lockVisible: true, width: 124, filter: 'agTextColumnFilter', comparator: danishOrder },
      { field: 'region', headerName: text.columns.region, width: 130, hide: true, filter: 'agTextColumnFilter' },
      { field: 'labourMarketOffice', headerName: text.columns.amk, width: 60, filter: false },
      {
        colId: 'toContact',
        headerName: messages.deskText.overview.status,
        width: 124,
        wrapText: true,
        // An early warning's words take two or three lines: the row grows to show them.
        autoHeight: true,
        valueGetter: (params) => (params.data ? assessmentStatus(params.data, min) : ''),
        tooltipValueGetter: (params) => (params.data ? statusText(params.data) : ''),
        cellClass: (params) =>
          params.data?.toContact ? 'cell-flag cell-wrap' : params.data?.status === 'exempted' ? 'cell-exempt cell-wrap' : params.data?.status === 'early-warning' ? 'cell-warning cell-wrap' : 'cell-wrap',
        filter: 'agTextColumnFilter',
      },
      criterionColumns('interviews', data?.months ?? []),
      criterionColumns('offers', data?.months ?? []),
      {
        colId: 'failsEligible',
        headerName: text.columns.failsEligible,
        width: 96,
        hide: true,
        valueGetter: (params) => {
          const row = params.data;
          if (!row) return '';
          const fails = Number(row.interviews.fails) + Number(row.offers.fails);
          const eligible = Number(row.interviews.eligible) + Number(row.offers.eligible);
          return `${fails} / ${eligible}`;
        },
      },
      { colId: 'challenged', headerName: text.columns.challenged, width: 150, hide: true, wrapText: true, cellClass: 'cell-wrap', tooltipValueGetter: (params) => params.value, valueGetter: (params) => params.data?.challengedGroups.join(', ') ?? '', filter: 'agTextColumnFilter' },
      {
        colId: 'proposals',
        headerName: text.columns.proposals,
        width: 124,
        wrapText: true,
        cellClass: 'cell-wrap',
        tooltipValueGetter: (params) => params.value,
        valueGetter: (params) =>
          params.data?.exemptionProposals.map((proposal) => `${text.reason[proposal.reason]}${proposal.criterion ? ` (${text.criterion[proposal.criterion]})` : ''}`).join(', ') ?? '',
        filter: 'agTextColumnFilter',
      },
      {
        colId: 'warning',
        headerName: text.columns.warning,
        width: 96,
        // In the column chooser: the status column already says the early warning in words (its tooltip the whole sentence), and the overview must fit 1366 px.
        hide: true,
        valueGetter: (params) => (params.data ? earlyWarningWords(params.data) : ''),
        tooltipValueGetter: (params) => (params.data ? statusText(params.data) : ''),
      },
      { colId: 'decision', headerName: text.columns.decision, width: 110, wrapText: true, cellClass: 'cell-wrap', tooltipValueGetter: (params) => params.value, valueGetter: (params) => (params.data ? decisionStatus(params.data) : ''), filter: 'agTextColumnFilter' },
      notesColumn(),
    ],
    [data?.months, min],
  );

  // The counters follow the AMK and region filters: the same rows the reviewer is looking at.
  const summary = useMemo(() => {
    if (!data) return null;
    const rows = data.municipalities.filter((row) => (!chips.amk || row.labourMarketOffice === chips.amk) && (!chips.region || row.region === chips.region));
    return {
      toContact: rows.filter((row) => row.toContact).length,
      failsCriteria: rows.filter((row) => row.failsCriteria).length,
      exempted: rows.filter((row) => row.status === 'exempted').length,
      failInterviews: rows.filter((row) => row.interviews.fails).length,
      failOffers: rows.filter((row) => row.offers.fails).length,
      exemptionProposals: rows.filter((row) => row.exemptionProposals.length > 0).length,
      earlyWarnings: rows.filter((row) => row.earlyWarnings.length > 0).length,
      cannotAssess: rows.filter((row) => !row.interviews.eligible && !row.offers.eligible).length,
      municipalities: rows.length,
    };
  }, [data, chips.amk, chips.region]);
  const filterWords = [chips.amk ? `AMK ${chips.amk}` : '', chips.region].filter(Boolean).join(', ');

  const countRows = useCallback(() => setShownCount(gridApi.current?.getDisplayedRowCount() ?? null), []);
  useEffect(() => {
    saveSetting('overview.chips', chips);
    gridApi.current?.onFilterChanged();
  }, [chips]);

  const isExternalFilterPresent = useCallback(() => {
    const current = chipsRef.current;
    return current.onlyContact || current.onlyWarning || current.amk !== '' || current.region !== '';
  }, []);
  const doesExternalFilterPass = useCallback((node: IRowNode<Row>) => {
    const row = node.data;
    const current = chipsRef.current;
    if (!row) return false;
    if (current.onlyContact && !row.toContact) return false;
    if (current.onlyWarning && row.earlyWarnings.length === 0) return false;
    if (current.amk && row.labourMarketOffice !== current.amk) return false;
    if (current.region && row.region !== current.region) return false;
    return true;
  }, []);

  const openRow = (row: Row | undefined) => row && desk.open({ kind: 'municipality', code: row.code, name: row.name });

  const exportContactList = async () => {
    if (!period) return;
    status.working(text.export.working);
    try {
      status.done(deliverExport(await call('export.contactList', { period, ruleSetId: desk.ruleSetId, labourMarketOffice: chips.amk || undefined, region: chips.region || undefined })));
    } catch (error) {
      status.failed((error as Error).message);
    }
  };
  /** What a view export says about how the rows were chosen. */
  const viewFilters = [
    chips.onlyContact ? text.chips.onlyContact : '',
    chips.onlyWarning ? text.chips.onlyWarning : '',
    chips.amk ? `AMK ${chips.amk}` : '',
    chips.region ? `${text.columns.region} ${chips.region}` : '',
    quickFilter ? `${messages.deskText.provenance.search} "${quickFilter}"` : '',
  ].filter(Boolean);
  return (
    <section className="screen" data-testid="overview-screen">
      <div className="toolbar">
        <h2>{messages.nav.overview}</h2>
        <PeriodPicker />
        <input
          type="search"
          data-search="true"
          aria-label={text.search}
          placeholder={text.search}
          value={quickFilter}
          onChange={(event) => setQuickFilter(event.target.value)}
        />
        <span className="row-count" data-testid="overview-row-count">
          {data && shownCount !== null ? text.count(shownCount, data.municipalities.length) : messages.loading}
        </span>
        <span className="spacer" />
        <button className="primary" onClick={exportContactList} data-export-default="true" data-testid="export-contact-list">
          {text.export.contactList}
        </button>
        <ColumnChooser gridApi={gridApi} />
        <ViewExportButtons gridApi={gridApi} title={`Overblik ${period ? describePeriod(period) : ''}`} context={{ period: period ?? undefined, ruleSetId: data?.ruleSetId, filters: viewFilters }} />
      </div>
      <StatusLine status={status} testId="contact-list-status" />
      {evaluation.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${evaluation.error}`}</p>}
      {summary && data && (
        <div className="counters" data-testid="counters">
          <p className="summary-sentence" data-testid="summary-sentence">
            {filterWords ? `${messages.deskText.overview.within(filterWords, summary.municipalities)} ` : ''}
            {text.summarySentence(summary.toContact, summary.failInterviews, summary.failOffers)}
            {summary.cannotAssess > 0 ? ` ${messages.deskText.overview.cannotAssessCount(summary.cannotAssess, min)}` : ''}
            {!data.complete && <strong> {text.incomplete}</strong>}
          </p>
          <DecisionCounters summary={summary} />
          {(Object.keys(text.counters) as (keyof typeof text.counters)[]).map((key) => (
            <div className="counter" key={key} data-testid={`counter-${key}`}>
              <span className="counter-value">{formatInteger(summary[key])}</span>
              <span className="counter-label">{text.counters[key]}</span>
            </div>
          ))}
        </div>
      )}
      <div className="chips" role="group" aria-label={text.chips.label}>
        <button aria-pressed={chips.onlyContact} className={chips.onlyContact ? 'chip on' : 'chip'} onClick={() => setChips({ ...chips, onlyContact: !chips.onlyContact })} data-testid="chip-contact">
          {text.chips.onlyContact}
        </button>
        <button aria-pressed={chips.onlyWarning} className={chips.onlyWarning ? 'chip on' : 'chip'} onClick={() => setChips({ ...chips, onlyWarning: !chips.onlyWarning })} data-testid="chip-warning">
          {text.chips.onlyWarning}
        </button>
        <select aria-label={text.columns.amk} value={chips.amk} onChange={(event) => setChips({ ...chips, amk: event.target.value })} data-testid="chip-amk">
          <option value="">{text.chips.allAmk}</option>
          {offices.map((office) => (
            <option key={office} value={office}>{`AMK ${office}`}</option>
          ))}
        </select>
        <select aria-label={text.columns.region} value={chips.region} onChange={(event) => setChips({ ...chips, region: event.target.value })} data-testid="chip-region">
          <option value="">{text.chips.allRegions}</option>
          {regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
        </select>
        <button className="chip-clear" onClick={() => setChips(noChips)}>
          {text.chips.clear}
        </button>
      </div>
      {period && <BulkContactedBar selected={selected} ruleSetId={desk.ruleSetId} period={period} onDone={() => gridApi.current?.deselectAll()} />}
      <div className="grid" data-testid="overview-grid">
        <AgGridReact<Row>
          rowData={data?.municipalities ?? []}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true }}
          // Two lines for every header, fixed: measured heights shift the rows when the screen is shown again.
          headerHeight={44}
          groupHeaderHeight={26}
          rowHeight={34}
          theme={overviewTheme}
          tooltipShowDelay={300}
          quickFilterText={quickFilter}
          getRowId={(params) => String(params.data.code)}
          initialState={gridState.initialState}
          onStateUpdated={gridState.onStateUpdated}
          isExternalFilterPresent={isExternalFilterPresent}
          doesExternalFilterPass={doesExternalFilterPass}
          onGridReady={(event: GridReadyEvent<Row>) => {
            gridApi.current = event.api;
            countRows();
          }}
          onRowDataUpdated={countRows}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false, selectAll: 'filtered' }}
          selectionColumnDef={{ pinned: 'left', width: 44 }}
          suppressColumnVirtualisation
          onSelectionChanged={(event) => setSelected(event.api.getSelectedRows().map((row) => ({ code: row.code, name: row.name })))}
          onFilterChanged={countRows}
          onRowDoubleClicked={(event: RowDoubleClickedEvent<Row>) => openRow(event.data)}
          onCellKeyDown={(event: CellKeyDownEvent<Row>) => {
            if ((event.event as KeyboardEvent | undefined)?.key === 'Enter') openRow(event.data);
          }}
        />
      </div>
    </section>
  );
}
