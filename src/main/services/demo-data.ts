import crypto from 'node:crypto';
import fs from 'node:fs';
import { resourcePath } from './paths';
import { readBenefitGroupFacts, readMunicipalityFacts } from './reference-data';
import { currentUserName, nowIso, setSetting, type Db } from './store';
import { storeWords } from '../../shared/store-words-da';

/**
 * The synthetic demo data set: monthly early-effort measurements for 98 municipalities × 9
 * benefit groups, 2022-01 to 2025-06. Seeded, so every install gets the same numbers. It is
 * shaped like the published H2 2023 outcome (tens failing offers, a handful failing interviews,
 * a few with steadily falling shares), never a copy of real figures.
 */
const demoGeneratorVersion = 'demo-v1';
const demoSeed = 20231231;
const demoFirstMonth = '2022-01';
const demoLastMonth = '2025-06';

/** Citizens reaching six months' seniority per 100,000 inhabitants per month, by group. */
const monthlyRatePer100k: Record<string, number> = {
  dagpenge: 70,
  sygedagpenge: 150,
  kontanthjaelp: 35,
  uddannelseshjaelp: 25,
  revalidering: 4,
  ressourceforloeb: 6,
  jobafklaring: 12,
  ledighedsydelse: 9,
  overgangsydelse: 5,
};

/** mulberry32: tiny, seedable, good enough for demo noise. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number);
  const [lastYear, lastMonth] = last.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** How a municipality's level in H2 2023 carries over to other half-years. */
function periodFactor(month: string): number {
  if (month < '2023-01') return 0.6;
  if (month < '2023-07') return 0.92;
  if (month < '2024-01') return 1;
  if (month < '2024-07') return 0.9;
  if (month < '2025-01') return 0.82;
  return 0.78;
}

interface DemoRow {
  municipalityCode: number;
  groupId: string;
  month: string;
  measured: number;
  interviewsLacking: number;
  offersLacking: number | null;
}

