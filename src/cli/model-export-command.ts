import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../main/handlers';
import { writeFileAtomic } from '../main/services/export/write-file';
import { modelIds, type ExportResult } from '../shared/api';
import { CliError, type CliCommandContext } from './cli-context';
import { cliWords } from '../shared/cli-words-da';

const words = cliWords.export;

/** `export model-list`: any model's list as .xlsx, the same file the model screens save (models-screens). */
export async function exportModelList({ session, io, options }: Pick<CliCommandContext, 'session' | 'io' | 'options'>): Promise<number> {
  const model = options.model;
  if (typeof model !== 'string' || !(modelIds as readonly string[]).includes(model)) throw new CliError(words.noModel(modelIds.join(', ')), 2);
  if (typeof options.period !== 'string') throw new CliError(words.noPeriod, 2);
  if (typeof options.out !== 'string') throw new CliError(words.noListFile, 2);
  const out = path.resolve(options.out);
  if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError(cliWords.common.notXlsx, 2);
  if (!fs.existsSync(path.dirname(out))) throw new CliError(cliWords.common.noFolder(path.dirname(out)), 2);
  const context = { ...session, saveFile: async (_name: string, bytes: Uint8Array) => (writeFileAtomic(out, bytes), out) };
  const envelope = await dispatch(context, 'export.modelList', {
    model,
    period: options.period,
    ...(typeof options.baseline === 'string' ? { baseline: options.baseline } : {}),
    ...(typeof options['rule-set'] === 'string' ? { ruleSetId: options['rule-set'] } : {}),
  });
  if (!envelope.ok) throw new CliError(envelope.error.message);
  const result = envelope.value as ExportResult;
  io.out(words.listSaved(result.savedPath, result.rows));
  return 0;
}
