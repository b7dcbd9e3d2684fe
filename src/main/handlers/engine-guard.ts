import { EngineError } from '../services/engine/engine-error';
import { UserFacingError } from './context';

/** Engine errors carry a Danish message for the user; pass them on as such. */
export function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EngineError) throw new UserFacingError(error.code, error.message);
    throw error;
  }
}
