import { useCallback, useEffect, useState } from 'react';
import type { CallArgs, CallName, CallResult } from '../../shared/api';
import { call, onEvent } from './api-client';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Calls the API and calls again whenever main says the data changed. */
export function useApi<K extends CallName>(name: K, args?: CallArgs<K>): ApiState<CallResult<K>> {
  const [data, setData] = useState<CallResult<K> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const argsKey = JSON.stringify(args ?? null);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => onEvent('data.changed', reload), [reload]);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    call(name, args)
      .then((value) => {
        if (cancelled) return;
        setData(value);
        setError(null);
      })
      .catch((reason: Error) => {
        if (!cancelled) setError(reason.message);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [name, argsKey, generation]);

  return { data, error, loading, reload };
}
