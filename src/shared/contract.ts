import type { z } from 'zod';

/**
 * One call of the API contract: the schema its argument must satisfy (checked on the main
 * side, because the renderer is untrusted) and, as a phantom type, what it returns.
 */
export interface CallSpec<Args extends z.ZodType, Result> {
  readonly args: Args;
  /** Never set at run time: carries the result type for the typed client and handlers. */
  readonly result?: Result;
}

/** `defineCall<Result>()(schema)`: the result type is given, the argument type is inferred. */
export function defineCall<Result>() {
  return <Args extends z.ZodType>(args: Args): CallSpec<Args, Result> => ({ args });
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
