import type { CitizenColumn, CitizenPage, CitizenRow, citizenQueryArgs } from '../../../shared/api/citizens';
import { maskCitizenId } from '../../../shared/citizen-id';
import { addDaysToDate, isRealDate, isRealMonth, localToday } from '../../../shared/periods';
import { AppError } from '../../../shared/errors';
import { formatDanishDate } from '../../../shared/words-da';
import { citizenWords } from '../../../shared/citizen-words-da';
import type { Db } from '../store';
import type { z } from 'zod';

/*
 * The citizen grid (issue 10, cit-desk): pages of `citizen_window` for AG Grid's infinite row
 * model. Sort and filter arrive as column names from the contract's allow-list and operators
 * from its enum; each is looked up in the tables below and becomes a fixed SQL fragment with
 * its value as a parameter. Nothing from the caller is ever pasted into SQL text.
 *
 * Days left are counted from `asOf` to the deadline (the last day an interview or offer still
 * counts). Sorting or filtering on days left is done on `window_end` (= deadline + 1 day, the
 * same order), so the indexes on `window_end` serve the default sort and "still within reach".
 */

type CitizenQuery = Omit<z.output<typeof citizenQueryArgs>, 'offset' | 'limit' | 'count'> & { offset?: number; limit?: number; count?: boolean };
type Filter = NonNullable<CitizenQuery['filters']>[number];
type Operator = Filter['operator'];

/**
 * How a column is sorted: fixed SQL expressions, all in the chosen direction, then the spell id.
 * Each list follows an index's columns exactly where there is one (days left: `citizen_window_reach`,
 * municipality: `citizen_window_deadline`, group: `citizen_window_group`; CPR-nummer: the spells' index,
 * see `spellOrderFromSql`), so the first page is read off the index without sorting a million rows (for
 * days left over all of Denmark, SQLite sorts only the spells that share the first deadlines by id).
 */
const sortSql: Record<CitizenColumn, string[]> = {
  citizenId: ['w.citizen_id'],
  municipalityCode: ['w.municipality_code', 'w.window_end'],
  // Benefit-group ids sort as their labels do (dagpenge, jobafklaring, kontanthjaelp, …), so the index serves.
  groupId: ['w.group_id', 'w.window_end'],
  startDate: ['w.start_date'],
  cohortMonth: ['w.cohort_month', 'w.window_end'],
  deadline: ['w.window_end'],
  daysLeft: ['w.window_end'],
  interviewsCounted: ['w.interviews_counted', 'w.window_end'],
  interviewsNotCounted: ['w.interviews_not_counted', 'w.window_end'],
  offers: ['w.offers', 'w.window_end'],
  interviewsMissing: ['w.interviews_missing', 'w.window_end'],
  offerMissing: ['w.offer_missing', 'w.window_end'],
};

/**
 * derive-speed (issue 10): a first sort column may bring a leading expression that orders the same way
 * but has an index. The window's end is a non-decreasing function of its start date (six months on,
 * or the 1st of the month after when that month is shorter), so ordering by window_end and then
 * start_date is ordering by start_date, and `citizen_window_reach` serves it: SQLite sorts only the
 * spells that share a window end (a few days' starts), not a million rows.
 */
const leadingSql: Partial<Record<CitizenColumn, string[]>> = {
  startDate: ['w.window_end'],
};

/** The SQL of the window end of a start date (as windows.ts computes it), for the bound a start-date filter implies. */
const windowEndOfSql = "MIN(date(?, '+6 months'), date(?, 'start of month', '+7 months'))";

/** The id as the grid shows it (masked), so a filter can never probe the hidden digits. */
const digit = '[0-9]';
const maskedIdSql = `CASE WHEN w.citizen_id GLOB '${digit.repeat(6)}-${digit.repeat(4)}' OR w.citizen_id GLOB '${digit.repeat(10)}' THEN substr(w.citizen_id, 1, 6) || '-****' ELSE w.citizen_id END`;

