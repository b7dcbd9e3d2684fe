import type { ModelId, RuleParameter, RuleSetSummary } from '../../../shared/api/engine';
import type { ExplanationItem } from '../../../shared/explanations';
import { currentUserName, nowIso, type Db } from '../store';
import { EngineError } from './engine-error';
import { readBenefitGroupFacts } from '../reference-data';
import { modelParameters, type ModelParams } from './model-parameters';
import { engineWords } from '../../../shared/engine-words-da';

/** The rule sets' refusals (messages, issue 15). */
const r = engineWords.ruleSets;

/**
 * The four follow-up models as data. Each built-in rule set lists every parameter the
 * evaluators read, with its source; the ones RULES.md marks as interpretations say so, so the
 * explanation can show them and a reviewer can change them in a copy.
 */
const seed002 = 'seeds/002_2208841bb6025f8a.txt';
const seed001 = 'seeds/001_b08030e2abf5edbd.txt';
const seed003 = 'seeds/003_3915e01cbda92100.txt';
const seed004 = 'seeds/004_0580f353cc6c6c66.txt';

const allGroups = [
  'dagpenge',
  'sygedagpenge',
  'kontanthjaelp',
  'uddannelseshjaelp',
  'revalidering',
  'ressourceforloeb',
  'jobafklaring',
  'ledighedsydelse',
  'overgangsydelse',
];

/** A parameter with its limits (min/max/integer for numbers, options for texts, members for lists). */
type ParameterSpec = RuleParameter;

interface BuiltinRuleSet {
  id: ModelId;
  name: string;
  model: ModelId;
  version: string;
  parameters: ParameterSpec[];
}

const p = (spec: ParameterSpec): ParameterSpec => spec;

