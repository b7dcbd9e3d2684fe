import { z } from 'zod';
import { callWords } from '../call-words-da';
import { isHalfYear, isRealDate, isRealMonth } from '../periods';

/**
 * Dates, months and half-years where they enter through the contract: the form first (its own
 * message), then the real calendar (src/shared/periods.ts), so 2024-02-30 or 2023-13 is refused
 * before any handler runs.
 */
export const realDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, callWords.contract.dateForm)
  .refine(isRealDate, { message: callWords.contract.dateNotInCalendar });

/** A month in the form 2023-07 (the form only; `realMonth` also keeps it within the calendar's years). */
export const monthForm = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, callWords.contract.monthForm);

export const realMonth = monthForm.refine(isRealMonth, { message: callWords.contract.monthOutOfRange });

export const halfYear = z
  .string()
  .regex(/^\d{4}H[12]$/, callWords.contract.halfYearForm)
  .refine(isHalfYear, { message: callWords.contract.halfYearOutOfRange });
