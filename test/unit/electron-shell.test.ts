import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callChannel, callNames } from '../../src/shared/api';
import { electronStandIn } from '../helpers/electron-stand-in';
import { tempDir } from '../helpers/temp-store';
import { copyDemoStore } from '../helpers/demo-store';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function startWithStandIn() {
  const { startApp } = await import('../../src/main/electron/app');
  const standIn = electronStandIn();
  const { dir, cleanup: remove } = tempDir();
  const rendererUrl = 'file:///app/out/renderer/index.html';
  // fast-lane (issue 15): the store as after a first start (the demo data, built once per run by the real
  // loader); a first start on an empty store would load them again here, which is not what these tests check.
  const started = await startApp(standIn.electron as never, { rendererUrl, databasePath: copyDemoStore(path.join(dir, 'app.db')) });
  cleanup = () => {
    started?.session.close();
    remove();
  };
  return { ...standIn, started, rendererUrl };
}

describe('the Electron shell (with a stand-in for electron)', () => {
  it('opens the window with the secure settings and the preload', async () => {
    const { windows } = await startWithStandIn();
    expect(windows).toHaveLength(1);
    const preferences = windows[0].options.webPreferences;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(preferences.preload)).toMatch(/preload[\\/]index\.js$/);
    expect(windows[0].loadedUrl).toBe('file:///app/out/renderer/index.html');
  });

  // danish-finish (issue 11): Chromium's own words (date fields, form hints) in Danish on any system.
  it('starts Chromium in Danish, before the app is ready', async () => {
    const { electron } = await startWithStandIn();
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'da');
    expect(electron.app.commandLine.appendSwitch.mock.invocationCallOrder[0]).toBeLessThan(electron.app.whenReady.mock.invocationCallOrder[0]);
  });

  it('registers every contract call on ipcMain and refuses calls from other frames', async () => {
    const { handlers, rendererUrl } = await startWithStandIn();
    expect([...handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
    const list = handlers.get(callChannel('municipalities.list'))!;
    const ours = (await list({ senderFrame: { url: rendererUrl } }, undefined)) as { ok: boolean; value: unknown[] };
    expect(ours.ok).toBe(true);
    expect(ours.value).toHaveLength(98);
    const foreign = (await list({ senderFrame: { url: 'https://evil.example/' } }, undefined)) as { ok: boolean; error: { code: string } };
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const malformed = (await list({ senderFrame: { url: rendererUrl } }, 42)) as { ok: boolean; error: { code: string } };
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('blocks navigation, new windows and permission requests, and sets a CSP with no remote origin', async () => {
    const { windows, sessionHandlers, rendererUrl } = await startWithStandIn();
    const contents = windows[0].webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const navigation = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation, 'https://example.com/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    const ownNavigation = { preventDefault: vi.fn() };
    contents.emit('will-navigate', ownNavigation, rendererUrl);
    expect(ownNavigation.preventDefault).not.toHaveBeenCalled();

    let granted: boolean | null = null;
    (sessionHandlers.permissionRequest as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);

    let headers: Record<string, string[]> = {};
    (sessionHandlers.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
      { responseHeaders: {} },
      (result) => (headers = result.responseHeaders),
    );
    const csp = headers['Content-Security-Policy'][0];
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/https?:/);

    const decide = (url: string) => {
      let cancel: boolean | null = null;
      (sessionHandlers.beforeRequest as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (result) => (cancel = result.cancel));
      return cancel;
    };
    expect(decide('https://cdn.example.com/script.js')).toBe(true);
    expect(decide('file:///app/out/renderer/assets/index.js')).toBe(false);
  });

  it('loads the demo data on a first start (a new, empty store), and not again on the next start', async () => {
    const { startApp } = await import('../../src/main/electron/app');
    const { dir, cleanup: remove } = tempDir();
    const databasePath = path.join(dir, 'first-start.db');
    const demoBatches = (started: Awaited<ReturnType<typeof startApp>>) =>
      started!.session.db.prepare('SELECT COUNT(*) AS batches, SUM(rows_imported) AS rows FROM import_batch WHERE is_demo = 1').get() as { batches: number; rows: number };
    const first = await startApp(electronStandIn().electron as never, { rendererUrl: 'file:///app/out/renderer/index.html', databasePath });
    cleanup = () => {
      first?.session.close();
      remove();
    };
    const loaded = demoBatches(first);
    expect(loaded.batches).toBe(1);
    expect(loaded.rows).toBeGreaterThan(30_000);
    const measurements = first!.session.db.prepare('SELECT COUNT(*) AS n FROM measurement').get() as { n: number };
    expect(measurements.n).toBe(loaded.rows);
    first!.session.close();

    const second = await startApp(electronStandIn().electron as never, { rendererUrl: 'file:///app/out/renderer/index.html', databasePath });
    cleanup = () => {
      second?.session.close();
      remove();
    };
    expect(demoBatches(second)).toEqual(loaded);
  });

  it('quits when another instance holds the lock (the first window is focused instead)', async () => {
    const { startApp } = await import('../../src/main/electron/app');
    const standIn = electronStandIn();
    standIn.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    const result = await startApp(standIn.electron as never, { rendererUrl: 'file:///x/index.html', databasePath: '/nonexistent/never-opened.db' });
    expect(result).toBeNull();
    expect(standIn.electron.app.quit).toHaveBeenCalled();
    expect(standIn.windows).toHaveLength(0);
  });
});
