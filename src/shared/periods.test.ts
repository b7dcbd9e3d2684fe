import { describe, expect, it } from 'vitest';
import { apiContract } from './api';
import {
  addMonths,
  addMonthsToDate,
  halfYearMonthsOf,
  halfYearOf,
  isHalfYear,
  isRealDate,
  isRealMonth,
  monthIndex,
  monthName,
  monthRange,
  periodSpan,
} from './periods';

describe('shared periods: month and half-year arithmetic', () => {
  it('adds months across year ends both ways', () => {
    expect(addMonths('2023-12', 1)).toBe('2024-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-07', -23)).toBe('2022-08');
    expect(addMonths('2023-03', 12)).toBe('2024-03');
    expect(monthIndex('2024-01') - monthIndex('2023-12')).toBe(1);
    expect(monthRange('2023-11', 4)).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it('half-years: their months, and the half-year of a month', () => {
    expect(halfYearMonthsOf('2023H2')).toEqual(['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12']);
    expect(halfYearMonthsOf('2024H1')?.at(-1)).toBe('2024-06');
    expect(halfYearMonthsOf('2024H3')).toBeNull();
    expect(['2024-01', '2024-06', '2024-07', '2024-12'].map(halfYearOf)).toEqual(['2024H1', '2024H1', '2024H2', '2024H2']);
  });

  it('period spans of the importer\'s forms', () => {
    expect(periodSpan('2023-04-01')).toEqual({ first: '2023-04', last: '2023-04' });
    expect(periodSpan('2023Q4')).toEqual({ first: '2023-10', last: '2023-12' });
    expect(periodSpan('2023QMAT02')).toEqual({ first: '2022-07', last: '2023-06' });
    expect(periodSpan('2023')).toEqual({ first: '2023-01', last: '2023-12' });
    expect(periodSpan('H2 2023')).toBeNull();
  });

  it('a date months later keeps the day, or takes the month\'s last day', () => {
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsToDate('2023-11-15', 3)).toBe('2024-02-15');
  });

  it('month names in Danish', () => {
    // The one definition is period-words.ts's describeMonth; monthName is its other name.
    expect(monthName('2023-03')).toBe('marts 2023');
    expect(monthName('2024-12')).toBe('december 2024');
  });
});

describe('calendar checks, and the contract refuses dates that are not in the calendar', () => {
  it('real dates, months and half-years', () => {
    expect(['2024-02-29', '2024-02-30', '2023-02-29', '2023-04-31', '2023-12-31'].map(isRealDate)).toEqual([true, false, false, false, true]);
    expect(['2023-12', '2023-13', '2023-00', '1899-12'].map(isRealMonth)).toEqual([true, false, false, false]);
    expect(['2023H1', '2023H3', '1800H1'].map(isHalfYear)).toEqual([true, false, false]);
  });

  it('decidedOn "2024-02-30" and other impossible periods fail the contract\'s schemas', () => {
    const record = apiContract['decisions.record'].args;
    const base = { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 101, subject: 'contact', verdict: 'contacted' };
    expect(record.safeParse({ ...base, decidedOn: '2024-02-29' }).success).toBe(true);
    const refused = record.safeParse({ ...base, decidedOn: '2024-02-30' });
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toContain('findes ikke i kalenderen');
    expect(apiContract['evaluate.status'].args.safeParse({ period: '2023-07', baseline: '1899-07' }).success).toBe(false);
    expect(apiContract['evaluate.early2023'].args.safeParse({ period: '2023H2' }).success).toBe(true);
    expect(apiContract['evaluate.early2023'].args.safeParse({ period: '0999H2' }).success).toBe(false);
  });
});
