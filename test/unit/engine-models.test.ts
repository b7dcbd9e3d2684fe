import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/main/services/engine/decisions';
import { evaluateEarly2021 } from '../../src/main/services/engine/early-2021';
import { evaluateStatus } from '../../src/main/services/engine/status';
import { evaluateSupervision } from '../../src/main/services/engine/supervision';
import { insertBatch, insertMeasurements, loadY30R21, series, y30r21Path } from '../helpers/engine-fixtures';
import { tempSession } from '../helpers/temp-store';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});
function store() {
  const made = tempSession();
  cleanup = made.cleanup;
  return made.session.db;
}

describe('model B: three consecutive months per benefit group (2021)', () => {
  const spring = ['2021-03', '2021-04', '2021-05', '2021-06'];

  it('finds each municipality × group × criterion above 20 % with ≥ 10 citizens in each of three months', () => {
    const db = store();
    insertMeasurements(db, [
      // 101: kontanthjælp 3 of 10 lacking interviews (30 %) Apr–Jun → a finding for 2021-06.
      ...series(101, 'kontanthjaelp', spring, 10, [0, 3, 3, 3], 0),
      // 101: dagpenge 25 of 100 without an offer (25 %) Apr–Jun → a second finding (offers).
      ...series(101, 'dagpenge', spring, 100, 0, [0, 25, 25, 25]),
      // 147: 30 % in Mar–May but exactly 20 % (2/10) in June → a finding for May, none for June.
      ...series(147, 'kontanthjaelp', spring, 10, [3, 3, 3, 2], 0),
      // 151: 50 % every month but only 9 citizens in May → never three months with ≥ 10.
      ...series(151, 'kontanthjaelp', spring, [10, 10, 9, 10], [5, 5, 5, 5], 0),
      // 153: sygedagpenge with no offers at all (100 %) → no offer requirement, no finding.
      ...series(153, 'sygedagpenge', spring, 40, 0, 40),
      // 155: each group alone below 20 % is what counts, never the pool: dagpenge 15 % stays out.
      ...series(155, 'dagpenge', spring, 100, 15, 0),
    ]);
    const june = evaluateEarly2021(db, '2021-06');
    expect(june.findings.map((finding) => [finding.code, finding.groupId, finding.criterion])).toEqual([
      [101, 'dagpenge', 'offers'],
      [101, 'kontanthjaelp', 'interviews'],
    ]);
    expect(june.findings[1].months).toEqual([
      { month: '2021-04', measured: 10, lacking: 3, share: 0.3, above: true, sourceForm: 'counts' },
      { month: '2021-05', measured: 10, lacking: 3, share: 0.3, above: true, sourceForm: 'counts' },
      { month: '2021-06', measured: 10, lacking: 3, share: 0.3, above: true, sourceForm: 'counts' },
    ]);
    expect(june.findings[1]).toMatchObject({ name: 'København', group: 'Kontanthjælp' });
    const may = evaluateEarly2021(db, '2021-05');
    expect(may.findings.map((finding) => [finding.code, finding.groupId, finding.criterion])).toEqual([[147, 'kontanthjaelp', 'interviews']]);
    expect(june).toMatchObject({ ruleSetId: 'early-2021', ruleSetVersion: '2021.1' });
    expect(() => evaluateEarly2021(db, '2022-01')).toThrow(/ingen målinger for januar 2022/);
  });

  it('tracks the escalation ladder from the dates the user recorded', () => {
    const db = store();
    insertMeasurements(db, [...series(101, 'kontanthjaelp', spring, 10, 3, 0), ...series(147, 'kontanthjaelp', spring, 10, 3, 0), ...series(151, 'kontanthjaelp', spring, 10, 3, 0)]);
    // 101 contacted 2020-12-01 → explanation due 2021-06-01; still failing in June 2021 → explanation-due.
    recordDecision(db, { ruleSetId: 'early-2021', period: '2020-12', municipalityCode: 101, subject: 'contact', verdict: 'contacted', decidedOn: '2020-12-01', reason: '' });
    // 147 contacted 2021-05-15 → explanation due 2021-11-15: still just contacted in June.
    recordDecision(db, { ruleSetId: 'early-2021', period: '2021-05', municipalityCode: 147, subject: 'contact', verdict: 'contacted', decidedOn: '2021-05-15', reason: '' });
    // 151 contacted, then the minister asked for a meeting → meeting.
    recordDecision(db, { ruleSetId: 'early-2021', period: '2020-10', municipalityCode: 151, subject: 'contact', verdict: 'contacted', decidedOn: '2020-10-01', reason: '' });
    recordDecision(db, { ruleSetId: 'early-2021', period: '2021-05', municipalityCode: 151, subject: 'escalation:meeting', verdict: 'recorded', decidedOn: '2021-05-20', reason: 'brev til borgmester' });
    const escalation = evaluateEarly2021(db, '2021-06').escalation;
    expect(escalation).toEqual([
      // 101's explanation fell due on 2021-06-01 with the effort still lacking in June and none recorded: overdue.
      { code: 101, name: 'København', step: 'explanation-due', contactedOn: '2020-12-01', explanationDueOn: '2021-06-01', meetingRequestedOn: null, explanationReceivedOn: null, overdue: true },
      { code: 147, name: 'Frederiksberg', step: 'contacted', contactedOn: '2021-05-15', explanationDueOn: '2021-11-15', meetingRequestedOn: null, explanationReceivedOn: null, overdue: false },
      { code: 151, name: 'Ballerup', step: 'meeting', contactedOn: '2020-10-01', explanationDueOn: '2021-04-01', meetingRequestedOn: '2021-05-20', explanationReceivedOn: null, overdue: false },
    ]);
    // Once 101's explanation and recovery plan are recorded it is no longer overdue.
    recordDecision(db, { ruleSetId: 'early-2021', period: '2021-06', municipalityCode: 101, subject: 'escalation:explanation', verdict: 'recorded', decidedOn: '2021-06-10', reason: 'plan modtaget' });
    expect(evaluateEarly2021(db, '2021-06').escalation[0]).toMatchObject({ step: 'explanation-received', explanationReceivedOn: '2021-06-10', overdue: false });
    // In April 2021 the meeting and 147's contact had not happened yet; 101's explanation was not
    // yet due; 151's was (2021-04-01) but April has no finding (no data for February, so no three
    // months), so its effort is not shown as still lacking: just contacted.
    expect(evaluateEarly2021(db, '2021-04').escalation.map((state) => [state.code, state.step])).toEqual([
      [101, 'contacted'],
      [147, 'none'],
      [151, 'contacted'],
    ]);
  });
});

