/**
 * The store's and recovery's words in Danish (messages, issue 15): why a database cannot be
 * opened or written, and what a backup restore refuses. An English file is one more module
 * typed `StoreWords`, chosen on the last line.
 */
export const storeWordsDa = {
  corrupt: (path: string, reason: string) => `Databasefilen ${path} er beskadiget eller ikke en Indsatsmonitor-database (${reason}).`,
  foreign: (path: string, tables: string) =>
    `Filen ${path} er en SQLite-database, men ikke en Indsatsmonitor-database (den har tabellerne ${tables}). Den bliver ikke ændret. Angiv en anden fil, eller en ny fil, som Indsatsmonitor selv opretter.`,
  writeRefusal: {
    'read-only': 'Databasefilen eller dens mappe er skrivebeskyttet.',
    'disk-full': 'Disken er fuld.',
    locked: 'Databasen er optaget: et andet program (fx en indlæsning i Indsatsmonitor eller kommandolinjen) skriver i den lige nu.',
    'io-error': 'Databasefilen kunne ikke skrives (fejl på disken eller drevet).',
  },
  openedReadOnly: (why: string) => `${why} Databasen er derfor åbnet skrivebeskyttet: du kan se, evaluere og eksportere, men ikke indlæse, fortryde eller registrere beslutninger, før det er løst.`,
  cannotMigrate: (path: string, why: string) => `Databasen ${path} skal opdateres til denne udgave af Indsatsmonitor, men der kan ikke skrives i den: ${why} Intet er ændret; løs det og prøv igen.`,
  backupNotFound: (path: string) => `Sikkerhedskopien ${path} findes ikke.`,
  backupInvalid: (fileName: string, reason: string) => `Sikkerhedskopien ${fileName} kan ikke bruges: ${reason}. Intet er ændret.`,
  backupIncomplete: 'ufuldstændig (afbrudt under skrivningen)',
  notCorrupt: (path: string) => `Databasen ${path} er ikke beskadiget; den bliver ikke erstattet af en tom database.`,
  // citizen-words (issue 15): the store's and recovery's last words, the contact list's, the demo batch's name.
  newerVersion: (version: number, latest: number) => `Databasen er lavet af en nyere udgave af Indsatsmonitor (skemaversion ${version}); denne udgave kender kun version ${latest}.`,
  cannotCreate: (path: string, why: string) => `Databasen ${path} kunne ikke oprettes: ${why} Intet er gemt.`,
  noResources: 'Mappen resources/ med kommunelisten blev ikke fundet.',
  unknownUser: 'ukendt',
  backupMissing: 'filen findes ikke',
  backupNotOurs: 'filen er ikke en Indsatsmonitor-database',
  demoBatch: (version: string, seed: number | string) => `Syntetiske demodata (${version}, frø ${seed})`,
  contacts: {
    nameRequired: 'Skriv kontaktpersonens navn.',
    badEmail: (email: string) => `E-mailadressen "${email}" ser forkert ud (fx navn@kommune.dk).`,
    badPhone: (phone: string) => `Telefonnummeret "${phone}" må kun have cifre, mellemrum, + og -.`,
    notFound: 'Kontaktpersonen findes ikke (den er måske allerede fjernet).',
    noHeader: 'Filen har ingen overskriftsrække med mindst "Kommune" og "Navn" (og gerne "Jobcenter", "E-mail", "Telefon").',
  },
};

type StoreWords = typeof storeWordsDa;

/** The language of the store's words: one line to change. */
export const storeWords: StoreWords = storeWordsDa;
