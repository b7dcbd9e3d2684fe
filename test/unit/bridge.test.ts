import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBridge, stopTestBridges } from '../helpers/test-bridge';

afterEach(stopTestBridges);

async function start() {
  const { bridge, dir } = await startTestBridge();
  // Beside the renderer folder: must never be served.
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the browser');
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
