import { CliError, type CliCommand, type CliCommandContext } from './cli-context';
import { describePeriod } from '../shared/period-words';
import { citizenDeskOptions, citizenDeskSubcommands, citizenDeskUsage } from './citizen-desk-commands';
import { cliWords } from '../shared/cli-words-da';

const words = cliWords.citizens;

/**
 * citizens (issue 10), cit-import: the store's citizen data from the terminal. `citizens status`
 * says how much there is; `citizens delete-all --yes` is the app's "Slet alle borgerdata".
 * (Other citizen subcommands, if any, belong in this one command: the CLI finds commands by name.)
 */
async function status({ call, io, options }: CliCommandContext): Promise<number> {
  const status = await call('citizens.status', {});
  if (options.json) {
    io.out(JSON.stringify(status, null, 2));
    return 0;
  }
  const months = status.months ? words.months(describePeriod(status.months.first), describePeriod(status.months.last)) : '';
  io.out(
    status.spells + status.events === 0
      ? words.noData
      : words.status(status.spells, status.events, status.batches, months),
  );
  if (status.cleanupPending) io.out(words.cleanupPending);
  return 0;
}

async function deleteAll({ call, io, options }: CliCommandContext): Promise<number> {
  if (!options.yes) {
    throw new CliError(words.confirmDelete, 2);
  }
  const result = await call('citizens.deleteAll', { confirm: true });
  io.out(words.deleted(result.spellsDeleted, result.eventsDeleted, result.backupsDeleted));
  return 0;
}

const usage = words.dataUsage(citizenDeskUsage);
// One `citizens` command (the CLI finds commands by name): the desk's list and export (cit-desk), status and delete-all here.
const subcommands: Record<string, (context: CliCommandContext) => Promise<number>> = { ...citizenDeskSubcommands, status, 'delete-all': deleteAll };

export const citizenDataCommands: CliCommand[] = [
  {
    name: 'citizens',
    summary: words.summary,
    usage,
    options: { ...citizenDeskOptions, yes: { type: 'boolean' } },
    async run(context) {
      const sub = subcommands[context.positionals[0] ?? ''];
      if (!sub) throw new CliError(cliWords.common.unknownSubcommand(context.positionals[0] ?? '', usage), 2);
      return sub(context);
    },
  },
];
