import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildCitizenDerived } from '../../src/main/services/citizens/rebuild';
import type { Db } from '../../src/main/services/store';
import { insertEvents, insertSpells, type WindowRow } from '../helpers/citizen-fixtures';
import { tempSession } from '../helpers/temp-store';

/**
 * Golden tests of the citizen engine (issue 10, RULES.md "Who is measured"): spells and events
 * inserted with SQL as the importer stores them, the derived tables rebuilt, and each window
 * compared with what is worked out by hand in the comments.
 */
function windowsOf(db: Db, citizen: string): WindowRow[] {
  return db.prepare('SELECT * FROM citizen_window WHERE citizen_id = ? ORDER BY start_date').all(citizen) as WindowRow[];
}

let made: ReturnType<typeof tempSession>;
let db: Db;
beforeEach(() => {
  made = tempSession();
  db = made.session.db;
});
afterEach(() => made.cleanup());

describe('windows: six months of calendar arithmetic', () => {
  it('31 August: six months end on the last day of February (29th in a leap year, 28th otherwise); the cohort is March', () => {
    insertSpells(db, [
      // 2023-08-31 + 6 months = "2024-02-31", which February lacks → window_end 2024-03-01; the last day inside is 2024-02-29 (leap year).
      { citizen: '310823-1111', code: 101, group: 'kontanthjaelp', start: '2023-08-31' },
      // 2022-08-31 → window_end 2023-03-01; deadline 2023-02-28 (no leap day).
      { citizen: '310822-2222', code: 101, group: 'kontanthjaelp', start: '2022-08-31' },
      // An ordinary day: 2023-01-15 → window_end 2023-07-15, deadline 2023-07-14, cohort July.
      { citizen: '150123-3333', code: 101, group: 'kontanthjaelp', start: '2023-01-15' },
      // 2023-08-29 → 2024-02-29 exists (leap year): window_end 2024-02-29, deadline 2024-02-28, cohort February.
      { citizen: '290823-4444', code: 101, group: 'kontanthjaelp', start: '2023-08-29' },
    ]);
    rebuildCitizenDerived(db);
    const pick = (citizen: string) => {
      const [row] = windowsOf(db, citizen);
      return [row.window_end, row.deadline, row.cohort_month];
    };
    expect(pick('310823-1111')).toEqual(['2024-03-01', '2024-02-29', '2024-03']);
    expect(pick('310822-2222')).toEqual(['2023-03-01', '2023-02-28', '2023-03']);
    expect(pick('150123-3333')).toEqual(['2023-07-15', '2023-07-14', '2023-07']);
    expect(pick('290823-4444')).toEqual(['2024-02-29', '2024-02-28', '2024-02']);
  });

  it('an interview on the last day inside the window counts; one on the first day outside does not', () => {
    insertSpells(db, [{ citizen: '310823-1111', code: 101, group: 'kontanthjaelp', start: '2023-08-31' }]);
    // Window [2023-08-31, 2024-03-01). Inside: 2023-10-01, 2023-12-01 and the deadline 2024-02-29 → 3 counted.
    // 2024-03-01 is window_end, outside. Kontanthjælp needs 4 → 1 missing. The offer on 2024-03-01 is outside too → offer missing.
    insertEvents(db, [
      { citizen: '310823-1111', date: '2023-10-01', kind: 'interview' },
      { citizen: '310823-1111', date: '2023-12-01', kind: 'interview' },
      { citizen: '310823-1111', date: '2024-02-29', kind: 'interview' },
      { citizen: '310823-1111', date: '2024-03-01', kind: 'interview' },
      { citizen: '310823-1111', date: '2024-03-01', kind: 'offer' },
      // Before the start: outside as well.
      { citizen: '310823-1111', date: '2023-08-30', kind: 'interview' },
    ]);
    rebuildCitizenDerived(db);
    const [row] = windowsOf(db, '310823-1111');
    expect(row).toMatchObject({ interviews_counted: 3, required_interviews: 4, interviews_missing: 1, offers: 0, offer_required: 1, offer_missing: 1 });
  });

  it('a spell that ends before six months (or on its deadline) never enters a cohort; one running on window_end does', () => {
    insertSpells(db, [
      // 2023-01-15 → window_end 2023-07-15. Ends 2023-03-31: never measured.
      { citizen: '150123-0001', code: 101, group: 'sygedagpenge', start: '2023-01-15', end: '2023-03-31' },
      // Ends on the deadline 2023-07-14: still short of six months on window_end (interpretation) → never measured.
      { citizen: '150123-0002', code: 101, group: 'sygedagpenge', start: '2023-01-15', end: '2023-07-14' },
      // Ends on window_end 2023-07-15: running the day it reaches six months → cohort 2023-07.
      { citizen: '150123-0003', code: 101, group: 'sygedagpenge', start: '2023-01-15', end: '2023-07-15' },
    ]);
    rebuildCitizenDerived(db);
    expect(windowsOf(db, '150123-0001')[0].cohort_month).toBeNull();
    expect(windowsOf(db, '150123-0002')[0].cohort_month).toBeNull();
    expect(windowsOf(db, '150123-0003')[0].cohort_month).toBe('2023-07');
    // Only the third is counted: sygedagpenge in July 2023, measured 1, lacking interviews 1 (none held), offers NULL (no offer requirement).
    expect(db.prepare('SELECT * FROM citizen_measurement').all()).toEqual([
      { municipality_code: 101, group_id: 'sygedagpenge', month: '2023-07', measured: 1, interviews_lacking: 1, offers_lacking: null },
    ]);
  });
});

