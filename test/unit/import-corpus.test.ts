/**
 * The import corpus (issue 12): files written by real third-party writers (openpyxl, pandas,
 * XlsxWriter, LibreOffice, Gnumeric, SheetJS, Excel-style CSV, a .NET Open XML SDK-style package),
 * generated once by test/fixtures/corpus/generate.py and committed. Each is imported through the
 * real pipeline into a real SQLite file; the stored measurement rows are compared value by value
 * with the manifest, and model A is run on the result. Refusals must name the cells and say in
 * Danish what to do, and leave the store empty.
 *
 * Only the shapes owned by the readers are asserted here (`owner: "readers"`); the layout shapes
 * (`owner: "layouts"`) are switched on by the layout work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateEarly2023 } from '../../src/main/services/engine/early-2023';
import { FileProblem } from '../../src/main/services/import/readers';
import type { ImportProblem } from '../../src/shared/api/import';
import { importPath } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

interface ExpectedRow {
  municipalityCode: number;
  groupId: string;
  month: string;
  measured: number | null;
  interviewsLacking: number | null;
  interviewsLackingShare: number | null;
  offersLacking: number | null;
  offersLackingShare: number | null;
}

interface CorpusFile {
  file: string;
  writer: string;
  shape: string;
  owner: 'readers' | 'layouts';
  expect: 'rows' | 'refused';
  rows?: string;
  code?: string;
  fragment?: string;
  cells?: string[];
}

const corpusDir = path.resolve(__dirname, '..', 'fixtures', 'corpus');
const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, 'manifest.json'), 'utf8')) as {
  datasets: Record<string, ExpectedRow[]>;
  files: CorpusFile[];
};
const owned = manifest.files.filter((entry) => entry.owner === 'readers');

let made: ReturnType<typeof tempSession>;
beforeEach(() => {
  made = tempSession();
});
afterEach(() => made.cleanup());

function storedRows(): ExpectedRow[] {
  return made.session.db
    .prepare(
      `SELECT municipality_code AS municipalityCode, group_id AS groupId, month, measured, interviews_lacking AS interviewsLacking,
              interviews_lacking_share AS interviewsLackingShare, offers_lacking AS offersLacking, offers_lacking_share AS offersLackingShare
       FROM measurement ORDER BY municipality_code, group_id, month`,
    )
    .all() as ExpectedRow[];
}

const order = (a: ExpectedRow, b: ExpectedRow) => a.municipalityCode - b.municipalityCode || a.groupId.localeCompare(b.groupId) || a.month.localeCompare(b.month);

/** Every stored value against the manifest; shares to 1e-9 (they pass through one × 100 and one ÷ 100). */
function compareRows(stored: ExpectedRow[], expected: ExpectedRow[]): string[] {
  const differences: string[] = [];
  const want = [...expected].sort(order);
  if (stored.length !== want.length) differences.push(`${stored.length} rows stored, ${want.length} expected`);
  for (let index = 0; index < Math.min(stored.length, want.length); index++) {
    const got = stored[index];
    const row = want[index];
    for (const key of Object.keys(row) as (keyof ExpectedRow)[]) {
      const a = got[key];
      const b = row[key];
      const same = typeof a === 'number' && typeof b === 'number' && key.endsWith('Share') ? Math.abs(a - b) < 1e-9 : a === b;
      if (!same) differences.push(`${row.municipalityCode}/${row.groupId}/${row.month} ${key}: stored ${String(a)}, expected ${String(b)}`);
    }
    if (differences.length > 10) break;
  }
  return differences;
}

describe('the manifest', () => {
  it('lists committed files only, and every reader shape of every writer', () => {
    for (const entry of manifest.files) expect(fs.existsSync(path.join(corpusDir, 'files', entry.file)), entry.file).toBe(true);
    const writers = new Set(owned.map((entry) => entry.writer));
    expect([...writers].sort()).toEqual(['dotnet-openxml-sdk', 'excel-style-csv', 'gnumeric', 'libreoffice', 'openpyxl', 'pandas', 'sheetjs', 'xlsxwriter']);
    const shapes = new Set(owned.map((entry) => entry.shape));
    for (const shape of ['long', 'dates', 'percent-format', 'literal-percent', 'formulas', 'cover-sheet', 'title-rows']) expect(shapes.has(shape), shape).toBe(true);
    expect(manifest.datasets.standard.length).toBeGreaterThan(300);
  });
});

describe('every reader-owned corpus file imports with every value right, or is refused with the cells named', () => {
  let modelA: unknown = null;
  for (const entry of owned) {
    it(`${entry.writer}: ${entry.shape} (${entry.file})`, async () => {
      const filePath = path.join(corpusDir, 'files', entry.file);
      if (entry.expect === 'rows') {
        const report = await importPath(made.session.db, filePath);
        expect(report.rowsSkipped).toBe(0);
        expect(compareRows(storedRows(), manifest.datasets[entry.rows!])).toEqual([]);
        const evaluation = evaluateEarly2023(made.session.db, '2023H2');
        expect(evaluation.complete).toBe(true);
        expect(evaluation.municipalities.length).toBeGreaterThan(0);
        // The same figures give the same evaluation whatever wrote the file.
        const summary = { summary: evaluation.summary, toContact: evaluation.municipalities.filter((m) => m.toContact).map((m) => m.code) };
        modelA ??= summary;
        expect(summary).toEqual(modelA);
      } else {
        let refusal: unknown = null;
        try {
          await importPath(made.session.db, filePath);
        } catch (error) {
          refusal = error;
        }
        expect(refusal).toBeInstanceOf(FileProblem);
        const problem = refusal as FileProblem;
        expect(problem.code).toBe(entry.code);
        // The file-level message says what to do; each refused cell is named with its own advice.
        expect(problem.message).toMatch(/Ret fejlene|Åbn|Hent|Vælg|Angiv/);
        const problems = (problem.details ?? []) as ImportProblem[];
        const named = problems.map((item) => `${item.column}${item.row}`);
        expect(named.sort()).toEqual([...entry.cells!].sort());
        for (const item of problems) {
          expect(item.message).toContain(entry.fragment!);
          expect(item.message).toMatch(/Åbn filen i Excel eller LibreOffice, gem den, og indlæs den igen/);
        }
        expect(storedRows()).toEqual([]);
      }
    });
  }
});