export const builtinRuleSets: BuiltinRuleSet[] = [
  {
    id: 'early-2023',
    name: 'Tidlig indsats fra 2023 (halvårlig)',
    model: 'early-2023',
    version: '2023.1',
    parameters: [
      p({ key: 'threshold', label: 'Tærskel for andel uden krav opfyldt', value: 0.2, interpretation: false, source: `${seed002}, Handlekriterier`, min: 0, max: 1 }),
      p({ key: 'strictlyGreater', label: 'Andelen skal være større end tærsklen (ikke lig med)', value: true, interpretation: false, source: `${seed002}: "mere end 20 pct."` }),
      p({ key: 'consecutiveMonths', label: 'Antal på hinanden følgende måneder over tærsklen', value: 6, interpretation: false, source: `${seed002}, Handlekriterier`, min: 1, max: 6, integer: true }),
      p({ key: 'minCitizens', label: 'Mindst antal borgere i hver måned', value: 10, interpretation: false, source: `${seed002}, Handlekriterier`, min: 0, max: 100000, integer: true }),
      p({ key: 'minCitizensPerCriterion', label: 'Mindsteantal tælles pr. kriterium over de grupper, kriteriet samler', value: true, interpretation: true, source: 'RULES.md model A punkt 5' }),
      p({ key: 'interviewGroups', label: 'Ydelsesgrupper i samtalekriteriet', value: allGroups, interpretation: false, source: `${seed002}, tabel 1`, members: allGroups }),
      p({ key: 'offerGroups', label: 'Ydelsesgrupper, der kan indgå i tilbudskriteriet (kun i de måneder, hvor kravtabellen giver gruppen tilbudskrav)', value: allGroups, interpretation: false, source: `${seed002}, tabel 1`, members: allGroups }),
      p({ key: 'challengedMinCitizens', label: 'Særligt udfordret: mindst antal målte borgere i gruppen over halvåret', value: 10, interpretation: true, source: 'RULES.md model A punkt 6', min: 0, max: 100000, integer: true }),
      p({ key: 'challengedPooling', label: 'Særligt udfordret: gruppens andel beregnes over', value: 'half-year', interpretation: true, source: 'RULES.md model A punkt 6', options: ['half-year'] }),
      p({ key: 'exemptEnhancedSupervision', label: 'Foreslå undtagelse for kommuner under skærpet tilsyn', value: true, interpretation: false, source: `${seed002}, Opfølgning over for kommuner` }),
      p({ key: 'exemptPositiveDevelopment', label: 'Foreslå undtagelse ved konstant positiv udvikling', value: true, interpretation: false, source: `${seed002}, Opfølgning over for kommuner` }),
      p({ key: 'positiveDevelopmentRule', label: 'Positiv udvikling', value: 'strictly-falling-within-period', interpretation: true, source: 'RULES.md model A punkt 7', options: ['strictly-falling-within-period'] }),
      p({ key: 'sharesOnlyPooling', label: 'Hvor filen kun gav andele, samles de', value: 'weighted-by-measured', interpretation: true, source: 'RULES.md "Shares are computed from counts wherever counts exist"', options: ['weighted-by-measured'] }),
    ],
  },
  {
    id: 'early-2021',
    name: 'Tidlig indsats 2021 (månedlig pr. ydelsesgruppe)',
    model: 'early-2021',
    version: '2021.1',
    parameters: [
      p({ key: 'threshold', label: 'Tærskel for andel uden krav opfyldt', value: 0.2, interpretation: false, source: seed001, min: 0, max: 1 }),
      p({ key: 'strictlyGreater', label: 'Andelen skal være større end tærsklen (ikke lig med)', value: true, interpretation: false, source: `${seed001}: "mere end 20 pct."` }),
      p({ key: 'consecutiveMonths', label: 'Antal på hinanden følgende måneder over tærsklen', value: 3, interpretation: false, source: seed001, min: 1, max: 24, integer: true }),
      p({ key: 'minCitizens', label: 'Mindst antal borgere i gruppen i hver måned', value: 10, interpretation: false, source: seed001, min: 0, max: 100000, integer: true }),
      p({ key: 'groups', label: 'Ydelsesgrupper, der følges hver for sig', value: allGroups, interpretation: false, source: `${seed002}, tabel 1`, members: allGroups }),
      p({ key: 'explanationDueMonths', label: 'Måneder efter kontakt før redegørelse og genopretningsplan', value: 6, interpretation: false, source: seed001, min: 1, max: 24, integer: true }),
    ],
  },
  {
    id: 'supervision',
    name: 'Skærpet tilsyn (resultatmål og fokusråd)',
    model: 'supervision',
    version: '2021.1',
    parameters: [
      p({ key: 'resultGroupLabel', label: 'Ydelsesgruppe for resultatmålet (Y30R21)', value: 'Ydelsesgrupper i alt', interpretation: false, source: `${seed003}; data/README.md` }),
      p({ key: 'resultBasis', label: 'Resultatmålet sammenligner (antal er afrundet til tiere)', value: 'shares', interpretation: true, source: 'RULES.md model C', options: ['shares'] }),
      p({ key: 'focusInterviewsThreshold', label: 'Fokusråd om samtaler: højeste andel uden 4 samtaler på 12 måneder', value: 0.2, interpretation: true, source: 'RULES.md model C (kilderne giver intet tal)', min: 0, max: 1 }),
      p({ key: 'focusTotalLabel', label: 'Fokusmålinger: rækker hvis ydelsesgruppe indeholder denne tekst er kommunens total (ellers samles grupperne)', value: 'i alt', interpretation: true, source: 'Jobindsats skriver totaler som "Ydelsesgrupper i alt"' }),
      p({ key: 'focusOffersThreshold', label: 'Fokusråd om tilbud/225 timer: højeste andel uden', value: 0.2, interpretation: true, source: 'RULES.md model C (kilderne giver intet tal)', min: 0, max: 1 }),
    ],
  },
  {
    id: 'status',
    name: 'Landsstatus for samtaler',
    model: 'status',
    version: '2018.1',
    parameters: [
      p({ key: 'groups', label: 'Ydelsesgrupper i statustabellen', value: allGroups, interpretation: false, source: `${seed004}, tabel 1`, members: allGroups }),
      p({ key: 'nationalLabel', label: 'Navn på landstallet', value: 'Hele landet', interpretation: false, source: `${seed004}, tabel 1` }),
    ],
  },
];

export interface ResolvedRuleSet<M extends ModelId = ModelId> extends RuleSetSummary {
  model: M;
  /** Parameter values by key, typed by the model's schema (model-parameters.ts), for the evaluators. */
  values: ModelParams[M];
}

