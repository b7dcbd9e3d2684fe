import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * The trust figures are counted, not claimed: each check records whether it really passed,
 * and `scripts/trust-summary.cjs` adds the records up into one line per family.
 */
export type TrustFamily = 'crash-demo' | 'crash-import' | 'malformed' | 'formula-injection' | 'sql-injection' | 'store-faults' | 'audit' | 'electron';

export interface TrustRecord {
  family: TrustFamily;
  item: string;
  passed: boolean;
  /** Why an item does not apply (counted neither way), or a note for the reader. */
  note?: string;
  /** A failure already known and owned by another branch (issue 14): counted as failed, does not fail the run. */
  knownGap?: boolean;
  /** The check could not be made (e.g. a service did not answer): listed apart, never counted as passed. */
  notChecked?: boolean;
}

export const trustResultsDir = path.resolve(__dirname, '..', '..', 'test-results', 'trust');

/** One recorder per test file; its records are written when the file's tests are done. */
export function trustRecorder(fileName: string) {
  const records: TrustRecord[] = [];
  const target = path.join(trustResultsDir, `${path.basename(fileName).replace(/\.test\.ts$/, '')}.json`);
  const save = () => {
    fs.mkdirSync(trustResultsDir, { recursive: true });
    fs.writeFileSync(target, JSON.stringify(records, null, 2));
  };
  // Written empty at once, so a file whose tests are all skipped leaves no stale figures behind.
  save();
  afterAll(save);
  return {
    record(family: TrustFamily, item: string, passed: boolean, note?: string, extra: Pick<TrustRecord, 'knownGap' | 'notChecked'> = {}) {
      records.push({ family, item, passed, note, ...extra });
    },
    /** Runs the check; records a pass only when it returns without throwing, and rethrows a failure. */
    async check(family: TrustFamily, item: string, run: () => unknown | Promise<unknown>): Promise<void> {
      try {
        await run();
        records.push({ family, item, passed: true });
      } catch (error) {
        records.push({ family, item, passed: false, note: (error as Error).message.slice(0, 300) });
        throw error;
      }
    },
  };
}
