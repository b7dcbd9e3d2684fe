import { MonthFigureCell } from '../components/month-figure-cell';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi } from 'ag-grid-community';
import { useMemo, useRef } from 'react';
import type { MonthFigure, MunicipalityDetail } from '../../../shared/api';
import { criterionIds } from '../../../shared/enums';
import { renderExplanation } from '../../../shared/explanations-da';
import { DecisionPanel } from '../components/decision-panel';
import { ContactsPanel } from '../components/contacts-panel';
import { focusDecisionPanel, useDecisionKey } from '../components/decision-key';
import { HypotheticalNote, useChosenRuleSet } from '../components/model-rule-set';
import { statusText } from '../components/decision-columns';
import { useDesk } from '../components/desk-context';
import { TrendChart } from '../components/lazy-charts';
import { ViewExportButtons } from '../components/view-export-buttons';
import { CitizenDrillLink } from '../components/citizen-drill-link'; // cit-desk (issue 10)
import { formatInteger, formatShare } from '../format';
import { messages } from '../messages/da';
import { useApi } from '../use-api';
import { formatDanishDate, formatDanishDateTime } from '../../../shared/words-da';
import { describeMonth, describeMonthShort, describePeriod } from '../../../shared/period-words';

const text = messages.desk;
const words = messages.deskText.overview;
type GroupRow = MunicipalityDetail['groupMonths'][number];

function monthCell(figure: MonthFigure | undefined): string {
  if (!figure || figure.measured === null) return '–';
  return `${formatShare(figure.share)} (${formatInteger(figure.lacking)}/${formatInteger(figure.measured)})`;
}

