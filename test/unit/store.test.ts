import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/main/services/migrations';
import { latestSchemaVersion, openStore, schemaVersion } from '../../src/main/services/store';
import { tempDir } from '../helpers/temp-store';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function freshPath() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return path.join(dir, 'store.db');
}

describe('the SQLite store', () => {
  it('creates a WAL database with foreign keys, the schema version and the reference tables', () => {
    const databasePath = freshPath();
    const db = openStore(databasePath);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    const municipalities = db.prepare('SELECT code, name, region, labour_market_office AS amk FROM municipality ORDER BY code').all() as {
      code: number;
      name: string;
      amk: string;
    }[];
    expect(municipalities).toHaveLength(98);
    expect(municipalities[0]).toMatchObject({ code: 101, name: 'København', amk: 'Øst' });
    expect(municipalities.find((m) => m.code === 825)?.name).toBe('Læsø');
    expect(new Set(municipalities.map((m) => m.amk))).toEqual(new Set(['Øst', 'Midt-Nord', 'Syd']));
    db.close();
    expect(fs.existsSync(databasePath)).toBe(true);
  });

  it('keeps the benefit groups and their requirements as dated rows (the 2024 dagpenge change is a row, not an if)', () => {
    const db = openStore(freshPath());
    expect((db.prepare('SELECT COUNT(*) AS n FROM benefit_group').get() as { n: number }).n).toBe(9);
    const dagpenge = db
      .prepare("SELECT effective_from, min_interviews, offer_required FROM group_requirement WHERE group_id = 'dagpenge' ORDER BY effective_from")
      .all();
    expect(dagpenge).toEqual([
      { effective_from: '2020-01-01', min_interviews: 4, offer_required: 1 },
      { effective_from: '2024-01-01', min_interviews: 3, offer_required: 1 },
    ]);
    const offerGroups = db.prepare("SELECT group_id FROM group_requirement WHERE offer_required = 1 AND effective_from = '2020-01-01' ORDER BY group_id").all();
    expect(offerGroups.map((row) => (row as { group_id: string }).group_id)).toEqual(['dagpenge', 'kontanthjaelp', 'overgangsydelse', 'uddannelseshjaelp']);
    db.close();
  });

  it('reopens an existing store without migrating again or duplicating reference rows', () => {
    const databasePath = freshPath();
    openStore(databasePath).close();
    const db = openStore(databasePath);
    // One row per migration, numbered 1, 2, 3, … without gaps.
    expect((db.prepare('SELECT COUNT(*) AS n FROM schema_version').get() as { n: number }).n).toBe(migrations.length);
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(latestSchemaVersion);
    expect((db.prepare('SELECT COUNT(*) AS n FROM municipality').get() as { n: number }).n).toBe(98);
    db.close();
  });

  it('refuses a database made by a newer version instead of damaging it', () => {
    const databasePath = freshPath();
    openStore(databasePath).close();
    const raw = new Database(databasePath);
    raw.prepare("INSERT INTO schema_version VALUES (999, 'x', 'future')").run();
    raw.close();
    expect(() => openStore(databasePath)).toThrow(/nyere udgave/);
  });

  it('lowers Danish letters in SQL, which SQLite’s own lower() cannot', () => {
    const db = openStore(freshPath());
    expect(db.prepare("SELECT lower('ÆRØ') AS plain, lower_da('ÆRØ') AS danish").get()).toMatchObject({ plain: 'ÆrØ', danish: 'ærø' });
    db.close();
  });
});
