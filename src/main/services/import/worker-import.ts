import crypto from 'node:crypto';
import type { Surface } from '../../../shared/enums';
import type { Worker } from 'node:worker_threads';
import type { ImportOptions, ImportReport } from '../../../shared/api/import';
import type { ImportWorkerInput, ImportWorkerMessage, ImportWorkerRequest, UndoWorkerInput } from './import-worker';
import type { ProgressPayload } from './pipeline';
import { FileProblem } from './readers';
import type { StagedFile } from './staging';
import { rebuiltError, startWorkerEntry } from './worker-thread';
import { importWords } from '../../../shared/import-words-da';

/**
 * Runs an import in a worker thread on its own connection (issue 14, item 1): no other call ever
 * reads its uncommitted rows, and the thread that answers calls stays free while it runs. An undo
 * of citizen rows runs there too (issue 10): it derives every window again.
 */

/** What the worker is doing: reading a file in, or undoing one. */
export type WorkerJobKind = 'import' | 'undo';

interface Job {
  kind: WorkerJobKind;
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?(payload: ProgressPayload): void;
}

const jobs = new Map<string, Job>();
let shared: Worker | null = null;
/** Imports whose connection is not yet closed (running, or answered and checkpointing), each with its waiters. */
const settling = new Map<string, (() => void)[]>();

/**
 * Resolves once every import this process has started has closed its connection, the checkpoint after
 * its answer done (at once when none is pending). Writes wait for it when no import runs (the dispatcher),
 * so the app's own writes never meet the worker's checkpoint, and the files are as the imports left them.
 */
export function whenImportWorkerSettled(): Promise<void> {
  if (settling.size === 0) return Promise.resolve();
  const pending = [...settling.keys()];
  return Promise.all(pending.map((importId) => new Promise<void>((resolve) => settling.get(importId)?.push(resolve) ?? resolve()))).then(() => undefined);
}

function settle(importId: string): void {
  const waiters = settling.get(importId);
  settling.delete(importId);
  for (const resolve of waiters ?? []) resolve();
}

function settleAll(): void {
  for (const importId of [...settling.keys()]) settle(importId);
}

/** True while the import worker of this process is running an import or an undo. */
export function isWorkerImportRunning(): boolean {
  return jobs.size > 0;
}

/** What the worker is running (for the busy answer's words), or null. */
export function runningWorkerJob(): WorkerJobKind | null {
  for (const job of jobs.values()) return job.kind;
  return null;
}

/** Asks the worker to stop at its next batch; false when no such import runs. */
export function cancelWorkerImport(importId: string): boolean {
  if (!jobs.has(importId) || !shared) return false;
  shared.postMessage({ type: 'cancel', importId } satisfies ImportWorkerRequest);
  return true;
}

function failAll(error: Error): void {
  for (const [importId, job] of jobs) {
    jobs.delete(importId);
    job.reject(error);
  }
  settleAll();
}

/** The one worker of this process, started on first use and kept (it holds no connection between imports). */
function importWorker(): Worker {
  if (shared) return shared;
  const worker = startWorkerEntry('import-worker');
  // An idle worker must not keep the CLI alive; a running import, and its checkpoint after the answer, must.
  worker.unref();
  worker.on('message', (message: ImportWorkerMessage | { type: 'ready' }) => {
    if (message.type === 'ready') return;
    if (message.type === 'settled') {
      settle(message.importId);
      if (jobs.size === 0 && settling.size === 0) worker.unref();
      return;
    }
    const job = jobs.get(message.importId);
    if (!job) return;
    if (message.type === 'progress') {
      job.onProgress?.(message.payload);
      return;
    }
    jobs.delete(message.importId);
    if (message.type === 'done') job.resolve(message.report);
    else job.reject(rebuiltError(message.error));
  });
  worker.on('error', (error) => {
    if (shared === worker) shared = null;
    failAll(error);
  });
  worker.on('exit', (code) => {
    if (shared === worker) shared = null;
    failAll(new Error(importWords.run.workerStopped(code)));
  });
  shared = worker;
  return worker;
}

/** Starts the worker ahead of need (the app calls this on a preview, so the import itself starts at once). */
export function prewarmImportWorker(): void {
  importWorker();
}

export function importInWorker(
  databasePath: string,
  file: StagedFile,
  options: ImportOptions & { skipBadRows?: boolean },
  hooks: { importId?: string; onProgress?(payload: ProgressPayload): void; surface?: Surface } = {},
): Promise<ImportReport> {
  const importId = hooks.importId ?? crypto.randomUUID();
  const input: ImportWorkerInput = { databasePath, file: { ...file }, options: { ...options }, importId, surface: hooks.surface };
  return startJob<ImportReport>('import', importId, { type: 'run', input }, hooks.onProgress);
}

/**
 * Undoes an import batch in the worker (issue 10): for a batch of spells or events, the undo derives
 * every citizen window again in its transaction, seconds at a million spells, while the app answers.
 */
export function undoInWorker(databasePath: string, batchId: number): Promise<{ removedRows: number }> {
  const importId = crypto.randomUUID();
  const input: UndoWorkerInput = { databasePath, batchId, importId };
  return startJob<{ removedRows: number }>('undo', importId, { type: 'undo', input });
}

function startJob<Value>(kind: WorkerJobKind, importId: string, request: ImportWorkerRequest, onProgress?: (payload: ProgressPayload) => void): Promise<Value> {
  const running = runningWorkerJob();
  if (running) {
    const words = running === 'undo' ? importWords.run.undoRunning : kind === 'undo' ? importWords.run.busyUndo : importWords.run.busy;
    return Promise.reject(new FileProblem('busy', words));
  }
  return new Promise<Value>((resolve, reject) => {
    const worker = importWorker();
    jobs.set(importId, { kind, resolve: (value) => resolve(value as Value), reject, onProgress });
    settling.set(importId, []);
    worker.ref();
    worker.postMessage(request);
  });
}
