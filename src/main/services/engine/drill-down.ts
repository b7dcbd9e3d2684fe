import type {
  BenefitGroupDetail,
  CriterionId,
  EarlyEffortEvaluation,
  MonthFigure,
  MunicipalityDetail,
  RuleSetComparison,
} from '../../../shared/api/engine';
import { shownShare, weightedShare, weightedShareSql } from '../../../shared/shares';
import type { Db } from '../store';
import { listDecisions } from './decisions';
import { criteria, earlyParams, evaluateEarly2023 } from './early-2023';
import { evaluateEarly2021 } from './early-2021';
import { EngineError } from './engine-error';
import { addMonths, halfYearOf, monthRange } from '../../../shared/periods';
import { halfYearMonths, monthsWithData } from './periods';
import { bindPooled, monthFigure, pooledCte, pooledRows, type PooledRow } from './pooled-sql';
import { listRuleSets, resolveRuleSet } from './rule-sets';
import { evaluateSupervision } from './supervision';
import { groupMonthsByMunicipality } from './group-months';
import { describePeriod } from '../../../shared/period-words';
import type { ComparedCriterion, ExplanationItem } from '../../../shared/explanations';
import { renderExplanation } from '../../../shared/explanations-da';
import { engineWords } from '../../../shared/engine-words-da';

export function municipalityDetail(db: Db, code: number, period: string, ruleSetId?: string): MunicipalityDetail {
  const municipality = db.prepare('SELECT code, name, region, labour_market_office AS labourMarketOffice FROM municipality WHERE code = ?').get(code) as
    | { code: number; name: string; region: string; labourMarketOffice: string }
    | undefined;
  if (!municipality) throw new EngineError('not-found', engineWords.unknownMunicipality(code));
  const evaluation = evaluateEarly2023(db, period, ruleSetId, { code });
  const rule = resolveRuleSet(db, 'early-2023', ruleSetId);
  const params = earlyParams(rule);
  const months = halfYearMonths(period);
  const seriesMonths = monthRange(addMonths(months[5], -23), 24);
  const pooled = { interviewGroups: params.interviewGroups, offerGroups: params.offerGroups, code };
  const seriesRows = pooledRows(db, { ...pooled, months: seriesMonths }, false);
  const series = criteria.map((criterion) => ({
    criterion,
    months: seriesMonths.map((month) =>
      monthFigure(
        seriesRows.find((row) => row.criterion === criterion && row.month === month),
        month,
        params.threshold,
        params.strictlyGreater,
      ),
    ),
  }));
  const groupMonths = groupMonthsByMunicipality(db, period, ruleSetId, [code]).get(code) ?? [];
  const assessedPeriods = [...new Set(seriesMonths.map(halfYearOf))].map((half) => {
    const halfMonths = halfYearMonths(half);
    return { period: half, firstMonth: halfMonths[0], lastMonth: halfMonths[5] };
  });

  const dataMonths = monthsWithData(db).filter((month) => month <= months[5]);
  let escalation = null;
  if (dataMonths.length > 0) {
    const monthly = evaluateEarly2021(db, dataMonths[dataMonths.length - 1]);
    // A municipality without findings or decisions is on the ladder's first step, not "without data".
    escalation = monthly.escalation.find((state) => state.code === code) ?? {
      code,
      name: municipality.name,
      step: 'none' as const,
      contactedOn: null,
      explanationDueOn: null,
      meetingRequestedOn: null,
      explanationReceivedOn: null,
      overdue: false,
    };
  }
  let supervision = null;
  const benchmarkPeriods = (db.prepare('SELECT DISTINCT period FROM benchmark ORDER BY period').all() as { period: string }[]).map((row) => row.period);
  if (benchmarkPeriods.length > 0) {
    supervision = evaluateSupervision(db, benchmarkPeriods[benchmarkPeriods.length - 1]).municipalities.find((row) => row.code === code) ?? null;
  }
  return {
    ...municipality,
    period,
    ruleSetId: rule.id,
    ruleSetVersion: rule.version,
    threshold: params.threshold,
    assessedPeriods,
    series,
    groupMonths,
    result: evaluation.municipalities[0],
    decisionHistory: listDecisions(db, { ruleSetId: rule.id, municipalityCode: code }),
    escalation,
    supervision,
    batches: evaluation.batches,
    monthSources: monthSources(db, code, seriesMonths, [...new Set([...params.interviewGroups, ...params.offerGroups])]),
  };
}

