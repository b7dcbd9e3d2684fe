import type { EscalationState, MonthlyEvaluation } from '../../../../shared/api/engine';
import type { ModelTable } from '../../../../shared/api/models';
import { evaluateEarly2021 } from '../early-2021';
import { modelParameters } from '../model-parameters';
import { addMonths, monthRange } from '../../../../shared/periods';
import { columnsOf, defineModel, monthJson, municipalityHeaders, words } from './define';
import { describeMonthShort } from '../../../../shared/period-words';
import { renderExplanation } from '../../../../shared/explanations-da';
import { formatDanishDate } from '../../../../shared/words-da';


/** The months a finding spans: the N months ending with the evaluated month. */
function windowMonths(result: MonthlyEvaluation): string[] {
  if (result.findings.length > 0) return result.findings[0].months.map((month) => month.month);
  const span = result.parameters.find((parameter) => parameter.key === 'consecutiveMonths')?.value;
  const count = typeof span === 'number' ? span : 3;
  return monthRange(addMonths(result.period, -(count - 1)), count);
}

const w = words.early2021;

const danishDate = (date: string | null | undefined) => (date ? formatDanishDate(date) : null);

function escalationTable(escalation: EscalationState[], findingsByCode: Map<number, number>): ModelTable {
  return {
    title: w.ladderTable,
    columns: [
      ...municipalityHeaders,
      ...columnsOf('integer', w.ladderColumns.findings),
      ...columnsOf('text', w.ladderColumns.step, w.ladderColumns.contacted, w.ladderColumns.due, w.ladderColumns.overdue, w.ladderColumns.received, w.ladderColumns.meeting),
    ],
    rows: escalation.map((state) => [
      state.code,
      state.name,
      findingsByCode.get(state.code) ?? 0,
      renderExplanation({ code: 'escalation.step', params: { step: state.step } }),
      // danish-finish: dates in Danish form ("25. marts 2024").
      danishDate(state.contactedOn),
      danishDate(state.explanationDueOn),
      state.overdue ? words.yes : '',
      danishDate(state.explanationReceivedOn),
      danishDate(state.meetingRequestedOn),
    ]),
  };
}

/** Model B: monthly, each benefit group on its own, with the escalation ladder (2021). */
export const early2021Model = defineModel({
  id: 'early-2021',
  periodKind: 'month',
  call: 'evaluate.early2021',
  baseline: false,
  parameters: modelParameters['early-2021'],
  evaluate: (db, args) => evaluateEarly2021(db, args.period, args.ruleSetId, args.source),
  present(result) {
    const months = windowMonths(result);
    const findingsByCode = new Map(result.municipalities.map((row) => [row.code, row.findings]));
    return {
      summary: result.explanationItems.map(renderExplanation),
      tables: [
        {
          title: w.findingsTable,
          columns: [
            ...municipalityHeaders,
            ...columnsOf('text', words.columns.group, words.columns.criterion),
            ...months.flatMap((month) => [
              { header: w.monthShare(describeMonthShort(month)), kind: 'share' as const },
              { header: w.monthLacking(describeMonthShort(month)), kind: 'integer' as const },
              { header: w.monthMeasured(describeMonthShort(month)), kind: 'integer' as const },
            ]),
          ],
          rows: result.findings.map((finding) => [
            finding.code,
            finding.name,
            finding.group,
            words.criterion[finding.criterion],
            ...months.flatMap((month) => {
              const figure = finding.months.find((candidate) => candidate.month === month);
              return [figure?.share ?? null, figure?.lacking ?? null, figure?.measured ?? null];
            }),
          ]),
        },
        escalationTable(result.escalation, findingsByCode),
      ],
      json: {
        model: result.model,
        ruleSetVersion: result.ruleSetVersion,
        period: result.period,
        findings: result.findings.map((finding) => ({
          code: finding.code,
          name: finding.name,
          group: finding.group,
          groupId: finding.groupId,
          criterion: finding.criterion,
          months: finding.months.map(monthJson),
        })),
        municipalities: result.municipalities,
        escalation: result.escalation,
      },
    };
  },
});
