import { renderExplanation } from '../../src/shared/explanations-da';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EarlyEffortEvaluation, EarlyEffortMunicipalityResult } from '../../src/shared/api/engine';
import { compareRuleSets } from '../../src/main/services/engine/drill-down';
import { evaluateEarly2023 } from '../../src/main/services/engine/early-2023';
import { copyRuleSet } from '../../src/main/services/engine/rule-sets';
import { listDecisions, recordDecision, withdrawDecision } from '../../src/main/services/engine/decisions';
import { h2023, insertMeasurements, series, type FixtureRow } from '../helpers/engine-fixtures';
import { tempSession } from '../helpers/temp-store';

/**
 * Golden tests for model A (RULES.md "Model A"), one municipality per rule or edge, all in
 * H2 2023 (2023-07 … 2023-12). Each block's comment works the expected result out by hand.
 * Municipalities without rows have no data: not eligible, not contacted.
 */
const rows: FixtureRow[] = [
  // 101 København — threshold exactly 20 %: 100 dagpenge citizens, 20 lacking interviews each
  // month → 20/100 = 0.20, which is not MORE than 20 %: not above in any month, does not fail.
  ...series(101, 'dagpenge', h2023, 100, 20, 0),
  // 147 Frederiksberg — five of six months above: 30/100 = 30 % in Aug–Dec, 10/100 = 10 % in July
  // → only 5 consecutive months above; the rule needs 6: does not fail. (A copy needing 5 fails.)
  ...series(147, 'dagpenge', h2023, 100, [10, 30, 30, 30, 30, 30], 0),
  // 151 Ballerup — nine citizens in one month: 20 citizens with 10 lacking (50 %) every month but
  // September, where only 9 were measured (all lacking) → not ≥ 10 in every month: not eligible,
  // so it cannot fail although every month is above 20 %.
  ...series(151, 'kontanthjaelp', h2023, [20, 20, 9, 20, 20, 20], [10, 10, 9, 10, 10, 10], 0),
  // 153 Brøndby — offer shortfall in sygedagpenge: 50 sygedagpenge citizens, all 50 without an
  // offer; 50 dagpenge citizens, 5 without. Sygedagpenge has no offer requirement, so the offer
  // criterion pools only dagpenge: 5/50 = 10 %: does not fail (with sygedagpenge it would be 55 %).
  ...series(153, 'sygedagpenge', h2023, 50, 0, 50),
  ...series(153, 'dagpenge', h2023, 50, 0, 5),
  // 155 Dragør — pooling hides a group: kontanthjælp 20 citizens, 10 without an offer (50 %);
  // dagpenge 80 citizens, 5 without (6.25 %). Pooled: 15/100 = 15 %: the offer criterion holds,
  // though kontanthjælp alone (10·6 / 20·6 = 50 %, 120 measured) is a challenged group.
  ...series(155, 'kontanthjaelp', h2023, 20, 0, 10),
  ...series(155, 'dagpenge', h2023, 80, 0, 5),
  // 157 Gentofte — constant positive development: 100 dagpenge citizens without an offer
  // 40, 38, 35, 30, 28, 25 → 40 %, 38 %, 35 %, 30 %, 28 %, 25 %: above 20 % all six months, so the
  // offer criterion fails; each month lower than the one before: positive-development proposal.
  ...series(157, 'dagpenge', h2023, 100, 0, [40, 38, 35, 30, 28, 25]),
  // 159 Gladsaxe — one month flat: 40, 38, 38, 30, 28, 25 → fails; September equals August,
  // so not "lower every month": no proposal.
  ...series(159, 'dagpenge', h2023, 100, 0, [40, 38, 38, 30, 28, 25]),
  // 161 Glostrup — under enhanced supervision (entry from 2023-01-01, still open) and failing the
  // interview criterion (30/100 = 30 % every month) → enhanced-supervision proposal.
  ...series(161, 'dagpenge', h2023, 100, 30, 0),
  // 163 Herlev — same figures, but its supervision entry was removed → no proposal.
  ...series(163, 'dagpenge', h2023, 100, 30, 0),
  // 165 Albertslund — only shares in the file: dagpenge 100 measured at 30 %, kontanthjælp 300 at
  // 12 % (interviews). Weighted by measured: (0.30·100 + 0.12·300) / 400 = 66/400 = 16.5 %: not
  // above (an unweighted mean, 21 %, would be). Lacking counts are unknown (null).
  ...h2023.flatMap((month) => [
    { code: 165, group: 'dagpenge', month, measured: 100, interviewsShare: 0.3, offersShare: 0, sourceForm: 'shares' as const },
    { code: 165, group: 'kontanthjaelp', month, measured: 300, interviewsShare: 0.12, offersShare: 0, sourceForm: 'shares' as const },
  ]),
  // 167 Hvidovre — 22 % (22/100) lacking interviews every month: fails at 20 %, passes a 25 % copy.
  ...series(167, 'dagpenge', h2023, 100, 22, 0),
];

