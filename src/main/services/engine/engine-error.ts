/** An engine error meant for the user (Danish message): the one application error, under the engine's name. */
export { AppError as EngineError } from '../../../shared/errors';
