import type { z } from 'zod';

/**
 * One call of the API contract: the schema its argument must satisfy (checked on the main
 * side, because the renderer is untrusted) and, as a phantom type, what it returns.
 */
export interface CallSpec<Args extends z.ZodType, Result> {
  readonly args: Args;
  /**
   * True when the call writes to the store (as Actual marks its mutators). `dispatch` refuses
   * such a call while an import holds its transaction open, so it is never rolled back with a
   * cancelled import; a test runs every call and fails if an unmarked one changed the store.
   */
  readonly writes: boolean;
  /** Never set at run time: carries the result type for the typed client and handlers. */
  readonly result?: Result;
}

interface CallOptions {
  /** The call writes to the store; leave out for a call that only reads. */
  writes?: boolean;
}

/**
 * `defineCall<Result>()(schema)` for a call that reads, `defineCall<Result>()(schema, { writes: true })`
 * for one that writes: the result type is given, the argument type is inferred.
 */
export function defineCall<Result>() {
  return <Args extends z.ZodType>(args: Args, options: CallOptions = {}): CallSpec<Args, Result> => ({ args, writes: options.writes === true });
}

/** One pushed event: only a type, main emits it and every transport forwards it. */
export interface EventSpec<Payload> {
  readonly payload?: Payload;
}

export function defineEvent<Payload>(): EventSpec<Payload> {
  return {};
}

/** What crosses every transport: a value or an error in the user's words, never a thrown object. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorInfo };

export interface ApiErrorInfo {
  /** Stable machine code, e.g. `invalid-arguments`, `unknown-call`, `not-found`, `import-failed`. */
  code: string;
  /** A message for the user, in Danish. */
  message: string;
  /** Optional structured details (validation problems, the earlier batch, …). */
  details?: unknown;
}
