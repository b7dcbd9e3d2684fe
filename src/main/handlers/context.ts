import type { CallName, CallResult, EventName, EventPayload, ParsedArgs } from '../../shared/api';
import type { Surface } from '../../shared/enums';
import type { Db } from '../services/store';

/** What every handler gets, whichever transport called it. */
export interface HandlerContext {
  db: Db;
  databasePath: string;
  /** Who is calling, so messages name what that caller can do: the CLI's options or the app's preview. */
  surface?: Surface;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /**
   * Saves an exported file where the user wants it (Electron: a save dialog; the CLI: --out).
   * Returns the path, or null when the user cancelled. Absent in the browser bridge, where the
   * bytes go back to the page as a download.
   */
  saveFile?(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
  /** trust-store (issue 14, item 2): set when the store could only be opened read-only; why, in Danish. */
  readOnly?: string | null;
}

export type Handler<K extends CallName> = (args: ParsedArgs<K>, context: HandlerContext) => CallResult<K> | Promise<CallResult<K>>;

export type HandlerTable = { [K in CallName]: Handler<K> };

/**
 * The handlers of one area's contract: `{ … } satisfies HandlersFor<typeof coreContract>`. A call
 * in the contract without a handler, or a handler for no call, is a type error.
 */
export type HandlersFor<Contract> = { [K in keyof Contract & CallName]: Handler<K> };
