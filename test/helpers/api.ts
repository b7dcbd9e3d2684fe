import { dispatch } from '../../src/main/handlers';
import type { HandlerContext } from '../../src/main/handlers/context';
import type { CallArgs, CallName, CallResult, Envelope } from '../../src/shared/api';

/** A call's arguments as a rest parameter: optional where the contract allows none. */
export type ArgsOf<K extends CallName> = undefined extends CallArgs<K> ? [CallArgs<K>?] : [CallArgs<K>];

/** The envelope's value, or a thrown error naming the call, the code and the Danish message (the code also as `code`). */
export function unwrapEnvelope<T>(name: string, envelope: Envelope<T>): T {
  if (!envelope.ok) throw Object.assign(new Error(`${name}: ${envelope.error.code}: ${envelope.error.message}`), { code: envelope.error.code });
  return envelope.value;
}

/**
 * The one typed test client: calls go through `dispatch` (validation, error envelope, the
 * write guard) exactly as the app's, the CLI's and the bridge's do, and the result has the
 * call's contract type. `callApi(session, 'evaluate.early2023', { period: '2023H2' })`.
 */
export async function callApi<K extends CallName>(context: HandlerContext, name: K, ...args: ArgsOf<K>): Promise<CallResult<K>> {
  return unwrapEnvelope(name, (await dispatch(context, name, args[0])) as Envelope<CallResult<K>>);
}

/** The same, bound to one context: `const api = testClient(session); await api('app.info')`. */
export function testClient(context: HandlerContext) {
  return <K extends CallName>(name: K, ...args: ArgsOf<K>): Promise<CallResult<K>> => callApi(context, name, ...args);
}
