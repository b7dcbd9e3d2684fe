import { parentPort } from 'node:worker_threads';
import type { Surface } from '../../../shared/enums';
import type { ImportOptions } from '../../../shared/api/import';
import { openConnection } from '../store';
import { checkpointAfterAnswer, deferCheckpoints } from './checkpoint';
import { cancelImport, importFile, removeBatch } from './pipeline';
import type { StagedFile } from './staging';
import { postedError, type PostedError } from './worker-thread';

/**
 * The import worker (issue 14, item 1): runs imports on its own thread, each with its own
 * connection. Their transactions are invisible to the app's connection (WAL gives every reader
 * the last committed snapshot), and the main thread stays free for other calls meanwhile. One
 * worker serves a process's imports one after another (starting one costs seconds: it loads the
 * readers). Messages in: run, undo, cancel. Out: progress, done (the report, or an undo's count),
 * failed (a serialised error), then settled once the job's connection is closed (after a done, the
 * checkpoint runs first). An undo of citizen rows derives every window again (seconds at a million
 * spells), so it runs here too, and the app keeps answering meanwhile.
 */
export interface ImportWorkerInput {
  databasePath: string;
  file: StagedFile;
  options: ImportOptions & { skipBadRows?: boolean };
  importId: string;
  surface?: Surface;
}

export interface UndoWorkerInput {
  databasePath: string;
  batchId: number;
  /** The job's id in the messages (the field is named as an import's). */
  importId: string;
}

export type ImportWorkerRequest = { type: 'run'; input: ImportWorkerInput } | { type: 'undo'; input: UndoWorkerInput } | { type: 'cancel'; importId: string };

export type ImportWorkerMessage =
  | { type: 'progress'; importId: string; payload: { importId: string; phase: string; rowsDone: number; rowsTotal: number | null } }
  | { type: 'done'; importId: string; report: unknown }
  | { type: 'failed'; importId: string; error: PostedError }
  | { type: 'settled'; importId: string };

const port = parentPort!;

async function run(input: ImportWorkerInput): Promise<void> {
  await job(input.importId, input.databasePath, (db) =>
    importFile(db, input.file, input.options, {
      importId: input.importId,
      databasePath: input.databasePath,
      surface: input.surface,
      onProgress: (payload) => port.postMessage({ type: 'progress', importId: input.importId, payload } satisfies ImportWorkerMessage),
    }),
  );
}

async function undo(input: UndoWorkerInput): Promise<void> {
  await job(input.importId, input.databasePath, (db) => ({ removedRows: removeBatch(db, input.batchId) }));
}

/** One job on its own connection: done or failed, then the checkpoint (after a done), then settled. */
async function job(importId: string, databasePath: string, work: (db: ReturnType<typeof openConnection>) => unknown): Promise<void> {
  let db: ReturnType<typeof openConnection> | null = null;
  try {
    db = openConnection(databasePath);
    // No checkpoint inside the job's commit: it runs after the answer (./checkpoint.ts).
    deferCheckpoints(db);
    const report = await work(db);
    port.postMessage({ type: 'done', importId, report } satisfies ImportWorkerMessage);
    checkpointAfterAnswer(db);
  } catch (error) {
    // fast-lane (issue 15): on a refusal the connection is closed before the answer goes out, so whoever
    // waits for it finds the files as the refused import leaves them.
    if (db?.open) db.close();
    port.postMessage({
      type: 'failed',
      importId,
      error: postedError(error),
    } satisfies ImportWorkerMessage);
  } finally {
    if (db?.open) db.close();
    // The connection is closed and the checkpoint done: the files are as this job leaves them.
    port.postMessage({ type: 'settled', importId } satisfies ImportWorkerMessage);
  }
}

port.on('message', (message: ImportWorkerRequest) => {
  if (message?.type === 'run') void run(message.input);
  else if (message?.type === 'undo') void undo(message.input);
  else if (message?.type === 'cancel') cancelImport(message.importId);
});
port.postMessage({ type: 'ready' });
