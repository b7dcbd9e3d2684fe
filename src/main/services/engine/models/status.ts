import type { StatusEvaluation } from '../../../../shared/api/engine';
import { modelParameters } from '../model-parameters';
import { evaluateStatus } from '../status';
import { EngineError } from '../engine-error';
import { defineModel } from './define';
import { describePeriod } from '../../../../shared/period-words';

/** "92 af 98 kommuner", and a warning when the national figure rests on part of the country. */
export function coverageLines(result: StatusEvaluation): string[] {
  const line = (label: string, coverage: StatusEvaluation['coverage']['period']) =>
    `${label} ${describePeriod(coverage.month)}: data for ${coverage.municipalities} af ${coverage.of} kommuner${coverage.municipalities < coverage.of ? ' – landstallet er beregnet af delvise data' : ''}.`;
  return [line('Måned', result.coverage.period), line('Sammenligningsmåned', result.coverage.baseline)];
}

/** Model D: the national status tables against a baseline month, and the municipalities' spread. */
export const statusModel = defineModel({
  id: 'status',
  label: 'Hele landet (landsstatus)',
  periodKind: 'month',
  call: 'evaluate.status',
  baseline: true,
  parameters: modelParameters.status,
  evaluate(db, args) {
    if (!args.baseline) throw new EngineError('invalid-period', 'Mangler sammenligningsmåned (fx 2023-12).');
    return evaluateStatus(db, args.period, args.baseline, args.ruleSetId, args.source);
  },
  present(result) {
    const { parameters: _parameters, batches: _batches, ...table } = result;
    return {
      summary: coverageLines(result),
      tables: [
        {
          title: 'Hele landet',
          columns: [
            { header: 'Målgruppe', kind: 'text' },
            { header: `Andel med lovbestemte samtaler, ${describePeriod(result.period)}`, kind: 'share' },
            { header: `Andel ${describePeriod(result.baseline)}`, kind: 'share' },
            { header: `Ændring siden ${describePeriod(result.baseline)} (pct.-point)`, kind: 'number' },
            { header: 'Målte borgere', kind: 'integer' },
            { header: 'Delvise data', kind: 'text' },
          ],
          rows: result.rows.map((row) => [row.label, row.share, row.baselineShare, row.changePoints, row.measured, result.partial ? 'ja' : '']),
        },
        {
          title: 'Kommuner',
          columns: [
            { header: 'Kode', kind: 'integer' },
            { header: 'Kommune', kind: 'text' },
            { header: `Andel ${describePeriod(result.period)}`, kind: 'share' },
            { header: `Andel ${describePeriod(result.baseline)}`, kind: 'share' },
            { header: 'Ændring (pct.-point)', kind: 'number' },
            { header: 'Forskel fra landstallet (pct.-point)', kind: 'number' },
          ],
          rows: result.municipalities.map((row) => [row.code, row.name, row.share, row.baselineShare, row.changePoints, row.differenceFromNationalPoints]),
        },
      ],
      json: table,
    };
  },
});
