import { formatCount as danishCount } from './words-da';
/**
 * The handlers' own words in Danish (messages, issue 15): the dispatcher's refusals of a call, the
 * SQLite errors said in a reviewer's terms, and the few sentences the model and export handlers add.
 * The contract's validation messages are zod's own Danish (`zod-danish.ts`), except the few the contract
 * words itself (`contract` below). An English file is one more module typed `CallWords`, chosen on the last line.
 */

export const callWordsDa = {
  unknownCall: (name: string) => `Ukendt kald: ${name}`,
  /** zod's Danish messages, without the call's or the fields' code names (the envelope's details keep those). */
  invalidArguments: (problems: string[]) => `Ugyldige oplysninger: ${problems.join('; ')}.`,
  nothingSaved: (why: string) => `${why} Intet blev gemt.`,
  importRunning: 'En fil er ved at blive indlæst. Vent, til den er færdig, og prøv igen; intet blev gemt.',
  undoRunning: 'En indlæsning er ved at blive fortrudt. Vent, til det er færdigt, og prøv igen; intet blev gemt.',
  diskFull: 'Disken er fuld. Intet blev gemt; frigør plads og prøv igen.',
  readOnly: 'Databasen kan ikke skrives (skrivebeskyttet). Intet blev gemt.',
  locked: 'Databasen er optaget af et andet program. Intet blev gemt; prøv igen om lidt.',
  corrupt: 'Databasefilen er beskadiget. Luk Indsatsmonitor og start igen for at gendanne en sikkerhedskopi.',
  ioError: 'Databasefilen kunne ikke læses eller skrives (fejl på disken eller drevet). Intet blev gemt.',
  unexpected: (text: string) => `Der opstod en uventet fejl: ${text}`,
  saveFailed: (reason: string) => `Filen kunne ikke gemmes: ${reason}. Intet blev skrevet.`,
  periodIncomplete: (period: string) => `${period} er ikke afsluttet eller mangler data for nogle måneder; der kan ikke laves en kontaktliste endnu.`,
  /** A what-if copy whose original cannot be named. */
  anotherRuleSet: 'et andet regelsæt',
  missingBaseline: (model: string) => `${model} sammenligner med en måned: angiv en sammenligningsmåned (fx 2023-12).`,
  hypothetical: (name: string, basedOn: string) => `HYPOTETISK: regelsættet "${name}" er en kopi af ${basedOn} med ændrede parametre – ikke de gældende regler.`,
  /** The contract's own validation messages: the forms zod cannot word (dates, months, half-years) and an export view's size. */
  contract: {
    dateForm: 'Datoen skrives som 2024-03-25',
    dateNotInCalendar: 'Datoen findes ikke i kalenderen',
    monthForm: 'Måned skrives som 2023-07',
    monthOutOfRange: 'Måneden ligger uden for årene 1900–2200',
    halfYearForm: 'Halvår skrives som 2023H2',
    halfYearOutOfRange: 'Halvåret ligger uden for årene 1900–2200',
    rowWidth: 'Hver række skal have lige så mange celler som der er kolonner',
    viewTooBig: (rows: number, columns: number, cells: number, maxCells: number) =>
      `Visningen er for stor til at blive eksporteret: ${danishCount(rows)} rækker × ${danishCount(columns)} kolonner = ${danishCount(cells)} celler; højst ${danishCount(maxCells)} celler. Filtrér rækkerne eller skjul kolonner, og prøv igen. Intet blev skrevet.`,
    viewTooMuchText: (characters: number, maxCharacters: number) =>
      `Visningen har for meget tekst til at blive eksporteret: ${danishCount(characters)} tegn; højst ${danishCount(maxCharacters)} tegn. Filtrér rækkerne eller skjul kolonner, og prøv igen. Intet blev skrevet.`,
  },
};

type CallWords = typeof callWordsDa;

/** The language of the handlers' words: one line to change. */
export const callWords: CallWords = callWordsDa;
