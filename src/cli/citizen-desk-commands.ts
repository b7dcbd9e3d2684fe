import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../main/handlers';
import { writeFileAtomic } from '../main/services/export/write-file';
import { describeMissing } from '../main/services/export/citizen-list';
import type { CallArgs } from '../shared/api';
import { CliError, formatTable, type CliCommandContext } from './cli-context';
import { cliWords } from '../shared/cli-words-da';
import { engineWords } from '../shared/engine-words-da';
import { modelWords } from '../shared/model-words-da';

const words = cliWords.citizens;

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

export const citizenDeskUsage = words.deskUsage;

type Query = Omit<CallArgs<'citizens.query'>, 'offset' | 'limit'>;

async function queryFrom({ call, options }: Pick<CliCommandContext, 'call' | 'options'>): Promise<Query> {
  const query: Query = {};
  if (typeof options.municipality === 'string') {
    const wanted = options.municipality.trim();
    const municipalities = await call('municipalities.list');
    const found = /^\d+$/.test(wanted)
      ? municipalities.find((municipality) => municipality.code === Number(wanted))
      : municipalities.find((municipality) => municipality.name.toLocaleLowerCase('da') === wanted.toLocaleLowerCase('da'));
    if (!found) throw new CliError(words.unknownMunicipality(wanted), 2);
    query.municipalityCode = found.code;
  }
  if (typeof options.group === 'string') {
    const groups = await call('benefitGroups.list');
    const wanted = options.group.trim().toLocaleLowerCase('da');
    const found = groups.find((group) => group.id === wanted || group.label.toLocaleLowerCase('da') === wanted);
    if (!found) throw new CliError(`${engineWords.unknownGroup(options.group)} ${words.chooseGroup(groups.map((group) => group.id).join(', '))}`, 2);
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
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError(words.badLimit, 2);
  const page = await call('citizens.query', { ...query, limit });
  if (options.json) {
    io.out(JSON.stringify(page, null, 2));
    return 0;
  }
  io.out(
    formatTable(
      [
        words.listColumns.id,
        modelWords.columns.municipality,
        modelWords.columns.group,
        words.listColumns.start,
        words.listColumns.deadline,
        words.listColumns.daysLeft,
        words.listColumns.interviews,
        words.listColumns.offers,
        words.listColumns.missing,
      ],
      page.rows.map((row) => [
        row.citizenId,
        row.municipalityName,
        row.groupLabel,
        row.startDate,
        row.deadline,
        row.daysLeft,
        words.interviewsOf(row.interviewsCounted, row.requiredInterviews),
        row.offerRequired ? (row.offers > 0 ? modelWords.yes : modelWords.no) : words.notRequired,
        describeMissing(row),
      ]),
    ),
  );
  io.out(words.shown(page.rows.length, page.total, page.asOf));
  return 0;
}

async function exportList(context: CliCommandContext): Promise<number> {
  const { session, io, options } = context;
  if (typeof options.out !== 'string') throw new CliError(words.noFile, 2);
  const out = path.resolve(options.out);
  if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError(cliWords.common.notXlsx, 2);
  if (!fs.existsSync(path.dirname(out))) throw new CliError(cliWords.common.noFolder(path.dirname(out)), 2);
  const query = await queryFrom(context);
  // The same save step as the app's dialog: the handler hands over whole bytes, written atomically.
  const saving = { ...session, saveFile: async (_name: string, bytes: Uint8Array) => (writeFileAtomic(out, bytes), out) };
  const envelope = await dispatch(saving, 'export.citizens', { ...query, includeFullIds: options['full-ids'] === true });
  if (!envelope.ok) throw new CliError(envelope.error.message);
  const result = envelope.value as { rows: number; savedPath: string };
  io.out(words.saved(result.savedPath, result.rows, options['full-ids'] === true));
  return 0;
}

export const citizenDeskSubcommands: Record<string, (context: CliCommandContext) => Promise<number>> = { list, export: exportList };