describe('model C: enhanced supervision on the real Y30R21 extract', () => {
  // The 18 municipalities the minister's letter of 1 September 2021 (seed 003) names for
  // July 2020 – June 2021 (2021QMAT02).
  const named = ['Bornholm', 'Lejre', 'Samsø', 'Slagelse', 'Ærø', 'Assens', 'Fanø', 'Fredericia', 'Frederikssund', 'Guldborgsund', 'Haderslev', 'Halsnæs', 'Hvidovre', 'Høje-Taastrup', 'Lolland', 'Læsø', 'Nordfyns', 'Aalborg'];

  it('shows 16 of the 18 named municipalities failing the result target; Ærø and Assens do not', () => {
    const db = store();
    const loaded = loadY30R21(db);
    expect(loaded).toMatchObject({ rows: 2352, unmatched: [] });
    const result = evaluateSupervision(db, '2021QMAT02');
    expect(result.municipalities).toHaveLength(98);
    const rows = named.map((name) => result.municipalities.find((row) => row.name === name)!);
    expect(rows.every(Boolean)).toBe(true);
    const failing = rows.filter((row) => row.resultTarget!.fails).map((row) => row.name);
    expect(failing).toHaveLength(16);
    const passing = rows.filter((row) => !row.resultTarget!.fails);
    expect(passing.map((row) => [row.name, row.resultTarget!.differencePoints])).toEqual([
      ['Ærø', -0.1],
      ['Assens', -0.03],
    ]);
    // Cross-check one row with the file itself (shares as fractions, difference in points).
    const line = fs
      .readFileSync(y30r21Path, 'utf8')
      .split('\n')
      .map((text) => (text ? JSON.parse(text) : null))
      .find((record) => record && record.Area === 'Samsø' && record.Periode === '2021QMAT02' && record.Ydelsesgrupper === 'Ydelsesgrupper i alt');
    const value = (suffix: string) => Number(String(line[Object.keys(line).find((key) => key.endsWith(suffix))!]).replace(',', '.'));
    const samso = result.municipalities.find((row) => row.name === 'Samsø')!;
    expect(samso.resultTarget).toEqual({
      expectedShare: value('Forventet andel (pct.)') / 100,
      actualShare: value('Faktisk andel (pct.)') / 100,
      differencePoints: value('(pct. point)'),
      rank: line['Placering på benchmarkranglisten'],
      fails: true,
    });
    expect(result.batches.map((batch) => batch.fileName)).toEqual(['jobindsats-Y30R21-2023-08.ndjson']);
    expect(() => evaluateSupervision(db, '2030QMAT01')).toThrow(/Perioder med data: året til og med 2\. kvartal 2020; /);
  });

  it('marks "at risk" only where a focus target and the result target both fail', () => {
    const db = store();
    loadY30R21(db);
    const batch = insertBatch(db, 'fokusmaalinger.xlsx', 'focus');
    const insert = db.prepare(
      `INSERT INTO focus_measurement (municipality_code, group_label, period, batch_id, measured, interviews_lacking, interviews_lacking_share,
         offers_lacking, offers_lacking_share, source_form) VALUES (?, 'I alt', '2021QMAT02', ?, ?, ?, ?, ?, ?, 'counts')`,
    );
    // Samsø (741): 40 of 100 without 4 interviews (40 % > 20 %) and fails the result target → at risk.
    insert.run(741, batch, 100, 40, 0.4, 5, 0.05);
    // Ærø (492): 40 % without interviews, but its result target holds (−0,10 points) → not at risk.
    insert.run(492, batch, 100, 40, 0.4, 5, 0.05);
    // Slagelse (330): fails the result target, focus exactly 20 % → holds → not at risk.
    insert.run(330, batch, 100, 20, 0.2, 20, 0.2);
    // A group row beside Samsø's total row: the total stands for the municipality, no double count.
    db.prepare(
      `INSERT INTO focus_measurement (municipality_code, group_label, period, batch_id, measured, interviews_lacking, interviews_lacking_share,
         offers_lacking, offers_lacking_share, source_form) VALUES (741, 'A-dagpenge mv.', '2021QMAT02', ?, 60, 6, 0.1, 0, 0, 'counts')`,
    ).run(batch);
    // Lejre (350) has only group rows: they are pooled, (8 + 2) / (30 + 20) = 20 % → holds.
    const groupRow = db.prepare(
      `INSERT INTO focus_measurement (municipality_code, group_label, period, batch_id, measured, interviews_lacking, interviews_lacking_share,
         offers_lacking, offers_lacking_share, source_form) VALUES (350, ?, '2021QMAT02', ?, ?, ?, NULL, 0, 0, 'counts')`,
    );
    groupRow.run('A-dagpenge mv.', batch, 30, 8);
    groupRow.run('Kontanthjælp mv.', batch, 20, 2);
    const result = evaluateSupervision(db, '2021QMAT02');
    const at = (code: number) => result.municipalities.find((row) => row.code === code)!;
    expect(at(741)).toMatchObject({ atRisk: true, focusInterviews: { measured: 100, lacking: 40, share: 0.4, fails: true }, focusOffers: { fails: false } });
    expect(at(492)).toMatchObject({ atRisk: false, focusInterviews: { fails: true }, resultTarget: { fails: false } });
    expect(at(330)).toMatchObject({ atRisk: false, focusInterviews: { share: 0.2, fails: false }, resultTarget: { fails: true } });
    expect(at(741).explanation.join('\n')).toMatch(/I risiko for skærpet tilsyn/);
    expect(at(101).focusInterviews).toBeNull();
    expect(at(350).focusInterviews).toEqual({ measured: 50, lacking: 10, share: 0.2, fails: false });
  });

  it('says clearly when the Y30R21 extract is missing', () => {
    const db = store();
    expect(() => evaluateSupervision(db, '2021QMAT02')).toThrow(/ikke indlæst tal for resultatmålet/);
  });
});

