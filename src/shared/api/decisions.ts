import { z } from 'zod';
import { defineCall } from '../contract';
import { realDate } from './periods';
import type { DecisionRow } from './engine';

/**
 * Decisions that act, and the reviewer's contact persons (issue 13 items 5 and 7). Withdrawals
 * and bulk "contacted" are new decision rows (append-only); contact persons are kept per
 * municipality and go into the exported contact list.
 */
export interface BulkContactedResult {
  /** The rows written, one per municipality newly marked contacted. */
  recorded: DecisionRow[];
  /** Municipalities already marked contacted for the period: left as they were. */
  alreadyContacted: { code: number; name: string; decidedOn: string; decidedBy: string }[];
}

export interface ContactPerson {
  id: number;
  municipalityCode: number;
  municipalityName: string;
  jobcenter: string;
  name: string;
  email: string;
  phone: string;
  /** 'indtastet' or the imported file's name. */
  source: string;
  createdAt: string;
  createdBy: string;
}

export interface ContactImportResult {
  fileName: string;
  added: number;
  /** Rows already on the list (same municipality, name and e-mail): not added twice. */
  unchanged: number;
  problems: { row: number; message: string }[];
}

/** A real calendar date (2025-02-30 is refused here, before any handler runs): src/shared/api/periods.ts. */
export { realDate };

const code = z.number().int().min(100).max(999);
const text = (max: number) => z.string().max(max);

export const decisionsContract = {
  /** Withdraw a decision: a new row with verdict `withdrawn`, a reason and a pointer to the row withdrawn. */
  'decisions.withdraw': defineCall<DecisionRow>()(z.object({ id: z.number().int().min(1), reason: z.string().min(1).max(4000), decidedOn: realDate.nullable().optional() }).strict(), { writes: true }),
  /** Mark several municipalities contacted with one date and one note; ones already contacted are named, not duplicated. */
  'decisions.bulkContacted': defineCall<BulkContactedResult>()(
    z
      .object({
        ruleSetId: z.string().min(1).max(120).optional(),
        period: z.string().min(4).max(20),
        codes: z.array(code).min(1).max(98),
        decidedOn: realDate,
        note: z.string().max(4000).default(''),
      })
      .strict(),
    { writes: true },
  ),
  'contacts.list': defineCall<ContactPerson[]>()(z.object({ municipalityCode: code.optional() }).strict()),
  /** Add a contact person, or change one (`id` given: the old row is kept as removed). */
  'contacts.save': defineCall<ContactPerson>()(
    z
      .object({
        id: z.number().int().min(1).optional(),
        municipalityCode: code,
        jobcenter: text(200).default(''),
        name: z.string().min(1).max(200),
        email: text(200).default(''),
        phone: text(60).default(''),
      })
      .strict(),
    { writes: true },
  ),
  'contacts.remove': defineCall<{ removed: boolean }>()(z.object({ id: z.number().int().min(1) }).strict(), { writes: true }),
  /** Import contact persons from an uploaded .xlsx/.csv (the importer's staged file). */
  'contacts.import': defineCall<ContactImportResult>()(z.object({ fileId: z.string().min(1).max(200) }).strict(), { writes: true }),
};
