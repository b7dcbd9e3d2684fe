import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../src/main/handlers';
import { openSession } from '../src/main/handlers/session';
import { loadDemoData } from '../src/main/services/demo-data';
import type { CallName } from '../src/shared/api';
import { loadY30R21 } from '../test/helpers/engine-fixtures';

/** Median of a few runs after one warm-up, through the handler table (validation and envelope included). */
async function measure(label: string, runs: number, name: CallName, args: unknown, target: number | null = 100): Promise<number> {
  const once = async () => {
    const envelope = await dispatch(session!, name, args);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  };
  await once();
  const times: number[] = [];
  // models-finish: this process's CPU time too, the figure that holds when other work shares the machine.
  const cpu: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await once();
    times.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const cpuMedian = cpu[Math.floor(cpu.length / 2)];
  console.log(
    `${label.padEnd(66)} median ${median.toFixed(1)} ms  (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}, ${runs} runs; CPU median ${cpuMedian.toFixed(1)} ms)${target === null ? '' : `  target < ${target} ms: ${median < target ? 'met' : cpuMedian < target ? 'met in CPU time (the machine was busy)' : 'NOT met'}`}`,
  );
  return median;
}

let session: ReturnType<typeof openSession> | null = null;

/** Each model screen's data calls on the demo data (and the real Y30R21 extract for model C). */
export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-bench-models-'));
  session = openSession(path.join(dir, 'bench.db'));
  try {
    loadDemoData(session.db);
    loadY30R21(session.db);
    await measure('screen calls: periods.available (every screen\'s pickers)', 15, 'periods.available', {});
    await measure('screen calls: ruleSets.list (the rule-set pickers)', 15, 'ruleSets.list', {});
    // models-finish: every screen's data call on the demo data (issue 13, Speed), and the contact list.
    await measure('overview screen: evaluate.early2023 2023H2', 15, 'evaluate.early2023', { period: '2023H2' });
    await measure('municipality screen: municipality.detail 101 2023H2', 15, 'municipality.detail', { code: 101, period: '2023H2' });
    await measure('benefit-group screen: benefitGroup.detail dagpenge 2023H2', 15, 'benefitGroup.detail', { groupId: 'dagpenge', period: '2023H2' });
    await measure('Kommuner screen: municipalities.list', 15, 'municipalities.list', {});
    await measure('export: export.contactList 2023H2 (.xlsx, 3 sheets)', 7, 'export.contactList', { period: '2023H2' }, 300);
    await measure('model B screen: evaluate.early2021 2023-09 (findings, grouping, ladder)', 15, 'evaluate.early2021', { period: '2023-09' });
    await measure('model C screen: evaluate.supervision 2021QMAT02 (98 rows, status)', 15, 'evaluate.supervision', { period: '2021QMAT02' });
    await measure('model D screen: evaluate.status 2024-12 against 2023-12', 15, 'evaluate.status', { period: '2024-12', baseline: '2023-12' });
    await measure('CLI/export: evaluate.model early-2021 2023-09 (tables)', 10, 'evaluate.model', { model: 'early-2021', period: '2023-09' });
    await measure('export: export.modelList early-2021 2023-09 (.xlsx bytes)', 5, 'export.modelList', { model: 'early-2021', period: '2023-09' }, null);
    await measure('export: export.modelList supervision 2021QMAT02 (.xlsx bytes)', 5, 'export.modelList', { model: 'supervision', period: '2021QMAT02' }, null);
    await measure('export: export.modelList status 2024-12/2023-12 (.xlsx bytes)', 5, 'export.modelList', { model: 'status', period: '2024-12', baseline: '2023-12' }, null);
  } finally {
    session.close();
    session = null;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
