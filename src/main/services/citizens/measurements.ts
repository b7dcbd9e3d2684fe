import type { Db } from '../store';

/**
 * `citizen_measurement`: the monthly counts Jobindsats publishes, derived from `citizen_window`
 * (issue 10). Per municipality × benefit group × cohort month: the spells measured (those that
 * reached six months in the month), those that lacked the required interviews, and those that
 * lacked an offer, the last NULL for a group where no measured spell had an offer requirement
 * (as a Jobindsats file leaves the offer columns empty for sygedagpenge and the like).
 */
const steps = [
  'DELETE FROM citizen_measurement',
  `INSERT INTO citizen_measurement (municipality_code, group_id, month, measured, interviews_lacking, offers_lacking)
   SELECT municipality_code, group_id, cohort_month, COUNT(*), SUM(interviews_missing > 0),
     CASE WHEN SUM(offer_required) > 0 THEN SUM(offer_missing) END
   FROM citizen_window INDEXED BY citizen_window_cohort WHERE cohort_month IS NOT NULL
   GROUP BY municipality_code, group_id, cohort_month`,
];

/** Rebuilds `citizen_measurement` from `citizen_window`. Call inside a transaction, after the windows. */
export function rebuildMeasurements(db: Db): void {
  for (const sql of steps) db.prepare(sql).run();
}
