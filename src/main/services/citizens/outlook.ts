import type { CitizenOutlook, OutlookCitizen, OutlookCriterion, OutlookMonth } from '../../../shared/api/citizens';
import { maskCitizenId } from '../../../shared/citizen-id';
import { EngineError } from '../engine/engine-error';
import { halfYearOf, localToday } from '../../../shared/periods';
import { criterionIds } from '../../../shared/enums';
import type { ExplanationItem } from '../../../shared/explanations';
import { renderExplanation } from '../../../shared/explanations-da';
import { engineWords } from '../../../shared/engine-words-da';
import { isAbove } from '../engine/pooled-sql';
import { resolveRuleSet } from '../engine/rule-sets';
import type { Db } from '../store';

/**
 * `citizens.outlook` (issue 10, "still within reach"): for one municipality at a day `asOf`, every
 * cohort month from `asOf`'s month on (earlier months are over), with model A's two criteria as
 * the rule set pools them (interviews over its interview groups, offers over its offer groups
 * for spells with an offer requirement):
 * - measured: the spells known so far that reach six months in the month;
 * - already lacking: the window is over (deadline before `asOf`) and the requirement was not met;
 * - within reach: the deadline is `asOf` or later and something is still missing;
 * - the share if nothing happens ((already + within reach) / measured) and if every one within
 *   reach gets what is missing (already / measured), each against the rule set's threshold.
 * And the citizens within reach, fewest days left first: the list a jobcenter acts on.
 */
const windowsSql = `
SELECT w.spell_id AS spellId, w.citizen_id AS citizenId, w.group_id AS groupId, g.label AS groupLabel, w.cohort_month AS cohortMonth,
  w.deadline, CAST(julianday(w.deadline) - julianday(@asOf) AS INTEGER) AS daysLeft, w.interviews_counted AS interviewsCounted,
  w.required_interviews AS requiredInterviews, w.interviews_missing AS interviewsMissing, w.offer_missing AS offerMissing,
  w.offer_required AS offerRequired
FROM citizen_window w JOIN benefit_group g ON g.id = w.group_id
WHERE w.municipality_code = @code AND w.cohort_month >= substr(@asOf, 1, 7)
ORDER BY w.deadline, w.spell_id`;

interface WindowRow extends Omit<OutlookCitizen, 'offerMissing'> {
  offerMissing: number;
  offerRequired: number;
}

const citizenLimit = 500;

export function citizenOutlook(db: Db, municipalityCode: number, asOf = localToday(), ruleSetId?: string): CitizenOutlook {
  const municipality = db.prepare('SELECT name FROM municipality WHERE code = ?').get(municipalityCode) as { name: string } | undefined;
  if (!municipality) throw new EngineError('unknown-municipality', engineWords.unknownMunicipality(municipalityCode));
  const rule = resolveRuleSet(db, 'early-2023', ruleSetId);
  const params = rule.values;
  const rows = db.prepare(windowsSql).all({ code: municipalityCode, asOf }) as WindowRow[];
  const interviewGroups = new Set(params.interviewGroups);
  const offerGroups = new Set(params.offerGroups);

  const criterion = (measured: WindowRow[], lacking: (row: WindowRow) => boolean): OutlookCriterion => {
    const already = measured.filter((row) => lacking(row) && row.deadline < asOf).length;
    const reach = measured.filter((row) => lacking(row) && row.deadline >= asOf).length;
    const nothing = measured.length ? (already + reach) / measured.length : null;
    const reached = measured.length ? already / measured.length : null;
    return {
      measured: measured.length,
      alreadyLacking: already,
      withinReach: reach,
      shareIfNothingHappens: nothing,
      shareIfAllReached: reached,
      aboveIfNothingHappens: isAbove(nothing, params.threshold, params.strictlyGreater),
      aboveIfAllReached: isAbove(reached, params.threshold, params.strictlyGreater),
    };
  };
  const byMonth = new Map<string, WindowRow[]>();
  for (const row of rows) byMonth.set(row.cohortMonth, [...(byMonth.get(row.cohortMonth) ?? []), row]);
  const months: OutlookMonth[] = [...byMonth.keys()].sort().map((month) => {
    const cohort = byMonth.get(month)!;
    return {
      month,
      period: halfYearOf(month),
      interviews: criterion(
        cohort.filter((row) => interviewGroups.has(row.groupId)),
        (row) => row.interviewsMissing > 0,
      ),
      offers: criterion(
        cohort.filter((row) => offerGroups.has(row.groupId) && row.offerRequired === 1),
        (row) => row.offerMissing === 1,
      ),
    };
  });
  const reachable = rows.filter(
    (row) => row.deadline >= asOf && ((interviewGroups.has(row.groupId) && row.interviewsMissing > 0) || (offerGroups.has(row.groupId) && row.offerMissing === 1)),
  );
  const citizens = reachable.slice(0, citizenLimit).map(({ offerRequired: _offerRequired, ...row }) => ({
    ...row,
    citizenId: maskCitizenId(row.citizenId),
    offerMissing: row.offerMissing === 1,
  }));

  // citizen-words (issue 15): the summary as explanation items, rendered by the one messages module.
  const summaryItems: ExplanationItem[] = [
    { code: 'outlook.reach', params: { asOf, municipality: municipality.name, reachable: reachable.length, firstDeadline: reachable[0]?.deadline ?? null } },
  ];
  for (const month of months) {
    const criteria = criterionIds
      .filter((key) => month[key].measured > 0)
      .map((key) => ({ criterion: key, ...month[key] }));
    if (criteria.length) {
      summaryItems.push({
        code: 'outlook.month',
        params: { month: month.month, period: month.period, threshold: params.threshold, strictlyGreater: params.strictlyGreater, minCitizens: params.minCitizens, criteria },
      });
    }
  }
  const summary = summaryItems.map(renderExplanation);
  return {
    municipalityCode,
    municipalityName: municipality.name,
    asOf,
    ruleSetId: rule.id,
    ruleSetName: rule.name,
    ruleSetVersion: rule.version,
    threshold: params.threshold,
    strictlyGreater: params.strictlyGreater,
    months,
    citizens,
    withinReachTotal: reachable.length,
    summary,
  };
}
