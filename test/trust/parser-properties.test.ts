import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/main/services/import/numbers';
import { parsePeriod } from '../../src/main/services/import/periods';

/**
 * Property-based tests of the importer's number and period parsers (issue 7, "bad input"):
 * they never throw, whatever they are given; a value written the way Danish Excel, English
 * exports and Jobindsats write it parses back to itself; "no figure" markers give null and
 * anything else that is not a number is refused, never guessed. Imported directly: a parser
 * that is renamed, moved or fails to load fails this file instead of skipping it.
 */
const danish = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 4 });
const english = new Intl.NumberFormat('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
const anyInput = fc.oneof(fc.anything(), fc.string(), fc.string({ unit: 'binary' }), fc.double(), fc.date({ noInvalidDate: false }));
/** Values with at most four decimals, as the files carry them; -0 becomes 0. */
const figure = fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((raw) => Math.round(raw * 1e4) / 1e4 || 0);

describe('parseNumber (property)', () => {
  it('never throws, and answers ok or not ok, for anything at all', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseNumber(input);
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) expect(result.value === null || Number.isFinite(result.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a number written the Danish way (1.234,5678, -0,1, 12,3 %, −3, 1 234,5) parses back to itself', () => {
    fc.assert(
      fc.property(figure, fc.boolean(), fc.constantFrom('.', '\u00a0', '\u202f', ''), fc.constantFrom('-', '\u2212'), (value, withPercent, grouping, minus) => {
        const text = `${danish.format(value).replace(/\./g, grouping).replace('-', minus)}${withPercent ? ' %' : ''}`;
        expect(parseNumber(text), text).toEqual({ ok: true, value, percent: withPercent });
      }),
      { numRuns: 2000 },
    );
  });

  it('a number from an English export (1,234.5678, -0.1000) parses back to itself', () => {
    fc.assert(
      fc.property(figure, (value) => {
        const text = english.format(value);
        expect(parseNumber(text), text).toEqual({ ok: true, value, percent: false });
      }),
      { numRuns: 2000 },
    );
  });

  it('the "no figure" markers (-, .., x, n/a, blank) give null, not zero', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '-', '–', '..', '...', '.', 'x', 'X', 'n/a', 'NA', 'null', '*'), fc.constantFrom('', ' ', '\u00a0'), (marker, pad) => {
        expect(parseNumber(`${pad}${marker}${pad}`), JSON.stringify(marker)).toEqual({ ok: true, value: null, percent: false });
      }),
    );
  });

  it('digits with a letter or a second decimal comma among them are refused, not guessed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(...'abcdefghijklmnopqrstuvwyzæøå'), (whole, part, letter) => {
        expect(parseNumber(`${whole}${letter}${part}`)).toEqual({ ok: false });
        expect(parseNumber(`${whole},${part},${part}`)).toEqual({ ok: false });
      }),
    );
  });
});

describe('parsePeriod (property)', () => {
  it('never throws, for anything at all', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parsePeriod(input);
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
          const parsed = parsePeriod(text);
          expect(parsed?.value, text).toBe(canonical);
          expect(parsePeriod(canonical)?.value, canonical).toBe(canonical);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a date, or the Excel day number of one, becomes its calendar month', () => {
    // From 1907: smaller day numbers (up to 2200) are read as years, as Jobindsats writes them.
    fc.assert(
      fc.property(fc.date({ min: new Date('1907-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const expected = { kind: 'month', value: date.toISOString().slice(0, 7) };
        const serial = Math.floor((date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
        expect(parsePeriod(date)).toEqual(expected);
        expect(parsePeriod(serial), String(serial)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('a month outside 1900..2200 (the year 9999) or a 13th month is refused, not guessed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 2201, max: 9999 }), fc.integer({ min: 1000, max: 1899 })), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(parsePeriod(`${y}M${String(m).padStart(2, '0')}`)).toBeNull();
      }),
    );
    expect(parsePeriod('2023M13')).toBeNull();
  });
});
