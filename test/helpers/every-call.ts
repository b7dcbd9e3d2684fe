import fs from 'node:fs';
import iconv from 'iconv-lite';
import { dispatch } from '../../src/main/handlers';
import type { Session } from '../../src/main/handlers/session';
import { callNames } from '../../src/shared/api';
import type { Envelope } from '../../src/shared/contract';
import { measurementHeader, sharedExtractPath } from './import-files';

/**
 * One schema-valid call of every call in the contract, in an order that works on a store with
 * the demo data (uploads before the calls that need a file id, `demo.clear` last). Tests that
 * must reach every handler (query plans, injection strings in every free-text field, the
 * write-calls test) use it; a new call in the contract fails `uncoveredCalls` until it is added
 * here: the one list of every call.
 */
export interface CallState {
  fileId?: string;
  uploadId?: string;
  batchId?: number;
  supervisionId?: number;
  copyId?: string;
  groupId?: string;
  decisionId?: number;
  contactId?: number;
}

export type CallStep = { name: string; args: (state: CallState) => unknown; after?: (value: unknown, state: CallState) => void };

let uploadCounter = 0;
/** A one-row measurement CSV whose bytes differ each time (the importer refuses a file twice). */
function smallCsv(): Buffer {
  uploadCounter += 1;
  const rows = [measurementHeader, ['101', 'A-dagpenge', '2023M07', 200 + uploadCounter, 60, '30,0', 70, '35,0']];
  return iconv.encode(`${rows.map((row) => row.join(';')).join('\r\n')}\r\n`, 'windows-1252');
}

