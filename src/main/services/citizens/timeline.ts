import type { EventKind, HeldBy } from '../../../shared/enums';
import type { CitizenRow, CitizenTimeline } from '../../../shared/api/citizens';
import { maskCitizenId } from '../../../shared/citizen-id';
import type { Db } from '../store';
import { citizenRowsOf, resolveAsOf } from './query';

/*
 * One citizen's timeline (issue 10, cit-desk): every spell (as `citizen_window` has it) and every
 * imported event, each placed in the spell whose six-month window holds it, and marked as
 * counted or not as the engine counts it (`windows.ts`, RULES.md "Who is measured"): an event counts
 * inside [start, start + 6 months) of the latest spell started on or before it (or the spell it
 * names); only interviews held by the jobcenter count (a-kasse interviews are shown, not counted);
 * one interview and one offer a day.
 */

type EventRow = { date: string; kind: EventKind; heldBy: HeldBy | null; offerType: string | null; spellRef: string | null };
type SpellInfo = CitizenRow & { spellRef: string | null; requirementFrom: string };

const inWindow = (spell: CitizenRow, date: string) => date >= spell.startDate && date < spell.windowEnd;

export function citizenTimeline(db: Db, args: { spellId: number; reveal?: boolean; asOf?: string }): CitizenTimeline {
  const asOf = resolveAsOf(args.asOf);
  const owner = db.prepare('SELECT citizen_id AS citizenId FROM citizen_window WHERE spell_id = ?').get(args.spellId) as { citizenId: string } | undefined;
  // A spell that no longer exists (deleted, or re-derived under a new id) has an empty timeline; the screen says so.
  if (!owner) return { citizenId: '', revealed: false, spells: [], events: [] };
  const reveal = args.reveal === true;
  const rows = citizenRowsOf(db, owner.citizenId, asOf, reveal);
  const extra = new Map(
    (
      db
        .prepare(
          `SELECT w.spell_id AS spellId, s.spell_ref AS spellRef, w.requirement_from AS requirementFrom
           FROM citizen_spell s JOIN citizen_window w ON w.spell_id = s.id WHERE s.citizen_id = ?`,
        )
        .all(owner.citizenId) as { spellId: number; spellRef: string | null; requirementFrom: string }[]
    ).map((row) => [row.spellId, row]),
  );
  const spells: SpellInfo[] = rows.map((row) => ({ ...row, spellRef: extra.get(row.spellId)?.spellRef ?? null, requirementFrom: extra.get(row.spellId)?.requirementFrom ?? '' }));
  const events = db
    .prepare(
      `SELECT event_date AS date, kind, held_by AS heldBy, offer_type AS offerType, spell_ref AS spellRef
       FROM citizen_event WHERE citizen_id = ? ORDER BY event_date, kind, id`,
    )
    .all(owner.citizenId) as EventRow[];

  const seen = new Set<string>();
  return {
    citizenId: reveal ? owner.citizenId : maskCitizenId(owner.citizenId),
    revealed: reveal,
    spells: rows,
    events: events.map((event) => {
      // The file's own spell reference wins where both sides have one; otherwise the window that holds the day.
      const candidates = event.spellRef ? spells.filter((spell) => spell.spellRef === null || spell.spellRef === event.spellRef) : spells;
      const holding = candidates.filter((candidate) => inWindow(candidate, event.date));
      const spell = holding.reduce<SpellInfo | null>((latest, candidate) => (latest === null || candidate.startDate > latest.startDate ? candidate : latest), null);
      let counted = false;
      if (spell) {
        const key = `${spell.spellId}|${event.date}|${event.kind}`;
        const countsHere = event.kind === 'offer' || event.heldBy !== 'a-kasse';
        counted = countsHere && !seen.has(key);
        if (counted) seen.add(key);
      }
      return { date: event.date, kind: event.kind, heldBy: event.heldBy, offerType: event.offerType, spellId: spell?.spellId ?? null, counted };
    }),
  };
}
