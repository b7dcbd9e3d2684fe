import { EventEmitter } from 'node:events';
import type { Surface } from '../../shared/enums';
import type { EventName, EventPayload } from '../../shared/api';
import { cleanStaleStaging } from '../services/import/staging';
import { openStoreWithState } from '../services/store';
import type { HandlerContext } from './context';

export interface Session extends HandlerContext {
  events: EventEmitter;
  close(): void;
}

/** Opens the store and makes the context every transport hands to the handlers. */
// fast-lane (issue 15): busyTimeoutMs as in StoreOptions (production default 5000 ms).
export function openSession(databasePath: string, options: { surface?: Surface; busyTimeoutMs?: number } = {}): Session {
  const { db, readOnly, dispose } = openStoreWithState(databasePath, { busyTimeoutMs: options.busyTimeoutMs });
  // Upload copies left behind by a process that crashed (issue 14, item 5).
  cleanStaleStaging();
  const events = new EventEmitter();
  return {
    db,
    databasePath,
    surface: options.surface ?? 'app',
    readOnly,
    events,
    emit<K extends EventName>(name: K, payload: EventPayload<K>) {
      events.emit('event', name, payload);
    },
    close() {
      events.removeAllListeners();
      if (db.open) db.close();
      dispose();
    },
  };
}
