import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { loadSetting, saveSetting } from './components/grid-state';
import { messages } from './messages/da';
import { Breadcrumbs } from './components/breadcrumbs';
import { DeskContext, type DeskEntry, type DeskState } from './components/desk-context';
import { BenefitGroupScreen } from './screens/benefit-group-screen';
import { CountryScreen } from './screens/country-screen';
import { MunicipalitiesScreen } from './screens/municipalities-screen';
import { MunicipalityScreen } from './screens/municipality-screen';
import { OverviewScreen } from './screens/overview-screen';
import { RuleSetsScreen } from './screens/rule-sets-screen';
import { ImportHistoryScreen } from './screens/import-history-screen';
import { ImportScreen } from './screens/import-screen';
// models-screens
import { MonthlyScreen } from './screens/monthly-screen';
import { SupervisionScreen } from './screens/supervision-screen';
import { CitizensScreen } from './screens/citizens-screen'; // cit-desk (issue 10)
// cit-engine (issue 10)
import { CitizenEngineScreen } from './screens/citizen-engine-screen';
import { useApi, useCall } from './use-api';

function DemoBanner() {
  const info = useApi('app.info');
  const clear = useCall('demo.clear');
  if (!info.data?.demoDataLoaded) return null;
  return (
    <div className="banner demo" role="status" data-testid="demo-banner">
      <span>{messages.demo.banner}</span>
      <button disabled={clear.isPending} onClick={() => window.confirm(messages.demo.confirmClear) && clear.mutate(undefined)} data-testid="demo-clear">
        {messages.demo.clear}
      </button>
    </div>
  );
}

/** The empty start: what the program is for and the two ways to begin, instead of empty grids. */
function Welcome({ onImport, onCitizens }: { onImport(): void; onCitizens(): void }) {
  const load = useCall('demo.load');
  // issue 10: citizen data without Jobindsats counts is not "no numbers yet".
  const citizens = useApi('citizens.status', {});
  const spells = citizens.data?.spells ?? 0;
  return (
    <section className="screen scroll welcome" data-testid="welcome">
      <h2>{messages.welcome.title}</h2>
      <p data-testid="welcome-intro">{spells > 0 ? messages.welcome.introCitizens(spells) : messages.welcome.intro}</p>
      <div className="welcome-actions">
        {spells > 0 && (
          <button className="primary" onClick={onCitizens} data-testid="welcome-citizens">
            {messages.welcome.showCitizens}
          </button>
        )}
        <button className={spells > 0 ? undefined : 'primary'} disabled={load.isPending} onClick={() => load.mutate(undefined)} data-testid="welcome-demo">
          {load.isPending ? messages.loading : messages.demo.load}
        </button>
        <button onClick={onImport} data-testid="welcome-import">
          {messages.welcome.importFiles}
        </button>
      </div>
      <p className="muted">{messages.welcome.demoNote}</p>
      {load.error && (
        <p className="error" role="alert">
          {`${messages.errorPrefix}: ${load.error.message}`}
        </p>
      )}
    </section>
  );
}

/** Screens that show evaluated figures: on an empty store they give way to the welcome page. */
const dataScreens: readonly string[] = ['overview', 'benefitGroups', 'country'];
/** Of those, the ones with a Datakilde (issue 10): with citizen data stored they show, so Borgerdata can be chosen. */
const sourceScreens: readonly string[] = ['country'];

/** The top-level screens; each area adds its own entry. */
const screens = [
  { id: 'overview', label: messages.nav.overview, render: () => <OverviewScreen /> },
  { id: 'benefitGroups', label: messages.nav.benefitGroups, render: () => <BenefitGroupScreen /> },
  // models-screens: model B and model C
  { id: 'monthly', label: messages.models.nav.monthly, render: () => <MonthlyScreen /> },
  { id: 'supervision', label: messages.models.nav.supervision, render: () => <SupervisionScreen /> },
  { id: 'country', label: messages.nav.country, render: () => <CountryScreen /> },
  { id: 'ruleSets', label: messages.nav.ruleSets, render: () => <RuleSetsScreen /> },
  { id: 'municipalities', label: messages.nav.municipalities, render: () => <MunicipalitiesScreen /> },
  { id: 'citizens', label: messages.citizens.nav, render: () => <CitizensScreen /> }, // cit-desk (issue 10)
  { id: 'import', label: messages.importer.nav, render: () => <ImportScreen /> },
  { id: 'import-history', label: messages.importer.navHistory, render: () => <ImportHistoryScreen /> },
  { id: 'citizen-engine', label: messages.citizenEngine.nav, render: () => <CitizenEngineScreen /> }, // cit-engine (issue 10)
] as const;

