import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sortedByCitizen } from '../../src/main/services/import/citizen-writer';
import { rebuildIndexesFrom } from '../../src/main/services/import/bulk-indexes';
import { KeyIndex } from '../../src/main/services/import/key-index';
import { removeBatch } from '../../src/main/services/import/pipeline';
import { importPath, storeFingerprint } from '../helpers/import-files';
import { tempSession } from '../helpers/temp-store';

/**
 * cit-import (issue 10): the fast path of the citizen importer. A file that brings at least as
 * many rows as its table holds is inserted without the table's indexes, which are created again
 * (from their own SQL) before anything reads the rows; a small file into a big table keeps them.
 * Both must store exactly the file's rows and refuse exactly as before, on real SQLite files:
 * a bad row at the very end of a big file, an overlap found after the bulk insert, and the
 * indexes back as they were after a refusal and after a commit.
 */

let made: ReturnType<typeof tempSession>;
beforeEach(() => {
  made = tempSession();
});
afterEach(() => made.cleanup());
const db = () => made.session.db;
const file = (name: string) => path.join(made.dir, name);

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
/** A CPR-shaped id per citizen number (serials from 5000 up: never a real person). */
const citizenId = (index: number) =>
  `${pad(1 + (index % 28))}${pad(1 + (Math.floor(index / 28) % 12))}${pad(Math.floor(index / 336) % 100)}-${pad(5000 + Math.floor(index / 33600), 4)}`;