type ValueType = 'text' | 'integer' | 'boolean';
/** What a filter on a column compares: one or more SQL expressions (any may match) and the value's type. */
const filterSql: Record<Exclude<CitizenColumn, 'daysLeft' | 'municipalityCode' | 'groupId'>, { sql: string; type: ValueType }> = {
  citizenId: { sql: maskedIdSql, type: 'text' },
  startDate: { sql: 'w.start_date', type: 'text' },
  cohortMonth: { sql: 'w.cohort_month', type: 'text' },
  deadline: { sql: 'w.deadline', type: 'text' },
  interviewsCounted: { sql: 'w.interviews_counted', type: 'integer' },
  interviewsNotCounted: { sql: 'w.interviews_not_counted', type: 'integer' },
  offers: { sql: 'w.offers', type: 'integer' },
  interviewsMissing: { sql: 'w.interviews_missing', type: 'integer' },
  offerMissing: { sql: 'w.offer_missing', type: 'boolean' },
};

const comparison: Record<Exclude<Operator, 'contains' | 'startsWith'>, string> = {
  equals: '=',
  notEqual: '<>',
  lessThan: '<',
  lessThanOrEqual: '<=',
  greaterThan: '>',
  greaterThanOrEqual: '>=',
};

const columnWords = citizenWords.query.columns;
const words = citizenWords.query;

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);


function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

class SqlParts {
  where: string[] = [];
  params: unknown[] = [];
  add(sql: string, ...params: unknown[]) {
    this.where.push(sql);
    this.params.push(...params);
  }
}

function refuse(message: string): never {
  throw new AppError('invalid-filter', words.refused(message));
}

function filterValue(column: CitizenColumn, type: ValueType, value: Filter['value']): string | number {
  if (type === 'text') return typeof value === 'number' ? String(value) : typeof value === 'boolean' ? refuse(words.notText(columnWords[column])) : (value as string);
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === 1 || value === 0) return value;
    return refuse(words.notYesNo(columnWords[column]));
  }
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) return refuse(words.notWhole(columnWords[column], String(value).slice(0, 40)));
  return number;
}

/** One condition on one or more expressions: any may match (for `<>`: none may). */
function condition(parts: SqlParts, expressions: string[], operator: Operator, value: string | number) {
  let fragment: string;
  let parameter: string | number = value;
  if (operator === 'contains' || operator === 'startsWith') {
    parameter = `${operator === 'contains' ? '%' : ''}${likeEscape(String(value))}%`;
    fragment = `LIKE ? ESCAPE '\\'`;
  } else fragment = `${comparison[operator]} ?`;
  const joined = expressions.map((expression) => `${expression} ${fragment}`).join(operator === 'notEqual' ? ' AND ' : ' OR ');
  parts.add(`(${joined})`, ...expressions.map(() => parameter));
}

/**
 * A filter on a municipality's or group's words, as a lookup in the small reference table
 * (`SELECT id FROM benefit_group WHERE label = ?`), so the big table is searched by its own
 * indexes and the count needs no join. The keys are looked up first and bound as values
 * (cit-derive, issue 10): with one key, `w.group_id = ?` lets the index on (group_id, window_end)
 * give the first page in order, where `IN (subquery)` made SQLite sort every matching row (1.5 s on
 * a million spells). `notEqual` excludes what equals.
 */
function lookup(db: Db, parts: SqlParts, key: string, select: string, columns: string[], operator: Operator, value: string | number) {
  const inner = new SqlParts();
  condition(inner, columns, operator === 'notEqual' ? 'equals' : operator, value);
  const keys = (db.prepare(`${select} ${inner.where[0]}`).raw().all(...inner.params) as unknown[][]).map((row) => row[0]);
  if (keys.length === 1) parts.add(`${key} ${operator === 'notEqual' ? '<>' : '='} ?`, keys[0]);
  else parts.add(`${key} ${operator === 'notEqual' ? 'NOT IN' : 'IN'} (${keys.map(() => '?').join(', ')})`, ...keys);
}

