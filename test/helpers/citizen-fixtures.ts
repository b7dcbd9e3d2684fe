import type { Db } from '../../src/main/services/store';
import { insertBatch } from './engine-fixtures';

/*
 * cit-desk (issue 10): citizen rows written straight into SQLite, as the importer and the engine
 * would leave them (the engine lives on another branch). `seedCitizens` writes the spells and
 * events with a batch each, and one `citizen_window` row per spell derived by RULES.md "Who is
 * measured" in the plainest way: window [start, start + 6 months) (a day past the month's end
 * is clamped, so 31 August gives 29 February), deadline the day before, the requirement from
 * the dated `group_requirement` rows, a-kasse interviews not counted on 2024 dagpenge spells,
 * the same event twice counted once.
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
  const requirements = db.prepare('SELECT group_id AS groupId, effective_from AS effectiveFrom, min_interviews AS minInterviews, offer_required AS offerRequired FROM group_requirement ORDER BY effective_from').all() as {
    groupId: string;
    effectiveFrom: string;
    minInterviews: number;
    offerRequired: number;
  }[];
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
    const insertWindow = db.prepare(
      `INSERT INTO citizen_window (spell_id, citizen_id, municipality_code, group_id, start_date, end_date, window_end, deadline, cohort_month,
         interviews_counted, interviews_not_counted, offers, required_interviews, offer_required, requirement_from, interviews_missing, offer_missing)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    events.forEach((event, index) =>
      insertEvent.run(eventBatch, index + 2, event.citizenId, event.spellRef ?? null, event.date, event.kind, event.heldBy ?? (event.kind === 'interview' ? 'jobcenter' : null), event.offerType ?? null),
    );
    spells.forEach((spell, index) => {
      const spellId = Number(
        insertSpell.run(spellBatch, index + 2, spell.citizenId, spell.spellRef ?? null, spell.municipalityCode, spell.groupId, spell.startDate, spell.endDate ?? null).lastInsertRowid,
      );
      ids.push(spellId);
      const windowEnd = addMonths(spell.startDate, 6);
      const requirement = requirements.filter((row) => row.groupId === spell.groupId && row.effectiveFrom <= spell.startDate).at(-1);
      if (!requirement) throw new Error(`no requirement for ${spell.groupId} at ${spell.startDate}`);
      const aKasseNotCounted = spell.groupId === 'dagpenge' && requirement.effectiveFrom >= '2024-01-01';
      const seen = new Set<string>();
      let interviews = 0;
      let notCounted = 0;
      let offers = 0;
      for (const event of events) {
        if (event.citizenId !== spell.citizenId || event.date < spell.startDate || event.date >= windowEnd) continue;
        if (event.spellRef && spell.spellRef && event.spellRef !== spell.spellRef) continue;
        const heldBy = event.heldBy ?? (event.kind === 'interview' ? 'jobcenter' : null);
        const key = `${event.date}|${event.kind}|${heldBy ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (event.kind === 'offer') offers += 1;
        else if (heldBy === 'a-kasse' && aKasseNotCounted) notCounted += 1;
        else interviews += 1;
      }
      const ended = spell.endDate != null && spell.endDate < windowEnd;
      insertWindow.run(
        spellId,
        spell.citizenId,
        spell.municipalityCode,
        spell.groupId,
        spell.startDate,
        spell.endDate ?? null,
        windowEnd,
        shiftDays(windowEnd, -1),
        ended ? null : windowEnd.slice(0, 7),
        interviews,
        notCounted,
        offers,
        requirement.minInterviews,
        requirement.offerRequired,
        requirement.effectiveFrom,
        Math.max(0, requirement.minInterviews - interviews),
        requirement.offerRequired === 1 && offers === 0 ? 1 : 0,
      );
    });
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

