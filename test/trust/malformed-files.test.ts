import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { fileFingerprint } from '../helpers/db-fingerprint';
import { copyDemoStore } from '../helpers/demo-store';
import { tempDir } from '../helpers/temp-store';
import { buildGoodFile, malformedFiles } from './fixtures/malformed-corpus';
import { trustRecorder } from './recorder';

/**
 * The corpus of malformed files, each through the CLI's `import` command (the same
 * pipeline as the app): a clear error in Danish, no "unexpected error", and the store exactly
 * as before.
 */
const trust = trustRecorder(__filename);
const { dir, cleanup } = tempDir();
afterAll(cleanup);
const databasePath = path.join(dir, 'malformed.db');

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', databasePath], { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('malformed files through the importer', () => {
  // The store holds the demo data, so "unchanged" is not "empty" (fast-lane, issue 15: a copy of the
  // demo store built once per run by the real loader; the CLI's `demo` command has its test in cli.test.ts).
  beforeAll(() => {
    copyDemoStore(databasePath);
  });
  // fast-lane (issue 15): the fingerprint checked after the previous file is this file's "before"
  // (the demo store's 37,044 rows are read once per file, not twice); after a failed check the next
  // file reads its own.
  let known: string | null = null;

  it.each(malformedFiles.map((entry) => [entry.what, entry] as const))('%s: refused with a clear message, the store unchanged', async (_what, entry) => {
    await trust.check('malformed', `${entry.name}: ${entry.what}`, async () => {
      const file = await entry.build(dir);
      const before = known ?? fileFingerprint(databasePath);
      known = null;
      const result = await cli(['import', file, '--json']);
      expect(result.err, 'no unexpected error').not.toMatch(/Uventet fejl|\n\s+at /);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.out) as { ok: boolean; files: { ok: boolean; error?: { code: string; message: string } }[] };
      expect(report.ok).toBe(false);
      expect(report.files[0].error?.message ?? '').toMatch(/\S{3,}/);
      expect(report.files[0].error?.message).not.toMatch(/\bat .+:\d+:\d+|TypeError|RangeError|undefined/);
      const after = fileFingerprint(databasePath);
      expect(after).toBe(before);
      known = after;
    });
  });

  it('the control: a good file through the same path is imported', async () => {
    const result = await cli(['import', await buildGoodFile(dir), '--json']);
    expect(result.code, result.out + result.err).toBe(0);
  });
});
