import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportWorkerInput, ImportWorkerMessage } from '../../src/main/services/import/import-worker';
import { registerLocalFile } from '../../src/main/services/import/staging';
import { writeDanishCsv } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

/**
 * Issue 14, item 1: Electron's main is bundled by electron-vite, so the import worker must be
 * built as its own file beside index.js (electron.vite.config.ts) and run from there. This starts
 * the built file (`npm run test:e2e` builds first) as the bundled main does: through the built
 * `startWorkerEntry`, which electron-vite puts in a shared chunk one folder below the entries.
 */
const built = path.resolve(__dirname, '..', '..', 'out', 'main', 'import-worker.js');
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

describe('the built import worker', () => {
  it('is built beside the bundled main, which starts it by that name, and imports a file on its own connection', async () => {
    expect(fs.existsSync(built), 'run `npx electron-vite build` first').toBe(true);
    const main = fs.readFileSync(path.join(path.dirname(built), 'index.js'), 'utf8');
    expect(main).toContain('startWorkerEntry("import-worker")');
    const load = createRequire(__filename);
    const chunks = [...main.matchAll(/require\("\.\/(chunks\/[\w.-]+\.js)"\)/g)].map((match) => load(path.join(path.dirname(built), match[1])));
    const chunk = chunks.find((exports) => typeof exports.startWorkerEntry === 'function') as { startWorkerEntry(entry: 'import-worker'): Worker } | undefined;
    expect(chunk, 'index.js requires the chunk that starts the worker').toBeDefined();
    const made = tempSession();
    cleanups.push(made.cleanup);
    const file = registerLocalFile(writeDanishCsv(path.join(made.dir, 'maalinger.csv'), [[101, 'A-dagpenge', '2023M07', 25, 6, '24,0', 3, '12,0']]));
    const input: ImportWorkerInput = { databasePath: made.databasePath, file, options: {}, importId: 'built-1' };
    const messages: ImportWorkerMessage[] = [];
    // Built code finds no TypeScript source beside it: a worker that runs at all was started from the built file.
    const worker = chunk!.startWorkerEntry('import-worker');
    cleanups.push(() => void worker.terminate());
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: ImportWorkerMessage) => {
        messages.push(message);
        if (message.type === 'done' || message.type === 'failed') resolve();
      });
      worker.on('error', reject);
      worker.postMessage({ type: 'run', input });
    });
    const done = messages.find((message) => message.type === 'done');
    expect(done, JSON.stringify(messages.at(-1))).toBeDefined();
    expect(messages.some((message) => message.type === 'progress')).toBe(true);
    const rows = made.session.db.prepare("SELECT measured FROM measurement_current WHERE municipality_code = 101 AND month = '2023-07'").all();
    expect(rows).toEqual([{ measured: 25 }]);
  });
});