/**
 * danish-finish (issue 11): per month of the series, whether its current rows are demo data,
 * imported, or both; for one municipality, or for all (code null: the national line of a group).
 */
function monthSources(db: Db, code: number | null, months: string[], groups: string[]): NonNullable<MunicipalityDetail['monthSources']> {
  const rows = db
    .prepare(
      `SELECT c.month, MIN(b.is_demo) AS allDemo, MAX(b.is_demo) AS anyDemo
       FROM measurement_current c JOIN import_batch b ON b.id = c.batch_id
       WHERE (@code IS NULL OR c.municipality_code = @code) AND c.month IN (SELECT value FROM json_each(@months)) AND c.group_id IN (SELECT value FROM json_each(@groups))
       GROUP BY c.month ORDER BY c.month`,
    )
    .all({ code, months: JSON.stringify(months), groups: JSON.stringify(groups) }) as { month: string; allDemo: number; anyDemo: number }[];
  return rows.map((row) => ({ month: row.month, source: row.allDemo === 1 ? 'demo' : row.anyDemo === 1 ? 'mixed' : 'imported' }));
}

/** National pooled figures per criterion and month (constant SQL composed at load; values bound). */
const nationalSql = `WITH ${pooledCte(false)}
SELECT 0 AS code, criterion, month, SUM(measured) AS measured,
  CASE WHEN MIN(source_form = 'counts') = 1 THEN SUM(lacking) END AS lacking, SUM(lacking_est) AS lacking_est,
  ${weightedShareSql('lacking_est', 'measured')} AS share,
  CASE WHEN MIN(source_form = 'counts') = 1 THEN 'counts' WHEN MAX(source_form = 'counts') = 0 THEN 'shares' ELSE 'mixed' END AS source_form
FROM pooled GROUP BY criterion, month ORDER BY criterion, month`;

function nationalRows(db: Db, months: string[], interviewGroups: string[], offerGroups: string[]): PooledRow[] {
  return db.prepare(nationalSql).all(bindPooled({ months, interviewGroups, offerGroups })) as PooledRow[];
}

export function benefitGroupDetail(db: Db, groupId: string, period: string, ruleSetId?: string): BenefitGroupDetail {
  const group = db.prepare('SELECT id, label FROM benefit_group WHERE id = ?').get(groupId) as { id: string; label: string } | undefined;
  if (!group) throw new EngineError('not-found', engineWords.unknownGroup(groupId));
  const rule = resolveRuleSet(db, 'early-2023', ruleSetId);
  const params = earlyParams(rule);
  const months = halfYearMonths(period);
  const have = new Set(monthsWithData(db));
  if (!months.some((month) => have.has(month))) throw new EngineError('no-data', engineWords.noData.period(describePeriod(period)));
  // The group on its own, for each criterion it takes part in under the rule set.
  const interviewGroups = params.interviewGroups.includes(groupId) ? [groupId] : [];
  const offerGroups = params.offerGroups.includes(groupId) ? [groupId] : [];
  const rows = pooledRows(db, { months, interviewGroups, offerGroups }, false);
  const names = new Map((db.prepare('SELECT code, name FROM municipality').all() as { code: number; name: string }[]).map((row) => [row.code, row.name]));
  const keyed = new Map<string, PooledRow[]>();
  for (const row of rows) keyed.set(`${row.code}:${row.criterion}`, [...(keyed.get(`${row.code}:${row.criterion}`) ?? []), row]);
  const municipalities = [...keyed.values()].map((list) => {
    const measured = list.reduce((sum, row) => sum + (row.measured ?? 0), 0);
    const pooled = weightedShare(list.map((row) => ({ lacking: row.lacking_est, measured: row.measured })));
    return {
      code: list[0].code,
      name: names.get(list[0].code) ?? String(list[0].code),
      criterion: list[0].criterion,
      measured,
      lacking: Math.round(pooled.lacking),
      share: shownShare(pooled.share),
      months: months.map((month) => monthFigure(list.find((row) => row.month === month), month, params.threshold, params.strictlyGreater)),
    };
  });
  const national = nationalRows(db, months, interviewGroups, offerGroups);
  return {
    groupId: group.id,
    label: group.label,
    period,
    months,
    municipalities,
    national: [...new Set(national.map((row) => row.criterion))].map((criterion: CriterionId) => ({
      criterion,
      months: months.map((month) => monthFigure(national.find((row) => row.criterion === criterion && row.month === month), month, params.threshold, params.strictlyGreater)),
    })),
    threshold: params.threshold,
    // The national line, like a municipality's, says which of its months are demo data.
    monthSources: monthSources(db, null, months, [groupId]),
  };
}

