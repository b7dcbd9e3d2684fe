import { discardStaged, registerLocalFile } from '../main/services/import/staging';
import { CliError, formatTable, type CliCommand, type CliCommandContext } from './cli-context';
import { describePeriod } from '../shared/period-words';

/**
 * decisions (issue 13): the CLI's what-if (`rule-sets copy|compare`), decisions as commands
 * (`decisions withdraw|bulk-contacted`) and model A's JSON with completeness, early warnings and
 * exemption status. Called from the commands in engine-commands.ts.
 */
const str = (options: CliCommandContext['options'], key: string): string | undefined => (typeof options[key] === 'string' ? (options[key] as string).trim() : undefined);

function need(options: CliCommandContext['options'], key: string, usage: string): string {
  const value = str(options, key);
  if (!value) throw new CliError(`Mangler --${key}.\nBrug: ${usage}`, 2);
  return value;
}

export const ruleSetsUsage =
  'indsatsmonitor rule-sets [--json] | rule-sets copy --from ID --name NAVN --set NØGLE=VÆRDI … [--json] | rule-sets compare --a ID --b ID --period 2023H2 [--json]';

/** `threshold=0.25` → 0.25; `true`/`false`; `a,b` for group lists; otherwise the text. */
function parseSetting(text: string, usage: string): [string, unknown] {
  const at = text.indexOf('=');
  if (at <= 0) throw new CliError(`--set skal skrives som NØGLE=VÆRDI, fx --set threshold=0.25 (fik "${text}").\nBrug: ${usage}`, 2);
  const key = text.slice(0, at).trim();
  const raw = text.slice(at + 1).trim();
  const number = Number(raw.replace(',', '.'));
  if (raw !== '' && Number.isFinite(number) && /^[-+]?[0-9]*[.,]?[0-9]+$/.test(raw)) return [key, number];
  if (raw === 'true' || raw === 'ja') return [key, true];
  if (raw === 'false' || raw === 'nej') return [key, false];
  if (key.endsWith('Groups') || key === 'groups') return [key, raw.split(',').map((item) => item.trim()).filter(Boolean)];
  return [key, raw];
}

export async function ruleSetsSubcommand(context: CliCommandContext, sub: string): Promise<number> {
  const { call, io, options } = context;
  if (sub === 'copy') {
    const sets = (Array.isArray(options.set) ? options.set : typeof options.set === 'string' ? [options.set] : []) as string[];
    const changes = Object.fromEntries(sets.map((text) => parseSetting(text, ruleSetsUsage)));
    const copy = await call('ruleSets.copy', { fromId: need(options, 'from', ruleSetsUsage), name: need(options, 'name', ruleSetsUsage), changes });
    if (options.json) io.out(JSON.stringify(copy, null, 2));
    else io.out(`Regelsættet "${copy.name}" er oprettet som ${copy.id} (kopi af ${copy.basedOn}, version ${copy.version}). Brug det med: indsatsmonitor evaluate --rule-set ${copy.id} …`);
    return 0;
  }
  if (sub === 'compare') {
    const comparison = await call('ruleSets.compare', { left: need(options, 'a', ruleSetsUsage), right: need(options, 'b', ruleSetsUsage), period: need(options, 'period', ruleSetsUsage) });
    if (options.json) {
      io.out(JSON.stringify(comparison, null, 2));
      return 0;
    }
    const line = (side: typeof comparison.left) => `${side.ruleSetId}: ${side.summary.toContact} kontaktes (${side.summary.failInterviews} samtaler, ${side.summary.failOffers} tilbud)`;
    io.out(`${describePeriod(comparison.period)}: ${line(comparison.left)}; ${line(comparison.right)}. ${comparison.changed.length} kommuner skifter status.`);
    io.out(formatTable(['Kode', 'Kommune', 'A', 'B', 'Hvorfor'], comparison.changed.map((row) => [row.code, row.name, row.left.toContact ? 'kontaktes' : '', row.right.toContact ? 'kontaktes' : '', row.why])));
    return 0;
  }
  throw new CliError(`Ukendt underkommando "${sub}".\nBrug: ${ruleSetsUsage}`, 2);
}

