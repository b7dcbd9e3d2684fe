import type { AppInfo, BenefitGroupRow, MunicipalityRow } from '../../shared/api';
import { clearDemoData, loadDemoData } from '../services/demo-data';
import { getSetting, latestSchemaVersion } from '../services/store';
import type { coreContract } from '../../shared/api/core';
import type { HandlerContext, HandlersFor } from './context';
import packageJson from '../../../package.json';

function appInfo(context: HandlerContext): AppInfo {
  const { db, databasePath } = context;
  const counts = db.prepare('SELECT COUNT(*) AS rows, MIN(month) AS first, MAX(month) AS last FROM measurement_current').get() as {
    rows: number;
    first: string | null;
    last: string | null;
  };
  const demo = db.prepare('SELECT COUNT(*) AS n FROM import_batch WHERE is_demo = 1 AND undone_at IS NULL').get() as { n: number };
  return {
    version: packageJson.version,
    schemaVersion: latestSchemaVersion,
    databasePath,
    demoDataLoaded: demo.n > 0,
    measurementRows: counts.rows,
    monthRange: counts.first && counts.last ? { first: counts.first, last: counts.last } : null,
    readOnly: context.readOnly ?? null,
  };
}

function listMunicipalities({ db }: HandlerContext): MunicipalityRow[] {
  return db
    .prepare(
      // trust-exports (issue 14 item 8): the latest month and its totals are computed once
      // (materialised), then joined; the old form re-ran the `latest` CTE per municipality.
      // Every key of measurement has a current row, so the newest month is MAX over measurement.
      `WITH latest AS MATERIALIZED (SELECT MAX(month) AS month FROM measurement),
            totals AS MATERIALIZED (
              SELECT c.municipality_code AS code, SUM(c.measured) AS measured
              FROM latest CROSS JOIN measurement_current c
              WHERE c.month = latest.month
              GROUP BY c.municipality_code)
       SELECT m.code, m.name, m.region, m.labour_market_office AS labourMarketOffice,
              totals.measured AS latestMeasured, latest.month AS latestMonth
       FROM latest CROSS JOIN municipality m LEFT JOIN totals ON totals.code = m.code
       ORDER BY m.code`,
    )
    .all() as MunicipalityRow[];
}

function listBenefitGroups({ db }: HandlerContext): BenefitGroupRow[] {
  const groups = db.prepare('SELECT id, label FROM benefit_group ORDER BY sort_order').all() as { id: string; label: string }[];
  const requirements = db
    .prepare(
      `SELECT group_id AS groupId, effective_from AS effectiveFrom, min_interviews AS minInterviews, offer_required AS offerRequired, source, note
       FROM group_requirement ORDER BY group_id, effective_from`,
    )
    .all() as { groupId: string; effectiveFrom: string; minInterviews: number; offerRequired: number; source: string; note: string | null }[];
  return groups.map((group) => ({
    ...group,
    requirements: requirements
      .filter((requirement) => requirement.groupId === group.id)
      .map(({ groupId: _groupId, offerRequired, ...rest }) => ({ ...rest, offerRequired: offerRequired === 1 })),
  }));
}

export const coreHandlers = {
  'app.info': (_args, context) => appInfo(context),
  'municipalities.list': (_args, context) => listMunicipalities(context),
  'benefitGroups.list': (_args, context) => listBenefitGroups(context),
  'demo.load': (_args, context) => {
    const result = loadDemoData(context.db);
    context.emit('data.changed', { reason: 'demo.load' });
    return result;
  },
  'demo.clear': (_args, context) => {
    const result = clearDemoData(context.db);
    context.emit('data.changed', { reason: 'demo.clear' });
    return result;
  },
} satisfies HandlersFor<typeof coreContract>;

/** On first start with an empty store the demo data are loaded, unless the user cleared them once. */
export function loadDemoIfFirstStart(context: HandlerContext): boolean {
  const batches = context.db.prepare('SELECT COUNT(*) AS n FROM import_batch WHERE undone_at IS NULL').get() as { n: number };
  if (batches.n > 0 || getSetting(context.db, 'demoDataDismissed') === '1') return false;
  loadDemoData(context.db);
  return true;
}
