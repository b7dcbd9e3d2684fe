import type { CallName, CallResult } from '../../../../shared/api';
import type { DataSource, ModelId, MonthFigure } from '../../../../shared/api/engine';
import type { ModelTable, PeriodKind } from '../../../../shared/api/models';
import type { Db } from '../../store';
import type { modelParameters } from '../model-parameters';
import { modelWords } from '../../../../shared/model-words-da';
import { columnsOf, municipalityColumns } from '../../../../shared/table-columns';

/** What every model is given: a period, a baseline month where the model compares (model D), a rule set. */
export interface ModelArgs {
  period: string;
  baseline?: string;
  ruleSetId?: string;
  /** cit-engine (issue 10): Jobindsats' published counts (default) or those derived from citizen data. */
  source?: DataSource;
}

/** What the CLI prints and the exports write: Danish lines, tables, and the `--json` shape. */
interface ModelPresentation {
  summary: string[];
  tables: ModelTable[];
  json: unknown;
}

/**
 * One follow-up model: its id and Danish name, the periods it reads, its own evaluate call,
 * the typed schema of its parameters (parsed when a rule set is resolved), the evaluator, and
 * how its result reads as tables. Adding a model: one module defining this, one line in
 * `models/index.ts`, one call in the engine contract.
 */
interface ModelDefinition<M extends ModelId, K extends CallName> {
  id: M;
  label: string;
  periodKind: PeriodKind;
  call: K;
  /** Compares with a baseline month (the CLI asks for --baseline). */
  baseline: boolean;
  parameters: (typeof modelParameters)[M];
  evaluate(db: Db, args: ModelArgs): CallResult<K>;
  present(result: CallResult<K>): ModelPresentation;
}

/** A definition, plus `run`: evaluate and present in one step (one signature for every model, so callers can loop). */
export function defineModel<M extends ModelId, K extends CallName>(definition: Omit<ModelDefinition<M, K>, 'label'>) {
  return {
    ...definition,
    // messages (issue 15): the Danish name is the model's entry in model-words-da.ts.
    label: modelWords.label[definition.id],
    run(db: Db, args: ModelArgs): ModelPresentation & { result: CallResult<K> } {
      const result = definition.evaluate(db, args);
      return { result, ...definition.present(result) };
    },
  };
}

/** Words the model tables share (messages, issue 15: in model-words-da.ts). */
export const words = modelWords;

/** The code and name columns every model's municipality table starts with. */
export const municipalityHeaders = municipalityColumns(modelWords.columns.code, modelWords.columns.municipality);
export { columnsOf };

/** The month figures exactly as the CLI contract prints them. */
export const monthJson = (month: MonthFigure) => ({ month: month.month, measured: month.measured, lacking: month.lacking, share: month.share, above: month.above });