export const decisionsUsage =
  'indsatsmonitor decisions [--code KODE] [--period PERIODE] [--rule-set ID] [--json] | decisions withdraw --id NR --reason TEKST [--date ÅÅÅÅ-MM-DD] [--json] | decisions bulk-contacted --codes 101,147 --period 2023H2 --date ÅÅÅÅ-MM-DD [--note TEKST] [--rule-set ID] [--json]';

export async function decisionsSubcommand(context: CliCommandContext, sub: string): Promise<number> {
  const { call, io, options } = context;
  if (sub === 'withdraw') {
    const id = Number(need(options, 'id', decisionsUsage));
    if (!Number.isInteger(id) || id < 1) throw new CliError('--id skal være afgørelsens nummer (se "indsatsmonitor decisions").', 2);
    const row = await call('decisions.withdraw', { id, reason: need(options, 'reason', decisionsUsage), decidedOn: str(options, 'date') ?? null });
    if (options.json) io.out(JSON.stringify(row));
    else io.out(`Afgørelse nr. ${id} er trukket tilbage med nr. ${row.id} (${row.decidedBy}, ${row.decidedOn}): ${row.reason}`);
    return 0;
  }
  if (sub === 'bulk-contacted') {
    const codes = need(options, 'codes', decisionsUsage).split(',').map((code) => Number(code.trim()));
    if (codes.some((code) => !Number.isInteger(code))) throw new CliError('--codes skal være kommunekoder adskilt af komma, fx 101,147.', 2);
    const result = await call('decisions.bulkContacted', {
      ruleSetId: str(options, 'rule-set'),
      period: need(options, 'period', decisionsUsage),
      codes,
      decidedOn: need(options, 'date', decisionsUsage),
      note: str(options, 'note') ?? '',
    });
    if (options.json) {
      io.out(JSON.stringify(result));
      return 0;
    }
    io.out(`${result.recorded.length} ${result.recorded.length === 1 ? 'kommune' : 'kommuner'} markeret som kontaktet.`);
    for (const row of result.alreadyContacted) io.out(`${row.name} (${row.code}) var allerede markeret som kontaktet ${row.decidedOn} af ${row.decidedBy}; ikke gentaget.`);
    return 0;
  }
  throw new CliError(`Ukendt underkommando "${sub}".\nBrug: ${decisionsUsage}`, 2);
}

const contactsUsage = 'indsatsmonitor contacts [--code KODE] [--json] | contacts import FIL.xlsx|FIL.csv [--json]';

/** decisions (issue 13 item 7): the reviewer's contact persons from the command line. */
export const decisionCommands: CliCommand[] = [
  {
    name: 'contacts',
    summary: 'Vis kontaktpersonerne pr. kommune; import FIL indlæser dem fra .xlsx/.csv (Kommune, Jobcenter, Navn, E-mail, Telefon)',
    usage: contactsUsage,
    options: { code: { type: 'string' }, json: { type: 'boolean' } },
    async run({ call, io, options, positionals }) {
      if (positionals[0] === 'import') {
        const filePath = positionals[1];
        if (!filePath) throw new CliError(`Angiv filen.\nBrug: ${contactsUsage}`, 2);
        const file = registerLocalFile(filePath);
        try {
          const result = await call('contacts.import', { fileId: file.fileId });
          if (options.json) io.out(JSON.stringify(result));
          else {
            io.out(`${result.fileName}: ${result.added} nye kontaktpersoner, ${result.unchanged} fandtes i forvejen.`);
            for (const problem of result.problems) io.out(`${result.fileName}:${problem.row}: ${problem.message}`);
          }
          return 0;
        } finally {
          discardStaged(file.fileId);
        }
      }
      if (positionals[0]) throw new CliError(`Ukendt underkommando "${positionals[0]}".\nBrug: ${contactsUsage}`, 2);
      const code = str(options, 'code');
      const rows = await call('contacts.list', { municipalityCode: code === undefined ? undefined : Number(code) });
      if (options.json) io.out(JSON.stringify(rows));
      else io.out(formatTable(['Kode', 'Kommune', 'Jobcenter', 'Navn', 'E-mail', 'Telefon', 'Kilde'], rows.map((row) => [row.municipalityCode, row.municipalityName, row.jobcenter, row.name, row.email, row.phone, row.source])));
      return 0;
    },
  },
];
