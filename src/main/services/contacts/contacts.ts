import type { ContactImportResult, ContactPerson } from '../../../shared/api/decisions';
import { openSource, FileProblem } from '../import/readers';
import { buildReferenceLookup, normalizeLabel } from '../import/reference-lookup';
import { AppError as ContactProblem } from '../../../shared/errors';
import { currentUserName, nowIso, type Db } from '../store';
import { storeWords } from '../../../shared/store-words-da';
import { engineWords } from '../../../shared/engine-words-da';
import { importWords } from '../../../shared/import-words-da';

/**
 * The reviewer's contact persons per municipality (issue 13 item 7): entered in the app or read
 * from an .xlsx/.csv through the importer's reader (`openSource`). A change keeps the old row as
 * removed, so the list can always say who changed what.
 */

export function listContacts(db: Db, municipalityCode?: number): ContactPerson[] {
  return db
    .prepare(
      `SELECT c.id, c.municipality_code AS municipalityCode, m.name AS municipalityName, c.jobcenter, c.name, c.email, c.phone, c.source,
  c.created_at AS createdAt, c.created_by AS createdBy FROM contact_person c JOIN municipality m ON m.code = c.municipality_code
       WHERE c.removed_at IS NULL AND (@code IS NULL OR c.municipality_code = @code) ORDER BY m.name, c.name, c.id`,
    )
    .all({ code: municipalityCode ?? null }) as ContactPerson[];
}

/** Every current contact person, by municipality (one query, for the contact list export). */
export function contactsByMunicipality(db: Db): Map<number, ContactPerson[]> {
  const byCode = new Map<number, ContactPerson[]>();
  for (const row of listContacts(db)) byCode.set(row.municipalityCode, [...(byCode.get(row.municipalityCode) ?? []), row]);
  return byCode;
}

/** A contact the user must correct (Danish message): the one application error, under the contacts' name. */
export { ContactProblem };

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface ContactInput {
  municipalityCode: number;
  jobcenter: string;
  name: string;
  email: string;
  phone: string;
}

function clean(input: ContactInput): ContactInput {
  const value = { ...input, jobcenter: input.jobcenter.trim(), name: input.name.trim(), email: input.email.trim(), phone: input.phone.trim() };
  if (value.name === '') throw new ContactProblem('name-required', storeWords.contacts.nameRequired);
  if (value.email !== '' && !emailPattern.test(value.email)) throw new ContactProblem('invalid-email', storeWords.contacts.badEmail(value.email));
  if (value.phone !== '' && !/^[+0-9 ()-]{4,30}$/.test(value.phone)) throw new ContactProblem('invalid-phone', storeWords.contacts.badPhone(value.phone));
  return value;
}

function insert(db: Db, value: ContactInput, source: string): number {
  if (!db.prepare('SELECT 1 FROM municipality WHERE code = ?').get(value.municipalityCode)) {
    throw new ContactProblem('not-found', engineWords.unknownMunicipality(value.municipalityCode));
  }
  return Number(
    db
      .prepare('INSERT INTO contact_person (municipality_code, jobcenter, name, email, phone, source, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(value.municipalityCode, value.jobcenter, value.name, value.email, value.phone, source, nowIso(), currentUserName()).lastInsertRowid,
  );
}

export function saveContact(db: Db, input: ContactInput & { id?: number }): ContactPerson {
  const value = clean(input);
  return db.transaction(() => {
    if (input.id !== undefined) removeContact(db, input.id);
    const id = insert(db, value, 'indtastet');
    return listContacts(db).find((row) => row.id === id)!;
  })();
}

export function removeContact(db: Db, id: number): boolean {
  const result = db.prepare('UPDATE contact_person SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL').run(nowIso(), currentUserName(), id);
  if (result.changes === 0) throw new ContactProblem('not-found', storeWords.contacts.notFound);
  return true;
}

/** Header words → field, compared after normalising (case, spaces, æøå). */
const headerWords: Record<keyof ContactInput, string[]> = {
  municipalityCode: ['kommune', 'kommunekode', 'kode', 'kommunenavn', 'kommunenr'],
  jobcenter: ['jobcenter', 'jobcentre', 'afdeling', 'enhed'],
  name: ['navn', 'kontaktperson', 'kontakt', 'kontaktpersonens navn'],
  email: ['e-mail', 'email', 'mail', 'e-mailadresse', 'mailadresse'],
  phone: ['telefon', 'tlf', 'tlf.', 'telefonnummer', 'mobil', 'tlf.nr.'],
};

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && value !== null && 'text' in value) return String((value as { text: unknown }).text);
  return String(value).trim();
};

/**
 * Reads contact persons from a file: the first row the header words recognise (municipality and
 * name at least) is the header; each later row is a person. Rows with a problem are listed and
 * skipped; a person already on the list (municipality, name and e-mail) is not added twice.
 */
export async function importContacts(db: Db, filePath: string, fileName: string): Promise<ContactImportResult> {
  const source = await openSource(filePath);
  const rows: { rowNumber: number; cells: unknown[] }[] = [];
  await source.read((batch) => {
    rows.push(...batch.rows);
    return rows.length < 20_000;
  });
  const headerIndex = rows.slice(0, 30).findIndex((row) => {
    const found = mapHeaders(row.cells);
    return found.municipalityCode !== undefined && found.name !== undefined;
  });
  if (headerIndex < 0) {
    throw new FileProblem('no-header', storeWords.contacts.noHeader);
  }
  const mapping = mapHeaders(rows[headerIndex].cells);
  const lookup = buildReferenceLookup(db);
  const result: ContactImportResult = { fileName, added: 0, unchanged: 0, problems: [] };
  const existing = new Set(listContacts(db).map((row) => `${row.municipalityCode}|${normalizeLabel(row.name)}|${row.email.toLowerCase()}`));
  db.transaction(() => {
    for (const row of rows.slice(headerIndex + 1)) {
      const get = (field: keyof ContactInput) => (mapping[field] === undefined ? '' : cellText(row.cells[mapping[field]!]));
      if ((Object.keys(mapping) as (keyof ContactInput)[]).every((field) => get(field) === '')) continue;
      const municipality = get('municipalityCode');
      const code = lookup.municipality(/^\d+$/.test(municipality) ? Number(municipality) : municipality);
      if (code === null) {
        result.problems.push({ row: row.rowNumber, message: importWords.rows.unknownMunicipality(String(municipality), []) });
        continue;
      }
      try {
        const value = clean({ municipalityCode: code, jobcenter: get('jobcenter'), name: get('name'), email: get('email'), phone: get('phone') });
        const key = `${code}|${normalizeLabel(value.name)}|${value.email.toLowerCase()}`;
        if (existing.has(key)) {
          result.unchanged += 1;
          continue;
        }
        insert(db, value, fileName);
        existing.add(key);
        result.added += 1;
      } catch (error) {
        if (!(error instanceof ContactProblem)) throw error;
        result.problems.push({ row: row.rowNumber, message: error.message });
      }
    }
  })();
  return result;
}

function mapHeaders(cells: unknown[]): Partial<Record<keyof ContactInput, number>> {
  const found: Partial<Record<keyof ContactInput, number>> = {};
  cells.forEach((cell, index) => {
    const text = normalizeLabel(cellText(cell));
    for (const [field, words] of Object.entries(headerWords) as [keyof ContactInput, string[]][]) {
      if (found[field] === undefined && words.some((word) => normalizeLabel(word) === text)) found[field] = index;
    }
  });
  return found;
}
