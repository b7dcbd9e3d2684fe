import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { devRendererUrl } from '../../src/main/electron/app-protocol';
import { electronStandIn } from '../helpers/electron-stand-in';
import { tempDir } from '../helpers/temp-store';
import { copyDemoStore } from '../helpers/demo-store';

/**
 * Issue 14, item 12, in the Electron shell (with the stand-in for electron): the renderer comes
 * from app:// (registered privileged before ready, served only from the renderer folder), the
 * dev server URL counts only in development, and subframe navigation is guarded.
 */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
  delete process.env.ELECTRON_RENDERER_URL;
});

async function start(options: { packaged?: boolean; env?: string } = {}) {
  const { startApp } = await import('../../src/main/electron/app');
  const standIn = electronStandIn();
  standIn.electron.app.isPackaged = options.packaged ?? false;
  if (options.env) process.env.ELECTRON_RENDERER_URL = options.env;
  const { dir, cleanup } = tempDir();
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>Indsatsmonitor</body></html>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'hemmelig.txt'), 'uden for mappen');
  fs.symlinkSync(path.join(dir, 'hemmelig.txt'), path.join(rendererDir, 'link.txt'));
  // fast-lane (issue 15): the store as after a first start (the demo data, built once per run by the real loader).
  const started = await startApp(standIn.electron as never, { databasePath: copyDemoStore(path.join(dir, 'app.db')), rendererDir });
  cleanups.push(() => {
    started?.session.close();
    cleanup();
  });
  return { ...standIn, started };
}

describe('the renderer through app:// (issue 14, item 12)', () => {
  it('registers app:// as privileged, secure and standard before ready, and loads the window from it', async () => {
    const shell = await start();
    expect(shell.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(shell.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(shell.order.indexOf('ready'));
    expect(shell.windows[0].loadedUrl).toBe('app://renderer/index.html');
    expect(shell.windows[0].loadedUrl).not.toMatch(/^file:/);
  });

  it('serves the renderer folder\'s files with the CSP, and nothing outside it (no traversal, no symlink escape, no other host)', async () => {
    const shell = await start();
    const handler = shell.protocolHandlers.get('app')!;
    const index = await handler({ url: 'app://renderer/index.html' });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('Indsatsmonitor');
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    const script = await handler({ url: 'app://renderer/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    for (const url of ['app://renderer/../hemmelig.txt', 'app://renderer/%2e%2e/hemmelig.txt', 'app://renderer/link.txt', 'app://other/index.html', 'app://renderer/%E0%A4%A']) {
      expect((await handler({ url })).status, url).toBe(404);
    }
  });

  it('lets the session load app:// but not file:// or the dev server in the built app', async () => {
    const shell = await start();
    const beforeRequest = shell.sessionHandlers.beforeRequest as (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
    const cancelled = (url: string) => {
      let answer: boolean | null = null;
      beforeRequest({ url }, (response) => (answer = response.cancel));
      return answer;
    };
    expect(cancelled('app://renderer/assets/app.js')).toBe(false);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('http://localhost:5173/')).toBe(true);
    expect(cancelled('https://example.com/')).toBe(true);
  });

  it('honours ELECTRON_RENDERER_URL only in development and only on loopback', async () => {
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBe('http://localhost:5173');
    expect(devRendererUrl(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toBeNull();
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeNull();
    const packaged = await start({ packaged: true, env: 'http://localhost:5173' });
    expect(packaged.windows[0].loadedUrl).toBe('app://renderer/index.html');
    const development = await start({ packaged: false, env: 'http://localhost:5173' });
    expect(development.windows[0].loadedUrl).toBe('http://localhost:5173');
  });

  it('guards navigation of every frame (will-frame-navigate)', async () => {
    const shell = await start();
    const contents = shell.windows[0].webContents;
    const away = { url: 'https://example.com/', isMainFrame: false, preventDefault: vi.fn() };
    contents.emit('will-frame-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    const own = { url: 'app://renderer/index.html', isMainFrame: false, preventDefault: vi.fn() };
    contents.emit('will-frame-navigate', own);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });
});