describe('model D: national status with the change in percentage points', () => {
  it('computes the share with the required interviews per group, country and municipality', () => {
    const db = store();
    insertMeasurements(db, [
      // 101 dagpenge: 2017-11 40 of 100 lacking (60 % got them); 2018-12 20 of 100 (80 %).
      ...series(101, 'dagpenge', ['2017-11', '2018-12'], 100, [40, 20], 0),
      // 101 sygedagpenge: 50/100 lacking (50 %) → 30/100 (70 %).
      ...series(101, 'sygedagpenge', ['2017-11', '2018-12'], 100, [50, 30], 0),
      // 147 dagpenge: 10/50 lacking (80 %) → 5/50 (90 %).
      ...series(147, 'dagpenge', ['2017-11', '2018-12'], 50, [10, 5], 0),
    ]);
    const status = evaluateStatus(db, '2018-12', '2017-11');
    // Whole country: 2018-12 lacking 20+30+5 = 55 of 250 → 195/250 = 78 %; 2017-11 100 of 250 → 60 %; +18 points.
    expect(status.rows[0]).toEqual({ label: 'Hele landet', groupId: null, share: 0.78, baselineShare: 0.6, changePoints: 18, measured: 250 });
    // Dagpenge: 2018-12 25 of 150 lacking → 125/150 = 83.33 %; 2017-11 50 of 150 → 66.67 %; +16.67 points.
    expect(status.rows.find((row) => row.groupId === 'dagpenge')).toEqual({
      label: 'A-dagpenge',
      groupId: 'dagpenge',
      share: 0.8333,
      baselineShare: 0.6667,
      changePoints: 16.67,
      measured: 150,
    });
    expect(status.rows.find((row) => row.groupId === 'sygedagpenge')).toMatchObject({ share: 0.7, baselineShare: 0.5, changePoints: 20 });
    // København pooled: 2018-12 50/200 lacking → 75 %; 2017-11 90/200 → 55 %; +20 points.
    // Against the national line: 75 % − 78 % = −3 points.
    expect(status.municipalities.find((row) => row.code === 101)).toEqual({ code: 101, name: 'København', share: 0.75, baselineShare: 0.55, changePoints: 20, differenceFromNationalPoints: -3 });
    // Two of 98 municipalities have data: the national figure is marked as partial.
    expect(status.coverage).toEqual({ period: { month: '2018-12', municipalities: 2, of: 98 }, baseline: { month: '2017-11', municipalities: 2, of: 98 } });
    expect(status.partial).toBe(true);
    expect(status.municipalities.find((row) => row.code === 151)).toMatchObject({ share: null, changePoints: null });
    expect(() => evaluateStatus(db, '2018-12', '2016-01')).toThrow(/ingen målinger for januar 2016/);
  });
});

