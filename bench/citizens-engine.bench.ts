import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSession } from '../src/main/handlers/session';
import type { Db } from '../src/main/services/store';

/**
 * Generates spells and events straight in SQLite (one batch each), in one statement per table:
 * citizens with CPR-like ids, the 98 municipalities, the 9 groups, starts 2022-01 to 2025-06,
 * a third still running, events inside and around the windows (some a-kasse, some duplicates,
 * half with the spell's reference).
 */
export function generateCitizenData(db: Db, spells: number, eventsPerSpell: number): void {
  const batch = (kind: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO import_batch (file_name, file_size, sha256, kind, reader, imported_at, imported_by) VALUES (?, 0, ?, ?, 'bench', '2025-07-01T00:00:00.000Z', 'bench')`,
        )
        .run(`bench-${kind}.csv`, `bench-${kind}-${Date.now()}-${Math.random()}`, kind).lastInsertRowid,
    );
  db.transaction(() => {
    const spellBatch = batch('spells');
    const eventBatch = batch('events');
    db.exec('DROP TABLE IF EXISTS temp.bench_code; DROP TABLE IF EXISTS temp.bench_group');
    db.exec('CREATE TEMP TABLE bench_code AS SELECT ROW_NUMBER() OVER (ORDER BY code) - 1 AS n, code FROM municipality');
    db.exec('CREATE TEMP TABLE bench_group AS SELECT ROW_NUMBER() OVER (ORDER BY sort_order) - 1 AS n, id FROM benefit_group');
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @spells - 1),
       s AS MATERIALIZED (SELECT i, abs(random()) % 1277 AS start_day, abs(random()) % 3 AS running, 30 + abs(random()) % 400 AS length FROM n)
       INSERT INTO citizen_spell (batch_id, source_row, citizen_id, spell_ref, municipality_code, group_id, start_date, end_date)
       SELECT @batch, i + 2, printf('%06d-%04d', 10100 + (i / 2) % 889900, (i / 2) % 10000),
         'F' || i, (SELECT code FROM temp.bench_code WHERE n = i % 98), (SELECT id FROM temp.bench_group WHERE n = (i / 98) % 9),
         date('2022-01-01', '+' || start_day || ' days'),
         CASE WHEN running = 0 THEN NULL ELSE date('2022-01-01', '+' || (start_day + length) || ' days') END
       FROM s`,
    ).run({ spells, batch: spellBatch });
    db.prepare(
      `WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < @per - 1)
       INSERT INTO citizen_event (batch_id, source_row, citizen_id, spell_ref, event_date, kind, held_by, offer_type)
       SELECT @batch, s.id * @per + k.j, s.citizen_id, CASE WHEN k.j % 2 = 0 THEN s.spell_ref END,
         date(s.start_date, '+' || (abs(random()) % 200) || ' days'),
         CASE WHEN abs(random()) % 5 = 0 THEN 'offer' ELSE 'interview' END AS kind,
         NULL, NULL
       FROM citizen_spell s CROSS JOIN k WHERE s.batch_id = @spellBatch`,
    ).run({ per: eventsPerSpell, batch: eventBatch, spellBatch });
    db.prepare(
      `UPDATE citizen_event SET held_by = CASE WHEN abs(random()) % 7 = 0 THEN 'a-kasse' ELSE 'jobcenter' END, offer_type = NULL WHERE kind = 'interview' AND batch_id = ?`,
    ).run(eventBatch);
    db.exec('DROP TABLE temp.bench_code; DROP TABLE temp.bench_group');
  })();
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsatsmonitor-bench-citizens-'));
  const session = openSession(path.join(dir, 'bench.db'));
  try {
    const started = performance.now();
    generateCitizenData(session.db, 1_000_000, 5);
    console.log(`generated 1,000,000 spells and 5,000,000 events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
