import { parseArgs } from 'node:util';
import { openSession } from '../main/handlers/session';
import { defaultDatabasePath } from '../main/services/paths';
import { CliError, makeCaller, type CliCommand, type CliIo } from './cli-context';
import { coreCommands } from './core-commands';
import { decisionCommands } from './decision-commands';
import { engineCommands } from './engine-commands';
import { exportCommands } from './export-commands';
import { importCommands } from './import-commands';
import { CorruptDatabaseError, ForeignDatabaseError, StoreOpenError } from '../main/services/database-errors';
import { describeError } from '../main/handlers';
import { listBackups } from '../main/services/recovery';
import { trustCommands } from './trust-commands';
import { citizenDataCommands } from './citizen-data-commands'; // citizens (issue 10): cit-import
import { cliWords } from '../shared/cli-words-da';

/** Every command; each area adds its own list. */
const commands: CliCommand[] = [
  ...coreCommands,
  ...engineCommands,
  ...exportCommands,
  ...importCommands,
  ...trustCommands,
  ...decisionCommands,
  ...citizenDataCommands, // citizens (issue 10): status and delete-all (cit-import), list and export (cit-desk)
];

const stdio: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function usage(): string {
  return [
    cliWords.main.title,
    '',
    cliWords.main.usage,
    '',
    ...commands.map((command) => `  ${command.name.padEnd(16)}${command.summary}`),
    '',
    cliWords.main.defaultDatabase(defaultDatabasePath()),
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo = stdio): Promise<number> {
  const [commandName, ...rest] = argv;
  if (!commandName || commandName === '--help' || commandName === 'help') {
    io.out(usage());
    return commandName ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === commandName);
  if (!command) {
    io.err(cliWords.main.unknownCommand(commandName, usage()));
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { db: { type: 'string' }, help: { type: 'boolean' }, ...command.options },
    });
  } catch (error) {
    io.err(cliWords.common.withUsage((error as Error).message, command.usage));
    return 2;
  }
  if (parsed.values.help) {
    io.out(cliWords.common.withUsage(command.summary, command.usage));
    return 0;
  }
  const databasePath = typeof parsed.values.db === 'string' ? parsed.values.db : defaultDatabasePath();
  if (command.withoutStore) {
    try {
      return await command.withoutStore({ databasePath, io, positionals: parsed.positionals, options: parsed.values });
    } catch (error) {
      io.err(error instanceof CliError ? error.message : cliWords.main.unexpected((error as Error).message));
      return error instanceof CliError ? error.exitCode : 1;
    }
  }
  let session;
  try {
    session = openSession(databasePath, { surface: 'cli' });
  } catch (error) {
    if (error instanceof CorruptDatabaseError) {
      io.err(corruptDatabaseAdvice(error, databasePath));
      return 3;
    }
    // trust-store (issue 14, items 2 and 3): a foreign database or a refused write, said in Danish.
    if (error instanceof ForeignDatabaseError) {
      io.err(error.message);
      return 3;
    }
    if (error instanceof StoreOpenError) {
      io.err(error.message);
      return 1;
    }
    io.err(cliWords.main.cannotOpen(databasePath, describeError(error).message));
    return 1;
  }
  if (session.readOnly) io.err(cliWords.main.note(session.readOnly));
  try {
    return await command.run({ session, io, positionals: parsed.positionals, options: parsed.values, call: makeCaller(session) });
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    // The one Danish error mapping of the handler table (a full disk is "Disken er fuld", not SQLite's English).
    io.err(describeError(error).message);
    return 1;
  } finally {
    session.close();
  }
}

/** Nothing is moved without the user's word: the message names both ways out. */
function corruptDatabaseAdvice(error: CorruptDatabaseError, databasePath: string): string {
  const newest = listBackups(databasePath)[0];
  const db = databasePath === defaultDatabasePath() ? '' : ` --db ${databasePath}`;
  return [
    cliWords.main.corrupt(databasePath, error.reason),
    newest ? cliWords.main.restoreNewest(newest.fileName, db) : cliWords.main.noBackup,
    cliWords.main.startFresh(db),
    cliWords.main.bothKeep,
  ].join('\n');
}

/**
 * `indsatsmonitor evaluate … | head -1`: when the reader of stdout goes away, stop quietly
 * (exit 0) instead of an EPIPE stack trace. issue 12 (import-layouts).
 */
export function quietOnBrokenPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

if (require.main === module) {
  quietOnBrokenPipe();
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
