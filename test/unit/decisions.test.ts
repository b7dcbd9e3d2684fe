/**
 * decisions (issue 13 items 5 and 7, issue 14 item 6): decisions that change the outcome,
 * withdrawals, bulk "contacted", validation before storing, and the reviewer's contact persons,
 * all through the handler table against a real SQLite file with the demo data.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { dispatch } from '../../src/main/handlers';
import { registerLocalFile } from '../../src/main/services/import/staging';
import { contactListSheetNames } from '../../src/main/services/export/contact-list';
import type { BulkContactedResult, ContactPerson } from '../../src/shared/api';
import { isRealDate } from '../../src/shared/periods';
import { insertMeasurements, series } from '../helpers/engine-fixtures';
import { demoSession } from '../helpers/demo-store';
import { tempSession } from '../helpers/temp-store';
import { callApi, type ArgsOf } from '../helpers/api';
import type { CallName } from '../../src/shared/api';

let made: ReturnType<typeof demoSession>;
beforeAll(() => {
  made = demoSession();
});
afterAll(() => made.cleanup());

/** The one typed test client (test/helpers/api.ts), on this file's session. */
const call = <K extends CallName>(callName: K, ...args: ArgsOf<K>) => callApi(made.session, callName, ...args);
/** Tests that write and read back several real contact lists: the full suite shares two cores with other work. */
const heavyTimeout = 240_000;
const decisionCount = () => (made.session.db.prepare('SELECT COUNT(*) AS n FROM decision').get() as { n: number }).n;
const evaluate = () => call('evaluate.early2023', { period: '2023H2' });

