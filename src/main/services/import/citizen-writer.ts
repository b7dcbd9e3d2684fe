import type { Db } from '../store';
import { dropSecondaryIndexes, rebuildIndexesFrom, recreateIndexes, type DroppedIndex } from './bulk-indexes';
import type { EventRow, SpellRow } from './citizen-rows';

/**
 * citizens (issue 10): inserts spells and events of one batch. Many rows per statement, as the
 * measurement writer does: the driver's per-call cost is paid once per 64 rows.
 *
 * Two ways to keep the indexes, chosen per table at the first run of rows:
 * - **Rebuilt** (cit-import): when the file brings at least as many rows as the table holds (the
 *   first import, or one bigger than all before it), the table's indexes are dropped inside the
 *   import's transaction, the rows go in (events in file order; spells sorted by citizen in runs
 *   of 200,000, so the derivation finds them together), and `finish()` creates the same indexes
 *   again (their own SQL, read from the schema) before anything reads them: one sort per index
 *   instead of a random B-tree insert per row and index (measured: 1,000,000 events 6.9 s → 4.4 s
 *   CPU). A rollback (a refused file, a cancel) brings the indexes back with everything else.
 * - **Kept**: a small file into a big table. Each run of rows is sorted by citizen id first (a
 *   stable sort: one citizen's rows keep the file's order), so the citizen index grows by
 *   near-sequential inserts instead of random ones.
 * Either way one citizen's rows get ids in the file's order; `source_row` keeps where each stood.
 */
const spellColumns = '(batch_id, source_row, citizen_id, spell_ref, municipality_code, group_id, start_date, end_date)';
const eventColumns = '(batch_id, source_row, citizen_id, spell_ref, event_date, kind, held_by, offer_type)';
const perStatement = 64;
const width = 8;
/** Rows gathered before an insert while indexes are kept: bigger sorted runs sweep the index fewer times. */
const sortedRun = 400_000;
/** Spells gathered before an insert when their indexes are rebuilt: sorted runs this long keep one citizen's rows together in the table. */
const spellRun = 200_000;
/** Rows gathered before the first insert (which decides) and after it when indexes are rebuilt at the end: few, so rows die young (cheap to collect). */
const plainRun = 20_000;

interface CitizenInserter {
  /** `fraction`: how much of the file is read when these rows come (1 at the end, null when unknown). */
  insert(rows: readonly (SpellRow | EventRow)[], fraction: number | null): void;
  /** How many rows the caller should gather before the next `insert`. */
  runSize(): number;
  /** After the last insert: creates the indexes dropped for the bulk insert (no-op otherwise; safe to call twice). */
  finish(): void;
}

const byCitizen = (a: SpellRow | EventRow, b: SpellRow | EventRow) => (a.citizenId < b.citizenId ? -1 : a.citizenId > b.citizenId ? 1 : 0);

/**
 * The rows sorted by citizen id, stably (one citizen's rows keep the file's order). CPR-shaped ids
 * (`ddmmyy-xxxx`, nearly every file) order as the number of their ten digits does; that number
 * times the run's length plus the row's place, in a Float64Array, sorts natively without a
 * comparator (cit-import: a tenth of the time for 200,000 rows). Any other id: the comparator.
 */
export function sortedByCitizen<Row extends SpellRow | EventRow>(rows: readonly Row[]): Row[] {
  const count = rows.length;
  // Ten digits (< 10^10) times the count must stay an exact integer (< 2^53).
  if (count > 900_000) return [...rows].sort(byCitizen);
  const keys = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const id = rows[index].citizenId;
    if (id.length !== 11 || id.charCodeAt(6) !== 45) return [...rows].sort(byCitizen);
    let number = 0;
    for (let at = 0; at < 11; at++) {
      if (at === 6) continue;
      const digit = id.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) return [...rows].sort(byCitizen);
      number = number * 10 + digit;
    }
    keys[index] = number * count + index;
  }
  keys.sort();
  const sorted = new Array<Row>(count);
  for (let index = 0; index < count; index++) sorted[index] = rows[keys[index] % count];
  return sorted;
}

type Table = 'citizen_spell' | 'citizen_event';
type IndexPlan = 'undecided' | 'kept' | 'rebuilt';

