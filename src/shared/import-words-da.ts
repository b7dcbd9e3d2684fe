/**
 * The importer's refusals in Danish (messages, issue 15): files that cannot be read, uploads
 * that broke off, and the pipeline's reasons to store nothing. `surface` says where the reader
 * is: the app's preview or the CLI, whose advice names an option. Numbers arrive as numbers and
 * are written the Danish way here. An English file is one more module typed `ImportWords`,
 * chosen on the last line. The row-level problems of `convert.ts` are under `rows`; the citizen
 * importer's own words are in `citizen-words-da.ts`.
 */
import type { ImportKind, Surface as AppSurface } from './enums';
import { formatCount as count } from './words-da';

type Surface = AppSurface | undefined;
const rows = (value: number) => `${count(value)} ${value === 1 ? 'række' : 'rækker'}`;

export const importWordsDa = {
  /** The import kinds in the refusal of a file that carries none of its kind's figures. */
  kinds: {
    measurement: 'Målinger af den tidlige indsats (samtaler og tilbud)',
    benchmark: 'Resultatmål (Jobindsats Y30R21)',
    focus: 'Fokusmål (12 måneders anciennitet)',
    supervision: 'Skærpet tilsyn (liste over kommuner)',
    spells: 'Borgeres ydelsesforløb',
    events: 'Borgeres samtaler og tilbud',
  } satisfies Record<ImportKind, string>,
  /** How each share column and the dates are read (the preview's and the CLI's decisions). */
  decisions: {
    fraction: 'brøker (0,1561 = 15,61 %)',
    percent: 'procent (15,61 = 15,61 %)',
    chosenScale: (column: string, scale: string) => `${column} læses som ${scale}, som valgt.`,
    percentUpTo: (column: string, max: number) => `${column} læses som procent: værdierne går op til ${count(max)}.`,
    percentSigns: (column: string) => `${column} læses som procent: værdierne har procenttegn, eller overskriften siger pct.`,
    fractions: (column: string, values: number, headerSaysPercent: boolean) =>
      `${column} læses som brøker: alle ${count(values)} værdier ligger mellem 0 og 1, så 0,1561 betyder 15,61 %.${headerSaysPercent ? ' Overskriften siger pct.; kontrollér, at det er rigtigt.' : ''}`,
    monthFirst: 'måned først (amerikansk, 07/31/2023)',
    dayFirst: 'dag først (dansk, 31-07-2023)',
    chosenOrder: (column: string, order: string) => `Datoerne i ${column} læses ${order}, som valgt.`,
    mixedOrder: (column: string, example: string) => `Datoerne i ${column} blander dag først og måned først (fx "${example}"); rækkefølgen kan ikke afgøres.`,
    dayFirstOver12: (column: string) => `Datoerne i ${column} læses dag først (dansk): nogle starter med et tal over 12.`,
    monthFirstOver12: (column: string) => `Datoerne i ${column} læses måned først (amerikansk): nogle har et tal over 12 i midten.`,
    dayFirstDay1: (column: string) => `Datoerne i ${column} læses dag først: dagen er altid den 1. i måneden.`,
    monthFirstDay1: (column: string) => `Datoerne i ${column} læses måned først (amerikansk): dagen er altid den 1. i måneden.`,
    undecidedOrder: (column: string, example: string) => `Det kan ikke afgøres, om datoerne i ${column} (fx "${example}") er skrevet dag eller måned først.`,
  },
  file: {
    empty: 'Filen er tom (0 byte). Der er intet at indlæse.',
    tooLarge: (size: string, limit: string) =>
      `Filen fylder ${size}; Indsatsmonitor indlæser filer op til ${limit}. Del filen op (fx en fil pr. år) eller filtrér den i Jobindsats før download.`,
    oldExcel: 'Filen er i det gamle Excel-format (.xls). Åbn den i Excel og gem den som .xlsx eller CSV.',
    noRowsAtAll: 'Filen indeholder ingen rækker. Der er intet at indlæse.',
    onlyBlankLines: 'Filen indeholder kun tomme linjer. Der er intet at indlæse.',
    notFound: (path: string) => `Filen ${path} findes ikke eller kan ikke læses.`,
    unreadable: (name: string) => `Filen ${name} kan ikke længere læses.`,
    notUtf8: 'Filen er ikke gyldig UTF-8: den er sandsynligvis gemt af dansk Excel som Windows-1252. Vælg tegnsættet Windows-1252 og prøv igen.',
    misreadUtf8: 'Teksten ser forkert ud som Windows-1252 (fx "Ã¸" i stedet for "ø"): filen er sandsynligvis UTF-8. Vælg tegnsættet UTF-8 og prøv igen.',
    webPage: 'Filen er en webside (HTML), ikke et udtræk: downloaden gav sandsynligvis en fejlside eller en login-side. Hent udtrækket igen fra Jobindsats.',
    errorAnswer: (answer: string, aboutKey: boolean) =>
      `Filen er ikke et udtræk, men en fejlbesked fra den tjeneste, den er hentet fra: "${answer}". Hent udtrækket igen${aboutKey ? ' med en gyldig API-nøgle' : ''}.`,
    badJson: 'Filen ligner JSON, men kan ikke læses: den er ufuldstændig eller beskadiget.',
    badJsonLine: (line: number) => `Linje ${line} i filen er ikke gyldig JSON (filen er måske afkortet).`,
    jsonLineNotRow: (line: number) => `Linje ${line} i filen er ikke en række (et JSON-objekt).`,
    // citizen-words (issue 15): the readers' and formats' last refusals.
    notATable: 'Filen er hverken et Excel-regneark, en CSV-/tekstfil eller JSON. Kontrollér, at det er den rigtige fil.',
    pdf: 'Filen er en PDF, ikke et regneark eller en CSV-fil. Hent tallene fra Jobindsats som Excel eller CSV.',
    splitZip: 'Filen er en delt zip-fil og ikke et regneark.',
    unknownJsonShape: 'JSON-filen har ikke en form, Indsatsmonitor kender (Jobindsats-tabel med "Variables" og "Data" eller "columns" og "rows").',
    unclosedQuote: 'Et anførselstegn (") i rækken lukkes aldrig, så resten af filen kan ikke deles korrekt i felter. Ret rækken i Excel eller et tekstprogram.',
  },
  xlsx: {
    damaged: (detail: string) => `Excel-filen er beskadiget og kan ikke læses${detail ? ` (${detail})` : ''}. Åbn den i Excel og gem den igen.`,
    truncated: 'Excel-filen er ufuldstændig eller beskadiget (fx en afbrudt download). Hent eller gem filen igen.',
    notXlsx: 'Filen er en zip-fil, men ikke et Excel-regneark (.xlsx). Åbn den i Excel og gem den som .xlsx.',
    bomb: 'Excel-filen pakker sig ud til en urimelig størrelse (en såkaldt zip-bombe) og læses ikke af sikkerhedshensyn.',
    underDeclared: 'Excel-filen pakker sig ud til mere, end den selv angiver (en såkaldt zip-bombe), og læses ikke af sikkerhedshensyn. Åbn den i Excel og gem den igen, hvis du stoler på filen.',
    noSheets: 'Excel-filen har ingen ark. Der er intet at indlæse.',
    // citizen-words (issue 15): what is damaged, in the parentheses of `damaged`.
    partMissing: (part: string) => `${part} mangler`,
    unknownCompression: (part: string) => `ukendt komprimering i ${part}`,
    partShorter: (part: string) => `${part} er kortere end angivet`,
    sharedStringMissing: (index: string) => `delt tekst nr. ${index} findes ikke`,
    noSuchSheet: (sheet: string, sheets: string) => `Arket "${sheet}" findes ikke i filen. Arkene hedder: ${sheets}.`,
    missingPart: (sheet: string) => `arket "${sheet}" peger på en del, der ikke findes`,
    externalFormula: (formula: string) => `Cellen indeholder formlen ${formula}, som henter sin værdi uden for projektmappen; rækken indlæses ikke. Erstat formlen med selve værdien.`,
    uncachedFormula: (formula: string) =>
      `Cellen indeholder formlen ${formula}, men formlens resultat er ikke regnet ud i filen (programmet, der skrev filen, gemmer kun formlen); rækken indlæses ikke. Åbn filen i Excel eller LibreOffice, gem den, og indlæs den igen.`,
  },
  upload: {
    brokenOff: 'Overførslen af filen blev afbrudt. Vælg filen igen.',
    wrongOrder: 'Filens dele kom i forkert rækkefølge. Vælg filen igen.',
    grew: 'Filen blev større under overførslen end oplyst. Vælg filen igen.',
    incomplete: (received: number, size: number) => `Kun ${received} af ${size} byte af filen nåede frem. Vælg filen igen.`,
    notReady: 'Filen er ikke længere klar til indlæsning. Vælg den igen.',
  },
  run: {
    busy: 'En anden fil er ved at blive indlæst. Vent, til den er færdig.',
    busyUndo: 'En fil er ved at blive indlæst. Vent, til den er færdig.',
    /** issue 10: an undo of citizen rows runs in the import worker; a second job waits for it. */
    undoRunning: 'En indlæsning er ved at blive fortrudt. Vent, til det er færdigt.',
    workerStopped: (code: number) => `Indlæsningen stoppede uventet (arbejdstråden sluttede med kode ${code}). Intet blev gemt.`,
    cancelled: 'Indlæsningen blev annulleret. Intet blev gemt.',
    alreadyImported: (fileName: string, importedAt: string, batchId: number) =>
      `Filen er allerede indlæst: "${fileName}" blev indlæst ${importedAt} (indlæsning nr. ${batchId}). Fortryd den indlæsning under Indlæsninger først, hvis filen skal indlæses igen.`,
    noRows: 'Filen har en overskriftsrække, men ingen rækker med tal.',
    noRowsStored: 'Filen har en overskriftsrække, men ingen rækker med tal. Intet blev indlæst.',
    invalidRows: (withProblems: number, read: number, surface: Surface) =>
      `${count(withProblems)} af ${count(read)} rækker har fejl, så intet fra filen blev indlæst. Ret fejlene, eller ${surface === 'cli' ? 'spring fejlrækkerne over med --skip-bad-rows' : 'vælg at springe fejlrækkerne over'}.`,
    noValidRows: 'Ingen af filens rækker kunne indlæses. Intet blev gemt.',
    wouldLoseFigures: (lost: number, figures: string, surface: Surface) =>
      `Filen ville erstatte ${rows(lost)}, der har tal, med rækker uden de tal (${figures}), så intet blev indlæst. ` +
      `Måske blev en kolonne ikke genkendt: ${surface === 'cli' ? 'angiv den med --map FELT=KOLONNE' : 'angiv dens betydning i forhåndsvisningen'}. ` +
      `Skal tallene virkelig fjernes, så ${surface === 'cli' ? 'brug --replace-without-figures' : 'vælg "Erstat alligevel"'}.`,
    batchNotFound: (batchId: number) => `Indlæsning nr. ${batchId} findes ikke (den er måske allerede fjernet).`,
    batchUndone: (batchId: number, undoneAt: string) => `Indlæsning nr. ${batchId} er allerede fortrudt (${undoneAt}); den har ingen tal tilbage.`,
    duplicateCitizen: 'borger, ydelsesgruppe og startdato',
    duplicateMeasurement: (supervision: boolean) => `kommune, ${supervision ? 'periode' : 'ydelsesgruppe og periode'}`,
    // citizen-words (issue 15): the end of a refusal whose problem list was cut short.
    moreProblems: (listed: number, more: number) => ` Listen viser ${count(listed)} fejl – og ${count(more)} fejl mere.`,
    duplicateSummary: (what: string) => `Samme ${what} står flere gange i filen; rækkerne her gentager tidligere rækker.`,
    duplicateOf: (what: string, earlier: number) => `Samme ${what} står også i række ${earlier}.`,
  },
  /** The layouts' decisions and problems (wide: periods as columns; blocks: labels filled down). */
  layouts: {
    noPeriodColumns: 'Ingen kolonneoverskrifter er måneder eller kvartaler, så filen kan ikke læses som bred (måneder som kolonner).',
    supervisionNotWide: 'En liste over skærpet tilsyn kan ikke læses som bred tabel.',
    noMeasure: (periods: number) => `Filen har ${periods} måneder som kolonner, men hverken en kolonne "Måling" eller arkets navn/titel siger, hvilket tal cellerne er.`,
    wide: (periods: number, first: string, last: string) =>
      `Bred tabel: ${periods} ${periods === 1 ? 'periode' : 'perioder'} som kolonner (${first} … ${last}) vendes til rækker, én pr. kommune, ydelsesgruppe og periode.`,
    // citizen-words (issue 15): the measure column as the label filler names it.
    column: (header: string) => `Kolonnen "${header}"`,
    measureColumn: (header: string) => `Hvilket tal hver række er, står i kolonnen "${header}".`,
    sheetMeasure: (field: string) => `Alle tal i arket læses som ${field}.`,
    unknownMeasure: (text: string, header: string) =>
      `Målingen "${text}" i kolonnen "${header}" kendes ikke som et af de tal, der indlæses (fx "Antal borgere" eller "Antal uden samtaler").`,
    emptyMeasure: (header: string) => `Kolonnen "${header}" er tom, så det vides ikke, hvilket tal rækken er.`,
    whichMeasure: 'Det vides ikke, hvilket tal rækken er.',
    filledDown: (label: string, filled: number) => `${label} stod kun én gang pr. blok og er fyldt ned i ${rows(filled)} (kun etiketkolonner, aldrig tal).`,
  },
  columns: {
    // citizen-words (issue 15): a column without a header, by its letter or number.
    unnamed: (column: string | number) => `kolonne ${column}`,
    none: 'ingen',
    emptyRow: 'tom række',
    sheet: (name: string) => `ark "${name}", `,
    noneKnown: (sheet: string, headerRow: number, found: string, surface: Surface) =>
      `Ingen af kolonneoverskrifterne blev genkendt (${sheet}overskriftsrække ${headerRow}: ${found}). Vælg den rigtige overskriftsrække${surface === 'cli' ? ' (--header-row N)' : ''}, eller angiv kolonnernes betydning ${surface === 'cli' ? 'med --map FELT=KOLONNE' : 'i forhåndsvisningen'}.`,
    missing: (fields: string, sheet: string, headerRow: number, found: string, surface: Surface) =>
      `Filen mangler en kolonne for ${fields} (${sheet}overskriftsrække ${headerRow}: ${found}). Angiv kolonnen ${surface === 'cli' ? 'med --map FELT=KOLONNE' : 'i forhåndsvisningen'}.`,
    chooseMeasure: (problem: string, surface: Surface) => `${problem} ${surface === 'cli' ? 'Angiv det med --measure FELT (fx --measure interviewsLacking).' : 'Vælg det i forhåndsvisningen.'}`,
    chooseDateOrder: (problem: string, surface: Surface) =>
      `${problem} ${surface === 'cli' ? 'Angiv --date-order day-first (31-07-2023) eller --date-order month-first (07/31/2023).' : 'Vælg datoernes rækkefølge i forhåndsvisningen.'}`,
    kindWithoutMeasures: (kind: string, wanted: string, found: string, surface: Surface) =>
      `Filen indlæses som ${kind}, men ingen kolonne har tal af den art (${wanted} …). Kolonnerne er: ${found}. ${surface === 'cli' ? 'Angiv den rigtige art med --kind, eller angiv kolonnen med --map FELT=KOLONNE' : 'Vælg den rigtige art i forhåndsvisningen, eller angiv kolonnen'}.`,
    unknownProfile: (name: string) => `Der findes ingen gemt kolonneopsætning med navnet "${name}".`,
    noneKnownInRow: (headerRow: number, found: string) =>
      `Ingen af kolonneoverskrifterne i række ${headerRow} blev genkendt (${found}). Vælg den rigtige overskriftsrække, eller angiv hver kolonnes betydning.`,
    otherSheet: (chosen: string, asked: string) => `Tabellen står på arket "${chosen}" (arket "${asked}" har ingen genkendelig tabel); det ark indlæses.`,
    measureWarning: (problem: string) => `${problem} Vælg, hvilket tal cellerne er.`,
    unmappedNumbers: (header: string, letter: string) => `Kolonnen "${header}" (${letter}) har tal, men læses ikke: ingen betydning er valgt for den. Angiv, hvad den er, hvis tallene skal med.`,
    missingWarning: (fields: string) => `Disse kolonner mangler: ${fields}.`,
    dateOrderWarning: (problem: string) => `${problem} Vælg datoernes rækkefølge.`,
  },
  // citizen-words (issue 15): one row's problems (convert.ts; the citizen rows share the municipality's).
  /** One row that cannot be stored: `label` is the field's label, values are shown as the file has them. */
  /** The figures a replacing file must not drop, by their stored column (the replace guard's refusal names them). */
  figures: {
    measured: 'antal borgere',
    interviews_lacking: 'antal uden samtaler',
    interviews_lacking_share: 'andel uden samtaler',
    offers_lacking: 'antal uden tilbud',
    offers_lacking_share: 'andel uden tilbud',
    expected_count: 'forventet antal',
    actual_count: 'faktisk antal',
    expected_share: 'forventet andel',
    actual_share: 'faktisk andel',
    difference_points: 'forskel i andel',
    benchmark_rank: 'placering',
  },
  rows: {
    notANumber: (label: string, value: string) => `${label}: "${value}" er ikke et tal.`,
    percentInCount: (label: string, value: string) => `${label}: "${value}" er en procentsats, men kolonnen skal indeholde et antal.`,
    notWhole: (label: string, value: string) => `${label}: ${value} er ikke et helt tal.`,
    negative: (label: string, value: number) => `${label}: ${value} er negativt.`,
    fractionOutOfRange: (label: string, value: string) => `${label}: ${value} ligger ikke mellem 0 og 1, men kolonnen er læst som brøker (0,1561 = 15,61 %).`,
    percentOutOfRange: (label: string, value: string) => `${label}: ${value} ligger ikke mellem 0 og 100 %.`,
    withoutMeasured: (label: string) => `${label} kan ikke omregnes til "uden", fordi antal borgere mangler.`,
    moreThanMeasured: (label: string, value: number, measured: number) => `${label} (${value}) er større end antal borgere (${measured}).`,
    tooManyCells: (cells: number, headers: number) => `Rækken har ${cells} felter, men overskriften har ${headers}: et skilletegn eller anførselstegn er sandsynligvis forkert.`,
    municipalityMissing: 'Kommune mangler.',
    unknownMunicipality: (text: string, nearest: string[]) => `Ukendt kommune: "${text}".${nearest.length > 0 ? ` Mente du ${nearest.join(' eller ')}?` : ''}`,
    periodMissing: 'Periode mangler.',
    badPeriod: (text: string) => `Perioden "${text}" kan ikke læses (skriv fx 2023M07, 2023-07, juli 2023 eller 2023Q2).`,
    groupMissing: 'Ydelsesgruppe mangler.',
    unknownGroup: (text: string) => `Ukendt ydelsesgruppe: "${text}".`,
    notMonthly: (text: string, year: boolean) => `Målinger skal være pr. måned; "${text}" er ${year ? 'et år' : 'et kvartal'}.`,
  },
  supervisionList: {
    badPeriod: (text: string) => `Perioden "${text}" kan ikke læses (skriv fx juli 2023 eller 2. kvartal 2023).`,
    badPeriodTo: (text: string) => `Perioden "${text}" kan ikke læses.`,
    endBeforeStart: 'Slutperioden ligger før startperioden.',
    notFound: 'Posten findes ikke på listen (den er måske allerede fjernet).',
  },
};

type ImportWords = typeof importWordsDa;

/** The language of the importer's refusals: one line to change. */
export const importWords: ImportWords = importWordsDa;
