import { normalizeLabel } from './reference-lookup';
import type { Mapping } from './mapping';
import { citizenHeaderSynonyms, detectCitizenKind } from './citizen-fields';

import type { FieldId, ImportKind } from '../../../shared/enums';
import { fieldLabels } from '../../../shared/words-da';
import { importWords } from '../../../shared/import-words-da';

export type { ImportKind };

/** Every column meaning the importer knows: src/shared/enums.ts; their Danish labels: src/shared/words-da.ts. */
export type { FieldId };
export { fieldLabels };

export const fieldsByKind: Record<ImportKind, FieldId[]> = {
  measurement: ['municipality', 'group', 'period', 'measured', 'interviewsLacking', 'interviewsWith', 'interviewsLackingShare', 'interviewsWithShare', 'offersLacking', 'offersWith', 'offersLackingShare', 'offersWithShare'],
  focus: ['municipality', 'group', 'period', 'measured', 'interviewsLacking', 'interviewsWith', 'interviewsLackingShare', 'interviewsWithShare', 'offersLacking', 'offersWith', 'offersLackingShare', 'offersWithShare'],
  benchmark: ['municipality', 'group', 'period', 'expectedCount', 'actualCount', 'differenceCount', 'expectedShare', 'actualShare', 'differencePoints', 'rank'],
  supervision: ['municipality', 'period', 'periodTo', 'note'],
  // citizens (issue 10)
  spells: ['citizenId', 'municipality', 'group', 'startDate', 'endDate', 'spellRef'],
  events: ['citizenId', 'spellRef', 'eventDate', 'eventKind', 'heldBy', 'offerType'],
};

export const requiredFieldsByKind: Record<ImportKind, FieldId[]> = {
  measurement: ['municipality', 'group', 'period'],
  focus: ['municipality', 'group', 'period'],
  benchmark: ['municipality', 'group', 'period'],
  supervision: ['municipality', 'period'],
  // citizens (issue 10)
  spells: ['citizenId', 'municipality', 'group', 'startDate'],
  events: ['citizenId', 'eventDate', 'eventKind'],
};

/**
 * The header synonym table, Danish and English. Headers are compared after lower-casing and
 * collapsing spaces; a Jobindsats header `Tabel: Måling` is also tried by its part after the colon.
 * `exact` lists whole headers; `patterns` catch the many spellings of the measure columns.
 */
const headerSynonyms: { field: FieldId; exact: string[]; patterns?: RegExp[] }[] = [
  { field: 'municipality', exact: ['område', 'omraade', 'kommune', 'kommunekode', 'kommunenr', 'kommunenr.', 'kommunenummer', 'kommunenavn', 'area', 'municipality', 'municipality code', 'kode', 'kommune (kode)', 'myndighed', 'jobcenter',
    // issue 12: the forms colleagues and other systems write
    'kom.nr.', 'kom.nr', 'kom nr', 'komnr', 'kom. nr.', 'kommunekode (dst)', 'kommunenummer (dst)', 'kommune kode', 'kommune nr', 'kommune nr.', 'kommune navn', 'municipality name', 'municipality id', 'kommune (navn)', 'dst kode'] },
  { field: 'group', exact: ['ydelsesgruppe', 'ydelsesgrupper', 'målgruppe', 'målgrupper', 'ydelse', 'ydelsestype', 'benefit group', 'group', 'target group', 'gruppe',
    'forsørgelsesgruppe', 'forsørgelsesgrupper', 'forsørgelsestype', 'ydelsesgruppe (jobindsats)', 'benefit', 'benefit type'] },
  { field: 'period', exact: ['periode', 'måned', 'maaned', 'month', 'period', 'tid', 'dato', 'kvartal', 'år', 'periode fra', 'fra', 'fra periode', 'startperiode', 'start', 'from', 'gælder fra', 'tilsyn fra',
    'år og måned', 'år-måned', 'årmåned', 'opgørelsesmåned', 'opgørelsesperiode', 'måling (måned)', 'periode (måned)', 'year month', 'yearmonth', 'month start', 'reference month', 'date'] },
  { field: 'periodTo', exact: ['periode til', 'til', 'til periode', 'slutperiode', 'slut', 'to', 'gælder til', 'tilsyn til'] },
  { field: 'note', exact: ['note', 'bemærkning', 'bemærkninger', 'kommentar', 'begrundelse'] },
  {
    field: 'measured',
    exact: ['antal borgere', 'antal personer', 'antal målte', 'målte borgere', 'measured', 'citizens', 'antal', 'borgere', 'personer',
      'antal målte borgere', 'antal målte personer', 'målte', 'antal i målingen', 'citizens measured', 'number measured', 'measured citizens', 'n measured', 'antal borgere i alt'],
    patterns: [/^antal (målte )?(borgere|personer)\b(?!.*\b(uden|med|ikke|der)\b)/, /anciennitet/],
  },
  { field: 'expectedShare', exact: ['forventet andel', 'forventet andel (pct.)', 'expected share'] },
  { field: 'actualShare', exact: ['faktisk andel', 'faktisk andel (pct.)', 'actual share'] },
  { field: 'differencePoints', exact: ['forskel mellem forventet og faktisk andel (pct. point)', 'forskel mellem forventet og faktisk andel', 'forskel (pct. point)', 'difference (points)'] },
  { field: 'expectedCount', exact: ['forventet antal', 'expected count', 'expected'] },
  { field: 'actualCount', exact: ['faktisk antal', 'actual count', 'actual'] },
  { field: 'differenceCount', exact: ['forskel mellem forventet og faktisk antal', 'forskel', 'difference'] },
  { field: 'rank', exact: ['placering på benchmarkranglisten', 'placering', 'benchmarkplacering', 'rank', 'rang'] },
  // citizens (issue 10): only the headers no other kind uses, so header-row detection finds a citizen
  // file's header; which field a citizen header is, is decided by the kind (`citizen-fields.ts`).
  ...citizenHeaderSynonyms,
];

