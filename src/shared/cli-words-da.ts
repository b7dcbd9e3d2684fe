import { formatCount as count } from './words-da';
/**
 * The command line's own words in Danish (messages, issue 15, cli-words): the overview and each
 * command's summary and usage, the lines it prints and its refusals of what was typed. Option and
 * command names inside the usage lines (`--period`, `contact-list`) are what the user types, not
 * words to translate. Words another module already has are used from there (the model tables'
 * column headers and yes/no, the engine's unknown benefit group). An English file is one more
 * module typed `CliWords`, chosen on the last line.
 */

export const cliWordsDa = {
  main: {
    title: 'Indsatsmonitor: opfølgning på kommunernes tidlige beskæftigelsesindsats',
    usage: 'Brug: indsatsmonitor <kommando> [tilvalg] [--db FIL]',
    defaultDatabase: (path: string) => `Standarddatabase: ${path}`,
    unknownCommand: (name: string, usage: string) => `Ukendt kommando: ${name}\n\n${usage}`,
    unexpected: (text: string) => `Uventet fejl: ${text}`,
    cannotOpen: (path: string, why: string) => `Databasen ${path} kunne ikke åbnes: ${why}`,
    note: (text: string) => `Bemærk: ${text}`,
    corrupt: (path: string, reason: string) => `Databasen ${path} er beskadiget og kan ikke bruges (${reason}). Intet er ændret.`,
    restoreNewest: (fileName: string, db: string) => `Gendan den nyeste sikkerhedskopi (${fileName}): indsatsmonitor backups --restore newest${db}`,
    noBackup: 'Der er ingen sikkerhedskopi at gendanne.',
    startFresh: (db: string) => `Eller start forfra med en tom database: indsatsmonitor backups --fresh${db}`,
    bothKeep: 'Begge dele gemmer den beskadigede fil ved siden af med tidspunkt i navnet (…db.corrupt-<tidspunkt>).',
  },
  /** Shared by several commands. */
  common: {
    /** A refusal, or a command's summary for `--help`, followed by its usage. */
    withUsage: (text: string, usage: string) => `${text}\nBrug: ${usage}`,
    missingOption: (key: string, usage: string) => `Mangler --${key}.\nBrug: ${usage}`,
    unknownSubcommand: (sub: string, usage: string) => `Ukendt underkommando "${sub}".\nBrug: ${usage}`,
    notXlsx: 'Filen skal ende på .xlsx.',
    noFolder: (folder: string) => `Mappen ${folder} findes ikke.`,
  },
  core: {
    demoSummary: 'Indlæs de syntetiske demodata (98 kommuner × 9 ydelsesgrupper, januar 2022 til juni 2025)',
    demoUsage: 'indsatsmonitor demo [--clear] [--db FIL]',
    demoCleared: (rows: number) => `Demodata fjernet (${rows} rækker).`,
    demoLoaded: (rows: number, batchId: number) => `Demodata indlæst: ${rows} rækker (indlæsning nr. ${batchId}). Bemærk: syntetiske tal, ikke rigtige data.`,
    municipalitiesSummary: 'Vis de 98 kommuner med region, AMK og antal målte borgere i seneste måned',
    municipalitiesUsage: 'indsatsmonitor municipalities [--json] [--db FIL]',
    regionColumn: 'Region',
    officeColumn: 'AMK',
    monthColumn: 'Måned',
    serveSummary: 'Start browserbroen på 127.0.0.1 (til test i Chromium): serverer brugerfladen og API-kaldene',
    serveUsage: 'indsatsmonitor serve [--port N] [--renderer MAPPE] [--db FIL]',
    serving: (url: string) => `Browserbroen kører: ${url}  (nøgle i siden; kun 127.0.0.1)`,
  },
  engine: {
    unknownSource: (value: string) => `Ukendt datakilde "${value}"; brug --source jobindsats eller --source borgerdata.`,
    evaluateSummary: 'Vurder kommunerne efter en opfølgningsmodel (2023H2, 2021-06, 2021QMAT02, 2018-12 --baseline 2017-11)',
    evaluateUsage: (models: string) =>
      `indsatsmonitor evaluate --model ${models} --period PERIODE [--baseline MÅNED] [--rule-set ID] [--source jobindsats|borgerdata] [--json] [--db FIL]`,
    unknownModel: (id: string, models: string) => `Ukendt model "${id}"; brug ${models}.`,
    decideSummary: 'Registrér en afgørelse (undtagelse godkendt/afvist, kontakt) – gemmes med bruger og tid, overskrives aldrig',
    decideUsage:
      'indsatsmonitor decide --code KODE --period PERIODE --subject EMNE --verdict accepted|rejected|contacted|withdrawn [--date ÅÅÅÅ-MM-DD] [--reason TEKST] [--rule-set ID] [--db FIL]',
    codeNotNumber: 'Kommunekoden skal være et tal, fx 101.',
    decided: (id: number, subject: string, verdict: string, code: number, period: string, by: string, at: string) =>
      `Afgørelse nr. ${id} gemt: ${subject} = ${verdict} for kommune ${code}, ${period} (${by}, ${at}).`,
    decisionsSummary: 'Vis afgørelseshistorikken (nyeste først); withdraw trækker en afgørelse tilbage, bulk-contacted markerer flere som kontaktet',
    decisionColumns: ['Nr.', 'Regelsæt', 'Periode', 'Kode', 'Emne', 'Afgørelse', 'Dato', 'Begrundelse', 'Af', 'Tidspunkt'],
    ruleSetsSummary: 'Vis regelsættene (fortolkninger markeret); copy … --set NØGLE=VÆRDI laver et hvad-nu-hvis, compare sammenligner to',
    copyOf: (basedOn: string) => `, kopi af ${basedOn}`,
    ruleSetLine: (id: string, name: string, version: number | string, copyOf: string) => `${id}  ${name}  (version ${version}${copyOf})`,
    interpretation: '  [fortolkning]',
  },
  decisions: {
    ruleSetsUsage:
      'indsatsmonitor rule-sets [--json] | rule-sets copy --from ID --name NAVN --set NØGLE=VÆRDI … [--json] | rule-sets compare --a ID --b ID --period 2023H2 [--json]',
    badSetting: (text: string, usage: string) => `--set skal skrives som NØGLE=VÆRDI, fx --set threshold=0.25 (fik "${text}").\nBrug: ${usage}`,
    copied: (name: string, id: string, basedOn: string | null, version: number | string) =>
      `Regelsættet "${name}" er oprettet som ${id} (kopi af ${basedOn}, version ${version}). Brug det med: indsatsmonitor evaluate --rule-set ${id} …`,
    compareSide: (ruleSetId: string, toContact: number, failInterviews: number, failOffers: number) =>
      `${ruleSetId}: ${toContact} kontaktes (${failInterviews} samtaler, ${failOffers} tilbud)`,
    compared: (period: string, left: string, right: string, changed: number) => `${period}: ${left}; ${right}. ${changed} kommuner skifter status.`,
    compareColumns: { a: 'A', b: 'B', why: 'Hvorfor' },
    decisionsUsage:
      'indsatsmonitor decisions [--code KODE] [--period PERIODE] [--rule-set ID] [--json] | decisions withdraw --id NR --reason TEKST [--date ÅÅÅÅ-MM-DD] [--json] | decisions bulk-contacted --codes 101,147 --period 2023H2 --date ÅÅÅÅ-MM-DD [--note TEKST] [--rule-set ID] [--json]',
    badId: '--id skal være afgørelsens nummer (se "indsatsmonitor decisions").',
    withdrawn: (id: number, newId: number, by: string, on: string | null, reason: string) => `Afgørelse nr. ${id} er trukket tilbage med nr. ${newId} (${by}, ${on}): ${reason}`,
    badCodes: '--codes skal være kommunekoder adskilt af komma, fx 101,147.',
    markedContacted: (count: number) => `${count} ${count === 1 ? 'kommune' : 'kommuner'} markeret som kontaktet.`,
    alreadyContacted: (name: string, code: number, on: string, by: string) => `${name} (${code}) var allerede markeret som kontaktet ${on} af ${by}; ikke gentaget.`,
    contactsUsage: 'indsatsmonitor contacts [--code KODE] [--json] | contacts import FIL.xlsx|FIL.csv [--json]',
    contactsSummary: 'Vis kontaktpersonerne pr. kommune; import FIL indlæser dem fra .xlsx/.csv (Kommune, Jobcenter, Navn, E-mail, Telefon)',
    noFile: 'Angiv filen.',
    contactsImported: (fileName: string, added: number, unchanged: number) => `${fileName}: ${added} nye kontaktpersoner, ${unchanged} fandtes i forvejen.`,
    contactColumns: { jobcenter: 'Jobcenter', name: 'Navn', email: 'E-mail', phone: 'Telefon', source: 'Kilde' },
  },
  export: {
    summary: 'Lav kontaktlisten for et halvår som Excel-fil (export contact-list --period 2023H2 --out FIL.xlsx)',
    usage:
      'indsatsmonitor export contact-list --model early-2023 --period 2023H2 --out FIL.xlsx [--rule-set ID] [--db FIL]\n' +
      '       indsatsmonitor export model-list --model early-2021|supervision|status --period PERIODE [--baseline MÅNED] --out FIL.xlsx [--rule-set ID] [--db FIL]',
    unknownExport: (what: string | undefined) => `Ukendt eksport: ${what ?? '(ingen)'}. Brug: export contact-list eller export model-list`,
    contactListModelOnly: (model: string) => `Kontaktlisten findes kun for model early-2023 (fik ${model}).`,
    noHalfYear: 'Angiv halvåret med --period, fx --period 2023H2.',
    noContactListFile: 'Angiv filen med --out, fx --out kontaktliste.xlsx.',
    contactListSaved: (period: string, savedPath: string, rows: number) => `Kontaktlisten for ${period} er gemt i ${savedPath}: ${rows} kommuner.`,
    noModel: (models: string) => `Angiv modellen med --model: ${models}.`,
    noPeriod: 'Angiv perioden med --period, fx --period 2023-09 eller 2021QMAT02.',
    noListFile: 'Angiv filen med --out, fx --out liste.xlsx.',
    listSaved: (savedPath: string | null, rows: number | null) => `Listen er gemt i ${savedPath}: ${rows} rækker.`,
  },
  import: {
    problemRows: (line: string, rows: number, shown: string) => `${line} (${count(rows)} rækker: ${shown})`,
    moreProblems: (fileName: string, more: number) => `${fileName}: og ${count(more)} fejl mere`,
    skippedReason: { note: 'note/kilde under tabellen', total: 'total-række' },
    skippedRow: (fileName: string, row: number, reason: string, text: string) => `${fileName}:${row}: sprunget over med vilje (${reason}): ${text}`,
    moreSkipped: (fileName: string, more: number) => `${fileName}: og ${count(more)} rækker mere sprunget over med vilje`,
    noColumn: (spec: string, headers: string) => `--map: kolonnen "${spec}" findes ikke. Overskrifterne er: ${headers}. Angiv overskriften, bogstavet (C) eller nummeret (3).`,
    badPair: (option: string, text: string) => `--${option} skal skrives FELT=VÆRDI, fx --${option} interviewsLacking=D (fik "${text}").`,
    unknownField: (option: string, field: string, fields: string) => `--${option}: ukendt felt "${field}". Felterne er: ${fields}.`,
    warning: (file: string, warning: string) => `${file}: advarsel: ${warning}`,
    summary: 'Indlæs Excel-, CSV- og JSON-filer (målinger, resultatmål, fokusmål, skærpet tilsyn, borgeres forløb og hændelser)',
    usage:
      'indsatsmonitor import <filer…> [--kind measurement|benchmark|focus|supervision|spells|events] [--profile NAVN] [--sheet ARK] [--header-row N] ' +
      '[--map FELT=KOLONNE …] [--layout long|wide|blocks|spell-events] [--measure FELT] [--scale FELT=percent|fraction …] [--date-order day-first|month-first] ' +
      '[--replace-without-figures] [--skip-bad-rows] [--json] [--db FIL]',
    noFiles: 'Angiv mindst én fil. Brug: indsatsmonitor import <filer…>',
    unknownKind: (kind: string, kinds: string) => `Ukendt --kind "${kind}"; vælg en af ${kinds}.`,
    unknownLayout: (layout: string, layouts: string) => `Ukendt --layout "${layout}"; vælg en af ${layouts}.`,
    unknownDateOrder: (order: string) => `Ukendt --date-order "${order}"; vælg day-first eller month-first.`,
    badHeaderRow: (text: unknown) => `--header-row skal være et rækkenummer (1, 2, …), ikke "${String(text)}".`,
    notAShare: (field: string, shares: string) => `--scale: "${field}" er ikke en andel. Andelene er: ${shares}.`,
    badScale: (field: string, scale: string) => `--scale ${field}=… skal være percent (15,61) eller fraction (0,1561), ikke "${scale}".`,
    reportColumns: ['Fil', 'Indlæsning', 'Art', 'Læst', 'Indlæst', 'Sprunget over', 'Erstattet', 'Med vilje udeladt'],
    importsSummary: 'Vis indlæsningerne (også fortrudte, med hvem og hvornår); --undo N fortryder indlæsning nr. N',
    importsUsage: 'indsatsmonitor imports [--undo N] [--json] [--db FIL]',
    badUndo: (text: string) => `--undo skal være et indlæsningsnummer (1, 2, …), ikke "${text}".`,
    undone: (batchId: number, rows: number) =>
      `Indlæsning nr. ${batchId} er fortrudt: ${rows === 1 ? '1 række' : `${count(rows)} rækker`} fjernet. Den står stadig i listen, markeret som fortrudt.`,
    nothingImported: 'Ingen filer er indlæst endnu.',
    historyColumns: ['Nr.', 'Fil', 'Datatype', 'Rækker', 'Gældende rækker', 'Indlæst', 'Af', 'Status'],
    demoFile: (fileName: string) => `${fileName} (demodata)`,
    otherKind: 'Andet',
    undoneBy: (when: string, who: string) => `Fortrudt ${when} af ${who}`,
    active: 'Gælder',
  },
  trust: {
    skipping: (fileName: string, reason: string) => `Springer over ${fileName}: ${reason}.`,
    noUsableBackups: (folder: string) => `Der er ingen brugbare sikkerhedskopier i ${folder}.`,
    summary: 'Vis de automatiske sikkerhedskopier; gendan én (--restore FIL|newest) eller start forfra efter skade (--fresh)',
    usage: 'indsatsmonitor backups [--restore FIL|newest] [--fresh] [--db FIL]',
    restored: (fileName: string, databasePath: string) => `Sikkerhedskopien ${fileName} er gendannet til ${databasePath}.`,
    previousKept: (path: string) => `Den tidligere databasefil er gemt som ${path}.`,
    damagedKept: (path: string) => `Den beskadigede databasefil er gemt som ${path}.`,
    freshNext: 'Næste kommando starter med en tom database.',
    databaseState: (path: string, damage: string | null) => `Database: ${path} (${damage === null ? 'i orden' : `BESKADIGET: ${damage}`})`,
    noBackups: (folder: string) => `Ingen sikkerhedskopier i ${folder}.`,
    backupColumns: ['Fil', 'Taget', 'Anledning', 'Størrelse (kB)'],
    incomplete: (fileName: string) => `${fileName} (ufuldstændig, bruges ikke)`,
    withoutStore: 'backups kører uden at åbne databasen.',
  },
  citizens: {
    months: (first: string, last: string) => `, kohortemåneder ${first} til ${last}`,
    noData: 'Der er ingen borgerdata i databasen.',
    cleanupPending: 'Borgerdataene er slettet, men databasefilen er ikke ryddet endnu: cpr-numre kan stadig ligge i den. Kør indsatsmonitor citizens delete-all --yes igen.',
    status: (spells: number, events: number, batches: number, months: string) =>
      `Borgerdata: ${count(spells)} forløb og ${count(events)} samtaler og tilbud fra ${batches} ${batches === 1 ? 'indlæsning' : 'indlæsninger'}${months}.`,
    confirmDelete:
      'Sletter alle borgeres forløb, samtaler og tilbud, de tal der er udledt af dem, deres indlæsninger og de sikkerhedskopier, der indeholder borgerdata. Det kan ikke fortrydes. Bekræft med --yes.',
    deleted: (spells: number, events: number, backups: number) =>
      `Alle borgerdata er slettet: ${count(spells)} forløb, ${count(events)} samtaler og tilbud og ${backups} ${backups === 1 ? 'sikkerhedskopi' : 'sikkerhedskopier'}. Databasefilen er ryddet (VACUUM), så cpr-numrene heller ikke ligger i frigjorte sider.`,
    dataUsage: (deskUsage: string) =>
      `${deskUsage}\n       indsatsmonitor citizens status [--json] [--db FIL]\n       indsatsmonitor citizens delete-all --yes [--db FIL]`,
    summary: 'Borgerdata: forløb, frister og hvad der mangler (list, export), hvor meget der er (status), eller slet alt (delete-all --yes)',
    deskUsage:
      'indsatsmonitor citizens list [--municipality KODE|NAVN] [--group ID] [--cohort-month ÅÅÅÅ-MM] [--within-reach] [--as-of ÅÅÅÅ-MM-DD] [--limit N] [--json] [--db FIL]\n' +
      '       indsatsmonitor citizens export --out FIL.xlsx [--municipality KODE|NAVN] [--group ID] [--cohort-month ÅÅÅÅ-MM] [--within-reach] [--as-of ÅÅÅÅ-MM-DD] [--full-ids] [--db FIL]',
    unknownMunicipality: (wanted: string) => `Kommunen "${wanted}" findes ikke. Skriv kommunekoden (fx 101) eller navnet (fx København).`,
    chooseGroup: (groups: string) => `Vælg en af: ${groups}.`,
    badLimit: '--limit skal være et helt tal fra 1 til 1000.',
    listColumns: { id: 'CPR-nummer', start: 'Start', deadline: 'Frist', daysLeft: 'Dage tilbage', interviews: 'Samtaler', offers: 'Tilbud', missing: 'Mangler' },
    interviewsOf: (counted: number, required: number) => `${counted} af ${required}`,
    notRequired: 'ikke krævet',
    shown: (rows: number, total: number | null, asOf: string | null) => `${rows} af ${total} forløb vist (opgjort pr. ${asOf}). CPR-numre er maskerede.`,
    noFile: 'Angiv filen med --out, fx --out borgere.xlsx.',
    saved: (savedPath: string | null, rows: number | null, fullIds: boolean) =>
      `Borgerlisten er gemt i ${savedPath}: ${rows} forløb${fullIds ? ' MED FULDE CPR-NUMRE (behandl filen fortroligt)' : ', CPR-numre maskerede'}.`,
  },
};

type CliWords = typeof cliWordsDa;

/** The language of the command line's words: one line to change. */
export const cliWords: CliWords = cliWordsDa;