/** One rule set's reading of a criterion for the comparison's "why" (messages, issue 15: data, worded in explanations-da.ts). */
function comparedCriterion(evaluation: EarlyEffortEvaluation, ruleSetName: string, code: number, criterion: CriterionId): ComparedCriterion {
  const municipality = evaluation.municipalities.find((row) => row.code === code)!;
  const result = municipality[criterion];
  return {
    ruleSetName,
    eligible: result.eligible,
    aboveMonths: result.months.filter((month: MonthFigure) => month.above).length,
    shownMonths: result.months.length,
    threshold: evaluation.parameters.find((parameter) => parameter.key === 'threshold')!.value as number,
    consecutiveMonths: evaluation.parameters.find((parameter) => parameter.key === 'consecutiveMonths')!.value as number,
    fails: result.fails,
  };
}

/** Two rule sets of model A over the same half-year: which municipalities change status, and why. */
export function compareRuleSets(db: Db, leftId: string, rightId: string, period: string): RuleSetComparison {
  const left = evaluateEarly2023(db, period, leftId, { withDecisions: false });
  const right = evaluateEarly2023(db, period, rightId, { withDecisions: false });
  const status = (evaluation: EarlyEffortEvaluation, index: number) => {
    const row = evaluation.municipalities[index];
    return { toContact: row.toContact, failInterviews: row.interviews.fails, failOffers: row.offers.fails };
  };
  const changed: RuleSetComparison['changed'] = [];
  // The reader sees the rule sets by name, never by id (danish-desk, issue 11).
  const names = new Map(listRuleSets(db).map((ruleSet) => [ruleSet.id, ruleSet.name]));
  const leftName = names.get(left.ruleSetId) ?? left.ruleSetId;
  const rightName = names.get(right.ruleSetId) ?? right.ruleSetId;
  left.municipalities.forEach((row, index) => {
    const a = status(left, index);
    const b = status(right, index);
    if (a.toContact === b.toContact && a.failInterviews === b.failInterviews && a.failOffers === b.failOffers) return;
    const whyItems: ExplanationItem[] = criteria
      .filter((criterion) => (criterion === 'interviews' ? a.failInterviews !== b.failInterviews : a.failOffers !== b.failOffers))
      .map((criterion) => ({
        code: 'compare.criterion',
        params: { criterion, left: comparedCriterion(left, leftName, row.code, criterion), right: comparedCriterion(right, rightName, row.code, criterion) },
      }));
    changed.push({ code: row.code, name: row.name, left: a, right: b, whyItems, why: whyItems.map(renderExplanation).join(' ') });
  });
  return {
    period,
    left: { ruleSetId: left.ruleSetId, ruleSetVersion: left.ruleSetVersion, summary: left.summary },
    right: { ruleSetId: right.ruleSetId, ruleSetVersion: right.ruleSetVersion, summary: right.summary },
    changed,
  };
}
