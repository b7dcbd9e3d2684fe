import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import { loadDemoIfFirstStart } from '../../src/main/handlers/core-handlers';
import { generateDemoRows } from '../../src/main/services/demo-data';
import { tempSession } from '../helpers/temp-store';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function session() {
  const made = tempSession();
  cleanup = made.cleanup;
  return made.session;
}

describe('the demo data generator', () => {
  it('is seeded: the same rows every time, 98 municipalities × 9 groups × 42 months', () => {
    const first = generateDemoRows();
    const second = generateDemoRows();
    expect(first).toHaveLength(98 * 9 * 42);
    expect(second).toEqual(first);
    expect(generateDemoRows(1)).not.toEqual(first);
    const months = new Set(first.map((row) => row.month));
    expect([...months].sort()[0]).toBe('2022-01');
    expect([...months].sort().at(-1)).toBe('2025-06');
    // Offer counts only where the group has an offer requirement.
    expect(first.filter((row) => row.groupId === 'sygedagpenge').every((row) => row.offersLacking === null)).toBe(true);
    expect(first.every((row) => row.interviewsLacking <= row.measured)).toBe(true);
  });

  it('is sized by population: København measures far more citizens than Læsø', () => {
    const rows = generateDemoRows();
    const total = (code: number) => rows.filter((row) => row.municipalityCode === code && row.month === '2023-07').reduce((sum, row) => sum + row.measured, 0);
    expect(total(101)).toBeGreaterThan(50 * total(825));
    expect(total(825)).toBeLessThan(10);
  });

  it('is shaped like the published H2 2023 outcome (tens fail offers, a handful fail interviews)', () => {
    const { db } = session();
    loadDemoIfFirstStart({ db, databasePath: '', emit: () => {} });
    // Model A in plain SQL, only to check the generator's shape; the engine has its own golden tests.
    const shape = db
      .prepare(
        `WITH pooled AS (
           SELECT municipality_code AS code, month, SUM(measured) AS measured, SUM(interviews_lacking) AS lackingInterviews,
                  SUM(CASE WHEN offers_lacking IS NOT NULL THEN measured END) AS measuredOffers, SUM(offers_lacking) AS lackingOffers
           FROM measurement_current WHERE month BETWEEN '2023-07' AND '2023-12' GROUP BY code, month),
         verdict AS (
           SELECT code, MIN(measured >= 10) AND MIN(lackingInterviews * 1.0 / measured > 0.2) AS failsInterviews,
                  MIN(measuredOffers >= 10) AND MIN(lackingOffers * 1.0 / measuredOffers > 0.2) AS failsOffers
           FROM pooled GROUP BY code)
         SELECT SUM(failsInterviews) AS interviews, SUM(failsOffers) AS offers, SUM(failsInterviews OR failsOffers) AS contacted FROM verdict`,
      )
      .get() as { interviews: number; offers: number; contacted: number };
    expect(shape.interviews).toBeGreaterThanOrEqual(3);
    expect(shape.interviews).toBeLessThanOrEqual(12);
    expect(shape.offers).toBeGreaterThanOrEqual(40);
    expect(shape.offers).toBeLessThanOrEqual(75);
    expect(shape.contacted).toBeGreaterThanOrEqual(shape.offers);
  });

  it('loads once on first start, is marked as demo, and stays cleared once the user clears it', async () => {
    const current = session();
    expect(loadDemoIfFirstStart(current)).toBe(true);
    expect(loadDemoIfFirstStart(current)).toBe(false);
    const info = await dispatch(current, 'app.info', undefined);
    expect(info).toMatchObject({ ok: true, value: { demoDataLoaded: true, measurementRows: 37044, monthRange: { first: '2022-01', last: '2025-06' } } });
    const cleared = await dispatch(current, 'demo.clear', {});
    expect(cleared).toEqual({ ok: true, value: { removedRows: 37044 } });
    expect(loadDemoIfFirstStart(current)).toBe(false);
    expect(await dispatch(current, 'app.info', {})).toMatchObject({ ok: true, value: { demoDataLoaded: false, measurementRows: 0 } });
  });
});
