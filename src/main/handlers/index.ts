import { callWords } from '../../shared/call-words-da';
// zod's own messages in Danish for the contract's checks (one global setting, made here where calls are checked).
import '../../shared/zod-danish';
import { apiContract, type CallName, type Envelope } from '../../shared/api';
import { coreHandlers } from './core-handlers';
import { decisionHandlers } from './decision-handlers';
import { engineHandlers } from './engine-handlers';
import { exportHandlers } from './export-handlers';
import { importHandlers } from './import-handlers';
import { modelHandlers } from './model-handlers'; // models-screens
import { citizenDataHandlers } from './citizen-data-handlers'; // citizens (issue 10): cit-import
import { citizenHandlers } from './citizen-handlers'; // cit-desk (issue 10)
import { citizenEngineHandlers } from './citizen-engine-handlers'; // cit-engine (issue 10)
import { isImportInProgress } from '../services/import/pipeline';
import { isWorkerImportRunning, runningWorkerJob, whenImportWorkerSettled } from '../services/import/worker-import';
import { AppError } from '../../shared/errors';
import type { HandlerContext, HandlerTable } from './context';

/** The one handler table: Electron's IPC, the CLI and the browser bridge all call this. */
export const handlers: HandlerTable = {
  ...coreHandlers,
  ...engineHandlers,
  ...exportHandlers,
  ...importHandlers,
  // decisions (issue 13 items 5 and 7)
  ...decisionHandlers,
  ...modelHandlers, // models-screens
  ...citizenDataHandlers, // citizens (issue 10): cit-import
  ...citizenHandlers, // cit-desk (issue 10)
  ...citizenEngineHandlers, // cit-engine (issue 10)
};

const isCallName = (name: unknown): name is CallName => typeof name === 'string' && Object.hasOwn(apiContract, name);

/**
 * Validates the argument against the contract's schema, runs the handler, and wraps the
 * outcome in an envelope: a caller never sees a thrown object or a stack trace.
 */
export async function dispatch(context: HandlerContext, name: unknown, rawArgs: unknown): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'unknown-call', message: callWords.unknownCall(String(name).slice(0, 80)) } };
  }
  const parsed = apiContract[name].args.safeParse(rawArgs ?? undefined);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid-arguments',
        message: callWords.invalidArguments(parsed.error.issues.map((issue) => issue.message)),
        details: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
      },
    };
  }
  // A call marked as a write in the contract is refused while the store is open read-only, and while
  // an import (or an undo in the import worker) holds its transaction open (so a decision is never
  // rolled back with a cancelled import).
  if (apiContract[name].writes && context.readOnly) {
    return { ok: false, error: { code: 'read-only', message: callWords.nothingSaved(context.readOnly) } };
  }
  // An import that has answered may still be copying its pages into the database file (its checkpoint,
  // about a second after a million spells): a write waits for that, rather than being refused.
  if (apiContract[name].writes && !isImportInProgress() && !isWorkerImportRunning()) await whenImportWorkerSettled();
  if (apiContract[name].writes && (isImportInProgress() || isWorkerImportRunning())) {
    return { ok: false, error: { code: 'busy', message: runningWorkerJob() === 'undo' ? callWords.undoRunning : callWords.importRunning } };
  }
  try {
    const handler = handlers[name] as (args: unknown, context: HandlerContext) => unknown;
    const value = await handler(parsed.data, context);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

export function describeError(error: unknown): { code: string; message: string; details?: unknown } {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  const text = error instanceof Error ? error.message : String(error);
  const sqliteCode = (error as { code?: string } | null)?.code ?? '';
  if (sqliteCode === 'SQLITE_FULL') return { code: 'disk-full', message: callWords.diskFull };
  if (sqliteCode === 'SQLITE_READONLY') return { code: 'read-only', message: callWords.readOnly };
  if (sqliteCode === 'SQLITE_BUSY' || sqliteCode === 'SQLITE_LOCKED')
    return { code: 'locked', message: callWords.locked };
  if (sqliteCode === 'SQLITE_NOTADB' || sqliteCode.startsWith('SQLITE_CORRUPT'))
    return { code: 'database-corrupt', message: callWords.corrupt };
  if (sqliteCode.startsWith('SQLITE_IOERR') || sqliteCode === 'SQLITE_CANTOPEN')
    return { code: 'io-error', message: callWords.ioError };
  return { code: 'internal', message: callWords.unexpected(text) };
}
