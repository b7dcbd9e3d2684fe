import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * SQL is only ever built from constant text; values travel as bound parameters. The check
 * reads every source file with the TypeScript parser and looks at the first argument of every
 * `.prepare(…)`, `.exec(…)` and `.pragma(…)` call: a plain string literal is fine; a template
 * with `${…}`, a `+` concatenation or a variable must be on this list, with the reason it is safe.
 * `argument` is the argument's text (whitespace folded to one space), or the start of it when 12
 * characters or longer.
 * A new entry is a review question: could any part of it ever come from a user or a file?
 *
 * The entries for the import, engine and desk branches were reviewed on those branches before
 * their merge (2026-11-23); an entry that matches nothing is harmless, a call that matches no
 * entry fails the test.
 */
export const reviewedDynamicSql: { file: string; argument: string; reason: string }[] = [
  { file: 'main/services/store.ts', argument: 'migration.sql', reason: 'the migrations are constant text in migrations.ts' },
  // Import (issue 4).
  { file: 'main/services/import/pipeline.ts', argument: 'sql', reason: 'tally(): its callers pass templates over a constant [table, keys] list' },
  { file: 'main/services/import/pipeline.ts', argument: '`SELECT COUNT(*) AS n FROM ${table} WHERE batch_id = ?`', reason: 'table from a constant list of four table names' },
  // danish-finish (issue 11): undo deletes the batch's rows from every table whose batch_id references import_batch.
  { file: 'main/services/import/bulk-indexes.ts', argument: '`DELETE FROM ${table} WHERE batch_id = ?`', reason: "undo: table names read from our own schema (pipeline.ts's batchTables: foreign keys to import_batch), checked against /^[a-z_]+$/ first; the batch id is bound" },
  { file: 'main/services/import/bulk-indexes.ts', argument: '`SELECT COUNT(*) AS n FROM ${table} WHERE batch_id = ?`', reason: 'the same checked table name; the batch id is bound' },
  { file: 'main/services/import/bulk-indexes.ts', argument: '`SELECT COUNT(*) AS n FROM ${table}`', reason: 'the same checked table name' },
  { file: 'main/services/import/bulk-indexes.ts', argument: '`DELETE FROM ${table}`', reason: 'Slet alle borgerdata: the four citizen table names, constants at the one caller, checked against /^[a-z_]+$/ first' },
  { file: 'main/services/import/writer.ts', argument: '`cache_size = ${Number(previousCache)}`', reason: 'a number read back from the pragma itself' },
  { file: 'main/services/import/writer.ts', argument: 'insertSql[meta.kind]', reason: 'constant INSERT statements keyed by import kind' },
  { file: 'main/services/import/writer.ts', argument: 'insertSql.measurement.replace(', reason: 'the constant INSERT with N constant placeholder groups' },
  { file: 'main/services/import/writer.ts', argument: '`SELECT 1 FROM ${table} WHERE batch_id < ? LIMIT 1`', reason: 'table from the constant keyedTables map' },
  { file: 'main/services/import/writer.ts', argument: '`SELECT r.previous AS batchId', reason: 'table and key columns from the constant keyedTables map' },
  // issue 12 (import-layouts): the replace guard
  { file: 'main/services/import/replace-guard.ts', argument: '`SELECT 1 FROM ${table} WHERE batch_id < ? LIMIT 1`', reason: 'table from the constant guarded map' },
  { file: 'main/services/import/replace-guard.ts', argument: '`SELECT SUM(', reason: 'table, key and figure columns from the constant guarded map' },
  // citizens (issue 10), cit-import: the citizen writer's multi-row INSERTs.
  { file: 'main/services/import/citizen-writer.ts', argument: '`INSERT INTO citizen_spell ${spellColumns} VALUES ${placeholders(', reason: 'constant column list and N constant placeholder groups; values bound' },
  { file: 'main/services/import/citizen-writer.ts', argument: '`INSERT INTO citizen_event ${eventColumns} VALUES ${placeholders(', reason: 'constant column list and N constant placeholder groups; values bound' },
  // citizens (issue 10): `shared/citizen-id.ts` runs a regular expression held in a constant (RegExp#exec, not a database).
  { file: 'shared/citizen-id.ts', argument: 'id.trim()', reason: 'cprLike.exec: a RegExp constant, not SQL' },
  // Engine (issue 5): SQL composed once at module load from constant fragments; values bound.
  { file: 'main/services/engine/decisions.ts', argument: '`${select} WHERE', reason: 'select is a constant column list; values are bound' },
  { file: 'main/services/engine/drill-down.ts', argument: 'nationalSql', reason: 'module constant: WITH pooledCte(false) + constant text' },
  { file: 'main/services/engine/early-2021.ts', argument: 'findingsSql', reason: 'module constant; the run length is bound as @span' },
  { file: 'main/services/engine/early-2023.ts', argument: 'evaluationSql', reason: 'module constant' },
  { file: 'main/services/engine/pooled-sql.ts', argument: 'pooledByGroupSql', reason: 'module constant' },
  { file: 'main/services/engine/pooled-sql.ts', argument: 'pooledMonthlySql', reason: 'module constant' },
  { file: 'main/services/engine/status.ts', argument: 'statusSql', reason: 'module constant' },
  // cit-engine (issue 10): the derivation's statements, constant text in module-level lists.
  { file: 'main/services/citizens/windows.ts', argument: 'sql', reason: 'each entry of the constant steps list' },
  { file: 'main/services/citizens/measurements.ts', argument: 'sql', reason: 'each entry of the constant steps list' },
  { file: 'main/services/citizens/rebuild.ts', argument: '`cache_size = ${previousCache}`', reason: 'a number read back from the pragma itself' },
  { file: 'main/services/citizens/rebuild.ts', argument: '`threads = ${sorterThreads()}`', reason: 'a whole number from 1 to 4 (sorterThreads clamps it)' },
  { file: 'main/services/citizens/rebuild.ts', argument: '`threads = ${previousThreads}`', reason: 'a number read back from the pragma itself' },
  { file: 'shared/citizen-id.ts', argument: 'id.trim()', reason: 'RegExp#exec of the module constant cprLike on a citizen id: a regular expression, not a database' },
  { file: 'main/services/citizens/outlook.ts', argument: 'windowsSql', reason: 'module constant; values bound' },
  { file: 'main/services/citizens/reconcile.ts', argument: 'rowsSql', reason: 'module constant; values bound' },
  // one-definition: the weighted share composed in from src/shared/shares.ts (constant text).
  { file: 'main/services/engine/supervision.ts', argument: 'focusSql', reason: 'module constant' },
  // Desk's stand-in for the engine (goes away when the engine is merged).
  { file: 'main/handlers/engine-standin.ts', argument: '`SELECT municipality_code AS code', reason: 'a constant optional clause; values bound' },
  { file: 'main/handlers/engine-standin.ts', argument: '`SELECT id, file_name AS fileName', reason: 'one ? per id, values bound' },
  { file: 'main/handlers/engine-standin.ts', argument: '`SELECT ${decisionColumns} FROM decision', reason: 'constant column list; WHERE clauses are constant text with bound values' },
  // cit-desk (issue 10): the citizen grid. Columns and operators are looked up in constant tables
  // (sortSql, filterSql, comparison) by the contract's enums; every value is a bound parameter.
  { file: 'main/services/citizens/query.ts', argument: '`SELECT ${selectColumns} FROM ${from} ${where} ORDER BY ${orderBy}', reason: 'constant column list; FROM one of two constant join lists; WHERE from constant fragments with bound values; ORDER BY from the constant sortSql table and ASC/DESC' },
  { file: 'main/services/citizens/query.ts', argument: '`SELECT COUNT(*) AS n FROM citizen_window w ${where}`', reason: 'WHERE from constant fragments with bound values' },
  { file: 'main/services/citizens/query.ts', argument: '`SELECT ${selectColumns} FROM ${fromSql} WHERE ${ofCitizenSql} ORDER BY w.start_date, w.spell_id`', reason: 'constant column list, joins and condition; the id is bound' },
  // cit-derive (issue 10): a municipality's or group's words looked up in the small table first, the keys then bound.
  { file: 'main/services/citizens/query.ts', argument: '`${select} ${inner.where[0]}`', reason: 'select is one of two constant lookups (municipality, benefit_group); the condition from the constant comparison table with the value bound' },
  // cit-import (issue 10): a big citizen file goes in without its table's indexes, which are made again from their own DDL.
  { file: 'main/services/import/citizen-writer.ts', argument: '`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} LIMIT ?)`', reason: "table is the type 'citizen_spell' | 'citizen_event' (a literal union); the limit is bound" },
  { file: 'main/services/import/bulk-indexes.ts', argument: '`DROP INDEX ${index.name}`', reason: 'a name read from sqlite_master for that table and checked against /^[a-z_]+$/ first' },
  { file: 'main/services/import/bulk-indexes.ts', argument: 'dropped.shift()!.sql', reason: "the dropped index's own CREATE INDEX text from sqlite_master (the app's schema: a foreign file is refused at open)" },
  // issue 10 (the lead's citizen-id.ts): a regular expression held in a constant, not a database.
  { file: 'shared/citizen-id.ts', argument: 'id.trim()', reason: 'cprLike.exec: RegExp#exec on a constant regular expression' },
];

