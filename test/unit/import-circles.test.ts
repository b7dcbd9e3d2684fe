import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15: no import circles in src, type-only imports included (a circle through types still
 * ties two modules' definitions together). Reads every module's static `import … from` and
 * `export … from` with a relative path, resolves it to a file, and looks for a cycle.
 */
const src = path.resolve(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pattern = /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/gm;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = [...text.matchAll(pattern)].map((match) => resolve(file, match[1])).filter((target): target is string => target !== null && !/\.css$/.test(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import circles (issue 15)', () => {
  it('src has none, type-only imports included', () => {
    const files = sourceFiles(src);
    expect(files.length).toBeGreaterThan(150);
    const cycles = findCycles(importGraph(files)).map((cycle) => cycle.map((file) => path.relative(src, file)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('finds a circle when there is one (the check itself can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'circles-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { c } from './c';\nexport type B = string;\nexport const d = c;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "export { a } from './a';\nexport const c = 1;\n");
      const cycles = findCycles(importGraph(['a.ts', 'b.ts', 'c.ts'].map((name) => path.join(dir, name))));
      expect(cycles.map((cycle) => cycle.map((file) => path.basename(file)))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
