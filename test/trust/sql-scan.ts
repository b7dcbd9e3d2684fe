import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * SQL is only ever built from constant text; values travel as bound parameters. The check
 * reads every source file with the TypeScript parser and looks at the first argument of every
 * `.prepare(…)`, `.exec(…)` and `.pragma(…)` call: a plain string literal is fine; a template
 * with `${…}`, a `+` concatenation or a variable must be on this list, with the reason it is safe.
 * (A new entry is a review question: could any part of it ever come from a user or a file?)
 */
export const reviewedDynamicSql: { file: string; argument: string; reason: string }[] = [
  { file: 'main/services/store.ts', argument: 'migration.sql', reason: 'the migrations are constant text in migrations.ts' },
];

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