function addFilter(db: Db, parts: SqlParts, filter: Filter, asOf: string) {
  const { column, operator, value } = filter;
  if (value === null) {
    if (operator === 'equals' || operator === 'notEqual') {
      const expression = column === 'daysLeft' ? 'w.deadline' : column === 'municipalityCode' ? 'w.municipality_code' : column === 'groupId' ? 'w.group_id' : filterSql[column].sql;
      parts.add(`${expression} IS ${operator === 'equals' ? '' : 'NOT '}NULL`);
      return;
    }
    refuse(words.noValue(columnWords[column]));
  }
  if (column === 'daysLeft') {
    // daysLeft op n  ⇔  deadline op asOf + n days  ⇔  window_end op asOf + n + 1 days.
    const days = filterValue(column, 'integer', value) as number;
    if (operator === 'contains' || operator === 'startsWith') refuse(words.onlyCompare(columnWords[column]));
    if (Math.abs(days) > 100_000) refuse(words.outsideCalendar(columnWords[column]));
    parts.add(`w.window_end ${comparison[operator as keyof typeof comparison]} ?`, addDaysToDate(asOf, days + 1));
    return;
  }
  if (column === 'municipalityCode') {
    // A number is a municipality code; text is the municipality's name (or its code written as text).
    if (typeof value === 'number') {
      if (operator === 'contains' || operator === 'startsWith') return condition(parts, ['CAST(w.municipality_code AS TEXT)'], operator, String(value));
      return condition(parts, ['w.municipality_code'], operator, filterValue(column, 'integer', value));
    }
    return lookup(db, parts, 'w.municipality_code', 'SELECT code FROM municipality WHERE', ['name', 'CAST(code AS TEXT)'], operator, filterValue(column, 'text', value));
  }
  if (column === 'groupId') return lookup(db, parts, 'w.group_id', 'SELECT id FROM benefit_group WHERE', ['id', 'label'], operator, filterValue(column, 'text', value));
  const spec = filterSql[column];
  if (spec.type !== 'text' && (operator === 'contains' || operator === 'startsWith')) refuse(words.onlyCompare(columnWords[column]));
  condition(parts, [spec.sql], operator, filterValue(column, spec.type, value));
  // derive-speed: a start-date comparison with a real date implies the same comparison of window_end with
  // that date's window end (non-decreasing in the start date: see leadingSql). Added beside it, it matches
  // the same rows and lets citizen_window_reach find them.
  if (column === 'startDate' && typeof value === 'string' && isRealDate(value) && operator !== 'notEqual' && operator in comparison) {
    const bound = operator === 'equals' ? '=' : operator.startsWith('greater') ? '>=' : '<=';
    parts.add(`w.window_end ${bound} ${windowEndOfSql}`, value, value);
  }
}

/** The WHERE clause of a query, parameters only. */
function citizenWhere(db: Db, query: CitizenQuery, asOf: string): SqlParts {
  const parts = new SqlParts();
  if (query.municipalityCode !== undefined) parts.add('w.municipality_code = ?', query.municipalityCode);
  if (query.groupId !== undefined) parts.add('w.group_id = ?', query.groupId);
  if (query.cohortMonth !== undefined) parts.add('w.cohort_month = ?', query.cohortMonth);
  if (query.withinReach) {
    // Still within reach: the six months are not over at asOf (window_end is the first day after them),
    // the spell has not ended before asOf, and an interview or the offer is still missing.
    parts.add('w.window_end > ? AND (w.end_date IS NULL OR w.end_date >= ?) AND (w.interviews_missing > 0 OR w.offer_missing = 1)', asOf, asOf);
  }
  for (const filter of query.filters ?? []) addFilter(db, parts, filter, asOf);
  return parts;
}

export function resolveAsOf(asOf: string | undefined): string {
  if (asOf === undefined) return localToday();
  if (!isRealDate(asOf)) refuse(words.notADate(asOf));
  return asOf;
}

