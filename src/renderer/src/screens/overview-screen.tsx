import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi, GridReadyEvent, IRowNode, RowDoubleClickedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CriterionId, EarlyEffortMunicipalityResult, MonthFigure } from '../../../shared/api';
import { call } from '../api-client';
import { useDesk } from '../components/desk-context';
import { deliverExport } from '../components/export-actions';
import { loadSetting, saveSetting, usePersistentGridState } from '../components/grid-state';
import { ShareBars } from '../components/share-bars';
import { BulkContactedBar } from '../components/bulk-contacted-bar';
import { notesColumn, statusColumn, statusText } from '../components/decision-columns';
import { DecisionCounters } from '../components/decision-counters';
import { ViewExportButtons } from '../components/view-export-buttons';
import { PeriodPicker } from '../components/period-picker';
import { formatInteger } from '../format';
import { messages } from '../messages/da';
import { useApi } from '../use-api';

const text = messages.desk;
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
  return status || messages.decisions.verdicts[latest.verdict] || latest.verdict;
}

function monthsColumn(criterion: CriterionId, months: string[]): ColDef<Row> {
  return {
    colId: criterion,
    headerName: text.columns[criterion],
    width: 150,
    sortable: true,
    // Sorted by the lowest of the six months: a criterion fails only when even that month is above the line.
    valueGetter: (params) => (params.data ? Math.min(...params.data[criterion].months.map((figure) => figure.share ?? 0)) : null),
    cellRenderer: (params: { data?: Row }) =>
      params.data ? (
        <span className="bars-cell" data-testid={`bars-${criterion}`}>
          <ShareBars months={params.data[criterion].months} />
          {params.data[criterion].fails && <span className="fail-mark">{text.criterion[criterion]}</span>}
        </span>
      ) : null,
    filter: false,
    context: {
      export: {
        expand: { headers: months, kind: 'share', values: (row: Row) => row[criterion].months.map((figure: MonthFigure) => figure.share) },
      },
    },
  };
}

export function OverviewScreen() {
  const desk = useDesk();
  const period = desk.period;
  const evaluation = useApi('evaluate.early2023', period ? { period, ruleSetId: desk.ruleSetId } : { period: '2000H1' });
  const data = period ? evaluation.data : null;
  const [quickFilter, setQuickFilter] = useState('');
  const [chips, setChips] = useState<Chips>(() => loadSetting('overview.chips', noChips));
  const [shownCount, setShownCount] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const [selected, setSelected] = useState<{ code: number; name: string }[]>([]);
  const gridApi = useRef<GridApi<Row> | null>(null);
  const gridState = usePersistentGridState('overview');
  const chipsRef = useRef(chips);
  chipsRef.current = chips;

  const offices = useMemo(() => [...new Set((data?.municipalities ?? []).map((row) => row.labourMarketOffice))].sort(), [data]);
  const regions = useMemo(() => [...new Set((data?.municipalities ?? []).map((row) => row.region))].sort(), [data]);

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'code', headerName: text.columns.code, width: 80, filter: 'agNumberColumnFilter', context: { export: { kind: 'integer' } } },
      { field: 'name', headerName: text.columns.name, pinned: 'left', width: 160, filter: 'agTextColumnFilter', comparator: danishOrder },
      { field: 'region', headerName: text.columns.region, width: 150, filter: 'agTextColumnFilter' },
      { field: 'labourMarketOffice', headerName: text.columns.amk, width: 100, filter: 'agTextColumnFilter' },
      // decisions: status after the reviewer's decisions (replaces the yes/no "Kontaktes" column)
      statusColumn(),
      monthsColumn('interviews', data?.months ?? []),
      monthsColumn('offers', data?.months ?? []),
      {
        colId: 'failsEligible',
        headerName: text.columns.failsEligible,
        width: 120,
        valueGetter: (params) => {
          const row = params.data;
          if (!row) return '';
          const fails = Number(row.interviews.fails) + Number(row.offers.fails);
          const eligible = Number(row.interviews.eligible) + Number(row.offers.eligible);
          return `${fails} / ${eligible}`;
        },
      },
      { colId: 'challenged', headerName: text.columns.challenged, width: 230, valueGetter: (params) => params.data?.challengedGroups.join(', ') ?? '', filter: 'agTextColumnFilter' },
      {
        colId: 'proposals',
        headerName: text.columns.proposals,
        width: 170,
        valueGetter: (params) =>
          params.data?.exemptionProposals.map((proposal) => `${text.reason[proposal.reason]}${proposal.criterion ? ` (${text.criterion[proposal.criterion]})` : ''}`).join(', ') ?? '',
        filter: 'agTextColumnFilter',
      },
      {
        colId: 'warning',
        headerName: text.columns.warning,
        width: 130,
        valueGetter: (params) =>
          params.data?.earlyWarnings.map((warning) => `${text.criterion[warning.criterion]}: ${messages.decisions.earlyWarningShort(warning.monthsAboveSoFar, warning.monthsAssessed)}`).join(', ') ?? '',
        tooltipValueGetter: (params) => (params.data ? statusText(params.data) : ''),
      },
      { colId: 'decision', headerName: text.columns.decision, width: 160, valueGetter: (params) => (params.data ? decisionStatus(params.data) : ''), filter: 'agTextColumnFilter' },
      notesColumn(),
    ],
    [data?.months],
  );

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
    setStatus(text.export.working);
    try {
      setStatus(deliverExport(await call('export.contactList', { period, ruleSetId: desk.ruleSetId })));
    } catch (error) {
      setStatus(`${messages.errorPrefix}: ${(error as Error).message}`);
    }
  };

  const summary = data?.summary;
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
        <ViewExportButtons gridApi={gridApi} title={`Overblik ${period ?? ''}`} />
      </div>
      {status && (
        <div className="export-status" role="status" data-testid="contact-list-status">
          {status}
        </div>
      )}
      {evaluation.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${evaluation.error}`}</p>}
      {summary && data && (
        <div className="counters" data-testid="counters">
          <p className="summary-sentence" data-testid="summary-sentence">
            {text.summarySentence(summary.toContact, summary.failInterviews, summary.failOffers)}
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
          defaultColDef={{ sortable: true, resizable: true }}
          rowHeight={34}
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
