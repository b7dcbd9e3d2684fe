import type { CriterionResult, ExemptionReason } from '../../../../shared/api/engine';
import { evaluateEarly2023 } from '../early-2023';
import { modelParameters } from '../model-parameters';
import { defineModel, monthJson, words } from './define';

const criterionJson = (result: CriterionResult) => ({ eligible: result.eligible, fails: result.fails, months: result.months.map(monthJson) });
const exemptionWords: Record<ExemptionReason, string> = { 'enhanced-supervision': 'skærpet tilsyn', 'positive-development': 'konstant positiv udvikling' };

/** Model A: the half-yearly early-effort follow-up from 2023. */
export const early2023Model = defineModel({
  id: 'early-2023',
  label: 'Tidlig indsats fra 2023',
  periodKind: 'half-year',
  call: 'evaluate.early2023',
  baseline: false,
  parameters: modelParameters['early-2023'],
  evaluate: (db, args) => evaluateEarly2023(db, args.period, args.ruleSetId),
  present(result) {
    const shown = result.municipalities.filter((row) => row.toContact || row.earlyWarnings.length > 0);
    return {
      summary: [
        `${result.period} (${result.ruleSetId}, version ${result.ruleSetVersion})${result.complete ? '' : ' – halvåret er ikke slut (tidlig varsling)'}: ` +
          `${result.summary.toContact} kommuner skal kontaktes; ${result.summary.failInterviews} opfylder ikke kriteriet for samtaler, ${result.summary.failOffers} opfylder ikke kriteriet for tilbud.`,
      ],
      tables: [
        {
          title: 'Kommuner',
          columns: [
            { header: 'Kode', kind: 'integer' },
            { header: 'Kommune', kind: 'text' },
            { header: 'Kontakt', kind: 'text' },
            { header: 'Samtaler', kind: 'text' },
            { header: 'Tilbud', kind: 'text' },
            { header: 'Særligt udfordret', kind: 'text' },
            { header: 'Forslag om undtagelse', kind: 'text' },
          ],
          rows: shown.map((row) => [
            row.code,
            row.name,
            row.toContact ? words.yes : 'varsling',
            row.interviews.fails ? words.fails : '',
            row.offers.fails ? words.fails : '',
            row.challengedGroups.join(', '),
            row.exemptionProposals.map((proposal) => exemptionWords[proposal.reason]).join(', '),
          ]),
        },
      ],
      json: {
        model: result.model,
        ruleSetVersion: result.ruleSetVersion,
        period: result.period,
        summary: { toContact: result.summary.toContact, failInterviews: result.summary.failInterviews, failOffers: result.summary.failOffers },
        municipalities: result.municipalities.map((row) => ({
          code: row.code,
          name: row.name,
          toContact: row.toContact,
          interviews: criterionJson(row.interviews),
          offers: criterionJson(row.offers),
          challengedGroups: row.challengedGroups,
          exemptionProposals: row.exemptionProposals.map((proposal) => ({ reason: proposal.reason, criterion: proposal.criterion })),
        })),
      },
    };
  },
});
