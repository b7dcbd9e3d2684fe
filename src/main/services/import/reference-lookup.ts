import type { Db } from '../store';
import { parsePeriod, type DateOrder, type Period } from './periods';

/** Case-, space- and accent-insensitive form of a label, æøå kept. */
export function normalizeLabel(text: string): string {
  return text
    .toLocaleLowerCase('da-DK')
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/aa/g, 'å')
    .trim();
}

function municipalityKey(text: string): string {
  return normalizeLabel(text)
    .replace(/\s*kommune$/, '')
    .replace(/^kommune\s+/, '')
    .replace(/[\s-]+/g, '');
}

/**
 * A name as people type it without Danish letters: "Kobenhavn", "Hoeje-Taastrup", "Aeroe" and
 * "Ærø" all become the same skeleton (æ/ae → a, ø/oe → o, å/aa → a, no spaces or dashes).
 */
function nameSkeleton(text: string): string {
  return municipalityKey(text)
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ae/g, 'a')
    .replace(/[^a-z0-9]/g, '');
}

/** Edit distance (for "did you mean"), small strings only. */
function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * Benefit groups by their Jobindsats labels and the usual variants. Keys are normalised
 * (lower case, spaces collapsed); the value is the store's group id.
 */
const groupSynonyms: Record<string, string[]> = {
  dagpenge: ['a-dagpenge', 'a-dagpenge mv.', 'a-dagpenge mv', 'dagpenge', 'forsikrede ledige', 'a-dagpengemodtagere', 'unemployment benefit', 'unemployment insurance'],
  sygedagpenge: ['sygedagpenge', 'sygedagpenge mv.', 'sygedagpengemodtagere', 'sickness benefit'],
  kontanthjaelp: ['kontanthjælp', 'kontanthjælp mv.', 'kontanthjælpsmodtagere', 'jobparate kontanthjælpsmodtagere', 'aktivitetsparate kontanthjælpsmodtagere', 'cash benefit'],
  uddannelseshjaelp: ['uddannelseshjælp', 'uddannelseshjælpsmodtagere', 'uddannelsesparate', 'aktivitetsparate uddannelseshjælpsmodtagere', 'education benefit'],
  revalidering: ['revalidering', 'forrevalidering og revalidering', 'revalidender', 'forrevalidering', 'revalidering mv.'],
  ressourceforloeb: ['ressourceforløb', 'ressourceforløbsydelse', 'ressourceforløb mv.'],
  jobafklaring: ['jobafklaringsforløb', 'jobafklaring', 'jobafklaringsforløb mv.'],
  ledighedsydelse: ['ledighedsydelse', 'ledighedsydelsesmodtagere'],
  overgangsydelse: [
    'overgangsydelse',
    'selvforsørgelses- og hjemrejseydelse samt overgangsydelse',
    'selvforsørgelses- og hjemrejseydelse',
    'selvforsørgelses- og hjemrejseydelse og overgangsydelse',
    'integrationsydelse',
    'selvforsørgelsesydelse',
  ],
};

export interface ReferenceLookup {
  municipality(value: unknown): number | null;
  group(value: unknown): string | null;
  /** parsePeriod, remembered: a file repeats the same few periods a million times. */
  period(value: unknown): Period | null;
  municipalityName(code: number): string;
  /** The nearest municipality names to an unknown one (at most three), for the message. */
  suggestMunicipalities(value: unknown): string[];
}

