import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../src/main/services/demo-data';
import { openStore, type Db } from '../../src/main/services/store';

/**
 * Kills a writing child process with SIGKILL at random moments, then checks what it left:
 * the database must open (with the start check), pass `PRAGMA integrity_check` and the
 * foreign-key check, and satisfy the caller's "whole batch or none" check.
 */
export interface CrashKillOptions {
  databasePath: string;
  /** Arguments after the child script: mode and its arguments (see fixtures/crash-child.ts). */
  childArgs: string[];
  kills: number;
  /** Seed of the delays, printed with every failure so a run can be repeated. */
  seed: number;
  /** Kill this long after the child said `ready`: uniformly in [minDelayMs, maxDelayMs]. */
  minDelayMs?: number;
  maxDelayMs: number;
  /**
   * Aim some kills at the write itself: for every kill whose number is divisible by `every`,
   * the clock starts when the WAL first passes `walBytes` (pages of the open transaction
   * spilling to disk), and the kill follows uniformly within `windowMs`. Wall-clock aiming alone
   * misses a short write on a busy machine.
   */
  aimAtWrite?: { every: number; walBytes: number; windowMs: number };
  /** Throws if the state is not acceptable (e.g. half a batch); may name the state it found ("whole batch", "none"). */
  verify(db: Db): string | void;
  /** Puts the database back before each kill (e.g. copies a prepared file); default: keep going on the same one. */
  reset?(): void;
}

export interface CrashKillResult {
  kill: number;
  /** After `ready`, or after the WAL started to grow when the kill was aimed at the write. */
  delayMs: number;
  aimedAtWrite: boolean;
  /** The child's last line before the kill: where it landed (`begin demo.load` = in the write). */
  lastLine: string;
  /** Size of the -wal file the kill left: frames of an unfinished transaction are in it. */
  walBytesAtKill: number;
  survived: boolean;
  /** What `verify` found, when it says. */
  state?: string;
  problem?: string;
}

const root = path.resolve(__dirname, '..', '..');
const childScript = path.join(__dirname, 'fixtures', 'crash-child.ts');

function runAndKill(args: string[], delayMs: number, startOnWal: { file: string; bytes: number } | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'run-ts.cjs'), childScript, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    let timer: NodeJS.Timeout | null = null;
    let poll: NodeJS.Timeout | null = null;
    const startClock = () => {
      timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (timer || poll || !output.includes('ready\n')) return;
      if (!startOnWal) return startClock();
      poll = setInterval(() => {
        const grown = fs.existsSync(startOnWal.file) && fs.statSync(startOnWal.file).size > startOnWal.bytes;
        // A child that finished without the WAL ever growing is killed where it stands.
        if (grown || output.includes('\ndone ')) {
          clearInterval(poll!);
          startClock();
        }
      }, 2);
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      if (signal !== 'SIGKILL') reject(new Error(`the child ended by itself before the kill: ${errors.trim() || output.slice(-200)}`));
      else resolve(output.trim().split('\n').at(-1) ?? '');
    });
  });
}

/**
 * Runs the child once to the end and times it from `ready`: until `doneLine`, and until its
 * WAL first grew past 256 kB (the write transaction has started spilling pages), so the kills
 * can be aimed at the window that matters.
 */
export function timeChild(args: string[], doneLine: string, databasePath: string): Promise<{ doneMs: number; writeStartMs: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'run-ts.cjs'), childScript, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let readyAt = 0;
    let writeStartMs: number | null = null;
    const wal = `${databasePath}-wal`;
    const poll = setInterval(() => {
      if (readyAt && writeStartMs === null && fs.existsSync(wal) && fs.statSync(wal).size > 256 * 1024) writeStartMs = Date.now() - readyAt;
    }, 5);
    const finish = (outcome: () => void) => {
      clearInterval(poll);
      child.kill('SIGKILL');
      outcome();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!readyAt && output.includes('ready\n')) readyAt = Date.now();
      if (output.includes(`${doneLine}\n`)) finish(() => resolve({ doneMs: Date.now() - readyAt, writeStartMs }));
      else if (/\nfailed /.test(output)) finish(() => reject(new Error(output.trim())));
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      if (signal !== 'SIGKILL') reject(new Error(`the child ended before "${doneLine}": ${output.slice(-300)}`));
    });
  });
}

export async function runCrashKills(options: CrashKillOptions): Promise<CrashKillResult[]> {
  const random = seededRandom(options.seed);
  const minDelay = options.minDelayMs ?? 0;
  const results: CrashKillResult[] = [];
  for (let kill = 1; kill <= options.kills; kill++) {
    const aim = options.aimAtWrite && kill % options.aimAtWrite.every === 0 ? options.aimAtWrite : null;
    const delayMs = aim ? Math.round(random() * aim.windowMs) : Math.round(minDelay + random() * (options.maxDelayMs - minDelay));
    options.reset?.();
    const lastLine = await runAndKill(options.childArgs, delayMs, aim ? { file: `${options.databasePath}-wal`, bytes: aim.walBytes } : null);
    const wal = `${options.databasePath}-wal`;
    const walBytesAtKill = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
    let problem: string | undefined;
    let state: string | undefined;
    let db: Db | null = null;
    try {
      db = openStore(options.databasePath);
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`integrity_check: ${String(integrity)}`);
      const orphans = db.pragma('foreign_key_check') as unknown[];
      if (orphans.length > 0) throw new Error(`foreign_key_check: ${orphans.length} rows point nowhere`);
      state = options.verify(db) ?? undefined;
    } catch (error) {
      problem = `${(error as Error).message} (seed ${options.seed}, kill ${kill}, ${delayMs} ms, last line "${lastLine}")`;
    } finally {
      db?.close();
    }
    results.push({ kill, delayMs, aimedAtWrite: !!aim, lastLine, walBytesAtKill, survived: !problem, state, problem });
  }
  return results;
}