type ScreenId = (typeof screens)[number]['id'];

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function App() {
  const [screenId, setScreenId] = useState<ScreenId>(screens[0].id);
  // Screens once shown stay mounted (hidden), so going back finds their scroll, sort and filters as left.
  const [visited, setVisited] = useState<ScreenId[]>([screens[0].id]);
  const [stack, setStack] = useState<DeskEntry[]>([]);
  const periods = useApi('periods.available');
  const info = useApi('app.info');
  // The chosen half-year survives a restart (window state, like the grids' columns); a half-year
  // the data no longer have falls back to the latest complete one.
  const [chosenPeriod, choosePeriod] = useState<string | null>(() => loadSetting<string | null>('desk.period', null));
  const setPeriod = useCallback((value: string) => {
    choosePeriod(value);
    saveSetting('desk.period', value);
  }, []);
  const [ruleSetId, setRuleSetId] = useState<string | undefined>(undefined);
  const known = periods.data?.halfYears.some((half) => half.period === chosenPeriod) ?? false;
  const period = (known ? chosenPeriod : null) ?? periods.data?.latestCompleteHalfYear ?? periods.data?.halfYears.at(-1)?.period ?? null;
  const empty = info.data?.measurementRows === 0;
  // Asked only on a store without Jobindsats counts (it counts every spell and event: ~50 ms at a million spells).
  const citizenStatus = useApi('citizens.status', empty ? {} : null);
  const hasCitizenData = (citizenStatus.data?.spells ?? 0) > 0;
  const welcomes = (id: string) => empty && dataScreens.includes(id) && !(hasCitizenData && sourceScreens.includes(id));
  const hostRef = useRef<HTMLDivElement | null>(null);

  const showScreen = useCallback((id: ScreenId) => {
    setScreenId(id);
    setVisited((list) => (list.includes(id) ? list : [...list, id]));
    setStack([]);
  }, []);
  const back = useCallback(() => {
    setStack((list) => list.slice(0, -1));
    // Give the grid its keyboard focus back where the user left it.
    requestAnimationFrame(() => hostRef.current?.querySelector<HTMLElement>('.screen-host:not([hidden]) .ag-cell-focus')?.focus());
  }, []);
  const desk = useMemo<DeskState>(
    () => ({
      period,
      ruleSetId: ruleSetId as string,
      setPeriod,
      setRuleSetId: (id) => setRuleSetId(id || undefined),
      open: (entry) => setStack((list) => [...list, entry]),
      back,
    }),
    [period, ruleSetId, back, setPeriod],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const active = hostRef.current?.querySelector<HTMLElement>('.screen-host:not([hidden])');
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && event.key.toLowerCase() === 'f') {
        const search = active?.querySelector<HTMLInputElement>('[data-search]');
        if (search) {
          event.preventDefault();
          search.focus();
          search.select();
        }
      } else if (ctrl && event.key.toLowerCase() === 'e') {
        event.preventDefault();
        active?.querySelector<HTMLButtonElement>('[data-export-default]')?.click();
      } else if ((event.altKey && event.key === 'ArrowLeft') || (event.key === 'Backspace' && !isTyping(event.target))) {
        if (stack.length > 0) {
          event.preventDefault();
          back();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stack.length, back]);

  const screen = screens.find((candidate) => candidate.id === screenId) ?? screens[0];
  const top = stack.at(-1);
  const trail = [screen.label, ...stack.map((entry) => (entry.kind === 'municipality' ? entry.name : entry.label))];
  return (
    <DeskContext.Provider value={desk}>
      <div className="app">
        <header className="app-header">
          <h1>{messages.appTitle}</h1>
          <span className="subtitle">{messages.appSubtitle}</span>
          <nav className="app-nav" aria-label={messages.nav.label}>
            {screens.map((candidate) => (
              <button
                key={candidate.id}
                className={candidate.id === screenId ? 'active' : ''}
                aria-current={candidate.id === screenId ? 'page' : undefined}
                onClick={() => showScreen(candidate.id)}
              >
                {candidate.label}
              </button>
            ))}
          </nav>
        </header>
        <DemoBanner />
        <div className="crumb-bar">
          {stack.length > 0 && (
            <button onClick={back} data-testid="back" title="Alt+←">
              {`← ${messages.desk.back}`}
            </button>
          )}
          <Breadcrumbs trail={trail} onGo={(index) => setStack((list) => list.slice(0, index))} />
        </div>
        <main ref={hostRef}>
          {screens
            .filter((candidate) => visited.includes(candidate.id))
            .map((candidate) => (
              <div className="screen-host" key={candidate.id} hidden={candidate.id !== screenId || top !== undefined}>
                {welcomes(candidate.id) ? <Welcome onImport={() => showScreen('import')} onCitizens={() => showScreen('citizens')} /> : candidate.render()}
              </div>
            ))}
          {top && (
            <div className="screen-host" key={`${top.kind}:${top.kind === 'municipality' ? top.code : top.kind === 'group' ? top.groupId : `${top.municipalityCode}:${top.groupId}:${top.cohortMonth}:${top.spellId ?? ''}`}`}>
              {top.kind === 'municipality' ? (
                <MunicipalityScreen code={top.code} />
              ) : top.kind === 'group' ? (
                <BenefitGroupScreen initialGroupId={top.groupId} />
              ) : (
                // cit-desk (issue 10): drill-down to the citizens of a municipality, group and cohort month
                <CitizensScreen initial={{ municipalityCode: top.municipalityCode, groupId: top.groupId, cohortMonth: top.cohortMonth, spellId: top.spellId, asOf: top.asOf }} />
              )}
            </div>
          )}
        </main>
      </div>
    </DeskContext.Provider>
  );
}
