import type { Statement } from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/services/store';
import { runEveryCall, uncoveredCalls } from '../helpers/every-call';
import { tempSession } from '../helpers/temp-store';

/**
 * Issue 14 item 8: no statement of the services may re-run a subquery or CTE once per row of an
 * outer loop (the bundled SQLite re-ran `municipalities.list`'s `latest` CTE per municipality:
 * 1.1 s, and every other call waited). Every handler runs on the demo data with `db.prepare`
 * instrumented; each statement that ran is then explained with the arguments it ran with.
 */
interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** What is wrong with a plan, if anything: one line per finding. */
export function planProblems(plan: PlanRow[]): string[] {
  const problems: string[] = [];
  const byId = new Map(plan.map((row) => [row.id, row]));
  const ancestors = (row: PlanRow): PlanRow[] => {
    const chain: PlanRow[] = [];
    for (let parent = byId.get(row.parent); parent; parent = byId.get(parent.parent)) chain.push(parent);
    return chain;
  };
  const coroutines = new Set(plan.map((row) => /^CO-ROUTINE (\S+)/.exec(row.detail)?.[1]).filter((name): name is string => Boolean(name)));
  const materialised = new Set(plan.map((row) => /^MATERIALIZE (\S+)/.exec(row.detail)?.[1]).filter((name): name is string => Boolean(name)));
  // The loops of each level, in nesting order (SQLite lists a level's loops outermost first).
  const loopsByParent = new Map<number, PlanRow[]>();
  for (const row of plan) {
    if (!/^(SCAN|SEARCH) /.test(row.detail)) continue;
    loopsByParent.set(row.parent, [...(loopsByParent.get(row.parent) ?? []), row]);
  }
  for (const row of plan) {
    const scan = /^SCAN (\S+)/.exec(row.detail);
    const inCorrelated = ancestors(row).some((ancestor) => /^CORRELATED (SCALAR|LIST) SUBQUERY/.test(ancestor.detail));
    // A full scan inside a correlated subquery runs once per outer row.
    if (scan && inCorrelated && !materialised.has(scan[1]) && scan[1] !== 'CONSTANT') problems.push(`full scan per outer row: ${row.detail}`);
    // A materialisation or co-routine inside a correlated subquery is rebuilt per outer row.
    if (/^(MATERIALIZE|CO-ROUTINE) /.test(row.detail) && inCorrelated) problems.push(`rebuilt per outer row: ${row.detail}`);
    // A co-routine (CTE or subquery in FROM) scanned in an inner loop is re-run for each row of the loops outside it.
    if (scan && coroutines.has(scan[1])) {
      const loops = loopsByParent.get(row.parent) ?? [];
      if (loops.indexOf(row) > 0) problems.push(`co-routine ${scan[1]} re-run per row of ${loops.slice(0, loops.indexOf(row)).map((loop) => loop.detail).join(', ')}`);
    }
  }
  return problems;
}

function instrument(db: Db): Map<string, unknown[]> {
  const seen = new Map<string, unknown[]>();
  const prepare = db.prepare.bind(db);
  (db as { prepare: Db['prepare'] }).prepare = ((sql: string) => {
    const statement = prepare(sql);
    return new Proxy(statement, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        if (['run', 'get', 'all', 'iterate'].includes(String(key))) {
          return (...args: unknown[]) => {
            if (!seen.has(sql)) seen.set(sql, args);
            return (value as (...parameters: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...parameters: unknown[]) => unknown).bind(target);
      },
    }) as Statement;
  }) as Db['prepare'];
  return seen;
}

const made = tempSession();
afterAll(() => made.cleanup());

describe('query plans of every statement the handlers run', () => {
  it('the check catches the plans that re-run work per row (controls)', () => {
    const db = made.session.db;
    const explain = (sql: string) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as PlanRow[];
    // The old municipalities.list: the `latest` co-routine in the inner loop.
    expect(
      planProblems(
        explain(`WITH latest AS (SELECT MAX(month) AS month FROM measurement_current)
                 SELECT m.code, (SELECT SUM(c.measured) FROM measurement_current c WHERE c.municipality_code = m.code AND c.month = latest.month)
                 FROM municipality m, latest ORDER BY m.code`),
      ).join('\n'),
    ).toMatch(/co-routine latest re-run per row/);
    expect(planProblems(explain('SELECT m.code, (SELECT COUNT(*) FROM measurement x WHERE x.measured = m.code) FROM municipality m')).join('\n')).toMatch(/full scan per outer row/);
    expect(planProblems(explain('SELECT code FROM municipality WHERE code = 101'))).toEqual([]);
  });

  it('no statement run by any handler re-runs a subquery, CTE or scan per row', async () => {
    expect(uncoveredCalls()).toEqual([]);
    const seen = instrument(made.session.db);
    await runEveryCall(made.session);
    expect(seen.size).toBeGreaterThan(40);
    const findings: string[] = [];
    for (const [sql, args] of seen) {
      if (!/^\s*(WITH|SELECT|INSERT|UPDATE|DELETE|REPLACE)/i.test(sql)) continue;
      let plan: PlanRow[];
      try {
        plan = made.session.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as [])) as PlanRow[];
      } catch (error) {
        findings.push(`could not explain (${(error as Error).message}): ${sql.slice(0, 200)}`);
        continue;
      }
      for (const problem of planProblems(plan)) findings.push(`${problem}\n    in: ${sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    expect(findings).toEqual([]);
  }, 600_000);
});
