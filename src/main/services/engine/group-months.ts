import type { CriterionId, MunicipalityDetail } from '../../../shared/api/engine';
import type { Db } from '../store';
import { criteria, earlyParams } from './early-2023';
import { halfYearMonths } from './periods';
import { monthFigure, pooledRows, type PooledRow } from './pooled-sql';
import { resolveRuleSet } from './rule-sets';

type GroupMonths = MunicipalityDetail['groupMonths'];

/**
 * Benefit group × month figures for model A's half-year, for one municipality (the drill-down)
 * or for a list of them in one query (the contact list: one batch read of the municipalities on
 * the list instead of a drill-down each). Both paths build the rows with this function, so the
 * file shows what the screen does. `codes` undefined reads every municipality.
 */
export function groupMonthsByMunicipality(db: Db, period: string, ruleSetId?: string, codes?: readonly number[]): Map<number, GroupMonths> {
  const rule = resolveRuleSet(db, 'early-2023', ruleSetId);
  const params = earlyParams(rule);
  const months = halfYearMonths(period);
  const monthIndex = new Map(months.map((month, index) => [month, index]));
  const rows = pooledRows(db, { months, interviewGroups: params.interviewGroups, offerGroups: params.offerGroups, codes }, true);
  const labels = db.prepare('SELECT id, label FROM benefit_group ORDER BY sort_order').all() as { id: string; label: string }[];
  // municipality → "group criterion" → the row of each month of the half-year (in month order).
  const byMunicipality = new Map<number, Map<string, (PooledRow | undefined)[]>>();
  for (const row of rows) {
    let series = byMunicipality.get(row.code);
    if (!series) byMunicipality.set(row.code, (series = new Map()));
    const key = seriesKey(row.group_id!, row.criterion);
    let byMonth = series.get(key);
    if (!byMonth) series.set(key, (byMonth = new Array<PooledRow | undefined>(months.length)));
    byMonth[monthIndex.get(row.month)!] = row;
  }
  const result = new Map<number, GroupMonths>();
  for (const [municipality, series] of byMunicipality) {
    const groupMonths: GroupMonths = [];
    for (const group of labels) {
      for (const criterion of criteria) {
        const byMonth = series.get(seriesKey(group.id, criterion));
        if (!byMonth) continue;
        groupMonths.push({
          groupId: group.id,
          label: group.label,
          criterion,
          months: months.map((month, index) => monthFigure(byMonth[index], month, params.threshold, params.strictlyGreater)),
        });
      }
    }
    result.set(municipality, groupMonths);
  }
  return result;
}

function seriesKey(groupId: string, criterion: CriterionId): string {
  return `${groupId}\u0000${criterion}`;
}
