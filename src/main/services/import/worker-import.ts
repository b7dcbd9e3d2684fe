import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportOptions, ImportReport } from '../../../shared/api/import';
import type { ImportWorkerInput, ImportWorkerMessage } from './import-worker';
import type { ProgressPayload } from './pipeline';
import { FileProblem } from './readers';
import type { StagedFile } from './staging';

/**
 * Runs an import in a worker thread on its own connection (issue 14, item 1): no other call ever
 * reads its uncommitted rows, and the thread that answers calls stays free while it runs.
 */

const running = new Map<string, Worker>();

/** True while an import worker of this process is running. */
export function isWorkerImportRunning(): boolean {
  return running.size > 0;
}

/** Asks the worker to stop at its next batch; false when no such import runs. */
export function cancelWorkerImport(importId: string): boolean {
  const worker = running.get(importId);
  if (!worker) return false;
  worker.postMessage({ type: 'cancel' });
  return true;
}

/**
 * The worker's entry: the built file beside the bundled main (electron-vite builds it as its own
 * entry, `out/main/import-worker.js`), or the TypeScript source through tsx (CLI, bridge, tests).
 */
function startWorker(input: ImportWorkerInput): Worker {
  const built = path.join(__dirname, 'import-worker.js');
  if (!__filename.endsWith('.ts') && fs.existsSync(built)) return new Worker(built, { workerData: input });
  const source = path.join(__dirname, 'import-worker.ts');
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true, workerData: input });
}

/** An error from the worker, rebuilt so the one Danish error mapping (`describeError`) sees its code. */
function rebuild(error: Extract<ImportWorkerMessage, { type: 'failed' }>['error']): Error {
  if (error.fileProblem) return new FileProblem(error.code ?? 'failed', error.message, error.details);
  const rebuilt = new Error(error.message) as Error & { code?: string };
  if (error.code) rebuilt.code = error.code;
  return rebuilt;
}

export function importInWorker(
  databasePath: string,
  file: StagedFile,
  options: ImportOptions & { skipBadRows?: boolean },
  hooks: { importId?: string; onProgress?(payload: ProgressPayload): void; surface?: 'app' | 'cli' } = {},
): Promise<ImportReport> {
  if (running.size > 0) return Promise.reject(new FileProblem('busy', 'En anden fil er ved at blive indlæst. Vent, til den er færdig.'));
  const importId = hooks.importId ?? crypto.randomUUID();
  const input: ImportWorkerInput = { databasePath, file: { ...file }, options: { ...options }, importId, surface: hooks.surface };
  return new Promise<ImportReport>((resolve, reject) => {
    let settled = false;
    const worker = startWorker(input);
    running.set(importId, worker);
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      running.delete(importId);
      outcome();
    };
    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'progress') hooks.onProgress?.(message.payload);
      else if (message.type === 'done') finish(() => resolve(message.report as ImportReport));
      else if (message.type === 'failed') finish(() => reject(rebuild(message.error)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`Indlæsningen stoppede uventet (arbejdstråden sluttede med kode ${code}). Intet blev gemt.`))),
    );
  });
}
