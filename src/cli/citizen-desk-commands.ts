import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../main/handlers';
import { writeFileAtomic } from '../main/services/export/write-file';
import { describeMissing } from '../main/services/export/citizen-list';
import type { CallArgs } from '../shared/api';
import { CliError, formatTable, type CliCommandContext } from './cli-context';

/*
 * cit-desk (issue 10): the citizen list in a terminal and as .xlsx.
 *   indsatsmonitor citizens list --municipality 101 --within-reach --json
 *   indsatsmonitor citizens export --municipality København --within-reach --out borgere.xlsx [--full-ids]
 * `citizenDeskSubcommands` is exported on its own so another area's `citizens` subcommands can join it.
 */

export const citizenDeskOptions = {
  municipality: { type: 'string' },
  group: { type: 'string' },
  'cohort-month': { type: 'string' },
  'within-reach': { type: 'boolean' },
  'as-of': { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'full-ids': { type: 'boolean' },
} as const;

export const citizenDeskUsage =
  'indsatsmonitor citizens list [--municipality KODE|NAVN] [--group ID] [--cohort-month ÅÅÅÅ-MM] [--within-reach] [--as-of ÅÅÅÅ-MM-DD] [--limit N] [--json] [--db FIL]\n' +
  '       indsatsmonitor citizens export --out FIL.xlsx [--municipality KODE|NAVN] [--group ID] [--cohort-month ÅÅÅÅ-MM] [--within-reach] [--as-of ÅÅÅÅ-MM-DD] [--full-ids] [--db FIL]';

type Query = Omit<CallArgs<'citizens.query'>, 'offset' | 'limit'>;

async function queryFrom({ call, options }: Pick<CliCommandContext, 'call' | 'options'>): Promise<Query> {
  const query: Query = {};
  if (typeof options.municipality === 'string') {
    const wanted = options.municipality.trim();
    const municipalities = await call('municipalities.list');
    const found = /^\d+$/.test(wanted)
      ? municipalities.find((municipality) => municipality.code === Number(wanted))
      : municipalities.find((municipality) => municipality.name.toLocaleLowerCase('da') === wanted.toLocaleLowerCase('da'));
    if (!found) throw new CliError(`Kommunen "${wanted}" findes ikke. Skriv kommunekoden (fx 101) eller navnet (fx København).`, 2);
    query.municipalityCode = found.code;
  }
  if (typeof options.group === 'string') {
    const groups = await call('benefitGroups.list');
    const wanted = options.group.trim().toLocaleLowerCase('da');
    const found = groups.find((group) => group.id === wanted || group.label.toLocaleLowerCase('da') === wanted);
    if (!found) throw new CliError(`Ydelsesgruppen "${options.group}" findes ikke. Vælg en af: ${groups.map((group) => group.id).join(', ')}.`, 2);
    query.groupId = found.id;
  }
  if (typeof options['cohort-month'] === 'string') query.cohortMonth = options['cohort-month'];
  if (options['within-reach']) query.withinReach = true;
  if (typeof options['as-of'] === 'string') query.asOf = options['as-of'];
  return query;
}

async function list(context: CliCommandContext): Promise<number> {
  const { call, io, options } = context;
  const query = await queryFrom(context);
  const limit = typeof options.limit === 'string' ? Number(options.limit) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError('--limit skal være et helt tal fra 1 til 1000.', 2);
  const page = await call('citizens.query', { ...query, limit });
  if (options.json) {
    io.out(JSON.stringify(page, null, 2));
    return 0;
  }
  io.out(
    formatTable(
      ['CPR-nummer', 'Kommune', 'Ydelsesgruppe', 'Start', 'Frist', 'Dage tilbage', 'Samtaler', 'Tilbud', 'Mangler'],
      page.rows.map((row) => [
        row.citizenId,
        row.municipalityName,
        row.groupLabel,
        row.startDate,
        row.deadline,
        row.daysLeft,
        `${row.interviewsCounted} af ${row.requiredInterviews}`,
        row.offerRequired ? (row.offers > 0 ? 'ja' : 'nej') : 'ikke krævet',
        describeMissing(row),
      ]),
    ),
  );
  io.out(`${page.rows.length} af ${page.total} forløb vist (opgjort pr. ${page.asOf}). CPR-numre er maskerede.`);
  return 0;
}

async function exportList(context: CliCommandContext): Promise<number> {
  const { session, io, options } = context;
  if (typeof options.out !== 'string') throw new CliError('Angiv filen med --out, fx --out borgere.xlsx.', 2);
  const out = path.resolve(options.out);
  if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError('Filen skal ende på .xlsx.', 2);
  if (!fs.existsSync(path.dirname(out))) throw new CliError(`Mappen ${path.dirname(out)} findes ikke.`, 2);
  const query = await queryFrom(context);
  // The same save step as the app's dialog: the handler hands over whole bytes, written atomically.
  const saving = { ...session, saveFile: async (_name: string, bytes: Uint8Array) => (writeFileAtomic(out, bytes), out) };
  const envelope = await dispatch(saving, 'export.citizens', { ...query, includeFullIds: options['full-ids'] === true });
  if (!envelope.ok) throw new CliError(envelope.error.message);
  const result = envelope.value as { rows: number; savedPath: string };
  io.out(`Borgerlisten er gemt i ${result.savedPath}: ${result.rows} forløb${options['full-ids'] ? ' MED FULDE CPR-NUMRE (behandl filen fortroligt)' : ', CPR-numre maskerede'}.`);
  return 0;
}

export const citizenDeskSubcommands: Record<string, (context: CliCommandContext) => Promise<number>> = { list, export: exportList };
