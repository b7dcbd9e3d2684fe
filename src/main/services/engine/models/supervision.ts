import type { SupervisionStatus } from '../../../../shared/api/engine';
import { modelParameters } from '../model-parameters';
import { evaluateSupervision } from '../supervision';
import { defineModel, municipalityHeaders, words } from './define';
import { describePeriod } from '../../../../shared/period-words';
import { EngineError } from '../engine-error';
import { engineWords } from '../../../../shared/engine-words-da';

const w = words.supervision;
const names = (rows: { name: string }[]) => rows.map((row) => row.name).join(', ');
const verdict = (target: { fails: boolean } | null) => (target ? (target.fails ? words.fails : words.meets) : '');

/** The quarterly status in the terms of the minister's letter of 1 September 2021 (seed 003). */
function supervisionStatusLines(period: string, status: SupervisionStatus): string[] {
  const lines = [w.resultTargetFails(describePeriod(period), status.resultTargetFails.length, status.municipalities)];
  if (!status.focusDataAvailable) {
    lines.push(w.noFocusData);
    return lines;
  }
  const focus = (count: number, also: { name: string }[], what: string) => w.focusFails(count, what, also.length, names(also));
  lines.push(
    focus(status.focusInterviews.fails, status.focusInterviews.alsoResultTarget, w.focusInterviews),
    focus(status.focusOffers.fails, status.focusOffers.alsoResultTarget, w.focusOffers),
    w.atRisk(status.atRisk.length, names(status.atRisk)),
  );
  return lines;
}

/** Model C: enhanced supervision (result target and focus targets). */
export const supervisionModel = defineModel({
  id: 'supervision',
  periodKind: 'supervision-period',
  call: 'evaluate.supervision',
  baseline: false,
  parameters: modelParameters.supervision,
  evaluate: (db, args) => {
    // cit-engine (issue 10): the result target and focus targets are not in citizen data.
    if (args.source === 'citizens') throw new EngineError('no-citizen-source', engineWords.noCitizenSource);
    return evaluateSupervision(db, args.period, args.ruleSetId);
  },
  present(result) {
    const status = result.status;
    const focusRow = (label: string, target: { fails: number; alsoResultTarget: { name: string }[] }) => [label, target.fails, target.alsoResultTarget.length, names(target.alsoResultTarget)];
    return {
      summary: supervisionStatusLines(result.period, status),
      tables: [
        {
          title: w.table,
          columns: [
            ...municipalityHeaders,
            { header: w.columns.expected, kind: 'share' },
            { header: w.columns.actual, kind: 'share' },
            { header: w.columns.difference, kind: 'number' },
            { header: w.columns.rank, kind: 'integer' },
            { header: w.columns.resultTarget, kind: 'text' },
            { header: w.columns.focusInterviewsShare, kind: 'share' },
            { header: w.columns.focusInterviews, kind: 'text' },
            { header: w.columns.focusOffersShare, kind: 'share' },
            { header: w.columns.focusOffers, kind: 'text' },
            { header: w.columns.atRisk, kind: 'text' },
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
          title: w.statusTable,
          columns: [
            { header: w.statusColumns.target, kind: 'text' },
            { header: w.statusColumns.failing, kind: 'integer' },
            { header: w.statusColumns.alsoResult, kind: 'integer' },
            { header: w.statusColumns.which, kind: 'text' },
          ],
          rows: [
            [w.statusRows.resultTarget, status.resultTargetFails.length, null, names(status.resultTargetFails)],
            ...(status.focusDataAvailable
              ? [focusRow(w.statusRows.focusInterviews, status.focusInterviews), focusRow(w.statusRows.focusOffers, status.focusOffers)]
              : [[w.statusRows.focus, null, null, w.noFocusRow]]),
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
