import type { ModelId } from './enums';

/**
 * The engine's refusals and source lines in Danish (messages, issue 15): what `EngineError`
 * says when a period has no data, a decision cannot be stored, or a rule set does not exist.
 * Periods and dates arrive already in words. An English file is one more module typed
 * `EngineWords`, chosen on the last line.
 */
export const engineWordsDa = {
  noData: {
    /** Model A: the half-year and its first and last month. */
    halfYear: (period: string, from: string, to: string) => `Der er ingen målinger for ${period} (${from} til ${to}). Indlæs data for perioden først.`,
    halfYearCitizens: (period: string, from: string, to: string) =>
      `Borgerdata giver ingen målinger for ${period} (${from} til ${to}): ingen forløb når seks måneder i perioden. Indlæs forløb og hændelser, der dækker perioden.`,
    month: (period: string) => `Der er ingen målinger for ${period}. Vælg en måned med data, eller indlæs data først.`,
    monthCitizens: (period: string) =>
      `Borgerdata giver ingen målinger for ${period}: ingen forløb når seks måneder i måneden. Vælg en anden måned, eller indlæs forløb og hændelser.`,
    months: (months: string, citizens: boolean) => `${citizens ? 'Borgerdata giver' : 'Der er'} ingen målinger for ${months}. Vælg måneder med data.`,
    period: (period: string) => `Der er ingen målinger for ${period}.`,
    resultTarget: (period: string, known: string) => `Der er ingen tal for resultatmålet (Y30R21) for ${period}. Perioder med data: ${known}.`,
    noResultTarget: 'Der er ikke indlæst tal for resultatmålet (Jobindsats Y30R21). Indlæs udtrækket først.',
  },
  and: ' og ',
  // citizen-models (issue 10): a model asked to run on citizen data when none is imported.
  noCitizenData:
    'Der er ikke indlæst borgerdata, så modellen kan ikke beregnes af borgerdata. Indlæs en fil med ydelsesforløb og en med samtaler og tilbud under "Indlæs filer", eller vælg Jobindsats som datakilde.',
  /** Model D's total row on citizen data: the municipalities of the extract, not the whole country. */
  citizenTotal: (count: number) => `I alt i borgerdata (${count} ${count === 1 ? 'kommune' : 'kommuner'})`,
  noCitizenSource: 'Skærpet tilsyn kan ikke beregnes af borgerdata: resultatmålet og fokusmålene findes kun i Jobindsats-udtrækkene. Vælg Jobindsats som datakilde.',
  missingBaseline: 'Mangler sammenligningsmåned (fx 2023-12).',
  badHalfYear: (period: string) => `Halvåret "${period}" skal skrives som 2023H2.`,
  unknownMunicipality: (code: number) => `Kommunekoden ${code} findes ikke.`,
  unknownMunicipalities: (codes: string) => `Kommunekoderne ${codes} findes ikke. Intet blev gemt.`,
  unknownGroup: (groupId: string) => `Ydelsesgruppen "${groupId}" findes ikke.`,
  citizenSource: (files: string) => `Beregnet af borgerdata (kommunens egne forløb, samtaler og tilbud), ikke af Jobindsats' offentliggjorte tal${files ? `: ${files}` : ''}.`,

  /** Rule sets and their what-if copies. */
  ruleSets: {
    invalidStored: (name: string, keys: string) => `Regelsættet ${name} har ugyldige værdier for ${keys}. Lav en ny kopi af det indbyggede regelsæt.`,
    unknownModel: (name: string, model: string) => `Regelsættet ${name} hører til en ukendt model (${model}).`,
    notFound: (id: string) => `Regelsættet "${id}" findes ikke.`,
    wrongModel: (name: string, model: string, wanted: string) => `Regelsættet "${name}" hører til modellen ${model}, ikke ${wanted}.`,
    badValue: (label: string, why: string) => `${label}: ${why}`,
    notANumber: 'skal være et tal.',
    notAnInteger: 'skal være et helt tal.',
    below: (limit: string) => `må ikke være under ${limit}.`,
    above: (limit: string) => `må ikke være over ${limit}.`,
    notABoolean: 'skal være sand eller falsk.',
    notAGroupList: 'skal være en liste af ydelsesgrupper.',
    unknownGroups: (groups: string) => `ukendte ydelsesgrupper: ${groups}.`,
    emptyList: 'listen må ikke være tom.',
    notAText: 'skal være en tekst.',
    notAnOption: (options: string[]) => `kan kun være ${options.join(' eller ')}.`,
    nameTheCopy: 'Giv kopien et navn.',
    noSuchParameter: (name: string, key: string) => `Regelsættet ${name} har ingen parameter "${key}".`,
    duplicateName: (name: string) => `Der findes allerede et regelsæt med navnet "${name}".`,
    // citizen-words (issue 15): a changed parameter's source, and the coded option values in words.
    changedSource: (by: string, copy: string, was: string) => `Ændret af ${by} i kopien "${copy}" (var ${was})`,
    options: {
      'half-year': 'halvårets måneder samlet',
      'strictly-falling-within-period': 'lavere end måneden før i hver måned af halvåret',
      'weighted-by-measured': 'vægtet med antal målte borgere',
      shares: 'andele',
    } as Record<string, string>,
  },

  /** Decisions (append-only): each refusal ends by saying nothing was stored. */
  decisions: {
    unknownRuleSet: (id: string) => `Regelsættet "${id}" findes ikke. Se listen med "indsatsmonitor rule-sets"; intet blev gemt.`,
    periodExample: { 'early-2023': 'et halvår, fx 2023H2', 'early-2021': 'en måned, fx 2023-09', status: 'en måned, fx 2024-12', supervision: 'en periode som 2021QMAT02' } satisfies Record<ModelId, string>,
    badPeriod: (period: string, example: string) => `Perioden "${period}" findes ikke for dette regelsæt; skriv ${example}. Intet blev gemt.`,
    notADate: (date: string) => `Datoen ${date} findes ikke i kalenderen; skriv en dato som 2024-03-25. Intet blev gemt.`,
    futureDate: (date: string) => `Datoen ${date} ligger i fremtiden; en afgørelse dateres den dag, den er truffet. Intet blev gemt.`,
    badVerdict: (verdict: string, known: string) => `Afgørelsen "${verdict}" skal være en kort kode med små bogstaver, fx ${known}.`,
    badSubject: 'Emnet for afgørelsen må ikke være tomt eller starte/slutte med mellemrum.',
    unknownExemption: (subject: string) => `Undtagelsen "${subject}" kendes ikke; den skal være skærpet tilsyn eller konstant positiv udvikling.`,
    reasonToReject: 'Skriv en begrundelse, når et forslag om undtagelse afvises.',
    reasonToAccept: 'Skriv en begrundelse, når et forslag om undtagelse godkendes (loven kræver en konkret vurdering).',
    reasonToWithdraw: 'Skriv en begrundelse for at trække afgørelsen tilbage.',
    alreadyContacted: (name: string, code: number, period: string, on: string, by: string) =>
      `${name} (${code}) er allerede markeret som kontaktet for ${period} (${on}, af ${by}). Intet blev gemt.`,
    notFound: (id: number) => `Afgørelse nr. ${id} findes ikke.`,
    isWithdrawal: (id: number) => `Afgørelse nr. ${id} er selv en tilbagetrækning og kan ikke trækkes tilbage.`,
    alreadyWithdrawn: (id: number, by: number) => `Afgørelse nr. ${id} er allerede trukket tilbage (nr. ${by}).`,
    superseded: (id: number, by: number) => `Afgørelse nr. ${id} er afløst af nr. ${by}; træk den nyeste tilbage i stedet.`,
    contactDate: 'Angiv datoen for kontakten. Intet blev gemt.',
  },
};

type EngineWords = typeof engineWordsDa;

/** The language of the engine's refusals: one line to change. */
export const engineWords: EngineWords = engineWordsDa;