/** The model's schema checks the values (a stored copy could hold anything); Danish words when it fails. */
function parseValues<M extends ModelId>(model: M, name: string, raw: Record<string, RuleParameter['value']>): ModelParams[M] {
  const parsed = modelParameters[model].safeParse(raw);
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw new EngineError('rule-set-invalid', r.invalidStored(name, keys));
  }
  return parsed.data as ModelParams[M];
}

function publicParameter(spec: ParameterSpec, value: RuleParameter['value'] = spec.value): RuleParameter {
  return { ...spec, value, displayValue: formatValue(value) };
}

function builtinSummary(rule: BuiltinRuleSet): ResolvedRuleSet {
  const parameters = rule.parameters.map((spec) => publicParameter(spec));
  return {
    id: rule.id,
    name: rule.name,
    model: rule.model,
    version: rule.version,
    builtin: true,
    basedOn: null,
    parameters,
    createdAt: null,
    createdBy: null,
    values: parseValues(rule.model, rule.name, Object.fromEntries(parameters.map((parameter) => [parameter.key, parameter.value]))),
  };
}

interface RuleSetRow {
  id: string;
  name: string;
  model: ModelId;
  version: string;
  based_on: string | null;
  params_json: string;
  created_at: string;
  created_by: string;
}

function fromRow(row: RuleSetRow): ResolvedRuleSet {
  const builtin = builtinRuleSets.find((rule) => rule.model === row.model);
  if (!builtin) throw new EngineError('rule-set-invalid', r.unknownModel(row.name, row.model));
  const stored = JSON.parse(row.params_json) as Record<string, RuleParameter['value']>;
  const parameters = builtin.parameters.map((spec) => {
    const value = spec.key in stored ? stored[spec.key] : spec.value;
    // A value the user changed is theirs: marked, and its source says so instead of the document's.
    if (JSON.stringify(value) === JSON.stringify(spec.value)) return publicParameter(spec, value);
    return { ...publicParameter(spec, value), changed: true, interpretation: false, source: r.changedSource(row.created_by, row.name, formatValue(spec.value)) };
  });
  return {
    id: row.id,
    name: row.name,
    model: row.model,
    version: row.version,
    builtin: false,
    basedOn: row.based_on,
    parameters,
    createdAt: row.created_at,
    createdBy: row.created_by,
    values: parseValues(row.model, row.name, Object.fromEntries(parameters.map((parameter) => [parameter.key, parameter.value]))),
  };
}

export function listRuleSets(db: Db): ResolvedRuleSet[] {
  const rows = db.prepare('SELECT * FROM rule_set ORDER BY created_at, id').all() as RuleSetRow[];
  return [...builtinRuleSets.map(builtinSummary), ...rows.map(fromRow)];
}

/** The rule set by id, or the built-in one of the model when no id is given. */
export function resolveRuleSet<M extends ModelId>(db: Db, model: M, id?: string): ResolvedRuleSet<M> {
  const wanted = id ?? model;
  const builtin = builtinRuleSets.find((rule) => rule.id === wanted);
  const resolved = builtin
    ? builtinSummary(builtin)
    : (() => {
        const row = db.prepare('SELECT * FROM rule_set WHERE id = ?').get(wanted) as RuleSetRow | undefined;
        if (!row) throw new EngineError('not-found', r.notFound(wanted));
        return fromRow(row);
      })();
  if (resolved.model !== model) {
    throw new EngineError('wrong-model', r.wrongModel(resolved.name, resolved.model, model));
  }
  return { ...resolved, model, values: parseValues(model, resolved.name, resolved.values) };
}

function findAny(db: Db, id: string): ResolvedRuleSet {
  const builtin = builtinRuleSets.find((rule) => rule.id === id);
  if (builtin) return builtinSummary(builtin);
  const row = db.prepare('SELECT * FROM rule_set WHERE id = ?').get(id) as RuleSetRow | undefined;
  if (!row) throw new EngineError('not-found', r.notFound(id));
  return fromRow(row);
}

