import { useState } from 'react';
import { call } from './api-client';
import { messages } from './messages/da';
import { MunicipalitiesScreen } from './screens/municipalities-screen';
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

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>{messages.appTitle}</h1>
        <span className="subtitle">{messages.appSubtitle}</span>
      </header>
      <DemoBanner />
      <main>
        <MunicipalitiesScreen />
      </main>
    </div>
  );
}
