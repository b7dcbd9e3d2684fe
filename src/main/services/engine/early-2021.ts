import type { CriterionId, DataSource, DecisionRow, EscalationState, MonthlyEvaluation, MonthlyFinding, MonthlyMunicipality } from '../../../shared/api/engine';
import { aboveSql } from '../../../shared/shares';
import type { Db } from '../store';
import { EngineError } from './engine-error';
import { addMonths, addMonthsToDate, monthRange } from '../../../shared/periods';
import { bindPooled, monthFigure, pooledCte, type PooledRow } from './pooled-sql';
import { batchRefs, citizenBatches, requireCitizenData } from './provenance';
import { resolveRuleSet } from './rule-sets';
import { describePeriod } from '../../../shared/period-words';
import type { EscalationStep } from '../../../shared/enums';
import type { ExplanationItem } from '../../../shared/explanations';
import { engineWords } from '../../../shared/engine-words-da';

/**
 * Model B: each benefit group on its own. A finding is a municipality × group × criterion
 * whose N months ending with the given month are each above the threshold with at least the
 * minimum citizens; a sliding window sum over the qualifying months finds them in SQL.
 */
const findingsSql = `WITH ${pooledCte(true)},
flag AS (
  SELECT r.code, r.group_id, r.criterion, r.month, mo.idx, r.measured, CASE WHEN r.from_counts = 1 THEN r.lacking END AS lacking,
    r.source_form, CASE WHEN r.from_counts = 1 THEN r.lacking * 1.0 / NULLIF(r.measured, 0) ELSE r.lshare END AS share
  FROM rowwise r JOIN mo ON mo.month = r.month
),
ok AS (
  SELECT *, CASE WHEN measured >= @minCitizens AND ${aboveSql('share')} = 1 THEN 1 ELSE 0 END AS ok
  FROM flag
),
win AS (
  SELECT *, SUM(ok) OVER (PARTITION BY code, group_id, criterion ORDER BY idx ROWS BETWEEN @span - 1 PRECEDING AND CURRENT ROW) AS run
  FROM ok
),
hits AS (SELECT code, group_id, criterion FROM win WHERE idx = @span - 1 AND run = @span),
found AS (
  SELECT f.code, f.group_id, f.criterion, f.month, f.measured, f.lacking, f.share, f.source_form, m.name, g.label, g.sort_order, f.idx
  FROM flag f JOIN hits h ON h.code = f.code AND h.group_id = f.group_id AND h.criterion = f.criterion
  JOIN municipality m ON m.code = f.code JOIN benefit_group g ON g.id = f.group_id
)
SELECT
  (SELECT json_group_array(json_array(code, group_id, criterion, month, measured, lacking, share, source_form, name, label))
     FROM (SELECT * FROM found ORDER BY code, sort_order, criterion, idx)) AS findings,
  -- models-screens: the findings grouped by municipality (the screen's group rows).
  (SELECT json_group_array(json_array(code, name, findings, groups, interviews, offers)) FROM (
     SELECT code, name, COUNT(*) AS findings, COUNT(DISTINCT group_id) AS groups,
       SUM(criterion = 'interviews') AS interviews, SUM(criterion = 'offers') AS offers
     FROM (SELECT DISTINCT code, name, group_id, criterion FROM found) GROUP BY code, name ORDER BY code)) AS by_municipality,
  (SELECT json_group_array(DISTINCT batch_id) FROM src) AS batches,
  (SELECT COUNT(*) FROM src WHERE month = (SELECT month FROM mo WHERE idx = @span - 1)) AS last_month_rows`;

const findingColumns = ['code', 'group_id', 'criterion', 'month', 'measured', 'lacking', 'share', 'source_form', 'name', 'label'];

