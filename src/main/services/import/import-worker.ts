import { parentPort, workerData } from 'node:worker_threads';
import type { ImportOptions } from '../../../shared/api/import';
import { openConnection } from '../store';
import { cancelImport, importFile } from './pipeline';
import { FileProblem } from './readers';
import type { StagedFile } from './staging';

/**
 * The import worker (issue 14, item 1): runs one file's import on its own thread with its own
 * connection. Its transaction is invisible to the app's connection (WAL gives every reader the
 * last committed snapshot), and the main thread stays free for other calls while it runs.
 * Messages out: progress, done (the report), failed (a serialised error). In: cancel.
 */
export interface ImportWorkerInput {
  databasePath: string;
  file: StagedFile;
  options: ImportOptions & { skipBadRows?: boolean };
  importId: string;
  surface?: 'app' | 'cli';
}

export type ImportWorkerMessage =
  | { type: 'progress'; payload: { importId: string; phase: string; rowsDone: number; rowsTotal: number | null } }
  | { type: 'done'; report: unknown }
  | { type: 'failed'; error: { fileProblem: boolean; code: string | null; message: string; details?: unknown } };

const input = workerData as ImportWorkerInput;
const port = parentPort!;

port.on('message', (message: { type?: string }) => {
  if (message?.type === 'cancel') cancelImport(input.importId);
});

async function run(): Promise<void> {
  let db: ReturnType<typeof openConnection> | null = null;
  try {
    db = openConnection(input.databasePath);
    const report = await importFile(db, input.file, input.options, {
      importId: input.importId,
      databasePath: input.databasePath,
      surface: input.surface,
      onProgress: (payload) => port.postMessage({ type: 'progress', payload } satisfies ImportWorkerMessage),
    });
    port.postMessage({ type: 'done', report } satisfies ImportWorkerMessage);
  } catch (error) {
    const err = error as { code?: unknown; message?: unknown; details?: unknown };
    const fileProblem = error instanceof FileProblem;
    port.postMessage({
      type: 'failed',
      error: {
        fileProblem,
        code: typeof err?.code === 'string' ? err.code : null,
        message: typeof err?.message === 'string' ? err.message : String(error),
        details: fileProblem ? err.details : undefined,
      },
    } satisfies ImportWorkerMessage);
  } finally {
    if (db?.open) db.close();
    port.close();
  }
}

void run();
