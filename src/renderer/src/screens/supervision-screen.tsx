import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ICellRendererParams, IRowNode } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { SupervisionEvaluation, SupervisionMunicipalityResult } from '../../../shared/api';
import { ModelToolbar } from '../components/model-toolbar';
import { formatInteger } from '../format';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { describePeriodShort } from '../../../shared/period-words';
import { LabelledSelect } from '../components/labelled-select';

const text = messages.models;
const words = text.supervision;
type Row = SupervisionMunicipalityResult;

const share2 = new Intl.NumberFormat('da-DK', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const points2 = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const verdict = (target: { fails: boolean } | null) => (target ? (target.fails ? words.fails : words.meets) : text.none);
const names = (rows: { name: string }[]) => rows.map((row) => row.name).join(', ');

function FocusCell({ value }: ICellRendererParams<Row, Row['focusInterviews']>) {
  if (!value) return <span className="muted">{text.none}</span>;
  return (
    <span className={value.fails ? 'cell-flag' : ''}>
      {`${value.share === null ? text.none : share2.format(value.share)} – ${verdict(value)}`}
    </span>
  );
}

/** Model C: enhanced supervision for a period, per municipality and as the quarterly status of the 2021 letter. */
export function SupervisionScreen() {
  const periods = useApi('periods.available');
  const [chosen, setPeriod] = useState('');
  const [ruleSetId, setRuleSetId] = useState('supervision');
  const options = periods.data?.supervisionPeriods ?? [];
  const period = chosen || options.at(-1) || '';
  return (
    <section className="screen" data-testid="supervision-screen">
      <ModelToolbar
        title={words.title}
        model="supervision"
        ruleSetId={ruleSetId}
        onRuleSet={setRuleSetId}
        exportArgs={period ? { model: 'supervision', period, ruleSetId } : null}
        choices={
          <LabelledSelect
            label={text.period}
            value={period}
            onChange={setPeriod}
            testId="supervision-period"
            choices={options.map((candidate) => ({ value: candidate, label: describePeriodShort(candidate) }))}
          />
        }
      />
      {periods.data && options.length === 0 && <p className="muted" data-testid="supervision-empty">{words.noPeriods}</p>}
      {period && <SupervisionList period={period} ruleSetId={ruleSetId} />}
    </section>
  );
}

function SupervisionList({ period, ruleSetId }: { period: string; ruleSetId: string }) {
  const evaluation = useApi('evaluate.supervision', { period, ruleSetId });
  const data = evaluation.data?.period === period && evaluation.data.ruleSetId === ruleSetId ? evaluation.data : null;
  const [search, setSearch] = useState('');
  const [onlyFailing, setOnlyFailing] = useState(false);
  const gridApi = useRef<GridApi<Row> | null>(null);
  // models-finish: widths that fit 1366 px with the scroll bar (the last header was cut).
  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'code', headerName: words.columns.code, width: 72, pinned: 'left' },
      { field: 'name', headerName: words.columns.name, width: 140, pinned: 'left' },
      { colId: 'expected', headerName: words.columns.expected, width: 110, type: 'numericColumn', valueGetter: (p) => p.data?.resultTarget?.expectedShare ?? null, valueFormatter: (p) => (p.value === null ? text.none : share2.format(p.value)) },
      { colId: 'actual', headerName: words.columns.actual, width: 100, type: 'numericColumn', valueGetter: (p) => p.data?.resultTarget?.actualShare ?? null, valueFormatter: (p) => (p.value === null ? text.none : share2.format(p.value)) },
      { colId: 'difference', headerName: words.columns.difference, width: 120, type: 'numericColumn', valueGetter: (p) => p.data?.resultTarget?.differencePoints ?? null, valueFormatter: (p) => (p.value === null ? text.none : points2.format(p.value)) },
      { colId: 'rank', headerName: words.columns.rank, width: 108, type: 'numericColumn', valueGetter: (p) => p.data?.resultTarget?.rank ?? null, valueFormatter: (p) => formatInteger(p.value) },
      { colId: 'resultTarget', headerName: words.columns.resultTarget, width: 136, valueGetter: (p) => verdict(p.data?.resultTarget ?? null), cellClass: (p) => (p.data?.resultTarget?.fails ? 'cell-flag' : '') },
      { colId: 'focusInterviews', headerName: words.columns.focusInterviews, width: 150, valueGetter: (p) => p.data?.focusInterviews ?? null, cellRenderer: FocusCell, sortable: false },
      { colId: 'focusOffers', headerName: words.columns.focusOffers, width: 170, valueGetter: (p) => p.data?.focusOffers ?? null, cellRenderer: FocusCell, sortable: false },
      { colId: 'atRisk', headerName: words.columns.atRisk, width: 170, valueGetter: (p) => (p.data?.atRisk ? words.atRiskMark : ''), cellClass: (p) => (p.data?.atRisk ? 'cell-above' : '') },
    ],
    [],
  );
  const doesExternalFilterPass = useCallback((node: IRowNode<Row>) => !onlyFailing || Boolean(node.data?.resultTarget?.fails), [onlyFailing]);
  return (
    <>
      {evaluation.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${evaluation.error}`}</p>}
      {data && <StatusPanel data={data} />}
      <div className="chips">
        <input type="search" data-search="true" aria-label={text.search} placeholder={text.search} value={search} onChange={(event) => setSearch(event.target.value)} />
        <button aria-pressed={onlyFailing} className={onlyFailing ? 'chip on' : 'chip'} onClick={() => setOnlyFailing(!onlyFailing)} data-testid="chip-result-fails">
          {words.onlyFailing}
        </button>
      </div>
      <div className="grid" data-testid="supervision-grid">
        <AgGridReact<Row>
          rowData={data?.municipalities ?? []}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
          rowHeight={30}
          quickFilterText={search}
          getRowId={(params) => String(params.data.code)}
          isExternalFilterPresent={() => onlyFailing}
          doesExternalFilterPass={doesExternalFilterPass}
          onGridReady={(event) => (gridApi.current = event.api)}
        />
      </div>
    </>
  );
}

/** The quarterly status in the terms of the minister's letter of 1 September 2021. */
function StatusPanel({ data }: { data: SupervisionEvaluation }) {
  const status = data.status;
  const focus = (target: SupervisionEvaluation['status']['focusInterviews'], what: string, testId: string) => (
    <li data-testid={testId}>
      {words.focus(target.fails, what, target.alsoResultTarget.length)}
      {target.alsoResultTarget.length > 0 ? `: ${names(target.alsoResultTarget)}.` : '.'}
    </li>
  );
  return (
    <div className="panel" data-testid="supervision-status">
      <h3>{words.statusTitle(data.period)}</h3>
      <ul className="explanation">
        <li data-testid="status-result-target">
          {words.resultTarget(status.resultTargetFails.length, status.municipalities)}{' '}
          {status.resultTargetFails.length > 0 && (
            <details className="inline-details">
              <summary>{words.showNames(status.resultTargetFails.length)}</summary>
              <span className="muted" data-testid="status-result-names">
                {names(status.resultTargetFails)}
              </span>
            </details>
          )}
        </li>
        {status.focusDataAvailable ? (
          <>
            {focus(status.focusInterviews, words.focusInterviews, 'status-focus-interviews')}
            {focus(status.focusOffers, words.focusOffers, 'status-focus-offers')}
            <li data-testid="status-at-risk">
              <strong>{words.atRisk(status.atRisk.length)}</strong>
              {status.atRisk.length > 0 ? `: ${names(status.atRisk)}.` : '.'}
            </li>
          </>
        ) : (
          <li className="muted" data-testid="status-no-focus">
            {words.noFocus}
          </li>
        )}
      </ul>
    </div>
  );
}
