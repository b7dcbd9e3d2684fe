/**
 * Every word on screen, in Danish, in the seeds' own terms. An English UI is one more file
 * with the same keys.
 */
export const da = {
  appTitle: 'Indsatsmonitor',
  appSubtitle: 'Opfølgning på kommunernes tidlige indsats',
  loading: 'Henter …',
  errorPrefix: 'Fejl',
  demo: {
    banner: 'Du ser syntetiske demodata: tallene er genereret og viser ikke rigtige kommuners indsats.',
    clear: 'Fjern demodata',
    confirmClear: 'Fjern demodata? Dine egne indlæste filer bliver ikke rørt.',
    load: 'Indlæs demodata',
    empty: 'Der er ingen data endnu. Indlæs filer, eller indlæs demodata for at se programmet i brug.',
  },
  nav: {
    label: 'Skærme',
    municipalities: 'Kommuner',
  },
  municipalities: {
    title: 'Kommuner',
    count: (shown: number, total: number) => (shown === total ? `${total} kommuner` : `${shown} af ${total} kommuner`),
    search: 'Søg (kode, navn, region …)',
    columns: {
      code: 'Kode',
      name: 'Kommune',
      region: 'Region',
      labourMarketOffice: 'AMK',
      latestMeasured: 'Målte borgere (seneste måned)',
      latestMonth: 'Måned',
    },
  },
} as const;

export type Messages = typeof da;
export const messages: Messages = da;