const selectColumns = `w.spell_id AS spellId, w.citizen_id AS citizenId, w.municipality_code AS municipalityCode, m.name AS municipalityName,
  w.group_id AS groupId, g.label AS groupLabel, w.start_date AS startDate, w.end_date AS endDate, w.window_end AS windowEnd,
  w.deadline AS deadline, w.cohort_month AS cohortMonth, w.interviews_counted AS interviewsCounted,
  w.interviews_not_counted AS interviewsNotCounted, w.offers AS offers, w.required_interviews AS requiredInterviews,
  w.offer_required AS offerRequired, w.interviews_missing AS interviewsMissing, w.offer_missing AS offerMissing`;

const joinsSql = 'CROSS JOIN municipality m ON m.code = w.municipality_code CROSS JOIN benefit_group g ON g.id = w.group_id';
const fromSql = `citizen_window w ${joinsSql}`;

/**
 * derive-speed (issue 10): the windows have no index on the citizen (one sort less per derivation).
 * A window's id is its first spell's id, so sorting by CPR-nummer reads the spells' (citizen_id,
 * start_date) index in order and finds each window by its id: the first page without a sort. Ties:
 * the start date, then the id.
 */
const spellOrderFromSql = `citizen_spell s CROSS JOIN citizen_window w ON w.spell_id = s.id ${joinsSql}`;

/** A citizen's windows (the spells' citizen index gives their ids). */
const ofCitizenSql = 'w.spell_id IN (SELECT id FROM citizen_spell WHERE citizen_id = ?)';

type RawRow = Omit<CitizenRow, 'daysLeft' | 'offerRequired' | 'offerMissing'> & { offerRequired: number; offerMissing: number };

function toRow(raw: RawRow, asOf: string, reveal: boolean): CitizenRow {
  return {
    ...raw,
    citizenId: reveal ? raw.citizenId : maskCitizenId(raw.citizenId),
    daysLeft: daysBetween(asOf, raw.deadline),
    offerRequired: raw.offerRequired === 1,
    offerMissing: raw.offerMissing === 1,
  };
}

/** The FROM and ORDER BY of a page or a list: the windows alone, or by the spells' citizen index when sorted by CPR-nummer first. */
function ordering(query: CitizenQuery): { from: string; orderBy: string } {
  const sort = query.sort?.length ? query.sort : [{ column: 'daysLeft' as const, direction: 'asc' as const }];
  const direction = (entry: (typeof sort)[number]) => (entry.direction === 'desc' ? 'DESC' : 'ASC');
  if (sort[0].column === 'citizenId') {
    // Later columns sort within a citizen (SQLite sorts each citizen's few rows), then the start date and id.
    const later = sort.slice(1).filter((entry) => entry.column !== 'citizenId').map((entry) => `${sortSql[entry.column][0]} ${direction(entry)}`);
    const first = direction(sort[0]);
    return { from: spellOrderFromSql, orderBy: [`s.citizen_id ${first}`, ...later, `s.start_date ${first}`, `s.id ${first}`].join(', ') };
  }
  const seen = new Set<string>();
  const terms: string[] = [];
  sort.forEach((entry, index) => {
    // Only the first column brings its index's tie-breakers; later columns add their own expression.
    for (const expression of index === 0 ? [...(leadingSql[entry.column] ?? []), ...sortSql[entry.column]] : sortSql[entry.column].slice(0, 1)) {
      if (seen.has(expression)) continue;
      seen.add(expression);
      terms.push(`${expression} ${direction(entry)}`);
    }
  });
  // Ties last by spell id (the rowid every index ends with), so pages never overlap.
  return { from: fromSql, orderBy: [...terms, `w.spell_id ${direction(sort[0])}`].join(', ') };
}

function checkQuery(query: CitizenQuery) {
  if (query.cohortMonth !== undefined && !isRealMonth(query.cohortMonth)) refuse(words.notAMonth(query.cohortMonth));
}

/**
 * A page for the grid: ids always masked; `total` counts every row the filters match, or is null
 * when the caller asked for the page alone (`count: false`): the grid does, since counting a
 * million rows costs many times the page (cit-derive, issue 10), and asks `citizens.count` apart.
 */
