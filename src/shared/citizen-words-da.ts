import type { CitizenColumn, FilterOperator } from './api/citizens';
import { formatCount as count } from './words-da';

/**
 * The citizen areas' words in Danish (messages, issue 15): the citizen importer's row problems,
 * its date-order decision and the spells-with-event-columns layout, the repeat-spell refusal,
 * the citizen grid's filter refusals and filters in words, the reconciliation's refusals and the
 * citizen list (.xlsx). The outlook's summary lines are explanation items (`outlook.*` in
 * `explanations.ts`, rendered by `explanations-da.ts`). Field labels come from `fieldLabels` in
 * `words-da.ts`. An English file is one more module typed `CitizenWords`, chosen on the last line.
 */


export const citizenWordsDa = {
  /** A municipality code that is not in the reference list (outlook, reconciliation). */

  /** One row of a spells or events file that cannot be stored; the value shown is already masked. */
  rows: {
    citizenMissing: 'Borger (cpr-nr. eller id) mangler.',
    citizenUnreadable: (shown: string) => `Borger: "${shown}" kan ikke læses som et cpr-nr. eller id.`,
    citizenTooLong: (max: number, start: string) => `Borger: id'et er længere end ${max} tegn (${start} …).`,
    textTooLong: (label: string, max: number) => `${label}: teksten er længere end ${max} tegn.`,
    dateMissing: (label: string) => `${label} mangler.`,
    dateOtherOrder: (label: string, shown: string, monthFirst: boolean) =>
      `${label}: "${shown}" er ikke en dato, når den læses ${monthFirst ? 'måned først' : 'dag først (dansk)'}. Er datoerne skrevet ${monthFirst ? 'dag først (31-07-2024)' : 'måned først (07/31/2024)'}? Så vælg det som datoernes rækkefølge.`,
    dateNotInCalendar: (label: string, shown: string) => `${label}: "${shown}" er ikke en dato, der findes i kalenderen.`,
    notADate: (label: string, shown: string) => `${label}: "${shown}" kan ikke læses som en dato (skriv fx 2024-01-31, 31-01-2024 eller 31.01.2024).`,
    unknownGroup: (shown: string) => `Ukendt ydelsesgruppe: "${shown}" (skriv fx A-dagpenge, Kontanthjælp eller Sygedagpenge).`,
    endBeforeStart: (end: string, start: string) => `Slutdatoen ${end} ligger før startdatoen ${start}.`,
    eventKindMissing: 'Hændelse mangler (samtale eller tilbud).',
    notAnEventKind: (shown: string) => `Hændelse: "${shown}" er hverken en samtale eller et tilbud (skriv fx samtale, jobsamtale, tilbud, aktivt tilbud eller aktivering).`,
    notHeldBy: (shown: string) => `Afholdt af: "${shown}" er hverken jobcenter eller a-kasse.`,
    heldByMismatch: (shown: string, kind: string) => `Afholdt af: "${shown}" passer ikke med hændelsen "${kind}".`,
  },

  /** How a citizen file's dates are read, said once in the import's decisions. */
  dateOrder: (monthFirst: boolean, chosen: boolean) =>
    monthFirst
      ? 'Datoer som 07/31/2024 læses måned først (amerikansk), som valgt.'
      : `Datoer som 31-07-2024 og 31/7/2024 læses dag først (dansk)${chosen ? ', som valgt' : ''}; ISO-datoer (2024-07-31) og Excel-datoer læses som de er.`,

  /** The spells-with-event-columns layout (one row per spell, event dates in columns). */
  spellEvents: {
    /** The long table's own column names, as problems name them. */
    longHeaders: ['Borger', 'Kommune', 'Ydelsesgruppe', 'Startdato', 'Slutdato', 'Forløb', 'Hændelse', 'Dato', 'Afholdt af'],
    onlySpells: 'Kun ydelsesforløb kan læses med samtaler og tilbud som kolonner (én række pr. forløb).',
    noEventColumns: 'Ingen kolonne hedder fx "Samtale 1", "1. samtale" eller "Tilbud 1", så filen kan ikke læses som én række pr. forløb med datoer i kolonner.',
    decision: (interviews: number, offers: number, headers: string[], more: boolean) =>
      `Én række pr. forløb: ${interviews} ${interviews === 1 ? 'samtalekolonne' : 'samtalekolonner'} og ${offers} ${offers === 1 ? 'tilbudskolonne' : 'tilbudskolonner'} (${headers
        .map((header) => `"${header}"`)
        .join(', ')}${more ? ' …' : ''}) bliver til samtaler og tilbud på forløbet; tomme celler springes over.`,
  },

  /** A spells file that repeats spells stored from earlier files: nothing is stored. */
  overlap: (total: number, batches: { fileName: string; batchId: number; rows: number }[], cli: boolean) =>
    `${count(total)} forløb i filen er allerede indlæst fra ${batches.map((entry) => `"${entry.fileName}" (indlæsning nr. ${entry.batchId}: ${count(entry.rows)})`).join(', ')} (samme borger, ydelsesgruppe og startdato), så intet blev indlæst: ellers ville de borgere tælle dobbelt. ` +
    `Skal filen erstatte den ældre, så fjern den ældre indlæsning først (${cli ? 'i appen: Indlæsninger, Fortryd' : 'under Indlæsninger: Fortryd'}) og indlæs filen igen. Skal kun nye forløb med, så tag de gentagne rækker ud af filen.`,

  /** The citizen grid's query: columns and operators in words, and its refusals. */
  query: {
    columns: {
      citizenId: 'CPR-nummer',
      municipalityCode: 'Kommune',
      groupId: 'Ydelsesgruppe',
      startDate: 'Start',
      cohortMonth: 'Kohortemåned',
      deadline: 'Frist',
      daysLeft: 'Dage tilbage',
      interviewsCounted: 'Samtaler',
      interviewsNotCounted: 'A-kasse-samtaler',
      offers: 'Tilbud',
      interviewsMissing: 'Manglende samtaler',
      offerMissing: 'Mangler tilbud',
    } satisfies Record<CitizenColumn, string>,
    operators: {
      equals: '=',
      notEqual: '≠',
      lessThan: '<',
      lessThanOrEqual: '≤',
      greaterThan: '>',
      greaterThanOrEqual: '≥',
      contains: 'indeholder',
      startsWith: 'begynder med',
    } satisfies Record<FilterOperator, string>,
    /** Every refusal of a query ends so. */
    refused: (why: string) => `${why} Intet blev vist.`,
    notText: (column: string) => `Filteret på "${column}" skal være tekst.`,
    notYesNo: (column: string) => `Filteret på "${column}" skal være ja eller nej.`,
    notWhole: (column: string, value: string) => `Filteret på "${column}" skal være et helt tal (fik "${value}").`,
    noValue: (column: string) => `Filteret på "${column}" mangler en værdi.`,
    onlyCompare: (column: string) => `"${column}" kan kun filtreres med lig med, større end eller mindre end.`,
    outsideCalendar: (column: string) => `Filteret på "${column}" er uden for kalenderen.`,
    notADate: (date: string) => `Datoen ${date} findes ikke i kalenderen.`,
    notAMonth: (month: string) => `Måneden ${month} findes ikke.`,
    tooMany: (total: number, max: number) =>
      `Listen ville få ${count(total)} borgere; højst ${count(max)} kan gemmes i én fil. Vælg en kommune eller slå "Kun borgere der stadig kan nås" til, og prøv igen. Intet blev skrevet.`,
    /** The filters in words (the export's provenance sheet and the CLI). */
    municipality: (name: string | undefined, code: number) => `Kommune: ${name ?? 'ukendt'} (${code})`,
    group: (label: string) => `Ydelsesgruppe: ${label}`,
    cohortMonth: (month: string) => `Kohortemåned: ${month}`,
    withinReach: 'Kun borgere der stadig kan nås',
    empty: 'tom',
    yes: 'ja',
    no: 'nej',
    asOf: (date: string) => `Opgjort pr. ${date}`,
  },

  /** "Slet alle borgerdata". */
  deleteAll: {
    fileStillInUse:
      'Borgerdataene er slettet i databasen, men databasefilen kunne ikke ryddes helt, fordi et andet program eller vindue bruger den lige nu: cpr-numre kan stadig ligge i den. Luk andre vinduer med Indsatsmonitor, og ryd så filen igen (under Indlæsninger: Ryd databasefilen, eller kør sletningen igen).',
  },

  /** The reconciliation of citizen data with Jobindsats. */
  reconcile: {
    fromAfterTo: (from: string, to: string) => `Fra-måneden (${from}) ligger efter til-måneden (${to}).`,
  },

  /** The citizen list (.xlsx): sheets, columns and the provenance sheet's lines. */
  list: {
    sheetName: 'Borgere',
    title: 'Borgere at kontakte',
    fullIdsInTitle: ' MED FULDE CPR-NUMRE',
    idsMasked: 'Maskerede (ddmmåå-****): filen indeholder ikke fulde CPR-numre',
    idsFull: 'FULDE CPR-NUMRE: filen indeholder personnumre i fuld længde, fordi det blev valgt ved eksporten. Behandl den som fortrolige personoplysninger, og slet den, når den ikke længere skal bruges.',
    idsLabel: 'CPR-numre',
    columns: {
      citizenId: 'CPR-nummer',
      municipalityCode: 'Kommunekode',
      municipality: 'Kommune',
      group: 'Ydelsesgruppe',
      startDate: 'Forløbets start',
      cohortMonth: 'Kohortemåned',
      deadline: 'Frist',
      daysLeft: 'Dage tilbage',
      interviewsCounted: 'Samtaler holdt',
      requiredInterviews: 'Samtaler krævet',
      interviewsNotCounted: 'A-kasse-samtaler (tæller ikke)',
      offers: 'Tilbud givet',
      offerRequired: 'Tilbud krævet',
      missing: 'Mangler',
    },
    result: (rows: number, withinReach: number, asOf: string) =>
      `${count(rows)} forløb på listen; ${count(withinReach)} mangler stadig noget og kan nås før fristen (opgjort pr. ${asOf})`,
  },

  /** What a spell still lacks: "2 samtaler og et tilbud", "1 samtale", "et tilbud", "Intet" (grid, CLI, list). */
  missing: (interviews: number, offer: boolean) =>
    [interviews > 0 ? `${interviews} ${interviews === 1 ? 'samtale' : 'samtaler'}` : '', offer ? 'et tilbud' : ''].filter(Boolean).join(' og ') || 'Intet',
};

type CitizenWords = typeof citizenWordsDa;

/** The language of the citizen areas' words: one line to change. */
export const citizenWords: CitizenWords = citizenWordsDa;
