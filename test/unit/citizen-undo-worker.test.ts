import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import { runningWorkerJob } from '../../src/main/services/import/worker-import';
import { callWords } from '../../src/shared/call-words-da';
import { importPath } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

/**
 * Issue 10: undoing a batch of spells or events derives every citizen window again, in the undo's
 * transaction (8-10 s at a million spells). It runs in the import worker on its own connection, as
 * an import does, so the app keeps answering reads meanwhile and refuses writes in Danish; after it,
 * the windows are derived from what is left.
 */

const fixtures = path.resolve(__dirname, '..', 'fixtures', 'citizens');

let made: ReturnType<typeof tempSession>;
beforeEach(() => {
  made = tempSession();
});
afterEach(() => made.cleanup());

const windowTotals = () =>
  made.session.db
    .prepare('SELECT COUNT(*) AS windows, TOTAL(interviews_counted) AS interviews, TOTAL(offers) AS offers FROM citizen_window')
    .get() as { windows: number; interviews: number; offers: number };

describe('undoing citizen rows in the import worker', () => {
  it('answers reads and refuses writes while the undo runs, then leaves the windows derived without the undone events', async () => {
    const db = made.session.db;
    await importPath(db, path.join(fixtures, 'forloeb-libreoffice.csv'), {}, made.databasePath);
    const events = await importPath(db, path.join(fixtures, 'haendelser-libreoffice.csv'), {}, made.databasePath);
    const before = windowTotals();
    expect(before.windows).toBe(4);
    expect(before.interviews + before.offers).toBeGreaterThan(0);

    let answered = false;
    const undoing = dispatch(made.session, 'import.undo', { batchId: events.batchId }).then((envelope) => {
      answered = true;
      return envelope;
    });
    // The job is handed to the worker within a few turns of the microtask queue; no message from the
    // worker can arrive before a macrotask runs, so it is still running here. On the main thread the
    // undo would be over before this loop, and no worker job would ever show.
    for (let turn = 0; turn < 100 && runningWorkerJob() === null; turn++) await Promise.resolve();
    expect(runningWorkerJob()).toBe('undo');

    const history = await dispatch(made.session, 'import.history', undefined);
    expect(history.ok).toBe(true);
    const write = await dispatch(made.session, 'supervision.add', { municipality: 'Ærø', periodFrom: '2023-01', periodTo: null, note: null });
    expect(write).toEqual({ ok: false, error: { code: 'busy', message: callWords.undoRunning } });
    const secondUndo = await dispatch(made.session, 'import.undo', { batchId: events.batchId });
    expect(secondUndo).toEqual({ ok: false, error: { code: 'busy', message: callWords.undoRunning } });
    expect(answered).toBe(false);

    expect(await undoing).toEqual({ ok: true, value: { batchId: events.batchId, removedRows: events.rowsImported } });
    expect(runningWorkerJob()).toBeNull();
    // The main connection sees the worker's commit: no events, the same four windows, nothing counted.
    expect(db.prepare('SELECT COUNT(*) AS n FROM citizen_event').get()).toEqual({ n: 0 });
    expect(windowTotals()).toEqual({ windows: 4, interviews: 0, offers: 0 });
    const batch = db.prepare('SELECT undone_at AS undoneAt FROM import_batch WHERE id = ?').get(events.batchId) as { undoneAt: string | null };
    expect(batch.undoneAt).not.toBeNull();
    // Indlæsninger: the undone file keeps its record with no current rows; Borgerdata counts the one import left.
    const listed = await dispatch(made.session, 'import.history', undefined);
    const rows = listed.ok ? (listed.value as { id: number; currentRows: number; rowsImported: number }[]) : [];
    expect(rows.map((row) => [row.id, row.rowsImported, row.currentRows])).toEqual([
      [events.batchId, 5, 0],
      [events.batchId - 1, 4, 4],
    ]);
    const status = await dispatch(made.session, 'citizens.status', {});
    expect(status.ok ? status.value : null).toMatchObject({ spells: 4, events: 0, batches: 2, activeBatches: 1 });

    // A write after the undo waits for the worker's checkpoint and goes through.
    const after = await dispatch(made.session, 'supervision.add', { municipality: 'Ærø', periodFrom: '2023-01', periodTo: null, note: null });
    expect(after.ok).toBe(true);
    // The undo is refused a second time in Danish (on this thread: the batch has no rows left).
    const again = await dispatch(made.session, 'import.undo', { batchId: events.batchId });
    expect(again.ok ? null : again.error.code).toBe('not-found');
  });

  it('undoes the spells in the worker too: no windows and no monthly counts are left', async () => {
    const db = made.session.db;
    const spells = await importPath(db, path.join(fixtures, 'forloeb-libreoffice.csv'), {}, made.databasePath);
    expect(windowTotals().windows).toBe(4);
    const undoing = dispatch(made.session, 'import.undo', { batchId: spells.batchId });
    for (let turn = 0; turn < 100 && runningWorkerJob() === null; turn++) await Promise.resolve();
    expect(runningWorkerJob()).toBe('undo');
    expect(await undoing).toEqual({ ok: true, value: { batchId: spells.batchId, removedRows: 4 } });
    expect(windowTotals().windows).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM citizen_measurement').get()).toEqual({ n: 0 });
  });
});
