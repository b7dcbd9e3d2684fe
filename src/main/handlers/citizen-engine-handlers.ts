import type { citizenEngineContract } from '../../shared/api/citizens';
import { citizenOutlook } from '../services/citizens/outlook';
import { reconcile } from '../services/citizens/reconcile';
import type { HandlersFor } from './context';

/** cit-engine (issue 10): reconciliation with Jobindsats' counts, and the early warning citizen by citizen. */
export const citizenEngineHandlers = {
  'citizens.reconcile': ({ municipalityCode, from, to }, { db }) => reconcile(db, municipalityCode, from, to),
  'citizens.outlook': ({ municipalityCode, asOf, ruleSetId }, { db }) => citizenOutlook(db, municipalityCode, asOf, ruleSetId),
} satisfies HandlersFor<typeof citizenEngineContract>;