describe('requirements are dated data, not constants', () => {
  it('pools a group into the offer criterion only from the date its offer requirement takes effect', async () => {
    const db = store();
    const { evaluateEarly2023 } = await import('../../src/main/services/engine/early-2023');
    const { h2023 } = await import('../helpers/engine-fixtures');
    // A hypothetical change in the law: sygedagpenge gets an offer requirement from 2023-10-01.
    db.prepare(
      "INSERT INTO group_requirement (group_id, effective_from, min_interviews, offer_required, source, note) VALUES ('sygedagpenge', '2023-10-01', 4, 1, 'test', 'hypotetisk')",
    ).run();
    // 101: sygedagpenge 50 citizens, all 50 without an offer; dagpenge 50 citizens, 5 without.
    // Jul–Sep: offers pool dagpenge only → 5/50 = 10 %. Oct–Dec: both → 55/100 = 55 %.
    insertMeasurements(db, [...series(101, 'sygedagpenge', h2023, 50, 0, 50), ...series(101, 'dagpenge', h2023, 50, 0, 5)]);
    const row = evaluateEarly2023(db, '2023H2').municipalities.find((m) => m.code === 101)!;
    expect(row.offers.months.map((month) => [month.measured, month.lacking, month.share])).toEqual([
      [50, 5, 0.1],
      [50, 5, 0.1],
      [50, 5, 0.1],
      [100, 55, 0.55],
      [100, 55, 0.55],
      [100, 55, 0.55],
    ]);
    // Three months above is not six: the criterion holds.
    expect(row.offers.fails).toBe(false);
    // Before the table's first date (2020-01-01) the earliest requirement applies: dagpenge has an offer requirement in 2019.
    insertMeasurements(db, series(101, 'dagpenge', ['2019-07', '2019-08', '2019-09', '2019-10', '2019-11', '2019-12'], 50, 0, 25));
    const early = evaluateEarly2023(db, '2019H2').municipalities.find((m) => m.code === 101)!;
    expect(early.offers).toMatchObject({ eligible: true, fails: true });
  });
});

