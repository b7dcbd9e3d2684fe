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
  /** Throws if the state is not acceptable (e.g. half a batch). */
  verify(db: Db): void;
  /** Puts the database back before each kill (e.g. copies a prepared file); default: keep going on the same one. */
  reset?(): void;
}

export interface CrashKillResult {
  kill: number;
  delayMs: number;
  /** The child's last line before the kill: where it landed (`begin demo.load` = in the write). */
  lastLine: string;
  /** Size of the -wal file the kill left: frames of an unfinished transaction are in it. */
  walBytesAtKill: number;
  survived: boolean;
  problem?: string;
}

const root = path.resolve(__dirname, '..', '..');
const childScript = path.join(__dirname, 'fixtures', 'crash-child.ts');

function runAndKill(args: string[], delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'run-ts.cjs'), childScript, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!timer && output.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the child ended by itself before the kill: ${errors.trim() || output.slice(-200)}`));
      else resolve(output.trim().split('\n').at(-1) ?? '');
    });
  });
}

/** Runs the child until it prints `doneLine`, and returns the time from `ready` to then (to aim the kills). */
export function timeChild(args: string[], doneLine: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'run-ts.cjs'), childScript, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let readyAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!readyAt && output.includes('ready\n')) readyAt = Date.now();
      if (output.includes(`${doneLine}\n`)) {
        const elapsed = Date.now() - readyAt;
        child.kill('SIGKILL');
        resolve(elapsed);
      } else if (/\nfailed /.test(output)) {
        child.kill('SIGKILL');
        reject(new Error(output.trim()));
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the child ended before "${doneLine}": ${output.slice(-300)}`));
    });
  });
}

export async function runCrashKills(options: CrashKillOptions): Promise<CrashKillResult[]> {
  const random = seededRandom(options.seed);
  const minDelay = options.minDelayMs ?? 0;
  const results: CrashKillResult[] = [];
  for (let kill = 1; kill <= options.kills; kill++) {
    const delayMs = Math.round(minDelay + random() * (options.maxDelayMs - minDelay));
    options.reset?.();
    const lastLine = await runAndKill(options.childArgs, delayMs);
    const wal = `${options.databasePath}-wal`;
    const walBytesAtKill = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
    let problem: string | undefined;
    let db: Db | null = null;
    try {
      db = openStore(options.databasePath);
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`integrity_check: ${String(integrity)}`);
      const orphans = db.pragma('foreign_key_check') as unknown[];
      if (orphans.length > 0) throw new Error(`foreign_key_check: ${orphans.length} rows point nowhere`);
      options.verify(db);
    } catch (error) {
      problem = `${(error as Error).message} (seed ${options.seed}, kill ${kill}, ${delayMs} ms, last line "${lastLine}")`;
    } finally {
      db?.close();
    }
    results.push({ kill, delayMs, lastLine, walBytesAtKill, survived: !problem, problem });
  }
  return results;
}
