import type { CriterionResult } from '../../../../shared/api/engine';
import { earlyWarningWords, evaluateEarly2023 } from '../early-2023';
import { modelParameters } from '../model-parameters';
import { columnsOf, defineModel, monthJson, municipalityHeaders, words } from './define';
import { describePeriod } from '../../../../shared/period-words';

const criterionJson = (result: CriterionResult) => ({ eligible: result.eligible, fails: result.fails, months: result.months.map(monthJson) });
const w = words.early2023;
const exemptionWords = w.exemption;
const statusWords = w.status;

/** Model A: the half-yearly early-effort follow-up from 2023. */
export const early2023Model = defineModel({
  id: 'early-2023',
  periodKind: 'half-year',
  call: 'evaluate.early2023',
  baseline: false,
  parameters: modelParameters['early-2023'],
  evaluate: (db, args) => evaluateEarly2023(db, args.period, args.ruleSetId, { source: args.source }),
  present(result) {
    const shown = result.municipalities.filter((row) => row.failsCriteria || row.earlyWarnings.length > 0);
    // A criterion on its way to failing reads as such, never "opfyldt" (issue 13 item 6).
    const criterionText = (row: (typeof shown)[number], criterion: 'interviews' | 'offers') => {
      const warning = row.earlyWarnings.find((candidate) => candidate.criterion === criterion);
      if (warning) return earlyWarningWords(warning.monthsAboveSoFar, warning.monthsAssessed, warning.monthsRemaining);
      return row[criterion].fails ? words.fails : '';
    };
    return {
      summary: [
        w.summary(describePeriod(result.period), result.ruleSetVersion, result.complete, result.summary.toContact, result.summary.failInterviews, result.summary.failOffers),
        w.afterReview(result.summary.failsCriteria, result.summary.exempted, result.summary.toContact),
      ],
      tables: [
        {
          title: w.table,
          columns: [...municipalityHeaders, ...columnsOf('text', w.columns.status, words.criterion.interviews, words.criterion.offers, w.columns.challenged, w.columns.proposals)],
          rows: shown.map((row) => [
            row.code,
            row.name,
            row.status === 'exempted' ? `${statusWords[row.status]}: ${row.exemption?.reasons ?? ''}` : statusWords[row.status],
            criterionText(row, 'interviews'),
            criterionText(row, 'offers'),
            row.challengedGroups.join(', '),
            row.exemptionProposals.map((proposal) => exemptionWords[proposal.reason]).join(', '),
          ]),
        },
      ],
      json: {
        model: result.model,
        ruleSetVersion: result.ruleSetVersion,
        period: result.period,
        // Issue 5's keys first, in their order; then completeness, early warnings and exemptions (issue 13).
        summary: result.summary,
        municipalities: result.municipalities.map((row) => ({
          code: row.code,
          name: row.name,
          toContact: row.toContact,
          interviews: criterionJson(row.interviews),
          offers: criterionJson(row.offers),
          challengedGroups: row.challengedGroups,
          exemptionProposals: row.exemptionProposals.map((proposal) => ({ reason: proposal.reason, criterion: proposal.criterion })),
          status: row.status,
          failsCriteria: row.failsCriteria,
          exemption: row.exemption,
          earlyWarnings: row.earlyWarnings,
          note: row.note,
        })),
        ruleSetId: result.ruleSetId,
        complete: result.complete,
        months: result.months,
      },
    };
  },
});
