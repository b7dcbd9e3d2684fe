import { describe, expect, it } from 'vitest';
import { toQueryFilters, toQuerySort } from '../../src/renderer/src/components/citizen-grid-model';
import { citizenQueryArgs } from '../../src/shared/api/citizens';

/*
 * cit-desk (issue 10): AG Grid's sort and filter models as the infinite row model hands them to
 * the datasource, translated to citizens.query's arguments; the result must pass the contract's
 * own schema, and anything outside its allow-list is left out rather than sent.
 */
describe('the citizen grid model translation', () => {
  it('keeps the grid’s sort order and drops columns the contract does not know', () => {
    const sort = toQuerySort([
      { colId: 'daysLeft', sort: 'desc' },
      { colId: 'ag-Grid-SelectionColumn', sort: 'asc' },
      { colId: 'startDate', sort: 'asc' },
      { colId: 'offers', sort: null },
    ]);
    expect(sort).toEqual([
      { column: 'daysLeft', direction: 'desc' },
      { column: 'startDate', direction: 'asc' },
    ]);
    expect(toQuerySort([])).toBeUndefined();
  });

  it('turns text and number filters into contract filters that pass its schema', () => {
    const filters = toQueryFilters({
      citizenId: { filterType: 'text', type: 'contains', filter: '0101' },
      daysLeft: { filterType: 'number', type: 'lessThanOrEqual', filter: 30 },
      offers: { filterType: 'number', type: 'inRange', filter: 1 },
      interviewsCounted: { filterType: 'number', type: 'greaterThan', filter: null },
      "1; DROP TABLE citizen_window": { filterType: 'text', type: 'equals', filter: 'x' },
      interviewsMissing: { filterType: 'number', operator: 'AND', conditions: [{ filterType: 'number', type: 'greaterThan', filter: 0 }, { filterType: 'number', type: 'lessThan', filter: 3 }] },
    });
    expect(filters).toEqual([
      { column: 'citizenId', operator: 'contains', value: '0101' },
      { column: 'daysLeft', operator: 'lessThanOrEqual', value: 30 },
      { column: 'interviewsMissing', operator: 'greaterThan', value: 0 },
      { column: 'interviewsMissing', operator: 'lessThan', value: 3 },
    ]);
    expect(citizenQueryArgs.safeParse({ filters, sort: toQuerySort([{ colId: 'daysLeft', sort: 'asc' }]) }).success).toBe(true);
    // An OR of two conditions cannot be one list of AND conditions: it is not sent as an AND.
    expect(toQueryFilters({ offers: { filterType: 'number', operator: 'OR', conditions: [{ filterType: 'number', type: 'equals', filter: 0 }, { filterType: 'number', type: 'equals', filter: 2 }] } })).toBeUndefined();
  });
});
