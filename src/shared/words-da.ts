import type { FieldId } from './enums';
import { monthNames } from './period-words';

/**
 * Danish words for the codes that both the screens and the exported files show (danish-desk,
 * issue 11): decision subjects and verdicts, the source documents by their own titles, dates in
 * Danish form. One definition here; the renderer's `messages/da.ts` and the export writers use it.
 */

/** A count as Danish text: 1.234.567 (one definition for every words file, the screens and the CLI). */
export function formatCount(value: number): string {
  return value.toLocaleString('da-DK');
}

/** The seed files in `shared/seeds/`, named as the documents name themselves (kind, date, title). */
const sourceDocuments: Record<string, string> = {
  '000_6fdff93a25fc005b': 'Brev 25. marts 2024 fra beskæftigelsesministeren til Folketingets Beskæftigelsesudvalg, Orientering om opfølgning på kommunernes tidlige beskæftigelsesindsats',
  '001_b08030e2abf5edbd': 'Brev 4. maj 2021 fra STAR til alle kommuner og KL, Orientering om STARs opfølgning på den lovpligtige beskæftigelsesindsats og skærpet tilsyn',
  '002_2208841bb6025f8a': 'Notat 23. oktober 2023, Opfølgningsmodel for den tidlige indsats',
  '003_3915e01cbda92100': 'Brev 1. september 2021 til Folketingets Beskæftigelsesudvalg, Kvartalsvis afrapportering af fokusråd om samtaler og aktiv indsats – august 2021',
  '004_0580f353cc6c6c66': 'Brev 1. april 2019 fra beskæftigelsesministeren til alle landets kommuner, Opfølgning på samtaler og indsats i landets kommuner',
};

/** The program's own rule description (RULES.md) and the data notes, as a reader should know them. */
const ruleDescription = 'Indsatsmonitors regelbeskrivelse';

/**
 * A parameter's source in words: "seeds/002_….txt, Handlekriterier" becomes
 * "Notat 23. oktober 2023, Opfølgningsmodel for den tidlige indsats, afsnit Handlekriterier".
 */
export function describeSource(source: string): string {
  let text = source.replace(/(?:\.\.\/shared\/)?seeds\/(\d{3}_[0-9a-f]+)\.txt(,\s*([^,;:"(]+))?/g, (_whole, id: string, _rest, section?: string) => {
    const name = sourceDocuments[id] ?? 'et kildedokument';
    if (!section) return name;
    const trimmed = section.trim();
    return /^(tabel|afsnit|side|bilag)\b/i.test(trimmed) ? `${name}, ${trimmed}` : `${name}, afsnit ${trimmed}`;
  });
  text = text.replace(/RULES\.md "Shares are computed from counts wherever counts exist"/, `${ruleDescription}: andele beregnes af antal, hvor filen har antal`);
  text = text.replace(/RULES\.md/g, ruleDescription).replace(/data\/README\.md/g, 'beskrivelsen af Jobindsats-udtrækket');
  return text;
}

export const criterionWords = { interviews: 'samtaler', offers: 'tilbud' } as const;
export const reasonWords: Record<string, string> = { 'enhanced-supervision': 'skærpet tilsyn', 'positive-development': 'konstant positiv udvikling' };
const verdictWords: Record<string, string> = {
  contacted: 'kontaktet',
  accepted: 'godkendt',
  rejected: 'afvist',
  withdrawn: 'trukket tilbage',
  explanation: 'redegørelse modtaget',
  meeting: 'møde holdt',
};

/** What a decision is about, in words: "contact" → "Kontakt", "exemption:positive-development:offers" → "Undtagelse (konstant positiv udvikling, tilbud)". */
export function describeSubject(subject: string): string {
  if (subject === 'contact') return 'Kontakt';
  const [kind, reason, criterion] = subject.split(':');
  if (kind === 'exemption') {
    const parts = [reasonWords[reason] ?? 'anden grund'];
    if (criterion && criterion !== 'all') parts.push(criterionWords[criterion as keyof typeof criterionWords] ?? criterion);
    return `Undtagelse (${parts.join(', ')})`;
  }
  if (kind === 'escalation') return reason === 'explanation' ? 'Redegørelse og genopretningsplan' : reason === 'meeting' ? 'Møde med borgmesteren' : 'Eskalation';
  return 'Anden afgørelse';
}

export function describeVerdict(verdict: string): string {
  return verdictWords[verdict] ?? 'anden afgørelse';
}

/** "2024-03-25" → "25. marts 2024" (a calendar date, no time zone). */
export function formatDanishDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return `${Number(match[3])}. ${monthNames[Number(match[2]) - 1]} ${match[1]}`;
}

/** A moment (ISO with zone, as stored) in local time: "25. marts 2024 kl. 14.03". */
export function formatDanishDateTime(moment: string | Date): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) return String(moment);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getDate()}. ${monthNames[date.getMonth()]} ${date.getFullYear()} kl. ${pad(date.getHours())}.${pad(date.getMinutes())}`;
}

/** Periods in words: one definition in `period-words.ts` (danish-finish). */
export { describePeriod } from './period-words';

// --- one-definition (issue 15): the importer's field labels, one place for the importer's messages and the screens ---
/** Each column meaning of the importer in words, as the mapping screen and the importer's messages name it. */
export const fieldLabels: Record<FieldId, string> = {
  municipality: 'Kommune',
  group: 'Ydelsesgruppe',
  period: 'Periode',
  periodTo: 'Periode til',
  measured: 'Antal borgere',
  interviewsLacking: 'Antal uden samtaler',
  interviewsWith: 'Antal med samtaler',
  interviewsLackingShare: 'Andel uden samtaler (pct.)',
  interviewsWithShare: 'Andel med samtaler (pct.)',
  offersLacking: 'Antal uden tilbud',
  offersWith: 'Antal med tilbud',
  offersLackingShare: 'Andel uden tilbud (pct.)',
  offersWithShare: 'Andel med tilbud (pct.)',
  expectedCount: 'Forventet antal',
  actualCount: 'Faktisk antal',
  differenceCount: 'Forskel i antal',
  expectedShare: 'Forventet andel (pct.)',
  actualShare: 'Faktisk andel (pct.)',
  differencePoints: 'Forskel i andel (pct.-point)',
  rank: 'Placering på benchmarkranglisten',
  note: 'Bemærkning',
  // citizens (issue 10)
  citizenId: 'Borger (cpr-nr. eller id)',
  spellRef: 'Forløb (id)',
  startDate: 'Startdato',
  endDate: 'Slutdato',
  eventDate: 'Dato',
  eventKind: 'Hændelse (samtale eller tilbud)',
  heldBy: 'Afholdt af (jobcenter eller a-kasse)',
  offerType: 'Tilbudstype',
};

/** What an imported file held, in words (history, provenance, CLI). */
export const importKindWords: Record<string, string> = {
  measurement: 'Målinger: samtaler og tilbud',
  benchmark: 'Resultatmål (Y30R21)',
  focus: 'Fokusmål',
  supervision: 'Skærpet tilsyn',
  // citizens (issue 10): citizen-level files
  spells: 'Borgernes ydelsesforløb',
  events: 'Borgernes samtaler og tilbud',
};
