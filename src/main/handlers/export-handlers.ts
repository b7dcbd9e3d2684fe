import { callWords } from '../../shared/call-words-da';
import type { CallArgs, CallResult, ParsedArgs } from '../../shared/api';
import { engineContract, type RuleSetSummary } from '../../shared/api/engine';
import type { exportContract } from '../../shared/api/export';
import { AppError } from '../../shared/errors';
import { describePeriod, describePeriodsIn } from '../../shared/period-words';
import { contactsByMunicipality } from '../services/contacts/contacts';
import { groupMonthsByMunicipality } from '../services/engine/group-months';
import { isCitizenKind } from '../services/import/citizen-fields';
import { listBatches } from '../services/import/pipeline';
import { writeContactList } from '../services/export/contact-list';
import { hypotheticalWords } from '../services/export/provenance';
import { exportWords } from '../../shared/export-words-da'; // messages (issue 15)
import { exportFileName, writeView } from '../services/export/view';
import { currentUserName } from '../services/store';
import type { HandlerContext, HandlersFor } from './context';
import { deliver } from './deliver-export';
import { engineHandlers } from './engine-handlers';

type EngineCall = keyof typeof engineContract;

/**
 * Exports take their numbers from the engine's handlers, the ones the screens call (whichever
 * engine is registered), with the arguments parsed by the same schema, so a file never shows a
 * number the screen does not.
 */
async function through<K extends EngineCall>(context: HandlerContext, name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const handler: HandlersFor<typeof engineContract>[K] = engineHandlers[name];
  return handler(engineContract[name].args.parse(args) as ParsedArgs<K>, context);
}

/** A what-if copy's mark for the files made under it: the name of the rule set it copies; undefined for a built-in rule set. */
function hypotheticalOf(ruleSets: RuleSetSummary[], id: string): { basedOn: string } | undefined {
  const ruleSet = ruleSets.find((candidate) => candidate.id === id);
  if (!ruleSet || ruleSet.builtin) return undefined;
  return { basedOn: ruleSets.find((candidate) => candidate.id === ruleSet.basedOn)?.name ?? ruleSet.basedOn ?? callWords.anotherRuleSet };
}

/** citizen-models (issue 10): whether an import batch of this kind feeds the view's source (every batch when no source is said). */
function fromSource(kind: string, source: 'published' | 'citizens' | undefined): boolean {
  if (!source) return true;
  return source === 'citizens' ? isCitizenKind(kind) : !isCitizenKind(kind);
}

export const exportHandlers = {
  'export.contactList': async (args, context) => {
    const full = await through(context, 'evaluate.early2023', { ruleSetId: args.ruleSetId, period: args.period });
    if (!full.complete) {
      throw new AppError('period-incomplete', callWords.periodIncomplete(describePeriod(args.period)));
    }
    // The list follows the overview's AMK and region filters (issue 11).
    const evaluation = {
      ...full,
      municipalities: full.municipalities.filter(
        (row) => (!args.labourMarketOffice || row.labourMarketOffice === args.labourMarketOffice) && (!args.region || row.region === args.region),
      ),
    };
    const filters = [args.labourMarketOffice ? `AMK ${args.labourMarketOffice}` : '', args.region ? `Region ${args.region}` : ''].filter(Boolean);
    const ruleSets = await through(context, 'ruleSets.list', {});
    const ruleSetName = ruleSets.find((ruleSet) => ruleSet.id === evaluation.ruleSetId)?.name ?? evaluation.ruleSetId;
    // A list made under a what-if copy says so in its file name, its list sheet's name and its provenance sheet.
    const hypothetical = hypotheticalOf(ruleSets, evaluation.ruleSetId);
    // One batch read of the group × month figures (the drill-down's own builder), not a drill-down per municipality.
    const listed = evaluation.municipalities.filter((candidate) => candidate.toContact);
    const groupMonths = groupMonthsByMunicipality(
      context.db,
      args.period,
      evaluation.ruleSetId,
      listed.map((municipality) => municipality.code),
    );
    const details = listed.map((municipality) => ({ code: municipality.code, name: municipality.name, groupMonths: groupMonths.get(municipality.code) ?? [] }));
    const contacts = contactsByMunicipality(context.db);
    const { bytes, rows } = await writeContactList({ evaluation, ruleSetName, details, contacts, madeBy: currentUserName(), madeAt: new Date(), filters, hypothetical });
    return deliver(context, exportFileName(`${exportWords.contactList.fileName(describePeriod(args.period))}${hypothetical ? ` ${hypotheticalWords.fileName}` : ''}`, 'xlsx'), bytes, rows, 'xlsx');
  },
  'export.view': async (args, context) => {
    // Every .xlsx says what it is (issue 11); the files are those whose rows count now.
    const ruleSets = args.provenance?.ruleSetId ? await through(context, 'ruleSets.list', {}) : [];
    const ruleSet = ruleSets.find((candidate) => candidate.id === args.provenance?.ruleSetId);
    const history = args.format === 'xlsx' ? listBatches(context.db) : [];
    // models-finish: a view of numbers made under a what-if copy is marked in its file name, sheet name and provenance.
    const hypothetical = ruleSet ? hypotheticalOf(ruleSets, ruleSet.id) : undefined;
    const provenance = {
      title: `Visning: ${args.title}`,
      period: args.provenance?.period,
      ruleSet: ruleSet ? { name: ruleSet.name, version: ruleSet.version } : null,
      filters: args.provenance?.filters ?? [],
      madeAt: new Date(),
      // citizen-models (issue 10): a view of figures from one source names that source and only its files.
      files: history.filter((batch) => batch.currentRows > 0 && fromSource(batch.kind, args.provenance?.dataSource)),
      hypothetical,
      dataSource: args.provenance?.dataSource,
    };
    // danish-finish: a period code in the screen's title is written in words in the sheet and file name.
    const title = describePeriodsIn(args.title);
    const bytes = await writeView(args.format, title, args.columns, args.rows, currentUserName(), provenance);
    return deliver(context, exportFileName(`${title}${hypothetical ? ` ${hypotheticalWords.fileName}` : ''}`, args.format), bytes, args.rows.length, args.format);
  },
} satisfies HandlersFor<typeof exportContract>;