export function evaluateEarly2021(db: Db, period: string, ruleSetId?: string, source: DataSource = 'published'): MonthlyEvaluation {
  const rule = resolveRuleSet(db, 'early-2021', ruleSetId);
  if (source === 'citizens') requireCitizenData(db); // citizen-models (issue 10)
  const params = rule.values;
  const span = params.consecutiveMonths;
  const months = monthRange(addMonths(period, -(span - 1)), span);
  const raw = db.prepare(findingsSql).get({
    span,
    ...bindPooled({ months, interviewGroups: params.groups, offerGroups: params.groups, source }),
    minCitizens: params.minCitizens,
    threshold: params.threshold,
    strict: params.strictlyGreater ? 1 : 0,
  }) as { findings: string; by_municipality: string; batches: string; last_month_rows: number };
  if (raw.last_month_rows === 0) {
    // cit-engine (issue 10): from citizen data, say which data are missing.
    if (source === 'citizens') throw new EngineError('no-data', engineWords.noData.monthCitizens(describePeriod(period)));
    throw new EngineError('no-data', engineWords.noData.month(describePeriod(period)));
  }
  const rows = (JSON.parse(raw.findings) as unknown[][]).map(
    (values) => Object.fromEntries(findingColumns.map((column, index) => [column, values[index]])) as unknown as PooledRow & { name: string; label: string; group_id: string },
  );
  const findings: MonthlyFinding[] = [];
  for (const row of rows) {
    let finding = findings[findings.length - 1];
    if (!finding || finding.code !== row.code || finding.groupId !== row.group_id || finding.criterion !== row.criterion) {
      finding = { code: row.code, name: row.name, group: row.label, groupId: row.group_id, criterion: row.criterion as CriterionId, months: [] };
      findings.push(finding);
    }
    finding.months.push(monthFigure(row, row.month, params.threshold, params.strictlyGreater));
  }
  const municipalities = (JSON.parse(raw.by_municipality) as [number, string, number, number, number, number][]).map(
    ([code, name, count, groups, interviews, offers]): MonthlyMunicipality => ({ code, name, findings: count, groups, interviews, offers }),
  );
  // The ladder's dates are facts about the municipality, recorded under the model's built-in rule
  // set (its id is the model's); a what-if copy reads the same ladder.
  const escalation = escalationStates(db, rule.model, period, params.explanationDueMonths, new Set(findings.map((finding) => finding.code)));
  const overdue = escalation.filter((state) => state.overdue).length;
  // messages (issue 15): the result's summary as explanation items, worded in explanations-da.ts.
  const explanationItems: ExplanationItem[] = [
    { code: 'monthly.summary', params: { period, version: rule.version, findings: findings.length, municipalities: municipalities.length, months } },
    ...(overdue > 0 ? [{ code: 'monthly.overdue' as const, params: { count: overdue } }] : []),
  ];
  return {
    model: 'early-2021',
    ruleSetId: rule.id,
    ruleSetVersion: rule.version,
    period,
    findings,
    municipalities,
    escalation,
    explanationItems,
    parameters: rule.parameters,
    // cit-engine (issue 10): counts derived from citizen data come from the citizen files.
    batches: source === 'citizens' ? citizenBatches(db) : batchRefs(db, JSON.parse(raw.batches) as number[]),
    dataSource: source,
  };
}

/**
 * The escalation ladder per municipality from the recorded decisions (any period of the rule
 * set, up to the evaluated month): contact → explanation and recovery plan due N months after
 * the contact if the effort is still below the mark → the minister's request for a meeting.
 */
function escalationStates(db: Db, ruleSetId: string, period: string, dueMonths: number, withFindings: Set<number>): EscalationState[] {
  const decisions = db
    .prepare(
      `SELECT d.municipality_code AS code, d.subject, d.verdict, d.decided_on AS decidedOn, d.decided_at AS decidedAt
       FROM decision d WHERE d.rule_set_id = ? AND d.id IN (
         SELECT MAX(id) FROM decision WHERE rule_set_id = ? AND subject IN ('contact', 'escalation:explanation', 'escalation:meeting') GROUP BY municipality_code, subject)`,
    )
    .all(ruleSetId, ruleSetId) as (Pick<DecisionRow, 'subject' | 'verdict' | 'decidedOn' | 'decidedAt'> & { code: number })[];
  const names = new Map((db.prepare('SELECT code, name FROM municipality').all() as { code: number; name: string }[]).map((row) => [row.code, row.name]));
  const codes = [...new Set([...withFindings, ...decisions.map((decision) => decision.code)])].sort((a, b) => a - b);
  const endOfPeriod = `${period}-31`;
  return codes.map((code) => {
    // Only what had happened by the end of the evaluated month.
    const mine = decisions.filter(
      (decision) => decision.code === code && decision.verdict !== 'withdrawn' && (decision.decidedOn ?? decision.decidedAt.slice(0, 10)) <= endOfPeriod,
    );
    const dateOf = (subject: string) => {
      const decision = mine.find((candidate) => candidate.subject === subject);
      return decision ? (decision.decidedOn ?? decision.decidedAt.slice(0, 10)) : null;
    };
    const contactedOn = dateOf('contact');
    const explanationOn = dateOf('escalation:explanation');
    const meetingRequestedOn = dateOf('escalation:meeting');
    const explanationDueOn = contactedOn ? addMonthsToDate(contactedOn, dueMonths) : null;
    // Still below the mark when the explanation fell due, and none recorded: overdue.
    const overdue = Boolean(explanationDueOn && explanationDueOn <= endOfPeriod && withFindings.has(code) && !explanationOn && !meetingRequestedOn);
    let step: EscalationStep = 'none';
    if (meetingRequestedOn) step = 'meeting';
    else if (explanationOn) step = 'explanation-received';
    else if (explanationDueOn && explanationDueOn <= endOfPeriod && withFindings.has(code)) step = 'explanation-due';
    else if (contactedOn) step = 'contacted';
    return { code, name: names.get(code) ?? String(code), step, contactedOn, explanationDueOn, meetingRequestedOn, explanationReceivedOn: explanationOn, overdue };
  });
}
