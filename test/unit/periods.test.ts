import { describe, expect, it } from 'vitest';
import { addDaysToDate, addMonthsToDate } from '../../src/shared/periods';

/** The shared periods module's date arithmetic, worked out by hand on the calendar. */
describe('date arithmetic', () => {
  it('adds days across month ends, a leap day and a year end, and back', () => {
    expect(addDaysToDate('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDaysToDate('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDaysToDate('2024-03-01', -1)).toBe('2024-02-29');
    // Across the end of summer time (27 October 2024 in Denmark): still one calendar day.
    expect(addDaysToDate('2024-10-27', 1)).toBe('2024-10-28');
    expect(addDaysToDate('2024-01-15', 0)).toBe('2024-01-15');
  });

  it('adds months on the same day, or the shorter month’s last day', () => {
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonthsToDate('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsToDate('2024-03-15', -3)).toBe('2023-12-15');
  });
});
