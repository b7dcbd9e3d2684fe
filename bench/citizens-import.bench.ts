/**
 * Citizen-level import speed and memory (issue 10): 1,000,000 spells and 5,000,000 events as CSV
 * (`;`, UTF-8, ISO dates, as a case system exports them), each imported through our importer in a
 * fresh process (bench/import-child.ts) into a fresh store, against the sqlite3 shell's `.import`
 * of the same file into an equivalent table with the same indexes. Prints figures; asserts nothing.
 * BENCH_SPELLS / BENCH_EVENTS set smaller sizes on a busy machine (the scale is printed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMunicipalityFacts } from '../src/main/services/reference-data';
import { record } from './citizens-targets';

const groups = ['A-dagpenge', 'Sygedagpenge', 'Kontanthjælp', 'Uddannelseshjælp', 'Revalidering', 'Ressourceforløb', 'Jobafklaringsforløb', 'Ledighedsydelse', 'Overgangsydelse'];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A synthetic CPR-shaped id per citizen number (never a real person: serials from 5000 up). */
function citizenId(index: number): string {
  const day = 1 + (index % 28);
  const month = 1 + (Math.floor(index / 28) % 12);
  const year = Math.floor(index / 336) % 100;
  return `${pad(day)}${pad(month)}${pad(year)}-${pad(5000 + Math.floor(index / 33600), 4)}`;
}

