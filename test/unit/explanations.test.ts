import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateEarly2023 } from '../../src/main/services/engine/early-2023';
import { evaluateSupervision } from '../../src/main/services/engine/supervision';
import { evaluateEarly2021 } from '../../src/main/services/engine/early-2021';
import { recordDecision } from '../../src/main/services/engine/decisions';
import { early2021Model } from '../../src/main/services/engine/models/early-2021';
import { escalationSteps } from '../../src/shared/enums';
import { renderExplanation } from '../../src/shared/explanations-da';
import { loadY30R21 } from '../helpers/engine-fixtures';
import { demoSession } from '../helpers/demo-store';

/**
 * Explanations are data (issue 15): every line of a result's Danish explanation is one of its
 * explanation items rendered by src/shared/explanations-da.ts, in order, nothing added beside
 * them, so a screen that renders the items (in Danish or another language) says all of it.
 */
let made: ReturnType<typeof demoSession>;
beforeAll(() => {
  made = demoSession();
  loadY30R21(made.session.db);
});
afterAll(() => made?.cleanup());

describe('explanation items and the Danish text', () => {
  it('model A: each municipality’s explanation is its items rendered, line for line', () => {
    const evaluation = evaluateEarly2023(made.session.db, '2023H2');
    expect(evaluation.municipalities.length).toBe(98);
    for (const row of evaluation.municipalities) {
      expect(row.explanation, String(row.code)).toEqual(row.explanationItems.map(renderExplanation));
      expect(row.explanationItems.map((item) => item.code)).toContain('early.sources');
    }
  });

  it('model C: each municipality’s explanation is its items rendered, line for line', () => {
    const evaluation = evaluateSupervision(made.session.db, '2021QMAT02');
    expect(evaluation.municipalities.length).toBeGreaterThan(90);
    for (const row of evaluation.municipalities) expect(row.explanation, String(row.code)).toEqual(row.explanationItems.map(renderExplanation));
  });

  // messages (issue 15): model B's summary and ladder are items too, worded once for screen, CLI and file.
  it('model B: the summary lines are the items rendered; each ladder step has one Danish wording', () => {
    const db = made.session.db;
    const before = evaluateEarly2021(db, '2023-09');
    expect(before.explanationItems.map((item) => item.code)).toEqual(['monthly.summary']);
    const code = before.municipalities[0].code;
    recordDecision(db, { ruleSetId: 'early-2021', period: '2023-02', municipalityCode: code, subject: 'contact', verdict: 'contacted', decidedOn: '2023-02-15', reason: '' });
    const result = evaluateEarly2021(db, '2023-09');
    expect(result.explanationItems).toEqual([
      { code: 'monthly.summary', params: { period: '2023-09', version: result.ruleSetVersion, findings: result.findings.length, municipalities: result.municipalities.length, months: ['2023-07', '2023-08', '2023-09'] } },
      { code: 'monthly.overdue', params: { count: 1 } },
    ]);
    const presented = early2021Model.present(result);
    expect(presented.summary).toEqual(result.explanationItems.map(renderExplanation));
    expect(presented.summary[0]).toBe(
      `september 2023 (regelsættets version ${result.ruleSetVersion}): ${result.findings.length} fund (kommune × ydelsesgruppe × kriterium) i ${result.municipalities.length} kommuner; 3 måneder i træk over tærsklen (juli 2023, august 2023, september 2023).`,
    );
    expect(presented.summary[1]).toBe('1 kommune har overskredet fristen for redegørelse og genopretningsplan.');
    expect(renderExplanation({ code: 'monthly.overdue', params: { count: 2 } })).toBe('2 kommuner har overskredet fristen for redegørelse og genopretningsplan.');
    // The "Eskalering" sheet's step cell is the same words.
    const ladder = presented.tables.find((table) => table.title === 'Eskalering')!;
    const row = ladder.rows.find((cells) => cells[0] === code)!;
    expect(row[3]).toBe('Redegørelse og genopretningsplan skal foreligge');
    const words = escalationSteps.map((step) => renderExplanation({ code: 'escalation.step', params: { step } }));
    expect(new Set(words).size).toBe(escalationSteps.length);
    expect(words).toContain('Ministeren har bedt om møde');
  });

  it('the comparison says why in the rule sets’ own terms, a criterion too small to assess included', () => {
    const side = { ruleSetName: 'A', eligible: true, aboveMonths: 4, shownMonths: 6, threshold: 0.25, consecutiveMonths: 5, fails: false };
    expect(renderExplanation({ code: 'compare.criterion', params: { criterion: 'offers', left: { ...side, eligible: false }, right: side } })).toBe(
      'Tilbud: A: kan ikke vurderes (for få borgere); A: 4 af 6 måneder over 25 % (kræver 5 i træk): opfyldt.',
    );
  });
});
