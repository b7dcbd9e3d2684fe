import type { FieldId } from '../../../shared/enums';
import type { Mapping } from './mapping';
import type { ImportKind } from '../../../shared/enums';
import { firstYear, isRealDate, lastYear } from '../../../shared/periods';
import type { DateOrder } from './periods';
import { normalizeLabel } from './reference-lookup';
import { citizenWords } from '../../../shared/citizen-words-da';

/**
 * Citizen-level data (issue 10): the header synonyms of spells and events, the event columns of a
 * "one row per spell" file, and the readers of their cells (dates, interview/offer, who held it).
 * A header such as "Dato" or "Start" means a period in a Jobindsats file and an event's date or a
 * spell's start here, so the kind decides: `citizenMapping` is used for the citizen kinds only.
 */

export const citizenKinds = ['spells', 'events'] as const satisfies readonly ImportKind[];
export type CitizenKind = (typeof citizenKinds)[number];

export function isCitizenKind(kind: string): kind is CitizenKind {
  return (citizenKinds as readonly string[]).includes(kind);
}

const citizenIdHeaders = [
  'cpr', 'cpr-nr', 'cpr-nr.', 'cpr nr', 'cpr nr.', 'cprnr', 'cpr-nummer', 'cpr nummer', 'cprnummer', 'personnummer', 'person nr', 'personnr',
  'borger', 'borger id', 'borger-id', 'borgerid', 'borgernummer', 'borger nr', 'borgernr', 'borger (cpr)', 'borger (cpr-nr.)', 'person id', 'person-id', 'personid',
  'citizen', 'citizen id', 'citizen_id', 'person', 'id', 'borgers cpr-nr.', 'cpr-nr. (borger)',
];

/** Citizen headers by field; the ones marked `own` are used by no other kind (safe in the global table). */
const citizenSynonyms: { field: FieldId; own: string[]; shared?: string[] }[] = [
  { field: 'citizenId', own: citizenIdHeaders.filter((header) => !['id', 'person', 'citizen'].includes(header)), shared: ['id', 'person', 'citizen'] },
  {
    field: 'spellRef',
    own: ['forløb', 'forløbs-id', 'forløbsid', 'forløb id', 'forløb-id', 'forløbsnummer', 'forløbsnr', 'forløbsnr.', 'forløb nr', 'ledighedsforløb', 'ledighedsforløb id', 'spell', 'spell id', 'spell_id', 'spell ref', 'ydelsesforløb', 'ydelsesforløb id'],
    shared: ['sag', 'sagsnummer', 'sagsnr', 'sagsnr.', 'sags-id', 'sagsid'],
  },
  {
    field: 'startDate',
    own: ['startdato', 'start dato', 'forløbsstart', 'startdato forløb', 'forløb start', 'fradato', 'fra dato', 'ledighed start', 'start date', 'start_date', 'første ledighedsdag', 'ydelsesstart', 'ydelse start', 'ydelse fra', 'påbegyndt', 'begyndt', 'startdato for ydelse'],
    shared: ['start', 'fra', 'periode fra', 'gælder fra'],
  },
  {
    field: 'endDate',
    own: ['slutdato', 'slut dato', 'forløbsslut', 'slutdato forløb', 'forløb slut', 'tildato', 'til dato', 'ledighed slut', 'end date', 'end_date', 'sidste ledighedsdag', 'ophørsdato', 'ophør', 'afsluttet', 'ydelse til', 'afgangsdato'],
    shared: ['slut', 'til', 'periode til', 'gælder til'],
  },
  {
    field: 'eventDate',
    own: ['hændelsesdato', 'samtaledato', 'tilbudsdato', 'mødedato', 'afholdelsesdato', 'afholdt dato', 'aktivitetsdato', 'event date', 'event_date', 'dato for samtale eller tilbud', 'dato for hændelse', 'kontaktdato'],
    shared: ['dato', 'date', 'afholdt', 'dag'],
  },
  {
    field: 'eventKind',
    own: ['hændelse', 'hændelsestype', 'hændelses type', 'kontakttype', 'aktivitetstype', 'event type', 'event_type', 'samtale eller tilbud', 'samtale/tilbud'],
    shared: ['type', 'art', 'aktivitet', 'event', 'kind'],
  },
  { field: 'heldBy', own: ['afholdt af', 'afholder', 'holdt af', 'aktør', 'held by', 'held_by', 'afholdende aktør'], shared: ['hvem', 'ansvarlig', 'udfører'] },
  { field: 'offerType', own: ['tilbudstype', 'tilbud type', 'type tilbud', 'type af tilbud', 'tilbudsart', 'redskab', 'offer type', 'offer_type'] },
  // A spell's municipality and group as case systems write them (the Jobindsats forms are in the main table).
  { field: 'municipality', own: ['bopælskommune', 'handlekommune', 'myndighedskommune', 'ansvarlig kommune'] },
];