function normalizeHeader(text: string): string {
  // snake_case and camel-less machine names (`antal_uden_samtaler`) read as words.
  return normalizeLabel(text.replace(/[\r\n]+/g, ' ').replace(/_+/g, ' ')).replace(/^å/, 'å');
}

const englishMeasures: Record<string, FieldId> = {
  'interviews lacking': 'interviewsLacking',
  interviews: 'interviewsWith',
  'interviews lacking share': 'interviewsLackingShare',
  'interviews share': 'interviewsWithShare',
  'offers lacking': 'offersLacking',
  offers: 'offersWith',
  'offers lacking share': 'offersLackingShare',
  'offers share': 'offersWithShare',
};

/**
 * The interview and offer columns come in many spellings and word orders ("Antal uden
 * samtaler", "Andel med minimum fire samtaler (pct.)", "Samtaler: Antal uden" from a two-row
 * header): topic, count or share, and lacking or with are read separately.
 */
function measureField(text: string): FieldId | null {
  if (englishMeasures[text]) return englishMeasures[text];
  const topic = /samtale|interview/.test(text) ? 'interviews' : /tilbud|\boffers?\b/.test(text) ? 'offers' : null;
  if (!topic) return null;
  const share = /\bandel\b|pct|procent|%|\bshare\b|\bpercent\b|\brate\b/.test(text);
  const count = /\bantal\b/.test(text) || /^(uden|med|manglende)\b/.test(text) || /\bcount\b|\bnumber\b|^(lacking|without|missing|with)\b/.test(text);
  // A negation decides: STAR writes "Andel som ikke har modtaget minimum fire jobsamtaler".
  const lacking = /\buden\b|\bikke\b|mangl|\blacking\b|\bwithout\b|\bmissing\b|\bnot\b/.test(text);
  const withIt = !lacking && /\bmed\b|fået|modtaget|\bwith\b|\bhad\b|\breceived\b/.test(text);
  if ((!share && !count) || lacking === withIt) return null;
  return `${topic}${lacking ? 'Lacking' : 'With'}${share ? 'Share' : ''}` as FieldId;
}

export function matchHeader(header: unknown): FieldId | null {
  if (header === null || header === undefined) return null;
  const full = normalizeHeader(String(header));
  if (!full) return null;
  const candidates = [full];
  const colon = full.lastIndexOf(':');
  if (colon >= 0) candidates.push(full.slice(colon + 1).trim());
  for (const candidate of candidates) {
    for (const entry of headerSynonyms) if (entry.exact.includes(candidate)) return entry.field;
  }
  for (const candidate of candidates) {
    const measure = measureField(candidate);
    if (measure) return measure;
    for (const entry of headerSynonyms) if (entry.patterns?.some((pattern) => pattern.test(candidate))) return entry.field;
  }
  return null;
}

export type { Mapping };

export function mappingFromHeaders(headers: unknown[]): Mapping {
  const mapping: Mapping = {};
  headers.forEach((header, index) => {
    const field = matchHeader(header);
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

/** The kind whose fields a header row speaks of. */
export function detectKind(headers: unknown[], mapping: Mapping): ImportKind {
  const has = (field: FieldId) => mapping[field] !== undefined;
  // citizens (issue 10): a citizen id column makes it spells or events.
  const citizenKind = detectCitizenKind(headers);
  if (citizenKind) return citizenKind;
  if (has('expectedCount') || has('expectedShare') || has('actualShare') || has('rank')) return 'benchmark';
  const text = headers.map((header) => normalizeHeader(String(header ?? ''))).join(' | ');
  const measures: FieldId[] = ['measured', 'interviewsLacking', 'interviewsWith', 'interviewsLackingShare', 'interviewsWithShare', 'offersLacking', 'offersWith', 'offersLackingShare', 'offersWithShare'];
  if (measures.some(has)) return /12 måneder|12 mdr|225 timer|seneste år/.test(text) ? 'focus' : 'measurement';
  if (has('municipality') && (has('period') || has('periodTo')) && !has('group')) return 'supervision';
  return 'measurement';
}

/** How many cells of a row the synonym table recognises (header-row detection). */
export function recognisedCount(cells: unknown[]): number {
  return cells.reduce<number>((count, cell) => count + (matchHeader(cell) ? 1 : 0), 0);
}

/** Identifies "files with the same headers" for saved mapping profiles. */
export function headerSignature(headers: unknown[]): string {
  return headers.map((header) => normalizeHeader(String(header ?? ''))).join('|');
}

/** The import kinds in the user's words (the refusal of a file that carries none of its kind's measures). */
export const kindLabels: Record<ImportKind, string> = importWords.kinds;