describe('requirements and events', () => {
  it('a 2024 dagpenge spell: a-kasse interviews in months 1–3 are shown, not counted; 3 jobcenter interviews meet the requirement', () => {
    insertSpells(db, [
      // From 2024-01-01 dagpenge needs 3 jobcenter interviews (group_requirement row 2024-01-01). Window [2024-02-01, 2024-08-01).
      { citizen: '010290-1234', code: 147, group: 'dagpenge', start: '2024-02-01' },
      // Started 2023-12-15: the 2020 row applies, 4 interviews. Window [2023-12-15, 2024-06-15).
      { citizen: '151290-5678', code: 147, group: 'dagpenge', start: '2023-12-15' },
    ]);
    insertEvents(db, [
      ...['2024-02-15', '2024-03-15', '2024-04-15'].map((date) => ({ citizen: '010290-1234', date, kind: 'interview' as const, heldBy: 'a-kasse' as const })),
      ...['2024-05-10', '2024-06-10', '2024-07-10'].map((date) => ({ citizen: '010290-1234', date, kind: 'interview' as const, heldBy: 'jobcenter' as const })),
      { citizen: '010290-1234', date: '2024-06-01', kind: 'offer' },
      // The 2023 spell: three a-kasse interviews (not counted) and three jobcenter ones → 3 of 4, 1 missing; no offer.
      ...['2024-01-05', '2024-02-05', '2024-03-05'].map((date) => ({ citizen: '151290-5678', date, kind: 'interview' as const, heldBy: 'a-kasse' as const })),
      ...['2024-04-05', '2024-05-05', '2024-06-05'].map((date) => ({ citizen: '151290-5678', date, kind: 'interview' as const, heldBy: 'jobcenter' as const })),
    ]);
    rebuildCitizenDerived(db);
    expect(windowsOf(db, '010290-1234')[0]).toMatchObject({
      required_interviews: 3,
      requirement_from: '2024-01-01',
      interviews_counted: 3,
      interviews_not_counted: 3,
      interviews_missing: 0,
      offers: 1,
      offer_missing: 0,
      cohort_month: '2024-08',
    });
    expect(windowsOf(db, '151290-5678')[0]).toMatchObject({
      required_interviews: 4,
      requirement_from: '2020-01-01',
      interviews_counted: 3,
      interviews_not_counted: 3,
      interviews_missing: 1,
      offer_missing: 1,
      cohort_month: '2024-06',
    });
  });

  it('duplicate events (same citizen, date, kind and holder) count once; the same day with the a-kasse is another interview', () => {
    insertSpells(db, [{ citizen: '010190-1111', code: 101, group: 'kontanthjaelp', start: '2023-01-01' }]);
    insertEvents(db, [
      { citizen: '010190-1111', date: '2023-02-01', kind: 'interview' },
      { citizen: '010190-1111', date: '2023-02-01', kind: 'interview' },
      { citizen: '010190-1111', date: '2023-02-01', kind: 'interview', heldBy: 'a-kasse' },
      { citizen: '010190-1111', date: '2023-03-01', kind: 'offer' },
      { citizen: '010190-1111', date: '2023-03-01', kind: 'offer' },
    ]);
    // The same rows again in a second file (an extract delivered twice): still once.
    insertEvents(db, [{ citizen: '010190-1111', date: '2023-02-01', kind: 'interview' }]);
    rebuildCitizenDerived(db);
    expect(windowsOf(db, '010190-1111')[0]).toMatchObject({ interviews_counted: 1, interviews_not_counted: 1, offers: 1, interviews_missing: 3, offer_missing: 0 });
  });

  it('a citizen with two spells: events by date go to the latest spell started on or before them, events naming a spell to that spell', () => {
    const [first, second] = insertSpells(db, [
      // Spell A: [2023-01-01, 2023-07-01), ends 2023-03-31 → never in a cohort.
      { citizen: '020290-2222', code: 101, group: 'kontanthjaelp', start: '2023-01-01', end: '2023-03-31', ref: 'A' },
      // Spell B starts 2023-06-01: [2023-06-01, 2023-12-01), still running → cohort 2023-12.
      { citizen: '020290-2222', code: 101, group: 'kontanthjaelp', start: '2023-06-01', ref: 'B' },
    ]);
    insertEvents(db, [
      // By date: 2023-02-01 only in A's window → A.
      { citizen: '020290-2222', date: '2023-02-01', kind: 'interview' },
      // By date: 2023-06-15 is inside both windows; B started on or before it, later than A → B only.
      { citizen: '020290-2222', date: '2023-06-15', kind: 'interview' },
      // Naming A: 2023-06-20 is inside A's window → A, not B.
      { citizen: '020290-2222', date: '2023-06-20', kind: 'interview', ref: 'A' },
      // Naming B: 2023-11-30 (B's deadline) → B.
      { citizen: '020290-2222', date: '2023-11-30', kind: 'offer', ref: 'B' },
      // Naming a spell the citizen does not have: found by date instead → B.
      { citizen: '020290-2222', date: '2023-09-01', kind: 'interview', ref: 'Z' },
      // Another citizen's interview never counts here.
      { citizen: '030390-3333', date: '2023-07-01', kind: 'interview' },
    ]);
    rebuildCitizenDerived(db);
    const [a, b] = windowsOf(db, '020290-2222');
    expect(a).toMatchObject({ spell_id: first, cohort_month: null, interviews_counted: 2, offers: 0 });
    expect(b).toMatchObject({ spell_id: second, cohort_month: '2023-12', interviews_counted: 2, offers: 1, interviews_missing: 2, offer_missing: 0 });
  });

  it('a spell that moves municipality is one spell; the municipality measured is the one responsible when it reaches six months (interpretation)', () => {
    const [head] = insertSpells(db, [
      // Sygedagpenge in 101 from 2023-01-10 to 2023-04-30, continued in 147 from 2023-05-01: one spell, window [2023-01-10, 2023-07-10).
      // On 2023-07-10 the citizen is in 147 → measured in 147, cohort 2023-07.
      { citizen: '040490-4444', code: 101, group: 'sygedagpenge', start: '2023-01-10', end: '2023-04-30' },
      { citizen: '040490-4444', code: 147, group: 'sygedagpenge', start: '2023-05-01' },
      // Moves after six months: 101 until 2023-08-31, 147 from 2023-09-01 → measured in 101 (responsible on 2023-07-10), one window, end NULL.
      { citizen: '050590-5555', code: 101, group: 'sygedagpenge', start: '2023-01-10', end: '2023-08-31' },
      { citizen: '050590-5555', code: 147, group: 'sygedagpenge', start: '2023-09-01' },
      // Not continued: a gap of one day (ends 2023-04-29, next starts 2023-05-01) → two spells.
      { citizen: '060690-6666', code: 101, group: 'sygedagpenge', start: '2023-01-10', end: '2023-04-29' },
      { citizen: '060690-6666', code: 147, group: 'sygedagpenge', start: '2023-05-01' },
    ]);
    insertEvents(db, [
      // One interview in each municipality's part: both count for the one spell.
      { citizen: '040490-4444', date: '2023-02-01', kind: 'interview' },
      { citizen: '040490-4444', date: '2023-06-01', kind: 'interview' },
    ]);
    rebuildCitizenDerived(db);
    const moved = windowsOf(db, '040490-4444');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ spell_id: head, municipality_code: 147, start_date: '2023-01-10', end_date: null, cohort_month: '2023-07', interviews_counted: 2 });
    const late = windowsOf(db, '050590-5555');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ municipality_code: 101, cohort_month: '2023-07', end_date: null });
    const gap = windowsOf(db, '060690-6666');
    expect(gap.map((row) => [row.municipality_code, row.cohort_month])).toEqual([
      [101, null],
      [147, '2023-11'],
    ]);
  });
});