/** Checks one changed value against its parameter's type and range; returns the clean value. */
function checkValue(spec: ParameterSpec, value: unknown): RuleParameter['value'] {
  const bad = (why: string) => new EngineError('invalid-parameter', r.badValue(spec.label, why));
  if (typeof spec.value === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(r.notANumber);
    if (spec.integer && !Number.isInteger(value)) throw bad(r.notAnInteger);
    // A share (0 to 1) is spoken of in per cent, as the screen shows it.
    const limit = (bound: number) => (spec.max === 1 ? `${bound * 100} %` : String(bound));
    if (spec.min !== undefined && value < spec.min) throw bad(r.below(limit(spec.min)));
    if (spec.max !== undefined && value > spec.max) throw bad(r.above(limit(spec.max)));
    return value;
  }
  if (typeof spec.value === 'boolean') {
    if (typeof value !== 'boolean') throw bad(r.notABoolean);
    return value;
  }
  if (Array.isArray(spec.value)) {
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw bad(r.notAGroupList);
    const unknown = value.filter((item) => !(spec.members ?? []).includes(item));
    if (unknown.length > 0) throw bad(r.unknownGroups(unknown.join(', ')));
    if (value.length === 0) throw bad(r.emptyList);
    return [...new Set(value as string[])];
  }
  if (typeof value !== 'string' || value.trim() === '') throw bad(r.notAText);
  if (spec.options && !spec.options.includes(value)) throw bad(r.notAnOption(spec.options));
  return value;
}

function slug(text: string): string {
  const base = text
    .toLocaleLowerCase('da-DK')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base || 'kopi';
}

/** A user copy with changed parameters; the original is never touched. */
export function copyRuleSet(db: Db, fromId: string, name: string, changes: Record<string, unknown>): ResolvedRuleSet {
  if (name.trim() === '') throw new EngineError('invalid-name', r.nameTheCopy);
  const original = findAny(db, fromId);
  const specs = builtinRuleSets.find((rule) => rule.model === original.model)!.parameters;
  const values: Record<string, RuleParameter['value']> = { ...original.values };
  for (const [key, value] of Object.entries(changes)) {
    const spec = specs.find((candidate) => candidate.key === key);
    if (!spec) throw new EngineError('invalid-parameter', r.noSuchParameter(original.name, key));
    values[key] = checkValue(spec, value);
  }
  return db.transaction(() => {
    const duplicate = db.prepare('SELECT 1 FROM rule_set WHERE name = ?').get(name.trim());
    if (duplicate) throw new EngineError('duplicate-name', r.duplicateName(name.trim()));
    let id = `${original.model}--${slug(name)}`;
    for (let n = 2; db.prepare('SELECT 1 FROM rule_set WHERE id = ?').get(id) || builtinRuleSets.some((rule) => rule.id === id); n++) {
      id = `${original.model}--${slug(name)}-${n}`;
    }
    db.prepare(
      'INSERT INTO rule_set (id, name, model, version, based_on, params_json, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, name.trim(), original.model, `${original.version}+kopi`, original.id, JSON.stringify(values), nowIso(), currentUserName());
    return findAny(db, id);
  })();
}

/** The interpretations in force, as explanation items (label and value in the rule set's words). */
export function interpretationItems(rule: ResolvedRuleSet): ExplanationItem[] {
  return rule.parameters.filter((parameter) => parameter.interpretation).map((parameter) => ({ code: 'interpretation', params: { label: parameter.label, value: formatValue(parameter.value) } }));
}

/** Danish words for the coded option values, so explanations never show a code. */
const optionWords = r.options;

let groupLabels: Map<string, string> | null = null;

/** Group ids are shown by their Jobindsats labels. */
function groupLabel(id: string): string {
  groupLabels ??= new Map(readBenefitGroupFacts().groups.map((group) => [group.id, group.label]));
  return groupLabels.get(id) ?? id;
}

function formatValue(value: RuleParameter['value']): string {
  if (Array.isArray(value)) return value.map(groupLabel).join(', ');
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (typeof value === 'number' && value > 0 && value < 1) return `${String(Math.round(value * 1000) / 10).replace('.', ',')} %`;
  return optionWords[String(value)] ?? String(value);
}
