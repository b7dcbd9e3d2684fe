/**
 * The desk's heavy calls on the demo data: the overview's evaluation, one municipality's
 * drill-down, the contact list (.xlsx, three sheets) and a 98-row "this view" export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testClient } from '../test/helpers/api';
import { loadDemoIfFirstStart } from '../src/main/handlers/core-handlers';
import { openSession } from '../src/main/handlers/session';
import { contactsByMunicipality } from '../src/main/services/contacts/contacts';
import { evaluateEarly2023 } from '../src/main/services/engine/early-2023';
import { groupMonthsByMunicipality } from '../src/main/services/engine/group-months';
import { writeContactList } from '../src/main/services/export/contact-list';
import type { EarlyEffortEvaluation } from '../src/shared/api/engine';

async function timed(label: string, times: number, action: () => Promise<unknown>): Promise<unknown> {
  let last: unknown;
  const durations: number[] = [];
  // models-finish: also this process's CPU time, the figure that holds on a machine shared with other work.
  const cpu: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    last = await action();
    durations.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  durations.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(`${label.padEnd(48)} median ${durations[Math.floor(durations.length / 2)].toFixed(1)} ms  (n=${times}, min ${durations[0].toFixed(1)}, max ${durations.at(-1)!.toFixed(1)}; CPU median ${cpu[Math.floor(cpu.length / 2)].toFixed(1)} ms)`);
  return last;
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-bench-'));
  const session = openSession(path.join(dir, 'bench.db'));
  try {
    loadDemoIfFirstStart(session);
    const call = testClient(session);
    await timed('evaluate.early2023 2023H2 (overview)', 10, () => call('evaluate.early2023', { period: '2023H2' }));
    await timed('municipality.detail 101 2023H2 (drill-down)', 10, () => call('municipality.detail', { code: 101, period: '2023H2' }));
    const list = (await timed('export.contactList 2023H2 (.xlsx, 3 sheets)', 15, () => call('export.contactList', { period: '2023H2' }))) as { rows: number; contentBase64: string };
    console.log(`  contact list: ${list.rows} municipalities, ${Math.round((list.contentBase64.length * 3) / 4 / 1024)} KiB (target: under 300 ms, issue 13; each screen's data call under 100 ms)`);
    // decisions: the contact list's data in batch queries (evaluation + group × month for all + contacts),
    // against the former path (one municipality.detail per municipality on the list), and the writer on its own.
    const evaluation = (await call('evaluate.early2023', { period: '2023H2' })) as EarlyEffortEvaluation;
    await timed('contact list data, batch (evaluate + 1 query)', 5, async () => {
      const evaluated = evaluateEarly2023(session.db, '2023H2');
      // As the handler does: the group × month figures of the listed municipalities only.
      groupMonthsByMunicipality(session.db, '2023H2', undefined, evaluated.municipalities.filter((row) => row.toContact).map((row) => row.code));
      contactsByMunicipality(session.db);
      return evaluated;
    });
    const listed = evaluation.municipalities.filter((row) => row.toContact);
    await timed(`contact list data, former way (${listed.length} drill-downs)`, 1, async () => {
      for (const row of listed) await call('municipality.detail', { code: row.code, period: '2023H2' });
    });
    const groupMonths = groupMonthsByMunicipality(session.db, '2023H2', undefined, listed.map((row) => row.code));
    const details = listed.map((row) => ({ code: row.code, name: row.name, groupMonths: groupMonths.get(row.code) ?? [] }));
    await timed('contact list writer only (exceljs, 3 sheets)', 3, () => writeContactList({ evaluation, ruleSetName: 'bench', details, madeBy: 'bench', madeAt: new Date() }));
    console.log(`  load average while measuring: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
    const columns = Array.from({ length: 20 }, (_, i) => ({ header: `Kolonne ${i}`, kind: i % 2 ? ('share' as const) : ('text' as const) }));
    const rows = Array.from({ length: 98 }, (_, r) => columns.map((column, c) => (column.kind === 'share' ? (r * c) / 2000 : `Kommune ${r}`)));
    await timed('export.view 98 × 20 (.xlsx)', 5, () => call('export.view', { title: 'Bench', format: 'xlsx', columns, rows }));
    await timed('export.view 98 × 20 (CSV)', 5, () => call('export.view', { title: 'Bench', format: 'csv', columns, rows }));
  } finally {
    session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
