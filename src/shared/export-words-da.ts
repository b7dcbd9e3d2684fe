import type { CriterionId, ExemptionReason } from './enums';

/**
 * The words of the files the program writes (messages, issue 15): sheet names, column headers,
 * the provenance sheet ("Grundlag", "Om listen") and the what-if marks, in Danish. The services
 * refer to these keys; an English file is one more module typed `ExportWords`, chosen on the last
 * line. The exports' period and date words come from `period-words.ts` and `words-da.ts`.
 */
export const exportWordsDa = {
  yes: 'Ja',
  no: 'Nej',
  unknown: 'ukendt',

  /** What marks a file made under a what-if copy of a rule set (models-finish, issue 13 item 4). */
  hypothetical: {
    fileName: 'HYPOTETISK',
    sheetSuffix: ' (hypotetisk)',
    line: (ruleSet: string, basedOn: string) =>
      `HYPOTETISK: lavet under regelsættet "${ruleSet}", en kopi af ${basedOn} med ændrede parametre. Tallene følger ikke de gældende regler.`,
    label: 'Hypotetisk regelsæt',
    value: (basedOn: string) => `Ja (kopi af ${basedOn})`,
  },

  /** The "Grundlag" sheet of every .xlsx, and the "Om listen" sheet of the model lists. */
  provenance: {
    sheetName: 'Grundlag',
    model: 'Model',
    period: 'Periode',
    months: 'Måneder',
    baseline: 'Sammenligningsmåned',
    complete: 'Halvåret er afsluttet',
    notComplete: 'Nej (tidlig varsling)',
    ruleSet: 'Regelsæt',
    ruleSetVersion: 'Regelsættets version',
    filters: 'Filtre',
    noFilters: 'Ingen: alle rækker',
    madeBy: 'Lavet af',
    madeAt: 'Lavet',
    result: 'Resultat',
    parametersTitle: 'Parametre',
    parameterColumns: { parameter: 'Parameter', value: 'Værdi', interpretation: 'Fortolkning', source: 'Kilde' },
    filesTitle: 'Indlæste filer',
    fileColumns: { file: 'Fil', sha256: 'SHA-256', kind: 'Datatype', importedAt: 'Indlæst', demo: 'Demodata' },
    otherKind: 'Andet',
    noFiles: 'Ingen filer',
    /** A model list's title line: "Skærpet tilsyn, året til og med 2. kvartal 2021 (…)". */
    modelTitle: (label: string, period: string) => `${label}, ${period}`,
    modelSheetName: 'Om listen',
    // citizen-models (issue 10): which counts the figures come from, on every model list and view of model figures.
    dataSource: 'Datakilde',
    /** In the file name of a list made from citizen data. */
    dataSourceFileMark: 'borgerdata',
    dataSourceValue: {
      published: "Jobindsats (de offentliggjorte tal)",
      citizens: 'Borgerdata (kommunens egne ydelsesforløb, samtaler og tilbud, omregnet til månedstal)',
    },
  },

  /** The AMK's contact list (model A). */
  contactList: {
    title: 'Kontaktliste, tidlig indsats',
    fileName: (period: string) => `Kontaktliste ${period}`,
    sheets: { list: 'Kontaktliste', months: 'Måneder pr. ydelsesgruppe' },
    criterion: { interviews: 'samtaler', offers: 'tilbud' } satisfies Record<CriterionId, string>,
    criterionTitle: { interviews: 'Samtaler', offers: 'Tilbud' } satisfies Record<CriterionId, string>,
    reason: { 'enhanced-supervision': 'skærpet tilsyn', 'positive-development': 'konstant positiv udvikling' } satisfies Record<ExemptionReason, string>,
    columns: {
      office: 'AMK',
      code: 'Kode',
      municipality: 'Kommune',
      region: 'Region',
      failing: 'Fejler kriterier',
      shareLacking: (criterion: string, month: string) => `${criterion} ${month} andel uden`,
      countLacking: (criterion: string, month: string) => `${criterion} ${month} antal uden`,
      measured: (criterion: string, month: string) => `${criterion} ${month} målte borgere`,
      challenged: 'Særligt udfordrede ydelsesgrupper',
      proposals: 'Forslag til undtagelse',
      decisions: 'Afgørelser',
      contactStatus: 'Kontaktstatus',
      jobcenter: 'Jobcenter',
      contactPersons: 'Kontaktpersoner',
      note: 'Note',
    },
    monthColumns: {
      code: 'Kode',
      municipality: 'Kommune',
      group: 'Ydelsesgruppe',
      criterion: 'Kriterium',
      month: 'Måned',
      measured: 'Målte borgere',
      lacking: 'Uden krævet indsats',
      share: 'Andel',
      above: 'Over grænsen',
    },
    contacted: (on: string, by: string) => `Kontaktet ${on} (${by})`,
    notContacted: 'Ikke kontaktet',
    result: (listed: number, failInterviews: number, failOffers: number, of: number) =>
      `${listed} kommuner kontaktes; ${failInterviews} fejler samtalekriteriet; ${failOffers} fejler tilbudskriteriet (af ${of} kommuner)`,
    afterReview: 'Efter vurdering',
    afterReviewValue: (failsCriteria: number, exempted: number, toContact: number) => `${failsCriteria} opfylder kriterierne; ${exempted} undtaget; ${toContact} kontaktes`,
    exemptedLabel: (name: string, code: number) => `Undtaget efter vurdering: ${name} (${code})`,
  },
};

type ExportWords = typeof exportWordsDa;

/** The language of the exported files: one line to change. */
export const exportWords: ExportWords = exportWordsDa;
