import { z } from 'zod';
import { defineCall } from '../contract';

export interface MunicipalityRow {
  code: number;
  name: string;
  region: string;
  labourMarketOffice: string;
  /** Citizens with six months' seniority in the latest month with data, all benefit groups. */
  latestMeasured: number | null;
  /** The month `latestMeasured` is from, `YYYY-MM`. */
  latestMonth: string | null;
}

export interface BenefitGroupRequirement {
  effectiveFrom: string;
  minInterviews: number;
  offerRequired: boolean;
  source: string;
  note: string | null;
}

export interface BenefitGroupRow {
  id: string;
  label: string;
  requirements: BenefitGroupRequirement[];
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  databasePath: string;
  /** True while the data in the store are the generated demo set. */
  demoDataLoaded: boolean;
  measurementRows: number;
  monthRange: { first: string; last: string } | null;
  /** trust-store (issue 14, item 2): why the store is open read-only, in Danish; null when it can be written. */
  readOnly?: string | null;
}

interface DemoLoadResult {
  batchId: number;
  rows: number;
}

const noArgs = z.object({}).strict().optional();

export const coreContract = {
  'app.info': defineCall<AppInfo>()(noArgs),
  'municipalities.list': defineCall<MunicipalityRow[]>()(noArgs),
  'benefitGroups.list': defineCall<BenefitGroupRow[]>()(noArgs),
  'demo.load': defineCall<DemoLoadResult>()(noArgs, { writes: true }),
  'demo.clear': defineCall<{ removedRows: number }>()(noArgs, { writes: true }),
};
