import { QueryClient } from '@tanstack/react-query';
import type { CallName } from '../../shared/api';
import { onEvent } from './api-client';

/**
 * The renderer's one cache of call results (TanStack Query). Every query is keyed by its call
 * name and arguments, `[name, args]`, so invalidating by name reaches every argument set.
 * Results are never "stale by age": they change only when main says the store changed
 * (`data.changed`) or a mutation here changed it, and then exactly the affected calls reload.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    mutations: { retry: false },
  },
});

/** Reference data that only a new program version changes. */
const referenceCalls: CallName[] = ['municipalities.list', 'benefitGroups.list'];

/**
 * Which calls a change reaches, by the reason main gives (or the mutation's own name). A reason
 * not listed (a new write somewhere) reloads everything but the reference data: never stale.
 */
const reachedBy: Record<string, (name: string) => boolean> = {
  'ruleSets.copy': (name) => name.startsWith('ruleSets.'),
  'decisions.record': (name) => name.startsWith('evaluate.') || name.startsWith('decisions.') || name === 'municipality.detail',
};

export function invalidateFor(reason: string): Promise<void> {
  const reached = reachedBy[reason] ?? ((name: string) => !referenceCalls.includes(name as CallName));
  return queryClient.invalidateQueries({ predicate: (query) => reached(String(query.queryKey[0])) });
}

/** Main pushes `data.changed` after every write (from this window, the CLI or another transport). */
export function listenForDataChanges(): () => void {
  return onEvent('data.changed', (payload) => void invalidateFor(payload.reason));
}
