import type {
  CriterionId,
  CriterionResult,
  DecisionRow,
  EarlyEffortEvaluation,
  EarlyEffortMunicipalityResult,
  EarlyWarning,
  ExemptionProposal,
  GroupShare,
  MonthFigure,
  DataSource,
} from '../../../shared/api/engine';
import { exemptionSubject } from '../../../shared/api/engine';
import { criterionIds } from '../../../shared/enums';
import { criterionLabel, earlyWarningWords, exemptionWords, renderExplanation } from '../../../shared/explanations-da';
import type { CriterionVerdict, ExplanationItem } from '../../../shared/explanations';
import { aboveSql, shownShare, weightedShareSql } from '../../../shared/shares';
import type { Db } from '../store';
import { latestDecisions } from './decisions';
import { EngineError } from './engine-error';
import { periodSpan } from '../../../shared/periods';
import { halfYearMonths, monthsWithData } from './periods';
import { bindPooled, isAbove, pooledCte } from './pooled-sql';
import { batchRefs, citizenBatches, citizenSourceLine, requireCitizenData } from './provenance';
import { interpretationItems, resolveRuleSet, type ResolvedRuleSet } from './rule-sets';
import { describePeriod } from '../../../shared/period-words';
import { engineWords } from '../../../shared/engine-words-da';

export const criteria = criterionIds;
// The explanation's words are in src/shared/explanations-da.ts (one-definition, issue 15).
export { criterionLabel, earlyWarningWords, exemptionWords };

interface EarlyParams {
  threshold: number;
  strictlyGreater: boolean;
  consecutiveMonths: number;
  minCitizens: number;
  minCitizensPerCriterion: boolean;
  interviewGroups: string[];
  offerGroups: string[];
  challengedMinCitizens: number;
  exemptEnhancedSupervision: boolean;
  exemptPositiveDevelopment: boolean;
}

export function earlyParams(rule: ResolvedRuleSet<'early-2023'>): EarlyParams {
  return rule.values;
}

/**
 * Model A in one statement: pooled monthly shares (pooled-sql), the threshold test, window
 * functions for the consecutive months (gaps-and-islands run lengths) and for the month-on-month
 * development (LAG); plus each group's half-year share and the batches behind the numbers. The
 * three parts come back as JSON arrays in one row, so the measurements are read only once.
 */
const evaluationSql = `WITH ${pooledCte(false)},
grid AS (
  SELECT m.code, cr.criterion, mo.month, mo.idx
  FROM municipality m CROSS JOIN (SELECT 'interviews' AS criterion UNION ALL SELECT 'offers') cr CROSS JOIN mo
  WHERE (@code IS NULL OR m.code = @code)
),
totals AS (SELECT code, month, SUM(measured) AS total_measured FROM src GROUP BY code, month),
flagged AS (
  SELECT g.code, g.criterion, g.month, g.idx, p.measured, p.lacking, p.share, p.source_form,
    CASE WHEN @perCriterion = 1 THEN p.measured ELSE t.total_measured END AS basis,
    ${aboveSql('p.share')} AS above
  FROM grid g
  LEFT JOIN pooled p ON p.code = g.code AND p.criterion = g.criterion AND p.month = g.month
  LEFT JOIN totals t ON t.code = g.code AND t.month = g.month
),
islands AS (
  SELECT *, idx - ROW_NUMBER() OVER (PARTITION BY code, criterion, above ORDER BY idx) AS island,
    LAG(share) OVER (PARTITION BY code, criterion ORDER BY idx) AS prev_share
  FROM flagged
),
monthly AS (
  SELECT code, criterion, month, idx, measured, lacking, share, source_form, basis, above, prev_share,
    CASE WHEN above = 1 THEN COUNT(*) OVER (PARTITION BY code, criterion, above, island) ELSE 0 END AS run_length,
    CASE WHEN above = 1 THEN COUNT(*) OVER (PARTITION BY code, criterion, above, island ORDER BY idx ROWS UNBOUNDED PRECEDING) ELSE 0 END AS run_so_far
  FROM islands
),
group_shares AS (
  SELECT r.code, r.criterion, r.group_id, g.label, g.sort_order, SUM(r.measured) AS measured, SUM(r.lacking_est) AS lacking_est,
    ${weightedShareSql('r.lacking_est', 'r.measured')} AS share
  FROM rowwise r JOIN benefit_group g ON g.id = r.group_id
  GROUP BY r.code, r.criterion, r.group_id
)
SELECT
  (SELECT json_group_array(json_array(code, criterion, month, idx, measured, lacking, share, source_form, basis, above, prev_share, run_length, run_so_far))
     FROM (SELECT * FROM monthly ORDER BY code, criterion, idx)) AS monthly,
  (SELECT json_group_array(json_array(code, criterion, group_id, label, sort_order, measured, lacking_est, share))
     FROM (SELECT * FROM group_shares ORDER BY code, criterion, sort_order)) AS groups,
  (SELECT json_group_array(DISTINCT batch_id) FROM src) AS batches,
  (SELECT json_group_array(DISTINCT month) FROM src) AS months`;

