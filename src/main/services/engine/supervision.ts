import type { SupervisionEvaluation, SupervisionMunicipalityResult, SupervisionStatus } from '../../../shared/api/engine';
import { renderExplanation } from '../../../shared/explanations-da';
import type { ExplanationItem } from '../../../shared/explanations';
import { isAbove, shownShare, weightedShareSql } from '../../../shared/shares';
import type { Db } from '../store';
import { EngineError } from './engine-error';
import { batchRefs } from './provenance';
import { interpretationItems, resolveRuleSet } from './rule-sets';
import { describePeriod, describePeriodShort } from '../../../shared/period-words';
import { engineWords } from '../../../shared/engine-words-da';

interface BenchmarkRow {
  code: number;
  name: string;
  expected_share: number | null;
  actual_share: number | null;
  difference_points: number | null;
  benchmark_rank: number | null;
  batch_id: number;
}

interface FocusRow {
  code: number;
  measured: number | null;
  interviews_lacking: number | null;
  interviews_share: number | null;
  offers_lacking: number | null;
  offers_share: number | null;
  batch_ids: string;
}

/** Each municipality's focus figures; the shares are the weighted share (src/shared/shares.ts) of counts, or of shares × measured. */
const focusSql = `WITH latest AS (
     SELECT f.* FROM focus_measurement f WHERE f.period = @period AND NOT EXISTS (SELECT 1 FROM focus_measurement newer
       WHERE newer.municipality_code = f.municipality_code AND newer.group_label = f.group_label AND newer.period = f.period AND newer.batch_id > f.batch_id)),
   -- A total row ("… i alt") stands for the municipality; without one, its group rows are pooled.
   cur AS (
     SELECT * FROM latest l WHERE instr(lower_da(l.group_label), @totalLabel) > 0
       OR NOT EXISTS (SELECT 1 FROM latest t WHERE t.municipality_code = l.municipality_code AND instr(lower_da(t.group_label), @totalLabel) > 0))
   SELECT municipality_code AS code, SUM(measured) AS measured,
     CASE WHEN MIN(source_form = 'counts' AND interviews_lacking IS NOT NULL) = 1 THEN SUM(interviews_lacking) END AS interviews_lacking,
     ${weightedShareSql("COALESCE(CASE WHEN source_form = 'counts' THEN interviews_lacking END, interviews_lacking_share * measured)", 'measured')} AS interviews_share,
     CASE WHEN MIN(source_form = 'counts' AND offers_lacking IS NOT NULL) = 1 THEN SUM(offers_lacking) END AS offers_lacking,
     ${weightedShareSql("COALESCE(CASE WHEN source_form = 'counts' THEN offers_lacking END, offers_lacking_share * measured)", 'measured')} AS offers_share,
     group_concat(DISTINCT batch_id) AS batch_ids
   FROM cur GROUP BY municipality_code`;

/**
 * Model C: the result target from Y30R21 (actual against expected share; shares, not the
 * counts rounded to tens) and the two focus targets, per municipality for one period.
 */