function normalizeHeader(text: string): string {
  return normalizeLabel(text.replace(/[\r\n]+/g, ' ').replace(/_+/g, ' '));
}

/** The citizen headers no other kind uses, for the global synonym table (header-row detection). */
export const citizenHeaderSynonyms: { field: FieldId; exact: string[] }[] = citizenSynonyms.map(({ field, own }) => ({
  field,
  exact: own.map(normalizeHeader),
}));

const citizenFieldsOf: Record<CitizenKind, FieldId[]> = {
  spells: ['citizenId', 'municipality', 'group', 'startDate', 'endDate', 'spellRef'],
  events: ['citizenId', 'spellRef', 'eventDate', 'eventKind', 'heldBy', 'offerType'],
};

function citizenField(header: string, kind: CitizenKind | null): FieldId | null {
  const text = normalizeHeader(header);
  if (!text) return null;
  for (const entry of citizenSynonyms) {
    if (kind && !citizenFieldsOf[kind].includes(entry.field)) continue;
    if (entry.own.includes(text) || entry.shared?.includes(text)) return entry.field;
  }
  return null;
}

/**
 * The mapping of a citizen file's headers: the kind's own synonyms first, then the main table's
 * (municipality and benefit group as Jobindsats files write them), each field taken once.
 */
export function citizenMapping(headers: unknown[], kind: CitizenKind, matchHeader: (header: unknown) => FieldId | null): Mapping {
  const mapping: Mapping = {};
  headers.forEach((header, index) => {
    if (header === null || header === undefined) return;
    let field = citizenField(String(header), kind);
    if (!field) {
      const general = matchHeader(header);
      if (general === 'municipality' || general === 'group') field = general;
    }
    if (field && citizenFieldsOf[kind].includes(field) && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

/**
 * A citizen id column says spells or events; the other headers say which. Only an unmistakable
 * citizen header counts ("CPR-nr.", "Borger"), not "ID" or "Person", which other files have too.
 */
export function detectCitizenKind(headers: unknown[]): CitizenKind | null {
  const ownIds = citizenHeaderSynonyms.find((entry) => entry.field === 'citizenId')!.exact;
  if (!headers.some((header) => typeof header === 'string' && ownIds.includes(normalizeHeader(header)))) return null;
  const fields = headers.map((header) => (header === null || header === undefined ? null : citizenField(String(header), null)));
  if (fields.includes('startDate')) return 'spells';
  if (fields.includes('eventDate') || fields.includes('eventKind')) return 'events';
  if (headers.some((header) => eventColumn(header))) return 'spells';
  return null;
}

// --- the event columns of a "one row per spell" file -----------------------------------------------

import type { EventKind, HeldBy } from '../../../shared/enums';
export type { EventKind, HeldBy };

export interface EventColumn {
  kind: EventKind;
  heldBy: HeldBy | null;
  /** The number in the header (`Samtale 3` → 3). */
  number: number;
}

/**
 * `Samtale 1`, `1. samtale`, `Jobsamtale 2`, `A-kasse samtale 1`, `Samtale 1 (a-kasse)`, `Dato for
 * samtale 3`, `Tilbud 1`, `Aktivt tilbud 2`, `1. tilbud`: a numbered interview or offer column whose
 * cells are dates. Every word of the header must be one of these, so "Antal samtaler 6 mdr." is not one.
 */
export function eventColumn(header: unknown): EventColumn | null {
  if (typeof header !== 'string') return null;
  let text = normalizeHeader(header).replace(/[():,]/g, ' ');
  const numberMatch = /(?:^|\s)(?:nr\.?\s*)?(\d{1,2})\.?(?=\s|$)/.exec(text);
  if (!numberMatch) return null;
  const number = Number(numberMatch[1]);
  if (number < 1) return null;
  text = `${text.slice(0, numberMatch.index)} ${text.slice(numberMatch.index + numberMatch[0].length)}`;
  let heldBy: HeldBy | null = null;
  if (/\ba-?kassen?\b|\ba kasse\b/.test(text)) heldBy = 'a-kasse';
  else if (/\bjobcentre[t]?\b|\bjobcenter\b/.test(text)) heldBy = 'jobcenter';
  text = text.replace(/\ba-?kassen?\b|\ba kasse\b|\bjobcentret\b|\bjobcenter\b/g, ' ');
  let kind: EventKind | null = null;
  if (/\b(job)?samtale\b|\binterview\b/.test(text)) kind = 'interview';
  else if (/\baktivt tilbud\b|\btilbud\b|\baktivering\b|\boffer\b/.test(text)) kind = 'offer';
  if (!kind) return null;
  const rest = text
    .replace(/\b(job)?samtale\b|\binterview\b|\baktivt tilbud\b|\btilbud\b|\baktivering\b|\boffer\b/g, ' ')
    .replace(/\bdato\b|\bfor\b|\bnr\.?|\bhos\b|\bi\b|\bmed\b|\bdate\b|-/g, ' ')
    .trim();
  if (rest) return null;
  return { kind, heldBy, number };
}

// --- cells ---------------------------------------------------------------------------------------

const monthNames: Record<string, number> = {
  januar: 1, jan: 1, februar: 2, feb: 2, marts: 3, mar: 3, april: 4, apr: 4, maj: 5, juni: 6, jun: 6, juli: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const pad = (value: number) => String(value).padStart(2, '0');

function isoOf(year: number, month: number, day: number): string | null {
  const text = `${year}-${pad(month)}-${pad(day)}`;
  return isRealDate(text) ? text : null;
}

/** Excel's day count (1900 system, its phantom 29 February 1900 included) to a date. */
function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 200000) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

const isoPattern = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?z?)?$/;
const slashIsoPattern = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const dayFirstPattern = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[t ]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/;
const compactPattern = /^(19\d{2}|2[01]\d{2})(\d{2})(\d{2})$/;
const namedPattern = /^(\d{1,2})\.?\s*([a-zæøå]+)\.?\s*(\d{4})$/;

/**
 * A date in every form reviewers' files carry: ISO (`2024-01-31`, with or without a time),
 * `31-01-2024`, `31.01.2024`, `31/1/2024` (day first, as Danes write; `month-first` when chosen),
 * `20240131`, `31. januar 2024`, an Excel date cell or serial. Returns `YYYY-MM-DD` of a real
 * calendar date, or null (`2024-02-30` is null, never 1 March).
 */
export function parseCitizenDate(value: unknown, order: DateOrder = 'day-first'): string | null {
  if (typeof value === 'string' && value.length === 10) {
    const iso = isoDateAsWritten(value);
    if (iso !== undefined) return iso;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return isoOf(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') return serialToIso(value);
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  let match: RegExpMatchArray | null;
  if ((match = text.match(isoPattern)) || (match = text.match(slashIsoPattern))) return isoOf(+match[1], +match[2], +match[3]);
  if ((match = text.match(dayFirstPattern))) {
    const [first, second] = [+match[1], +match[2]];
    return order === 'month-first' ? isoOf(+match[3], first, second) : isoOf(+match[3], second, first);
  }
  if ((match = text.match(compactPattern))) return isoOf(+match[1], +match[2], +match[3]);
  if ((match = text.match(namedPattern))) {
    const month = monthNames[match[2]];
    return month ? isoOf(+match[3], month, +match[1]) : null;
  }
  // An Excel serial that reached us as text (a date column saved as numbers).
  if (/^\d{5}(\.\d+)?$/.test(text)) return serialToIso(Number(text));
  return null;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (text: string, at: number) => {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : -1;
};

/**
 * cit-import (issue 10): `YYYY-MM-DD` as written, read by character codes (a million dates per
 * file pass here): the text itself when it is a real date, null when it is not (`2024-02-30`), or
 * undefined for any other form (then the patterns below decide). The same answers as the patterns.
 */
function isoDateAsWritten(text: string): string | null | undefined {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const d0 = digit(text, 0);
  const d1 = digit(text, 1);
  const d2 = digit(text, 2);
  const d3 = digit(text, 3);
  const m0 = digit(text, 5);
  const m1 = digit(text, 6);
  const a0 = digit(text, 8);
  const a1 = digit(text, 9);
  if ((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1) < 0) return undefined;
  const year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const month = m0 * 10 + m1;
  const day = a0 * 10 + a1;
  if (year < firstYear || year > lastYear || month < 1 || month > 12 || day < 1) return null;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= monthDays[month - 1] + (leap ? 1 : 0) ? text : null;
}

const interviewWords = new Set(['samtale', 'samtaler', 'jobsamtale', 'jobsamtaler', 'interview', 'jobsamtale (jobcenter)', 'samtale (jobcenter)', 'kontaktforløbssamtale', 'cv-samtale', 'opfølgningssamtale']);
const offerWords = new Set(['tilbud', 'aktivt tilbud', 'aktive tilbud', 'aktivering', 'aktiveringstilbud', 'aktiv indsats', 'offer']);
const aKasseInterviewWords = new Set(['a-kasse samtale', 'a-kassesamtale', 'samtale i a-kasse', 'samtale i a-kassen', 'samtale (a-kasse)', 'jobsamtale (a-kasse)', 'a-kasse-samtale', 'rådighedssamtale']);

/** `samtale`/`jobsamtale` → interview, `tilbud`/`aktivt tilbud`/`aktivering` → offer; an a-kasse interview says so too. */
export function parseEventKind(value: unknown): { kind: EventKind; heldBy: HeldBy | null } | null {
  if (typeof value !== 'string') return null;
  // A file repeats a handful of words a million times: each word's answer is remembered (cit-import).
  const known = eventKinds.get(value);
  if (known !== undefined) return known;
  const answer = readEventKind(value);
  if (eventKinds.size < 1000) eventKinds.set(value, answer);
  return answer;
}

const eventKinds = new Map<string, Readonly<{ kind: EventKind; heldBy: HeldBy | null }> | null>();

function readEventKind(value: string): Readonly<{ kind: EventKind; heldBy: HeldBy | null }> | null {
  const text = normalizeLabel(value).replace(/\.$/, '');
  if (interviewWords.has(text)) return Object.freeze({ kind: 'interview', heldBy: text.includes('jobcenter') ? 'jobcenter' : null });
  if (aKasseInterviewWords.has(text)) return Object.freeze({ kind: 'interview', heldBy: 'a-kasse' });
  if (offerWords.has(text)) return Object.freeze({ kind: 'offer', heldBy: null });
  return null;
}

const jobcenterWords = new Set(['jobcenter', 'jobcentret', 'jobcentre', 'jc', 'kommune', 'kommunen', 'jobcenteret']);
const aKasseWords = new Set(['a-kasse', 'a-kassen', 'akasse', 'akassen', 'a kasse', 'a kassen', 'ak', 'a-kasse (ak)']);

export function parseHeldBy(value: unknown): HeldBy | null | undefined {
  if (typeof value !== 'string') return undefined;
  if (heldByWords.has(value)) return heldByWords.get(value);
  const answer = readHeldBy(value);
  if (heldByWords.size < 1000) heldByWords.set(value, answer);
  return answer;
}

const heldByWords = new Map<string, HeldBy | null | undefined>();

function readHeldBy(value: string): HeldBy | null | undefined {
  const text = normalizeLabel(value).replace(/\.$/, '');
  if (jobcenterWords.has(text) || /^jobcenter\s/.test(text)) return 'jobcenter';
  if (aKasseWords.has(text) || /^a-kasse/.test(text)) return 'a-kasse';
  return undefined;
}

/** The date order of a citizen file (Danish day first, unless chosen), said once in the decisions. */
export function citizenDateOrderText(order: DateOrder, chosen: boolean): string {
  return citizenWords.dateOrder(order === 'month-first', chosen);
}

const cprInText = /(?<!\d)(\d{6})[-\s]?\d{4}(?!\d)/g;

/** Every CPR-number-like run of digits in a text masked (`010190-****`): for messages, previews and reports. */
export function maskIdsInText(text: string): string {
  return text.replace(cprInText, '$1-****');
}
