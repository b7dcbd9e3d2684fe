import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import { citizenOutlook } from '../../src/main/services/citizens/outlook';
import { rebuildCitizenDerived } from '../../src/main/services/citizens/rebuild';
import { reconcile } from '../../src/main/services/citizens/reconcile';
import { evaluateEarly2023 } from '../../src/main/services/engine/early-2023';
import { beginBatch } from '../../src/main/services/import/writer';
import { removeBatch } from '../../src/main/services/import/pipeline';
import type { EarlyEffortEvaluation } from '../../src/shared/api';
import { addMonths } from '../../src/shared/periods';
import { runCli } from '../../src/cli/main';
import { insertEvents, insertSpells, shiftDays, type Event, type Spell } from '../helpers/citizen-fixtures';
import { importPath, writeDanishCsv } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

/**
 * Reconciliation (issue 10): citizen data built so that each cohort's counts are known by
 * construction, and a Jobindsats-style measurement file with exactly those counts, written and
 * imported through the real importer. The derived counts must equal the file's, and model A must
 * give the same result on either source.
 *
 * Construction, for 2023H2 (cohort months 2023-07 … 2023-12), municipalities 101 and 147:
 * - each (municipality, month) has 12 kontanthjælp spells and 8 sygedagpenge spells starting on
 *   the 15th six months before the month (window_end the 15th of the month → that cohort);
 * - of the kontanthjælp spells, `lackingInterviews` get 2 interviews (short of 4), the rest 4; of
 *   the sygedagpenge spells, one gets 3 interviews, the rest 4; `lackingOffers` kontanthjælp
 *   spells get no offer, the rest one;
 * - noise that must not count: a spell per cohort ending a month after its start, and an
 *   interview a day after each window ends.
 * So the file's row for kontanthjælp is measured 12, lacking interviews `lackingInterviews`,
 * lacking offers `lackingOffers`; for sygedagpenge measured 8, lacking interviews 1, offers empty.
 */
const months = ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];
// 101: offers lacking 4 of 12 (33 %) every month → fails the offer criterion; interviews (lacking+1)/20 ≤ 20 % except in September.
// 147: offers lacking 1 of 12 (8 %); interviews 5+1 of 20 (30 %) in every month → fails the interview criterion.
const design: Record<number, { lackingInterviews: number[]; lackingOffers: number[] }> = {
  101: { lackingInterviews: [2, 3, 6, 1, 0, 3], lackingOffers: [4, 4, 4, 4, 4, 4] },
  147: { lackingInterviews: [5, 5, 5, 5, 5, 5], lackingOffers: [1, 1, 1, 1, 1, 1] },
};


function buildCitizens(): { spells: Spell[]; events: Event[]; fileRows: (string | number)[][] } {
  const spells: Spell[] = [];
  const events: Event[] = [];
  const fileRows: (string | number)[][] = [];
  let serial = 0;
  const citizen = () => {
    serial += 1;
    return `0101${String(80 + (serial % 20)).padStart(2, '0')}-${String(serial).padStart(4, '0')}`;
  };
  for (const code of [101, 147]) {
    months.forEach((month, monthIndex) => {
      const start = `${addMonths(month, -6)}-15`;
      const windowEnd = `${month}-15`;
      const add = (group: string, interviews: number, offer: boolean) => {
        const id = citizen();
        spells.push({ citizen: id, code, group, start });
        for (let index = 0; index < interviews; index++) events.push({ citizen: id, date: shiftDays(start, 10 + index * 30), kind: 'interview' });
        if (offer) events.push({ citizen: id, date: shiftDays(start, 40), kind: 'offer' });
        // Noise: the day after the window (window_end itself) is outside.
        events.push({ citizen: id, date: windowEnd, kind: 'interview' });
        events.push({ citizen: id, date: windowEnd, kind: 'offer' });
      };
      const { lackingInterviews, lackingOffers } = design[code];
      for (let index = 0; index < 12; index++) add('kontanthjaelp', index < lackingInterviews[monthIndex] ? 2 : 4, index >= lackingOffers[monthIndex]);
      for (let index = 0; index < 8; index++) add('sygedagpenge', index === 0 ? 3 : 4, false);
      // Noise: a spell that ends after a month, never in a cohort.
      spells.push({ citizen: citizen(), code, group: 'kontanthjaelp', start, end: shiftDays(start, 30) });
      const share = (lacking: number, measured: number) => ((lacking / measured) * 100).toFixed(1).replace('.', ',');
      const jobindsatsMonth = `${month.slice(0, 4)}M${month.slice(5)}`;
      fileRows.push([code, 'Kontanthjælp', jobindsatsMonth, 12, lackingInterviews[monthIndex], share(lackingInterviews[monthIndex], 12), lackingOffers[monthIndex], share(lackingOffers[monthIndex], 12)]);
      fileRows.push([code, 'Sygedagpenge', jobindsatsMonth, 8, 1, share(1, 8), '', '']);
    });
  }
  return { spells, events, fileRows };
}