function isoDay(base: number, offset: number): string {
  const date = new Date(base + offset * 86_400_000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const firstDay = Date.UTC(2021, 0, 1);

function writeLines(file: string, header: string, count: number, line: (index: number) => string): void {
  const fd = fs.openSync(file, 'w');
  let buffer: string[] = [header];
  for (let index = 0; index < count; index++) {
    buffer.push(line(index));
    if (buffer.length >= 50_000) {
      fs.writeSync(fd, buffer.join('\n') + '\n');
      buffer = [];
    }
  }
  if (buffer.length) fs.writeSync(fd, buffer.join('\n') + '\n');
  fs.closeSync(fd);
}

export function writeFiles(dir: string, spells: number, events: number): { spellsCsv: string; eventsCsv: string } {
  const codes = readMunicipalityFacts().map((facts) => facts.code);
  const spellsCsv = path.join(dir, 'forloeb.csv');
  // One spell per citizen: start dates over four years; every third spell has ended.
  writeLines(spellsCsv, 'CPR-nr.;Kommune;Ydelsesgruppe;Startdato;Slutdato', spells, (index) => {
    const start = (index * 7919) % 1400;
    return `${citizenId(index)};${codes[index % codes.length]};${groups[index % groups.length]};${isoDay(firstDay, start)};${index % 3 === 0 ? isoDay(firstDay, start + 60 + (index % 200)) : ''}`;
  });
  const eventsCsv = path.join(dir, 'haendelser.csv');
  // Five events per spell on average, spread over its first eight months.
  writeLines(eventsCsv, 'CPR-nr.;Dato;Hændelse;Afholdt af', events, (index) => {
    const spell = index % spells;
    const start = (spell * 7919) % 1400;
    const kind = index % 4 === 3 ? 'tilbud' : 'samtale';
    const heldBy = kind === 'tilbud' ? '' : index % 5 === 0 ? 'a-kasse' : 'jobcenter';
    return `${citizenId(spell)};${isoDay(firstDay, start + ((index * 37) % 240))};${kind};${heldBy}`;
  });
  return { spellsCsv, eventsCsv };
}

/**
 * Writes the page cache's dirty pages to disk before a timed import (`sync`). The import before it
 * leaves hundreds of MB to write back (its checkpoint); measured while the kernel wrote them, the
 * shell's import of the spells took 7.1–7.9 s instead of 4.4–4.9 s.
 */
function settleDisk(): void {
  spawnSync('sync');
}

function importInChild(
  file: string,
  databasePath: string,
): { ms: number; cpuMs: number; commitMs: number | null; commitCpuMs: number | null; checkpointMs: number; checkpointCpuMs: number; rows: number; peakMb: number; wallMs: number } {
  settleDisk();
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.resolve('bin/run-ts.cjs'), path.join(__dirname, 'import-child.ts'), file, databasePath], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`Import failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout.trim().split('\n').pop()!);
  return { ...parsed, wallMs: Date.now() - started };
}

/** The shell's `.import` into a table like ours: the same columns' worth of text and the same indexes. */
function shellImport(file: string, dir: string, table: 'spell' | 'event'): number | null {
  const shell = '/usr/bin/sqlite3';
  if (!fs.existsSync(shell)) return null;
  const databasePath = path.join(dir, `shell-${table}.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
  const schema =
    table === 'spell'
      ? 'CREATE TABLE s (cpr TEXT, kommune TEXT, gruppe TEXT, startdato TEXT, slutdato TEXT); CREATE INDEX s_cpr ON s(cpr, startdato);'
      : 'CREATE TABLE s (cpr TEXT, dato TEXT, haendelse TEXT, afholdt_af TEXT); CREATE INDEX s_cpr ON s(cpr, dato);';
  execFileSync(shell, [databasePath, `PRAGMA journal_mode = WAL; ${schema}`]);
  settleDisk();
  const started = process.hrtime.bigint();
  const timed = fs.existsSync('/usr/bin/time');
  const result = spawnSync(timed ? '/usr/bin/time' : shell, timed ? ['-f', 'cpu %U %S', shell, databasePath] : [databasePath], {
    input: `.mode csv\n.separator ;\n.import --skip 1 ${file} s\n`,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '');
  shellCpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null;
  return ms;
}

/** The shell's CPU time (user + system) of the last `.import`, from /usr/bin/time; null without it. */
let shellCpuMs: number | null = null;

/** One round of the spells file: its ratios against the shell, and the import's peak memory. */
interface Round {
  wall: number;
  cpu: number | null;
  peakMb: number;
  /** The commit: the derivation of the spells' windows (seconds). */
  derivation: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Prints one import against the shell; `recordFigures`: also hold its figures against the targets (false for the rounds of a median). */
function report(label: string, file: string, ours: ReturnType<typeof importInChild>, shellMs: number | null, recordFigures: boolean): void {
  const keep: typeof record = (...args) => (recordFigures ? record(...args) : undefined);
  console.log(`${label}: ${ours.rows.toLocaleString('en')} rows, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
  keep('import (citizens-import)', `${label}: peak memory of the import process`, ours.peakMb, 'MB', 600);
  // As in the app: the import answers, then its worker copies the pages from the WAL into the file (the
  // checkpoint). The shell's time includes its own checkpoint (when it closes the file), so the ratios add ours.
  const wholeMs = ours.ms + ours.checkpointMs;
  const wholeCpuMs = ours.cpuMs + ours.checkpointCpuMs;
  console.log(`  import:        ${ours.ms.toFixed(0)} ms to the answer (${ours.wallMs} ms with process start), ${Math.round(ours.rows / (ours.ms / 1000)).toLocaleString('en')} rows/s, CPU ${ours.cpuMs.toFixed(0)} ms, peak ${ours.peakMb.toFixed(0)} MB (target < 600 MB)`);
  console.log(`  then the checkpoint after the answer (in the import worker): ${ours.checkpointMs.toFixed(0)} ms, CPU ${ours.checkpointCpuMs.toFixed(0)} ms`);
  if (shellMs === null) console.log('  sqlite3 shell: not found at /usr/bin/sqlite3; no ratio');
  else {
    console.log(`  sqlite3 .import: ${shellMs.toFixed(0)} ms, ${Math.round(ours.rows / (shellMs / 1000)).toLocaleString('en')} rows/s`);
    // The spells file's answer includes the derivation of every window (its own target, < 10 s), which the
    // shell does not do: its rounds hold the 1.6× bar against the import before it (the line "before the commit").
    const wholeTarget = recordFigures ? 'target ≤ 1.6×' : 'the 1.6× bar is for the import before the derivation, below';
    console.log(`  ratio import (with its checkpoint) / sqlite3 shell: ${(wholeMs / shellMs).toFixed(2)}× (${wholeTarget})`);
    keep('import (citizens-import)', `${label}: whole import with its checkpoint / sqlite3 .import, wall`, wholeMs / shellMs, '×', 1.6, shellCpuMs ? `CPU ${(wholeCpuMs / shellCpuMs).toFixed(2)}×` : undefined);
    // On a shared machine wall time mostly measures the other load; CPU time is the steadier figure.
    if (shellCpuMs) console.log(`  CPU time: ours ${wholeCpuMs.toFixed(0)} ms with the checkpoint, shell ${shellCpuMs.toFixed(0)} ms, ratio ${(wholeCpuMs / shellCpuMs).toFixed(2)}×`);
    // cit-import: the commit of a citizen file derives every spell's window (issue 10's "cohort
    // derivation", its own target); what comes before it is the import proper: read, check, store, index.
    if (ours.commitMs !== null && ours.commitCpuMs !== null) {
      const beforeMs = ours.ms - ours.commitMs;
      const beforeCpuMs = ours.cpuMs - ours.commitCpuMs;
      console.log(`  of which the commit (derivation of the citizen windows, then COMMIT, before the answer): ${ours.commitMs.toFixed(0)} ms, CPU ${ours.commitCpuMs.toFixed(0)} ms`);
      keep('import (citizens-import)', `${label}: before the derivation (read, check, store), wall`, beforeMs / shellMs, '×', 1.6, shellCpuMs ? `CPU ${(beforeCpuMs / shellCpuMs).toFixed(2)}×` : undefined);
      // The wait (wall time): the derivation's sorts run on helper threads, so its CPU time is more (printed beside it).
      keep('import (citizens-import)', `${label}: derivation inside the import (commit), wall`, ours.commitMs / 1000, 's', 10, `CPU ${(ours.commitCpuMs / 1000).toFixed(1)} s`);
      console.log(
        `  before the commit (read, check, store, index): ${beforeMs.toFixed(0)} ms, ratio ${(beforeMs / shellMs).toFixed(2)}×` +
          (shellCpuMs ? `; CPU ${beforeCpuMs.toFixed(0)} ms, ratio ${(beforeCpuMs / shellCpuMs).toFixed(2)}×` : ''),
      );
    }
  }
}

export async function run() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-bench-citizens-'));
  try {
    const spells = Number(process.env.BENCH_SPELLS ?? 1_000_000);
    const events = Number(process.env.BENCH_EVENTS ?? 5_000_000);
    console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')} (the figures move with it)`);
    console.log(`Scale: ${spells.toLocaleString('en')} spells, ${events.toLocaleString('en')} events${spells < 1_000_000 || events < 5_000_000 ? ' (smaller than the issue\'s 1,000,000 / 5,000,000: set by BENCH_SPELLS / BENCH_EVENTS)' : ''}`);
    const { spellsCsv, eventsCsv } = writeFiles(dir, spells, events);
    // The spells file's ratio is near its target and this machine's wall times move by a third from one
    // minute to the next: the shell and ours take turns, BENCH_ROUNDS times (3 unless set), and the
    // median of the rounds' ratios is the figure held against the target (every round is printed).
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
    const spellRounds: Round[] = [];
    for (let round = 1; round <= rounds; round++) {
      const spellsDb = path.join(dir, 'spells.db');
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(spellsDb + suffix, { force: true });
      const spellShell = shellImport(spellsCsv, dir, 'spell');
      const cpuOfShell = shellCpuMs;
      const spellOurs = importInChild(spellsCsv, spellsDb);
      console.log(`Round ${round} of ${rounds}:`);
      report('Spells CSV', spellsCsv, spellOurs, spellShell, rounds === 1);
      if (spellShell !== null && spellOurs.commitMs !== null && spellOurs.commitCpuMs !== null) {
        spellRounds.push({
          wall: (spellOurs.ms - spellOurs.commitMs) / spellShell,
          cpu: cpuOfShell ? (spellOurs.cpuMs - spellOurs.commitCpuMs) / cpuOfShell : null,
          peakMb: spellOurs.peakMb,
          derivation: spellOurs.commitMs / 1000,
        });
      }
    }
    if (spellRounds.length > 1) {
      const walls = spellRounds.map((entry) => entry.wall);
      const cpus = spellRounds.map((entry) => entry.cpu).filter((value): value is number => value !== null);
      console.log(
        `Spells CSV over ${spellRounds.length} rounds, before the derivation / sqlite3 .import: wall ${walls.map((value) => value.toFixed(2)).join(', ')} (median ${median(walls).toFixed(2)}×)` +
          (cpus.length ? `; CPU ${cpus.map((value) => value.toFixed(2)).join(', ')} (median ${median(cpus).toFixed(2)}×)` : ''),
      );
      record('import (citizens-import)', `Spells CSV: peak memory of the import process (highest of ${spellRounds.length} rounds)`, Math.max(...spellRounds.map((entry) => entry.peakMb)), 'MB', 600);
      record(
        'import (citizens-import)',
        `Spells CSV: before the derivation / sqlite3 .import, wall (median of ${spellRounds.length})`,
        median(walls),
        '×',
        1.6,
        `${walls.map((value) => value.toFixed(2)).join(', ')}${cpus.length ? `; CPU median ${median(cpus).toFixed(2)}×` : ''}`,
      );
      const derivations = spellRounds.map((entry) => entry.derivation);
      record('import (citizens-import)', `Spells CSV: derivation inside the import (commit), wall (median of ${spellRounds.length})`, median(derivations), 's', 10, derivations.map((value) => value.toFixed(1)).join(', '));
    }
    const eventShell = shellImport(eventsCsv, dir, 'event');
    const eventOurs = importInChild(eventsCsv, path.join(dir, 'events.db'));
    report('Events CSV', eventsCsv, eventOurs, eventShell, true);
    // The app's order: the events into the store that holds the spells. This commit derives every window
    // from the spells and the events just imported (its event index read through the WAL, in the same
    // transaction), so it is the derivation a user waits for; the engine bench's is from a generated file.
    const together = importInChild(eventsCsv, path.join(dir, 'spells.db'));
    if (together.commitMs !== null && together.commitCpuMs !== null) {
      console.log(
        `Events CSV into the spells' store (the app's order): ${together.ms.toFixed(0)} ms to the answer, of which the commit ` +
          `(derivation of every window, then COMMIT) ${together.commitMs.toFixed(0)} ms, CPU ${together.commitCpuMs.toFixed(0)} ms (target < 10 s); then the checkpoint ${together.checkpointMs.toFixed(0)} ms`,
      );
      record('import (citizens-import)', 'events after the spells: derivation inside the import (commit), wall', together.commitMs / 1000, 's', 10, `CPU ${(together.commitCpuMs / 1000).toFixed(1)} s`);
    }
    // Undo of that events file (no target in the issue; printed so a slower undo shows): 5,000,000 rows
    // deleted, every window derived again, in the import worker while the app answers.
    settleDisk();
    const undone = spawnSync(process.execPath, [path.resolve('bin/run-ts.cjs'), path.join(__dirname, 'undo-child.ts'), path.join(dir, 'spells.db')], { encoding: 'utf8' });
    if (undone.status !== 0) throw new Error(`Undo failed: ${undone.stderr}`);
    const undo = JSON.parse(undone.stdout.trim().split('\n').pop()!) as { rows: number; ms: number; cpuMs: number; checkpointMs: number; peakMb: number };
    console.log(
      `Undo of the events file (${undo.rows.toLocaleString('en')} rows, then every window derived again): ${undo.ms.toFixed(0)} ms, CPU ${undo.cpuMs.toFixed(0)} ms; ` +
        `then the checkpoint ${undo.checkpointMs.toFixed(0)} ms; peak ${undo.peakMb.toFixed(0)} MB`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2]?.endsWith('citizens-import.bench.ts')) void run();
