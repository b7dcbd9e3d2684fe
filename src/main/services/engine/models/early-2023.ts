import type { CriterionResult, ExemptionReason } from '../../../../shared/api/engine';
import { earlyWarningWords, evaluateEarly2023 } from '../early-2023';
import { modelParameters } from '../model-parameters';
import { defineModel, monthJson, words } from './define';
import { describePeriod } from '../../../../shared/period-words';

const criterionJson = (result: CriterionResult) => ({ eligible: result.eligible, fails: result.fails, months: result.months.map(monthJson) });
const exemptionWords: Record<ExemptionReason, string> = { 'enhanced-supervision': 'skærpet tilsyn', 'positive-development': 'konstant positiv udvikling' };
const statusWords = { 'to-contact': 'kontaktes', exempted: 'undtaget efter vurdering', 'early-warning': 'tidlig varsling', 'not-to-contact': 'kontaktes ikke' } as const;

/** Model A: the half-yearly early-effort follow-up from 2023. */
export const early2023Model = defineModel({
  id: 'early-2023',
  label: 'Tidlig indsats fra 2023',
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
        `${describePeriod(result.period)} (regelsættets version ${result.ruleSetVersion})${result.complete ? '' : ' – halvåret er ikke slut (tidlig varsling)'}: ` +
          `${result.summary.toContact} kommuner skal kontaktes; ${result.summary.failInterviews} opfylder ikke kriteriet for samtaler, ${result.summary.failOffers} opfylder ikke kriteriet for tilbud.`,
        `${result.summary.failsCriteria} opfylder kriterierne; ${result.summary.exempted} undtaget; ${result.summary.toContact} kontaktes.`,
      ],
      tables: [
        {
          title: 'Kommuner',
          columns: [
            { header: 'Kode', kind: 'integer' },
            { header: 'Kommune', kind: 'text' },
            { header: 'Status', kind: 'text' },
            { header: 'Samtaler', kind: 'text' },
            { header: 'Tilbud', kind: 'text' },
            { header: 'Særligt udfordret', kind: 'text' },
            { header: 'Forslag om undtagelse', kind: 'text' },
          ],
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