const comparable = (result: EarlyEffortEvaluation) => ({
  summary: result.summary,
  complete: result.complete,
  municipalities: result.municipalities.map((row) => ({
    code: row.code,
    status: row.status,
    toContact: row.toContact,
    interviews: row.interviews,
    offers: row.offers,
    groupShares: row.groupShares,
    challengedGroups: row.challengedGroups,
  })),
});

describe('reconciliation with a Jobindsats-style file built from the same spells', () => {
  let made: ReturnType<typeof tempSession>;
  beforeAll(async () => {
    made = tempSession();
    const { spells, events, fileRows } = buildCitizens();
    insertSpells(made.session.db, spells);
    insertEvents(made.session.db, events);
    rebuildCitizenDerived(made.session.db);
    const file = writeDanishCsv(path.join(made.dir, 'jobindsats-2023H2.csv'), fileRows);
    const report = await importPath(made.session.db, file);
    expect(report.rowsImported).toBe(24);
  });
  afterAll(() => made.cleanup());

  it('derives exactly the counts of the file, month by month and group by group', () => {
    for (const code of [101, 147]) {
      const rows = reconcile(made.session.db, code);
      expect(rows.map((row) => row.month)).toEqual(months.flatMap((month) => [month, month]));
      for (const row of rows) {
        expect(row.derived, `${code} ${row.month} ${row.groupId}`).toEqual(row.published);
        expect(row.difference).toEqual({ measured: 0, interviewsLacking: 0, offersLacking: row.groupId === 'sygedagpenge' ? null : 0 });
        expect(row.lackingSpells).toBeNull();
      }
      // The construction, read back: September in 101 has 6 kontanthjælp spells without 4 interviews.
      expect(rows.find((row) => row.month === '2023-09' && row.groupId === 'kontanthjaelp')?.derived).toEqual({ measured: 12, interviewsLacking: code === 101 ? 6 : 5, offersLacking: code === 101 ? 4 : 1 });
    }
  });

  it('model A gives the same result on the derived counts as on the imported file', async () => {
    const published = evaluateEarly2023(made.session.db, '2023H2');
    const derived = evaluateEarly2023(made.session.db, '2023H2', undefined, { source: 'citizens' });
    expect(comparable(derived)).toEqual(comparable(published));
    // And the result is the one designed: 101 fails offers (33 % every month), 147 fails interviews (30 % every month).
    expect(derived.summary).toMatchObject({ toContact: 2, failInterviews: 1, failOffers: 1 });
    expect(derived.municipalities.find((row) => row.code === 101)?.offers.fails).toBe(true);
    expect(derived.municipalities.find((row) => row.code === 147)?.interviews.fails).toBe(true);
    // Made from citizen data, and it says so: the citizen files are the sources, and a Danish line names them.
    expect(derived.dataSource).toBe('citizens');
    expect(derived.batches.map((batch) => batch.fileName).sort()).toEqual(['forloeb.csv', 'haendelser.csv']);
    expect(published.batches.map((batch) => batch.fileName)).toEqual(['jobindsats-2023H2.csv']);
    expect(derived.municipalities[0].explanation.some((line) => line.startsWith('Beregnet af borgerdata'))).toBe(true);
    // Model B and D run on the derived counts too, and agree with the file.
    for (const [name, args] of [
      ['evaluate.early2021', { period: '2023-09' }],
      ['evaluate.status', { period: '2023-12', baseline: '2023-07' }],
    ] as const) {
      const fromFile = await dispatch(made.session, name, args);
      const fromCitizens = await dispatch(made.session, name, { ...args, source: 'citizens' });
      if (!fromFile.ok || !fromCitizens.ok) throw new Error(`${name} refused`);
      const strip = (value: unknown) => {
        const { batches: _batches, dataSource: _source, ...rest } = value as Record<string, unknown>;
        // citizen-models: model D's total from citizen data is named for the extract, not "Hele landet" (test/unit/citizen-models.test.ts).
        return JSON.parse(JSON.stringify(rest).replace(/I alt i borgerdata \(\d+ kommuner?\)/, 'Hele landet')) as unknown;
      };
      expect(strip(fromCitizens.value), name).toEqual(strip(fromFile.value));
    }
  });

  it('the CLI runs a model on citizen data with --source borgerdata and says so in Danish', async () => {
    const lines: string[] = [];
    const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
    const status = await runCli(['evaluate', '--model', 'early-2023', '--period', '2023H2', '--source', 'borgerdata', '--db', made.databasePath], io);
    expect(status).toBe(0);
    expect(lines[0]).toBe("Beregnet af borgerdata (kommunens egne forløb, samtaler og tilbud), ikke af Jobindsats' offentliggjorte tal: haendelser.csv, forloeb.csv.");
    expect(lines.join('\n')).toContain('2 kommuner skal kontaktes; 1 opfylder ikke kriteriet for samtaler, 1 opfylder ikke kriteriet for tilbud.');
    const refused: string[] = [];
    expect(await runCli(['evaluate', '--model', 'early-2023', '--period', '2023H2', '--source', 'stat', '--db', made.databasePath], { out: (t) => refused.push(t), err: (t) => refused.push(t) })).toBe(2);
    expect(refused.join('\n')).toContain('Ukendt datakilde "stat"');
  });

  it('shows a difference and the citizens behind it when the citizen data has one more spell lacking interviews', () => {
    const db = made.session.db;
    // One more kontanthjælp spell in 101's September cohort, with no interviews and no offer.
    const [extra] = insertSpells(db, [{ citizen: '241299-9999', code: 101, group: 'kontanthjaelp', start: '2023-03-15' }]);
    rebuildCitizenDerived(db);
    const row = reconcile(db, 101, '2023-09', '2023-09').find((candidate) => candidate.groupId === 'kontanthjaelp')!;
    expect(row.derived).toEqual({ measured: 13, interviewsLacking: 7, offersLacking: 5 });
    expect(row.difference).toEqual({ measured: 1, interviewsLacking: 1, offersLacking: 1 });
    // The 6 constructed + 4 offer-only + the extra one lack something: 6 lack interviews (4 of them also an offer), … count them by construction:
    // spells 0–5 lack interviews; spells 0–3 lack an offer → spells 0–5 lack something (6), plus the extra → 7.
    expect(row.lackingSpells?.total).toBe(7);
    const listed = row.lackingSpells!.spells.find((spell) => spell.spellId === extra)!;
    expect(listed).toMatchObject({ citizenId: '241299-****', interviewsCounted: 0, interviewsMissing: 4, offerMissing: true, deadline: '2023-09-14' });
    // No full id anywhere in the answer.
    expect(JSON.stringify(row)).not.toContain('241299-9999');
  });
});

