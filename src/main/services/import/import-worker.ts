import { parentPort } from 'node:worker_threads';
import type { Surface } from '../../../shared/enums';
import type { ImportOptions } from '../../../shared/api/import';
import { openConnection } from '../store';
import { checkpointAfterAnswer, deferCheckpoints } from './checkpoint';
import { cancelImport, importFile } from './pipeline';
import type { StagedFile } from './staging';
import { postedError, type PostedError } from './worker-thread';

/**
 * The import worker (issue 14, item 1): runs imports on its own thread, each with its own
 * connection. Their transactions are invisible to the app's connection (WAL gives every reader
 * the last committed snapshot), and the main thread stays free for other calls meanwhile. One
 * worker serves a process's imports one after another (starting one costs seconds: it loads the
 * readers). Messages in: run, cancel. Out: progress, done (the report), failed (a serialised error),
 * then settled once the import's connection is closed (after a done, the checkpoint runs first).
 */
export interface ImportWorkerInput {
  databasePath: string;
  file: StagedFile;
  options: ImportOptions & { skipBadRows?: boolean };
  importId: string;
  surface?: Surface;
}

export type ImportWorkerRequest = { type: 'run'; input: ImportWorkerInput } | { type: 'cancel'; importId: string };

export type ImportWorkerMessage =
  | { type: 'progress'; importId: string; payload: { importId: string; phase: string; rowsDone: number; rowsTotal: number | null } }
  | { type: 'done'; importId: string; report: unknown }
  | { type: 'failed'; importId: string; error: PostedError }
  | { type: 'settled'; importId: string };

const port = parentPort!;

async function run(input: ImportWorkerInput): Promise<void> {
  const { importId } = input;
  let db: ReturnType<typeof openConnection> | null = null;
  try {
    db = openConnection(input.databasePath);
    // No checkpoint inside the import's commit: it runs after the answer (./checkpoint.ts).
    deferCheckpoints(db);
    const report = await importFile(db, input.file, input.options, {
      importId,
      databasePath: input.databasePath,
      surface: input.surface,
      onProgress: (payload) => port.postMessage({ type: 'progress', importId, payload } satisfies ImportWorkerMessage),
    });
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
    // The connection is closed and the checkpoint done: the files are as this import leaves them.
    port.postMessage({ type: 'settled', importId } satisfies ImportWorkerMessage);
  }
}

port.on('message', (message: ImportWorkerRequest) => {
  if (message?.type === 'run') void run(message.input);
  else if (message?.type === 'cancel') cancelImport(message.importId);
});
port.postMessage({ type: 'ready' });
