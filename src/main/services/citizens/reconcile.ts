import type { ReconciliationRow, ReconciliationSpell } from '../../../shared/api/citizens';
import { maskCitizenId } from '../../../shared/citizen-id';
import { EngineError } from '../engine/engine-error';
import { citizenWords } from '../../../shared/citizen-words-da';
import { engineWords } from '../../../shared/engine-words-da';
import type { Db } from '../store';

/**
 * `citizens.reconcile` (issue 10): a municipality's counts derived from citizen data next to the
 * imported Jobindsats counts, per month and benefit group, the difference (derived − published)
 * and, where they differ, the spells of that cohort month that lack something (the citizens
 * behind the derived count).
 *
 * Without `from`/`to` the months are those with derived counts for the municipality (or every
 * published month when it has none). A month where the municipality has derived counts, for a
 * group the citizen data has in some month, but no count for that group is a derived 0 (nobody
 * reached six months), not a missing figure; a group the citizen data never has is missing
 * (an extract of some groups only says nothing about the others).
 */
const rowsSql = `
WITH pub AS MATERIALIZED (
  SELECT group_id, month, measured, interviews_lacking, offers_lacking FROM measurement_current
  WHERE municipality_code = @code AND month BETWEEN @from AND @to
),
der AS MATERIALIZED (
  SELECT group_id, month, measured, interviews_lacking, offers_lacking FROM citizen_measurement
  WHERE municipality_code = @code AND month BETWEEN @from AND @to
),
covered AS MATERIALIZED (SELECT DISTINCT month FROM der),
covered_groups AS MATERIALIZED (SELECT DISTINCT group_id FROM der),
keys AS MATERIALIZED (SELECT group_id, month FROM der UNION SELECT group_id, month FROM pub)
SELECT k.month, k.group_id AS groupId, g.label AS groupLabel,
  d.measured AS dMeasured, d.interviews_lacking AS dInterviews, d.offers_lacking AS dOffers,
  k.month IN (SELECT month FROM covered) AND k.group_id IN (SELECT group_id FROM covered_groups) AS covered,
  (SELECT r.offer_required FROM group_requirement r WHERE r.group_id = k.group_id
    ORDER BY r.effective_from <= k.month || '-01' DESC, CASE WHEN r.effective_from <= k.month || '-01' THEN r.effective_from END DESC, r.effective_from
    LIMIT 1) AS offerRequired,
  p.group_id IS NOT NULL AS hasPublished, p.measured AS pMeasured, p.interviews_lacking AS pInterviews, p.offers_lacking AS pOffers
FROM keys k
JOIN benefit_group g ON g.id = k.group_id
LEFT JOIN der d ON d.group_id = k.group_id AND d.month = k.month
LEFT JOIN pub p ON p.group_id = k.group_id AND p.month = k.month
ORDER BY k.month, g.sort_order`;

interface RawRow {
  month: string;
  groupId: string;
  groupLabel: string;
  dMeasured: number | null;
  dInterviews: number | null;
  dOffers: number | null;
  covered: number;
  offerRequired: number | null;
  hasPublished: number;
  pMeasured: number | null;
  pInterviews: number | null;
  pOffers: number | null;
}

const spellLimit = 50;

export function reconcile(db: Db, municipalityCode: number, from?: string, to?: string): ReconciliationRow[] {
  if (!db.prepare('SELECT 1 FROM municipality WHERE code = ?').get(municipalityCode)) {
    throw new EngineError('unknown-municipality', engineWords.unknownMunicipality(municipalityCode));
  }
  if (from && to && from > to) throw new EngineError('invalid-period', citizenWords.reconcile.fromAfterTo(from, to));
  const span = db.prepare('SELECT MIN(month) AS first, MAX(month) AS last FROM citizen_measurement WHERE municipality_code = ?').get(municipalityCode) as {
    first: string | null;
    last: string | null;
  };
  const rows = db.prepare(rowsSql).all({ code: municipalityCode, from: from ?? span.first ?? '0000-01', to: to ?? span.last ?? '9999-12' }) as RawRow[];
  const lackingCount = db.prepare(
    `SELECT COUNT(*) AS n FROM citizen_window WHERE municipality_code = ? AND group_id = ? AND cohort_month = ? AND (interviews_missing > 0 OR offer_missing = 1)`,
  );
  const lackingRows = db.prepare(
    `SELECT spell_id AS spellId, citizen_id AS citizenId, start_date AS startDate, deadline, interviews_counted AS interviewsCounted,
       required_interviews AS requiredInterviews, offers, interviews_missing AS interviewsMissing, offer_missing AS offerMissing
     FROM citizen_window WHERE municipality_code = ? AND group_id = ? AND cohort_month = ? AND (interviews_missing > 0 OR offer_missing = 1)
     ORDER BY deadline, spell_id LIMIT ?`,
  );
  const difference = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  return rows.map((row) => {
    const hasDerived = row.dMeasured !== null || row.covered === 1;
    const derived = hasDerived
      ? {
          measured: row.dMeasured ?? 0,
          interviewsLacking: row.dInterviews ?? 0,
          offersLacking: row.dMeasured !== null ? row.dOffers : row.offerRequired === 1 ? 0 : null,
        }
      : null;
    const published = row.hasPublished === 1 ? { measured: row.pMeasured, interviewsLacking: row.pInterviews, offersLacking: row.pOffers } : null;
    const diff = {
      measured: difference(derived?.measured ?? null, published?.measured ?? null),
      interviewsLacking: difference(derived?.interviewsLacking ?? null, published?.interviewsLacking ?? null),
      offersLacking: difference(derived?.offersLacking ?? null, published?.offersLacking ?? null),
    };
    const differs = derived !== null && published !== null && [diff.measured, diff.interviewsLacking, diff.offersLacking].some((value) => value !== null && value !== 0);
    let lackingSpells: ReconciliationRow['lackingSpells'] = null;
    if (differs) {
      const total = (lackingCount.get(municipalityCode, row.groupId, row.month) as { n: number }).n;
      const spells = (lackingRows.all(municipalityCode, row.groupId, row.month, spellLimit) as (Omit<ReconciliationSpell, 'offerMissing'> & { offerMissing: number })[]).map(
        (spell) => ({ ...spell, citizenId: maskCitizenId(spell.citizenId), offerMissing: spell.offerMissing === 1 }),
      );
      lackingSpells = { total, spells };
    }
    return { month: row.month, groupId: row.groupId, groupLabel: row.groupLabel, derived, published, difference: diff, lackingSpells };
  });
}
