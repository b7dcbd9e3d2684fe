import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/handlers';
import type { Session } from '../../src/main/handlers/session';
import { loadDemoData } from '../../src/main/services/demo-data';
import { apiContract, callNames, type CallArgs, type CallName } from '../../src/shared/api';
import { unwrapEnvelope } from '../helpers/api';
import { writeDanishCsv } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

/**
 * Every call of the contract, run once on a demo store in an order where each succeeds; around
 * each one the store's `total_changes()` and a digest of every row are compared. A call that
 * changed the store must be marked `{ writes: true }` where it is declared (so `dispatch`
 * refuses it while an import holds its transaction), and a call marked as a write must write
 * (so the mark is not put on by habit). A new call needs a step here: the test says so.
 */
type State = { fileId: string; contactsFileId: string; ruleSetCopy: string; batchId: number; supervisionId: number; groupId: string; decisionId: number; contactId: number };
type Step<K extends CallName = CallName> = { name: K; args(state: State): CallArgs<K>; keep?(value: unknown, state: State): void };
const step = <K extends CallName>(name: K, args: (state: State) => CallArgs<K>, keep?: (value: unknown, state: State) => void): Step =>
  ({ name, args, keep }) as Step;

const period = '2023H2';
const plan: Step[] = [
  step('app.info', () => undefined),
  step('municipalities.list', () => undefined),
  step('benefitGroups.list', () => undefined, (value, state) => (state.groupId = (value as { id: string }[])[0].id)),
  step('ruleSets.list', () => ({})),
  step('periods.available', () => ({})),
  step('evaluate.early2023', () => ({ period })),
  step('evaluate.early2021', () => ({ period: '2023-09' })),
  step('evaluate.status', () => ({ period: '2024-12', baseline: '2023-12' })),
  step('municipality.detail', () => ({ code: 101, period })),
  step('benefitGroup.detail', (state) => ({ groupId: state.groupId, period })),
  step('decisions.list', () => ({})),
  step('export.contactList', () => ({ period })),
  step('export.view', () => ({ title: 'Visning', format: 'csv', columns: [{ header: 'Kommune', kind: 'text' }], rows: [['Læsø']] })),
  step('ruleSets.copy', () => ({ fromId: 'early-2023', name: 'Kopi', changes: {} }), (value, state) => (state.ruleSetCopy = (value as { id: string }).id)),
  step('ruleSets.compare', (state) => ({ left: 'early-2023', right: state.ruleSetCopy, period })),
  step('decisions.record', () => ({ ruleSetId: 'early-2023', period, municipalityCode: 101, subject: 'contact', verdict: 'contacted', reason: 'ringet op' }), (value, state) => (state.decisionId = (value as { id: number }).id)),
  step('decisions.withdraw', (state) => ({ id: state.decisionId, reason: 'registreret ved en fejl' })),
  step('decisions.bulkContacted', () => ({ ruleSetId: 'early-2023', period, codes: [147, 151], decidedOn: '2024-03-25', note: 'brev sendt' })),
  step('models.list', () => ({})),
  // cit-engine (issue 10)
  step('citizens.reconcile', () => ({ municipalityCode: 101 })),
  step('citizens.outlook', () => ({ municipalityCode: 101, asOf: '2024-01-15' })),
  step('evaluate.model', () => ({ model: 'early-2021', period: '2023-09' })),
  step('export.modelList', () => ({ model: 'early-2021', period: '2023-09' })),
  step('contacts.list', () => ({})),
  step('contacts.save', () => ({ municipalityCode: 101, name: 'Anna Hansen', jobcenter: 'Jobcenter København' }), (value, state) => (state.contactId = (value as { id: number }).id)),
  step('contacts.remove', (state) => ({ id: state.contactId })),
  step('contacts.import', (state) => ({ fileId: state.contactsFileId })),
  step('import.history', () => ({})),
  step('import.profiles.list', () => ({})),
  step('supervision.list', () => ({})),
  step('import.cancel', () => ({ importId: 'ingen-indlaesning' })),
  step('supervision.add', () => ({ municipality: 825, periodFrom: '2024-01' }), (value, state) => (state.supervisionId = (value as { id: number }).id)),
  step('supervision.remove', (state) => ({ id: state.supervisionId })),
  // The upload steps are filled in by the test (the file's bytes), see below.
  step('import.preview', (state) => ({ fileId: state.fileId })),
  step('import.validate', (state) => ({ fileId: state.fileId })),
  step('import.profiles.save', (state) => ({ name: 'Læsøs udtræk', fileId: state.fileId })),
  step('import.run', (state) => ({ fileId: state.fileId }), (value, state) => (state.batchId = (value as { batchId: number }).batchId)),
  step('import.undo', (state) => ({ batchId: state.batchId })),
  step('import.discard', (state) => ({ fileId: state.fileId })),
  step('demo.clear', () => undefined),
  step('demo.load', () => undefined),
];

