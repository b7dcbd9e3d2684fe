import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src/main/bridge/server';
import { tempSession } from '../helpers/temp-store';

let bridge: Bridge | null = null;
let cleanup: (() => void) | null = null;
afterEach(async () => {
  await bridge?.close();
  bridge = null;
  cleanup?.();
  cleanup = null;
});

async function start() {
  const made = tempSession();
  const rendererDir = path.join(made.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>x</body></html>');
  fs.writeFileSync(path.join(made.dir, 'secret.txt'), 'not for the browser');
  cleanup = made.cleanup;
  bridge = await startBridge({ session: made.session, rendererDir });
  return bridge;
}

describe('the browser bridge', () => {
  it('listens on 127.0.0.1 on a random port and serves the renderer with its token', async () => {
    const current = await start();
    expect(current.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(current.port).toBeGreaterThan(0);
    const page = await (await fetch(current.url)).text();
    expect(page).toContain(`<meta name="indsatsmonitor-bridge-token" content="${current.token}">`);
  });

  it('refuses an API request without the token, and answers one with it', async () => {
    const current = await start();
    const without = await fetch(`${current.url}api/municipalities.list`, { method: 'POST' });
    expect(without.status).toBe(403);
    const wrong = await fetch(`${current.url}api/municipalities.list`, { method: 'POST', headers: { 'x-indsatsmonitor-token': 'x'.repeat(48) } });
    expect(wrong.status).toBe(403);
    const events = await fetch(`${current.url}api/events`);
    expect(events.status).toBe(403);
    const ok = await fetch(`${current.url}api/municipalities.list`, { method: 'POST', headers: { 'x-indsatsmonitor-token': current.token } });
    const body = (await ok.json()) as { ok: boolean; value: unknown[] };
    expect(body.ok).toBe(true);
    expect(body.value).toHaveLength(98);
  });

  it('serves nothing outside the renderer folder and refuses foreign host names', async () => {
    const current = await start();
    const traversal = await fetch(`${current.url}..%2fsecret.txt`);
    expect(traversal.status).toBe(404);
    // fetch will not let a page set Host; a raw request can, as a DNS-rebinding page effectively does.
    const rebindingStatus = await new Promise<number>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: current.port, path: '/', headers: { host: `evil.example:${current.port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(rebindingStatus).toBe(421);
  });
});
