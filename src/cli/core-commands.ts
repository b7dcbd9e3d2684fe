import path from 'node:path';
import { startBridge } from '../main/bridge/server';
import { formatTable, type CliCommand } from './cli-context';
import { cliWords } from '../shared/cli-words-da';
import { modelWords } from '../shared/model-words-da';

const words = cliWords.core;

export const coreCommands: CliCommand[] = [
  {
    name: 'demo',
    summary: words.demoSummary,
    usage: words.demoUsage,
    options: { clear: { type: 'boolean' } },
    async run({ call, io, options }) {
      if (options.clear) {
        const result = await call('demo.clear');
        io.out(words.demoCleared(result.removedRows));
        return 0;
      }
      const result = await call('demo.load');
      io.out(words.demoLoaded(result.rows, result.batchId));
      return 0;
    },
  },
  {
    name: 'municipalities',
    summary: words.municipalitiesSummary,
    usage: words.municipalitiesUsage,
    options: { json: { type: 'boolean' } },
    async run({ call, io, options }) {
      const rows = await call('municipalities.list');
      if (options.json) {
        io.out(JSON.stringify(rows, null, 2));
        return 0;
      }
      io.out(
        formatTable(
          [modelWords.columns.code, modelWords.columns.municipality, words.regionColumn, words.officeColumn, modelWords.columns.measured, words.monthColumn],
          rows.map((row) => [row.code, row.name, row.region, row.labourMarketOffice, row.latestMeasured, row.latestMonth]),
        ),
      );
      return 0;
    },
  },
  {
    name: 'serve',
    summary: words.serveSummary,
    usage: words.serveUsage,
    options: { port: { type: 'string' }, renderer: { type: 'string' } },
    async run({ session, io, options }) {
      const rendererDir = typeof options.renderer === 'string' ? options.renderer : path.resolve(__dirname, '..', '..', 'out', 'renderer');
      const bridge = await startBridge({ session, rendererDir, port: options.port ? Number(options.port) : 0 });
      io.out(words.serving(bridge.url));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await bridge.close();
      return 0;
    },
  },
];
