import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../main/handlers';
import { writeFileAtomic } from '../main/services/export/write-file';
import { CliError, type CliCommand } from './cli-context';
import { exportModelList } from './model-export-command'; // models-screens
import { describePeriod } from '../shared/period-words';
import { cliWords } from '../shared/cli-words-da';

const words = cliWords.export;

export const exportCommands: CliCommand[] = [
  {
    name: 'export',
    summary: words.summary,
    usage: words.usage,
    options: { model: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' }, 'rule-set': { type: 'string' }, baseline: { type: 'string' } },
    async run({ session, io, positionals, options }) {
      if (positionals[0] === 'model-list') return exportModelList({ session, io, options });
      if (positionals[0] !== 'contact-list') throw new CliError(words.unknownExport(positionals[0]), 2);
      const model = typeof options.model === 'string' ? options.model : 'early-2023';
      if (model !== 'early-2023') throw new CliError(words.contactListModelOnly(model), 2);
      if (typeof options.period !== 'string') throw new CliError(words.noHalfYear, 2);
      if (typeof options.out !== 'string') throw new CliError(words.noContactListFile, 2);
      const out = path.resolve(options.out);
      if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError(cliWords.common.notXlsx, 2);
      if (!fs.existsSync(path.dirname(out))) throw new CliError(cliWords.common.noFolder(path.dirname(out)), 2);
      // The same save step the app's dialog is: the handler hands over whole bytes, written atomically.
      const context = { ...session, saveFile: async (_name: string, bytes: Uint8Array) => (writeFileAtomic(out, bytes), out) };
      const envelope = await dispatch(context, 'export.contactList', {
        period: options.period,
        ...(typeof options['rule-set'] === 'string' ? { ruleSetId: options['rule-set'] } : {}),
      });
      if (!envelope.ok) throw new CliError(envelope.error.message);
      const result = envelope.value as { rows: number; savedPath: string };
      io.out(words.contactListSaved(describePeriod(String(options.period)), result.savedPath, result.rows));
      return 0;
    },
  },
];
