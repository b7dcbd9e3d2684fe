import { AgGridReact } from 'ag-grid-react';
import type { CellClickedEvent, CellKeyDownEvent, ColDef, ICellRendererParams, RowClassParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import type { CriterionId, DataSource, EscalationState, MonthFigure, MonthlyEvaluation } from '../../../shared/api';
import { defaultMonth, MissingData, missingData, NoMonths, SourceLine, sourceMonthChoices, useSourcePeriods } from '../components/data-source';
import { call } from '../api-client';
import { ModelToolbar } from '../components/model-toolbar';
import { formatInteger, formatShare } from '../format';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { describeMonthShort } from '../../../shared/period-words';
import { formatDanishDate } from '../../../shared/words-da';
import { renderExplanation } from '../../../shared/explanations-da';
import { LabelledSelect } from '../components/labelled-select';
import { PlaceholderInput } from '../components/placeholder-input';

const text = messages.models;
const words = text.monthly;

/** Group rows (one per municipality, grouped in SQL) followed by their findings: AG Grid Community has no row grouping. */
type Row =
  | { id: string; kind: 'municipality'; code: number; name: string; findings: number; escalation: EscalationState | null }
  | { id: string; kind: 'finding'; code: number; name: string; group: string; criterion: CriterionId; months: MonthFigure[] };

function MonthCell({ data, index }: ICellRendererParams<Row> & { index: number }) {
  if (data?.kind !== 'finding') return null;
  const figure = data.months[index];
  if (!figure) return null;
  return (
    <span title={messages.desk.municipality.cellTitle(formatInteger(figure.lacking), formatInteger(figure.measured))}>
      {formatShare(figure.share)}
      <small className="muted">{` ${formatInteger(figure.lacking)}/${formatInteger(figure.measured)}`}</small>
    </span>
  );
}

function LabelCell({ data }: ICellRendererParams<Row>) {
  if (!data) return null;
  if (data.kind === 'finding') return <span className="indent">{data.group}</span>;
  return (
    <strong>
      {`${data.code} ${data.name}`} <span className="muted">{`(${words.findings(data.findings)})`}</span>
    </strong>
  );
}

function StepCell({ data }: ICellRendererParams<Row>) {
  if (data?.kind !== 'municipality') return null;
  const state = data.escalation;
  return (
    <span>
      {state?.overdue && <span className="badge flag overdue">{words.overdueMark}</span>}
      {renderExplanation({ code: 'escalation.step', params: { step: state?.step ?? 'none' } })}
    </span>
  );
}

/** Model B (the 2021 model): pick a month, see every municipality × benefit group × criterion with N months in a row above the threshold. */
export function MonthlyScreen() {
  // citizen-models (issue 10): Jobindsats' counts or those derived from citizen data; the months are the source's.
  const [source, setSource] = useState<DataSource>('published');
  const periods = useSourcePeriods(source);
  const [chosenMonth, setMonth] = useState('');
  const [ruleSetId, setRuleSetId] = useState('early-2021');
  const [search, setSearch] = useState('');
  // The latest month with data for (nearly) every municipality, as on Hele landet.
  const month = chosenMonth || defaultMonth(periods.data);
  const missing = missingData(source, periods.data, [month]);
  return (
    <section className="screen" data-testid="monthly-screen">
      <ModelToolbar
        title={words.title}
        model="early-2021"
        ruleSetId={ruleSetId}
        onRuleSet={setRuleSetId}
        source={source}
        onSource={setSource}
        exportArgs={month && !missing ? { model: 'early-2021', period: month, ruleSetId, source } : null}
        choices={<LabelledSelect label={text.month} value={month} onChange={setMonth} testId="monthly-month" choices={sourceMonthChoices(periods.data, month)} />}
        more={<PlaceholderInput type="search" search label={text.search} value={search} onChange={setSearch} />}
      />
      {periods.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${periods.error}`}</p>}
      {missing ? (
        <MissingData message={missing} />
      ) : month ? (
        <MonthlyList month={month} ruleSetId={ruleSetId} search={search} source={source} />
      ) : (
        <NoMonths source={source} loading={periods.loading} />
      )}
    </section>
  );
}

function MonthlyList({ month, ruleSetId, search, source }: { month: string; ruleSetId: string; search: string; source: DataSource }) {
  const evaluation = useApi('evaluate.early2021', source === 'citizens' ? { period: month, ruleSetId, source } : { period: month, ruleSetId });
  // Never the previous month's, rule set's or source's numbers under the new choice.
  const data = evaluation.data?.period === month && evaluation.data.ruleSetId === ruleSetId && (evaluation.data.dataSource ?? 'published') === source ? evaluation.data : null;
  const [selected, setSelected] = useState<number | null>(null);
  // The window's months are the same for every finding of a month.
  const windowKey = data?.findings[0]?.months.map((figure) => figure.month).join(',') ?? '';
  const rows = useMemo(() => (data ? groupedRows(data, search) : []), [data, search]);

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      // At 1366 px the whole row fits beside the escalation panel: a long name with its count of findings wraps rather than being cut.
      { colId: 'label', headerName: words.columns.municipality, width: 215, pinned: 'left', wrapText: true, autoHeight: true, cellClass: 'cell-wrap cell-wrap-name', cellRenderer: LabelCell },
      { colId: 'criterion', headerName: words.columns.criterion, width: 100, valueGetter: (params) => (params.data?.kind === 'finding' ? words.criterion[params.data.criterion] : '') },
      ...(windowKey ? windowKey.split(',') : []).map(
        (figureMonth, index): ColDef<Row> => ({
          colId: `month-${index}`,
          headerName: describeMonthShort(figureMonth),
          width: 118,
          cellRenderer: MonthCell,
          cellRendererParams: { index },
          cellClass: (params) => (params.data?.kind === 'finding' && params.data.months[index]?.above ? 'month-cell cell-above' : 'month-cell'),
        }),
      ),
      // messages (issue 15): the ladder's words are the exported file's, whole; the cell wraps rather than cutting them.
      { colId: 'step', headerName: words.columns.step, width: 180, wrapText: true, autoHeight: true, cellClass: 'cell-wrap', cellRenderer: StepCell },
      {
        colId: 'due',
        headerName: words.columns.due,
        width: 140,
        // Sorted by the date, shown in words ("25. september 2024").
        valueGetter: (params) => (params.data?.kind === 'municipality' ? (params.data.escalation?.explanationDueOn ?? '') : ''),
        valueFormatter: (params) => (params.value ? formatDanishDate(String(params.value)) : ''),
      },
    ],
    [windowKey],
  );

  const overdueItem = data?.explanationItems.find((item) => item.code === 'monthly.overdue');
  const selectedRow = rows.find((row) => row.kind === 'municipality' && row.code === selected);
  const selectedState = data?.escalation.find((state) => state.code === selected) ?? null;
  return (
    <>
      {evaluation.error && <p className="error" role="alert">{`${messages.errorPrefix}: ${evaluation.error}`}</p>}
      {data && <SourceLine source={source} batches={data.batches} />}
      {data && (
        <p className="model-summary" data-testid="monthly-summary">
          {data.findings.length === 0 ? words.none : words.summary(data.period, data.findings.length, data.municipalities.length, windowKey.replaceAll(',', ', '))}
          {overdueItem && <strong className="overdue-text">{` ${renderExplanation(overdueItem)}`}</strong>}
        </p>
      )}
      <div className="side-by-side">
        <div className="grid" data-testid="monthly-grid">
          <AgGridReact<Row>
            rowData={rows}
            columnDefs={columnDefs}
            defaultColDef={{ sortable: false, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
            rowHeight={30}
            getRowId={(params) => params.data.id}
            getRowClass={(params: RowClassParams<Row>) => (params.data?.kind === 'municipality' ? 'group-row' : undefined)}
            onCellClicked={(event: CellClickedEvent<Row>) => event.data && setSelected(event.data.code)}
            onCellKeyDown={(event: CellKeyDownEvent<Row>) => {
              if ((event.event as KeyboardEvent | undefined)?.key === 'Enter' && event.data) setSelected(event.data.code);
            }}
          />
        </div>
        <aside className="panel side-panel" data-testid="ladder-panel">
          {selectedRow?.kind === 'municipality' && data ? (
            <LadderPanel key={selectedRow.code} code={selectedRow.code} name={selectedRow.name} state={selectedState} month={month} />
          ) : (
            <>
              <h3>{words.columns.step}</h3>
              <p className="muted">{words.ladderHint}</p>
              <p className="muted">{words.pickRow}</p>
            </>
          )}
        </aside>
      </div>
    </>
  );
}

/** The engine's grouping (municipalities) with each group's findings under it; a search keeps whole groups. */
function groupedRows(data: MonthlyEvaluation, search: string): Row[] {
  const needle = search.trim().toLocaleLowerCase('da-DK');
  const states = new Map(data.escalation.map((state) => [state.code, state]));
  const rows: Row[] = [];
  for (const municipality of data.municipalities) {
    if (needle && !`${municipality.code} ${municipality.name}`.toLocaleLowerCase('da-DK').includes(needle)) continue;
    rows.push({ id: `m${municipality.code}`, kind: 'municipality', code: municipality.code, name: municipality.name, findings: municipality.findings, escalation: states.get(municipality.code) ?? null });
    for (const finding of data.findings.filter((candidate) => candidate.code === municipality.code)) {
      rows.push({ id: `f${finding.code}-${finding.groupId}-${finding.criterion}`, kind: 'finding', code: finding.code, name: finding.name, group: finding.group, criterion: finding.criterion, months: finding.months });
    }
  }
  return rows;
}

/** Contact → explanation and recovery plan due N months later → meeting; each step recorded with a date. */
function LadderPanel({ code, name, state, month }: { code: number; name: string; state: EscalationState | null; month: string }) {
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const record = async (subject: string, verdict: string) => {
    try {
      // Recorded under the model's built-in rule set, whichever rule set is shown: the ladder is a fact, not a what-if.
      await call('decisions.record', { ruleSetId: 'early-2021', period: month, municipalityCode: code, subject, verdict, decidedOn: date, reason: note });
      setStatus(words.record.done);
    } catch (error) {
      setStatus(`${messages.errorPrefix}: ${(error as Error).message}`);
    }
  };
  const step = (label: string, value: string | null | undefined, testId: string) => (
    <li data-testid={testId}>
      {`${label}: `}
      <strong>{value ? formatDanishDate(value) : words.ladder.notYet}</strong>
    </li>
  );
  return (
    <>
      <h3>{words.ladderTitle(name)}</h3>
      <ol className="ladder">
        {step(words.ladder.contacted, state?.contactedOn, 'ladder-contacted')}
        {step(words.ladder.due, state?.explanationDueOn, 'ladder-due')}
        {step(words.ladder.received, state?.explanationReceivedOn, 'ladder-received')}
        {step(words.ladder.meeting, state?.meetingRequestedOn, 'ladder-meeting')}
      </ol>
      {state?.overdue && (
        <p className="overdue-text" role="alert" data-testid="ladder-overdue">
          {words.ladder.overdue}
        </p>
      )}
      <div className="form-row">
        <label>
          {words.record.date}
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} data-testid="ladder-date" />
        </label>
        <label className="block">
          {words.record.note}
          <input type="text" value={note} onChange={(event) => setNote(event.target.value)} data-testid="ladder-note" />
        </label>
      </div>
      <div className="ladder-buttons">
        <button onClick={() => record('contact', 'contacted')} data-testid="ladder-record-contact">
          {words.record.contact}
        </button>
        <button onClick={() => record('escalation:explanation', 'recorded')} disabled={!state?.contactedOn} data-testid="ladder-record-explanation">
          {words.record.explanation}
        </button>
        <button onClick={() => record('escalation:meeting', 'recorded')} disabled={!state?.contactedOn} data-testid="ladder-record-meeting">
          {words.record.meeting}
        </button>
      </div>
      {status && (
        <p className="export-status" role="status">
          {status}
        </p>
      )}
    </>
  );
}
