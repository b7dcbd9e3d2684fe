/**
 * The import corpus (issue 12): files written by real third-party writers (openpyxl, pandas,
 * XlsxWriter, LibreOffice, Gnumeric, SheetJS, Excel-style CSV, a .NET Open XML SDK-style package),
 * generated once by test/fixtures/corpus/generate.py and committed. Each is imported through the
 * real pipeline into a real SQLite file; the stored measurement rows are compared value by value
 * with the manifest, and model A is run on the result. Refusals must name the cells and say in
 * Danish what to do, and leave the store empty.
 *
 * Every file in the manifest is asserted, the reader shapes (`owner: "readers"`) and the layout
 * shapes (`owner: "layouts"`) alike. With CORPUS_RESULTS=1 the run also writes what each file
 * actually gave (right, wrong, refused with which message) to test/fixtures/corpus/RESULTS.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
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
const owned = manifest.files;

/** What each file gave in this run, recorded before the assertions so a failure shows too. */
const outcomes = new Map<string, { result: string; notes: string[] }>();
const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

afterAll(() => {
  if (!process.env.CORPUS_RESULTS || outcomes.size !== owned.length) return;
  fs.writeFileSync(path.join(corpusDir, 'RESULTS.md'), resultsTable());
});

/** The corpus table: writer × shape → result, then each file's refusal message or the decisions it announced. */
function resultsTable(): string {
  const writers = [...new Set(owned.map((entry) => entry.writer))];
  const shapes = [...new Set(owned.map((entry) => entry.shape))];
  const cell = (writer: string, shape: string) => {
    const found = owned.filter((entry) => entry.writer === writer && entry.shape === shape);
    return found.length === 0 ? '·' : found.map((entry) => `${outcomes.get(entry.file)!.result.split(':')[0]} (${path.extname(entry.file).slice(1)})`).join(', ');
  };
  const lines = [
    '# Import corpus: results',
    '',
    'Written by `CORPUS_RESULTS=1 npx vitest run --project unit test/unit/import-corpus.test.ts` from the files in',
    '`files/` and the expectations in `manifest.json`. "right" = every stored value equals the manifest (shares to 1e-9),',
    'no row skipped, and model A gives the same evaluation as for every other writer; "refused" = the expected refusal',
    'with the expected cells named and nothing stored. "·" = that writer was not asked to write that shape.',
    '',
    `| writer | ${shapes.join(' | ')} |`,
    `| --- | ${shapes.map(() => '---').join(' | ')} |`,
    ...writers.map((writer) => `| ${writer} | ${shapes.map((shape) => cell(writer, shape)).join(' | ')} |`),
    '',
    '## Per file',
    '',
    '| file | writer | shape | owner | result | what the user is told |',
    '| --- | --- | --- | --- | --- | --- |',
    ...owned.map((entry) => {
      const outcome = outcomes.get(entry.file)!;
      return `| ${entry.file} | ${entry.writer} | ${entry.shape} | ${entry.owner} | ${oneLine(outcome.result)} | ${outcome.notes.map(oneLine).join('<br>')} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

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
        let report: Awaited<ReturnType<typeof importPath>>;
        try {
          report = await importPath(made.session.db, filePath);
        } catch (error) {
          outcomes.set(entry.file, { result: `refused, rows expected: ${(error as Error).message}`, notes: [] });
          throw error;
        }
        const differences = compareRows(storedRows(), manifest.datasets[entry.rows!]);
        const wrong = differences.length > 0 || report.rowsSkipped > 0;
        outcomes.set(entry.file, {
          result: wrong ? `WRONG: ${report.rowsSkipped} rows skipped; ${differences.slice(0, 3).join('; ')}` : `right: ${report.rowsImported} rows`,
          notes: [...new Set([...report.decisions, ...report.warnings])],
        });
        expect(report.rowsSkipped).toBe(0);
        expect(differences).toEqual([]);
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
        const problem = refusal as FileProblem;
        const cellProblems = ((problem?.details ?? []) as ImportProblem[]).map((item) => `${item.column}${item.row}: ${item.message}`);
        outcomes.set(entry.file, {
          result: refusal instanceof FileProblem ? `refused: ${problem.code}` : `WRONG: imported, refusal expected`,
          notes: refusal instanceof Error ? [refusal.message, ...cellProblems.slice(0, 2), ...(cellProblems.length > 2 ? [`… og ${cellProblems.length - 2} celler mere`] : [])] : [],
        });
        expect(refusal).toBeInstanceOf(FileProblem);
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