const monthlyColumns = ['code', 'criterion', 'month', 'idx', 'measured', 'lacking', 'share', 'source_form', 'basis', 'above', 'prev_share', 'run_length', 'run_so_far'] as const;
const groupColumns = ['code', 'criterion', 'group_id', 'label', 'sort_order', 'measured', 'lacking_est', 'share'] as const;

function fromArrays<T>(json: string, columns: readonly string[]): T[] {
  return (JSON.parse(json) as unknown[][]).map((values) => Object.fromEntries(columns.map((column, index) => [column, values[index]])) as T);
}

interface MonthlyRow {
  code: number;
  criterion: CriterionId;
  month: string;
  idx: number;
  measured: number | null;
  lacking: number | null;
  share: number | null;
  source_form: MonthFigure['sourceForm'];
  basis: number | null;
  above: number;
  prev_share: number | null;
  run_length: number;
  run_so_far: number;
}

interface GroupRow {
  code: number;
  criterion: CriterionId;
  group_id: string;
  label: string;
  sort_order: number;
  measured: number | null;
  lacking_est: number | null;
  share: number | null;
}

interface MunicipalityRow {
  code: number;
  name: string;
  region: string;
  labourMarketOffice: string;
}

interface EarlyOptions {
  code?: number;
  /** Skip decision lookup (the what-if comparison does not need it). */
  withDecisions?: boolean;
  /** cit-engine (issue 10): Jobindsats' published counts (default) or those derived from citizen data. */
  source?: DataSource;
}

