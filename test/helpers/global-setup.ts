import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * fast-lane (issue 15, point 6): one folder per test run for the prebuilt demo store
 * (test/helpers/demo-store.ts builds it there on first use), removed when the run ends.
 */
export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-demo-template-'));
  project.provide('demoTemplateDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplateDir: string;
  }
}