export function isReviewed(call: SqlCall): boolean {
  // A short entry (a bare name) must match exactly; a long one may be the start of a long template.
  return reviewedDynamicSql.some(
    (entry) => entry.file === call.file && (call.argument === entry.argument || (entry.argument.length >= 12 && call.argument.startsWith(entry.argument))),
  );
}

/** `RegExp#exec` shares the name; a regular expression is not a database. */
function isRegExp(node: ts.Expression): boolean {
  return ts.isRegularExpressionLiteral(node) || (ts.isNewExpression(node) && node.expression.getText() === 'RegExp');
}

export interface SqlCall {
  file: string;
  line: number;
  method: string;
  argument: string;
  kind: 'literal' | 'template' | 'concatenation' | 'expression';
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

export function sqlCalls(srcDir: string): SqlCall[] {
  const calls: SqlCall[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = fs.readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['prepare', 'exec', 'pragma'].includes(node.expression.name.text) &&
        !isRegExp(node.expression.expression)
      ) {
        const argument = node.arguments[0];
        if (argument) {
          const kind: SqlCall['kind'] =
            ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)
              ? 'literal'
              : ts.isTemplateExpression(argument)
                ? 'template'
                : ts.isBinaryExpression(argument) && argument.operatorToken.kind === ts.SyntaxKind.PlusToken
                  ? 'concatenation'
                  : 'expression';
          calls.push({
            file: path.relative(srcDir, file).split(path.sep).join('/'),
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            method: node.expression.name.text,
            argument: argument.getText(source).replace(/\s+/g, ' '),
            kind,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

