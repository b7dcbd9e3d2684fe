import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * Property-based tests of the importer's number and period parsers (issue 7, "bad input"):
 * they never throw, whatever they are given, and a value formatted the way Danish Excel and
 * Jobindsats write it parses back to itself. The parsers come with the importer; until it is
 * merged these tests are skipped (the modules are looked up at run time).
 */
type NumberParse = { ok: true; value: number | null; percent: boolean } | { ok: false };
type Period = { kind: string; value: string } | null;

async function load<T>(modulePath: string): Promise<T | null> {
  try {
    return (await import(/* @vite-ignore */ modulePath)) as T;
  } catch {
    return null;
  }
}
const numbers = await load<{ parseNumber(input: unknown): NumberParse }>('../../src/main/services/import/numbers');
const periods = await load<{ parsePeriod(input: unknown): Period }>('../../src/main/services/import/periods');

const danish = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 4 });
const anyInput = fc.oneof(fc.anything(), fc.string(), fc.string({ unit: 'binary' }), fc.double(), fc.date({ noInvalidDate: false }));

describe.skipIf(!numbers)('parseNumber (property)', () => {
  it('never throws, and answers ok or not ok, for anything at all', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = numbers!.parseNumber(input);
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) expect(result.value === null || Number.isFinite(result.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a number written the Danish way (1.234,5678, -0,1, 12,3 %) parses back to itself', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.boolean(), (raw, withPercent) => {
        const value = Math.round(raw * 1e4) / 1e4 || 0;
        const text = `${danish.format(value)}${withPercent ? ' %' : ''}`;
        const result = numbers!.parseNumber(text);
        expect(result, text).toEqual({ ok: true, value, percent: withPercent });
      }),
      { numRuns: 2000 },
    );
  });
});

describe.skipIf(!periods)('parsePeriod (property)', () => {
  it('never throws, for anything at all', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = periods!.parsePeriod(input);
        expect(result === null || typeof result.value === 'string').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('months, quarters and moving annual totals in Jobindsats form parse to their canonical form, which parses to itself', () => {
    const year = fc.integer({ min: 1900, max: 2200 });
    fc.assert(
      fc.property(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), (y, m, q) => {
        const mm = String(m).padStart(2, '0');
        for (const [text, canonical] of [
          [`${y}M${mm}`, `${y}-${mm}`],
          [`${y}M${m}`, `${y}-${mm}`],
          [`${y}-${mm}`, `${y}-${mm}`],
          [`${y}Q${q}`, `${y}Q${q}`],
          [`${y}QMAT0${q}`, `${y}QMAT0${q}`],
        ]) {
          const parsed = periods!.parsePeriod(text);
          expect(parsed?.value, text).toBe(canonical);
          expect(periods!.parsePeriod(canonical)?.value, canonical).toBe(canonical);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a month outside 1900..2200 (the year 9999) or a 13th month is refused, not guessed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 2201, max: 9999 }), fc.integer({ min: 1000, max: 1899 })), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(periods!.parsePeriod(`${y}M${String(m).padStart(2, '0')}`)).toBeNull();
      }),
    );
    expect(periods!.parsePeriod('2023M13')).toBeNull();
  });
});

describe.skipIf(!!numbers && !!periods)('parser properties (waiting for the importer)', () => {
  it('the parsers are not on this branch yet', () => {
    expect(numbers === null || periods === null).toBe(true);
  });
});
