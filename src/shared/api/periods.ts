import { z } from 'zod';
import { isHalfYear, isRealDate, isRealMonth } from '../periods';

/**
 * Dates, months and half-years where they enter through the contract: the form first (its own
 * message), then the real calendar (src/shared/periods.ts), so 2024-02-30 or 2023-13 is refused
 * before any handler runs.
 */
export const realDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datoen skrives som 2024-03-25')
  .refine(isRealDate, { message: 'Datoen findes ikke i kalenderen' });

export const realMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Måned skrives som 2023-07')
  .refine(isRealMonth, { message: 'Måneden ligger uden for årene 1900–2200' });

export const halfYear = z
  .string()
  .regex(/^\d{4}H[12]$/, 'Halvår skrives som 2023H2')
  .refine(isHalfYear, { message: 'Halvåret ligger uden for årene 1900–2200' });
