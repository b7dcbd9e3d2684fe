import { dispatch } from '../main/handlers';
import type { Session } from '../main/handlers/session';
import type { CallArgs, CallName, CallResult } from '../shared/api';

/** Thrown by commands for a clean message and exit status, never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommandContext {
  session: Session;
  io: CliIo;
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
  /** Calls the same handler table as the app does; an error envelope becomes a CliError. */
  call<K extends CallName>(name: K, args?: CallArgs<K>): Promise<CallResult<K>>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options?: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  /** Returns the exit status. */
  run(context: CliCommandContext): Promise<number>;
  /** Set for a command that must work without opening the store (recovering a damaged file); called instead of `run`. */
  withoutStore?(context: { databasePath: string; io: CliIo; positionals: string[]; options: CliCommandContext['options'] }): Promise<number>;
}

/** Options that each take one text value (`--code 101`), declared by name (one-definition, issue 15). */
export function textOptions(...names: string[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
}

export function makeCaller(session: Session) {
  return async <K extends CallName>(name: K, args?: CallArgs<K>): Promise<CallResult<K>> => {
    const envelope = await dispatch(session, name, args);
    if (!envelope.ok) throw new CliError(envelope.error.message);
    return envelope.value as CallResult<K>;
  };
}

/** A fixed-width text table, for people reading a terminal. */
export function formatTable(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}
