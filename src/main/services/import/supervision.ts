import type { SupervisionEntryRow } from '../../../shared/api/import';
import { currentUserName, nowIso, type Db } from '../store';
import { parsePeriod } from './periods';
import { FileProblem } from './readers';
import { buildReferenceLookup } from './reference-lookup';
import { importWords } from '../../../shared/import-words-da';

/** The enhanced-supervision list (used for exemptions): imported rows and rows entered in the app. */
export function listSupervision(db: Db): SupervisionEntryRow[] {
  return db
    .prepare(
      `SELECT s.id, s.municipality_code AS municipalityCode, m.name AS municipalityName, s.period_from AS periodFrom, s.period_to AS periodTo,
              s.note, s.batch_id AS batchId, s.created_at AS createdAt, s.created_by AS createdBy
       FROM supervision_entry s JOIN municipality m ON m.code = s.municipality_code
       WHERE s.removed_at IS NULL ORDER BY m.name, s.period_from`,
    )
    .all() as SupervisionEntryRow[];
}

export function addSupervision(db: Db, input: { municipality: number | string; periodFrom: string; periodTo?: string | null; note?: string | null }): SupervisionEntryRow {
  const lookup = buildReferenceLookup(db);
  const code = lookup.municipality(typeof input.municipality === 'number' ? input.municipality : input.municipality);
  if (code === null) throw new FileProblem('unknown-municipality', importWords.rows.unknownMunicipality(String(input.municipality), []));
  const from = parsePeriod(input.periodFrom);
  if (!from) throw new FileProblem('bad-period', importWords.supervisionList.badPeriod(input.periodFrom));
  const to = input.periodTo ? parsePeriod(input.periodTo) : null;
  if (input.periodTo && !to) throw new FileProblem('bad-period', importWords.supervisionList.badPeriodTo(input.periodTo));
  if (to && to.kind === from.kind && to.value < from.value) throw new FileProblem('bad-period', importWords.supervisionList.endBeforeStart);
  const id = Number(
    db
      .prepare('INSERT INTO supervision_entry (municipality_code, period_from, period_to, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(code, from.value, to?.value ?? null, input.note?.trim() || null, nowIso(), currentUserName()).lastInsertRowid,
  );
  return listSupervision(db).find((row) => row.id === id)!;
}

/** Marks an entry removed (kept for the record: who removed it and when). */
export function removeSupervision(db: Db, id: number): boolean {
  const result = db
    .prepare('UPDATE supervision_entry SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL')
    .run(nowIso(), currentUserName(), id);
  if (result.changes === 0) throw new FileProblem('not-found', importWords.supervisionList.notFound);
  return true;
}