let made: ReturnType<typeof tempSession>;
beforeAll(() => {
  made = tempSession();
  loadDemoData(made.session.db);
  // Twelve municipalities' numbers are enough to run every call; all 98 would make the contact list slow here.
  made.session.db.exec('DELETE FROM measurement WHERE municipality_code NOT IN (SELECT code FROM municipality ORDER BY code LIMIT 12)');
  observer = new Database(made.databasePath, { readonly: true });
});
afterAll(() => {
  observer?.close();
  made?.cleanup();
});

/**
 * Two witnesses: the session's own `total_changes()` (rows inserted, updated, deleted) and
 * `PRAGMA data_version` on a second connection, which moves on every commit by another
 * connection (so schema changes and settings count too).
 */
function witnesses(session: Session, observer: Database.Database): () => boolean {
  const changes = () => (session.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const version = () => observer.pragma('data_version', { simple: true }) as number;
  const before = { changes: changes(), version: version() };
  return () => changes() !== before.changes || version() !== before.version;
}

let observer: Database.Database;
async function observed(session: Session, name: CallName, args: unknown): Promise<{ value: unknown; wrote: boolean }> {
  const changed = witnesses(session, observer);
  const value = unwrapEnvelope(name, await dispatch(session, name, args));
  return { value, wrote: changed() };
}

describe('calls marked as writes in the contract', () => {
  it('every call has a step in this test (add one for a new call)', () => {
    const planned = new Set<string>([...plan.map((entry) => entry.name), 'import.upload.begin', 'import.upload.chunk', 'import.upload.finish', 'evaluate.supervision']);
    expect(callNames.filter((name) => !planned.has(name))).toEqual([]);
  });

  it('a call changes the store exactly when its contract entry marks it as a write', async () => {
    const session = made.session;
    const state = {} as State;
    const wrote = new Map<CallName, boolean>();
    const run = async (name: CallName, args: unknown) => {
      const outcome = await observed(session, name, args);
      wrote.set(name, (wrote.get(name) ?? false) || outcome.wrote);
      return outcome.value;
    };

    const csv = writeDanishCsv(path.join(made.dir, 'laesoe.csv'), [['Læsø', 'A-dagpenge', '2026M01', 40, 4, '10,0', 6, '15,0']]);
    const bytes = fs.readFileSync(csv);
    const { uploadId } = (await run('import.upload.begin', { fileName: 'laesoe.csv', size: bytes.length })) as { uploadId: string };
    await run('import.upload.chunk', { uploadId, offset: 0, base64: bytes.toString('base64') });
    state.fileId = ((await run('import.upload.finish', { uploadId })) as { fileId: string }).fileId;
    const contacts = Buffer.from('Kommune;Jobcenter;Navn;E-mail\r\n101;Jobcenter København;Bo Jensen;bo@example.dk\r\n', 'utf8');
    const contactsUpload = (await run('import.upload.begin', { fileName: 'kontakter.csv', size: contacts.length })) as { uploadId: string };
    await run('import.upload.chunk', { uploadId: contactsUpload.uploadId, offset: 0, base64: contacts.toString('base64') });
    state.contactsFileId = ((await run('import.upload.finish', { uploadId: contactsUpload.uploadId })) as { fileId: string }).fileId;
    // Model C needs the Y30R21 extract, which the demo store lacks: its refusal must not write either.
    const supervision = await observed(session, 'evaluate.supervision', { period: '2021QMAT02' }).catch((error: Error) => ({ wrote: false, error }));
    wrote.set('evaluate.supervision', supervision.wrote);

    for (const entry of plan) {
      const value = await run(entry.name, entry.args(state));
      entry.keep?.(value, state);
    }

    const unmarkedWrites = [...wrote].filter(([name, changed]) => changed && !apiContract[name].writes).map(([name]) => name);
    const markedButRead = [...wrote].filter(([name, changed]) => !changed && apiContract[name].writes).map(([name]) => name);
    expect(unmarkedWrites, 'these calls wrote to the store: mark them { writes: true } in src/shared/api/*.ts').toEqual([]);
    expect(markedButRead, 'these calls are marked { writes: true } but did not write').toEqual([]);
  });
});
