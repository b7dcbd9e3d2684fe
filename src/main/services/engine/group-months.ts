import type { MunicipalityDetail } from '../../../shared/api/engine';
import type { Db } from '../store';
import { criteria, earlyParams } from './early-2023';
import { halfYearMonths } from './periods';
import { monthFigure, pooledRows } from './pooled-sql';
import { resolveRuleSet } from './rule-sets';

export type GroupMonths = MunicipalityDetail['groupMonths'];

/**
 * Benefit group × month figures for model A's half-year, for one municipality (the drill-down)
 * or for all of them in one query (the contact list: one batch read instead of a drill-down per
 * municipality). Both paths build the rows with this function, so the file shows what the screen does.
 */
export function groupMonthsByMunicipality(db: Db, period: string, ruleSetId?: string, code?: number): Map<number, GroupMonths> {
  const rule = resolveRuleSet(db, 'early-2023', ruleSetId);
  const params = earlyParams(rule);
  const months = halfYearMonths(period);
  const rows = pooledRows(db, { months, interviewGroups: params.interviewGroups, offerGroups: params.offerGroups, code: code ?? null }, true);
  const labels = db.prepare('SELECT id, label FROM benefit_group ORDER BY sort_order').all() as { id: string; label: string }[];
  const byKey = new Map<string, (typeof rows)[number]>();
  const codes = new Set<number>();
  for (const row of rows) {
    byKey.set(`${row.code}|${row.group_id}|${row.criterion}|${row.month}`, row);
    byKey.set(`${row.code}|${row.group_id}|${row.criterion}`, row);
    codes.add(row.code);
  }
  const result = new Map<number, GroupMonths>();
  for (const municipality of codes) {
    result.set(
      municipality,
      labels.flatMap((group) =>
        criteria
          .filter((criterion) => byKey.has(`${municipality}|${group.id}|${criterion}`))
          .map((criterion) => ({
            groupId: group.id,
            label: group.label,
            criterion,
            months: months.map((month) => monthFigure(byKey.get(`${municipality}|${group.id}|${criterion}|${month}`), month, params.threshold, params.strictlyGreater)),
          })),
      ),
    );
  }
  return result;
}
