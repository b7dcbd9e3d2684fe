/** An engine error meant for the user (Danish message); the handlers pass it on as it is. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
