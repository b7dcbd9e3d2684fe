import type { z } from 'zod';
import type { CallSpec, EventSpec } from './contract';
import { defineEvent } from './contract';
import { coreContract } from './api/core';
import { decisionsContract } from './api/decisions';
import { engineContract } from './api/engine';
import { exportContract } from './api/export';
import { importContract } from './api/import';
// models-screens: the model registry's calls
import { modelsContract } from './api/models';
// citizens (issue 10): the store's citizen data (cit-import), the grid, timeline and export (cit-desk), reconciliation and outlook (cit-engine)
import { citizenDataContract, citizenEngineContract, citizensContract } from './api/citizens';

export * from './contract';
export type * from './api/core';
export type * from './api/decisions';
export type * from './api/engine';
export type * from './api/export';
export type * from './api/import';
export type * from './api/models';
export type * from './api/citizens';
export { modelIds } from './api/models';

/**
 * Every call the renderer (or the CLI, or the browser bridge) can make. Each area keeps its
 * calls in its own file under `api/`; this table is the only place they meet.
 */
export const apiContract = {
  ...coreContract,
  ...engineContract,
  ...exportContract,
  ...importContract,
  // decisions (issue 13 items 5 and 7)
  ...decisionsContract,
  ...modelsContract, // models-screens
  ...citizenDataContract, // citizens (issue 10): cit-import
  ...citizensContract, // cit-desk (issue 10)
  ...citizenEngineContract, // cit-engine (issue 10)
};

/** Every event main pushes to the renderer. */
export const apiEvents = {
  /** Progress of a running import, so the UI can show a bar and a cancel button. */
  'import.progress': defineEvent<{ importId: string; phase: string; rowsDone: number; rowsTotal: number | null }>(),
  /** The store changed (import, undo, demo data): views should reload. */
  'data.changed': defineEvent<{ reason: string }>(),
};

export type ApiContract = typeof apiContract;
export type CallName = keyof ApiContract;
export type CallArgs<K extends CallName> = z.input<ApiContract[K]['args']>;
export type ParsedArgs<K extends CallName> = z.output<ApiContract[K]['args']>;
export type CallResult<K extends CallName> = ApiContract[K] extends CallSpec<z.ZodType, infer R> ? R : never;

export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;
export type EventPayload<K extends EventName> = ApiEvents[K] extends EventSpec<infer P> ? P : never;

export const callNames = Object.keys(apiContract) as CallName[];

export * from './channels';

/** The typed client every transport offers the renderer. */
export interface ApiClient {
  call<K extends CallName>(name: K, ...args: undefined extends CallArgs<K> ? [CallArgs<K>?] : [CallArgs<K>]): Promise<CallResult<K>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}
