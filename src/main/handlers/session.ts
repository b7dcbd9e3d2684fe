import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/api';
import { openStore } from '../services/store';
import type { HandlerContext } from './context';

export interface Session extends HandlerContext {
  events: EventEmitter;
  close(): void;
}

/** Opens the store and makes the context every transport hands to the handlers. */
export function openSession(databasePath: string): Session {
  const db = openStore(databasePath);
  const events = new EventEmitter();
  return {
    db,
    databasePath,
    events,
    emit<K extends EventName>(name: K, payload: EventPayload<K>) {
      events.emit('event', name, payload);
    },
    close() {
      events.removeAllListeners();
      if (db.open) db.close();
    },
  };
}
