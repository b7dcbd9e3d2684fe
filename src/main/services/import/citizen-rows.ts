import { maskCitizenId } from '../../../shared/citizen-id';
import { fieldLabels, type FieldId, type Mapping } from './fields';
import { citizenWords } from '../../../shared/citizen-words-da';
import { importWords } from '../../../shared/import-words-da';
// cit-import (issue 15): the row, its cells and its problems as every converter reads them.
import { RowReader, type RowProblem } from './row-reader';
import { maskIdsInText, parseCitizenDate, parseEventKind, parseHeldBy, type CitizenKind, type EventKind, type HeldBy } from './citizen-fields';
import type { DateOrder } from './periods';
import type { ReferenceLookup } from './reference-lookup';

/** One benefit spell as `citizen_spell` stores it. */
export interface SpellRow {
  kind: 'spells';
  sourceRow: number;
  citizenId: string;
  spellRef: string | null;
  municipalityCode: number;
  groupId: string;
  startDate: string;
  endDate: string | null;
}

/** One interview or offer as `citizen_event` stores it. */
export interface EventRow {
  kind: 'events';
  sourceRow: number;
  citizenId: string;
  spellRef: string | null;
  eventDate: string;
  eventKind: EventKind;
  heldBy: HeldBy | null;
  offerType: string | null;
}

export type CitizenRow = SpellRow | EventRow;

const maxIdLength = 64;
const maxTextLength = 200;

/** No cell, or only blanks. A printable ASCII character first decides at once (nearly every cell of a big file). */
function isEmpty(value: unknown): boolean {
  if (typeof value === 'string') {
    if (value.length === 0) return true;
    const first = value.charCodeAt(0);
    return !(first > 32 && first < 127) && value.trim() === '';
  }
  return value === undefined || value === null;
}

/** True when `text[from, to)` are all ASCII digits. */
function digitsAt(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** `ddmmyy-xxxx` exactly: a CPR-shaped id already in the stored form. */
const isStoredCprForm = (text: string) => text.length === 11 && text.charCodeAt(6) === 45 && digitsAt(text, 0, 6) && digitsAt(text, 7, 11);
const looksLikeDate = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/**
 * A citizen id as stored: a CPR-number-like id always as `ddmmyy-xxxx` (so `0101901234` in one
 * file and `010190-1234` in another are the same citizen); a number cell of nine digits is a CPR
 * number whose leading zero Excel dropped. Other ids (a case system's own numbers) stay as written.
 */
function normalizeCitizenId(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return null;
    text = String(value);
    if (text.length === 9) text = `0${text}`;
  } else if (typeof value === 'string') {
    // Most files write every id this way: no trimming, no pattern, no new string.
    if (isStoredCprForm(value)) return value;
    text = value.trim();
  } else return null;
  const cpr = /^(\d{6})[-\s]?(\d{4})$/.exec(text);
  return cpr ? `${cpr[1]}-${cpr[2]}` : text;
}

/** A value as a message shows it (the words put it in quotes): never a full CPR number. */
const shown = (value: unknown) => maskIdsInText(value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim()).slice(0, 60);
const words = citizenWords.rows;

/**
 * Converts one row of a spells or events file, or says in Danish what is wrong with it (row and
 * column). A spells file in the "one row per spell" layout gives event rows too (its long rows
 * carry the event kind); they are converted here as events of the same batch.
 */
export class CitizenConverter extends RowReader {
  constructor(
    private readonly kind: CitizenKind,
    mapping: Mapping,
    private readonly lookup: ReferenceLookup,
    private readonly dateOrder: DateOrder = 'day-first',
  ) {
    super(mapping);
  }

  private citizenId(): string | null {
    const raw = this.raw('citizenId');
    if (isEmpty(raw)) {
      this.problem('citizenId', words.citizenMissing);
      return null;
    }
    const id = normalizeCitizenId(raw);
    if (!id) {
      this.problem('citizenId', words.citizenUnreadable(shown(raw)));
      return null;
    }
    if (id.length > maxIdLength) {
      this.problem('citizenId', words.citizenTooLong(maxIdLength, maskCitizenId(id).slice(0, 12)));
      return null;
    }
    return id;
  }

  private text(field: FieldId): string | null {
    const raw = this.raw(field);
    if (isEmpty(raw)) return null;
    const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
    if (text.length > maxTextLength) {
      this.problem(field, words.textTooLong(fieldLabels[field], maxTextLength));
      return null;
    }
    return text;
  }

  private date(field: FieldId, required: boolean): string | null | undefined {
    const raw = this.raw(field);
    if (isEmpty(raw)) {
      if (required) this.problem(field, words.dateMissing(fieldLabels[field]));
      return required ? undefined : null;
    }
    const date = parseCitizenDate(raw, this.dateOrder);
    if (date) return date;
    const text = typeof raw === 'string' ? raw.trim() : '';
    const parts = /^(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}/.exec(text);
    // 07/31/2024 read day first: month 31. Say what the file probably is, not only that the date is wrong.
    const otherOrder = parts && Number(parts[this.dateOrder === 'month-first' ? 1 : 2]) > 12 && Number(parts[this.dateOrder === 'month-first' ? 2 : 1]) <= 12;
    this.problem(
      field,
      otherOrder
        ? words.dateOtherOrder(fieldLabels[field], shown(raw), this.dateOrder === 'month-first')
        : looksLikeDate.test(text)
        ? words.dateNotInCalendar(fieldLabels[field], shown(raw))
        : words.notADate(fieldLabels[field], shown(raw)),
    );
    return undefined;
  }

