import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../main/handlers';
import { writeFileAtomic } from '../main/services/export/write-file';
import { CliError, type CliCommand } from './cli-context';
import { exportModelList } from './model-export-command'; // models-screens
import { describePeriod } from '../shared/period-words';

export const exportCommands: CliCommand[] = [
  {
    name: 'export',
    summary: 'Lav kontaktlisten for et halvår som Excel-fil (export contact-list --period 2023H2 --out FIL.xlsx)',
    usage:
      'indsatsmonitor export contact-list --model early-2023 --period 2023H2 --out FIL.xlsx [--rule-set ID] [--db FIL]\n' +
      '       indsatsmonitor export model-list --model early-2021|supervision|status --period PERIODE [--baseline MÅNED] --out FIL.xlsx [--rule-set ID] [--db FIL]',
    options: { model: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' }, 'rule-set': { type: 'string' }, baseline: { type: 'string' } },
    async run({ session, io, positionals, options }) {
      if (positionals[0] === 'model-list') return exportModelList({ session, io, options });
      if (positionals[0] !== 'contact-list') throw new CliError(`Ukendt eksport: ${positionals[0] ?? '(ingen)'}. Brug: export contact-list eller export model-list`, 2);
      const model = typeof options.model === 'string' ? options.model : 'early-2023';
      if (model !== 'early-2023') throw new CliError(`Kontaktlisten findes kun for model early-2023 (fik ${model}).`, 2);
      if (typeof options.period !== 'string') throw new CliError('Angiv halvåret med --period, fx --period 2023H2.', 2);
      if (typeof options.out !== 'string') throw new CliError('Angiv filen med --out, fx --out kontaktliste.xlsx.', 2);
      const out = path.resolve(options.out);
      if (!out.toLowerCase().endsWith('.xlsx')) throw new CliError('Filen skal ende på .xlsx.', 2);
      if (!fs.existsSync(path.dirname(out))) throw new CliError(`Mappen ${path.dirname(out)} findes ikke.`, 2);
      // The same save step the app's dialog is: the handler hands over whole bytes, written atomically.
      const context = { ...session, saveFile: async (_name: string, bytes: Uint8Array) => (writeFileAtomic(out, bytes), out) };
      const envelope = await dispatch(context, 'export.contactList', {
        period: options.period,
        ...(typeof options['rule-set'] === 'string' ? { ruleSetId: options['rule-set'] } : {}),
      });
      if (!envelope.ok) throw new CliError(envelope.error.message);
      const result = envelope.value as { rows: number; savedPath: string };
      io.out(`Kontaktlisten for ${describePeriod(String(options.period))} er gemt i ${result.savedPath}: ${result.rows} kommuner.`);
      return 0;
    },
  },
];
