import { modelIds, type ModelTable } from '../shared/api/models';
import { CliError, formatTable, textOptions, type CliCommand } from './cli-context';
import { decisionsSubcommand, decisionsUsage, ruleSetsSubcommand, ruleSetsUsage } from './decision-commands';
import { describePeriod } from '../shared/period-words';
import { formatDanishDateTime } from '../shared/words-da';
import { cliWords } from '../shared/cli-words-da';
import { modelWords } from '../shared/model-words-da';

const words = cliWords.engine;

function text(options: Record<string, unknown>, key: string, usage: string): string {
  const value = options[key];
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(cliWords.common.missingOption(key, usage), 2);
  return value.trim();
}

/** A table cell for a terminal: shares as "24,5 %", points with two decimals, empty for none. */
function cellText(value: ModelTable['rows'][number][number], kind: ModelTable['columns'][number]['kind']): string | number | null {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? modelWords.yes : modelWords.no;
  if (typeof value === 'number' && kind === 'share') return `${(value * 100).toFixed(1).replace('.', ',')} %`;
  if (typeof value === 'number' && kind === 'number') return value.toFixed(2).replace('.', ',');
  return value;
}

const evaluateUsage = words.evaluateUsage(modelIds.join('|'));

/** cit-engine (issue 10): `--source borgerdata` (or `citizens`) runs the model on the counts derived from citizen data. */
function dataSource(options: Record<string, unknown>): 'published' | 'citizens' | undefined {
  const value = options.source;
  if (value === undefined) return undefined;
  const word = String(value).trim().toLowerCase();
  if (word === 'borgerdata' || word === 'citizens') return 'citizens';
  if (word === 'jobindsats' || word === 'published') return 'published';
  throw new CliError(words.unknownSource(String(value)), 2);
}

export const engineCommands: CliCommand[] = [
  {
    name: 'evaluate',
    summary: words.evaluateSummary,
    usage: evaluateUsage,
    options: { model: { type: 'string' }, period: { type: 'string' }, baseline: { type: 'string' }, 'rule-set': { type: 'string' }, json: { type: 'boolean' }, source: { type: 'string' } },
    async run({ call, io, options }) {
      // models-screens: every model through the registry (models.list, evaluate.model): no per-model code here.
      const models = await call('models.list');
      const modelId = text(options, 'model', evaluateUsage);
      const model = models.find((candidate) => candidate.id === modelId);
      if (!model) throw new CliError(words.unknownModel(modelId, models.map((candidate) => candidate.id).join(', ')), 2);
      const period = text(options, 'period', evaluateUsage);
      const baseline = model.baseline ? text(options, 'baseline', evaluateUsage) : undefined;
      const ruleSetId = typeof options['rule-set'] === 'string' ? options['rule-set'] : undefined;
      const listing = await call('evaluate.model', { model: model.id, period, baseline, ruleSetId, source: dataSource(options) });
      if (options.json) {
        io.out(JSON.stringify(listing.json));
        return 0;
      }
      for (const line of listing.summary) io.out(line);
      for (const table of listing.tables) {
        if (listing.tables.length > 1) io.out(`\n${table.title}`);
        io.out(formatTable(table.columns.map((column) => column.header), table.rows.map((row) => row.map((value, index) => cellText(value, table.columns[index].kind)))));
      }
      return 0;
    },
  },
  {
    name: 'decide',
    summary: words.decideSummary,
    usage: words.decideUsage,
    options: { code: { type: 'string' }, period: { type: 'string' }, subject: { type: 'string' }, verdict: { type: 'string' }, date: { type: 'string' }, reason: { type: 'string' }, 'rule-set': { type: 'string' }, json: { type: 'boolean' } },
    async run({ call, io, options }) {
      const usage = engineCommands[1].usage;
      const code = Number(text(options, 'code', usage));
      if (!Number.isInteger(code)) throw new CliError(words.codeNotNumber, 2);
      const row = await call('decisions.record', {
        ruleSetId: typeof options['rule-set'] === 'string' ? options['rule-set'] : 'early-2023',
        period: text(options, 'period', usage),
        municipalityCode: code,
        subject: text(options, 'subject', usage),
        verdict: text(options, 'verdict', usage),
        decidedOn: typeof options.date === 'string' ? options.date : null,
        reason: typeof options.reason === 'string' ? options.reason : '',
      });
      if (options.json) io.out(JSON.stringify(row));
      else io.out(words.decided(row.id, row.subject, row.verdict, row.municipalityCode, describePeriod(row.period), row.decidedBy, formatDanishDateTime(row.decidedAt)));
      return 0;
    },
  },
  {
    name: 'decisions',
    summary: words.decisionsSummary,
    usage: decisionsUsage,
    options: {
      json: { type: 'boolean' },
      // decisions: withdraw (id, reason, date) and bulk-contacted (codes, date, note)
      ...textOptions('code', 'period', 'rule-set', 'id', 'reason', 'date', 'codes', 'note'),
    },
    async run(context) {
      const { call, io, options, positionals } = context;
      if (positionals[0]) return decisionsSubcommand(context, positionals[0]);
      const rows = await call('decisions.list', {
        municipalityCode: typeof options.code === 'string' ? Number(options.code) : undefined,
        period: typeof options.period === 'string' ? options.period : undefined,
        ruleSetId: typeof options['rule-set'] === 'string' ? options['rule-set'] : undefined,
      });
      if (options.json) {
        io.out(JSON.stringify(rows));
        return 0;
      }
      io.out(
        formatTable(
          words.decisionColumns,
          rows.map((row) => [row.id, row.ruleSetId, describePeriod(row.period), row.municipalityCode, row.subject, row.verdict, row.decidedOn, row.reason, row.decidedBy, row.decidedAt]),
        ),
      );
      return 0;
    },
  },
  {
    name: 'rule-sets',
    summary: words.ruleSetsSummary,
    usage: ruleSetsUsage,
    options: {
      json: { type: 'boolean' },
      // decisions: what-if copy and compare
      ...textOptions('from', 'name', 'a', 'b', 'period'),
      set: { type: 'string', multiple: true },
    },
    async run(context) {
      const { call, io, options, positionals } = context;
      if (positionals[0]) return ruleSetsSubcommand(context, positionals[0]);
      const rows = await call('ruleSets.list');
      if (options.json) {
        io.out(JSON.stringify(rows, null, 2));
        return 0;
      }
      for (const rule of rows) {
        io.out(words.ruleSetLine(rule.id, rule.name, rule.version, rule.basedOn ? words.copyOf(rule.basedOn) : ''));
        for (const parameter of rule.parameters) {
          io.out(`    ${parameter.key} = ${Array.isArray(parameter.value) ? parameter.value.join(',') : String(parameter.value)}${parameter.interpretation ? words.interpretation : ''}`);
        }
      }
      return 0;
    },
  },
];
