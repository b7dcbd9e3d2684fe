import { CliError, type CliCommand, type CliCommandContext } from './cli-context';
import { describePeriod } from '../shared/period-words';
import { citizenDeskOptions, citizenDeskSubcommands, citizenDeskUsage } from './citizen-desk-commands';

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
  const months = status.months ? `, kohortemåneder ${describePeriod(status.months.first)} til ${describePeriod(status.months.last)}` : '';
  io.out(
    status.spells + status.events === 0
      ? 'Der er ingen borgerdata i databasen.'
      : `Borgerdata: ${status.spells.toLocaleString('da-DK')} forløb og ${status.events.toLocaleString('da-DK')} samtaler og tilbud fra ${status.batches} ${status.batches === 1 ? 'indlæsning' : 'indlæsninger'}${months}.`,
  );
  return 0;
}

async function deleteAll({ call, io, options }: CliCommandContext): Promise<number> {
  if (!options.yes) {
    throw new CliError(
      'Sletter alle borgeres forløb, samtaler og tilbud, de tal der er udledt af dem, deres indlæsninger og de sikkerhedskopier, der indeholder borgerdata. Det kan ikke fortrydes. Bekræft med --yes.',
      2,
    );
  }
  const result = await call('citizens.deleteAll', { confirm: true });
  io.out(
    `Alle borgerdata er slettet: ${result.spellsDeleted.toLocaleString('da-DK')} forløb, ${result.eventsDeleted.toLocaleString('da-DK')} samtaler og tilbud og ${result.backupsDeleted} ${result.backupsDeleted === 1 ? 'sikkerhedskopi' : 'sikkerhedskopier'}. Databasefilen er ryddet (VACUUM), så cpr-numrene heller ikke ligger i frigjorte sider.`,
  );
  return 0;
}

const usage = `${citizenDeskUsage}\n       indsatsmonitor citizens status [--json] [--db FIL]\n       indsatsmonitor citizens delete-all --yes [--db FIL]`;
// One `citizens` command (the CLI finds commands by name): the desk's list and export (cit-desk), status and delete-all here.
const subcommands: Record<string, (context: CliCommandContext) => Promise<number>> = { ...citizenDeskSubcommands, status, 'delete-all': deleteAll };

export const citizenDataCommands: CliCommand[] = [
  {
    name: 'citizens',
    summary: 'Borgerdata: forløb, frister og hvad der mangler (list, export), hvor meget der er (status), eller slet alt (delete-all --yes)',
    usage,
    options: { ...citizenDeskOptions, yes: { type: 'boolean' } },
    async run(context) {
      const sub = subcommands[context.positionals[0] ?? ''];
      if (!sub) throw new CliError(`Ukendt underkommando "${context.positionals[0] ?? ''}".\nBrug: ${usage}`, 2);
      return sub(context);
    },
  },
];
