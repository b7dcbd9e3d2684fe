import { z } from 'zod';
import { defineCall } from '../contract';
import { monthForm } from './periods';
import { dataSources, type BatchRef, type ModelId } from './engine';
import { modelIds } from '../enums';
import type { ExportColumnKind, ExportResult } from './export';

/**
 * The follow-up models as one list (issue 15 item 1): what each is called, which periods it
 * reads, and one call that evaluates any of them into the tables the CLI prints and the
 * exports write. The screens use each model's own `evaluate.*` call for the full result.
 */
/** The model ids, declared once in `enums.ts`. */
export { modelIds };

/** half-year `2023H2`; month `2023-09`; supervision period `2021QMAT02` (moving annual total). */
export type PeriodKind = 'half-year' | 'month' | 'supervision-period';

export interface ModelInfo {
  id: ModelId;
  /** Danish name for screens and files. */
  label: string;
  periodKind: PeriodKind;
  /** The model's own evaluate call. */
  call: string;
  /** Whether the model compares with a baseline month (model D). */
  baseline: boolean;
}

/** One table of a model's list: Danish headers, values as numbers (shares as fractions). */
export interface ModelTable {
  title: string;
  columns: { header: string; kind: ExportColumnKind }[];
  rows: (string | number | boolean | null)[][];
}

export interface ModelListing {
  model: ModelId;
  label: string;
  period: string;
  baseline: string | null;
  ruleSet: { id: string; name: string; version: string; basedOn: string | null; hypothetical: boolean; /** models-finish: the copied rule set's name, for the files (never its id). */ basedOnName?: string | null };
  /** Danish lines above the tables: the result in the letters' terms, coverage, what-if warning. */
  summary: string[];
  tables: ModelTable[];
  /** What `evaluate --json` prints for the model (stable keys). */
  json: unknown;
  batches: BatchRef[];
  /** cit-engine: 'citizens' when the model ran on counts derived from citizen data. */
  dataSource?: 'published' | 'citizens';
}

const modelArgs = z
  .object({
    model: z.enum(modelIds),
    period: z.string().min(4).max(20),
    baseline: monthForm.optional(),
    ruleSetId: z.string().min(1).max(120).optional(),
    // cit-engine (issue 10): Jobindsats' published counts (default) or the counts derived from citizen data.
    source: z.enum(dataSources).optional(),
  })
  .strict();

export const modelsContract = {
  'models.list': defineCall<ModelInfo[]>()(z.object({}).strict().optional()),
  /** Any model for a period, as tables (the CLI's `evaluate`, and the model exports). */
  'evaluate.model': defineCall<ModelListing>()(modelArgs),
  /** A model's list as .xlsx: its tables, and a sheet saying how it was made (rule set, what-if, sources). */
  'export.modelList': defineCall<ExportResult>()(modelArgs),
};
