import { parseArgs } from 'node:util';
import { openSession } from '../main/handlers/session';
import { defaultDatabasePath } from '../main/services/paths';
import { CliError, makeCaller, type CliCommand, type CliIo } from './cli-context';
import { coreCommands } from './core-commands';
import { engineCommands } from './engine-commands';
import { exportCommands } from './export-commands';
import { importCommands } from './import-commands';

/** Every command; each area adds its own list. */
export const commands: CliCommand[] = [...coreCommands, ...engineCommands, ...exportCommands, ...importCommands];

const stdio: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function usage(): string {
  return [
    'Indsatsmonitor: opfølgning på kommunernes tidlige beskæftigelsesindsats',
    '',
    'Brug: indsatsmonitor <kommando> [tilvalg] [--db FIL]',
    '',
    ...commands.map((command) => `  ${command.name.padEnd(16)}${command.summary}`),
    '',
    `Standarddatabase: ${defaultDatabasePath()}`,
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
    io.err(`Ukendt kommando: ${commandName}\n\n${usage()}`);
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
    io.err(`${(error as Error).message}\nBrug: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`${command.summary}\nBrug: ${command.usage}`);
    return 0;
  }
  const databasePath = typeof parsed.values.db === 'string' ? parsed.values.db : defaultDatabasePath();
  let session;
  try {
    session = openSession(databasePath);
  } catch (error) {
    io.err(`Databasen ${databasePath} kunne ikke åbnes: ${(error as Error).message}`);
    return 1;
  }
  try {
    return await command.run({ session, io, positionals: parsed.positionals, options: parsed.values, call: makeCaller(session) });
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`Uventet fejl: ${(error as Error).message}`);
    return 1;
  } finally {
    session.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
