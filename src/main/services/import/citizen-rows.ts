import { maskCitizenId } from '../../../shared/citizen-id';
import { fieldLabels, type FieldId, type Mapping } from './fields';
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

/** One problem, where the user finds it in Excel (the shape of `convert.ts`'s RowProblem; no import, no cycle). */
interface RowProblem {
  row: number;
  column: string;
  message: string;
}

function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

const maxIdLength = 64;
const maxTextLength = 200;

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const looksLikeDate = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/**
 * A citizen id as stored: a CPR-number-like id always as `ddmmyy-xxxx` (so `0101901234` in one
 * file and `010190-1234` in another are the same citizen); a number cell of nine digits is a CPR
 * number whose leading zero Excel dropped. Other ids (a case system's own numbers) stay as written.
 */
export function normalizeCitizenId(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return null;
    text = String(value);
    if (text.length === 9) text = `0${text}`;
  } else if (typeof value === 'string') text = value.trim();
  else return null;
  const cpr = /^(\d{6})[-\s]?(\d{4})$/.exec(text);
  return cpr ? `${cpr[1]}-${cpr[2]}` : text;
}

/** A value quoted in a message: never a full CPR number. */
const quoted = (value: unknown) => `"${maskIdsInText(value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim()).slice(0, 60)}"`;

/**
 * Converts one row of a spells or events file, or says in Danish what is wrong with it (row and
 * column). A spells file in the "one row per spell" layout gives event rows too (its long rows
 * carry the event kind); they are converted here as events of the same batch.
 */
export class CitizenConverter {
  private cells: unknown[] = [];
  private rowNumber = 0;
  private problems: RowProblem[] = [];

  constructor(
    private readonly kind: CitizenKind,
    private readonly mapping: Mapping,
    private readonly lookup: ReferenceLookup,
    private readonly dateOrder: DateOrder = 'day-first',
  ) {}

  private problem(field: FieldId | null, message: string): void {
    const index = field ? this.mapping[field] : undefined;
    this.problems.push({ row: this.rowNumber, column: index !== undefined ? columnLetter(index) : '', message });
  }

  private raw(field: FieldId): unknown {
    const index = this.mapping[field];
    return index === undefined ? undefined : this.cells[index];
  }

  private citizenId(): string | null {
    const raw = this.raw('citizenId');
    if (isEmpty(raw)) {
      this.problem('citizenId', 'Borger (cpr-nr. eller id) mangler.');
      return null;
    }
    const id = normalizeCitizenId(raw);
    if (!id) {
      this.problem('citizenId', `Borger: ${quoted(raw)} kan ikke læses som et cpr-nr. eller id.`);
      return null;
    }
    if (id.length > maxIdLength) {
      this.problem('citizenId', `Borger: id'et er længere end ${maxIdLength} tegn (${maskCitizenId(id).slice(0, 12)} …).`);
      return null;
    }
    return id;
  }

  private text(field: FieldId): string | null {
    const raw = this.raw(field);
    if (isEmpty(raw)) return null;
    const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
    if (text.length > maxTextLength) {
      this.problem(field, `${fieldLabels[field]}: teksten er længere end ${maxTextLength} tegn.`);
      return null;
    }
    return text;
  }