async function contactListRows(): Promise<{ codes: number[]; headers: string[]; rows: unknown[][]; provenance: string[] }> {
  const result = await call('export.contactList', { period: '2023H2' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(result.contentBase64!, 'base64') as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(contactListSheetNames.list)!;
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  const rows: unknown[][] = [];
  sheet.eachRow((row, number) => number > 1 && rows.push((row.values as unknown[]).slice(1)));
  const provenance: string[] = [];
  workbook.getWorksheet(contactListSheetNames.provenance)!.eachRow((row) => provenance.push((row.values as unknown[]).slice(1).join(' | ')));
  return { codes: rows.map((row) => row[1] as number), headers, rows, provenance };
}

describe('calendar dates', () => {
  it('knows the real calendar', () => {
    expect(['2024-02-29', '2025-12-31', '2023-01-01'].map(isRealDate)).toEqual([true, true, true]);
    expect(['2025-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '25-02-01', '2025-2-1'].map(isRealDate)).toEqual(Array(7).fill(false));
  });
});

describe('decisions.record refuses what does not exist, in Danish, and stores nothing', () => {
  const base = { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 101, subject: 'contact', verdict: 'contacted', decidedOn: '2024-03-25', reason: '' };
  it.each([
    [{ period: 'zzzz' }, 'invalid-period', /Perioden "zzzz" findes ikke.*halvår, fx 2023H2/],
    [{ period: '2023-07' }, 'invalid-period', /findes ikke for dette regelsæt/],
    [{ ruleSetId: 'early-2099' }, 'unknown-rule-set', /Regelsættet "early-2099" findes ikke/],
    [{ decidedOn: '2025-02-30' }, 'invalid-arguments', /findes ikke i kalenderen/],
    [{ decidedOn: '2199-01-01' }, 'invalid-date', /ligger i fremtiden/],
    [{ subject: 'exemption:whim:all', verdict: 'accepted', reason: 'x' }, 'invalid-subject', /kendes ikke/],
    [{ subject: 'exemption:enhanced-supervision:all', verdict: 'accepted' }, 'reason-required', /begrundelse/],
    [{ verdict: 'withdrawn' }, 'reason-required', /begrundelse/],
  ])('%o → %s', async (change, code, message) => {
    const before = decisionCount();
    const envelope = await dispatch(made.session, 'decisions.record', { ...base, ...change });
    expect(envelope).toMatchObject({ ok: false, error: { code } });
    expect(envelope.ok ? '' : envelope.error.message).toMatch(message);
    expect(decisionCount()).toBe(before);
  });

  it('a model B decision takes a month as its period', async () => {
    await call('decisions.record', { ...base, ruleSetId: 'early-2021', period: '2023-09', municipalityCode: 751 });
    expect(await dispatch(made.session, 'decisions.record', { ...base, ruleSetId: 'early-2021', period: '2023-13' })).toMatchObject({ ok: false, error: { code: 'invalid-period' } });
  });
});

describe('decisions that act', () => {
  it('an accepted exemption moves the counters and drops the municipality from the contact list; withdrawing restores it', async () => {
    // The demo's municipalities with falling shares fail both criteria, so a positive-development
    // exemption for offers alone leaves them to be contacted; one under enhanced supervision is exempt as a whole.
    const first = await evaluate();
    const partial = first.municipalities.find((row) => row.exemptionProposals.length > 0)!;
    await call('decisions.record', { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: partial.code, subject: 'exemption:positive-development:offers', verdict: 'accepted', reason: 'faldende', decidedOn: '2024-03-20' });
    expect((await evaluate()).municipalities.find((row) => row.code === partial.code)).toMatchObject({ interviews: { fails: true }, toContact: true, status: 'to-contact' });
    const candidate = first.municipalities.find((row) => row.toContact && row.exemptionProposals.length === 0)!;
    await call('supervision.add', { municipality: candidate.code, periodFrom: '2023-01' });
    const before = await evaluate();
    expect(before.summary.failsCriteria).toBe(before.summary.toContact + before.summary.exempted);
    const proposal = before.municipalities.find((row) => row.code === candidate.code)!.exemptionProposals[0];
    expect(proposal).toMatchObject({ reason: 'enhanced-supervision', criterion: null });
    const subject = 'exemption:enhanced-supervision:all';
    const listBefore = await contactListRows();
    expect(listBefore.codes).toContain(candidate.code);

    const accepted = await call('decisions.record', { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: candidate.code, subject, verdict: 'accepted', decidedOn: '2024-03-20', reason: 'konkret vurdering' });
    const after = await evaluate();
    expect(after.summary).toMatchObject({ failsCriteria: before.summary.failsCriteria, exempted: before.summary.exempted + 1, toContact: before.summary.toContact - 1 });
    expect(after.municipalities.find((row) => row.code === candidate.code)).toMatchObject({ status: 'exempted', toContact: false, exemption: { decidedOn: '2024-03-20' } });
    const listAfter = await contactListRows();
    expect(listAfter.codes).not.toContain(candidate.code);
    expect(listAfter.codes).toHaveLength(listBefore.codes.length - 1);
    expect(listAfter.provenance.join('\n')).toContain(`${after.summary.failsCriteria} opfylder kriterierne; ${after.summary.exempted} undtaget; ${after.summary.toContact} kontaktes`);
    expect(listAfter.provenance.join('\n')).toMatch(new RegExp(`Undtaget efter vurdering: ${candidate.name} \\(${candidate.code}\\).*konkret vurdering`));

    // Withdrawing needs a reason; then the municipality is back, and the history keeps both rows.
    expect(await dispatch(made.session, 'decisions.withdraw', { id: accepted.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const withdrawn = await call('decisions.withdraw', { id: accepted.id, reason: 'ny vurdering' });
    expect(withdrawn).toMatchObject({ verdict: 'withdrawn', subject, withdrawsId: accepted.id });
    expect((await evaluate()).summary).toMatchObject(before.summary);
    expect((await contactListRows()).codes).toContain(candidate.code);
    expect(await dispatch(made.session, 'decisions.withdraw', { id: accepted.id, reason: 'igen' })).toMatchObject({ ok: false, error: { code: 'superseded' } });
    const history = await call('decisions.list', { municipalityCode: candidate.code, period: '2023H2' });
    expect(history.map((row) => row.verdict)).toEqual(['withdrawn', 'accepted']);
  }, heavyTimeout);

  it('bulk contacted marks each with one date and one note, and says which were already contacted', async () => {
    const first = await call('decisions.bulkContacted', { period: '2023H2', codes: [101, 147, 151], decidedOn: '2024-03-25', note: 'brev sendt' });
    expect(first.recorded.map((row) => [row.municipalityCode, row.verdict, row.decidedOn, row.reason])).toEqual([
      [101, 'contacted', '2024-03-25', 'brev sendt'],
      [147, 'contacted', '2024-03-25', 'brev sendt'],
      [151, 'contacted', '2024-03-25', 'brev sendt'],
    ]);
    const before = decisionCount();
    const again = await call('decisions.bulkContacted', { period: '2023H2', codes: [101, 153], decidedOn: '2024-03-26', note: 'rykker' });
    expect(again.recorded.map((row) => row.municipalityCode)).toEqual([153]);
    expect(again.alreadyContacted).toMatchObject([{ code: 101, name: 'København', decidedOn: '2024-03-25' }]);
    expect(decisionCount()).toBe(before + 1);
    // One at a time says the same.
    expect(await dispatch(made.session, 'decisions.record', { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 147, subject: 'contact', verdict: 'contacted', decidedOn: '2024-03-27' })).toMatchObject({
      ok: false,
      error: { code: 'already-contacted' },
    });
    // A code that does not exist stops the whole batch.
    expect(await dispatch(made.session, 'decisions.bulkContacted', { period: '2023H2', codes: [155, 998], decidedOn: '2024-03-25' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch(made.session, 'decisions.bulkContacted', { period: '2023H2', codes: [155], decidedOn: '2024-02-30' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const evaluation = await evaluate();
    expect(evaluation.municipalities.filter((row) => row.decisions.some((decision) => decision.subject === 'contact' && decision.verdict === 'contacted')).map((row) => row.code)).toEqual([101, 147, 151, 153]);
  });

  it('a note shows in the evaluation', async () => {
    await call('decisions.record', { ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 173, subject: 'note', verdict: 'recorded', reason: 'ring efter 1. april' });
    expect((await evaluate()).municipalities.find((row) => row.code === 173)!.note).toBe('ring efter 1. april');
  });
});

describe("the reviewer's contact persons", () => {
  it('are kept per municipality, imported from .xlsx and .csv without duplicates, and carried by the contact list', async () => {
    const saved = await call('contacts.save', { municipalityCode: 101, jobcenter: 'Jobcenter København', name: 'Anne Jensen', email: 'anne@kk.dk', phone: '+45 33 66 33 66' });
    expect(saved).toMatchObject({ municipalityName: 'København', source: 'indtastet' });
    expect(await dispatch(made.session, 'contacts.save', { municipalityCode: 101, name: 'X', email: 'ikke en adresse' })).toMatchObject({ ok: false, error: { code: 'invalid-email' } });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Kontakter');
    sheet.addRow(['Kontaktpersoner hos jobcentrene']);
    sheet.addRow(['Kommune', 'Jobcenter', 'Navn', 'E-mail', 'Telefon']);
    sheet.addRow(['Aarhus', 'Jobcenter Aarhus', 'Bo Hansen', 'bo@aarhus.dk', '89 40 20 00']);
    sheet.addRow([101, 'Jobcenter København', 'Anne Jensen', 'anne@kk.dk', '+45 33 66 33 66']);
    sheet.addRow(['Atlantis', 'Jobcenter Atlantis', 'Ingen', 'x@y.dk', '']);
    const xlsx = path.join(made.dir, 'kontakter.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const imported = await call('contacts.import', { fileId: registerLocalFile(xlsx).fileId });
    expect(imported).toMatchObject({ added: 1, unchanged: 1, problems: [{ row: 5, message: 'Ukendt kommune: "Atlantis".' }] });

    const csv = path.join(made.dir, 'kontakter.csv');
    fs.writeFileSync(csv, '\uFEFFKommunekode;Jobcenter;Kontaktperson;Mail;Tlf\n147;Jobcenter Frederiksberg;Søren Ærø;soren@frb.dk;38 21 21 21\n', 'utf8');
    expect(await call('contacts.import', { fileId: registerLocalFile(csv).fileId })).toMatchObject({ added: 1, problems: [] });
    expect((await call('contacts.list', {})).map((row) => [row.municipalityCode, row.name])).toEqual([
      [751, 'Bo Hansen'],
      [147, 'Søren Ærø'],
      [101, 'Anne Jensen'],
    ]);

    const list = await contactListRows();
    const row = list.rows[list.codes.indexOf(101)];
    expect(row[list.headers.indexOf('Jobcenter')]).toBe('Jobcenter København');
    expect(row[list.headers.indexOf('Kontaktpersoner')]).toBe('Anne Jensen, anne@kk.dk, +45 33 66 33 66');

    // Removing keeps the row for the record but takes it off the list.
    await call('contacts.remove', { id: saved.id });
    expect((await call('contacts.list', { municipalityCode: 101 })).length).toBe(0);
  }, heavyTimeout);
});

describe('the CLI keeps pace', () => {
  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...args, '--db', made.databasePath], { out: (text) => out.push(text), err: (text) => err.push(text) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('what-if: copies a rule set with --set, lists it, evaluates under it and compares', async () => {
    const copied = await cli(['rule-sets', 'copy', '--from', 'early-2023', '--name', 'Tærskel 25', '--set', 'threshold=0.25', '--set', 'consecutiveMonths=5', '--json']);
    expect(copied.code, copied.err).toBe(0);
    const copy = JSON.parse(copied.out) as { id: string; basedOn: string; parameters: { key: string; value: unknown }[] };
    expect(copy.basedOn).toBe('early-2023');
    expect(copy.parameters.find((parameter) => parameter.key === 'threshold')!.value).toBe(0.25);
    expect(copy.parameters.find((parameter) => parameter.key === 'consecutiveMonths')!.value).toBe(5);
    expect((await cli(['rule-sets'])).out).toContain(copy.id);
    const under = JSON.parse((await cli(['evaluate', '--model', 'early-2023', '--period', '2023H2', '--rule-set', copy.id, '--json'])).out);
    expect(under.ruleSetId).toBe(copy.id);
    const compared = await cli(['rule-sets', 'compare', '--a', 'early-2023', '--b', copy.id, '--period', '2023H2', '--json']);
    expect(compared.code, compared.err).toBe(0);
    const comparison = JSON.parse(compared.out) as { changed: { code: number; left: { toContact: boolean }; right: { toContact: boolean }; why: string }[]; right: { summary: { toContact: number } } };
    expect(comparison.right.summary.toContact).toBe(under.summary.toContact);
    expect(comparison.changed.length).toBeGreaterThan(0);
    for (const row of comparison.changed) expect(row.why).toMatch(/Samtaler|Tilbud/);
    expect((await cli(['rule-sets', 'copy', '--from', 'early-2023', '--name', 'x', '--set', 'threshold'])).code).toBe(2);
  });

  it('evaluate --json carries completeness, early warnings and exemption status', async () => {
    const result = JSON.parse((await cli(['evaluate', '--model', 'early-2023', '--period', '2025H1', '--json'])).out);
    expect(result).toHaveProperty('complete');
    expect(result.summary).toHaveProperty('earlyWarnings');
    expect(result.summary).toHaveProperty('exempted');
    expect(result.municipalities[0]).toHaveProperty('status');
    expect(result.municipalities[0]).toHaveProperty('earlyWarnings');
    const full = JSON.parse((await cli(['evaluate', '--model', 'early-2023', '--period', '2023H2', '--json'])).out);
    expect(full.complete).toBe(true);
  });

  it('contacts import FILE and contacts --code, with --json', async () => {
    const csv = path.join(made.dir, 'cli-kontakter.csv');
    fs.writeFileSync(csv, 'Kommune;Navn;E-mail\nOdense;Karin Holm;karin@odense.dk\n', 'utf8');
    const imported = await cli(['contacts', 'import', csv, '--json']);
    expect(imported.code, imported.err).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ added: 1, problems: [] });
    const listed = JSON.parse((await cli(['contacts', '--code', '461', '--json'])).out) as ContactPerson[];
    expect(listed.map((row) => [row.municipalityName, row.name, row.email])).toEqual([['Odense', 'Karin Holm', 'karin@odense.dk']]);
  });

  it('decisions withdraw and bulk-contacted, with --json', async () => {
    const bulk = await cli(['decisions', 'bulk-contacted', '--codes', '161,163', '--period', '2023H2', '--date', '2024-03-25', '--note', 'mail sendt', '--json']);
    expect(bulk.code, bulk.err).toBe(0);
    const result = JSON.parse(bulk.out) as BulkContactedResult;
    expect(result.recorded.map((row) => row.municipalityCode)).toEqual([161, 163]);
    const withdrawn = await cli(['decisions', 'withdraw', '--id', String(result.recorded[0].id), '--reason', 'forkert kommune', '--json']);
    expect(withdrawn.code, withdrawn.err).toBe(0);
    expect(JSON.parse(withdrawn.out)).toMatchObject({ verdict: 'withdrawn', withdrawsId: result.recorded[0].id, municipalityCode: 161 });
    const bad = await cli(['decide', '--code', '101', '--period', 'zzzz', '--subject', 'note', '--verdict', 'recorded']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Perioden "zzzz" findes ikke/);
  });
});

describe('early warning in words, in the CLI (an unfinished half-year)', () => {
  it('says "over tærsklen i 3 af 3 måneder indtil nu; kontaktes, hvis det fortsætter i 3 måneder mere", never "opfyldt", and the JSON carries it', async () => {
    const partial = tempSession();
    try {
      // 101: 30 lacking of 100 every month Jan–Mar 2024 → above 20 % in 3 of 3 months so far.
      insertMeasurements(partial.session.db, series(101, 'dagpenge', ['2024-01', '2024-02', '2024-03'], 100, 30, 0));
      const out: string[] = [];
      const run = (args: string[]) => runCli([...args, '--db', partial.databasePath], { out: (text) => out.push(text), err: (text) => out.push(text) });
      expect(await run(['evaluate', '--model', 'early-2023', '--period', '2024H1'])).toBe(0);
      const text = out.join('\n');
      expect(text).toMatch(/101\s+København\s+tidlig varsling\s+over tærsklen i 3 af 3 måneder indtil nu; kontaktes, hvis det fortsætter i 3 måneder mere/);
      expect(text).not.toMatch(/opfyldt/);
      out.length = 0;
      expect(await run(['evaluate', '--model', 'early-2023', '--period', '2024H1', '--json'])).toBe(0);
      const json = JSON.parse(out.join('')) as { complete: boolean; summary: { earlyWarnings: number }; municipalities: { code: number; status: string; earlyWarnings: unknown[] }[] };
      expect(json.complete).toBe(false);
      expect(json.summary.earlyWarnings).toBe(1);
      expect(json.municipalities.find((row) => row.code === 101)).toMatchObject({
        status: 'early-warning',
        earlyWarnings: [{ criterion: 'interviews', monthsAboveSoFar: 3, monthsRemaining: 3, monthsAssessed: 3 }],
      });
    } finally {
      partial.cleanup();
    }
  });
});
