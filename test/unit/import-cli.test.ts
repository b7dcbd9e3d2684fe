import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';
import { sharedExtractPath, writeDanishCsv, writeTitledWorkbook } from '../helpers/import-files';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});
// fast-lane (issue 15): the CLI's code in this process (test/helpers/cli.ts); test/unit/cli.test.ts runs the binary.
const cli = (...args: string[]) => runCliInProcess(args);

describe('indsatsmonitor import (the CLI, real files, a real database)', () => {
  it('imports the Y30R21 extract, a Windows-1252 CSV and a titled .xlsx, exit 0, and reports as JSON', async () => {
    const { dir, cleanup: remove } = tempDir();
    cleanup = remove;
    const db = path.join(dir, 'cli.db');
    const csv = writeDanishCsv(path.join(dir, 'maalinger.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]);
    const xlsx = await writeTitledWorkbook(path.join(dir, 'maalinger.xlsx'), [['Læsø', 'Kontanthjælp', '2023M07', 14, 2, 14.3, 1, 7.1]]);
    const result = await cli('import', sharedExtractPath(), csv, xlsx, '--db', db, '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { ok: boolean; files: { ok: boolean; report: { rowsImported: number; kind: string } }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.files.map((entry) => [entry.report.kind, entry.report.rowsImported])).toEqual([
      ['benchmark', 2352],
      ['measurement', 1],
      ['measurement', 1],
    ]);
    const store = new Database(db, { readonly: true });
    expect(store.prepare("SELECT COUNT(*) AS n FROM import_batch WHERE is_demo = 0").get()).toEqual({ n: 3 });
    store.close();
  });

  it('applies a saved mapping profile with --profile', async () => {
    const { dir, cleanup: remove } = tempDir();
    cleanup = remove;
    const db = path.join(dir, 'cli.db');
    const header = ['Sted', 'Ydelse', 'Tid', 'Personer i alt', 'Mangler samtale'];
    const { openSession } = await import('../../src/main/handlers/session');
    const { saveProfile } = await import('../../src/main/services/import/pipeline');
    const { registerLocalFile } = await import('../../src/main/services/import/staging');
    const session = openSession(db);
    const sample = writeDanishCsv(path.join(dir, 'udtraek-1.csv'), [['Ærø', 'A-dagpenge', '2023M07', 10, 2]], header);
    await saveProfile(session.db, 'Eget udtræk', registerLocalFile(sample), { kind: 'measurement', mapping: { municipality: 0, group: 1, period: 2, measured: 3, interviewsLacking: 4 } });
    session.close();
    const other = writeDanishCsv(path.join(dir, 'udtraek-2.csv'), [['Læsø', 'A-dagpenge', '2023M08', 5, 1]], ['Lokalitet', 'Ydelse', 'Tid', 'Personer i alt', 'Mangler samtale']);
    const refused = await cli('import', other, '--db', db, '--json');
    expect(refused.status).toBe(1);
    const unknown = await cli('import', other, '--profile', 'Findes ikke', '--db', db);
    expect(unknown.stderr).toMatch(/ingen gemt kolonneopsætning med navnet "Findes ikke"/);
    const imported = await cli('import', other, '--profile', 'Eget udtræk', '--db', db, '--json');
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout).files[0].report).toMatchObject({ rowsImported: 1, kind: 'measurement' });
  });

  it('prints every error as file:row:column: message and exits non-zero; --skip-bad-rows imports the rest', async () => {
    const { dir, cleanup: remove } = tempDir();
    cleanup = remove;
    const db = path.join(dir, 'cli.db');
    const csv = writeDanishCsv(path.join(dir, 'fejl.csv'), [
      ['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0'],
      ['Atlantis', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0'],
      ['Læsø', 'A-dagpenge', '2023M07', 5, 1, '120,0', 0, '0,0'],
    ]);
    const failed = await cli('import', csv, '--db', db);
    expect(failed.status).toBe(1);
    const lines = failed.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${csv}:3:A: Ukendt kommune: "Atlantis".`,
      `${csv}:4:F: Andel uden samtaler (pct.): 120,0 ligger ikke mellem 0 og 100 %.`,
      // issue 12: the CLI's messages name the CLI's options.
      `${csv}: 2 af 3 rækker har fejl, så intet fra filen blev indlæst. Ret fejlene, eller spring fejlrækkerne over med --skip-bad-rows.`,
    ]);
    const missing = await cli('import', path.join(dir, 'findes-ikke.csv'), '--db', db);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/findes-ikke\.csv:0:-: Filen .* findes ikke/);
    const skipped = await cli('import', csv, '--skip-bad-rows', '--db', db);
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toMatch(/fejl\.csv\s+\d+\s+Målinger: samtaler og tilbud\s+3\s+1\s+2\s+0/);
  });
});
