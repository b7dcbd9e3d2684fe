import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDemoData } from '../src/main/services/demo-data';
import { compareRuleSets, municipalityDetail } from '../src/main/services/engine/drill-down';
import { copyRuleSet } from '../src/main/services/engine/rule-sets';
import { evaluateEarly2021 } from '../src/main/services/engine/early-2021';
import { evaluateEarly2023 } from '../src/main/services/engine/early-2023';
import { addMonths } from '../src/shared/periods';
import { evaluateStatus } from '../src/main/services/engine/status';
import { openStore } from '../src/main/services/store';

/** Median of a few runs, after one warm-up: the machine is shared, so single runs are noisy. */
function measure(label: string, runs: number, work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(62)} median ${median.toFixed(1)} ms  (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}, ${runs} runs)`);
  return median;
}

export function run(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-bench-'));
  const db = openStore(path.join(dir, 'bench.db'));
  try {
    const loaded = loadDemoData(db);
    console.log(`demo data: ${loaded.rows} measurement rows (98 municipalities × 9 groups × 42 months)`);
    const one = measure('model A, 98 municipalities, one half-year (2023H2)', 15, () => evaluateEarly2023(db, '2023H2'));
    console.log(`  target < 100 ms: ${one < 100 ? 'met' : 'NOT met'}`);
    const whatIf = copyRuleSet(db, 'early-2023', 'bench 25 %', { threshold: 0.25 });
    const months = Array.from({ length: 36 }, (_, index) => addMonths('2022-03', index));
    measure('model B, 36 consecutive monthly evaluations (2022-03 … 2025-02)', 5, () => {
      for (const month of months) evaluateEarly2021(db, month);
    });
    measure('model D, status 2024-12 against 2023-12', 15, () => evaluateStatus(db, '2024-12', '2023-12'));
    measure('one municipality’s drill-down (101, 2023H2)', 15, () => municipalityDetail(db, 101, '2023H2'));
    measure('what-if: built-in against a 25 % copy (2023H2)', 10, () => compareRuleSets(db, 'early-2023', whatIf.id, '2023H2'));
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