interface MunicipalityProfile {
  code: number;
  population: number;
  interviewLevel: number;
  offerLevel: number;
  /** Offer share falls every month of H2 2023 (a candidate for the positive-development exemption). */
  fallingOffers: boolean;
  /** Groups this municipality struggles with more than the rest. */
  weakGroups: Set<string>;
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

function readPopulations(): Map<number, number> {
  const lines = fs.readFileSync(resourcePath('demo-population.csv'), 'utf8').split(/\r?\n/).filter(Boolean).slice(1);
  return new Map(lines.map((line) => line.split(';').map(Number) as [number, number]));
}

export function generateDemoRows(seed = demoSeed): DemoRow[] {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const populations = readPopulations();
  const municipalities = readMunicipalityFacts();
  const groups = readBenefitGroupFacts().groups;
  const offerGroups = new Set(groups.filter((group) => group.requirements.some((r) => r.offerRequired)).map((group) => group.id));

  // Classes are drawn among municipalities big enough to have >= 10 measured citizens a month.
  const large = shuffled(municipalities.filter((m) => (populations.get(m.code) ?? 0) >= 20000), random);
  const offerFailers = new Set(large.slice(0, 61).map((m) => m.code));
  const interviewFailers = new Set([...large.slice(0, 6), large[61]].map((m) => m.code));
  const fallingOffers = new Set(
    large
      .slice(0, 61)
      .filter((m) => (populations.get(m.code) ?? 0) >= 50000)
      .slice(0, 3)
      .map((m) => m.code),
  );

  const groupIds = groups.map((group) => group.id);
  const profiles: MunicipalityProfile[] = municipalities.map((m) => ({
    code: m.code,
    population: populations.get(m.code) ?? 10000,
    interviewLevel: interviewFailers.has(m.code) ? between(0.25, 0.33) : between(0.05, 0.15),
    offerLevel: offerFailers.has(m.code) ? between(0.27, 0.45) : between(0.06, 0.16),
    fallingOffers: fallingOffers.has(m.code),
    weakGroups: new Set(shuffled(groupIds, random).slice(0, 2)),
  }));

  const rows: DemoRow[] = [];
  const months = monthsBetween(demoFirstMonth, demoLastMonth);
  for (const profile of profiles) {
    for (const month of months) {
      const monthIndex = Number(month.slice(5, 7));
      const seasonal = 1 + 0.12 * Math.cos(((monthIndex - 2) / 12) * 2 * Math.PI);
      for (const groupId of groupIds) {
        const expected = (profile.population / 100000) * monthlyRatePer100k[groupId] * seasonal;
        const measured = Math.max(0, Math.round(expected * between(0.85, 1.15)));
        const weak = profile.weakGroups.has(groupId) ? 0.06 : -0.015;
        let offerLevel = profile.offerLevel * periodFactor(month);
        if (profile.fallingOffers && month >= '2023-07' && month <= '2023-12') {
          // 0.42, 0.39, … 0.27: strictly falling, still above 20 % in the last month
          offerLevel = 0.42 - 0.03 * (Number(month.slice(5, 7)) - 7);
        }
        const interviewShare = clampShare(profile.interviewLevel * periodFactor(month) + weak + between(-0.012, 0.012));
        const offerShare = clampShare(offerLevel + weak + between(-0.012, 0.012));
        rows.push({
          municipalityCode: profile.code,
          groupId,
          month,
          measured,
          interviewsLacking: Math.round(measured * interviewShare),
          offersLacking: offerGroups.has(groupId) ? Math.round(measured * offerShare) : null,
        });
      }
    }
  }
  return rows;
}

function clampShare(share: number): number {
  return Math.min(0.95, Math.max(0, share));
}

/** Loads the demo set as one import batch; refuses if it is already there. */
export function loadDemoData(db: Db): { batchId: number; rows: number } {
  const existing = db.prepare('SELECT id FROM import_batch WHERE is_demo = 1').get() as { id: number } | undefined;
  if (existing) {
    const rows = db.prepare('SELECT COUNT(*) AS n FROM measurement WHERE batch_id = ?').get(existing.id) as { n: number };
    return { batchId: existing.id, rows: rows.n };
  }
  const rows = generateDemoRows();
  const fingerprint = crypto.createHash('sha256').update(`${demoGeneratorVersion}:${demoSeed}`).digest('hex');
  const insertBatch = db.prepare(
    `INSERT INTO import_batch (file_name, file_size, sha256, kind, reader, rows_read, rows_imported, imported_at, imported_by, is_demo, report_json)
     VALUES (?, 0, ?, 'measurement', 'demo-generator', ?, ?, ?, ?, 1, ?)`,
  );
  const insertRow = db.prepare(
    `INSERT INTO measurement (municipality_code, group_id, month, batch_id, measured, interviews_lacking, interviews_lacking_share,
       offers_lacking, offers_lacking_share, source_form)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'counts')`,
  );
  return db.transaction(() => {
    const report = JSON.stringify({ generator: demoGeneratorVersion, seed: demoSeed, months: [demoFirstMonth, demoLastMonth] });
    const batchId = Number(
      insertBatch.run(storeWords.demoBatch(demoGeneratorVersion, demoSeed), fingerprint, rows.length, rows.length, nowIso(), currentUserName(), report)
        .lastInsertRowid,
    );
    for (const row of rows) {
      const share = (lacking: number | null) => (lacking === null || row.measured === 0 ? null : lacking / row.measured);
      insertRow.run(
        row.municipalityCode,
        row.groupId,
        row.month,
        batchId,
        row.measured,
        row.interviewsLacking,
        share(row.interviewsLacking),
        row.offersLacking,
        share(row.offersLacking),
      );
    }
    setSetting(db, 'demoDataDismissed', null);
    return { batchId, rows: rows.length };
  })();
}

export function clearDemoData(db: Db): { removedRows: number } {
  return db.transaction(() => {
    const batches = db.prepare('SELECT id FROM import_batch WHERE is_demo = 1').all() as { id: number }[];
    let removedRows = 0;
    for (const batch of batches) {
      removedRows += db.prepare('DELETE FROM measurement WHERE batch_id = ?').run(batch.id).changes;
      db.prepare('DELETE FROM import_batch WHERE id = ?').run(batch.id);
    }
    // Remember the user cleared it, so the app does not load it again on the next start.
    setSetting(db, 'demoDataDismissed', '1');
    return { removedRows };
  })();
}
