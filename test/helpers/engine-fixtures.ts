import fs from 'node:fs';
import type { Db } from '../../src/main/services/store';
import { sharedExtractPath } from './import-files';

/** Hand-built measurements for golden tests, inserted as the importer would: one batch, many rows. */
export interface FixtureRow {
  code: number;
  group: string;
  month: string;
  measured: number | null;
  interviewsLacking?: number | null;
  offersLacking?: number | null;
  interviewsShare?: number | null;
  offersShare?: number | null;
  sourceForm?: 'counts' | 'shares';
}

let batchCounter = 0;

export function insertBatch(db: Db, fileName: string, kind = 'measurement'): number {
  batchCounter += 1;
  return Number(
    db
      .prepare(
        `INSERT INTO import_batch (file_name, file_size, sha256, kind, reader, imported_at, imported_by)
         VALUES (?, 0, ?, ?, 'test-fixture', '2024-01-01T00:00:00.000Z', 'test')`,
      )
      .run(fileName, `${fileName}-${process.pid}-${batchCounter}-${Math.random()}`, kind).lastInsertRowid,
  );
}

export function insertMeasurements(db: Db, rows: FixtureRow[], fileName = 'golden.xlsx'): number {
  const batchId = insertBatch(db, fileName);
  const insert = db.prepare(
    `INSERT INTO measurement (municipality_code, group_id, month, batch_id, measured, interviews_lacking, interviews_lacking_share,
       offers_lacking, offers_lacking_share, source_form) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const row of rows) {
      const form = row.sourceForm ?? 'counts';
      const share = (lacking: number | null | undefined, given: number | null | undefined) =>
        given ?? (form === 'counts' && lacking != null && row.measured ? lacking / row.measured : null);
      insert.run(
        row.code,
        row.group,
        row.month,
        batchId,
        row.measured,
        form === 'counts' ? (row.interviewsLacking ?? null) : null,
        share(row.interviewsLacking, row.interviewsShare),
        form === 'counts' ? (row.offersLacking ?? null) : null,
        share(row.offersLacking, row.offersShare),
        form,
      );
    }
  })();
  return batchId;
}

/** One row per month with the same measured count and the lacking counts given month by month. */
export function series(
  code: number,
  group: string,
  months: string[],
  measured: number | number[],
  interviewsLacking: number | number[],
  offersLacking: number | number[] | null = null,
): FixtureRow[] {
  const at = (value: number | number[], index: number) => (Array.isArray(value) ? value[index] : value);
  return months.map((month, index) => ({
    code,
    group,
    month,
    measured: at(measured, index),
    interviewsLacking: at(interviewsLacking, index),
    offersLacking: offersLacking === null ? null : at(offersLacking, index),
  }));
}

export const h2023 = ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];

/** `"9,08"` (percent, decimal comma) → 0.0908. */
function percentToFraction(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const value = typeof text === 'number' ? text : Number(String(text).replace(',', '.'));
  return Number.isFinite(value) ? value / 100 : null;
}

function pointsNumber(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined || text === '') return null;
  const value = typeof text === 'number' ? text : Number(String(text).replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** The shared extract, found beside the checkout wherever it is cloned (CI clones elsewhere). */
export const y30r21Path = sharedExtractPath();

/**
 * Reads the real Y30R21 extract (one JSON object per line) into `benchmark` under one batch,
 * as the importer on the import branch will: shares as fractions, difference in points.
 */
export function loadY30R21(db: Db, file = y30r21Path): { batchId: number; rows: number; unmatched: string[] } {
  const names = new Map(
    (db.prepare('SELECT code, name FROM municipality').all() as { code: number; name: string }[]).map((row) => [row.name.toLocaleLowerCase('da-DK'), row.code]),
  );
  const batchId = insertBatch(db, 'jobindsats-Y30R21-2023-08.ndjson', 'benchmark');
  const insert = db.prepare(
    `INSERT INTO benchmark (municipality_code, group_label, period, batch_id, expected_count, actual_count, difference_count,
       expected_share, actual_share, difference_points, benchmark_rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const unmatched = new Set<string>();
  let rows = 0;
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  db.transaction(() => {
    for (const line of lines) {
      const record = JSON.parse(line) as Record<string, string | number>;
      const field = (suffix: string) => record[Object.keys(record).find((key) => key.endsWith(suffix))!];
      const area = String(record.Area).replace(/ Kommune$/, '');
      const code = names.get(area.toLocaleLowerCase('da-DK'));
      if (code === undefined) {
        unmatched.add(area);
        continue;
      }
      insert.run(
        code,
        record.Ydelsesgrupper,
        record.Periode,
        batchId,
        field(': Forventet antal'),
        field(': Faktisk antal'),
        field(': Forskel mellem forventet og faktisk antal'),
        percentToFraction(field(': Forventet andel (pct.)')),
        percentToFraction(field(': Faktisk andel (pct.)')),
        pointsNumber(field('(pct. point)')),
        record['Placering på benchmarkranglisten'] ?? null,
      );
      rows += 1;
    }
  })();
  return { batchId, rows, unmatched: [...unmatched] };
}