export function queryCitizens(db: Db, query: CitizenQuery): CitizenPage {
  checkQuery(query);
  const asOf = resolveAsOf(query.asOf);
  const parts = citizenWhere(db, query, asOf);
  const where = parts.where.length ? `WHERE ${parts.where.join(' AND ')}` : '';
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 100;
  const { from, orderBy } = ordering(query);
  const rows = db.prepare(`SELECT ${selectColumns} FROM ${from} ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(...parts.params, limit, offset) as RawRow[];
  const total = query.count === false ? null : countWhere(db, where, parts.params);
  return { rows: rows.map((row) => toRow(row, asOf, false)), total, asOf };
}

// Every filter is on citizen_window's own columns (words are looked up in the small tables), so the count needs no join.
function countWhere(db: Db, where: string, params: unknown[]): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM citizen_window w ${where}`).get(...params) as { n: number }).n;
}

/** How many rows the filters match (cit-derive, issue 10): the grid's count, asked apart from its pages. Counted afresh every call, so never stale. */
export function countCitizens(db: Db, query: CitizenQuery): { total: number; asOf: string } {
  checkQuery(query);
  const asOf = resolveAsOf(query.asOf);
  const parts = citizenWhere(db, query, asOf);
  const where = parts.where.length ? `WHERE ${parts.where.join(' AND ')}` : '';
  return { total: countWhere(db, where, parts.params), asOf };
}

/** Every row the filters match, in the grid's order (for the export), or a refusal when there are more than `max`. */
export function allCitizens(db: Db, query: CitizenQuery, options: { reveal: boolean; max: number }): { rows: CitizenRow[]; asOf: string } {
  checkQuery(query);
  const asOf = resolveAsOf(query.asOf);
  const parts = citizenWhere(db, query, asOf);
  const where = parts.where.length ? `WHERE ${parts.where.join(' AND ')}` : '';
  const total = countWhere(db, where, parts.params);
  if (total > options.max) {
    throw new AppError(
      'too-many-rows',
      words.tooMany(total, options.max),
    );
  }
  const { from, orderBy } = ordering(query);
  const rows = db.prepare(`SELECT ${selectColumns} FROM ${from} ${where} ORDER BY ${orderBy}`).all(...parts.params) as RawRow[];
  return { rows: rows.map((row) => toRow(row, asOf, options.reveal)), asOf };
}

/** One spell's row (ids as asked), or null. */
export function citizenRowsOf(db: Db, citizenId: string, asOf: string, reveal: boolean): CitizenRow[] {
  const rows = db.prepare(`SELECT ${selectColumns} FROM ${fromSql} WHERE ${ofCitizenSql} ORDER BY w.start_date, w.spell_id`).all(citizenId) as RawRow[];
  return rows.map((row) => toRow(row, asOf, reveal));
}

/** The filters of a query in words (for the export's provenance sheet and the CLI). */
export function describeCitizenQuery(db: Db, query: CitizenQuery, asOf: string): string[] {
  const lines: string[] = [];
  if (query.municipalityCode !== undefined) {
    const name = (db.prepare('SELECT name FROM municipality WHERE code = ?').get(query.municipalityCode) as { name: string } | undefined)?.name;
    lines.push(words.municipality(name, query.municipalityCode));
  }
  if (query.groupId !== undefined) {
    const label = (db.prepare('SELECT label FROM benefit_group WHERE id = ?').get(query.groupId) as { label: string } | undefined)?.label;
    lines.push(words.group(label ?? query.groupId));
  }
  if (query.cohortMonth !== undefined) lines.push(words.cohortMonth(query.cohortMonth));
  if (query.withinReach) lines.push(words.withinReach);
  for (const filter of query.filters ?? []) {
    const value = filter.value === null ? words.empty : typeof filter.value === 'boolean' ? (filter.value ? words.yes : words.no) : String(filter.value);
    lines.push(`${columnWords[filter.column]} ${words.operators[filter.operator]} ${value}`);
  }
  lines.push(words.asOf(formatDanishDate(asOf)));
  return lines;
}
