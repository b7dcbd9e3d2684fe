import type { CriterionId, DataSource, MonthFigure } from '../../../shared/api/engine';
import { isAbove, shownShare, weightedShareSql } from '../../../shared/shares';
import type { Db } from '../store';

// The threshold test lives in src/shared/shares.ts (with its SQL twin); re-exported for the models.
export { isAbove };

/**
 * The shared SQL behind models A, B and D: current measurements of the given months, split
 * into the two criteria (interviews over the interview groups; offers only over the offer
 * groups that have an offer requirement in that month per the dated requirement table), then
 * pooled. Shares come from counts where the row has counts; where the file gave only shares,
 * the share is weighted with the measured citizens (or averaged when nobody was counted).
 *
 * Parameters: @months, @interviewGroups, @offerGroups (JSON arrays), @code (NULL = all),
 * @codes (a JSON array of municipality codes, NULL = all: the contact list's municipalities),
 * @source ('published' = measurement_current, 'citizens' = citizen_measurement; cit-engine, issue 10).
 * `byGroup` keeps the benefit group as a key instead of pooling over it.
 */
export function pooledCte(byGroup: boolean): string {
  const groupKey = byGroup ? 'group_id,' : '';
  return `
mo AS MATERIALIZED (SELECT value AS month, CAST(key AS INTEGER) AS idx FROM json_each(@months)),
req AS MATERIALIZED (
  SELECT mo.month, g.id AS group_id,
    -- The requirement in force that month; before the table's first date, its earliest row.
    COALESCE((SELECT r.offer_required FROM group_requirement r WHERE r.group_id = g.id
              ORDER BY r.effective_from <= mo.month || '-01' DESC,
                CASE WHEN r.effective_from <= mo.month || '-01' THEN r.effective_from END DESC, r.effective_from
              LIMIT 1), 0) AS offer_required
  FROM mo CROSS JOIN benefit_group g
),
cg AS MATERIALIZED (
  SELECT 'interviews' AS criterion, month, group_id FROM req WHERE group_id IN (SELECT value FROM json_each(@interviewGroups))
  UNION ALL
  SELECT 'offers', month, group_id FROM req WHERE offer_required = 1 AND group_id IN (SELECT value FROM json_each(@offerGroups))
),
src AS MATERIALIZED (
  SELECT c.municipality_code AS code, c.group_id, c.month, c.batch_id, c.measured, c.source_form,
    c.interviews_lacking, c.interviews_lacking_share, c.offers_lacking, c.offers_lacking_share
  FROM measurement_current c
  WHERE @source = 'published' AND c.month IN (SELECT month FROM mo) AND (@code IS NULL OR c.municipality_code = @code)
    AND (@codes IS NULL OR c.municipality_code IN (SELECT value FROM json_each(@codes)))
  -- cit-engine (issue 10): or the counts derived from citizen data (counts only, no batch per row).
  UNION ALL
  SELECT d.municipality_code, d.group_id, d.month, NULL, d.measured, 'counts', d.interviews_lacking, NULL, d.offers_lacking, NULL
  FROM citizen_measurement d
  WHERE @source = 'citizens' AND d.month IN (SELECT month FROM mo) AND (@code IS NULL OR d.municipality_code = @code)
    AND (@codes IS NULL OR d.municipality_code IN (SELECT value FROM json_each(@codes)))
),
crit AS (
  SELECT s.code, s.group_id, s.month, cg.criterion, s.measured, s.source_form,
    CASE cg.criterion WHEN 'interviews' THEN s.interviews_lacking ELSE s.offers_lacking END AS lacking,
    CASE cg.criterion WHEN 'interviews' THEN s.interviews_lacking_share ELSE s.offers_lacking_share END AS lshare
  FROM src s JOIN cg ON cg.month = s.month AND cg.group_id = s.group_id
),
rowwise AS MATERIALIZED (
  SELECT *, CASE WHEN source_form = 'counts' AND measured IS NOT NULL AND lacking IS NOT NULL THEN 1 ELSE 0 END AS from_counts,
    CASE WHEN source_form = 'counts' AND measured IS NOT NULL AND lacking IS NOT NULL THEN lacking
         WHEN measured IS NOT NULL AND lshare IS NOT NULL THEN lshare * measured END AS lacking_est
  FROM crit WHERE lacking IS NOT NULL OR lshare IS NOT NULL
),
pooled AS (
  SELECT code, criterion, ${groupKey} month,
    SUM(measured) AS measured,
    CASE WHEN MIN(from_counts) = 1 THEN SUM(lacking) END AS lacking,
    SUM(lacking_est) AS lacking_est,
    -- The weighted share (src/shared/shares.ts); where nobody was counted, the shares' average.
    COALESCE(${weightedShareSql('lacking_est', 'measured')}, CASE WHEN COUNT(measured) = 0 THEN AVG(lshare) END) AS share,
    CASE WHEN MIN(from_counts) = 1 THEN 'counts' WHEN MAX(from_counts) = 0 THEN 'shares' ELSE 'mixed' END AS source_form
  FROM rowwise GROUP BY code, criterion, ${groupKey} month
)`;
}

interface PooledParams {
  months: string[];
  interviewGroups: string[];
  offerGroups: string[];
  code?: number | null;
  /** Several municipalities (the contact list's); undefined for all. */
  codes?: readonly number[];
  /** cit-engine (issue 10): which counts to read; Jobindsats' published ones unless said. */
  source?: DataSource;
}

export function bindPooled(params: PooledParams): Record<string, unknown> {
  return {
    months: JSON.stringify(params.months),
    interviewGroups: JSON.stringify(params.interviewGroups),
    offerGroups: JSON.stringify(params.offerGroups),
    code: params.code ?? null,
    codes: params.codes ? JSON.stringify(params.codes) : null,
    source: params.source ?? 'published',
  };
}

export interface PooledRow {
  code: number;
  criterion: CriterionId;
  group_id?: string;
  month: string;
  measured: number | null;
  lacking: number | null;
  lacking_est: number | null;
  share: number | null;
  source_form: MonthFigure['sourceForm'];
}

/** Constant SQL, composed once at load from the fragment above; every value is a bound parameter. */
const pooledMonthlySql = `WITH ${pooledCte(false)} SELECT * FROM pooled ORDER BY code, criterion, month`;
const pooledByGroupSql = `WITH ${pooledCte(true)} SELECT * FROM pooled ORDER BY code, criterion, group_id, month`;

/** Pooled figures per municipality × criterion (× group) × month, for series and drill-downs. */
export function pooledRows(db: Db, params: PooledParams, byGroup: boolean): PooledRow[] {
  const statement = byGroup ? db.prepare(pooledByGroupSql) : db.prepare(pooledMonthlySql);
  return statement.all(bindPooled(params)) as PooledRow[];
}

export function monthFigure(row: PooledRow | undefined, month: string, threshold: number, strictlyGreater: boolean): MonthFigure {
  if (!row) return { month, measured: null, lacking: null, share: null, above: false, sourceForm: null };
  return {
    month,
    measured: row.measured,
    lacking: row.lacking,
    share: shownShare(row.share),
    above: isAbove(row.share, threshold, strictlyGreater),
    sourceForm: row.source_form,
  };
}
