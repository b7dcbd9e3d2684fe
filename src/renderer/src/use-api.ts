import { useMutation, useQuery } from '@tanstack/react-query';
import type { CallArgs, CallName, CallResult } from '../../shared/api';
import { call } from './api-client';
import { invalidateFor } from './query';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * A call's result, cached under `[name, args]` and reloaded when the data it reads change.
 * `args === null` means "not yet": the call is not made (no stand-in arguments).
 */
export function useApi<K extends CallName>(name: K, args?: CallArgs<K> | null): ApiState<CallResult<K>> {
  const enabled = args !== null;
  const query = useQuery({
    queryKey: [name, args ?? {}],
    queryFn: () => call(name, args ?? undefined),
    enabled,
  });
  return {
    data: query.data ?? null,
    error: query.error ? query.error.message : null,
    loading: enabled && query.isFetching,
    reload: () => void query.refetch(),
  };
}

/** A write: when it succeeds, what it changed reloads (main's `data.changed` does the same for other windows). */
export function useCall<K extends CallName>(name: K) {
  return useMutation<CallResult<K>, Error, CallArgs<K> | undefined>({
    mutationFn: (args) => call(name, args),
    onSuccess: () => invalidateFor(name),
  });
}