export function buildReferenceLookup(db: Db, options: { dateOrder?: DateOrder } = {}): ReferenceLookup {
  const municipalities = db.prepare('SELECT code, name FROM municipality').all() as { code: number; name: string }[];
  const byName = new Map<string, number>();
  const codes = new Set<number>();
  const names = new Map<number, string>();
  for (const { code, name } of municipalities) {
    byName.set(municipalityKey(name), code);
    codes.add(code);
    names.set(code, name);
  }
  // Names Danes write in other forms than Jobindsats does.
  const aliases: Record<string, string> = {
    københavns: 'København',
    'bornholms regionskommune': 'Bornholm',
    bornholms: 'Bornholm',
    århus: 'Aarhus',
    nordfyn: 'Nordfyns',
    vesthimmerland: 'Vesthimmerlands',
  };
  for (const [alias, name] of Object.entries(aliases)) {
    const code = byName.get(municipalityKey(name));
    if (code !== undefined) byName.set(municipalityKey(alias), code);
  }
  // ASCII forms, only where the skeleton names one municipality.
  const bySkeleton = new Map<string, number | null>();
  for (const [key, code] of byName) {
    const skeleton = nameSkeleton(key);
    const earlier = bySkeleton.get(skeleton);
    bySkeleton.set(skeleton, earlier === undefined || earlier === code ? code : null);
  }
  const groups = db.prepare('SELECT id, label FROM benefit_group').all() as { id: string; label: string }[];
  const groupByLabel = new Map<string, string>();
  for (const { id, label } of groups) {
    groupByLabel.set(normalizeLabel(label), id);
    groupByLabel.set(id, id);
  }
  for (const [id, labels] of Object.entries(groupSynonyms)) for (const label of labels) groupByLabel.set(normalizeLabel(label), id);

  const municipalityOf = (value: unknown): number | null => {
    if (typeof value === 'number') return Number.isInteger(value) && codes.has(value) ? value : null;
    if (typeof value !== 'string') return null;
    const text = value.trim();
    if (/^\d{1,4}$/.test(text)) {
      const code = Number(text);
      return codes.has(code) ? code : null;
    }
    // "101 København" and "København (101)" both occur in case-system exports.
    const withCode = text.match(/^(\d{3,4})\s+\S/) ?? text.match(/\((\d{3,4})\)\s*$/);
    if (withCode && codes.has(Number(withCode[1]))) return Number(withCode[1]);
    return byName.get(municipalityKey(text)) ?? bySkeleton.get(nameSkeleton(text)) ?? null;
  };
  const suggestions = new Map<string, string[]>();
  const suggest = (value: unknown): string[] => {
    const skeleton = nameSkeleton(String(value ?? ''));
    const known = suggestions.get(skeleton);
    if (known) return known;
    const found = nearest(skeleton);
    if (suggestions.size < 10_000) suggestions.set(skeleton, found);
    return found;
  };
  const nearest = (skeleton: string): string[] => {
    if (!skeleton) return [];
    return municipalities
      .map(({ name }) => ({ name, distance: editDistance(skeleton, nameSkeleton(name)) }))
      .filter(({ distance }) => distance <= Math.max(2, Math.floor(skeleton.length / 3)))
      .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name, 'da'))
      .slice(0, 3)
      .map(({ name }) => name);
  };
  const groupOf = (value: unknown): string | null => {
    if (typeof value !== 'string') return null;
    return groupByLabel.get(normalizeLabel(value)) ?? groupByLabel.get(normalizeLabel(value).replace(/\s*mv\.?$/, '')) ?? null;
  };
  // Files repeat the same hundred names a million times: remember each text's answer.
  const municipalityCache = new Map<unknown, number | null>();
  const groupCache = new Map<unknown, string | null>();
  const periodCache = new Map<unknown, Period | null>();
  const remembered = <T>(cache: Map<unknown, T>, compute: (value: unknown) => T) => (value: unknown): T => {
    if (value instanceof Date) return compute(value);
    let answer = cache.get(value);
    if (answer === undefined && !cache.has(value)) {
      answer = compute(value);
      if (cache.size < 100_000) cache.set(value, answer);
    }
    return answer as T;
  };
  return {
    municipality: remembered(municipalityCache, municipalityOf),
    group: remembered(groupCache, groupOf),
    period: remembered(periodCache, (value) => parsePeriod(value, options.dateOrder)),
    suggestMunicipalities: suggest,
    municipalityName: (code) => names.get(code) ?? String(code),
  };
}
