import type { CriterionId, ExemptionReason, ModelId } from './enums';
import type { MunicipalityStatus } from './api/engine';

/**
 * How the four models read as tables (messages, issue 15): the labels, table titles, column
 * headers and summary lines that the CLI prints and the model lists (.xlsx) carry, in Danish.
 * The presenters in `src/main/services/engine/models/` refer to these keys; an English file is one
 * more module typed `ModelWords`, chosen on the last line. Periods arrive already in words.
 */
export const modelWordsDa = {
  label: {
    'early-2023': 'Tidlig indsats fra 2023',
    'early-2021': 'Tidlig indsats 2021 (månedlig)',
    supervision: 'Skærpet tilsyn',
    status: 'Hele landet (landsstatus)',
  } satisfies Record<ModelId, string>,
  criterion: { interviews: 'Samtaler', offers: 'Tilbud' } satisfies Record<CriterionId, string>,
  yes: 'ja',
  no: 'nej',
  fails: 'ikke opfyldt',
  meets: 'opfyldt',
  columns: { code: 'Kode', municipality: 'Kommune', group: 'Ydelsesgruppe', criterion: 'Kriterium', measured: 'Målte borgere' },

  early2023: {
    summary: (period: string, version: string, complete: boolean, toContact: number, failInterviews: number, failOffers: number) =>
      `${period} (regelsættets version ${version})${complete ? '' : ' – halvåret er ikke slut (tidlig varsling)'}: ` +
      `${toContact} kommuner skal kontaktes; ${failInterviews} opfylder ikke kriteriet for samtaler, ${failOffers} opfylder ikke kriteriet for tilbud.`,
    afterReview: (failsCriteria: number, exempted: number, toContact: number) => `${failsCriteria} opfylder kriterierne; ${exempted} undtaget; ${toContact} kontaktes.`,
    table: 'Kommuner',
    columns: { status: 'Status', challenged: 'Særligt udfordret', proposals: 'Forslag om undtagelse' },
    status: { 'to-contact': 'kontaktes', exempted: 'undtaget efter vurdering', 'early-warning': 'tidlig varsling', 'not-to-contact': 'kontaktes ikke' } satisfies Record<MunicipalityStatus, string>,
    exemption: { 'enhanced-supervision': 'skærpet tilsyn', 'positive-development': 'konstant positiv udvikling' } satisfies Record<ExemptionReason, string>,
  },

  early2021: {
    findingsTable: 'Fund',
    monthShare: (month: string) => `${month} andel`,
    monthLacking: (month: string) => `${month} uden`,
    monthMeasured: (month: string) => `${month} målt`,
    ladderTable: 'Eskalering',
    ladderColumns: {
      findings: 'Fund i måneden',
      step: 'Trin',
      contacted: 'Kontaktet',
      due: 'Redegørelse og genopretningsplan senest',
      overdue: 'Overskredet',
      received: 'Redegørelse modtaget',
      meeting: 'Møde anmodet',
    },
  },

  supervision: {
    resultTargetFails: (period: string, fails: number, of: number) => `${period}: ${fails} af ${of} kommuner lever ikke op til resultatmålet.`,
    noFocusData: 'Der er ikke indlæst fokusmålinger for perioden, så fokusrådene og risikoen for skærpet tilsyn kan ikke vurderes.',
    focusFails: (count: number, what: string, also: number, names: string) =>
      `${count} kommuner lever ikke op til fokusrådet om ${what}. ${also} af dem lever heller ikke op til resultatmålet${also ? `: ${names}` : ''}.`,
    focusInterviews: 'mindst 4 samtaler inden for 12 måneder',
    focusOffers: 'mindst ét aktivt tilbud eller 225 timers ordinær beskæftigelse inden for 12 måneder',
    atRisk: (count: number, names: string) => `I risiko for skærpet tilsyn: ${count} kommuner${count ? ` (${names})` : ''}.`,
    table: 'Kommuner',
    columns: {
      expected: 'Forventet andel',
      actual: 'Faktisk andel',
      difference: 'Forskel (pct.-point)',
      rank: 'Placering',
      resultTarget: 'Resultatmål',
      focusInterviewsShare: 'Fokusråd samtaler, andel uden',
      focusInterviews: 'Fokusråd samtaler',
      focusOffersShare: 'Fokusråd tilbud/225 timer, andel uden',
      focusOffers: 'Fokusråd tilbud/225 timer',
      atRisk: 'I risiko for skærpet tilsyn',
    },
    statusTable: 'Kvartalsstatus',
    statusColumns: { target: 'Mål', failing: 'Kommuner, der ikke lever op til det', alsoResult: 'Heraf også ikke resultatmålet', which: 'Hvilke' },
    statusRows: { resultTarget: 'Resultatmålet', focusInterviews: 'Fokusråd om samtaler', focusOffers: 'Fokusråd om tilbud/225 timer', focus: 'Fokusrådene' },
    noFocusRow: 'ingen fokusmålinger indlæst for perioden',
  },

  status: {
    coverage: (label: string, month: string, municipalities: number, of: number) =>
      `${label} ${month}: data for ${municipalities} af ${of} kommuner${municipalities < of ? ' – landstallet er beregnet af delvise data' : ''}.`,
    month: 'Måned',
    baseline: 'Sammenligningsmåned',
    nationalTable: 'Hele landet',
    nationalColumns: {
      group: 'Målgruppe',
      share: (period: string) => `Andel med lovbestemte samtaler, ${period}`,
      baselineShare: (baseline: string) => `Andel ${baseline}`,
      change: (baseline: string) => `Ændring siden ${baseline} (pct.-point)`,
      partial: 'Delvise data',
    },
    municipalitiesTable: 'Kommuner',
    municipalityColumns: {
      share: (period: string) => `Andel ${period}`,
      change: 'Ændring (pct.-point)',
      fromNational: 'Forskel fra landstallet (pct.-point)',
    },
  },
};

type ModelWords = typeof modelWordsDa;

/** The language of the model tables: one line to change. */
export const modelWords: ModelWords = modelWordsDa;