let made: ReturnType<typeof tempSession>;
let evaluation: EarlyEffortEvaluation;
const byCode = (code: number): EarlyEffortMunicipalityResult => evaluation.municipalities.find((row) => row.code === code)!;

beforeAll(() => {
  made = tempSession();
  const db = made.session.db;
  insertMeasurements(db, rows);
  const supervision = db.prepare(
    `INSERT INTO supervision_entry (municipality_code, period_from, period_to, note, created_at, created_by, removed_at, removed_by)
     VALUES (?, '2023-01-01', NULL, 'udpeget april 2023', '2023-04-01T00:00:00Z', 'test', ?, ?)`,
  );
  supervision.run(161, null, null);
  supervision.run(163, '2023-05-01T00:00:00Z', 'test');
  evaluation = evaluateEarly2023(db, '2023H2');
});
afterAll(() => made.cleanup());

describe('model A golden cases (H2 2023)', () => {
  it('a share of exactly 20 % is not above the threshold and does not fail', () => {
    const row = byCode(101);
    expect(row.interviews.months.map((month) => month.share)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(row.interviews.months.every((month) => !month.above)).toBe(true);
    expect(row.interviews).toMatchObject({ eligible: true, fails: false });
    expect(row.toContact).toBe(false);
  });

  it('five of six months above does not fail', () => {
    const row = byCode(147);
    expect(row.interviews.months.map((month) => month.above)).toEqual([false, true, true, true, true, true]);
    expect(row.interviews.fails).toBe(false);
    expect(row.toContact).toBe(false);
  });

  it('nine citizens in one month makes the municipality not eligible', () => {
    const row = byCode(151);
    expect(row.interviews.months[2]).toMatchObject({ month: '2023-09', measured: 9, lacking: 9, share: 1, above: true });
    expect(row.interviews).toMatchObject({ eligible: false, fails: false });
    expect(row.toContact).toBe(false);
    expect(row.explanation.join('\n')).toMatch(/under 10 borgere i september 2023 \(9\)/);
  });

  it('an offer shortfall in sygedagpenge does not count for the offer criterion', () => {
    const row = byCode(153);
    expect(row.offers.months[0]).toMatchObject({ measured: 50, lacking: 5, share: 0.1, above: false });
    expect(row.offers.fails).toBe(false);
    expect(row.groupShares.some((group) => group.groupId === 'sygedagpenge' && group.criterion === 'offers')).toBe(false);
    // The interview criterion pools both groups: 100 measured a month.
    expect(row.interviews.months[0]).toMatchObject({ measured: 100, lacking: 0 });
  });

  it('pooling across groups can hide a group above 20 %', () => {
    const row = byCode(155);
    expect(row.offers.months.map((month) => month.share)).toEqual([0.15, 0.15, 0.15, 0.15, 0.15, 0.15]);
    expect(row.offers.fails).toBe(false);
    const kontanthjaelp = row.groupShares.find((group) => group.groupId === 'kontanthjaelp' && group.criterion === 'offers')!;
    expect(kontanthjaelp).toMatchObject({ measured: 120, lacking: 60, share: 0.5, challenged: true });
    // Not contacted, so no group is named as "particularly challenged" in the result.
    expect(row.challengedGroups).toEqual([]);
  });

  it('strictly falling shares propose the positive-development exemption; one flat month does not', () => {
    const falling = byCode(157);
    expect(falling.offers.fails).toBe(true);
    expect(falling.toContact).toBe(true);
    expect(falling.exemptionProposals).toEqual([
      { reason: 'positive-development', criterion: 'offers', evidence: 'Tilbud: andelen faldt hver måned: 40,0 % → 38,0 % → 35,0 % → 30,0 % → 28,0 % → 25,0 %.' },
    ]);
    expect(falling.challengedGroups).toEqual(['A-dagpenge']);
    const flat = byCode(159);
    expect(flat.offers.fails).toBe(true);
    expect(flat.exemptionProposals).toEqual([]);
  });

  it('a municipality under enhanced supervision gets an exemption proposal; a removed entry does not', () => {
    const supervised = byCode(161);
    expect(supervised.interviews.fails).toBe(true);
    expect(supervised.exemptionProposals).toHaveLength(1);
    expect(supervised.exemptionProposals[0]).toMatchObject({ reason: 'enhanced-supervision', criterion: null });
    expect(supervised.exemptionProposals[0].evidence).toMatch(/skærpet tilsyn fra 2023-01-01/);
    // The reviewer accepts it: the decision's subject names the proposal (criterion "all").
    recordDecision(made.session.db, { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 161, subject: 'exemption:enhanced-supervision:all', verdict: 'accepted', reason: 'i skærpet tilsyn' });
    expect(evaluateEarly2023(made.session.db, '2023H2').municipalities.find((m) => m.code === 161)!.exemptionAccepted).toBe(true);
    const removed = byCode(163);
    expect(removed.interviews.fails).toBe(true);
    expect(removed.exemptionProposals).toEqual([]);
  });

  it('uses the shares where the file gave only shares, weighted by measured citizens, and says so', () => {
    const row = byCode(165);
    expect(row.interviews.months[0]).toMatchObject({ measured: 400, lacking: null, share: 0.165, above: false, sourceForm: 'shares' });
    expect(row.interviews.fails).toBe(false);
    expect(row.explanation.join('\n')).toMatch(/kun andele/);
  });

  it('summarises in the letter’s terms and carries rule set, version and source batches', () => {
    // Fails: 157 and 159 (offers), 161, 163 and 167 (interviews) → 5 to contact, 3 on interviews, 2 on offers.
    expect(evaluation.summary).toMatchObject({ toContact: 5, failInterviews: 3, failOffers: 2, exemptionProposals: 2, earlyWarnings: 0 });
    expect(evaluation.municipalities).toHaveLength(98);
    expect(evaluation).toMatchObject({ ruleSetId: 'early-2023', ruleSetVersion: '2023.1', complete: true, months: h2023 });
    expect(evaluation.batches.map((batch) => batch.fileName)).toEqual(['golden.xlsx']);
    expect(evaluation.parameters.find((parameter) => parameter.key === 'minCitizensPerCriterion')).toMatchObject({ interpretation: true });
    expect(byCode(167).explanation[0]).toMatch(/Tidlig indsats fra 2023 \(halvårlig\), version 2023\.1/);
  });

  it('a what-if copy (25 %, five months) changes exactly the municipalities the numbers say', () => {
    const db = made.session.db;
    const copy = copyRuleSet(db, 'early-2023', '25 pct. og fem måneder', { threshold: 0.25, consecutiveMonths: 5 });
    expect(copy).toMatchObject({ builtin: false, basedOn: 'early-2023', model: 'early-2023' });
    const comparison = compareRuleSets(db, 'early-2023', copy.id, '2023H2');
    // 25 %: 167 (22 %) no longer fails. 5 months: 147 (30 % Aug–Dec) now fails. 157 (40…25 %) and
    // 159 have 25 % in December, not above 25 %, so their runs are 5 (Jul–Nov): still fail.
    expect(comparison.changed.map((row) => [row.code, row.left.toContact, row.right.toContact])).toEqual([
      [147, false, true],
      [167, true, false],
    ]);
    expect(comparison.changed[1].why).toMatch(/Samtaler: Tidlig indsats fra 2023 \(halvårlig\): 6 af 6 måneder over 20 %/);
    // messages (issue 15): the why is data; the text is its Danish rendering.
    expect(comparison.changed[1].whyItems).toEqual([
      {
        code: 'compare.criterion',
        params: {
          criterion: 'interviews',
          left: { ruleSetName: 'Tidlig indsats fra 2023 (halvårlig)', eligible: true, aboveMonths: 6, shownMonths: 6, threshold: 0.2, consecutiveMonths: 6, fails: true },
          right: expect.objectContaining({ ruleSetName: '25 pct. og fem måneder', threshold: 0.25, consecutiveMonths: 5, fails: false }),
        },
      },
    ]);
    expect(comparison.changed[1].why).toBe(comparison.changed[1].whyItems.map(renderExplanation).join(' '));
    // One in (147), one out (167): still 5 to contact, 3 on interviews (147, 161, 163), 2 on offers.
    expect(comparison.right.summary).toMatchObject({ toContact: 5, failInterviews: 3, failOffers: 2 });
    // The original is untouched (161's accepted exemption above takes it off the contact count only).
    expect(evaluateEarly2023(db, '2023H2').summary).toMatchObject({ failsCriteria: 5, exempted: 1, toContact: 4 });
  });

  it('rejects a copy with a bad parameter, in Danish, and stores nothing', () => {
    const db = made.session.db;
    const before = (db.prepare('SELECT COUNT(*) AS n FROM rule_set').get() as { n: number }).n;
    expect(() => copyRuleSet(db, 'early-2023', 'forkert', { threshold: 1.5 })).toThrow(/Tærskel.*: må ikke være over 100 %/);
    expect(() => copyRuleSet(db, 'early-2023', 'forkert', { consecutiveMonths: 2.5 })).toThrow(/helt tal/);
    expect(() => copyRuleSet(db, 'early-2023', 'forkert', { nonsense: 1 })).toThrow(/ingen parameter "nonsense"/);
    expect(() => copyRuleSet(db, 'early-2023', 'forkert', { offerGroups: ['sygedagpenge', 'ukendt'] })).toThrow(/ukendte ydelsesgrupper: ukendt/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM rule_set').get() as { n: number }).n).toBe(before);
  });

  it('an accepted exemption covering every failing criterion takes the municipality off the contact list; a withdrawal puts it back', () => {
    const db = made.session.db;
    const before = evaluateEarly2023(db, '2023H2').summary;
    const accepted = recordDecision(db, { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 157, subject: 'exemption:positive-development:offers', verdict: 'accepted', reason: 'faldende hver måned', decidedOn: '2024-03-20' });
    const row = evaluateEarly2023(db, '2023H2').municipalities.find((m) => m.code === 157)!;
    expect(row).toMatchObject({ failsCriteria: true, toContact: false, exemptionAccepted: true, status: 'exempted' });
    expect(row.exemption).toMatchObject({ subjects: ['exemption:positive-development:offers'], decidedOn: '2024-03-20' });
    expect(row.exemption!.reasons).toMatch(/konstant positiv udvikling \(tilbud\): faldende hver måned/);
    expect(row.explanation.join('\n')).toMatch(/Undtagelse godkendt.*undtaget efter vurdering/s);
    const after = evaluateEarly2023(db, '2023H2').summary;
    expect(after).toMatchObject({ failsCriteria: before.failsCriteria, exempted: before.exempted + 1, toContact: before.toContact - 1 });
    expect(after.failsCriteria).toBe(after.exempted + after.toContact);
    // Withdrawn with a reason: back to "to be contacted"; both rows stay in the history.
    withdrawDecision(db, { id: accepted.id, reason: 'tallene er rettet' });
    const back = evaluateEarly2023(db, '2023H2').municipalities.find((m) => m.code === 157)!;
    expect(back).toMatchObject({ toContact: true, status: 'to-contact', exemption: null });
    expect(evaluateEarly2023(db, '2023H2').summary).toMatchObject(before);
    expect(listDecisions(db, { municipalityCode: 157 }).map((decision) => [decision.verdict, decision.withdrawsId])).toEqual([
      ['withdrawn', accepted.id],
      ['accepted', null],
    ]);
  });

  it('an exemption for one criterion leaves a municipality failing the other to be contacted; a rejected one changes nothing', () => {
    const db = made.session.db;
    // 163 fails interviews only and has no proposal; a rejected decision on 167 leaves it in.
    recordDecision(db, { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 167, subject: 'exemption:positive-development:interviews', verdict: 'rejected', reason: 'ikke faldende' });
    expect(evaluateEarly2023(db, '2023H2').municipalities.find((m) => m.code === 167)).toMatchObject({ toContact: true, status: 'to-contact' });
    // An accepted exemption that no current proposal backs (163 has none) does not count.
    recordDecision(db, { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 163, subject: 'exemption:positive-development:offers', verdict: 'accepted', reason: 'forkert kommune' });
    expect(evaluateEarly2023(db, '2023H2').municipalities.find((m) => m.code === 163)).toMatchObject({ toContact: true, status: 'to-contact' });
  });
});

describe('model A early warning during a half-year that is not over', () => {
  it('lists municipalities above the threshold in every month so far, with the months remaining', () => {
    const partial = tempSession();
    try {
      const months = ['2024-01', '2024-02', '2024-03'];
      // 101: 30 % lacking interviews in Jan–Mar → 3 months above so far, 3 more to fail.
      // 147: 30 % in Jan and Mar, 10 % in Feb → its run is broken: no warning.
      insertMeasurements(partial.session.db, [...series(101, 'dagpenge', months, 100, 30, 0), ...series(147, 'dagpenge', months, 100, [30, 10, 30], 0)]);
      const result = evaluateEarly2023(partial.session.db, '2024H1');
      expect(result.complete).toBe(false);
      expect(result.summary).toMatchObject({ toContact: 0, earlyWarnings: 1 });
      const row = result.municipalities.find((m) => m.code === 101)!;
      expect(row.earlyWarnings).toEqual([{ criterion: 'interviews', monthsAboveSoFar: 3, monthsRemaining: 3, monthsAssessed: 3 }]);
      expect(row.status).toBe('early-warning');
      // In words a reviewer reads right: never "opfyldt" for a criterion on its way to failing.
      const text = row.explanation.join('\n');
      expect(text).toMatch(/over tærsklen i 3 af 3 måneder indtil nu; kontaktes, hvis det fortsætter i 3 måneder mere/);
      expect(text).not.toMatch(/Samtaler – opfyldt/);
      expect(text).not.toMatch(/Resultat: skal ikke kontaktes/);
      expect(row.interviews.months.map((month) => month.share)).toEqual([0.3, 0.3, 0.3, null, null, null]);
      expect(result.municipalities.find((m) => m.code === 147)!.earlyWarnings).toEqual([]);
    } finally {
      partial.cleanup();
    }
  });

  it('a period with no data is a clear error', () => {
    const empty = tempSession();
    try {
      expect(() => evaluateEarly2023(empty.session.db, '2023H2')).toThrow(/ingen målinger for 2\. halvår 2023/);
    } finally {
      empty.cleanup();
    }
  });
});