const isoDay = (offset: number) => new Date(Date.UTC(2022, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** Spells of citizens `first`…`first + count - 1`: one each, every third one ended. */
function spellLines(first: number, count: number): string[][] {
  return Array.from({ length: count }, (_, offset) => {
    const index = first + offset;
    const start = (index * 7919) % 700;
    return [citizenId(index), '101', 'A-dagpenge', isoDay(start), index % 3 === 0 ? isoDay(start + 90) : ''];
  });
}

/** Events of citizens 0…citizens-1 in turn (so one citizen's rows are far apart in the file). */
function eventLines(first: number, count: number, citizens: number): string[][] {
  return Array.from({ length: count }, (_, offset) => {
    const index = first + offset;
    const kind = index % 4 === 3 ? 'tilbud' : 'samtale';
    return [citizenId(index % citizens), isoDay((index * 37) % 700), kind, kind === 'tilbud' ? '' : index % 5 === 0 ? 'a-kasse' : 'jobcenter'];
  });
}

function writeCsv(name: string, header: string, lines: string[][]): string {
  fs.writeFileSync(file(name), [header, ...lines.map((line) => line.join(';'))].join('\n') + '\n');
  return file(name);
}
const spellsCsv = (name: string, lines: string[][]) => writeCsv(name, 'CPR-nr.;Kommune;Ydelsesgruppe;Startdato;Slutdato', lines);
const eventsCsv = (name: string, lines: string[][]) => writeCsv(name, 'CPR-nr.;Dato;Hændelse;Afholdt af', lines);

/** The citizen tables' indexes as the schema holds them (name and SQL). */
const citizenIndexes = () =>
  db().prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('citizen_spell', 'citizen_event') ORDER BY name").all();
const integrity = () => db().pragma('integrity_check', { simple: true });

async function refusal(promise: Promise<unknown>): Promise<Error & { code?: string; details?: unknown }> {
  const outcome = await promise.then(
    () => null,
    (error: Error) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error & { code?: string; details?: unknown };
}

describe('a big first file: inserted without indexes, indexes built before the commit', () => {
  it('stores the events of a big file in the file order (no sorting needed without indexes)', async () => {
    const lines = eventLines(0, rebuildIndexesFrom + 1000, 700);
    const report = await importPath(db(), eventsCsv('haendelser.csv', lines));
    const stored = db().prepare('SELECT source_row, citizen_id, event_date FROM citizen_event WHERE batch_id = ? ORDER BY id').all(report.batchId);
    expect(stored).toEqual(lines.map((line, index) => ({ source_row: index + 2, citizen_id: line[0], event_date: line[1] })));
    expect(integrity()).toBe('ok');
  });

  it('stores every spell as written, by citizen, with the same indexes as before and a sound file', async () => {
    const indexes = citizenIndexes();
    expect(indexes.length).toBeGreaterThanOrEqual(4);
    const count = rebuildIndexesFrom + 1000;
    const lines = spellLines(0, count);
    const report = await importPath(db(), spellsCsv('forloeb.csv', lines));
    expect(report).toMatchObject({ kind: 'spells', rowsRead: count, rowsImported: count, rowsSkipped: 0 });
    const stored = db().prepare('SELECT source_row, citizen_id, municipality_code, start_date, end_date FROM citizen_spell ORDER BY source_row').all();
    expect(stored).toEqual(
      lines.map((line, index) => ({ source_row: index + 2, citizen_id: line[0], municipality_code: 101, start_date: line[3], end_date: line[4] || null })),
    );
    // In the table by citizen (the derivation reads spells by citizen).
    const byId = (db().prepare('SELECT citizen_id FROM citizen_spell ORDER BY id').all() as { citizen_id: string }[]).map((row) => row.citizen_id);
    expect(byId).toEqual([...byId].sort());
    expect(citizenIndexes()).toEqual(indexes);
    expect(integrity()).toBe('ok');
    // The rebuilt index answers the citizen lookups (and holds every row: integrity_check compares them).
    const plan = db().prepare('EXPLAIN QUERY PLAN SELECT start_date FROM citizen_spell WHERE citizen_id = ?').all('010100-5000') as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/citizen_spell_citizen/);
    // The derivation ran on them in the same transaction: one window per spell.
    expect(db().prepare('SELECT COUNT(*) AS n FROM citizen_window').get()).toEqual({ n: count });
  });

  it('refuses the whole file for one bad row at its very end, names the row and column, stores nothing and keeps the indexes', async () => {
    const indexes = citizenIndexes();
    const before = storeFingerprint(db());
    const lines = eventLines(0, rebuildIndexesFrom + 1000, 3000);
    lines[lines.length - 1][1] = '2024-02-30';
    const refused = await refusal(importPath(db(), eventsCsv('haendelser.csv', lines)));
    expect(refused.code).toBe('invalid-rows');
    expect(refused.message).toMatch(/^1 af 6\.000 rækker har fejl, så intet fra filen blev indlæst/);
    expect(refused.details).toEqual([{ row: lines.length + 1, column: 'B', header: 'Dato', message: 'Dato: "2024-02-30" er ikke en dato, der findes i kalenderen.' }]);
    expect(storeFingerprint(db())).toBe(before);
    expect(db().prepare('SELECT COUNT(*) AS n FROM citizen_event').get()).toEqual({ n: 0 });
    expect(citizenIndexes()).toEqual(indexes);
    expect(integrity()).toBe('ok');
  });

  it('refuses a big second file repeating one stored spell (found after the bulk insert) and leaves the store and its indexes as they were', async () => {
    const first = await importPath(db(), spellsCsv('forloeb-1.csv', spellLines(0, rebuildIndexesFrom)));
    const indexes = citizenIndexes();
    const before = storeFingerprint(db()) + JSON.stringify(db().prepare('SELECT * FROM citizen_spell ORDER BY id').all());
    // New citizens, and at the very end citizen 17's spell again: the table's 5,000 rows are fewer than the file's, so its indexes go and come back.
    const lines = [...spellLines(100_000, rebuildIndexesFrom + 999), spellLines(17, 1)[0]];
    const refused = await refusal(importPath(db(), spellsCsv('forloeb-2.csv', lines)));
    expect(refused.code).toBe('citizen-overlap');
    expect(refused.message).toMatch(new RegExp(`^1 forløb i filen er allerede indlæst fra "forloeb-1.csv" \\(indlæsning nr. ${first.batchId}: 1\\)`));
    expect(storeFingerprint(db()) + JSON.stringify(db().prepare('SELECT * FROM citizen_spell ORDER BY id').all())).toBe(before);
    expect(citizenIndexes()).toEqual(indexes);
    expect(integrity()).toBe('ok');
  });
});

describe('the duplicate check of a big spells file', () => {
  it('names the first row of a spell repeated at the very end, and refuses the file', async () => {
    const lines = spellLines(0, rebuildIndexesFrom + 1000);
    lines.push([...lines[0]]);
    const refused = await refusal(importPath(db(), spellsCsv('forloeb.csv', lines)));
    expect(refused.code).toBe('invalid-rows');
    expect(refused.details).toEqual([
      { row: lines.length + 1, column: 'A', header: 'CPR-nr.', message: 'Samme borger, ydelsesgruppe og startdato står også i række 2.' },
    ]);
    expect(db().prepare('SELECT COUNT(*) AS n FROM citizen_spell').get()).toEqual({ n: 0 });
  });

  it('keeps whole-number keys above 2^31 apart and finds their first row, through every growth of its table', () => {
    const index = new KeyIndex();
    const base = 2 ** 40;
    // Neighbours, keys equal in their low 32 bits, and the largest a spell key can be.
    const keys = [...Array.from({ length: 100_000 }, (_, offset) => base + offset * 7919), base + 2 ** 32, base + 2 * 2 ** 32, 2 ** 50 - 1, 2 ** 31 - 1, 2 ** 31];
    // fast-lane (issue 15): one assertion over all the keys, naming each that fails (an expect per key cost seconds).
    expect(keys.map((key, at) => ({ key, first: index.firstRow(key, at + 2) })).filter(({ first }) => first !== 0)).toEqual([]);
    expect(keys.map((key, at) => ({ key, first: index.firstRow(key, 1_000_000), expected: at + 2 })).filter(({ first, expected }) => first !== expected)).toEqual([]);
    expect(index.firstRow(base + 1, 7)).toBe(0);
    expect(index.firstRow('010190-1111\u0000dagpenge\u00002024-01-02', 9)).toBe(0);
    expect(index.firstRow('010190-1111\u0000dagpenge\u00002024-01-02', 10)).toBe(9);
  });
});

describe('a small file into a big table: indexes kept, rows sorted by citizen before they are inserted', () => {
  it('stores every event, one citizen\'s rows in the file order, and the indexes stay as they were', async () => {
    const citizens = 700;
    await importPath(db(), eventsCsv('haendelser-1.csv', eventLines(0, 2 * rebuildIndexesFrom + 2000, citizens)));
    const indexes = citizenIndexes();
    const lines = eventLines(50_000, rebuildIndexesFrom + 500, citizens);
    const report = await importPath(db(), eventsCsv('haendelser-2.csv', lines));
    expect(report.rowsImported).toBe(lines.length);
    expect(citizenIndexes()).toEqual(indexes);
    expect(integrity()).toBe('ok');
    const stored = db()
      .prepare('SELECT source_row, citizen_id, event_date, kind, held_by FROM citizen_event WHERE batch_id = ? ORDER BY source_row')
      .all(report.batchId);
    expect(stored).toEqual(
      lines.map((line, index) => ({
        source_row: index + 2,
        citizen_id: line[0],
        event_date: line[1],
        kind: line[2] === 'tilbud' ? 'offer' : 'interview',
        held_by: line[3] || null,
      })),
    );
    // Sorted by citizen before the insert (the kept indexes grow near-sequentially)…
    const byId = (db().prepare('SELECT citizen_id FROM citizen_event WHERE batch_id = ? ORDER BY id').all(report.batchId) as { citizen_id: string }[]).map((row) => row.citizen_id);
    expect(byId).toEqual([...byId].sort());
    // …stably: within one citizen the ids follow the file.
    const one = db().prepare('SELECT source_row FROM citizen_event WHERE batch_id = ? AND citizen_id = ? ORDER BY id').all(report.batchId, citizenId(3)) as { source_row: number }[];
    expect(one.length).toBeGreaterThan(5);
    expect(one.map((row) => row.source_row)).toEqual([...one.map((row) => row.source_row)].sort((a, b) => a - b));
  });
});

describe('undoing a big batch: indexes rebuilt, not kept row by row', () => {
  const storedEvents = () => db().prepare('SELECT batch_id, source_row, citizen_id, event_date, kind, held_by FROM citizen_event ORDER BY id').all();
  /** Bumped by every DROP INDEX and CREATE INDEX: tells whether the undo rebuilt the indexes. */
  const schemaVersion = () => Number(db().pragma('schema_version', { simple: true }));

  it('a batch that is a tenth of its table or more: the other rows stay, value for value, and the indexes are back as they were', async () => {
    const citizens = 700;
    await importPath(db(), eventsCsv('haendelser-1.csv', eventLines(0, 2 * rebuildIndexesFrom + 2000, citizens)));
    const before = storedEvents();
    const indexes = citizenIndexes();
    const second = await importPath(db(), eventsCsv('haendelser-2.csv', eventLines(50_000, rebuildIndexesFrom + 500, citizens)));
    const version = schemaVersion();
    expect(removeBatch(db(), second.batchId)).toBe(rebuildIndexesFrom + 500);
    expect(schemaVersion()).toBeGreaterThan(version);
    expect(storedEvents()).toEqual(before);
    expect(citizenIndexes()).toEqual(indexes);
    expect(integrity()).toBe('ok');
    // The derivation's covering index serves the events again.
    const plan = db().prepare("EXPLAIN QUERY PLAN SELECT event_date FROM citizen_event WHERE citizen_id = ? AND event_date >= '2022-01-01'").all('010101-5000') as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('citizen_event_cover');
  });

  it('a small batch in a big table: deleted with the indexes kept, the same outcome', async () => {
    const citizens = 700;
    await importPath(db(), eventsCsv('haendelser-1.csv', eventLines(0, 2 * rebuildIndexesFrom + 2000, citizens)));
    const before = storedEvents();
    const indexes = citizenIndexes();
    const second = await importPath(db(), eventsCsv('haendelser-2.csv', eventLines(50_000, 300, citizens)));
    const version = schemaVersion();
    expect(removeBatch(db(), second.batchId)).toBe(300);
    expect(schemaVersion()).toBe(version);
    expect(storedEvents()).toEqual(before);
    expect(citizenIndexes()).toEqual(indexes);
    expect(integrity()).toBe('ok');
  });

  it('the whole table: every row goes and the empty table keeps its indexes', async () => {
    const only = await importPath(db(), eventsCsv('haendelser-1.csv', eventLines(0, rebuildIndexesFrom + 10, 300)));
    const indexes = citizenIndexes();
    expect(removeBatch(db(), only.batchId)).toBe(rebuildIndexesFrom + 10);
    expect(storedEvents()).toEqual([]);
    expect(citizenIndexes()).toEqual(indexes);
    expect(integrity()).toBe('ok');
  });
});

describe('the sort by citizen before an insert', () => {
  const row = (citizenId: string, sourceRow: number) =>
    ({ kind: 'events', sourceRow, citizenId, spellRef: null, eventDate: '2024-01-02', eventKind: 'interview', heldBy: null, offerType: null }) as const;
  const byText = (rows: readonly { citizenId: string; sourceRow: number }[]) =>
    [...rows].sort((a, b) => (a.citizenId < b.citizenId ? -1 : a.citizenId > b.citizenId ? 1 : 0)).map((entry) => entry.sourceRow);

  it('orders CPR-shaped ids as their text does and keeps one citizen\'s rows in the file order', () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => row(citizenId((index * 7919) % 3000), index + 2));
    const sorted = sortedByCitizen(rows);
    expect(sorted.map((entry) => entry.sourceRow)).toEqual(byText(rows));
    expect(new Set(sorted).size).toBe(rows.length);
  });

  it('falls back to comparing the text when one id has another form, with the same order', () => {
    const rows = [row('020190-1111', 2), row('K-000417', 3), row('010190-1111', 4), row('020190-1111', 5), row('01019O-1111', 6), row('010190 1111', 7)];
    expect(sortedByCitizen(rows).map((entry) => entry.sourceRow)).toEqual(byText(rows));
    expect(sortedByCitizen(rows).map((entry) => entry.sourceRow)).toEqual([7, 4, 6, 2, 5, 3]);
  });
});
