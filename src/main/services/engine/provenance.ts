import type { BatchRef } from '../../../shared/api/engine';
import type { Db } from '../store';
import { EngineError } from './engine-error';
import { engineWords } from '../../../shared/engine-words-da';

/** The import batches behind a set of numbers, newest first. */
export function batchRefs(db: Db, batchIds: Iterable<number>): BatchRef[] {
  const ids = [...new Set(batchIds)];
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT id, file_name AS fileName, sha256, kind, imported_at AS importedAt, is_demo AS isDemo
       FROM import_batch WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC`,
    )
    .all(JSON.stringify(ids)) as (Omit<BatchRef, 'isDemo'> & { isDemo: number })[];
  return rows.map((row) => ({ ...row, isDemo: row.isDemo === 1 }));
}

/** Batches behind the current measurements of the given months (optionally one municipality). */
export function measurementBatches(db: Db, months: string[], code?: number): BatchRef[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT batch_id AS id FROM measurement_current
       WHERE month IN (SELECT value FROM json_each(?)) AND (? IS NULL OR municipality_code = ?)`,
    )
    .all(JSON.stringify(months), code ?? null, code ?? null) as { id: number }[];
  return batchRefs(
    db,
    rows.map((row) => row.id),
  );
}

/**
 * cit-engine (issue 10): the batches behind counts derived from citizen data: every file of spells
 * or events still stored (the derivation reads all of them).
 */
export function citizenBatches(db: Db): BatchRef[] {
  const rows = db
    // One probe of each batch index per import batch, never a scan of millions of rows.
    .prepare(
      `SELECT b.id FROM import_batch b
       WHERE EXISTS (SELECT 1 FROM citizen_spell s WHERE s.batch_id = b.id) OR EXISTS (SELECT 1 FROM citizen_event e WHERE e.batch_id = b.id)`,
    )
    .all() as { id: number }[];
  return batchRefs(
    db,
    rows.map((row) => row.id),
  );
}

/** The Danish line that says a result was made from citizen data, not from Jobindsats' published counts. */
export function citizenSourceLine(batches: BatchRef[]): string {
  return engineWords.citizenSource(batches.map((batch) => batch.fileName).join(', '));
}

/** citizen-models (issue 10): a model run on citizen data when none is imported is refused in Danish, never shown as empty. */
export function requireCitizenData(db: Db): void {
  if (!db.prepare('SELECT 1 FROM citizen_spell LIMIT 1').get()) throw new EngineError('no-citizen-data', engineWords.noCitizenData);
}
