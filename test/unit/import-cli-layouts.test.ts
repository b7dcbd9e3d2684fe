/** Issue 12: the CLI can do what the app's preview can, on real files. */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';
import { writeDanishCsv } from '../helpers/import-files';

const root = path.resolve(__dirname, '..', '..');
const fixture = (name: string) => path.join(root, 'test', 'fixtures', 'layouts', name);
let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});
// fast-lane (issue 15): the CLI's code in this process (test/helpers/cli.ts); the broken-pipe case below and test/unit/cli.test.ts run real processes.
const cli = (...args: string[]) => runCliInProcess(args);
function temp() {
  const made = tempDir();
  cleanup = made.cleanup;
  return made.dir;
}

describe('indsatsmonitor import with the preview’s choices as options', () => {
  it('prints the decisions, the warnings and the rows skipped on purpose', async () => {
    const db = path.join(temp(), 'cli.db');
    const result = await cli('import', fixture('long-danish-months-notes.csv'), '--db', db);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"Andel som ikke har modtaget minimum fire jobsamtaler (pct.)" læses som procent');
    expect(result.stdout).toMatch(/long-danish-months-notes\.csv:22: sprunget over med vilje \(total-række\): Kobenhavn · I alt/);
    expect(result.stdout).toMatch(/long-danish-months-notes\.csv:\d+: sprunget over med vilje \(note\/kilde under tabellen\): Kilde: eget udtræk/);
    expect(result.stderr).toContain('advarsel: Kolonnen "Antal sager i alt" (G) har tal, men læses ikke');
  });

  it('--date-order, named in the refusal, imports the undecidable file', async () => {
    const db = path.join(temp(), 'cli.db');
    const refused = await cli('import', fixture('us-dates-undecidable.csv'), '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Angiv --date-order day-first (31-07-2023) eller --date-order month-first (07/31/2023).');
    const imported = await cli('import', fixture('us-dates-undecidable.csv'), '--date-order', 'month-first', '--db', db);
    expect(imported.status).toBe(0);
    const store = new Database(db, { readonly: true });
    expect(store.prepare('SELECT DISTINCT month FROM measurement ORDER BY 1').all()).toEqual([{ month: '2023-04' }, { month: '2023-05' }, { month: '2023-06' }]);
    store.close();
  });

  it('--map FIELD=COLUMN names an unrecognised column; without it the file may not replace rows that had the figure', async () => {
    const db = path.join(temp(), 'cli.db');
    expect((await cli('import', fixture('long-danish-months-notes.csv'), '--db', db)).status).toBe(0);
    const refused = await cli('import', fixture('unknown-measure-header.csv'), '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Filen ville erstatte 30 rækker, der har tal, med rækker uden de tal');
    expect(refused.stderr).toContain('angiv den med --map FELT=KOLONNE');
    expect(refused.stderr).toContain('brug --replace-without-figures');
    const mapped = await cli('import', fixture('unknown-measure-header.csv'), '--map', 'interviewsLacking=Manko (samtaler)', '--db', db);
    expect(mapped.status).toBe(0);
    const store = new Database(db, { readonly: true });
    expect(store.prepare("SELECT interviews_lacking AS l, interviews_lacking_share AS s FROM measurement_current WHERE municipality_code = 101 AND group_id = 'dagpenge' AND month = '2023-07'").get()).toEqual({ l: 13, s: null });
    store.close();
  });

  it('--sheet, --header-row and --layout choose what detection would not', async () => {
    const dir = temp();
    const db = path.join(dir, 'cli.db');
    // Row 1 is a title the header detection would pass over anyway; --header-row 1 makes it the header, and nothing is recognised.
    const wrongHeader = await cli('import', fixture('wide-measure-column-xlsxwriter.xlsx'), '--header-row', '1', '--db', db);
    expect(wrongHeader.status).toBe(1);
    expect(wrongHeader.stderr).toContain('(--header-row N)');
    const asLong = await cli('import', fixture('wide-measure-column-xlsxwriter.xlsx'), '--layout', 'long', '--db', db);
    expect(asLong.status).toBe(1);
    expect(asLong.stderr).toMatch(/mangler en kolonne for Periode/);
    const wide = await cli('import', fixture('wide-dates-cover-sheet-xlsxwriter.xlsx'), '--sheet', 'Antal uden samtaler', '--layout', 'wide', '--db', db, '--json');
    expect(wide.status).toBe(0);
    expect(JSON.parse(wide.stdout).files[0].report).toMatchObject({ rowsImported: 180, skippedRowsTotal: 1 });
    const csv = writeDanishCsv(path.join(dir, 'x.csv'), [['101', 'A-dagpenge', '2023M07', 10, 1, '', '', '']]);
    const badMap = await cli('import', csv, '--map', 'kommune=A', '--db', db);
    expect(badMap.status).toBe(2);
    expect(badMap.stderr).toContain('--map: ukendt felt "kommune"');
  });

  it('ends quietly when the reader of its output goes away (… | head -1)', () => {
    const dir = temp();
    const writer = (quiet: boolean) => {
      const file = path.join(dir, `writer-${quiet}.cjs`);
      fs.writeFileSync(
        file,
        `require(${JSON.stringify(require.resolve('tsx/cjs', { paths: [root] }))});
        const { quietOnBrokenPipe } = require(${JSON.stringify(path.join(root, 'src', 'cli', 'main.ts'))});
        ${quiet ? 'quietOnBrokenPipe();' : ''}
        const line = 'x'.repeat(1000) + '\\n';
        const write = () => { while (process.stdout.write(line)); process.stdout.once('drain', write); };
        write();`,
      );
      return spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${file}" | head -c 10 > /dev/null`], { encoding: 'utf8', cwd: root, timeout: 60_000 });
    };
    // The control: without the handler, Node prints the EPIPE stack trace the issue complains about.
    expect(writer(false).stderr).toMatch(/EPIPE/);
    expect(writer(true).stderr).toBe('');
  });
});