describe('rebuilding', () => {
  it('empties the derived tables when the citizen rows are gone, and costs two probes when there never were any', () => {
    insertSpells(db, [{ citizen: '010190-1111', code: 101, group: 'kontanthjaelp', start: '2023-01-01' }]);
    rebuildCitizenDerived(db);
    expect(db.prepare('SELECT COUNT(*) AS n FROM citizen_measurement').get()).toEqual({ n: 1 });
    db.prepare('DELETE FROM citizen_spell').run();
    rebuildCitizenDerived(db);
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM citizen_window) + (SELECT COUNT(*) FROM citizen_measurement) AS n').get()).toEqual({ n: 0 });
    const before = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    rebuildCitizenDerived(db);
    expect((db.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(before);
  });

  it('leaves the schema as migration 5 made it (the indexes are dropped and made again with the same text)', () => {
    const schema = () => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name LIKE 'citizen%' ORDER BY type, name").all();
    const before = schema();
    insertSpells(db, [{ citizen: '010190-1111', code: 101, group: 'kontanthjaelp', start: '2023-01-01' }]);
    rebuildCitizenDerived(db);
    expect(schema()).toEqual(before);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_temp_master WHERE name LIKE 'cw_%'").get()).toEqual({ n: 0 });
  });
});

describe('models on citizen data without citizen data', () => {
  it('refuses in Danish, naming citizen data, and model C refuses citizen data altogether', async () => {
    const { dispatch } = await import('../../src/main/handlers');
    const a = await dispatch(made.session, 'evaluate.model', { model: 'early-2023', period: '2023H2', source: 'citizens' });
    expect(a.ok).toBe(false);
    // citizen-models: with no citizen data imported at all, the refusal says that (a half-year without cohorts: test/unit/citizen-models.test.ts).
    if (!a.ok) expect(a.error.message).toBe('Der er ikke indlæst borgerdata, så modellen kan ikke beregnes af borgerdata. Indlæs en fil med ydelsesforløb og en med samtaler og tilbud under "Indlæs filer", eller vælg Jobindsats som datakilde.');
    const c = await dispatch(made.session, 'evaluate.model', { model: 'supervision', period: '2021QMAT02', source: 'citizens' });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error.message).toContain('Skærpet tilsyn kan ikke beregnes af borgerdata');
  });
});
