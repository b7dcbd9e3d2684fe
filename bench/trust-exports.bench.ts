/**
 * Issue 14 items 7 and 8 (trust-exports): the largest "this view" export the contract allows,
 * in a child process so its peak memory (RSS) is the export's own; `municipalities.list` on the
 * demo data; and 400 concurrent mixed calls through `dispatch`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../src/main/handlers';
import { loadDemoIfFirstStart } from '../src/main/handlers/core-handlers';
import { openSession } from '../src/main/handlers/session';
import { maxViewCells, maxViewTextCharacters } from '../src/shared/api/export';

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-bench-'));
  try {
    // Largest allowed: 1,000,000 cells (5,000 × 200), half of them text of 20 characters = the 10,000,000-character cap.
    const columns = 200;
    const rows = maxViewCells / columns;
    const textLength = Math.floor(maxViewTextCharacters / (rows * (columns / 2)));
    for (const format of ['xlsx', 'csv']) {
      const child = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'run-ts.cjs'), path.join(__dirname, 'export-child.ts'), String(rows), String(columns), String(textLength), path.join(dir, `export-${format}.db`), format], {
        encoding: 'utf8',
      });
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { ok: boolean; ms: number; peakMb: number; bytes: number; message?: string };
      console.log(
        `export.view ${rows.toLocaleString('en')} × ${columns} (.${format}, ${textLength}-character text in half the cells): ` +
          (result.ok ? `${(result.ms / 1000).toFixed(1)} s, peak RSS ${result.peakMb.toFixed(0)} MB, ${(result.bytes / 1048576).toFixed(1)} MB file` : `refused: ${result.message}`),
      );
    }

    const session = openSession(path.join(dir, 'calls.db'));
    loadDemoIfFirstStart(session);
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const start = performance.now();
      const envelope = await dispatch(session, 'municipalities.list', undefined);
      if (!envelope.ok) throw new Error(envelope.error.message);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`municipalities.list (demo data): median ${times[2].toFixed(1)} ms (n=5, max ${times[4].toFixed(1)})`);

    const mixed: [string, unknown][] = [
      ['municipalities.list', undefined],
      ['app.info', undefined],
      ['benefitGroups.list', undefined],
      ['ruleSets.list', undefined],
      ['periods.available', undefined],
      ['decisions.list', {}],
      ['import.history', undefined],
      ['evaluate.early2023', { period: '2023H2' }],
    ];
    const start = performance.now();
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) => dispatch(session, mixed[i % mixed.length][0], mixed[i % mixed.length][1])));
    const total = performance.now() - start;
    console.log(`400 concurrent mixed calls (${mixed.map(([name]) => name).join(', ')}): ${(total / 1000).toFixed(2)} s total, ${results.filter((r) => !r.ok).length} refused`);
    session.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
