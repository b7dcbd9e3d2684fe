import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateEarly2023 } from '../../src/main/services/engine/early-2023';
import { copyRuleSet } from '../../src/main/services/engine/rule-sets';
import { h2023, insertMeasurements, type FixtureRow } from '../helpers/engine-fixtures';
import { tempSession } from '../helpers/temp-store';

/**
 * The SQL evaluator against a direct reading of RULES.md model A in plain JS, on random data:
 * interviews pool every group, offers pool the groups with an offer requirement (dagpenge,
 * kontanthjælp; not sygedagpenge); a month is above when lacking/measured > threshold; eligible
 * when ≥ 10 citizens in every month; fails when eligible and above in N consecutive months;
 * positive development when each month's share is lower than the month before.
 */
const codes = [101, 147, 151];
const groups = ['dagpenge', 'sygedagpenge', 'kontanthjaelp'];
const offerGroups = new Set(['dagpenge', 'kontanthjaelp']);

const cell = fc.integer({ min: 0, max: 12 }).chain((measured) =>
  fc.record({ measured: fc.constant(measured), interviews: fc.integer({ min: 0, max: measured }), offers: fc.integer({ min: 0, max: measured }) }),
);
const dataSet = fc.array(cell, { minLength: codes.length * groups.length * 6, maxLength: codes.length * groups.length * 6 });

function reference(cells: { measured: number; interviews: number; offers: number }[], threshold: number, needed: number) {
  const at = (c: number, g: number, m: number) => cells[(c * groups.length + g) * 6 + m];
  return codes.map((code, c) => {
    const criterion = (key: 'interviews' | 'offers') => {
      const months = h2023.map((_, m) => {
        let measured = 0;
        let lacking = 0;
        groups.forEach((group, g) => {
          if (key === 'offers' && !offerGroups.has(group)) return;
          measured += at(c, g, m).measured;
          lacking += at(c, g, m)[key];
        });
        const share = measured > 0 ? lacking / measured : null;
        return { measured, share, above: share !== null && share > threshold };
      });
      const eligible = months.every((month) => month.measured >= 10);
      let run = 0;
      let best = 0;
      for (const month of months) {
        run = month.above ? run + 1 : 0;
        best = Math.max(best, run);
      }
      const falling = months.every((month, m) => m === 0 || (month.share !== null && months[m - 1].share !== null && month.share < months[m - 1].share!));
      return { eligible, fails: eligible && best >= needed, above: months.map((month) => month.above), falling };
    };
    return { code, interviews: criterion('interviews'), offers: criterion('offers') };
  });
}

let made: ReturnType<typeof tempSession>;
beforeAll(() => {
  made = tempSession();
});
afterAll(() => made.cleanup());

describe('model A agrees with a plain reading of the rules on random data', () => {
  it('for any counts, threshold and number of months', () => {
    let run = 0;
    fc.assert(
      fc.property(dataSet, fc.constantFrom(0.1, 0.2, 0.25), fc.integer({ min: 3, max: 6 }), (cells, threshold, needed) => {
        const db = made.session.db;
        db.prepare('DELETE FROM measurement').run();
        const rows: FixtureRow[] = [];
        codes.forEach((code, c) =>
          groups.forEach((group, g) =>
            h2023.forEach((month, m) => {
              const value = cells[(c * groups.length + g) * 6 + m];
              rows.push({ code, group, month, measured: value.measured, interviewsLacking: value.interviews, offersLacking: offerGroups.has(group) || m % 2 ? value.offers : null });
            }),
          ),
        );
        insertMeasurements(db, rows);
        run += 1;
        const rule = copyRuleSet(db, 'early-2023', `egenskab ${run}`, { threshold, consecutiveMonths: needed });
        const result = evaluateEarly2023(db, '2023H2', rule.id);
        for (const expected of reference(cells, threshold, needed)) {
          const actual = result.municipalities.find((row) => row.code === expected.code)!;
          for (const key of ['interviews', 'offers'] as const) {
            expect(actual[key].eligible).toBe(expected[key].eligible);
            expect(actual[key].fails).toBe(expected[key].fails);
            expect(actual[key].months.map((month) => month.above)).toEqual(expected[key].above);
            const proposed = actual.exemptionProposals.some((proposal) => proposal.reason === 'positive-development' && proposal.criterion === key);
            expect(proposed).toBe(expected[key].fails && expected[key].falling);
          }
        }
      }),
      { numRuns: 40, seed: 20240325 },
    );
  });
});