/** One municipality: the trend, the benefit-group × month figures, the explanation and the decisions. */
export function MunicipalityScreen({ code }: { code: number }) {
  const desk = useDesk();
  const detail = useApi('municipality.detail', desk.period ? { code, period: desk.period, ruleSetId: desk.ruleSetId } : null);
  const gridApi = useRef<GridApi<GroupRow> | null>(null);
  const ruleSets = useApi('ruleSets.list');
  const data = detail.data;
  const ruleSetName = ruleSets.data?.find((ruleSet) => ruleSet.id === data?.ruleSetId)?.name ?? '';
  const chosenRuleSet = useChosenRuleSet(data?.ruleSetId);
  const months = useMemo(() => data?.groupMonths[0]?.months.map((figure) => figure.month) ?? [], [data]);
  useDecisionKey();

  const columnDefs = useMemo<ColDef<GroupRow>[]>(
    () => [
      { field: 'label', headerName: text.columns.group, pinned: 'left', width: 170 },
      { colId: 'criterion', headerName: text.columns.criterion, width: 100, valueGetter: (params) => (params.data ? text.criterion[params.data.criterion] : '') },
      ...months.map(
        (month, index): ColDef<GroupRow> => ({
          colId: month,
          headerName: describeMonth(month),
          width: 170,
          valueGetter: (params) => params.data?.months[index]?.share ?? null,
          valueFormatter: (params) => monthCell(params.data?.months[index]),
          cellClass: (params) => (params.data?.months[index]?.above ? 'cell-above' : ''),
          // The file holds what the cell shows: the share and the counts behind it.
          context: {
            export: {
              expand: {
                headers: [words.shareSuffix, words.lackingSuffix, words.measuredSuffix].map((suffix) => `${describeMonth(month)} ${suffix}`),
                kinds: ['share', 'integer', 'integer'],
                values: (row: GroupRow) => [row.months[index]?.share ?? null, row.months[index]?.lacking ?? null, row.months[index]?.measured ?? null],
              },
            },
          },
        }),
      ),
    ],
    [months],
  );

  if (detail.error) return <p className="error" role="alert">{`${messages.errorPrefix}: ${detail.error}`}</p>;
  if (!data) return <p>{messages.loading}</p>;
  const result = data.result;
  return (
    <section className="screen scroll" data-testid="municipality-screen">
      <div className="toolbar">
        <h2 data-testid="municipality-title">{`${data.name} (${data.code})`}</h2>
        <span className="muted">{`${data.region} · AMK ${data.labourMarketOffice} · ${describePeriod(data.period)} · ${ruleSetName} (version ${data.ruleSetVersion})`}</span>
        <span className={result.toContact ? 'badge flag' : 'badge'} data-testid="municipality-verdict" title={statusText(result)}>
          {messages.decisions.status[result.status]}
        </span>
        {/* decisions: the decision panel in one key (D) or this skip link */}
        <a className="skip-link" href="#decision-panel" onClick={(event) => (event.preventDefault(), focusDecisionPanel())} data-testid="skip-to-decision">
          {messages.decisions.skipToDecision}
        </a>
      </div>
      {/* models-finish: a drill-down under a what-if copy says so above its numbers. */}
      <HypotheticalNote ruleSet={chosenRuleSet} />
      {(result.status === 'exempted' || result.status === 'early-warning') && (
        <p className="status-line" data-testid="municipality-status-line">
          {statusText(result)}
        </p>
      )}
      <div className="two-columns">
        <div className="panel">
          <h3>{text.municipality.chartTitle}</h3>
          <TrendChart detail={data} />
          {data.batches.some((batch) => batch.isDemo) && data.batches.some((batch) => !batch.isDemo) && (
            <p className="import-warning" data-testid="mixed-sources">
              {messages.deskText.sourceMixed}
            </p>
          )}
        </div>
        <div className="panel" data-testid="explanation">
          <h3>{text.municipality.explanationTitle}</h3>
          <ul className="explanation">
            {/* one-definition: the engine's explanation items in words, by the shared messages module. */}
            {result.explanationItems.map((item, index) => (
              <li key={index}>{renderExplanation(item)}</li>
            ))}
            {result.exemptionProposals.map((proposal, index) => (
              <li key={`p${index}`}>
                <strong>{`${text.columns.proposals}: ${text.reason[proposal.reason]}`}</strong> {proposal.evidence}
              </li>
            ))}
          </ul>
          <table className="figures" data-testid="criterion-figures">
            <thead>
              <tr>
                <th>{text.columns.criterion}</th>
                {months.map((month) => (
                  <th key={month}>{describeMonthShort(month)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {criterionIds.map((criterion) => (
                <tr key={criterion} data-criterion={criterion}>
                  <th>{text.criterionTitle[criterion]}</th>
                  {result[criterion].months.map((figure) => (
                    <MonthFigureCell key={figure.month} figure={figure} title={text.municipality.cellTitle(formatInteger(figure.lacking), formatInteger(figure.measured))} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{text.municipality.sourcesTitle}</h4>
          <ul className="sources" data-testid="sources">
            {data.batches.map((batch) => (
              <li key={batch.id} title={`SHA-256 ${batch.sha256}`}>{`${batch.fileName}${batch.isDemo ? ` (${messages.importer.history.demo})` : ''} · SHA-256 ${batch.sha256.slice(0, 16)}… · ${formatDanishDateTime(batch.importedAt)}`}</li>
            ))}
          </ul>
        </div>
      </div>
      <div className="panel">
        <div className="toolbar">
          <h3>{text.municipality.groupsTitle}</h3>
          <ViewExportButtons gridApi={gridApi} title={`${data.name} ${describePeriod(data.period)}`} primary context={{ period: data.period, ruleSetId: data.ruleSetId }} />
        </div>
        <div className="grid small-grid" data-testid="group-month-grid">
          <AgGridReact<GroupRow>
            rowData={data.groupMonths}
            columnDefs={columnDefs}
            defaultColDef={{ sortable: true, resizable: true }}
            domLayout="autoHeight"
            getRowId={(params) => `${params.data.groupId}:${params.data.criterion}`}
            onGridReady={(event) => (gridApi.current = event.api)}
            onRowDoubleClicked={(event) => event.data && desk.open({ kind: 'group', groupId: event.data.groupId, label: event.data.label })}
            onCellKeyDown={(event: CellKeyDownEvent<GroupRow>) => {
              if ((event.event as KeyboardEvent | undefined)?.key === 'Enter' && event.data) desk.open({ kind: 'group', groupId: event.data.groupId, label: event.data.label });
            }}
          />
        </div>
        {/* cit-desk (issue 10): down to the month's cohort and its citizens */}
        <CitizenDrillLink municipalityCode={data.code} municipalityName={data.name} groups={data.groupMonths} months={months} />
      </div>
      <div className="two-columns">
        <DecisionPanel
          key={`${data.code}:${data.period}:${data.ruleSetId}`}
          ruleSetId={data.ruleSetId}
          period={data.period}
          municipalityCode={data.code}
          proposals={result.exemptionProposals}
          history={data.decisionHistory}
        />
        <div className="panel">
          <ContactsPanel municipalityCode={data.code} />
          <h3>{text.municipality.escalationTitle}</h3>
          {data.escalation ? (
            <p data-testid="escalation">
              <strong>{renderExplanation({ code: 'escalation.step', params: { step: data.escalation.step } })}</strong>
              {(['contactedOn', 'explanationDueOn', 'meetingRequestedOn'] as const)
                .filter((key) => data.escalation?.[key])
                .map((key) => ` · ${text.municipality[key]} ${formatDanishDate(data.escalation![key]!)}`)
                .join('')}
            </p>
          ) : (
            <p className="muted">{text.municipality.noData}</p>
          )}
          <h3>{text.municipality.supervisionTitle}</h3>
          {data.supervision ? (
            <ul>
              {data.supervision.explanationItems.map(renderExplanation).map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{text.municipality.noData}</p>
          )}
        </div>
      </div>
    </section>
  );
}
