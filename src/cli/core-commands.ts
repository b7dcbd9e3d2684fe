import path from 'node:path';
import { startBridge } from '../main/bridge/server';
import { formatTable, type CliCommand } from './cli-context';

export const coreCommands: CliCommand[] = [
  {
    name: 'demo',
    summary: 'Indlæs de syntetiske demodata (98 kommuner × 9 ydelsesgrupper, januar 2022 til juni 2025)',
    usage: 'indsatsmonitor demo [--clear] [--db FIL]',
    options: { clear: { type: 'boolean' } },
    async run({ call, io, options }) {
      if (options.clear) {
        const result = await call('demo.clear');
        io.out(`Demodata fjernet (${result.removedRows} rækker).`);
        return 0;
      }
      const result = await call('demo.load');
      io.out(`Demodata indlæst: ${result.rows} rækker (indlæsning nr. ${result.batchId}). Bemærk: syntetiske tal, ikke rigtige data.`);
      return 0;
    },
  },
  {
    name: 'municipalities',
    summary: 'Vis de 98 kommuner med region, AMK og antal målte borgere i seneste måned',
    usage: 'indsatsmonitor municipalities [--json] [--db FIL]',
    options: { json: { type: 'boolean' } },
    async run({ call, io, options }) {
      const rows = await call('municipalities.list');
      if (options.json) {
        io.out(JSON.stringify(rows, null, 2));
        return 0;
      }
      io.out(
        formatTable(
          ['Kode', 'Kommune', 'Region', 'AMK', 'Målte borgere', 'Måned'],
          rows.map((row) => [row.code, row.name, row.region, row.labourMarketOffice, row.latestMeasured, row.latestMonth]),
        ),
      );
      return 0;
    },
  },
  {
    name: 'serve',
    summary: 'Start browserbroen på 127.0.0.1 (til test i Chromium): serverer brugerfladen og API-kaldene',
    usage: 'indsatsmonitor serve [--port N] [--renderer MAPPE] [--db FIL]',
    options: { port: { type: 'string' }, renderer: { type: 'string' } },
    async run({ session, io, options }) {
      const rendererDir = typeof options.renderer === 'string' ? options.renderer : path.resolve(__dirname, '..', '..', 'out', 'renderer');
      const bridge = await startBridge({ session, rendererDir, port: options.port ? Number(options.port) : 0 });
      io.out(`Browserbroen kører: ${bridge.url}  (nøgle i siden; kun 127.0.0.1)`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await bridge.close();
      return 0;
    },
  },
];