  private date(field: FieldId, required: boolean): string | null | undefined {
    const raw = this.raw(field);
    if (isEmpty(raw)) {
      if (required) this.problem(field, `${fieldLabels[field]} mangler.`);
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
        ? `${fieldLabels[field]}: ${quoted(raw)} er ikke en dato, når den læses ${this.dateOrder === 'month-first' ? 'måned først' : 'dag først (dansk)'}. Er datoerne skrevet ${this.dateOrder === 'month-first' ? 'dag først (31-07-2024)' : 'måned først (07/31/2024)'}? Så vælg det som datoernes rækkefølge.`
        : looksLikeDate.test(text)
        ? `${fieldLabels[field]}: ${quoted(raw)} er ikke en dato, der findes i kalenderen.`
        : `${fieldLabels[field]}: ${quoted(raw)} kan ikke læses som en dato (skriv fx 2024-01-31, 31-01-2024 eller 31.01.2024).`,
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
    if (isEmpty(municipalityRaw)) this.problem('municipality', 'Kommune mangler.');
    else if (municipalityCode === null) {
      const nearest = this.lookup.suggestMunicipalities(municipalityRaw);
      this.problem('municipality', `Ukendt kommune: ${quoted(municipalityRaw)}.${nearest.length > 0 ? ` Mente du ${nearest.join(' eller ')}?` : ''}`);
    }
    const groupRaw = this.raw('group');
    const groupId = isEmpty(groupRaw) ? null : this.lookup.group(typeof groupRaw === 'string' ? groupRaw : String(groupRaw));
    if (isEmpty(groupRaw)) this.problem('group', 'Ydelsesgruppe mangler.');
    else if (!groupId) this.problem('group', `Ukendt ydelsesgruppe: ${quoted(groupRaw)} (skriv fx A-dagpenge, Kontanthjælp eller Sygedagpenge).`);
    const startDate = this.date('startDate', true);
    const endDate = this.date('endDate', false);
    if (startDate && endDate && endDate < startDate) this.problem('endDate', `Slutdatoen ${endDate} ligger før startdatoen ${startDate}.`);
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
    if (isEmpty(kindRaw)) this.problem('eventKind', 'Hændelse mangler (samtale eller tilbud).');
    else if (!kind) this.problem('eventKind', `Hændelse: ${quoted(kindRaw)} er hverken en samtale eller et tilbud (skriv fx samtale, jobsamtale, tilbud, aktivt tilbud eller aktivering).`);
    const heldByRaw = this.raw('heldBy');
    let heldBy: HeldBy | null = kind?.heldBy ?? null;
    if (!isEmpty(heldByRaw)) {
      const parsed = parseHeldBy(heldByRaw);
      if (parsed === undefined) this.problem('heldBy', `Afholdt af: ${quoted(heldByRaw)} er hverken jobcenter eller a-kasse.`);
      else if (heldBy && parsed !== heldBy) this.problem('heldBy', `Afholdt af: ${quoted(heldByRaw)} passer ikke med hændelsen ${quoted(kindRaw)}.`);
      else heldBy = parsed;
    }
    const offerType = this.text('offerType');
    const spellRef = this.text('spellRef');
    if (this.problems.length > before || !citizenId || !eventDate || !kind) return null;
    return { kind: 'events', sourceRow: this.rowNumber, citizenId, spellRef, eventDate, eventKind: kind.kind, heldBy, offerType };
  }
}

const groupIndexes = new Map<string, number>();
const cprParts = /^(\d{2})(\d{2})(\d{2})-(\d{4})$/;
const epoch1900 = Date.UTC(1900, 0, 1);

/**
 * The key of a spell for the duplicate check within a file: citizen, benefit group and start date.
 * A CPR-shaped id gives a number (ddmmyy and serial, group, day since 1900: under 2^50, one per
 * spell), which a million spells hold in far less memory than strings; other ids give a string.
 */
export function spellKey(row: SpellRow): number | string {
  const cpr = row.citizenId.match(cprParts);
  let group = groupIndexes.get(row.groupId);
  if (group === undefined && groupIndexes.size < 16) {
    group = groupIndexes.size;
    groupIndexes.set(row.groupId, group);
  }
  if (cpr && group !== undefined) {
    const [day, month, year, serial] = [Number(cpr[1]), Number(cpr[2]), Number(cpr[3]), Number(cpr[4])];
    const start = (Date.UTC(Number(row.startDate.slice(0, 4)), Number(row.startDate.slice(5, 7)) - 1, Number(row.startDate.slice(8, 10))) - epoch1900) / 86_400_000;
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12 && start >= 0 && start < 131_072) {
      const person = ((day - 1) * 12 + (month - 1)) * 100 + year; // < 37,200
      return ((person * 10_000 + serial) * 16 + group) * 131_072 + start;
    }
  }
  return `${row.citizenId}\u0000${row.groupId}\u0000${row.startDate}`;
}
