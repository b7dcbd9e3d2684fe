import { discardStaged, registerLocalFile } from '../main/services/import/staging';
import { CliError, formatTable, type CliCommand, type CliCommandContext } from './cli-context';
import { describePeriod } from '../shared/period-words';
import { cliWords } from '../shared/cli-words-da';
import { modelWords } from '../shared/model-words-da';

const words = cliWords.decisions;

/**
 * decisions (issue 13): the CLI's what-if (`rule-sets copy|compare`), decisions as commands
 * (`decisions withdraw|bulk-contacted`) and model A's JSON with completeness, early warnings and
 * exemption status. Called from the commands in engine-commands.ts.
 */
const str = (options: CliCommandContext['options'], key: string): string | undefined => (typeof options[key] === 'string' ? (options[key] as string).trim() : undefined);

function need(options: CliCommandContext['options'], key: string, usage: string): string {
  const value = str(options, key);
  if (!value) throw new CliError(cliWords.common.missingOption(key, usage), 2);
  return value;
}

export const ruleSetsUsage = words.ruleSetsUsage;

/** `threshold=0.25` → 0.25; `true`/`false`; `a,b` for group lists; otherwise the text. */
function parseSetting(text: string, usage: string): [string, unknown] {
  const at = text.indexOf('=');
  if (at <= 0) throw new CliError(words.badSetting(text, usage), 2);
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
    else io.out(words.copied(copy.name, copy.id, copy.basedOn, copy.version));
    return 0;
  }
  if (sub === 'compare') {
    const comparison = await call('ruleSets.compare', { left: need(options, 'a', ruleSetsUsage), right: need(options, 'b', ruleSetsUsage), period: need(options, 'period', ruleSetsUsage) });
    if (options.json) {
      io.out(JSON.stringify(comparison, null, 2));
      return 0;
    }
    const line = (side: typeof comparison.left) => words.compareSide(side.ruleSetId, side.summary.toContact, side.summary.failInterviews, side.summary.failOffers);
    io.out(words.compared(describePeriod(comparison.period), line(comparison.left), line(comparison.right), comparison.changed.length));
    io.out(
      formatTable(
        [modelWords.columns.code, modelWords.columns.municipality, words.compareColumns.a, words.compareColumns.b, words.compareColumns.why],
        comparison.changed.map((row) => [row.code, row.name, row.left.toContact ? modelWords.early2023.status['to-contact'] : '', row.right.toContact ? modelWords.early2023.status['to-contact'] : '', row.why]),
      ),
    );
    return 0;
  }
  throw new CliError(cliWords.common.unknownSubcommand(sub, ruleSetsUsage), 2);
}

export const decisionsUsage = words.decisionsUsage;

export async function decisionsSubcommand(context: CliCommandContext, sub: string): Promise<number> {
  const { call, io, options } = context;
  if (sub === 'withdraw') {
    const id = Number(need(options, 'id', decisionsUsage));
    if (!Number.isInteger(id) || id < 1) throw new CliError(words.badId, 2);
    const row = await call('decisions.withdraw', { id, reason: need(options, 'reason', decisionsUsage), decidedOn: str(options, 'date') ?? null });
    if (options.json) io.out(JSON.stringify(row));
    else io.out(words.withdrawn(id, row.id, row.decidedBy, row.decidedOn, row.reason));
    return 0;
  }
  if (sub === 'bulk-contacted') {
    const codes = need(options, 'codes', decisionsUsage).split(',').map((code) => Number(code.trim()));
    if (codes.some((code) => !Number.isInteger(code))) throw new CliError(words.badCodes, 2);
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
    io.out(words.markedContacted(result.recorded.length));
    for (const row of result.alreadyContacted) io.out(words.alreadyContacted(row.name, row.code, row.decidedOn, row.decidedBy));
    return 0;
  }
  throw new CliError(cliWords.common.unknownSubcommand(sub, decisionsUsage), 2);
}

const contactsUsage = words.contactsUsage;

/** decisions (issue 13 item 7): the reviewer's contact persons from the command line. */
export const decisionCommands: CliCommand[] = [
  {
    name: 'contacts',
    summary: words.contactsSummary,
    usage: contactsUsage,
    options: { code: { type: 'string' }, json: { type: 'boolean' } },
    async run({ call, io, options, positionals }) {
      if (positionals[0] === 'import') {
        const filePath = positionals[1];
        if (!filePath) throw new CliError(cliWords.common.withUsage(words.noFile, contactsUsage), 2);
        const file = registerLocalFile(filePath);
        try {
          const result = await call('contacts.import', { fileId: file.fileId });
          if (options.json) io.out(JSON.stringify(result));
          else {
            io.out(words.contactsImported(result.fileName, result.added, result.unchanged));
            for (const problem of result.problems) io.out(`${result.fileName}:${problem.row}: ${problem.message}`);
          }
          return 0;
        } finally {
          discardStaged(file.fileId);
        }
      }
      if (positionals[0]) throw new CliError(cliWords.common.unknownSubcommand(positionals[0], contactsUsage), 2);
      const code = str(options, 'code');
      const rows = await call('contacts.list', { municipalityCode: code === undefined ? undefined : Number(code) });
      if (options.json) io.out(JSON.stringify(rows));
      else io.out(formatTable([modelWords.columns.code, modelWords.columns.municipality, ...Object.values(words.contactColumns)], rows.map((row) => [row.municipalityCode, row.municipalityName, row.jobcenter, row.name, row.email, row.phone, row.source])));
      return 0;
    },
  },
];
