/**
 * One undo of the newest import batch in a fresh process, as the import worker runs it (issue 10):
 * its rows deleted (a big batch with its table's indexes rebuilt after), every citizen window derived
 * again, then the commit; the checkpoint after the answer is timed apart. Prints one JSON line.
 * Usage: node bin/run-ts.cjs bench/undo-child.ts <db>
 */
import { checkpointAfterAnswer, deferCheckpoints } from '../src/main/services/import/checkpoint';
import { removeBatch } from '../src/main/services/import/pipeline';
import { openStore } from '../src/main/services/store';

function main() {
  const [databasePath] = process.argv.slice(3);
  const db = openStore(databasePath);
  deferCheckpoints(db);
  const batchId = (db.prepare('SELECT MAX(id) AS id FROM import_batch WHERE undone_at IS NULL').get() as { id: number }).id;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const rows = removeBatch(db, batchId);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const checkpointStarted = process.hrtime.bigint();
  checkpointAfterAnswer(db);
  const checkpointMs = Number(process.hrtime.bigint() - checkpointStarted) / 1e6;
  db.close();
  console.log(JSON.stringify({ rows, ms, cpuMs: (cpu.user + cpu.system) / 1000, checkpointMs, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

main();
