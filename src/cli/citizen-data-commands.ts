import { CliError, type CliCommand } from './cli-context';

/**
 * citizens (issue 10), cit-import: the store's citizen data from the terminal. `citizens status`
 * says how much there is; `citizens delete-all --yes` is the app's "Slet alle borgerdata".
 * (Other citizen subcommands, if any, belong in this one command: the CLI finds commands by name.)
 */
export const citizenDataCommands: CliCommand[] = [
  {
    name: 'citizens',
    summary: 'Borgerdata: vis hvor meget der er (status), eller slet alt (delete-all --yes)',
    usage: 'indsatsmonitor citizens status [--json] | indsatsmonitor citizens delete-all --yes [--db FIL]',
    options: { json: { type: 'boolean' }, yes: { type: 'boolean' } },
    async run({ call, io, positionals, options }) {
      const [sub] = positionals;
      if (sub === 'status') {
        const status = await call('citizens.status', {});
        if (options.json) {
          io.out(JSON.stringify(status, null, 2));
          return 0;
        }
        const months = status.months ? `, måneder ${status.months.first} til ${status.months.last}` : '';
        io.out(
          status.spells + status.events === 0
            ? 'Der er ingen borgerdata i databasen.'
            : `Borgerdata: ${status.spells.toLocaleString('da-DK')} forløb og ${status.events.toLocaleString('da-DK')} samtaler og tilbud fra ${status.batches} ${status.batches === 1 ? 'indlæsning' : 'indlæsninger'}${months}.`,
        );
        return 0;
      }
      if (sub === 'delete-all') {
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
      throw new CliError(`Ukendt underkommando "${sub ?? ''}". Brug: indsatsmonitor citizens status [--json] eller indsatsmonitor citizens delete-all --yes`, 2);
    },
  },
];
