import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiContract } from '../../src/shared/api';
import { maxViewCells, maxViewTextCharacters } from '../../src/shared/api/export';
import { tempDir } from '../helpers/temp-store';

/**
 * Issue 14 item 7: a "this view" export inside the contract's limits must never take the
 * process (in Electron: the whole app) down. The contract caps the view; the writer streams.
 */
const root = path.resolve(__dirname, '..', '..');
const { dir, cleanup } = tempDir();
afterAll(cleanup);

const viewArgs = (rows: number, columns: number, cell: string | null = null) => ({
  title: 'Stor visning',
  format: 'xlsx',
  columns: Array.from({ length: columns }, (_, i) => ({ header: `K${i}`, kind: 'text' })),
  rows: Array.from({ length: rows }, () => new Array(columns).fill(cell)),
});

describe('export.view limits', () => {
  const schema = apiContract['export.view'].args;

  it('accepts the largest view the cap allows and refuses one row more, in Danish', () => {
    expect(schema.safeParse(viewArgs(maxViewCells / 200, 200)).success).toBe(true);
    const refused = schema.safeParse(viewArgs(maxViewCells / 200 + 1, 200));
    expect(refused.success).toBe(false);
    const message = refused.error!.issues.map((issue) => issue.message).join(' ');
    expect(message).toContain('for stor til at blive eksporteret');
    expect(message).toContain('1.000.200 celler');
    expect(message).toContain('Filtrér rækkerne eller skjul kolonner');
  });

  it('refuses the 30,000 × 200 view that ran the process out of memory', () => {
    expect(schema.safeParse(viewArgs(30_000, 200)).success).toBe(false);
  });

  it('refuses a view within the cell cap whose text is over the text cap', () => {
    const perCell = 'æ'.repeat(100);
    const rows = Math.ceil(maxViewTextCharacters / (perCell.length * 10)) + 1;
    const refused = schema.safeParse(viewArgs(rows, 10, perCell));
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((issue) => issue.message).join(' ')).toContain('for meget tekst');
    expect(schema.safeParse(viewArgs(rows - 2, 10, perCell)).success).toBe(true);
  });
});

describe('export.view streams', () => {
  it('writes a 2,000 × 200 view through dispatch in a process whose heap is capped at 96 MB', () => {
    // fast-lane (issue 15): 2,000 rows, not 3,000 (2.4 instead of 6 CPU-seconds), and still a view the
    // writer could not hold whole: measured 2026-11-25 with writeView switched to the in-memory writer
    // (addTableSheet + workbookBytes), this same child runs out of a 96 MB heap at 1,500 and at 2,000 rows
    // (it gets through 1,000); the streamed writer writes 2,000 rows in the 96 MB heap.
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=96', path.join(root, 'bin', 'run-ts.cjs'), path.join(root, 'bench', 'export-child.ts'), '2000', '200', '12', path.join(dir, 'stream.db')],
      { cwd: root, encoding: 'utf8' },
    );
    expect(child.stderr).not.toMatch(/heap out of memory/i);
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ok: boolean; rows: number; bytes: number };
    expect(result.ok).toBe(true);
    expect(result.rows).toBe(2000);
    expect(result.bytes).toBeGreaterThan(1_000_000);
  });
});
