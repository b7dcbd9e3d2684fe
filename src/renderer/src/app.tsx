import { useState } from 'react';
import { call } from './api-client';
import { messages } from './messages/da';
import { MunicipalitiesScreen } from './screens/municipalities-screen';
import { ImportHistoryScreen } from './screens/import-history-screen';
import { ImportScreen } from './screens/import-screen';
import { useApi } from './use-api';

function DemoBanner() {
  const info = useApi('app.info');
  const [busy, setBusy] = useState(false);
  if (!info.data) return null;
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  if (info.data.demoDataLoaded) {
    return (
      <div className="banner demo" role="status" data-testid="demo-banner">
        <span>{messages.demo.banner}</span>
        <button disabled={busy} onClick={() => window.confirm(messages.demo.confirmClear) && run(() => call('demo.clear'))}>
          {messages.demo.clear}
        </button>
      </div>
    );
  }
  if (info.data.measurementRows === 0) {
    return (
      <div className="banner empty" role="status">
        <span>{messages.demo.empty}</span>
        <button disabled={busy} onClick={() => run(() => call('demo.load'))}>
          {messages.demo.load}
        </button>
      </div>
    );
  }
  return null;
}

/** The top-level screens; each area adds its own entry. */
const screens = [
  { id: 'municipalities', label: messages.nav.municipalities, render: () => <MunicipalitiesScreen /> },
  { id: 'import', label: messages.importer.nav, render: () => <ImportScreen /> },
  { id: 'import-history', label: messages.importer.navHistory, render: () => <ImportHistoryScreen /> },
] as const;

type ScreenId = (typeof screens)[number]['id'];

export function App() {
  const [screenId, setScreenId] = useState<ScreenId>(screens[0].id);
  const screen = screens.find((candidate) => candidate.id === screenId) ?? screens[0];
  return (
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
              onClick={() => setScreenId(candidate.id)}
            >
              {candidate.label}
            </button>
          ))}
        </nav>
      </header>
      <DemoBanner />
      <main>{screen.render()}</main>
    </div>
  );
}