export function citizenInserter(db: Db, batchId: number): CitizenInserter {
  const placeholders = (count: number) => Array(count).fill(`(${Array(width).fill('?').join(', ')})`).join(', ');
  const spellOne = db.prepare(`INSERT INTO citizen_spell ${spellColumns} VALUES ${placeholders(1)}`);
  const spellMany = db.prepare(`INSERT INTO citizen_spell ${spellColumns} VALUES ${placeholders(perStatement)}`);
  const eventOne = db.prepare(`INSERT INTO citizen_event ${eventColumns} VALUES ${placeholders(1)}`);
  const eventMany = db.prepare(`INSERT INTO citizen_event ${eventColumns} VALUES ${placeholders(perStatement)}`);
  const spellParameters: unknown[] = new Array(perStatement * width);
  const eventParameters: unknown[] = new Array(perStatement * width);
  const plans: Record<Table, IndexPlan> = { citizen_spell: 'undecided', citizen_event: 'undecided' };
  const dropped: DroppedIndex[] = [];
  let spellCount = 0;
  let eventCount = 0;

  /**
   * Drops the table's indexes when the file brings at least as many of its rows as the table holds
   * (and enough to matter), judged from the first run: its rows, scaled by how much of the file they
   * came from (an estimate; a wrong one costs time, never a row).
   */
  const decide = (table: Table, inRun: number, fraction: number | null) => {
    if (plans[table] !== 'undecided' || inRun === 0) return;
    plans[table] = 'kept';
    const incoming = fraction && fraction > 0 && fraction < 1 ? Math.round(inRun / fraction) : inRun;
    if (incoming < rebuildIndexesFrom) return;
    const existing = (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} LIMIT ?)`).get(incoming + 1) as { n: number }).n;
    if (existing > incoming) return;
    dropped.push(...dropSecondaryIndexes(db, table, { batchIndexes: true }));
    plans[table] = 'rebuilt';
  };

  const put = (target: unknown[], at: number, row: SpellRow | EventRow) => {
    target[at] = batchId;
    target[at + 1] = row.sourceRow;
    target[at + 2] = row.citizenId;
    target[at + 3] = row.spellRef;
    if (row.kind === 'spells') {
      target[at + 4] = row.municipalityCode;
      target[at + 5] = row.groupId;
      target[at + 6] = row.startDate;
      target[at + 7] = row.endDate;
    } else {
      target[at + 4] = row.eventDate;
      target[at + 5] = row.eventKind;
      target[at + 6] = row.heldBy;
      target[at + 7] = row.offerType;
    }
  };
  return {
    insert(unsorted, fraction) {
      if (plans.citizen_spell === 'undecided' || plans.citizen_event === 'undecided') {
        let spells = 0;
        for (const row of unsorted) if (row.kind === 'spells') spells++;
        decide('citizen_spell', spells, fraction);
        decide('citizen_event', unsorted.length - spells, fraction);
      }
      // Spells always go in in citizen order (the derivation reads them by citizen: measured 2.6 s
      // instead of 3.5 s CPU for 200,000 spells); events only while their indexes are kept (the
      // derivation reads events from their covering index alone, never in table order).
      const sort = unsorted.length > perStatement && (plans.citizen_spell !== 'undecided' || plans.citizen_event === 'kept');
      const rows = sort ? sortedByCitizen(unsorted) : unsorted;
      for (const row of rows) {
        if (row.kind === 'spells') {
          put(spellParameters, spellCount * width, row);
          if (++spellCount === perStatement) {
            spellMany.run(spellParameters);
            spellCount = 0;
          }
        } else {
          put(eventParameters, eventCount * width, row);
          if (++eventCount === perStatement) {
            eventMany.run(eventParameters);
            eventCount = 0;
          }
        }
      }
      // The rest one by one, so nothing waits for a later call (the caller may commit next).
      for (let index = 0; index < spellCount; index++) spellOne.run(spellParameters.slice(index * width, (index + 1) * width));
      for (let index = 0; index < eventCount; index++) eventOne.run(eventParameters.slice(index * width, (index + 1) * width));
      spellCount = 0;
      eventCount = 0;
    },
    runSize() {
      if (plans.citizen_spell === 'kept' || plans.citizen_event === 'kept') return sortedRun;
      return plans.citizen_spell === 'rebuilt' ? spellRun : plainRun;
    },
    finish() {
      recreateIndexes(db, dropped);
    },
  };
}