describe('the outlook: cohorts not yet over, citizen by citizen', () => {
  it('counts already lacking and within reach at a day, and the shares if nothing happens and if everyone is reached', () => {
    const made = tempSession();
    try {
      const db = made.session.db;
      // Municipality 101, as of 2024-03-10. Kontanthjælp (4 interviews, an offer).
      // Cohort 2024-03 (starts 2023-09-01 → deadline 2024-02-29, over; starts 2023-09-20 → deadline 2024-03-19, open):
      //   A 2023-09-01, 4 interviews + offer: met.                    B 2023-09-01, 1 interview, no offer: already lacking both.
      //   C 2023-09-20, 3 interviews + offer: within reach (interviews, 9 days left).
      //   D 2023-09-20, 4 interviews, no offer: within reach (offer).
      // Cohort 2024-04: E starts 2023-10-05 (deadline 2024-04-04), nothing yet: within reach (both), 25 days left.
      // Cohort 2024-02 (before the as-of month): F, lacking; not part of the outlook.
      insertSpells(db, [
        { citizen: '010190-0001', code: 101, group: 'kontanthjaelp', start: '2023-09-01' },
        { citizen: '010190-0002', code: 101, group: 'kontanthjaelp', start: '2023-09-01' },
        { citizen: '010190-0003', code: 101, group: 'kontanthjaelp', start: '2023-09-20' },
        { citizen: '010190-0004', code: 101, group: 'kontanthjaelp', start: '2023-09-20' },
        { citizen: '010190-0005', code: 101, group: 'kontanthjaelp', start: '2023-10-05' },
        { citizen: '010190-0006', code: 101, group: 'kontanthjaelp', start: '2023-08-10' },
      ]);
      const interviews = (citizen: string, count: number, from: string) => Array.from({ length: count }, (_, index) => ({ citizen, date: shiftDays(from, 5 + index * 20), kind: 'interview' as const }));
      insertEvents(db, [
        ...interviews('010190-0001', 4, '2023-09-01'),
        { citizen: '010190-0001', date: '2023-10-01', kind: 'offer' },
        ...interviews('010190-0002', 1, '2023-09-01'),
        ...interviews('010190-0003', 3, '2023-09-20'),
        { citizen: '010190-0003', date: '2023-10-20', kind: 'offer' },
        ...interviews('010190-0004', 4, '2023-09-20'),
      ]);
      rebuildCitizenDerived(db);
      const outlook = citizenOutlook(db, 101, '2024-03-10');
      expect(outlook.months.map((month) => month.month)).toEqual(['2024-03', '2024-04']);
      // March, interviews: measured 4; already lacking B; within reach C → nothing happens 2/4 = 50 %, all reached 1/4 = 25 %.
      expect(outlook.months[0].interviews).toEqual({
        measured: 4, alreadyLacking: 1, withinReach: 1, shareIfNothingHappens: 0.5, shareIfAllReached: 0.25, aboveIfNothingHappens: true, aboveIfAllReached: true,
      });
      // March, offers: B already; D within reach → 50 % / 25 %.
      expect(outlook.months[0].offers).toMatchObject({ measured: 4, alreadyLacking: 1, withinReach: 1 });
      // April: E within reach on both; nothing happens 100 %, all reached 0 % (not above 20 %).
      expect(outlook.months[1].interviews).toMatchObject({ measured: 1, alreadyLacking: 0, withinReach: 1, shareIfNothingHappens: 1, shareIfAllReached: 0, aboveIfAllReached: false });
      // Within reach, fewest days left first: C and D (deadline 2024-03-19, 9 days), then E (2024-04-04, 25 days).
      expect(outlook.citizens.map((row) => [row.citizenId, row.deadline, row.daysLeft, row.interviewsMissing, row.offerMissing])).toEqual([
        ['010190-****', '2024-03-19', 9, 1, false],
        ['010190-****', '2024-03-19', 9, 0, true],
        ['010190-****', '2024-04-04', 25, 4, true],
      ]);
      expect(outlook.withinReachTotal).toBe(3);
      expect(outlook.threshold).toBe(0.2);
      expect(outlook.summary[0]).toBe('Pr. 10. marts 2024: 3 borgere i København mangler stadig samtaler eller tilbud og kan nås; den første frist er 19. marts 2024.');
      expect(outlook.summary[1]).toContain('marts 2024 (1. halvår 2024): samtaler 50,0 % hvis intet sker, 25,0 % hvis alle nås (1 allerede uden, 1 kan nås, af 4)');
      expect(JSON.stringify(outlook)).not.toMatch(/010190-\d{4}/);
    } finally {
      made.cleanup();
    }
  });
});

