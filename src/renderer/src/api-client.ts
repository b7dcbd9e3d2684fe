import type { ApiClient, CallArgs, CallName, CallResult, Envelope, EventName, EventPayload } from '../../shared/api';
import { callChannelPrefix } from '../../shared/channels';
import { AppError } from '../../shared/errors';

interface PreloadBridge {
  invoke(name: string, args: unknown): Promise<Envelope<unknown>>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    indsatsmonitor?: PreloadBridge;
  }
}

/** A failed call becomes the one application error again, with the main side's message in the user's words. */
function unwrap<T>(envelope: Envelope<unknown>): T {
  if (envelope.ok) return envelope.value as T;
  throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
}

/** Electron: the preload's one generic invoke. */
function electronTransport(bridge: PreloadBridge): ApiClient {
  return {
    call: (async (name: CallName, args?: unknown) => unwrap(await bridge.invoke(name, args))) as ApiClient['call'],
    on: (name, listener) => bridge.on(name, listener as (payload: unknown) => void),
  };
}

/** Plain browser: the loopback bridge, with the token the bridge put in the page. */
function httpTransport(token: string): ApiClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const { name, payload } = JSON.parse(message.data) as { name: string; payload: unknown };
      for (const listener of listeners.get(name) ?? []) listener(payload);
    };
  };
  return {
    call: (async (name: CallName, args?: unknown) => {
      const response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-indsatsmonitor-token': token },
        body: args === undefined ? '' : JSON.stringify(args),
      });
      return unwrap(await response.json());
    }) as ApiClient['call'],
    on: (name, listener) => {
      ensureSource();
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

function createClient(): ApiClient {
  if (window.indsatsmonitor) return electronTransport(window.indsatsmonitor);
  const token = document.querySelector<HTMLMetaElement>('meta[name="indsatsmonitor-bridge-token"]')?.content;
  if (token) return httpTransport(token);
  throw new Error(`Ingen forbindelse til programmet (hverken Electron eller browserbroen; kanaler ${callChannelPrefix}*).`);
}

export const api: ApiClient = createClient();

export function call<K extends CallName>(name: K, args?: CallArgs<K>): Promise<CallResult<K>> {
  return (api.call as (name: K, args?: CallArgs<K>) => Promise<CallResult<K>>)(name, args);
}

export function onEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  return api.on(name, listener);
}
