import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measurementBatches } from '../../src/main/services/engine/provenance';
import { listBatches } from '../../src/main/services/import/pipeline';
import type { ImportBatchRow, ImportReport } from '../../src/shared/api';
import { runCliInProcess } from '../helpers/cli';
import { tempDir, tempSession } from '../helpers/temp-store';
import { importPath, writeDanishCsv } from '../helpers/import-files';
import { callApi, type ArgsOf } from '../helpers/api';
import type { CallName } from '../../src/shared/api';

/**
 * danish-finish (issue 11 item 5): an undone import stays in Indlæsninger, marked as undone with
 * who and when; its rows are gone, nothing that reads batches counts it as data, and the same file
 * can be read in again. Real SQLite files, real CSV files, the real handler table and CLI process.
 */
let made: ReturnType<typeof tempSession>;
beforeEach(() => {
  made = tempSession();
});
afterEach(() => made.cleanup());
const db = () => made.session.db;
const file = (name: string) => path.join(made.dir, name);
const current = () => db().prepare("SELECT measured, batch_id AS batchId FROM measurement_current WHERE municipality_code = 492 AND month = '2023-07'").get() as { measured: number; batchId: number };

/** The one typed test client (test/helpers/api.ts), on this file's session. */
const call = <K extends CallName>(callName: K, ...args: ArgsOf<K>) => callApi(made.session, callName, ...args);

