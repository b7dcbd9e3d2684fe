import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli';
import { tempDir } from '../helpers/temp-store';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'indsatsmonitor.cjs');
let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('the indsatsmonitor CLI (a real process, a real database file)', () => {
  it('loads the demo data and prints 98 municipalities as JSON', () => {
    const { dir, cleanup: remove } = tempDir();
    cleanup = remove;
    const db = path.join(dir, 'cli.db');
    const loaded = execFileSync(process.execPath, [bin, 'demo', '--db', db], { encoding: 'utf8' });
    expect(loaded).toMatch(/Demodata indlæst: 37044 rækker/);
    const printed = execFileSync(process.execPath, [bin, 'municipalities', '--db', db, '--json'], { encoding: 'utf8' });
    const rows = JSON.parse(printed) as { code: number; name: string; labourMarketOffice: string; latestMeasured: number }[];
    expect(rows).toHaveLength(98);
    expect(rows.find((row) => row.code === 492)).toMatchObject({ name: 'Ærø', labourMarketOffice: 'Syd' });
    expect(rows.every((row) => row.latestMeasured > 0)).toBe(true);
  });

  it('exits non-zero with a message for an unknown command or option', async () => {
    const unknown = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Ukendt kommando: frobnicate/);
    // fast-lane (issue 15): the process's exit status and stderr are shown above; the option parsing is the same code in this process.
    const badOption = await runCliInProcess(['municipalities', '--nonsense']);
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toMatch(/nonsense/);
  });
});
