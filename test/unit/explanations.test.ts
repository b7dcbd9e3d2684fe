import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateEarly2023 } from '../../src/main/services/engine/early-2023';
import { evaluateSupervision } from '../../src/main/services/engine/supervision';
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
});
