import type { Db } from '../store';
// cit-engine (issue 10): the derived citizen tables are rebuilt inside the import's transaction.
import { batchTouchesCitizens, rebuildCitizenDerived } from '../citizens/rebuild';
import type { ConvertedRow } from './convert';
import type { ImportKind } from './fields';
// citizens (issue 10)
import { isCitizenKind } from './citizen-fields';
import type { EventRow, SpellRow } from './citizen-rows';
import { citizenInserter } from './citizen-writer';

interface BatchMeta {
  fileName: string;
  fileSize: number;
  sha256: string;
  kind: ImportKind;
  reader: string;
  mappingJson: string;
  importedAt: string;
  importedBy: string;
}

export interface BatchWriter {
  batchId: number;
  /** `fraction`: how much of the file has been read when these rows are handed over (1 at the end; null when unknown). */
  insert(rows: ConvertedRow[], fraction?: number | null): void;
  /** cit-import (issue 10): how many rows to gather before the next insert, when the writer has a preference. */
  runSize?(): number;
  /** cit-import (issue 10): after the last insert, before anything reads the batch's rows (indexes built at the end). */
  endInserts(): void;
  /** Counts rows of this batch that replace the current rows of earlier batches, per batch. */
  replaced(): { batchId: number; fileName: string; rows: number }[];
  commit(counts: { rowsRead: number; rowsImported: number; rowsSkipped: number; rowsReplaced: number; reportJson: string }): void;
  rollback(): void;
}

const insertSql: Record<ImportKind, string> = {
  measurement: `INSERT INTO measurement (municipality_code, group_id, month, batch_id, measured, interviews_lacking, interviews_lacking_share, offers_lacking, offers_lacking_share, source_form)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  focus: `INSERT INTO focus_measurement (municipality_code, group_label, period, batch_id, measured, interviews_lacking, interviews_lacking_share, offers_lacking, offers_lacking_share, source_form)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  benchmark: `INSERT INTO benchmark (municipality_code, group_label, period, batch_id, expected_count, actual_count, difference_count, expected_share, actual_share, difference_points, benchmark_rank)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  supervision: `INSERT INTO supervision_entry (municipality_code, period_from, period_to, note, batch_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  // citizens (issue 10): a spells file may carry events too (one row per spell); both go through `citizen-writer.ts`.
  spells: 'SELECT 1',
  events: 'SELECT 1',
};

/** For each kind with keys: the table and its key columns, to find what a new batch replaces. */
const keyedTables: Partial<Record<ImportKind, { table: string; keys: string[] }>> = {
  measurement: { table: 'measurement', keys: ['municipality_code', 'group_id', 'month'] },
  focus: { table: 'focus_measurement', keys: ['municipality_code', 'group_label', 'period'] },
  benchmark: { table: 'benchmark', keys: ['municipality_code', 'group_label', 'period'] },
};

function compareMeasurementKeys(a: ConvertedRow, b: ConvertedRow): number {
  if (a.kind !== 'measurement' || b.kind !== 'measurement') return 0;
  return a.municipalityCode - b.municipalityCode || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0) || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0);
}

/**
 * One transaction per file, opened here and held across the reader's batches (the reader yields
 * to the event loop between them for progress and cancel); commit or rollback ends it. Nothing of
 * a file is visible in the store until the commit, and a rollback leaves the store as it was.
 */
