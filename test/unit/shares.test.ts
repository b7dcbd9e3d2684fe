import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { aboveSql, comparisonDecimals, isAbove, weightedShare, weightedShareSql, type SharePart } from '../../src/shared/shares';

/**
 * The weighted share and the threshold test have one definition (src/shared/shares.ts) with an
 * SQL fragment and a JS twin; here both run on the same cases in real SQLite and must agree,
 * the boundaries (exactly the threshold, float noise around it) included.
 */
const db = new Database(':memory:');
afterAll(() => db.close());

/** A small deterministic generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const aboveStatement = db.prepare(`SELECT ${aboveSql('@share')} AS above`);
const sqlAbove = (share: number | null, threshold: number, strictlyGreater: boolean) =>
  (aboveStatement.get({ share, threshold, strict: strictlyGreater ? 1 : 0 }) as { above: number }).above === 1;

describe('threshold test: SQL and JS agree', () => {
  const thresholds = [0, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1];
  const boundaryShares = [
    null,
    0,
    0.2,
    1 / 5,
    2 / 10,
    20 / 100,
    0.1 + 0.1,
    0.7 - 0.5,
    0.2 + 1e-12,
    0.2 - 1e-12,
    0.2 + 1e-8,
    0.2 - 1e-8,
    0.2000000004,
    0.2000000006,
    1 / 3,
    0.25,
    0.5,
    1,
  ];

  it('on the boundaries: exactly the threshold is above only when not strictly greater', () => {
    for (const share of [0.2, 1 / 5, 20 / 100, 0.1 + 0.1, 0.7 - 0.5, 0.2 + 1e-12, 0.2 - 1e-12]) {
      expect(isAbove(share, 0.2, true), `${share} strictly`).toBe(false);
      expect(sqlAbove(share, 0.2, true), `${share} strictly (SQL)`).toBe(false);
      expect(isAbove(share, 0.2, false), `${share} or equal`).toBe(true);
      expect(sqlAbove(share, 0.2, false), `${share} or equal (SQL)`).toBe(true);
    }
    expect(isAbove(0.2 + 1e-8, 0.2, true)).toBe(true);
    expect(sqlAbove(0.2 + 1e-8, 0.2, true)).toBe(true);
    expect(isAbove(null, 0, false)).toBe(false);
    expect(sqlAbove(null, 0, false)).toBe(false);
  });

  it('on the boundary cases and 5,000 drawn shares, for both comparisons', () => {
    const next = random(20240101);
    const drawn = Array.from({ length: 5000 }, (_, index) => {
      // Half of them: a count over a count, the way shares come from the data; a third of those lands on 20 %.
      if (index % 2 === 0) {
        const measured = 1 + Math.floor(next() * 400);
        const lacking = index % 3 === 0 ? measured / 5 : Math.floor(next() * (measured + 1));
        return lacking / measured;
      }
      return Math.round(next() * 1e6) / 1e6;
    });
    let compared = 0;
    for (const share of [...boundaryShares, ...drawn]) {
      for (const threshold of thresholds) {
        for (const strictlyGreater of [true, false]) {
          expect(sqlAbove(share, threshold, strictlyGreater), `share ${share}, threshold ${threshold}, strict ${strictlyGreater}`).toBe(
            isAbove(share, threshold, strictlyGreater),
          );
          compared++;
        }
      }
    }
    expect(compared).toBe((boundaryShares.length + 5000) * thresholds.length * 2);
    expect(comparisonDecimals).toBe(9);
  });
});

describe('weighted share: SQL and JS agree', () => {
  db.exec('CREATE TABLE part (grp INTEGER, lacking REAL, measured INTEGER)');
  const insert = db.prepare('INSERT INTO part (grp, lacking, measured) VALUES (?, ?, ?)');
  const shareStatement = db.prepare(`SELECT grp, ${weightedShareSql('lacking', 'measured')} AS share FROM part GROUP BY grp ORDER BY grp`);

  function sqlShares(groups: SharePart[][]): (number | null)[] {
    db.exec('DELETE FROM part');
    groups.forEach((parts, index) => {
      // A group with no parts cannot be a row of a GROUP BY; one all-null part stands for it.
      for (const part of parts.length > 0 ? parts : [{ lacking: null, measured: null }]) insert.run(index, part.lacking, part.measured);
    });
    return (shareStatement.all() as { share: number | null }[]).map((row) => row.share);
  }

  it('on hand-picked cases: counts, estimates, missing figures, nobody measured, exactly 20 %', () => {
    const groups: SharePart[][] = [
      [{ lacking: 20, measured: 100 }],
      [{ lacking: 10, measured: 50 }, { lacking: 10, measured: 50 }],
      [{ lacking: 0.1 * 30, measured: 30 }, { lacking: 0.3 * 70, measured: 70 }],
      [{ lacking: null, measured: 500 }, { lacking: 3, measured: 10 }],
      [{ lacking: 0, measured: 0 }],
      [{ lacking: null, measured: 10 }],
      [],
      [{ lacking: 5, measured: null }, { lacking: 1, measured: 5 }],
    ];
    const js = groups.map((parts) => weightedShare(parts).share);
    expect(js).toEqual([0.2, 0.2, 0.24, 0.3, null, null, null, 1.2]);
    const sql = sqlShares(groups);
    sql.forEach((share, index) => (share === null ? expect(js[index]).toBeNull() : expect(share).toBeCloseTo(js[index]!, 12)));
    expect(isAbove(js[0], 0.2, true)).toBe(false);
    expect(isAbove(js[1], 0.2, false)).toBe(true);
  });

  it('on 500 drawn groups of 0–8 parts, and their threshold verdicts', () => {
    const next = random(7);
    const groups: SharePart[][] = Array.from({ length: 500 }, () =>
      Array.from({ length: Math.floor(next() * 9) }, () => {
        const measured = next() < 0.05 ? null : Math.floor(next() * 300);
        const kind = next();
        const lacking = kind < 0.1 ? null : kind < 0.55 || measured === null ? Math.floor(next() * ((measured ?? 50) + 1)) : (Math.round(next() * 1000) / 1000) * measured;
        return { lacking, measured };
      }),
    );
    const sql = sqlShares(groups);
    groups.forEach((parts, index) => {
      const js = weightedShare(parts).share;
      if (js === null) expect(sql[index], `group ${index}`).toBeNull();
      else expect(sql[index], `group ${index}`).toBeCloseTo(js, 12);
      expect(sqlAbove(sql[index], 0.2, true), `group ${index} verdict`).toBe(isAbove(js, 0.2, true));
    });
  });
});
