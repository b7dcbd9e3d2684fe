import type { CallArgs } from '../../../shared/api';
import { citizenColumns, type CitizenColumn } from '../../../shared/api/citizens';

/*
 * cit-desk (issue 10): AG Grid's sort and filter models, as the infinite row model hands them to
 * the datasource, translated to `citizens.query`'s allow-listed columns and operators. Sort and
 * filter then run in SQL; a column or operator the contract does not know is left out (never sent).
 */

type QueryArgs = CallArgs<'citizens.query'>;
type Sort = NonNullable<QueryArgs['sort']>;
type Filters = NonNullable<QueryArgs['filters']>;
type Operator = Filters[number]['operator'];

const operators: Record<string, Operator> = {
  equals: 'equals',
  notEqual: 'notEqual',
  lessThan: 'lessThan',
  lessThanOrEqual: 'lessThanOrEqual',
  greaterThan: 'greaterThan',
  greaterThanOrEqual: 'greaterThanOrEqual',
  contains: 'contains',
  startsWith: 'startsWith',
};

/** The operators the grid's filters offer (AG Grid's own option names, the contract's operators). */
export const textFilterOptions = ['contains', 'equals', 'notEqual', 'startsWith'];
export const numberFilterOptions = ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual'];

const isColumn = (id: string): id is CitizenColumn => (citizenColumns as readonly string[]).includes(id);

export function toQuerySort(sortModel: { colId: string; sort: 'asc' | 'desc' | null | undefined }[]): Sort | undefined {
  const sort = sortModel
    .filter((entry): entry is { colId: CitizenColumn; sort: 'asc' | 'desc' } => isColumn(entry.colId) && (entry.sort === 'asc' || entry.sort === 'desc'))
    .slice(0, 4)
    .map((entry) => ({ column: entry.colId, direction: entry.sort }));
  return sort.length ? sort : undefined;
}

interface SimpleFilter {
  filterType?: string;
  type?: string | null;
  filter?: string | number | null;
  /** A combined filter (two conditions) carries its conditions here. */
  conditions?: SimpleFilter[];
  operator?: 'AND' | 'OR';
}

export function toQueryFilters(filterModel: Record<string, SimpleFilter> | null | undefined): Filters | undefined {
  const filters: Filters = [];
  for (const [colId, model] of Object.entries(filterModel ?? {})) {
    if (!isColumn(colId) || !model) continue;
    // Only AND of conditions is one list of SQL conditions; the grid is set to one condition per column.
    const conditions = model.conditions && model.operator !== 'OR' ? model.conditions : [model];
    for (const condition of conditions) {
      const operator = condition.type ? operators[condition.type] : undefined;
      if (!operator || condition.filter === undefined || condition.filter === null || condition.filter === '') continue;
      const value = condition.filterType === 'number' ? Number(condition.filter) : String(condition.filter).slice(0, 200);
      if (typeof value === 'number' && !Number.isFinite(value)) continue;
      filters.push({ column: colId, operator, value });
    }
  }
  return filters.length ? filters.slice(0, 20) : undefined;
}
