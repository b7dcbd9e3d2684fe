/**
 * The one application error: a stable machine `code`, a `message` in the user's words (Danish)
 * and optional structured `details`. Services throw it, `dispatch` passes it on as the error
 * envelope unchanged, and the renderer's client throws it again from an error envelope, so a
 * Danish message reaches the user the same way from every layer. (`EngineError`, `FileProblem`
 * and `ContactProblem` are this class under their services' names.) Anything else thrown is
 * unexpected and becomes `internal` (or a SQLite fault's own code) in `describeError`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