export function evaluateEarly2023(db: Db, period: string, ruleSetId?: string, options: EarlyOptions = {}): EarlyEffortEvaluation {
  const rule = resolveRuleSet(db, 'early-2023', ruleSetId);
  if (options.source === 'citizens') requireCitizenData(db); // citizen-models (issue 10)
  const params = earlyParams(rule);
  const months = halfYearMonths(period);
  const binding = {
    ...bindPooled({ months, interviewGroups: params.interviewGroups, offerGroups: params.offerGroups, code: options.code ?? null, source: options.source }),
    threshold: params.threshold,
    strict: params.strictlyGreater ? 1 : 0,
    perCriterion: params.minCitizensPerCriterion ? 1 : 0,
  };
  const raw = db.prepare(evaluationSql).get(binding) as { monthly: string; groups: string; batches: string; months: string };
  // One municipality's drill-down asks the whole store which months it has; the full run sees them in its own rows.
  const dataMonths = new Set(options.code === undefined ? (JSON.parse(raw.months) as string[]) : monthsWithData(db, options.source));
  const assessed = months.filter((month) => dataMonths.has(month));
  if (assessed.length === 0) {
    // cit-engine (issue 10): from citizen data, say which data are missing.
    if (options.source === 'citizens') throw new EngineError('no-data', engineWords.noData.halfYearCitizens(describePeriod(period), describePeriod(months[0]), describePeriod(months[5])));
    throw new EngineError('no-data', engineWords.noData.halfYear(describePeriod(period), describePeriod(months[0]), describePeriod(months[5])));
  }
  // A half-year is assessed up to the last month the store has; later months are "not yet".
  const lastAssessed = assessed[assessed.length - 1];
  const assessedMonths = months.filter((month) => month <= lastAssessed);
  const complete = assessedMonths.length === months.length;
  const monthly = fromArrays<MonthlyRow>(raw.monthly, monthlyColumns).filter((row) => row.month <= lastAssessed);
  const groups = fromArrays<GroupRow>(raw.groups, groupColumns);
  const municipalities = db
    .prepare('SELECT code, name, region, labour_market_office AS labourMarketOffice FROM municipality WHERE (? IS NULL OR code = ?) ORDER BY code')
    .all(options.code ?? null, options.code ?? null) as MunicipalityRow[];
  const supervised = supervisedMunicipalities(db, months[0], months[5]);
  const decisions = options.withDecisions === false ? new Map<number, DecisionRow[]>() : latestDecisions(db, rule.id, period);

  const monthlyByKey = new Map<string, MonthlyRow[]>();
  for (const row of monthly) {
    const key = `${row.code}:${row.criterion}`;
    monthlyByKey.set(key, [...(monthlyByKey.get(key) ?? []), row]);
  }
  const groupsByCode = new Map<number, GroupRow[]>();
  for (const row of groups) groupsByCode.set(row.code, [...(groupsByCode.get(row.code) ?? []), row]);

  const results = municipalities.map((municipality) =>
    municipalityResult(municipality, params, rule, months, assessedMonths, complete, monthlyByKey, groupsByCode.get(municipality.code) ?? [], supervised.get(municipality.code) ?? null, decisions.get(municipality.code) ?? []),
  );
  // cit-engine (issue 10): counts derived from citizen data come from the citizen files, and say so.
  const fromCitizens = options.source === 'citizens';
  const batches = fromCitizens ? citizenBatches(db) : batchRefs(db, JSON.parse(raw.batches) as number[]);
  const source: ExplanationItem = {
    code: 'early.sources',
    params: { batches: batches.map((batch) => ({ fileName: batch.fileName, importedAt: batch.importedAt, sha256: batch.sha256 })) },
  };
  for (const result of results) {
    if (fromCitizens) result.explanation.push(citizenSourceLine(batches));
    result.explanationItems.push(source);
    result.explanation.push(renderExplanation(source));
  }
  return {
    model: 'early-2023',
    ruleSetId: rule.id,
    ruleSetVersion: rule.version,
    period,
    months,
    complete,
    summary: {
      toContact: results.filter((result) => result.toContact).length,
      failInterviews: results.filter((result) => result.interviews.fails).length,
      failOffers: results.filter((result) => result.offers.fails).length,
      exemptionProposals: results.filter((result) => result.exemptionProposals.length > 0).length,
      earlyWarnings: results.filter((result) => result.earlyWarnings.length > 0).length,
      failsCriteria: results.filter((result) => result.failsCriteria).length,
      exempted: results.filter((result) => result.status === 'exempted').length,
    },
    municipalities: results,
    parameters: rule.parameters,
    batches,
    dataSource: options.source ?? 'published',
  };
}

// The span of an importer's period (month, quarter, year, moving year): src/shared/periods.ts.
export { periodSpan };

/** Municipalities under enhanced supervision at some time in the half-year (entries not removed). */
function supervisedMunicipalities(db: Db, firstMonth: string, lastMonth: string): Map<number, { from: string; to: string | null; note: string | null }> {
  const rows = db
    .prepare(`SELECT municipality_code AS code, period_from AS "from", period_to AS "to", note FROM supervision_entry WHERE removed_at IS NULL ORDER BY id`)
    .all() as { code: number; from: string; to: string | null; note: string | null }[];
  const result = new Map<number, { from: string; to: string | null; note: string | null }>();
  for (const row of rows) {
    const from = periodSpan(row.from);
    const to = row.to === null ? null : periodSpan(row.to);
    if (!from || (row.to !== null && !to)) continue;
    if (from.first <= lastMonth && (to === null || to.last >= firstMonth)) result.set(row.code, row);
  }
  return result;
}

function criterionResult(rows: MonthlyRow[], params: EarlyParams, months: string[], assessedMonths: string[]): {
  result: CriterionResult;
  maxRun: number;
  trailingRun: number;
  falling: boolean;
  lowMonths: { month: string; basis: number | null }[];
} {
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const figures: MonthFigure[] = months.map((month) => {
    const row = byMonth.get(month);
    if (!row || row.share === null && row.measured === null) return { month, measured: null, lacking: null, share: null, above: false, sourceForm: null };
    return {
      month,
      measured: row.measured,
      lacking: row.lacking,
      share: shownShare(row.share),
      above: row.above === 1,
      sourceForm: row.source_form,
    };
  });
  const assessedRows = assessedMonths.map((month) => byMonth.get(month));
  const lowMonths = assessedMonths
    .map((month, index) => ({ month, basis: assessedRows[index]?.basis ?? null }))
    .filter((row) => row.basis === null || row.basis < params.minCitizens);
  const eligible = assessedRows.every((row) => row !== undefined && row.basis !== null && row.basis >= params.minCitizens);
  const maxRun = Math.max(0, ...rows.map((row) => row.run_length));
  const trailingRun = assessedRows[assessedRows.length - 1]?.run_so_far ?? 0;
  const falling =
    assessedRows.length > 1 &&
    assessedRows.every((row, index) => index === 0 || (row !== undefined && row.share !== null && row.prev_share !== null && row.share < row.prev_share));
  return { result: { eligible, fails: eligible && maxRun >= params.consecutiveMonths, months: figures }, maxRun, trailingRun, falling, lowMonths };
}

