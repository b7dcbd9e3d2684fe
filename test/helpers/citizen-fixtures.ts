import type { Db } from '../../src/main/services/store';
import { insertBatch } from './engine-fixtures';

/** Spells and events inserted with SQL as the importer stores them (cit-engine tests; the import kinds are another branch's). */
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

