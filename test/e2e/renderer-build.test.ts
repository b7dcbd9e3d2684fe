import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15, item 7: the renderer is read from disk on every start. It is minified, and AG Charts
 * (about half of it) is a chunk of its own, loaded with the first chart (components/lazy-charts.tsx);
 * desk.test.ts and danish-desk.test.ts see the charts drawn from that chunk in Chromium.
 * `npm run test:e2e` builds first.
 */
const rendererDir = path.resolve(__dirname, '..', '..', 'out', 'renderer');

function entryScript(): string {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const source = /<script[^>]+src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(source, 'index.html names its entry script').toBeTruthy();
  return fs.readFileSync(path.join(rendererDir, source as string), 'utf8');
}

describe('the built renderer', () => {
  it('is minified, and its entry script holds AG Grid but not AG Charts, which is its own chunk', () => {
    expect(fs.existsSync(rendererDir), 'run `npx electron-vite build` first').toBe(true);
    const entry = entryScript();
    // Unminified, rolldown names each module in a comment ("// node_modules/…").
    expect(/^\/\/ node_modules\//m.test(entry), 'the entry script is minified').toBe(false);
    expect(entry.includes('ag-root-wrapper'), 'the entry script holds AG Grid').toBe(true);
    expect(entry.includes('ag-charts-wrapper'), 'the entry script holds AG Charts').toBe(false);
    const chunks = fs.readdirSync(path.join(rendererDir, 'assets')).filter((name) => name.endsWith('.js'));
    const chartChunks = chunks.filter((name) => fs.readFileSync(path.join(rendererDir, 'assets', name), 'utf8').includes('ag-charts-wrapper'));
    expect(chartChunks).toHaveLength(1);
  });
});