export function beginBatch(db: Db, meta: BatchMeta): BatchWriter {
  // A big transaction spills pages to the WAL whenever the 2 MB default cache fills; a larger
  // cache while importing keeps a million-row file's B-tree in memory until the commit.
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  // citizens (issue 10): rows land in two indexes in random (citizen) order; a bigger cache keeps them in memory.
  if (isCitizenKind(meta.kind)) db.pragma('cache_size = -65536');
  else db.pragma('cache_size = -8192');
  const restoreCache = () => db.pragma(`cache_size = ${Number(previousCache)}`);
  db.exec('BEGIN IMMEDIATE');
  let open = true;
  try {
    const batchId = Number(
      db
        .prepare(
          `INSERT INTO import_batch (file_name, file_size, sha256, kind, reader, mapping_json, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(meta.fileName, meta.fileSize, meta.sha256, meta.kind, meta.reader, meta.mappingJson, meta.importedAt, meta.importedBy).lastInsertRowid,
    );
    const statement = db.prepare(insertSql[meta.kind]);
    // Many rows per statement: the per-call cost of the driver is paid once per 64 rows.
    const perStatement = 64;
    const measurementMany = meta.kind === 'measurement' ? db.prepare(insertSql.measurement.replace(/VALUES \(.*\)\s*$/s, `VALUES ${Array(perStatement).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`)) : null;
    const parameters: unknown[] = new Array(perStatement * 10);
    const citizens = isCitizenKind(meta.kind) ? citizenInserter(db, batchId) : null;
    return {
      batchId,
      insert(rows, fraction) {
        if (citizens) {
          citizens.insert(rows as (SpellRow | EventRow)[], fraction ?? null);
          return;
        }
        // Key order turns scattered B-tree inserts into mostly sequential ones.
        let start = 0;
        if (meta.kind === 'measurement' && measurementMany) {
          rows.sort(compareMeasurementKeys);
          for (; start + perStatement <= rows.length; start += perStatement) {
            let at = 0;
            for (let index = start; index < start + perStatement; index++) {
              const row = rows[index];
              if (row.kind !== 'measurement') continue;
              parameters[at++] = row.municipalityCode;
              parameters[at++] = row.groupId;
              parameters[at++] = row.month;
              parameters[at++] = batchId;
              parameters[at++] = row.measured;
              parameters[at++] = row.interviewsLacking;
              parameters[at++] = row.interviewsLackingShare;
              parameters[at++] = row.offersLacking;
              parameters[at++] = row.offersLackingShare;
              parameters[at++] = row.sourceForm;
            }
            measurementMany.run(parameters);
          }
        }
        for (let index = start; index < rows.length; index++) {
          const row = rows[index];
          switch (row.kind) {
            case 'measurement':
              statement.run(row.municipalityCode, row.groupId, row.month, batchId, row.measured, row.interviewsLacking, row.interviewsLackingShare, row.offersLacking, row.offersLackingShare, row.sourceForm);
              break;
            case 'focus':
              statement.run(row.municipalityCode, row.groupLabel, row.period, batchId, row.measured, row.interviewsLacking, row.interviewsLackingShare, row.offersLacking, row.offersLackingShare, row.sourceForm);
              break;
            case 'benchmark':
              statement.run(row.municipalityCode, row.groupLabel, row.period, batchId, row.expectedCount, row.actualCount, row.differenceCount, row.expectedShare, row.actualShare, row.differencePoints, row.rank);
              break;
            case 'supervision':
              statement.run(row.municipalityCode, row.periodFrom, row.periodTo, row.note, batchId, meta.importedAt, meta.importedBy);
              break;
            case 'spells':
            case 'events':
              break;
          }
        }
      },
      runSize: citizens ? () => citizens.runSize() : undefined,
      endInserts() {
        citizens?.finish();
      },
      replaced() {
        const keyed = keyedTables[meta.kind];
        if (!keyed) return [];
        const { table, keys } = keyed;
        if (!db.prepare(`SELECT 1 FROM ${table} WHERE batch_id < ? LIMIT 1`).get(batchId)) return [];
        const match = keys.map((key) => `o.${key} = n.${key}`).join(' AND ');
        return db
          .prepare(
            `SELECT r.previous AS batchId, b.file_name AS fileName, COUNT(*) AS rows FROM (
               SELECT (SELECT MAX(o.batch_id) FROM ${table} o WHERE ${match} AND o.batch_id < n.batch_id) AS previous
               FROM ${table} n WHERE n.batch_id = ?
             ) r JOIN import_batch b ON b.id = r.previous GROUP BY r.previous ORDER BY r.previous`,
          )
          .all(batchId) as { batchId: number; fileName: string; rows: number }[];
      },
      commit(counts) {
        citizens?.finish();
        db.prepare('UPDATE import_batch SET rows_read = ?, rows_imported = ?, rows_skipped = ?, rows_replaced = ?, report_json = ? WHERE id = ?').run(
          counts.rowsRead,
          counts.rowsImported,
          counts.rowsSkipped,
          counts.rowsReplaced,
          counts.reportJson,
          batchId,
        );
        // cit-engine (issue 10): spells or events imported → their windows and monthly counts, committed with them.
        if (batchTouchesCitizens(db, batchId)) rebuildCitizenDerived(db);
        db.exec('COMMIT');
        open = false;
        restoreCache();
      },
      rollback() {
        if (open && db.inTransaction) db.exec('ROLLBACK');
        if (open) restoreCache();
        open = false;
      },
    };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    restoreCache();
    throw error;
  }
}
