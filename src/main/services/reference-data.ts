import fs from 'node:fs';
import { resourcePath } from './paths';
// Not `Db` from './store': the store seeds through this module, and even a type import back is a circle.
import type Database from 'better-sqlite3';

interface MunicipalityFact {
  code: number;
  name: string;
  region: string;
  labourMarketOffice: string;
}

interface BenefitGroupFact {
  id: string;
  label: string;
  sortOrder: number;
  requirements: { effectiveFrom: string; minInterviews: number; offerRequired: boolean; note: string | null }[];
}

/** `resources/kommuner.csv`: `kommunekode;navn;region;amk`, UTF-8. */
export function readMunicipalityFacts(): MunicipalityFact[] {
  const lines = fs.readFileSync(resourcePath('kommuner.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  return lines.slice(1).map((line) => {
    const [code, name, region, labourMarketOffice] = line.split(';');
    return { code: Number(code), name, region, labourMarketOffice };
  });
}

export function readBenefitGroupFacts(): { source: string; groups: BenefitGroupFact[] } {
  return JSON.parse(fs.readFileSync(resourcePath('benefit-groups.json'), 'utf8'));
}

/** Fills the reference tables; idempotent, so a newer resources file updates an older store. */
export function seedReferenceData(db: Database.Database): void {
  const municipalities = readMunicipalityFacts();
  const { source, groups } = readBenefitGroupFacts();
  const upsertMunicipality = db.prepare(
    `INSERT INTO municipality (code, name, region, labour_market_office) VALUES (@code, @name, @region, @labourMarketOffice)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, region = excluded.region, labour_market_office = excluded.labour_market_office`,
  );
  const upsertGroup = db.prepare(
    `INSERT INTO benefit_group (id, label, sort_order) VALUES (@id, @label, @sortOrder)
     ON CONFLICT(id) DO UPDATE SET label = excluded.label, sort_order = excluded.sort_order`,
  );
  const upsertRequirement = db.prepare(
    `INSERT INTO group_requirement (group_id, effective_from, min_interviews, offer_required, source, note)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(group_id, effective_from) DO UPDATE SET min_interviews = excluded.min_interviews,
       offer_required = excluded.offer_required, source = excluded.source, note = excluded.note`,
  );
  db.transaction(() => {
    for (const municipality of municipalities) upsertMunicipality.run(municipality);
    for (const group of groups) {
      upsertGroup.run({ id: group.id, label: group.label, sortOrder: group.sortOrder });
      for (const requirement of group.requirements) {
        upsertRequirement.run(group.id, requirement.effectiveFrom, requirement.minInterviews, requirement.offerRequired ? 1 : 0, source, requirement.note);
      }
    }
  })();
}

/**
 * True when the reference tables differ from the resources files (a newer release, or a store
 * made before the tables existed), so opening the store writes only when there is something
 * to write (issue 14, item 2).
 */
export function referenceDataDiffers(db: Database.Database): boolean {
  const { source, groups } = readBenefitGroupFacts();
  const wanted = {
    municipalities: readMunicipalityFacts()
      .map((m) => [m.code, m.name, m.region, m.labourMarketOffice])
      .sort((a, b) => Number(a[0]) - Number(b[0])),
    groups: groups.map((g) => [g.id, g.label, g.sortOrder]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    requirements: groups
      .flatMap((g) => g.requirements.map((r) => [g.id, r.effectiveFrom, r.minInterviews, r.offerRequired ? 1 : 0, source, r.note]))
      .sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`)),
  };
  const rows = (statement: ReturnType<Database.Database['prepare']>) => statement.raw().all() as unknown[][];
  const byKey = (a: unknown[], b: unknown[]) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`);
  const stored = {
    municipalities: rows(db.prepare('SELECT code, name, region, labour_market_office FROM municipality ORDER BY code')),
    groups: rows(db.prepare('SELECT id, label, sort_order FROM benefit_group')).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    requirements: rows(db.prepare('SELECT group_id, effective_from, min_interviews, offer_required, source, note FROM group_requirement')).sort(byKey),
  };
  return JSON.stringify(wanted) !== JSON.stringify(stored);
}
