import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callChannel, callNames, eventChannel } from '../../src/shared/api';
import { databaseFingerprint } from '../helpers/db-fingerprint';
import { electronStandIn } from '../helpers/electron-stand-in';
import { tempDir } from '../helpers/temp-store';
import { copyDemoStore } from '../helpers/demo-store';
import { trustRecorder } from './recorder';

/**
 * Electron's security checklist (electronjs.org/docs/latest/tutorial/security), one test per
 * item, each counted for `npm run trust`. The shell runs with a stand-in for the electron
 * module (the binary cannot be downloaded on the build machines); the stand-in records the
 * settings and handlers, and the tests call those handlers as Electron would.
 */
const exposed: Record<string, unknown> = {};
const rendererInvokes: [string, unknown][] = [];
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: async (channel: string, args: unknown) => rendererInvokes.push([channel, args]),
    on: () => {},
    removeListener: () => {},
  },
}));

const trust = trustRecorder(__filename);
const srcDir = path.resolve(__dirname, '..', '..', 'src');
const rendererUrl = 'file:///app/out/renderer/index.html';

let shell: Awaited<ReturnType<typeof start>>;
async function start() {
  const { startApp } = await import('../../src/main/electron/app');
  const standIn = electronStandIn();
  const { dir, cleanup } = tempDir();
  // fast-lane (issue 15): the store as after a first start (the demo data, built once per run by the real loader).
  const started = await startApp(standIn.electron as never, { rendererUrl, databasePath: copyDemoStore(path.join(dir, 'app.db')) });
  if (!started) throw new Error('the shell did not start');
  return { ...standIn, started, cleanup };
}
beforeAll(async () => {
  shell = await start();
});
afterAll(() => {
  shell.started.session.close();
  shell.cleanup();
});

