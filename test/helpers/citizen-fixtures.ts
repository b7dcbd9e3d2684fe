import type { Db } from '../../src/main/services/store';
import { rebuildCitizenDerived } from '../../src/main/services/citizens/rebuild';
import { insertBatch } from './engine-fixtures';

/*
 * cit-desk (issue 10): citizen rows written straight into SQLite, as the importer would leave them.
 * `seedCitizens` writes the spells and events with a batch each, then derives `citizen_window` and
 * `citizen_measurement` with the engine's own `rebuildCitizenDerived`, as an import does.
 */

export interface SpellSeed {
  citizenId: string;
  municipalityCode: number;
  groupId: string;
  startDate: string;
  endDate?: string | null;
  spellRef?: string | null;
}

export interface EventSeed {
  citizenId: string;
  date: string;
  kind: 'interview' | 'offer';
  heldBy?: 'jobcenter' | 'a-kasse' | null;
  offerType?: string | null;
  spellRef?: string | null;
}

export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

export function shiftDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

let batchCounter = 0;
function batch(db: Db, kind: 'spells' | 'events', fileName: string): number {
  batchCounter += 1;
  return Number(
    db
      .prepare(
        `INSERT INTO import_batch (file_name, file_size, sha256, kind, reader, rows_read, rows_imported, imported_at, imported_by)
         VALUES (?, 100, ?, ?, 'csv', 0, 0, '2024-05-01T10:00:00.000Z', 'test')`,
      )
      .run(fileName, `${kind}-${process.pid}-${Date.now()}-${batchCounter}`.padEnd(64, '0'), kind).lastInsertRowid,
  );
}

export function seedCitizens(db: Db, spells: SpellSeed[], events: EventSeed[]): number[] {
  const ids: number[] = [];
  db.transaction(() => {
    const spellBatch = batch(db, 'spells', 'forloeb.csv');
    const eventBatch = batch(db, 'events', 'haendelser.csv');
    const insertSpell = db.prepare(
      'INSERT INTO citizen_spell (batch_id, source_row, citizen_id, spell_ref, municipality_code, group_id, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertEvent = db.prepare(
      'INSERT INTO citizen_event (batch_id, source_row, citizen_id, spell_ref, event_date, kind, held_by, offer_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    events.forEach((event, index) =>
      insertEvent.run(eventBatch, index + 2, event.citizenId, event.spellRef ?? null, event.date, event.kind, event.heldBy ?? (event.kind === 'interview' ? 'jobcenter' : null), event.offerType ?? null),
    );
    spells.forEach((spell, index) => {
      ids.push(
        Number(insertSpell.run(spellBatch, index + 2, spell.citizenId, spell.spellRef ?? null, spell.municipalityCode, spell.groupId, spell.startDate, spell.endDate ?? null).lastInsertRowid),
      );
    });
    // The windows and monthly counts by the engine itself, as an import would leave them (cit-derive:
    // a test never carries its own copy of the derivation).
    rebuildCitizenDerived(db);
  })();
  return ids;
}

/** A CPR-like id that is not a real person's: day and month from the index, 9999-based serial. */
export function fakeCpr(index: number): string {
  const day = String((index % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(index / 28) % 12) + 1).padStart(2, '0');
  const year = String(60 + (index % 40)).padStart(2, '0');
  return `${day}${month}${year}-${String(1000 + (index % 9000)).padStart(4, '0')}`;
}

// cit-engine (issue 10): spells and events only, for the engine's own derivation.

/** Spells and events inserted with SQL as the importer stores them (cit-engine tests; the import kinds are another branch's). */
/** One row of `citizen_window` as SQLite gives it back (`SELECT *`). */
export interface WindowRow {
  spell_id: number;
  citizen_id: string;
  municipality_code: number;
  group_id: string;
  start_date: string;
  end_date: string | null;
  window_end: string;
  deadline: string;
  cohort_month: string | null;
  interviews_counted: number;
  interviews_not_counted: number;
  offers: number;
  required_interviews: number;
  offer_required: number;
  requirement_from: string;
  interviews_missing: number;
  offer_missing: number;
}

export interface Spell {
  citizen: string;
  code: number;
  group: string;
  start: string;
  end?: string | null;
  ref?: string | null;
}
export interface Event {
  citizen: string;
  date: string;
  kind: 'interview' | 'offer';
  heldBy?: 'jobcenter' | 'a-kasse' | null;
  ref?: string | null;
}

export function insertSpells(db: Db, spells: Spell[]): number[] {
  const batchId = insertBatch(db, 'forloeb.csv', 'spells');
  const insert = db.prepare(
    `INSERT INTO citizen_spell (batch_id, source_row, citizen_id, spell_ref, municipality_code, group_id, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return spells.map((spell, index) => Number(insert.run(batchId, index + 2, spell.citizen, spell.ref ?? null, spell.code, spell.group, spell.start, spell.end ?? null).lastInsertRowid));
}

export function insertEvents(db: Db, events: Event[]): number {
  const batchId = insertBatch(db, 'haendelser.csv', 'events');
  const insert = db.prepare(
    `INSERT INTO citizen_event (batch_id, source_row, citizen_id, spell_ref, event_date, kind, held_by, offer_type) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  events.forEach((event, index) => insert.run(batchId, index + 2, event.citizen, event.ref ?? null, event.date, event.kind, event.kind === 'interview' ? (event.heldBy ?? 'jobcenter') : (event.heldBy ?? null)));
  return batchId;
}

