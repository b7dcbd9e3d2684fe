import { runCli } from '../../src/cli/main';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * fast-lane (issue 15, point 6): the real CLI (`runCli`, what bin/indsatsmonitor.cjs calls) in
 * this process, with its exit status and what it wrote to stdout and stderr line for line as the
 * process would (`text\n` per line). A fresh process costs about two CPU-seconds of tsx start-up;
 * test/unit/cli.test.ts keeps real processes of the binary itself.
 */
export async function runCliInProcess(args: string[]): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli(args, { out: (text) => stdout.push(`${text}\n`), err: (text) => stderr.push(`${text}\n`) });
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}