export function everyCallSteps(options: { clear: boolean } = { clear: true }): CallStep[] {
  let bytes = smallCsv();
  const extract = fs.readFileSync(sharedExtractPath());
  const upload = (fileName: string, content: () => Buffer): CallStep[] => [
    {
      name: 'import.upload.begin',
      args: () => {
        bytes = content();
        return { fileName, size: bytes.length };
      },
      after: (value, state) => (state.uploadId = (value as { uploadId: string }).uploadId),
    },
    { name: 'import.upload.chunk', args: (state) => ({ uploadId: state.uploadId, offset: 0, base64: bytes.toString('base64') }) },
    { name: 'import.upload.finish', args: (state) => ({ uploadId: state.uploadId }), after: (value, state) => (state.fileId = (value as { fileId: string }).fileId) },
  ];
  const steps: CallStep[] = [
    { name: 'app.info', args: () => undefined },
    { name: 'demo.load', args: () => undefined },
    { name: 'municipalities.list', args: () => undefined },
    { name: 'benefitGroups.list', args: () => undefined, after: (value, state) => (state.groupId = (value as { id: string }[])[0].id) },
    ...upload('Y30R21.ndjson', () => extract),
    { name: 'import.run', args: (state) => ({ fileId: state.fileId }) },
    ...upload('maalinger.csv', smallCsv),
    { name: 'import.preview', args: (state) => ({ fileId: state.fileId }) },
    { name: 'import.validate', args: (state) => ({ fileId: state.fileId, options: { kind: 'measurement' } }) },
    { name: 'import.profiles.save', args: (state) => ({ name: 'Kommunens udtræk', fileId: state.fileId }) },
    { name: 'import.profiles.list', args: () => undefined },
    { name: 'import.run', args: (state) => ({ fileId: state.fileId, options: { profile: 'Kommunens udtræk' }, importId: 'every-call' }), after: (value, state) => (state.batchId = (value as { batchId: number }).batchId) },
    { name: 'import.cancel', args: () => ({ importId: 'every-call' }) },
    { name: 'import.history', args: () => undefined },
    ...upload('igen.csv', smallCsv),
    { name: 'import.discard', args: (state) => ({ fileId: state.fileId }) },
    { name: 'supervision.add', args: () => ({ municipality: 'Ærø', periodFrom: '2023-01', periodTo: null, note: 'Skærpet tilsyn' }), after: (value, state) => (state.supervisionId = (value as { id: number }).id) },
    { name: 'supervision.list', args: () => undefined },
    { name: 'ruleSets.list', args: () => undefined },
    { name: 'ruleSets.copy', args: () => ({ fromId: 'early-2023', name: 'Kopi med 25 %', changes: {} }), after: (value, state) => (state.copyId = (value as { id: string }).id) },
    { name: 'periods.available', args: () => undefined },
    { name: 'evaluate.early2023', args: () => ({ period: '2023H2' }) },
    { name: 'evaluate.early2021', args: () => ({ period: '2023-09' }) },
    { name: 'evaluate.supervision', args: () => ({ period: '2021QMAT02' }) },
    { name: 'evaluate.status', args: () => ({ period: '2024-12', baseline: '2023-12' }) },
    { name: 'municipality.detail', args: () => ({ code: 101, period: '2023H2' }) },
    { name: 'benefitGroup.detail', args: (state) => ({ groupId: state.groupId, period: '2023H2' }) },
    { name: 'ruleSets.compare', args: (state) => ({ left: 'early-2023', right: state.copyId, period: '2023H2' }) },
    { name: 'decisions.record', args: () => ({ ruleSetId: 'early-2023', period: '2023H2', municipalityCode: 101, subject: 'contact', verdict: 'contacted', decidedOn: '2024-03-25', reason: 'Ringet op' }), after: (value, state) => (state.decisionId = (value as { id: number }).id) },
    { name: 'decisions.withdraw', args: (state) => ({ id: state.decisionId, reason: 'Registreret ved en fejl' }) },
    { name: 'decisions.bulkContacted', args: () => ({ ruleSetId: 'early-2023', period: '2023H2', codes: [147, 151], decidedOn: '2024-03-25', note: 'Brev sendt' }) },
    { name: 'models.list', args: () => ({}) },
    // cit-engine (issue 10)
    { name: 'citizens.reconcile', args: () => ({ municipalityCode: 101, from: '2023-07', to: '2023-12' }) },
    { name: 'citizens.outlook', args: () => ({ municipalityCode: 101, asOf: '2024-01-15' }) },
    { name: 'evaluate.model', args: () => ({ model: 'supervision', period: '2021QMAT02' }) },
    { name: 'export.modelList', args: () => ({ model: 'early-2021', period: '2023-09' }) },
    { name: 'contacts.save', args: () => ({ municipalityCode: 101, name: 'Anna Hansen', jobcenter: 'Jobcenter København', email: 'anna@example.dk' }), after: (value, state) => (state.contactId = (value as { id: number }).id) },
    { name: 'contacts.list', args: () => ({}) },
    { name: 'contacts.remove', args: (state) => ({ id: state.contactId }) },
    ...upload('kontakter.csv', () => Buffer.from('Kommune;Jobcenter;Navn;E-mail\r\n101;Jobcenter København;Bo Jensen;bo@example.dk\r\n', 'utf8')),
    { name: 'contacts.import', args: (state) => ({ fileId: state.fileId }) },
    { name: 'decisions.list', args: () => ({ ruleSetId: 'early-2023' }) },
    { name: 'export.contactList', args: () => ({ period: '2023H2' }) },
    { name: 'export.view', args: () => ({ title: 'Overblik', format: 'xlsx', columns: [{ header: 'Kommune', kind: 'text' }, { header: 'Andel', kind: 'share' }], rows: [['Ærø', 0.25]] }) },
    // cit-desk (issue 10): the citizen grid, timeline and export (an empty citizen store answers too)
    { name: 'citizens.query', args: () => ({ municipalityCode: 101, withinReach: true, sort: [{ column: 'daysLeft', direction: 'asc' }], filters: [{ column: 'citizenId', operator: 'contains', value: '010190' }] }) },
    { name: 'citizens.timeline', args: () => ({ spellId: 1, reveal: true }) },
    { name: 'citizens.count', args: () => ({ municipalityCode: 101, withinReach: true, filters: [{ column: 'citizenId', operator: 'contains', value: '010190' }] }) }, // cit-derive
    { name: 'export.citizens', args: () => ({ municipalityCode: 101, withinReach: true, filters: [{ column: 'groupId', operator: 'equals', value: 'A-dagpenge' }] }) },
    { name: 'supervision.remove', args: (state) => ({ id: state.supervisionId }) },
    { name: 'import.undo', args: (state) => ({ batchId: state.batchId }) },
    // citizens (issue 10): cit-import
    { name: 'citizens.status', args: () => ({}) },
    { name: 'citizens.deleteAll', args: () => ({ confirm: true }) },
  ];
  if (options.clear) steps.push({ name: 'demo.clear', args: () => undefined });
  return steps;
}

/** The calls of the contract that `everyCallSteps` does not reach (must be empty). */
export function uncoveredCalls(): string[] {
  const covered = new Set(everyCallSteps().map((step) => step.name));
  return callNames.filter((name) => !covered.has(name));
}

export interface EveryCallHooks {
  /** Wraps each call's dispatch (the write-calls test watches the store around it). */
  around?: (name: string, call: () => Promise<Envelope<unknown>>) => Promise<Envelope<unknown>>;
  /** Runs after a step succeeded, outside `around` (e.g. to trim the demo data after `demo.load`). */
  afterStep?: (name: string) => void;
}

/** Runs every step through `dispatch`; throws on the first refusal, naming the call. */
export async function runEveryCall(session: Session, steps = everyCallSteps(), hooks: EveryCallHooks = {}): Promise<{ name: string; args: unknown; envelope: Envelope<unknown> }[]> {
  const state: CallState = {};
  const done: { name: string; args: unknown; envelope: Envelope<unknown> }[] = [];
  for (const step of steps) {
    const args = step.args(state);
    const call = () => dispatch(session, step.name, args);
    const envelope = await (hooks.around ? hooks.around(step.name, call) : call());
    if (!envelope.ok) throw new Error(`${step.name}: ${envelope.error.code} ${envelope.error.message}`);
    step.after?.(envelope.value, state);
    hooks.afterStep?.(step.name);
    done.push({ name: step.name, args, envelope });
  }
  return done;
}
