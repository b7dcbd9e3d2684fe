import type { StatusEvaluation } from '../../../../shared/api/engine';
import { modelParameters } from '../model-parameters';
import { evaluateStatus } from '../status';
import { EngineError } from '../engine-error';
import { defineModel, municipalityHeaders, words } from './define';
import { describePeriod } from '../../../../shared/period-words';
import { engineWords } from '../../../../shared/engine-words-da';

const w = words.status;

/** "92 af 98 kommuner", and a warning when the national figure rests on part of the country. */
function coverageLines(result: StatusEvaluation): string[] {
  const line = (label: string, coverage: StatusEvaluation['coverage']['period']) => w.coverage(label, describePeriod(coverage.month), coverage.municipalities, coverage.of);
  return [line(w.month, result.coverage.period), line(w.baseline, result.coverage.baseline)];
}

/** Model D: the national status tables against a baseline month, and the municipalities' spread. */
export const statusModel = defineModel({
  id: 'status',
  periodKind: 'month',
  call: 'evaluate.status',
  baseline: true,
  parameters: modelParameters.status,
  evaluate(db, args) {
    if (!args.baseline) throw new EngineError('invalid-period', engineWords.missingBaseline);
    return evaluateStatus(db, args.period, args.baseline, args.ruleSetId, args.source);
  },
  present(result) {
    const { parameters: _parameters, batches: _batches, ...table } = result;
    return {
      summary: coverageLines(result),
      tables: [
        {
          title: w.nationalTable,
          columns: [
            { header: w.nationalColumns.group, kind: 'text' },
            { header: w.nationalColumns.share(describePeriod(result.period)), kind: 'share' },
            { header: w.nationalColumns.baselineShare(describePeriod(result.baseline)), kind: 'share' },
            { header: w.nationalColumns.change(describePeriod(result.baseline)), kind: 'number' },
            { header: words.columns.measured, kind: 'integer' },
            { header: w.nationalColumns.partial, kind: 'text' },
          ],
          rows: result.rows.map((row) => [row.label, row.share, row.baselineShare, row.changePoints, row.measured, result.partial ? words.yes : '']),
        },
        {
          title: w.municipalitiesTable,
          columns: [
            ...municipalityHeaders,
            { header: w.municipalityColumns.share(describePeriod(result.period)), kind: 'share' },
            { header: w.nationalColumns.baselineShare(describePeriod(result.baseline)), kind: 'share' },
            { header: w.municipalityColumns.change, kind: 'number' },
            { header: w.municipalityColumns.fromNational, kind: 'number' },
          ],
          rows: result.municipalities.map((row) => [row.code, row.name, row.share, row.baselineShare, row.changePoints, row.differenceFromNationalPoints]),
        },
      ],
      json: table,
    };
  },
});
