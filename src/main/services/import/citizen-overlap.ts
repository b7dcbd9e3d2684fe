import type { Db } from '../store';
import type { Surface } from '../../../shared/enums';
import { FileProblem } from './readers';
import { citizenWords } from '../../../shared/citizen-words-da';

/**
 * citizens (issue 10): a spells file that repeats spells already stored from an earlier file (same
 * citizen, benefit group and start date) would count those citizens twice in every cohort. Inside
 * the import's transaction, before the commit, the repeats are counted per earlier file and the
 * import is refused in plain Danish, saying what to do. Nothing is stored (the caller rolls back).
 */
export function refuseOverlap(db: Db, batchId: number, surface: Surface = 'app'): void {
  if (!db.prepare('SELECT 1 FROM citizen_spell WHERE batch_id <> ? LIMIT 1').get(batchId)) return;
  const earlier = db
    .prepare(
      `SELECT o.batch_id AS batchId, b.file_name AS fileName, COUNT(*) AS rows
       FROM citizen_spell n
       JOIN citizen_spell o ON o.citizen_id = n.citizen_id AND o.start_date = n.start_date AND o.group_id = n.group_id AND o.batch_id <> n.batch_id
       JOIN import_batch b ON b.id = o.batch_id
       WHERE n.batch_id = ?
       GROUP BY o.batch_id ORDER BY o.batch_id`,
    )
    .all(batchId) as { batchId: number; fileName: string; rows: number }[];
  if (earlier.length === 0) return;
  const total = (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM citizen_spell n
         WHERE n.batch_id = ? AND EXISTS (SELECT 1 FROM citizen_spell o WHERE o.citizen_id = n.citizen_id AND o.start_date = n.start_date AND o.group_id = n.group_id AND o.batch_id <> n.batch_id)`,
      )
      .get(batchId) as { n: number }
  ).n;
  throw new FileProblem('citizen-overlap', citizenWords.overlap(total, earlier, surface === 'cli'), { overlap: { rows: total, batches: earlier } });
}