function municipalityResult(
  municipality: MunicipalityRow,
  params: EarlyParams,
  rule: ResolvedRuleSet,
  months: string[],
  assessedMonths: string[],
  complete: boolean,
  monthlyByKey: Map<string, MonthlyRow[]>,
  groupRows: GroupRow[],
  supervision: { from: string; to: string | null; note: string | null } | null,
  decisions: DecisionRow[],
): EarlyEffortMunicipalityResult {
  const thresholdWords = { threshold: params.threshold, strictlyGreater: params.strictlyGreater };
  const explanation: ExplanationItem[] = [
    {
      code: 'early.rule',
      params: { ...thresholdWords, ruleSetName: rule.name, version: rule.version, consecutiveMonths: params.consecutiveMonths, minCitizens: params.minCitizens },
    },
  ];
  if (!complete) {
    explanation.push({ code: 'early.incomplete', params: { assessedMonths: assessedMonths.length, months: months.length, lastMonth: assessedMonths[assessedMonths.length - 1] } });
  }
  const perCriterion = {} as Record<CriterionId, ReturnType<typeof criterionResult>>;
  const earlyWarnings: EarlyWarning[] = [];
  for (const criterion of criteria) {
    const evaluated = criterionResult(monthlyByKey.get(`${municipality.code}:${criterion}`) ?? [], params, months, assessedMonths);
    perCriterion[criterion] = evaluated;
    const shown = evaluated.result.months.filter((figure) => assessedMonths.includes(figure.month));
    const aboveCount = shown.filter((figure) => figure.above).length;
    const monthsLeft = months.length - assessedMonths.length;
    const warned = !complete && evaluated.result.eligible && !evaluated.result.fails && evaluated.trailingRun > 0 && evaluated.trailingRun + monthsLeft >= params.consecutiveMonths;
    const verdict: CriterionVerdict = warned
      ? { kind: 'early-warning', aboveSoFar: evaluated.trailingRun, assessed: assessedMonths.length, remaining: params.consecutiveMonths - evaluated.trailingRun }
      : !evaluated.result.eligible
        ? { kind: 'not-assessable', minCitizens: params.minCitizens, lowMonths: evaluated.lowMonths.map((row) => ({ month: row.month, basis: row.basis })) }
        : evaluated.result.fails
          ? { kind: 'fails', maxRun: evaluated.maxRun, ...thresholdWords }
          : { kind: 'meets', complete, aboveCount, shownCount: shown.length, maxRun: evaluated.maxRun, ...thresholdWords };
    const explainedMonths = shown.map((figure) => ({ month: figure.month, share: figure.share, lacking: figure.lacking, measured: figure.measured }));
    explanation.push({ code: 'early.criterion', params: { criterion, verdict, months: explainedMonths } });
    if (shown.some((figure) => figure.sourceForm === 'shares' || figure.sourceForm === 'mixed')) {
      explanation.push({ code: 'early.sharesOnly', params: { criterion } });
    }
    if (warned) {
      const warning = { criterion, monthsAboveSoFar: evaluated.trailingRun, monthsRemaining: params.consecutiveMonths - evaluated.trailingRun, monthsAssessed: assessedMonths.length };
      // The criterion's own line above says it in words ("… – tidlig varsling: over tærsklen i …").
      earlyWarnings.push(warning);
    }
  }
  const failing = criteria.filter((criterion) => perCriterion[criterion].result.fails);
  const failsCriteria = failing.length > 0;

  const groupShares: GroupShare[] = groupRows.map((row) => {
    const measured = row.measured ?? 0;
    const challenged = measured >= params.challengedMinCitizens && isAbove(row.share, params.threshold, params.strictlyGreater);
    return {
      groupId: row.group_id,
      label: row.label,
      criterion: row.criterion,
      measured,
      lacking: Math.round(row.lacking_est ?? 0),
      share: shownShare(row.share),
      challenged,
    };
  });
  const challenged = groupShares.filter((group) => group.challenged && failing.includes(group.criterion));
  const challengedGroups = [...new Set(challenged.map((group) => group.label))];
  if (challenged.length > 0) {
    explanation.push({
      code: 'early.challenged',
      params: {
        ...thresholdWords,
        minMeasured: params.challengedMinCitizens,
        groups: challenged.map((group) => ({ label: group.label, criterion: group.criterion, share: group.share, lacking: group.lacking, measured: group.measured })),
      },
    });
  }

  const exemptionProposals: ExemptionProposal[] = [];
  // A proposal's evidence is an explanation item too; the proposal carries it in words.
  const propose = (reason: ExemptionProposal['reason'], criterion: CriterionId | null, evidence: ExplanationItem) => {
    exemptionProposals.push({ reason, criterion, evidence: renderExplanation(evidence) });
    explanation.push({ code: 'early.proposal', params: { reason, evidence } });
  };
  if (failsCriteria && params.exemptEnhancedSupervision && supervision) {
    propose('enhanced-supervision', null, { code: 'early.evidence.supervision', params: { from: supervision.from, to: supervision.to, note: supervision.note } });
  }
  if (params.exemptPositiveDevelopment) {
    for (const criterion of failing) {
      if (!perCriterion[criterion].falling) continue;
      const shares = perCriterion[criterion].result.months.filter((figure) => assessedMonths.includes(figure.month)).map((figure) => figure.share);
      propose('positive-development', criterion, { code: 'early.evidence.falling', params: { criterion, shares } });
    }
  }
  // Only a decision on a proposal made now counts (a proposal from other figures may be stale).
  // The decisions are the latest per subject, so a withdrawal (a newer row) cancels an acceptance.
  const proposed = new Set(exemptionProposals.map(exemptionSubject));
  const accepted = decisions.filter((decision) => proposed.has(decision.subject) && decision.verdict === 'accepted');
  // Exempted only when every failing criterion is covered (an exemption for offers leaves a failing interview criterion in force).
  const covered = (criterion: CriterionId) => accepted.some((decision) => decision.subject.endsWith(':all') || decision.subject.endsWith(`:${criterion}`));
  const exempted = failsCriteria && failing.every(covered);
  const toContact = failsCriteria && !exempted;
  const contact = decisions.find((decision) => decision.subject === 'contact');
  const note = decisions.find((decision) => decision.subject === 'note')?.reason ?? '';
  if (accepted.length > 0) {
    const explained = accepted.map((decision) => ({ subject: decision.subject, decidedBy: decision.decidedBy, decidedOn: decision.decidedOn, reason: decision.reason }));
    explanation.push({ code: 'early.exemptionAccepted', params: { decisions: explained } });
  }
  if (contact?.verdict === 'contacted') explanation.push({ code: 'early.contactRecorded', params: { decidedOn: contact.decidedOn, decidedBy: contact.decidedBy } });
  const outcome = exempted ? 'exempted' : toContact ? 'to-contact' : earlyWarnings.length > 0 ? 'early-warning' : 'not-to-contact';
  explanation.push({ code: 'early.result', params: { outcome, complete, failing } });
  explanation.push(...interpretationItems(rule));

  return {
    code: municipality.code,
    name: municipality.name,
    region: municipality.region,
    labourMarketOffice: municipality.labourMarketOffice,
    toContact,
    interviews: perCriterion.interviews.result,
    offers: perCriterion.offers.result,
    challengedGroups,
    groupShares,
    exemptionProposals,
    earlyWarnings,
    decisions,
    explanation: explanation.map(renderExplanation),
    explanationItems: explanation,
    failsCriteria,
    exemptionAccepted: exempted,
    status: outcome,
    exemption: exempted
      ? {
          subjects: accepted.map((decision) => decision.subject),
          reasons: accepted.map((decision) => `${exemptionWords(decision.subject)}: ${decision.reason}`).join('; '),
          decidedBy: [...new Set(accepted.map((decision) => decision.decidedBy))].join(', '),
          decidedOn: accepted[0].decidedOn,
        }
      : null,
    note,
  };
}