const preferences = () => shell.windows[0].options.webPreferences;
type Ipc = (event: unknown, args: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
const ipc = (name: string) => shell.handlers.get(callChannel(name)) as Ipc;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|cjs|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

describe('Electron security checklist', () => {
  it('1 context isolation is on', () =>
    trust.check('electron', 'context isolation', () => {
      expect(preferences().contextIsolation).toBe(true);
    }));

  it('2 the renderer is sandboxed', () =>
    trust.check('electron', 'sandbox', () => {
      expect(preferences().sandbox).toBe(true);
    }));

  it('3 no Node integration (window, workers, subframes)', () =>
    trust.check('electron', 'no node integration', () => {
      expect(preferences()).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
    }));

  it('4 a Content Security Policy with no remote origin, no eval and no inline script, in the headers and the page', () =>
    trust.check('electron', 'content security policy', () => {
      let headers: Record<string, string[]> = {};
      (shell.sessionHandlers.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
        { responseHeaders: { 'X-Other': ['kept'] } },
        (result) => (headers = result.responseHeaders),
      );
      const page = fs.readFileSync(path.join(srcDir, 'renderer', 'index.html'), 'utf8');
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page)?.[1];
      expect(headers['X-Other']).toEqual(['kept']);
      for (const csp of [headers['Content-Security-Policy'][0], meta]) {
        expect(csp).toMatch(/default-src 'self'/);
        expect(csp).toMatch(/script-src 'self'(;|$)/);
        expect(csp).toMatch(/object-src 'none'/);
        expect(csp).not.toMatch(/https?:|\*|unsafe-eval|wasm-unsafe-eval/);
      }
    }));

  it('5 no remote content is ever loaded', () =>
    trust.check('electron', 'no remote content', () => {
      const cancelled = (url: string) => {
        let cancel: boolean | null = null;
        (shell.sessionHandlers.beforeRequest as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (result) => (cancel = result.cancel));
        return cancel;
      };
      for (const url of ['https://cdn.example.com/x.js', 'http://example.com/', 'ws://evil.example/', 'http://localhost.evil.example/', 'http://127.0.0.1.evil.example/x', 'ftp://x/']) {
        expect(cancelled(url), url).toBe(true);
      }
      expect(cancelled('file:///app/out/renderer/assets/index.js')).toBe(false);
      // trust-store (issue 14, item 12): the dev server only in development with ELECTRON_RENDERER_URL (test/unit/electron-protocol.test.ts).
      expect(cancelled('http://localhost:5173/src/main.tsx')).toBe(true);
    }));

  it('6 navigation away from the app is blocked (will-navigate, will-redirect)', () =>
    trust.check('electron', 'navigation blocked', () => {
      const contents = shell.windows[0].webContents;
      for (const eventName of ['will-navigate', 'will-redirect']) {
        for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
          const event = { preventDefault: vi.fn() };
          contents.emit(eventName, event, url);
          expect(event.preventDefault, `${eventName} ${url}`).toHaveBeenCalled();
        }
        const own = { preventDefault: vi.fn() };
        contents.emit(eventName, own, rendererUrl);
        expect(own.preventDefault).not.toHaveBeenCalled();
      }
    }));

  it('7 window.open is denied for every URL', () =>
    trust.check('electron', 'window.open blocked', () => {
      const handler = shell.windows[0].webContents.windowOpenHandler!;
      for (const url of ['https://example.com', rendererUrl, 'about:blank']) expect(handler({ url })).toEqual({ action: 'deny' });
    }));

  it('8 every permission request and check is denied', () =>
    trust.check('electron', 'permission requests denied', () => {
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
        let granted: boolean | null = null;
        (shell.sessionHandlers.permissionRequest as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(null, permission, (ok) => (granted = ok));
        expect(granted, permission).toBe(false);
        expect((shell.sessionHandlers.permissionCheck as (c: unknown, p: string) => boolean)(null, permission)).toBe(false);
      }
    }));

  it('9 web security is on and insecure content is not allowed', () =>
    trust.check('electron', 'webSecurity on', () => {
      expect(preferences()).toMatchObject({ webSecurity: true, allowRunningInsecureContent: false });
    }));

  it('10 no <webview>: the tag is off and attaching one is prevented', () =>
    trust.check('electron', 'webview off', () => {
      expect(preferences().webviewTag).toBe(false);
      const event = { preventDefault: vi.fn() };
      shell.windows[0].webContents.emit('will-attach-webview', event, {}, {});
      expect(event.preventDefault).toHaveBeenCalled();
    }));

  it('11 shell.openExternal is not used anywhere in src (so never with untrusted input)', () =>
    trust.check('electron', 'no shell.openExternal with untrusted input', () => {
      // If a link out is ever needed, use a fixed allow-list of URLs and list the file here with its reason.
      const allowed: string[] = [];
      const users = sourceFiles(srcDir).filter((file) => /openExternal|openPath|showItemInFolder/.test(fs.readFileSync(file, 'utf8')));
      expect(users.map((file) => path.relative(srcDir, file))).toEqual(allowed);
    }));

  it('12 the IPC sender is checked: calls from any other frame are refused', () =>
    trust.check('electron', 'IPC sender checked', async () => {
      const call = ipc('app.info');
      for (const event of [
        { senderFrame: { url: 'https://evil.example/' } },
        { senderFrame: { url: 'file:///tmp/other/index.html' } },
        { senderFrame: { url: 'http://127.0.0.1:9/' } },
        { senderFrame: null },
        {},
      ]) {
        expect(await call(event, undefined), JSON.stringify(event)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      expect(await call({ senderFrame: { url: rendererUrl } }, undefined)).toMatchObject({ ok: true });
    }));

  it('13 every IPC argument is validated by schema: every call refuses wrong types and unknown keys, and nothing changes', () =>
    trust.check('electron', 'every IPC argument validated by schema', async () => {
      const db = shell.started.session.db;
      const before = databaseFingerprint(db);
      const bad: [string, unknown][] = [
        ['a number', 42],
        ['a string', 'x'],
        ['a boolean', true],
        ['an array', []],
        ['an unknown key', { unexpectedKey: 1 }],
        ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}')],
        ['a constructor key', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
        ['a huge string', 'x'.repeat(1_000_000)],
      ];
      // The shell handles exactly the contract's channels: no channel that no schema guards.
      expect([...shell.handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
      for (const name of callNames) {
        for (const [label, value] of bad) {
          const envelope = await ipc(name)({ senderFrame: { url: rendererUrl } }, value);
          expect(envelope, `${name} with ${label}`).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(databaseFingerprint(db)).toBe(before);
    }));

  it('14 the preload exposes only invoke and on, and never ipcRenderer itself', () =>
    trust.check('electron', 'preload exposes only invoke/on', async () => {
      await import('../../src/preload/index');
      expect(Object.keys(exposed)).toEqual(['indsatsmonitor']);
      const bridge = exposed.indsatsmonitor as Record<string, unknown>;
      expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
      await (bridge.invoke as (name: string, args: unknown) => Promise<unknown>)('app.info', { a: 1 });
      expect(rendererInvokes.at(-1)).toEqual([callChannel('app.info'), { a: 1 }]);
      expect(eventChannel('data.changed')).not.toBe(callChannel('data.changed'));
    }));
});

describe('a second app instance', () => {
  it('quits itself, and the first instance restores and focuses its window', async () => {
    const { startApp } = await import('../../src/main/electron/app');
    const second = electronStandIn();
    second.electron.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(await startApp(second.electron as never, { rendererUrl, databasePath: '/nonexistent/never-opened.db' })).toBeNull();
    expect(second.electron.app.quit).toHaveBeenCalled();
    expect(second.windows).toHaveLength(0);

    // Electron tells the first instance with 'second-instance'.
    const window = shell.windows[0];
    window.minimized = true;
    shell.electron.app.emit('second-instance', {}, ['indsatsmonitor'], process.cwd());
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);
    shell.electron.app.emit('second-instance', {}, ['indsatsmonitor'], process.cwd());
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(2);
  });
});

// trust-exports (issue 14, "trust figures that can fail"): the checklist items the app failed
// when the review was made are listed and counted like the others, passed or not. They are
// recorded, not asserted, so the figure says "n/17" until the shell's branch (Electron major,
// app:// protocol, fuses) lands; each record is computed from the checkout, never set by hand.
describe('Electron checklist items checked from the checkout (counted, passed or not)', () => {
  const root = path.resolve(__dirname, '..', '..');
  const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
  /** Electron's supported majors when issue 14 was written were 43–45 (three latest majors are supported). */
  const oldestSupportedElectronMajor = 43;

  it('records: Electron is a supported major (checklist 16)', () => {
    const range = String(packageJson.devDependencies?.electron ?? packageJson.dependencies?.electron ?? '');
    const major = Number(/\d+/.exec(range)?.[0] ?? 0);
    expect(major).toBeGreaterThan(0);
    trust.record('electron', `16. current Electron (supported major ≥ ${oldestSupportedElectronMajor}; the checkout has ${range})`, major >= oldestSupportedElectronMajor, undefined, { knownGap: true });
  });

  it('records: the renderer is served through a custom protocol, not file:// (checklist 18)', () => {
    const shellSource = sourceFiles(path.join(srcDir, 'main'))
      .filter((file) => !file.includes(`${path.sep}services${path.sep}`))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n')
      // Code only: a comment saying "never file://" is not a use of it.
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|\s)\/\/.*$/gm, '$1');
    const customProtocol = /protocol\.handle\(/.test(shellSource) && /registerSchemesAsPrivileged/.test(shellSource);
    const loadsFileUrl = /file:\/\/|loadFile\(|pathToFileURL\(/.test(shellSource);
    trust.record('electron', '18. custom protocol instead of file://', customProtocol && !loadsFileUrl, customProtocol ? undefined : 'no protocol.handle/registerSchemesAsPrivileged in the shell', { knownGap: true });
  });

  it('records: the packaged app sets the security fuses (checklist 19)', () => {
    const candidates = ['electron-builder.yml', 'electron-builder.yaml', 'electron-builder.json', 'electron-builder.json5', 'electron-builder.config.js', 'electron-builder.config.cjs', 'electron-builder.config.ts'];
    const found = candidates.map((name) => path.join(root, name)).find((file) => fs.existsSync(file));
    const text = found ? fs.readFileSync(found, 'utf8') : JSON.stringify(packageJson.build ?? '');
    const fuse = (name: string, value: boolean) => new RegExp(`${name}["']?\\s*:\\s*${value}`).test(text);
    const fuses =
      fuse('runAsNode', false) &&
      fuse('enableNodeOptionsEnvironmentVariable', false) &&
      fuse('enableNodeCliInspectArguments', false) &&
      fuse('enableEmbeddedAsarIntegrityValidation', true) &&
      fuse('onlyLoadAppFromAsar', true);
    trust.record('electron', '19. security fuses (RunAsNode, NODE_OPTIONS, inspect off; ASAR integrity, only ASAR)', fuses, found || packageJson.build ? undefined : 'no electron-builder configuration', { knownGap: true });
  });
});