describe('undoing an import keeps its record', () => {
  it('marks the batch undone with who and when, removes its rows, and the older figures count again', async () => {
    const first = await importPath(db(), writeDanishCsv(file('juli.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]));
    const second = await importPath(db(), writeDanishCsv(file('juli-rettet.csv'), [['Ærø', 'A-dagpenge', '2023M07', 30, 6, '20,0', 3, '10,0']]));
    expect(current()).toEqual({ measured: 30, batchId: second.batchId });
    const events: unknown[] = [];
    made.session.events.on('event', (name: string, payload: unknown) => name === 'data.changed' && events.push(payload));

    const before = Date.now();
    expect(await call('import.undo', { batchId: second.batchId })).toEqual({ batchId: second.batchId, removedRows: 1 });
    expect(events).toEqual([{ reason: 'import.undo' }]);
    expect(current()).toEqual({ measured: 25, batchId: first.batchId });
    expect(db().prepare('SELECT COUNT(*) AS n FROM measurement WHERE batch_id = ?').get(second.batchId)).toEqual({ n: 0 });

    const history = await call('import.history', {});
    expect(history.map((batch) => batch.id)).toEqual([second.batchId, first.batchId]);
    const undone = history[0];
    expect(undone).toMatchObject({ fileName: 'juli-rettet.csv', currentRows: 0, rowsImported: 1, undoneBy: expect.any(String) as string });
    expect(undone.undoneBy!.length).toBeGreaterThan(0);
    expect(Date.parse(undone.undoneAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(history[1]).toMatchObject({ undoneAt: null, undoneBy: null, currentRows: 1 });

    // Undoing it again is refused in Danish, naming when it was undone.
    await expect(call('import.undo', { batchId: second.batchId })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/allerede fortrudt \(\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}\)/) as string });
  });

  it('counts an undone batch as data nowhere: provenance, the replace guard, the backup-before-import, the first-start demo', async () => {
    const first = await importPath(db(), writeDanishCsv(file('a.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]));
    const second = await importPath(db(), writeDanishCsv(file('b.csv'), [['Ærø', 'A-dagpenge', '2023M07', 30, 6, '20,0', 3, '10,0']]));
    await call('import.undo', { batchId: second.batchId });
    expect(measurementBatches(db(), ['2023-07']).map((batch) => batch.id)).toEqual([first.batchId]);
    // A third file replacing the key replaces the first file's row, not the undone one's.
    const third = await importPath(db(), writeDanishCsv(file('c.csv'), [['Ærø', 'A-dagpenge', '2023M07', 40, 8, '20,0', 4, '10,0']]));
    expect(third.replacedFrom).toEqual([{ batchId: first.batchId, fileName: 'a.csv', rows: 1 }]);
    // The export of a view lists the files whose rows count now: not the undone one.
    await call('import.undo', { batchId: third.batchId });
    await call('import.undo', { batchId: first.batchId });
    expect(listBatches(db()).filter((batch) => batch.currentRows > 0)).toEqual([]);
    const info = await call('app.info', {});
    expect(info).toMatchObject({ measurementRows: 0, demoDataLoaded: false });
  });

  it('reads the same file in again after an undo, and refuses it again while that import stands', async () => {
    const csv = writeDanishCsv(file('igen.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]);
    const first = await importPath(db(), csv);
    await call('import.undo', { batchId: first.batchId });
    const again: ImportReport = await importPath(db(), csv);
    expect(again.batchId).toBeGreaterThan(first.batchId);
    expect(current()).toEqual({ measured: 25, batchId: again.batchId });
    const history = listBatches(db());
    expect(history.map((batch) => [batch.id, batch.undoneAt === null])).toEqual([
      [again.batchId, true],
      [first.batchId, false],
    ]);
    expect(history[0].sha256).toBe(history[1].sha256);
    await expect(importPath(db(), csv)).rejects.toThrow(new RegExp(`indlæsning nr\\. ${again.batchId}\\)`));
    // Twice undone, three times read: the unique file check holds only among imports that stand.
    await call('import.undo', { batchId: again.batchId });
    const third = await importPath(db(), csv);
    expect(listBatches(db()).filter((batch) => batch.sha256 === history[0].sha256).map((batch) => batch.id)).toEqual([third.batchId, again.batchId, first.batchId]);
  });

  it('removes the rows of every table that points to a batch (supervision list, citizen spells)', async () => {
    const csv = writeDanishCsv(file('tilsyn.csv'), [['Ærø', '2023-04', '2024-03', 'Udpeget']], ['Kommune', 'Periode fra', 'Periode til', 'Bemærkning']);
    const report = await importPath(db(), csv, { kind: 'supervision' });
    expect((await call('supervision.list', {})).length).toBe(1);
    await call('import.undo', { batchId: report.batchId });
    expect(await call('supervision.list', {})).toEqual([]);
    expect(listBatches(db())[0].undoneAt).not.toBeNull();
  });

  it('undoing the demo batch still clears the demo data entirely, as "Fjern demodata" does', async () => {
    const demo = await call('demo.load', {});
    await call('import.undo', { batchId: demo.batchId });
    expect(listBatches(db())).toEqual([]);
    expect((await call('app.info', {})).demoDataLoaded).toBe(false);
  });
});

describe('indsatsmonitor imports', () => {
  it('lists the imports with undone ones marked with who and when in Danish, and undoes by number', async () => {
    const { dir, cleanup } = tempDir();
    try {
      // fast-lane (issue 15): the CLI's code in this process (test/helpers/cli.ts); test/unit/cli.test.ts runs the binary.
      const cli = (...args: string[]) => runCliInProcess([...args, '--db', path.join(dir, 'cli.db')]);
      const csv = writeDanishCsv(path.join(dir, 'juli.csv'), [['Ærø', 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]);
      expect((await cli('import', csv)).status).toBe(0);
      const undo = await cli('imports', '--undo', '1');
      expect(undo.stderr).toBe('');
      expect(undo.stdout).toMatch(/^Indlæsning nr\. 1 er fortrudt: 1 række fjernet\./);
      const listed = await cli('imports');
      expect(listed.status).toBe(0);
      const [header, row] = listed.stdout.trim().split('\n');
      expect(header).toMatch(/^Nr\.\s+Fil\s+Datatype\s+Rækker\s+Gældende rækker\s+Indlæst\s+Af\s+Status$/);
      expect(row).toMatch(/^1\s+juli\.csv\s+Målinger: samtaler og tilbud\s+1\s+0\s+\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}\s+\S+\s+Fortrudt \d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2} af \S+$/);
      const json = JSON.parse((await cli('imports', '--json')).stdout) as ImportBatchRow[];
      expect(json[0]).toMatchObject({ id: 1, currentRows: 0, undoneAt: expect.any(String) as string });
      const again = await cli('imports', '--undo', '1');
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/allerede fortrudt/);
      expect((await cli('import', csv)).status).toBe(0);
    } finally {
      cleanup();
    }
  }, 180_000);
});
