import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, IDatasource, IGetRowsParams, RowClickedEvent } from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallArgs, CitizenRow } from '../../../shared/api';
import { isRealDate, localToday } from '../../../shared/periods';
import { describePeriod } from '../../../shared/words-da';
import { call, onEvent } from '../api-client';
import { numberFilterOptions, textFilterOptions, toQueryFilters, toQuerySort } from '../components/citizen-grid-model';
import { CitizenTimeline } from '../components/citizen-timeline';
import { deliverExport } from '../components/export-actions';
import { formatInteger } from '../format';
import { messages } from '../messages/da';
import { queryClient } from '../query';
import { useApi } from '../use-api';

/*
 * cit-desk (issue 10): "Borgere". One row per benefit spell from `citizens.query`, through AG Grid's
 * infinite row model: the grid asks for blocks of rows with its sort and filter models, which are
 * translated to the contract and run in SQL, so a million spells scroll as fast as a hundred.
 * A row opens the citizen's timeline; the full id is shown only after "Vis CPR-nummer".
 */

const text = messages.citizens;

export interface CitizenFilters {
  municipalityCode?: number;
  groupId?: string;
  cohortMonth?: string;
  // citizen-models (issue 10): open on one spell's timeline, at the day the early warning was read.
  spellId?: number;
  asOf?: string;
}

type QueryArgs = CallArgs<'citizens.query'>;

/** `2024-07-09` → `09.07.2024`: short enough for a grid cell, the way Danish dates are written. */
function shortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