  convert(cells: unknown[], rowNumber: number, problems: RowProblem[]): CitizenRow | null {
    this.cells = cells;
    this.rowNumber = rowNumber;
    this.problems = problems;
    const eventKindIndex = this.mapping.eventKind;
    const isEvent = this.kind === 'events' || (eventKindIndex !== undefined && !isEmpty(cells[eventKindIndex]));
    return isEvent ? this.event() : this.spell();
  }

  private spell(): SpellRow | null {
    const before = this.problems.length;
    const citizenId = this.citizenId();
    const municipalityRaw = this.raw('municipality');
    const municipalityCode = isEmpty(municipalityRaw) ? null : this.lookup.municipality(municipalityRaw);
    if (isEmpty(municipalityRaw)) this.problem('municipality', importWords.rows.municipalityMissing);
    else if (municipalityCode === null) {
      const nearest = this.lookup.suggestMunicipalities(municipalityRaw);
      this.problem('municipality', importWords.rows.unknownMunicipality(shown(municipalityRaw), nearest));
    }
    const groupRaw = this.raw('group');
    const groupId = isEmpty(groupRaw) ? null : this.lookup.group(typeof groupRaw === 'string' ? groupRaw : String(groupRaw));
    if (isEmpty(groupRaw)) this.problem('group', importWords.rows.groupMissing);
    else if (!groupId) this.problem('group', words.unknownGroup(shown(groupRaw)));
    const startDate = this.date('startDate', true);
    const endDate = this.date('endDate', false);
    if (startDate && endDate && endDate < startDate) this.problem('endDate', words.endBeforeStart(endDate, startDate));
    const spellRef = this.text('spellRef');
    if (this.problems.length > before || !citizenId || municipalityCode === null || !groupId || !startDate || endDate === undefined) return null;
    return { kind: 'spells', sourceRow: this.rowNumber, citizenId, spellRef, municipalityCode, groupId, startDate, endDate };
  }

  private event(): EventRow | null {
    const before = this.problems.length;
    const citizenId = this.citizenId();
    const eventDate = this.date('eventDate', true);
    const kindRaw = this.raw('eventKind');
    const kind = isEmpty(kindRaw) ? null : parseEventKind(kindRaw);
    if (isEmpty(kindRaw)) this.problem('eventKind', words.eventKindMissing);
    else if (!kind) this.problem('eventKind', words.notAnEventKind(shown(kindRaw)));
    const heldByRaw = this.raw('heldBy');
    let heldBy: HeldBy | null = kind?.heldBy ?? null;
    if (!isEmpty(heldByRaw)) {
      const parsed = parseHeldBy(heldByRaw);
      if (parsed === undefined) this.problem('heldBy', words.notHeldBy(shown(heldByRaw)));
      else if (heldBy && parsed !== heldBy) this.problem('heldBy', words.heldByMismatch(shown(heldByRaw), shown(kindRaw)));
      else heldBy = parsed;
    }
    const offerType = this.text('offerType');
    const spellRef = this.text('spellRef');
    if (this.problems.length > before || !citizenId || !eventDate || !kind) return null;
    return { kind: 'events', sourceRow: this.rowNumber, citizenId, spellRef, eventDate, eventKind: kind.kind, heldBy, offerType };
  }
}

const groupIndexes = new Map<string, number>();

/** Days since 1970-01-01 of a proleptic Gregorian date (exact integers, no Date object). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
const day1900 = daysFromCivil(1900, 1, 1);
const twoDigits = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/**
 * The key of a spell for the duplicate check within a file: citizen, benefit group and start date.
 * A CPR-shaped id gives a number (ddmmyy and serial, group, day since 1900: under 2^50, one per
 * spell), which a million spells hold in far less memory than strings; other ids give a string.
 * Read by character codes (a million spells pass here): no pattern, no Date, no substrings.
 */
export function spellKey(row: SpellRow): number | string {
  const id = row.citizenId;
  let group = groupIndexes.get(row.groupId);
  if (group === undefined && groupIndexes.size < 16) {
    group = groupIndexes.size;
    groupIndexes.set(row.groupId, group);
  }
  if (group !== undefined && isStoredCprForm(id)) {
    const day = twoDigits(id, 0);
    const month = twoDigits(id, 2);
    const year = twoDigits(id, 4);
    const serial = twoDigits(id, 7) * 100 + twoDigits(id, 9);
    const date = row.startDate;
    const start = daysFromCivil(twoDigits(date, 0) * 100 + twoDigits(date, 2), twoDigits(date, 5), twoDigits(date, 8)) - day1900;
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12 && start >= 0 && start < 131_072) {
      const person = ((day - 1) * 12 + (month - 1)) * 100 + year; // < 37,200
      return ((person * 10_000 + serial) * 16 + group) * 131_072 + start;
    }
  }
  return `${row.citizenId}\u0000${row.groupId}\u0000${row.startDate}`;
}
