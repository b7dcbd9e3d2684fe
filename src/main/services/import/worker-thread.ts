import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileProblem } from './readers';

/**
 * How the import worker (issue 14) is started, and how an error crosses from it to the thread
 * that waits: used on both sides (`worker-import.ts`, `import-worker.ts`).
 */

/** The importer's worker entries, each built as its own file (electron.vite.config.ts). */
export type WorkerEntry = 'import-worker';

/**
 * The built file of the entry, or else its TypeScript source through tsx (CLI, bridge, tests).
 * electron-vite writes the entries to out/main and the code they share to out/main/chunks, so
 * the built file is looked for beside this module's bundle and one folder up.
 */
export function startWorkerEntry(entry: WorkerEntry): Worker {
  if (!__filename.endsWith('.ts')) {
    for (const folder of [__dirname, path.dirname(__dirname)]) {
      const built = path.join(folder, `${entry}.js`);
      if (fs.existsSync(built)) return new Worker(built);
    }
  }
  const source = path.join(__dirname, `${entry}.ts`);
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true });
}

/** An error as a worker posts it. */
export interface PostedError {
  fileProblem: boolean;
  code: string | null;
  message: string;
  details?: unknown;
}

export function postedError(error: unknown): PostedError {
  const err = error as { code?: unknown; message?: unknown; details?: unknown };
  const fileProblem = error instanceof FileProblem;
  return {
    fileProblem,
    code: typeof err?.code === 'string' ? err.code : null,
    message: typeof err?.message === 'string' ? err.message : String(error),
    details: fileProblem ? err.details : undefined,
  };
}

/** An error from a worker, rebuilt so the one Danish error mapping (`describeError`) sees its code. */
export function rebuiltError(error: PostedError): Error {
  if (error.fileProblem) return new FileProblem(error.code ?? 'failed', error.message, error.details);
  const rebuilt = new Error(error.message) as Error & { code?: string };
  if (error.code) rebuilt.code = error.code;
  return rebuilt;
}