/** `09.07.2024` (or 9.7.2024) → `2024-07-09`; null when it is not a real date. */
function parseShortDate(text: string): string | null {
  const match = /^\s*(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** Every month from `first` to `last` (`YYYY-MM`), at most ten years' worth. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number);
  while (months.length < 120) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) break;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

function offerWords(row: CitizenRow): string {
  if (row.offers > 0) return text.offer.given(row.offers);
  return row.offerRequired ? text.offer.missing : text.offer.notRequired;
}

export function CitizensScreen({ initial }: { initial?: CitizenFilters }) {
  const [municipalityCode, setMunicipalityCode] = useState<number | undefined>(initial?.municipalityCode);
  const [groupId, setGroupId] = useState<string | undefined>(initial?.groupId);
  const [cohortMonth, setCohortMonth] = useState<string | undefined>(initial?.cohortMonth);
  const [withinReach, setWithinReach] = useState(false);
  const [asOf, setAsOf] = useState(initial?.asOf ?? localToday());
  const [asOfDraft, setAsOfDraft] = useState<string | null>(null);
  // The filters the grid last asked for (base + the grid's own filter model), for the count apart from the pages.
  const [countArgs, setCountArgs] = useState<CallArgs<'citizens.count'> | null>(null);
  const gridKey = useRef<string | null>(null);
  const [gridError, setGridError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(initial?.spellId ?? null);
  const [revealed, setRevealed] = useState(false);
  const [fullIds, setFullIds] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportMessage, setExportMessage] = useState('');
  const gridApi = useRef<GridApi<CitizenRow> | null>(null);
  const municipalities = useApi('municipalities.list');
  const groups = useApi('benefitGroups.list');
  // The months for the cohort list: a spell's cohort month is the month its six months end in, so the
  // earliest and latest window ends bound them (read off the days-left index, not a scan of every spell).
  const firstEnd = useApi('citizens.query', { limit: 1, sort: [{ column: 'daysLeft', direction: 'asc' }], count: false });
  const lastEnd = useApi('citizens.query', { limit: 1, sort: [{ column: 'daysLeft', direction: 'desc' }], count: false });
  // …and whether there is any citizen data at all (one row is enough to know).
  const any = firstEnd;
  const first = firstEnd.data?.rows[0]?.windowEnd.slice(0, 7);
  const last = lastEnd.data?.rows[0]?.windowEnd.slice(0, 7);
  const monthOptions = useMemo(() => {
    const range = first && last ? monthsBetween(first, last) : [];
    return cohortMonth && !range.includes(cohortMonth) ? [...range, cohortMonth].sort() : range;
  }, [first, last, cohortMonth]);
  const timeline = useApi('citizens.timeline', selected === null ? null : { spellId: selected, reveal: revealed, asOf });

  const base = useMemo<Omit<QueryArgs, 'offset' | 'limit' | 'sort' | 'filters'>>(
    () => ({ municipalityCode, groupId, cohortMonth, withinReach: withinReach || undefined, asOf }),
    [municipalityCode, groupId, cohortMonth, withinReach, asOf],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params: IGetRowsParams) => {
        const filters = toQueryFilters(params.filterModel);
        const limit = Math.min(1000, params.endRow - params.startRow);
        // The page alone (cit-derive, issue 10): counting every matching spell costs many pages' time, so the
        // count is asked apart (below) and the grid learns the last row from a short block until it arrives.
        const args: QueryArgs = { ...base, sort: toQuerySort(params.sortModel), filters, offset: params.startRow, limit, count: false };
        const counted: CallArgs<'citizens.count'> = { ...base, filters };
        const key = JSON.stringify(counted);
        gridKey.current = key;
        setCountArgs((previous) => (previous !== null && JSON.stringify(previous) === key ? previous : counted));
        queryClient
          .fetchQuery({ queryKey: ['citizens.query', args], queryFn: () => call('citizens.query', args) })
          .then((page) => {
            setGridError(null);
            params.successCallback(page.rows, page.rows.length < limit ? params.startRow + page.rows.length : -1);
          })
          .catch((error: Error) => {
            setGridError(error.message);
            params.failCallback();
          });
      },
    }),
    [base],
  );

  // The count for the grid's filters, reloaded (and shown as being counted) whenever the store changes.
  const count = useApi('citizens.count', countArgs);
  const total = count.loading || count.error || !count.data ? null : count.data.total;
  useEffect(() => {
    // A fresh count for the filters the grid shows sizes its scroll bar; a count for other filters is never applied.
    if (total !== null && countArgs !== null && gridKey.current === JSON.stringify(countArgs)) gridApi.current?.setRowCount(total, true);
  }, [total, countArgs]);

  // The store changed (an import, an undo, "Slet alle borgerdata"): the grid's blocks are fetched again.
  useEffect(() => onEvent('data.changed', () => gridApi.current?.purgeInfiniteCache()), []);

  // What a reviewer acts on first (days left, deadline, what is missing), then where the spell belongs.
  const columnDefs = useMemo<ColDef<CitizenRow>[]>(
    () => [
      {
        colId: 'citizenId',
        field: 'citizenId',
        headerName: text.columns.citizenId,
        width: 150,
        pinned: 'left',
        filter: 'agTextColumnFilter',
        filterParams: { filterOptions: textFilterOptions, maxNumConditions: 1 },
      },
      {
        colId: 'daysLeft',
        field: 'daysLeft',
        headerName: text.columns.daysLeft,
        // Wide enough for "udløbet (1.975 d.)" at 1366 × 768.
        width: 170,
        type: 'numericColumn',
        filter: 'agNumberColumnFilter',
        filterParams: { filterOptions: numberFilterOptions, maxNumConditions: 1 },
        valueFormatter: (params) => (params.value === undefined || params.value === null ? '' : text.daysLeft(params.value as number)),
        tooltipValueGetter: (params) => (params.value === undefined || params.value === null ? '' : text.daysLeftTitle(params.value as number)),
        cellClass: (params) => (params.data && params.data.daysLeft >= 0 && params.data.daysLeft <= 14 && (params.data.interviewsMissing > 0 || params.data.offerMissing) ? 'cell-above' : ''),
      },
      { colId: 'deadline', headerName: text.columns.deadline, width: 120, valueGetter: (params) => shortDate(params.data?.deadline) },
      {
        colId: 'interviewsMissing',
        headerName: text.columns.missing,
        width: 215,
        valueGetter: (params) => (params.data ? text.missing(params.data.interviewsMissing, params.data.offerMissing) : ''),
      },
      {
        colId: 'interviewsCounted',
        field: 'interviewsCounted',
        headerName: text.columns.interviews,
        width: 115,
        filter: 'agNumberColumnFilter',
        filterParams: { filterOptions: numberFilterOptions, maxNumConditions: 1 },
        valueFormatter: (params) => (params.data ? text.interviewsOf(params.data.interviewsCounted, params.data.requiredInterviews) : ''),
      },
      {
        colId: 'offers',
        field: 'offers',
        headerName: text.columns.offers,
        width: 115,
        filter: 'agNumberColumnFilter',
        filterParams: { filterOptions: numberFilterOptions, maxNumConditions: 1 },
        valueFormatter: (params) => (params.data ? offerWords(params.data) : ''),
      },
      {
        colId: 'interviewsNotCounted',
        field: 'interviewsNotCounted',
        headerName: text.columns.interviewsNotCounted,
        width: 115,
        type: 'numericColumn',
        filter: 'agNumberColumnFilter',
        filterParams: { filterOptions: numberFilterOptions, maxNumConditions: 1 },
      },
      { colId: 'groupId', headerName: text.columns.group, width: 150, valueGetter: (params) => params.data?.groupLabel ?? '' },
      { colId: 'municipalityCode', headerName: text.columns.municipality, width: 140, valueGetter: (params) => params.data?.municipalityName ?? '' },
      { colId: 'startDate', headerName: text.columns.startDate, width: 120, valueGetter: (params) => shortDate(params.data?.startDate) },
      {
        colId: 'cohortMonth',
        headerName: text.columns.cohortMonth,
        width: 145,
        valueGetter: (params) => (params.data ? (params.data.cohortMonth ? describePeriod(params.data.cohortMonth) : text.noCohort) : ''),
      },
    ],
    [],
  );

  // A revealed id is kept no longer than it is shown: hiding it, or choosing another citizen, drops it from the cache.
  const forgetRevealed = () => queryClient.removeQueries({ predicate: (query) => query.queryKey[0] === 'citizens.timeline' && (query.queryKey[1] as { reveal?: boolean } | undefined)?.reveal === true });
  const hide = () => {
    setRevealed(false);
    forgetRevealed();
  };

  const place = municipalities.data?.find((municipality) => municipality.code === municipalityCode)?.name;

  async function exportList() {
    setExporting(true);
    setExportMessage('');
    try {
      const model = gridApi.current;
      const result = await call('export.citizens', {
        ...base,
        sort: toQuerySort(model?.getColumnState().filter((column) => column.sort).sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0)).map((column) => ({ colId: column.colId, sort: column.sort })) ?? []),
        filters: toQueryFilters(model?.getFilterModel()),
        includeFullIds: fullIds,
      });
      setExportMessage(deliverExport(result));
    } catch (error) {
      setExportMessage(`${messages.errorPrefix}: ${(error as Error).message}`);
    } finally {
      setExporting(false);
    }
  }

  if (any.error) return <p className="error" role="alert">{`${messages.errorPrefix}: ${any.error}`}</p>;
  if (!any.data) return <p>{messages.loading}</p>;
  if (any.data.rows.length === 0) {
    return (
      <section className="screen scroll" data-testid="citizens-empty">
        <div className="panel citizens-empty">
          <h2>{text.empty.title}</h2>
          <p>{text.empty.body}</p>
        </div>
      </section>
    );
  }

  return (
    <section className="screen citizens-screen" data-testid="citizens-screen">
      <div className="toolbar citizens-filters" role="group" aria-label={text.filters.label}>
        <h2>{place ? text.crumb(place) : text.title}</h2>
        <label>
          {text.filters.municipality}
          <select value={municipalityCode ?? ''} onChange={(event) => setMunicipalityCode(event.target.value ? Number(event.target.value) : undefined)} data-testid="citizens-municipality">
            <option value="">{text.filters.allMunicipalities}</option>
            {municipalities.data?.map((municipality) => (
              <option key={municipality.code} value={municipality.code}>
                {municipality.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.filters.group}
          <select value={groupId ?? ''} onChange={(event) => setGroupId(event.target.value || undefined)} data-testid="citizens-group">
            <option value="">{text.filters.allGroups}</option>
            {groups.data?.map((group) => (
              <option key={group.id} value={group.id}>
                {group.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.filters.cohortMonth}
          <select value={cohortMonth ?? ''} onChange={(event) => setCohortMonth(event.target.value || undefined)} data-testid="citizens-month">
            <option value="">{text.filters.clearMonth}</option>
            {monthOptions.map((month) => (
              <option key={month} value={month}>
                {describePeriod(month)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={withinReach} onChange={(event) => setWithinReach(event.target.checked)} data-testid="citizens-within-reach" />
          {text.filters.withinReach}
        </label>
        <label>
          {text.filters.asOf}
          <input
            type="text"
            className="short-date"
            value={asOfDraft ?? shortDate(asOf)}
            placeholder={text.filters.datePattern}
            title={text.filters.datePattern}
            onChange={(event) => setAsOfDraft(event.target.value)}
            onBlur={() => {
              const parsed = asOfDraft === null ? asOf : parseShortDate(asOfDraft);
              if (parsed) {
                setAsOf(parsed);
                setAsOfDraft(null);
              }
            }}
            onKeyDown={(event) => event.key === 'Enter' && (event.target as HTMLInputElement).blur()}
            aria-invalid={asOfDraft !== null && parseShortDate(asOfDraft) === null}
            data-testid="citizens-as-of"
          />
        </label>
        {asOfDraft !== null && parseShortDate(asOfDraft) === null && <span className="error">{text.filters.badDate}</span>}
      </div>
      <div className="toolbar">
        <span className="row-count" data-testid="citizens-count">
          {count.error ? text.countFailed(count.error) : total === null ? text.counting : text.count(formatInteger(total))}
        </span>
        <span className="muted">{text.masked}</span>
        <span className="spacer" />
        <label className="checkbox" title={text.export.fullIdsWarning}>
          <input type="checkbox" checked={fullIds} onChange={(event) => setFullIds(event.target.checked)} data-testid="citizens-full-ids" />
          {text.export.fullIds}
        </label>
        <button className="primary" disabled={exporting || total === 0} onClick={() => void exportList()} data-export-default data-testid="citizens-export">
          {exporting ? messages.loading : text.export.button}
        </button>
      </div>
      {fullIds && <p className="import-warning">{text.export.fullIdsWarning}</p>}
      {exportMessage && (
        <p role="status" data-testid="citizens-export-message">
          {exportMessage}
        </p>
      )}
      {gridError && (
        <p className="error" role="alert">
          {`${messages.errorPrefix}: ${gridError}`}
        </p>
      )}
      <div className="citizens-body">
        <div className="grid" data-testid="citizens-grid">
          <AgGridReact<CitizenRow>
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={100}
            maxBlocksInCache={50}
            columnDefs={columnDefs}
            defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
            getRowId={(params) => String(params.data.spellId)}
            overlayNoRowsTemplate={text.noMatch}
            onGridReady={(event) => (gridApi.current = event.api)}
            rowClass="clickable-row"
            onRowClicked={(event: RowClickedEvent<CitizenRow>) => {
              if (!event.data) return;
              setSelected(event.data.spellId);
              hide();
            }}
          />
        </div>
        <aside className="panel citizens-timeline-panel" data-testid="citizens-timeline-panel">
          <h3>{text.timeline.title}</h3>
          {selected === null && <p className="muted">{text.timeline.choose}</p>}
          {timeline.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${timeline.error}`}</p>}
          {selected !== null && timeline.data && <CitizenTimeline timeline={timeline.data} asOf={asOf} onReveal={() => setRevealed(true)} onHide={hide} />}
        </aside>
      </div>
    </section>
  );
}