describe('enhanced supervision entries in any period form', () => {
  it('reads dates, months, quarters, years and moving annual totals as spans of months', async () => {
    const { periodSpan, evaluateEarly2023 } = await import('../../src/main/services/engine/early-2023');
    expect(periodSpan('2023-04-01')).toEqual({ first: '2023-04', last: '2023-04' });
    expect(periodSpan('2023Q2')).toEqual({ first: '2023-04', last: '2023-06' });
    expect(periodSpan('2023')).toEqual({ first: '2023-01', last: '2023-12' });
    expect(periodSpan('2022QMAT04')).toEqual({ first: '2022-01', last: '2022-12' });
    expect(periodSpan('i går')).toBeNull();

    const db = store();
    const { h2023 } = await import('../helpers/engine-fixtures');
    // Four municipalities fail the interview criterion in H2 2023 (30/100 every month).
    insertMeasurements(db, [101, 147, 151, 153].flatMap((code) => series(code, 'dagpenge', h2023, 100, 30, 0)));
    const entry = db.prepare("INSERT INTO supervision_entry (municipality_code, period_from, period_to, created_at, created_by) VALUES (?, ?, ?, '2023-01-01', 'test')");
    entry.run(101, '2023Q2', null); // from Q2 2023, open-ended → overlaps H2 2023
    entry.run(147, '2022', '2023'); // the whole of 2022 and 2023 → overlaps (a text comparison of '2023' < '2023-07' would say no)
    entry.run(151, '2022QMAT02', '2023Q2'); // ended June 2023 → does not overlap
    entry.run(153, '2024-01', null); // starts after → does not overlap
    const result = evaluateEarly2023(db, '2023H2');
    const proposed = result.municipalities.filter((row) => row.exemptionProposals.some((proposal) => proposal.reason === 'enhanced-supervision')).map((row) => row.code);
    expect(proposed).toEqual([101, 147]);
  });
});