export function evaluateSupervision(db: Db, period: string, ruleSetId?: string): SupervisionEvaluation {
  const rule = resolveRuleSet(db, 'supervision', ruleSetId);
  const params = rule.values;
  const benchmark = db
    .prepare(
      `SELECT b.municipality_code AS code, m.name, b.expected_share, b.actual_share, b.difference_points, b.benchmark_rank, b.batch_id
       FROM benchmark b JOIN municipality m ON m.code = b.municipality_code
       WHERE b.period = ? AND b.group_label = ?
         AND NOT EXISTS (SELECT 1 FROM benchmark newer WHERE newer.municipality_code = b.municipality_code
           AND newer.group_label = b.group_label AND newer.period = b.period AND newer.batch_id > b.batch_id)
       ORDER BY b.municipality_code`,
    )
    .all(period, params.resultGroupLabel) as BenchmarkRow[];
  const focus = db
    .prepare(focusSql)
    .all({ period, totalLabel: params.focusTotalLabel.toLocaleLowerCase('da-DK') }) as FocusRow[];
  if (benchmark.length === 0 && focus.length === 0) {
    const known = (db.prepare('SELECT DISTINCT period FROM benchmark ORDER BY period').all() as { period: string }[]).map((row) => row.period);
    throw new EngineError(
      'no-data',
      known.length
        ? engineWords.noData.resultTarget(describePeriod(period), known.map(describePeriodShort).join('; '))
        : engineWords.noData.noResultTarget,
    );
  }
  const benchmarkByCode = new Map(benchmark.map((row) => [row.code, row]));
  const focusByCode = new Map(focus.map((row) => [row.code, row]));
  const names = new Map((db.prepare('SELECT code, name FROM municipality').all() as { code: number; name: string }[]).map((row) => [row.code, row.name]));
  const codes = [...new Set([...benchmarkByCode.keys(), ...focusByCode.keys()])].sort((a, b) => a - b);
  const batchIds = [...benchmark.map((row) => row.batch_id), ...focus.flatMap((row) => String(row.batch_ids).split(',').map(Number))];

  const municipalities: SupervisionMunicipalityResult[] = codes.map((code) => {
    const explanation: ExplanationItem[] = [{ code: 'supervision.rule', params: { ruleSetName: rule.name, version: rule.version, period } }];
    const b = benchmarkByCode.get(code);
    let resultTarget: SupervisionMunicipalityResult['resultTarget'] = null;
    if (b && b.expected_share !== null && b.actual_share !== null) {
      // Difference in percentage points from the shares (the file's own difference when it has one).
      const differencePoints = b.difference_points ?? Math.round((b.actual_share - b.expected_share) * 10000) / 100;
      resultTarget = {
        expectedShare: b.expected_share,
        actualShare: b.actual_share,
        differencePoints,
        rank: b.benchmark_rank,
        fails: differencePoints > 0,
      };
      explanation.push({ code: 'supervision.result', params: { groupLabel: params.resultGroupLabel, ...resultTarget } });
    } else {
      explanation.push({ code: 'supervision.noResult', params: { groupLabel: params.resultGroupLabel, period } });
    }
    const f = focusByCode.get(code);
    const focusTarget = (lacking: number | null, share: number | null, threshold: number) =>
      f ? { measured: f.measured, lacking, share: shownShare(share), fails: isAbove(share, threshold, true) } : null;
    const focusInterviews = focusTarget(f?.interviews_lacking ?? null, f?.interviews_share ?? null, params.focusInterviewsThreshold);
    const focusOffers = focusTarget(f?.offers_lacking ?? null, f?.offers_share ?? null, params.focusOffersThreshold);
    if (focusInterviews && focusOffers) {
      explanation.push(
        { code: 'supervision.focus', params: { target: 'interviews', share: focusInterviews.share, threshold: params.focusInterviewsThreshold, fails: focusInterviews.fails } },
        { code: 'supervision.focus', params: { target: 'offers', share: focusOffers.share, threshold: params.focusOffersThreshold, fails: focusOffers.fails } },
      );
    } else {
      explanation.push({ code: 'supervision.noFocus', params: {} });
    }
    const atRisk = Boolean(resultTarget?.fails && (focusInterviews?.fails || focusOffers?.fails));
    if (atRisk) explanation.push({ code: 'supervision.atRisk', params: {} });
    explanation.push(...interpretationItems(rule));
    return {
      code,
      name: names.get(code) ?? String(code),
      resultTarget,
      focusInterviews,
      focusOffers,
      atRisk,
      explanation: explanation.map(renderExplanation),
      explanationItems: explanation,
    };
  });
  return {
    model: 'supervision',
    ruleSetId: rule.id,
    ruleSetVersion: rule.version,
    period,
    municipalities,
    status: supervisionStatus(municipalities),
    parameters: rule.parameters,
    batches: batchRefs(db, batchIds),
  };
}

/**
 * models-screens: the quarterly status as the letter of 1 September 2021 puts it: how many fail
 * each focus target, and which of those also fail the result target (named).
 */
function supervisionStatus(municipalities: SupervisionMunicipalityResult[]): SupervisionStatus {
  const named = (rows: SupervisionMunicipalityResult[]) => rows.map(({ code, name }) => ({ code, name }));
  const focus = (pick: (row: SupervisionMunicipalityResult) => SupervisionMunicipalityResult['focusInterviews']) => {
    const failing = municipalities.filter((row) => pick(row)?.fails);
    return { fails: failing.length, alsoResultTarget: named(failing.filter((row) => row.resultTarget?.fails)) };
  };
  return {
    municipalities: municipalities.length,
    resultTargetFails: named(municipalities.filter((row) => row.resultTarget?.fails)),
    focusDataAvailable: municipalities.some((row) => row.focusInterviews !== null || row.focusOffers !== null),
    focusInterviews: focus((row) => row.focusInterviews),
    focusOffers: focus((row) => row.focusOffers),
    atRisk: named(municipalities.filter((row) => row.atRisk)),
  };
}
