import { callWords } from '../../shared/call-words-da';
import type { ModelId } from '../../shared/api/engine';
import { describePeriodShort } from '../../shared/period-words';
import type { ModelListing, modelsContract } from '../../shared/api/models';
import type { ModelArgs } from '../services/engine/models/define';
import { modelInfos, modelRegistry, type ModelRegistry } from '../services/engine/models';
import { EngineError } from '../services/engine/engine-error';
import { resolveRuleSet } from '../services/engine/rule-sets';
import { citizenSourceLine } from '../services/engine/provenance';
import { writeModelList } from '../services/export/model-list';
import { exportFileName } from '../services/export/view';
import { currentUserName, type Db } from '../services/store';
import type { Handler, HandlerContext, HandlersFor } from './context';
import { deliver } from './deliver-export';
import { exportWords } from '../../shared/export-words-da';

type EvaluateCall<M extends ModelId> = ModelRegistry[M]['call'];

/** Each model's own `evaluate.*` call, derived from the registry. */
export const modelEvaluateHandlers = Object.fromEntries(
  Object.values(modelRegistry).map((model) => [model.call, (args: ModelArgs, { db }: HandlerContext) => model.evaluate(db, args)]),
) as { [M in ModelId as EvaluateCall<M>]: Handler<EvaluateCall<M>> };

/** Any model as tables, with its rule set said plainly (a what-if copy is hypothetical). */
function modelListing(db: Db, args: ModelArgs & { model: ModelId }): ModelListing {
  const model = modelRegistry[args.model];
  if (model.baseline && !args.baseline) throw new EngineError('missing-baseline', callWords.missingBaseline(model.label));
  const { result, summary, tables, json } = model.run(db, args);
  const rule = resolveRuleSet(db, args.model, result.ruleSetId);
  const hypothetical = !rule.builtin;
  // models-finish: the copied rule set by its name, as on screen ("kopi af Tidlig indsats 2021 …"), not its id.
  const basedOnName = rule.basedOn ? resolveRuleSet(db, args.model, rule.basedOn).name : callWords.anotherRuleSet;
  return {
    model: model.id,
    label: model.label,
    period: args.period,
    baseline: model.baseline ? (args.baseline ?? null) : null,
    ruleSet: { id: rule.id, name: rule.name, version: rule.version, basedOn: rule.basedOn, hypothetical, basedOnName: rule.basedOn ? basedOnName : null },
    summary: [
      // cit-engine (issue 10): a result from citizen data says so first.
      ...(args.source === 'citizens' ? [citizenSourceLine(result.batches)] : []),
      ...(hypothetical ? [callWords.hypothetical(rule.name, basedOnName)] : []),
      ...summary,
    ],
    tables,
    // cit-engine: `--json` from citizen data says so; from Jobindsats' counts it stays as it was.
    json: args.source === 'citizens' && json && typeof json === 'object' ? { ...json, dataSource: 'citizens' } : json,
    batches: result.batches,
    dataSource: args.source ?? 'published',
  };
}

export const modelHandlers = {
  'models.list': () => modelInfos(),
  'evaluate.model': (args, { db }) => modelListing(db, args),
  'export.modelList': async (args, context) => {
    const listing = modelListing(context.db, args);
    const { bytes, rows } = await writeModelList(listing, currentUserName(), new Date());
    const title = `${listing.label} ${describePeriodShort(listing.period)}${listing.baseline ? ` mod ${describePeriodShort(listing.baseline)}` : ''}${listing.ruleSet.hypothetical ? ' HYPOTETISK' : ''}${listing.dataSource === 'citizens' ? ` ${exportWords.provenance.dataSourceFileMark}` : ''}`;
    return deliver(context, exportFileName(title, 'xlsx'), bytes, rows, 'xlsx');
  },
} satisfies HandlersFor<typeof modelsContract>;
