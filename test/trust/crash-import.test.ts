import { describe, it } from 'vitest';

/**
 * The crash test for imports: a child process imports a large file and is killed
 * (SIGKILL) at random points, 20 times; after each the database opens, passes
 * `PRAGMA integrity_check`, and holds the whole batch or none of it.
 *
 * The harness is ready (crash-harness.ts, proven by crash-demo-load.test.ts). To plug in the
 * importer when it is merged:
 *  1. fixtures/crash-child.ts: add mode `import <database> <file>`: `say('begin import')`,
 *     `await dispatch(session, '<the import call>', { path: file, … })`, `say('done import')`.
 *  2. Here: build a large file once (e.g. 98 municipalities × 9 groups × 42 months as .xlsx
 *     and .csv), then `runCrashKills({ childArgs: ['import', db, file], kills: 20, seed, maxDelayMs:
 *     <a bit over one import's duration>, verify })`, where `verify` checks: at most one
 *     import_batch with this file's sha256, and its measurement rows = the file's rows (or none).
 *  3. Record each kill with `trust.record('crash-import', …)` (see crash-demo-load.test.ts);
 *     `npm run trust` then prints `crash kills survived: N/20` instead of "not yet measured".
 */
describe('SIGKILL during an import', () => {
  it.skip('20 kills at random points during an import leave the whole batch or none (waits for the importer: no import entry point on this branch yet)', () => {});
});
