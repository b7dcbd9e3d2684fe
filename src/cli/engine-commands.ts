import type { CriterionResult, MonthFigure } from '../shared/api/engine';
import { CliError, formatTable, type CliCommand } from './cli-context';
import { decisionsSubcommand, decisionsUsage, early2023JsonExtras, earlyWarningWords, ruleSetsSubcommand, ruleSetsUsage, statusWord } from './decision-commands';
import { modelIds } from '../shared/enums';

const models: readonly string[] = modelIds;
const pct = (share: number | null) => (share === null ? '' : `${(share * 100).toFixed(1).replace('.', ',')} %`);

function text(options: Record<string, unknown>, key: string, usage: string): string {
  const value = options[key];
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`Mangler --${key}.\nBrug: ${usage}`, 2);
  return value.trim();
}

/** The month figures exactly as the CLI contract prints them. */
const monthJson = (month: MonthFigure) => ({ month: month.month, measured: month.measured, lacking: month.lacking, share: month.share, above: month.above });
const criterionJson = (result: CriterionResult) => ({ eligible: result.eligible, fails: result.fails, months: result.months.map(monthJson) });

const evaluateUsage =
  'indsatsmonitor evaluate --model early-2023|early-2021|supervision|status --period PERIODE [--baseline MÅNED] [--rule-set ID] [--json] [--db FIL]';

