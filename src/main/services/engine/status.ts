import { describePeriod } from '../../../shared/period-words';
import type { DataSource, StatusEvaluation, StatusRow } from '../../../shared/api/engine';
import { shownShare, weightedShareSql } from '../../../shared/shares';
import type { Db } from '../store';
import { EngineError } from './engine-error';
import { monthsWithData } from './periods';
import { bindPooled, pooledCte } from './pooled-sql';
import { citizenBatches, measurementBatches, requireCitizenData } from './provenance';
import { resolveRuleSet } from './rule-sets';
import { engineWords } from '../../../shared/engine-words-da';

/**
 * Model D: the share that got the required interviews (1 − the share lacking them), per group,
 * for the whole country and per municipality, at a month and at a baseline month; the change
 * is in percentage points.
 */
// The weighted share of those lacking interviews (src/shared/shares.ts); iv keeps only rows with a lacking figure.
const interviewedShare = weightedShareSql('lacking_est', 'measured');
const statusSql = `WITH ${pooledCte(true)},
iv AS (SELECT * FROM pooled WHERE criterion = 'interviews' AND lacking_est IS NOT NULL),
by_group AS (
  SELECT 'group' AS level, group_id AS key, month, SUM(measured) AS measured, 1 - ${interviewedShare} AS share
  FROM iv GROUP BY group_id, month
),
national AS (
  SELECT 'national' AS level, NULL AS key, month, SUM(measured) AS measured, 1 - ${interviewedShare} AS share
  FROM iv GROUP BY month
),
by_municipality AS (
  SELECT 'municipality' AS level, CAST(code AS TEXT) AS key, month, SUM(measured) AS measured, 1 - ${interviewedShare} AS share
  FROM iv GROUP BY code, month
)
SELECT * FROM national UNION ALL SELECT * FROM by_group UNION ALL SELECT * FROM by_municipality`;

const change = (share: number | null, baseline: number | null) => (share === null || baseline === null ? null : Math.round((share - baseline) * 10000) / 100);

export function evaluateStatus(db: Db, period: string, baseline: string, ruleSetId?: string, source: DataSource = 'published'): StatusEvaluation {
  const rule = resolveRuleSet(db, 'status', ruleSetId);
  if (source === 'citizens') requireCitizenData(db); // citizen-models (issue 10)
  const params = rule.values;
  const have = new Set(monthsWithData(db, source));
  const missing = [period, baseline].filter((month) => !have.has(month));
  if (missing.length > 0) throw new EngineError('no-data', engineWords.noData.months(missing.map(describePeriod).join(engineWords.and), source === 'citizens'));
  const rows = db.prepare(statusSql).all(bindPooled({ months: [period, baseline], interviewGroups: params.groups, offerGroups: [], source })) as {
    level: string;
    key: string | null;
    month: string;
    measured: number;
    share: number | null;
  }[];
  const find = (level: string, key: string | null, month: string) => rows.find((row) => row.level === level && row.key === key && row.month === month);
  const groups = db.prepare('SELECT id, label FROM benefit_group ORDER BY sort_order').all() as { id: string; label: string }[];
  const statusRow = (label: string, level: string, key: string | null): StatusRow => {
    const now = find(level, key, period);
    const before = find(level, key, baseline);
    return {
      label,
      groupId: level === 'group' ? key : null,
      share: shownShare(now?.share ?? null),
      baselineShare: shownShare(before?.share ?? null),
      changePoints: change(now?.share ?? null, before?.share ?? null),
      // citizen-models (issue 10): a group without counts that month has no figure, not zero citizens.
      measured: now?.measured ?? null,
    };
  };
  // citizen-models (issue 10): from citizen data the total is the extract's municipalities, never called the whole country.
  const extractMunicipalities = new Set(rows.filter((row) => row.level === 'municipality' && row.share !== null).map((row) => row.key)).size;
  const national = statusRow(source === 'citizens' ? engineWords.citizenTotal(extractMunicipalities) : params.nationalLabel, 'national', null);
  const all = db.prepare('SELECT code, name FROM municipality ORDER BY code').all() as { code: number; name: string }[];
  const municipalities = all.map((m) => {
    const row = statusRow(m.name, 'municipality', String(m.code));
    return { code: m.code, name: m.name, share: row.share, baselineShare: row.baselineShare, changePoints: row.changePoints, differenceFromNationalPoints: change(row.share, national.share) };
  });
  // models-screens: a national figure is only the whole country when every municipality has data that month.
  const covered = (month: string) => ({ month, municipalities: rows.filter((row) => row.level === 'municipality' && row.month === month && row.share !== null).length, of: all.length });
  const coverage = { period: covered(period), baseline: covered(baseline) };
  return {
    model: 'status',
    ruleSetId: rule.id,
    ruleSetVersion: rule.version,
    period,
    baseline,
    coverage,
    partial: coverage.period.municipalities < coverage.period.of || coverage.baseline.municipalities < coverage.baseline.of,
    rows: [national, ...groups.filter((group) => params.groups.includes(group.id)).map((group) => statusRow(group.label, 'group', group.id))],
    municipalities,
    parameters: rule.parameters,
    // cit-engine (issue 10): counts derived from citizen data come from the citizen files.
    batches: source === 'citizens' ? citizenBatches(db) : measurementBatches(db, [period, baseline]),
    dataSource: source,
  };
}
