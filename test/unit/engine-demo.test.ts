import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { readBenefitGroupFacts } from '../../src/main/services/reference-data';
import { dispatch } from '../../src/main/handlers';
import { callApi, type testClient } from '../helpers/api';
import { loadY30R21 } from '../helpers/engine-fixtures';
import { demoSession } from '../helpers/demo-store';

let made: ReturnType<typeof demoSession>;
beforeAll(() => {
  made = demoSession();
});
afterAll(() => made.cleanup());

const call: ReturnType<typeof testClient> = (name, ...args) => callApi(made.session, name, ...args);

/**
 * An independent model-A computation in plain JS over the raw rows: per municipality and month,
 * pool counts over all groups (interviews) and over groups with an offer requirement (offers);
 * fail = ≥ 10 citizens and lacking/measured > 0.2 in all six months.
 */
function independentFailures(): Map<number, { interviews: boolean; offers: boolean }> {
  const offerGroups = new Set(readBenefitGroupFacts().groups.filter((group) => group.requirements.every((r) => r.offerRequired)).map((group) => group.id));
  const rows = made.session.db
    .prepare("SELECT municipality_code AS code, group_id AS groupId, month, measured, interviews_lacking AS il, offers_lacking AS ol FROM measurement WHERE month BETWEEN '2023-07' AND '2023-12'")
    .all() as { code: number; groupId: string; month: string; measured: number; il: number; ol: number | null }[];
  const sums = new Map<string, { m: number; il: number; om: number; ol: number }>();
  for (const row of rows) {
    const key = `${row.code}|${row.month}`;
    const sum = sums.get(key) ?? { m: 0, il: 0, om: 0, ol: 0 };
    sum.m += row.measured;
    sum.il += row.il;
    if (offerGroups.has(row.groupId)) {
      sum.om += row.measured;
      sum.ol += row.ol ?? 0;
    }
    sums.set(key, sum);
  }
  const result = new Map<number, { interviews: boolean; offers: boolean }>();
  const months = ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];
  const codes = new Set(rows.map((row) => row.code));
  for (const code of codes) {
    const all = months.map((month) => sums.get(`${code}|${month}`)!);
    result.set(code, {
      interviews: all.every((sum) => sum.m >= 10 && sum.il / sum.m > 0.2),
      offers: all.every((sum) => sum.om >= 10 && sum.ol / sum.om > 0.2),
    });
  }
  return result;
}