export const engineCommands: CliCommand[] = [
  {
    name: 'evaluate',
    summary: 'Vurder kommunerne efter en opfølgningsmodel (2023H2, 2021-06, 2021QMAT02, 2018-12 --baseline 2017-11)',
    usage: evaluateUsage,
    options: { model: { type: 'string' }, period: { type: 'string' }, baseline: { type: 'string' }, 'rule-set': { type: 'string' }, json: { type: 'boolean' } },
    async run({ call, io, options }) {
      const model = text(options, 'model', evaluateUsage);
      if (!models.includes(model)) throw new CliError(`Ukendt model "${model}"; brug ${models.join(', ')}.`, 2);
      const period = text(options, 'period', evaluateUsage);
      const ruleSetId = typeof options['rule-set'] === 'string' ? options['rule-set'] : undefined;
      const json = Boolean(options.json);
      if (model === 'early-2023') {
        const result = await call('evaluate.early2023', { period, ruleSetId });
        if (json) {
          // decisions: completeness, early warnings and exemption status beside the issue-5 shape.
          const extras = early2023JsonExtras(result);
          io.out(
            JSON.stringify({
              model: result.model,
              ruleSetVersion: result.ruleSetVersion,
              period: result.period,
              summary: extras.summary,
              municipalities: result.municipalities.map((row) => ({
                code: row.code,
                name: row.name,
                toContact: row.toContact,
                interviews: criterionJson(row.interviews),
                offers: criterionJson(row.offers),
                challengedGroups: row.challengedGroups,
                exemptionProposals: row.exemptionProposals.map((proposal) => ({ reason: proposal.reason, criterion: proposal.criterion })),
                ...extras.byCode.get(row.code),
              })),
              ruleSetId: extras.ruleSetId,
              complete: extras.complete,
              months: extras.months,
            }),
          );
          return 0;
        }
        io.out(
          `${result.period} (${result.ruleSetId}, version ${result.ruleSetVersion})${result.complete ? '' : ' – halvåret er ikke slut (tidlig varsling)'}: ` +
            `${result.summary.toContact} kommuner skal kontaktes; ${result.summary.failInterviews} opfylder ikke kriteriet for samtaler, ${result.summary.failOffers} opfylder ikke kriteriet for tilbud.`,
        );
        io.out(`${result.summary.failsCriteria} opfylder kriterierne; ${result.summary.exempted} undtaget; ${result.summary.toContact} kontaktes.`);
        const shown = result.municipalities.filter((row) => row.failsCriteria || row.earlyWarnings.length > 0);
        // decisions: a criterion on its way to failing reads as such, never "opfyldt".
        const criterionText = (row: (typeof shown)[number], criterion: 'interviews' | 'offers') => {
          const warning = row.earlyWarnings.find((candidate) => candidate.criterion === criterion);
          if (warning) return earlyWarningWords(warning.monthsAboveSoFar, warning.monthsAssessed, warning.monthsRemaining);
          return row[criterion].fails ? 'ikke opfyldt' : '';
        };
        io.out(
          formatTable(
            ['Kode', 'Kommune', 'Status', 'Samtaler', 'Tilbud', 'Særligt udfordret', 'Forslag om undtagelse'],
            shown.map((row) => [
              row.code,
              row.name,
              row.status === 'exempted' ? `${statusWord(row.status)}: ${row.exemption?.reasons ?? ''}` : statusWord(row.status),
              criterionText(row, 'interviews'),
              criterionText(row, 'offers'),
              row.challengedGroups.join(', '),
              row.exemptionProposals.map((proposal) => proposal.reason).join(', '),
            ]),
          ),
        );
        return 0;
      }
      if (model === 'early-2021') {
        const result = await call('evaluate.early2021', { period, ruleSetId });
        if (json) {
          io.out(
            JSON.stringify({
              model: result.model,
              ruleSetVersion: result.ruleSetVersion,
              period: result.period,
              findings: result.findings.map((finding) => ({ code: finding.code, group: finding.group, criterion: finding.criterion, months: finding.months.map(monthJson) })),
            }),
          );
          return 0;
        }
        io.out(`${result.period} (${result.ruleSetId}, version ${result.ruleSetVersion}): ${result.findings.length} fund (kommune × ydelsesgruppe × kriterium).`);
        io.out(
          formatTable(
            ['Kode', 'Kommune', 'Ydelsesgruppe', 'Kriterium', 'Andele'],
            result.findings.map((finding) => [finding.code, finding.name, finding.group, finding.criterion === 'interviews' ? 'samtaler' : 'tilbud', finding.months.map((month) => pct(month.share)).join(' / ')]),
          ),
        );
        return 0;
      }
      if (model === 'supervision') {
        const result = await call('evaluate.supervision', { period, ruleSetId });
        if (json) {
          io.out(
            JSON.stringify({
              model: result.model,
              ruleSetVersion: result.ruleSetVersion,
              period: result.period,
              municipalities: result.municipalities.map(({ explanation: _explanation, ...row }) => row),
            }),
          );
          return 0;
        }
        io.out(
          formatTable(
            ['Kode', 'Kommune', 'Forventet', 'Faktisk', 'Forskel (pct.-point)', 'Placering', 'Resultatmål', 'I risiko'],
            result.municipalities.map((row) => [
              row.code,
              row.name,
              pct(row.resultTarget?.expectedShare ?? null),
              pct(row.resultTarget?.actualShare ?? null),
              row.resultTarget ? row.resultTarget.differencePoints.toFixed(2).replace('.', ',') : '',
              row.resultTarget?.rank ?? '',
              row.resultTarget ? (row.resultTarget.fails ? 'ikke opfyldt' : 'opfyldt') : '',
              row.atRisk ? 'ja' : '',
            ]),
          ),
        );
        return 0;
      }
      const baseline = text(options, 'baseline', evaluateUsage);
      const result = await call('evaluate.status', { period, baseline, ruleSetId });
      if (json) {
        const { parameters: _parameters, batches: _batches, ...table } = result;
        io.out(JSON.stringify(table));
        return 0;
      }
      io.out(
        formatTable(
          ['Målgruppe', `Andel med lovbestemte samtaler, ${result.period}`, `Ændring siden ${result.baseline} (pct.-point)`],
          result.rows.map((row) => [row.label, pct(row.share), row.changePoints === null ? '' : row.changePoints.toFixed(1).replace('.', ',')]),
        ),
      );
      return 0;
    },
  },
  {
    name: 'decide',
    summary: 'Registrér en afgørelse (undtagelse godkendt/afvist, kontakt) – gemmes med bruger og tid, overskrives aldrig',
    usage: 'indsatsmonitor decide --code KODE --period PERIODE --subject EMNE --verdict accepted|rejected|contacted|withdrawn [--date ÅÅÅÅ-MM-DD] [--reason TEKST] [--rule-set ID] [--db FIL]',
    options: { code: { type: 'string' }, period: { type: 'string' }, subject: { type: 'string' }, verdict: { type: 'string' }, date: { type: 'string' }, reason: { type: 'string' }, 'rule-set': { type: 'string' }, json: { type: 'boolean' } },
    async run({ call, io, options }) {
      const usage = engineCommands[1].usage;
      const code = Number(text(options, 'code', usage));
      if (!Number.isInteger(code)) throw new CliError('Kommunekoden skal være et tal, fx 101.', 2);
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
      else io.out(`Afgørelse nr. ${row.id} gemt: ${row.subject} = ${row.verdict} for kommune ${row.municipalityCode} (${row.decidedBy}, ${row.decidedAt}).`);
      return 0;
    },
  },
  {
    name: 'decisions',
    summary: 'Vis afgørelseshistorikken (nyeste først); withdraw trækker en afgørelse tilbage, bulk-contacted markerer flere som kontaktet',
    usage: decisionsUsage,
    options: {
      code: { type: 'string' },
      period: { type: 'string' },
      'rule-set': { type: 'string' },
      json: { type: 'boolean' },
      // decisions: withdraw and bulk-contacted
      id: { type: 'string' },
      reason: { type: 'string' },
      date: { type: 'string' },
      codes: { type: 'string' },
      note: { type: 'string' },
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
          ['Nr.', 'Regelsæt', 'Periode', 'Kode', 'Emne', 'Afgørelse', 'Dato', 'Begrundelse', 'Af', 'Tidspunkt'],
          rows.map((row) => [row.id, row.ruleSetId, row.period, row.municipalityCode, row.subject, row.verdict, row.decidedOn, row.reason, row.decidedBy, row.decidedAt]),
        ),
      );
      return 0;
    },
  },
  {
    name: 'rule-sets',
    summary: 'Vis regelsættene (fortolkninger markeret); copy … --set NØGLE=VÆRDI laver et hvad-nu-hvis, compare sammenligner to',
    usage: ruleSetsUsage,
    options: {
      json: { type: 'boolean' },
      // decisions: what-if copy and compare
      from: { type: 'string' },
      name: { type: 'string' },
      set: { type: 'string', multiple: true },
      a: { type: 'string' },
      b: { type: 'string' },
      period: { type: 'string' },
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
        io.out(`${rule.id}  ${rule.name}  (version ${rule.version}${rule.basedOn ? `, kopi af ${rule.basedOn}` : ''})`);
        for (const parameter of rule.parameters) {
          io.out(`    ${parameter.key} = ${Array.isArray(parameter.value) ? parameter.value.join(',') : String(parameter.value)}${parameter.interpretation ? '  [fortolkning]' : ''}`);
        }
      }
      return 0;
    },
  },
];