describe('the derived tables follow every import and undo that touches citizen rows', () => {
  it('rebuilds inside the import transaction when the batch wrote citizen rows, and after undoing it', () => {
    const made = tempSession();
    try {
      const db = made.session.db;
      const writer = beginBatch(db, {
        fileName: 'forloeb.csv', fileSize: 1, sha256: 'abc', kind: 'measurement', reader: 'test', mappingJson: '{}', importedAt: '2024-01-01T00:00:00Z', importedBy: 'test',
      });
      // What the importer's spells kind writes, under this open batch.
      db.prepare(
        `INSERT INTO citizen_spell (batch_id, source_row, citizen_id, municipality_code, group_id, start_date) VALUES (?, 2, '010190-1234', 101, 'kontanthjaelp', '2023-01-01')`,
      ).run(writer.batchId);
      writer.commit({ rowsRead: 1, rowsImported: 1, rowsSkipped: 0, rowsReplaced: 0, reportJson: '{}' });
      expect(db.prepare('SELECT spell_id, cohort_month FROM citizen_window').all()).toEqual([{ spell_id: 1, cohort_month: '2023-07' }]);
      expect(db.prepare('SELECT measured, interviews_lacking, offers_lacking FROM citizen_measurement').all()).toEqual([{ measured: 1, interviews_lacking: 1, offers_lacking: 1 }]);
      removeBatch(db, writer.batchId);
      expect(db.prepare('SELECT (SELECT COUNT(*) FROM citizen_window) + (SELECT COUNT(*) FROM citizen_measurement) AS n').get()).toEqual({ n: 0 });
    } finally {
      made.cleanup();
    }
  });
});