describe('the engine on the demo data', () => {
  it('gives the letter’s H2 2023 result (62 to contact, 7 on interviews, 61 on offers) and agrees with a plain computation', async () => {
    const evaluation = await call('evaluate.early2023', { period: '2023H2' });
    expect(evaluation.summary).toMatchObject({ toContact: 62, failInterviews: 7, failOffers: 61 });
    const expected = independentFailures();
    expect(expected.size).toBe(98);
    for (const row of evaluation.municipalities) {
      expect([row.code, row.interviews.fails, row.offers.fails]).toEqual([row.code, expected.get(row.code)!.interviews, expected.get(row.code)!.offers]);
    }
    expect(evaluation.batches).toHaveLength(1);
    expect(evaluation.batches[0].isDemo).toBe(true);
  });

  it('prints the CLI JSON contract for evaluate --model early-2023', async () => {
    const out: string[] = [];
    const code = await runCli(['evaluate', '--model', 'early-2023', '--period', '2023H2', '--db', made.databasePath, '--json'], { out: (text) => out.push(text), err: (text) => out.push(text) });
    expect(code).toBe(0);
    const printed = JSON.parse(out.join('\n'));
    // Issue 5's keys first, in their order; issue 13 added completeness, exemption status and early warnings after them.
    expect(Object.keys(printed)).toEqual(['model', 'ruleSetVersion', 'period', 'summary', 'municipalities', 'ruleSetId', 'complete', 'months']);
    expect(Object.keys(printed.summary)).toEqual(['toContact', 'failInterviews', 'failOffers', 'exemptionProposals', 'earlyWarnings', 'failsCriteria', 'exempted']);
    expect(printed).toMatchObject({ model: 'early-2023', ruleSetVersion: '2023.1', period: '2023H2', summary: { toContact: 62, failInterviews: 7, failOffers: 61 } });
    const copenhagen = printed.municipalities.find((row: { code: number }) => row.code === 101);
    expect(Object.keys(copenhagen)).toEqual(['code', 'name', 'toContact', 'interviews', 'offers', 'challengedGroups', 'exemptionProposals', 'status', 'failsCriteria', 'exemption', 'earlyWarnings', 'note']);
    expect(Object.keys(copenhagen.interviews.months[0])).toEqual(['month', 'measured', 'lacking', 'share', 'above']);
    const positive = printed.municipalities.filter((row: { exemptionProposals: unknown[] }) => row.exemptionProposals.length > 0);
    expect(positive.length).toBeGreaterThan(0);
    expect(positive[0].exemptionProposals[0]).toEqual({ reason: 'positive-development', criterion: 'offers' });
  });

  it('exits non-zero with a clear message for a period without data or a missing model input', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (text: string) => err.push(text) };
    expect(await runCli(['evaluate', '--model', 'early-2023', '--period', '2030H1', '--db', made.databasePath, '--json'], io)).not.toBe(0);
    expect(await runCli(['evaluate', '--model', 'supervision', '--period', '2021QMAT02', '--db', made.databasePath, '--json'], io)).not.toBe(0);
    expect(await runCli(['evaluate', '--model', 'status', '--period', '2023-12', '--db', made.databasePath], io)).toBe(2);
    expect(await runCli(['evaluate', '--model', 'model-x', '--period', '2023H2', '--db', made.databasePath], io)).toBe(2);
    expect(err.join('\n')).toMatch(/ingen målinger for 1\. halvår 2030/);
    expect(err.join('\n')).toMatch(/resultatmålet/);
    expect(err.join('\n')).toMatch(/Mangler --baseline/);
    expect(err.join('\n')).toMatch(/Ukendt model "model-x"/);
  });

  it('answers the drill-downs and periods through the handler table', async () => {
    const periods = await call('periods.available', undefined);
    expect(periods.latestCompleteHalfYear).toBe('2025H1');
    expect(periods.halfYears).toHaveLength(7);
    const detail = await call('municipality.detail', { code: 101, period: '2023H2' });
    expect(detail.series[0].months).toHaveLength(24);
    expect(detail.series[0].months[23].month).toBe('2023-12');
    expect(detail.result.code).toBe(101);
    // The detail's pooled series agrees with the evaluation for the same months.
    expect(detail.series.find((s) => s.criterion === 'offers')!.months.slice(18)).toEqual(detail.result.offers.months);
    expect(detail.groupMonths.filter((group) => group.criterion === 'offers').map((group) => group.groupId)).toEqual(['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'overgangsydelse']);
    const group = await call('benefitGroup.detail', {
      groupId: 'sygedagpenge',
      period: '2023H2',
    });
    expect(group.national.map((row) => row.criterion)).toEqual(['interviews']);
    // The national line says its months are demo data, as a municipality's chart does.
    expect(group.monthSources).toEqual(group.months.map((month) => ({ month, source: 'demo' })));
    expect(group.municipalities).toHaveLength(98);
    // Model B's ladder: a municipality that model B lists carries its state; one it does not is on
    // the first step ("Ingen henvendelse"), never "no data" while the months are there.
    const latest = await call('evaluate.early2021', { period: '2023-12' }); // the half-year's last month with data
    const listed = latest.escalation[0];
    const unlisted = (await call('municipalities.list', undefined)).find((row) => !latest.escalation.some((state) => state.code === row.code))!;
    expect((await call('municipality.detail', { code: listed.code, period: '2023H2' })).escalation).toEqual(listed);
    expect((await call('municipality.detail', { code: unlisted.code, period: '2023H2' })).escalation).toMatchObject({ code: unlisted.code, step: 'none', contactedOn: null, overdue: false });
    const bad = await dispatch(made.session, 'municipality.detail', { code: 999, period: '2023H2' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('copies a rule set through the handlers and lists it beside the built-in ones', async () => {
    const copy = await call('ruleSets.copy', { fromId: 'early-2023', name: 'Fem måneder', changes: { consecutiveMonths: 5 } });
    const list = await call('ruleSets.list', undefined);
    expect(list.map((rule) => rule.id)).toEqual(['early-2023', 'early-2021', 'supervision', 'status', copy.id]);
    expect(list[0].parameters.filter((parameter) => parameter.interpretation).length).toBeGreaterThan(0);
    const comparison = await call(
      'ruleSets.compare',
      { left: 'early-2023', right: copy.id, period: '2023H2' },
    );
    expect(comparison.left.summary.toContact).toBe(62);
    // Needing fewer months can only add municipalities.
    expect(comparison.right.summary.toContact).toBe(62 + comparison.changed.filter((row) => row.right.toContact).length);
    const wrongModel = await dispatch(made.session, 'evaluate.early2021', { ruleSetId: copy.id, period: '2023-09' });
    expect(wrongModel).toMatchObject({ ok: false, error: { code: 'wrong-model' } });
  });
});

describe('the CLI contract for models B, C and D', () => {
  async function json(args: string[]): Promise<Record<string, unknown>> {
    const out: string[] = [];
    const code = await runCli([...args, '--db', made.databasePath, '--json'], { out: (text) => out.push(text), err: (text) => out.push(text) });
    expect(code, out.join('\n')).toBe(0);
    return JSON.parse(out.join('\n'));
  }

  it('prints findings, the supervision table and the status table as JSON', async () => {
    const monthly = await json(['evaluate', '--model', 'early-2021', '--period', '2023-09']);
    expect(Object.keys(monthly)).toEqual(['model', 'ruleSetVersion', 'period', 'findings', 'municipalities', 'escalation']);
    const findings = monthly.findings as { code: number; group: string; criterion: string; months: { above: boolean; measured: number }[] }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(Object.keys(findings[0])).toEqual(['code', 'name', 'group', 'groupId', 'criterion', 'months']);
    // The same data as the screen's call, grouped by municipality (the grouping adds up to the findings).
    const screen = await call('evaluate.early2021', { period: '2023-09' });
    expect(findings.map((finding) => [finding.code, finding.group, finding.criterion])).toEqual(screen.findings.map((finding) => [finding.code, finding.group, finding.criterion]));
    const grouped = monthly.municipalities as { code: number; findings: number; interviews: number; offers: number }[];
    expect(grouped.reduce((sum, row) => sum + row.findings, 0)).toBe(findings.length);
    for (const row of grouped) {
      const own = findings.filter((finding) => finding.code === row.code);
      expect([row.findings, row.interviews, row.offers]).toEqual([own.length, own.filter((f) => f.criterion === 'interviews').length, own.filter((f) => f.criterion === 'offers').length]);
    }
    expect(monthly.escalation).toEqual(screen.escalation);
    expect(findings.every((finding) => finding.months.length === 3 && finding.months.every((month) => month.above && month.measured >= 10))).toBe(true);

    loadY30R21(made.session.db);
    const supervision = await json(['evaluate', '--model', 'supervision', '--period', '2021QMAT02']);
    const aero = (supervision.municipalities as { code: number; resultTarget: Record<string, unknown> }[]).find((row) => row.code === 492)!;
    expect(Object.keys(aero.resultTarget)).toEqual(['expectedShare', 'actualShare', 'differencePoints', 'rank', 'fails']);
    expect(aero.resultTarget).toMatchObject({ differencePoints: -0.1, fails: false });
    const supervisionStatus = supervision.status as { resultTargetFails: { name: string }[]; focusDataAvailable: boolean };
    expect(supervisionStatus.focusDataAvailable).toBe(false);
    expect(supervisionStatus.resultTargetFails.map((row) => row.name)).not.toContain('Ærø');
    expect(supervisionStatus.resultTargetFails.map((row) => row.name)).toContain('Samsø');

    const status = await json(['evaluate', '--model', 'status', '--period', '2024-12', '--baseline', '2023-12']);
    expect(status).toMatchObject({ model: 'status', period: '2024-12', baseline: '2023-12' });
    const rows = status.rows as { label: string; share: number; baselineShare: number; changePoints: number }[];
    expect(rows[0].label).toBe('Hele landet');
    expect(rows[0].changePoints).toBeCloseTo((rows[0].share - rows[0].baselineShare) * 100, 1);
    expect(status).toMatchObject({ partial: false, coverage: { period: { month: '2024-12', municipalities: 98, of: 98 } } });
  });
});

describe('decisions are append-only', () => {
  it('records who and when, keeps every row, and refuses to overwrite', async () => {
    const first = await call('decisions.record', {
      ruleSetId: 'early-2023',
      period: '2023H2',
      municipalityCode: 101,
      subject: 'contact',
      verdict: 'contacted',
      decidedOn: '2024-03-25',
      reason: 'brev sendt',
    });
    expect(first.decidedBy.length).toBeGreaterThan(0);
    await call('decisions.record', { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 101, subject: 'contact', verdict: 'withdrawn', reason: 'fejl' });
    const history = await call('decisions.list', { municipalityCode: 101 });
    expect(history.map((row) => row.verdict)).toEqual(['withdrawn', 'contacted']);
    const evaluation = await call('evaluate.early2023', { period: '2023H2' });
    expect(evaluation.municipalities.find((row) => row.code === 101)!.decisions.map((row) => row.verdict)).toEqual(['withdrawn']);
    expect(() => made.session.db.prepare("UPDATE decision SET verdict = 'x' WHERE id = ?").run(first.id)).toThrow(/append-only/);
    const rejectedWithoutReason = await dispatch(made.session, 'decisions.record', {
      ruleSetId: 'early-2023',
      period: '2023H2',
      municipalityCode: 101,
      subject: 'exemption:positive-development:offers',
      verdict: 'rejected',
    });
    expect(rejectedWithoutReason).toMatchObject({ ok: false, error: { code: 'reason-required' } });
    expect(await dispatch(made.session, 'decisions.record', { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 100, subject: 'contact', verdict: 'contacted' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect((await call('decisions.list', { municipalityCode: 101 })).length).toBe(2);
  });
});
