/**
 * One import in a fresh process, so its peak memory is the import's own. Prints one JSON line.
 * Usage: node bin/run-ts.cjs bench/import-child.ts <file> <db>
 */
import { checkpointAfterAnswer, deferCheckpoints } from '../src/main/services/import/checkpoint';
import { importFile } from '../src/main/services/import/pipeline';
import { registerLocalFile } from '../src/main/services/import/staging';
import { openStore } from '../src/main/services/store';

async function main() {
  const [filePath, databasePath] = process.argv.slice(3);
  const db = openStore(databasePath);
  // As the import worker does: no checkpoint inside the commit; it runs after the answer, timed apart below.
  deferCheckpoints(db);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  // cit-import (issue 10): where the commit starts (after every row is stored and checked and the
  // indexes are built): for citizen files it runs the derivation of the windows (cit-derive's part).
  let commitStarted: { at: bigint; cpu: NodeJS.CpuUsage } | null = null;
  const report = await importFile(db, registerLocalFile(filePath), {}, {
    databasePath,
    onProgress: (payload) => {
      if (payload.phase === 'committing') commitStarted = { at: process.hrtime.bigint(), cpu: process.cpuUsage() };
    },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const commit = commitStarted as { at: bigint; cpu: NodeJS.CpuUsage } | null;
  const commitCpu = commit ? process.cpuUsage(commit.cpu) : null;
  const commitMs = commit ? Number(process.hrtime.bigint() - commit.at) / 1e6 : null;
  const commitCpuMs = commitCpu ? (commitCpu.user + commitCpu.system) / 1000 : null;
  // What the worker does after the answer: copy the import's pages from the WAL into the database file.
  const checkpointStarted = process.hrtime.bigint();
  const checkpointCpuBefore = process.cpuUsage();
  checkpointAfterAnswer(db);
  const checkpointMs = Number(process.hrtime.bigint() - checkpointStarted) / 1e6;
  const checkpointCpu = process.cpuUsage(checkpointCpuBefore);
  const checkpointCpuMs = (checkpointCpu.user + checkpointCpu.system) / 1000;
  // CPU time (user + system, all threads): on a loaded machine it moves far less than wall time.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  db.close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const memory = process.memoryUsage();
  console.log(JSON.stringify({ ms, cpuMs, commitMs, commitCpuMs, checkpointMs, checkpointCpuMs, rows: report.rowsImported, peakMb, heapMb: memory.heapUsed / 1048576, externalMb: memory.external / 1048576 }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
