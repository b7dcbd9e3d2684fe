import type { SupervisionStatus } from '../../../../shared/api/engine';
import { modelParameters } from '../model-parameters';
import { evaluateSupervision } from '../supervision';
import { defineModel, words } from './define';
import { describePeriod } from '../../../../shared/period-words';
import { EngineError } from '../engine-error';

const names = (rows: { name: string }[]) => rows.map((row) => row.name).join(', ');
const verdict = (target: { fails: boolean } | null) => (target ? (target.fails ? words.fails : words.meets) : '');

/** The quarterly status in the terms of the minister's letter of 1 September 2021 (seed 003). */
export function supervisionStatusLines(period: string, status: SupervisionStatus): string[] {
  const lines = [`${describePeriod(period)}: ${status.resultTargetFails.length} af ${status.municipalities} kommuner lever ikke op til resultatmålet.`];
  if (!status.focusDataAvailable) {
    lines.push('Der er ikke indlæst fokusmålinger for perioden, så fokusrådene og risikoen for skærpet tilsyn kan ikke vurderes.');
    return lines;
  }
  const focus = (count: number, also: { name: string }[], what: string) =>
    `${count} kommuner lever ikke op til fokusrådet om ${what}. ${also.length} af dem lever heller ikke op til resultatmålet${also.length ? `: ${names(also)}` : ''}.`;
  lines.push(
    focus(status.focusInterviews.fails, status.focusInterviews.alsoResultTarget, 'mindst 4 samtaler inden for 12 måneder'),
    focus(status.focusOffers.fails, status.focusOffers.alsoResultTarget, 'mindst ét aktivt tilbud eller 225 timers ordinær beskæftigelse inden for 12 måneder'),
    `I risiko for skærpet tilsyn: ${status.atRisk.length} kommuner${status.atRisk.length ? ` (${names(status.atRisk)})` : ''}.`,
  );
  return lines;
}

/** Model C: enhanced supervision (result target and focus targets). */
export const supervisionModel = defineModel({
  id: 'supervision',
  label: 'Skærpet tilsyn',
  periodKind: 'supervision-period',
  call: 'evaluate.supervision',
  baseline: false,
  parameters: modelParameters.supervision,
  evaluate: (db, args) => {
    // cit-engine (issue 10): the result target and focus targets are not in citizen data.
    if (args.source === 'citizens') throw new EngineError('no-citizen-source', 'Skærpet tilsyn kan ikke beregnes af borgerdata: resultatmålet og fokusmålene findes kun i Jobindsats-udtrækkene. Vælg Jobindsats som datakilde.');
    return evaluateSupervision(db, args.period, args.ruleSetId);
  },
  present(result) {
    const status = result.status;
    const focusRow = (label: string, target: { fails: number; alsoResultTarget: { name: string }[] }) => [label, target.fails, target.alsoResultTarget.length, names(target.alsoResultTarget)];
    return {
      summary: supervisionStatusLines(result.period, status),
      tables: [
        {
          title: 'Kommuner',
          columns: [
            { header: 'Kode', kind: 'integer' },
            { header: 'Kommune', kind: 'text' },
            { header: 'Forventet andel', kind: 'share' },
            { header: 'Faktisk andel', kind: 'share' },
            { header: 'Forskel (pct.-point)', kind: 'number' },
            { header: 'Placering', kind: 'integer' },
            { header: 'Resultatmål', kind: 'text' },
            { header: 'Fokusråd samtaler, andel uden', kind: 'share' },
            { header: 'Fokusråd samtaler', kind: 'text' },
            { header: 'Fokusråd tilbud/225 timer, andel uden', kind: 'share' },
            { header: 'Fokusråd tilbud/225 timer', kind: 'text' },
            { header: 'I risiko for skærpet tilsyn', kind: 'text' },
          ],
          rows: result.municipalities.map((row) => [
            row.code,
            row.name,
            row.resultTarget?.expectedShare ?? null,
            row.resultTarget?.actualShare ?? null,
            row.resultTarget?.differencePoints ?? null,
            row.resultTarget?.rank ?? null,
            verdict(row.resultTarget),
            row.focusInterviews?.share ?? null,
            verdict(row.focusInterviews),
            row.focusOffers?.share ?? null,
            verdict(row.focusOffers),
            row.atRisk ? words.yes : '',
          ]),
        },
        {
          title: 'Kvartalsstatus',
          columns: [
            { header: 'Mål', kind: 'text' },
            { header: 'Kommuner, der ikke lever op til det', kind: 'integer' },
            { header: 'Heraf også ikke resultatmålet', kind: 'integer' },
            { header: 'Hvilke', kind: 'text' },
          ],
          rows: [
            ['Resultatmålet', status.resultTargetFails.length, null, names(status.resultTargetFails)],
            ...(status.focusDataAvailable
              ? [focusRow('Fokusråd om samtaler', status.focusInterviews), focusRow('Fokusråd om tilbud/225 timer', status.focusOffers)]
              : [['Fokusrådene', null, null, 'ingen fokusmålinger indlæst for perioden']]),
          ],
        },
      ],
      json: {
        model: result.model,
        ruleSetVersion: result.ruleSetVersion,
        period: result.period,
        municipalities: result.municipalities.map(({ explanation: _explanation, explanationItems: _items, ...row }) => row),
        status,
      },
    };
  },
});
