import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeTokenHeader } from '../../src/main/bridge/server';
import { callNames } from '../../src/shared/api';
import { databaseFingerprint } from '../helpers/db-fingerprint';
import { startTestBridge, stopTestBridges } from '../helpers/test-bridge';

/** What test/unit/bridge.test.ts does not already show: address, CORS, body size, token leaks, bad URLs. */
afterEach(stopTestBridges);

const start = startTestBridge;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so the test controls every header (Origin, Host, Content-Length) as an attacker could. */
function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string | number>; body?: Buffer | string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    if (options.body) request.write(options.body);
    request.end();
  });
}

describe('the browser bridge, hardened', () => {
  it('is bound to 127.0.0.1 only: the socket says so, and no other address of this machine answers', async () => {
    const { bridge } = await start();
    expect(bridge.address).toBe('127.0.0.1');
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/`);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((entry): entry is os.NetworkInterfaceInfo => !!entry && entry.address !== '127.0.0.1')
      .map((entry) => entry.address);
    // ::1 is always there on a machine with IPv6; a LAN address when the machine has one.
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: bridge.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
  });

  it('sends no CORS headers, so a page on another origin can never read an answer', async () => {
    const { bridge } = await start();
    const origin = 'https://evil.example';
    const host = `127.0.0.1:${bridge.port}`;
    const answers = [
      await raw(bridge.port, { method: 'OPTIONS', path: '/api/app.info', headers: { host, origin, 'access-control-request-method': 'POST', 'access-control-request-headers': bridgeTokenHeader } }),
      await raw(bridge.port, { method: 'POST', path: '/api/app.info', headers: { host, origin, [bridgeTokenHeader]: bridge.token } }),
      await raw(bridge.port, { method: 'POST', path: '/api/app.info', headers: { host, origin } }),
      await raw(bridge.port, { path: '/', headers: { host, origin } }),
    ];
    for (const answer of answers) {
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(answers[0].status).toBe(405);
    expect(answers[2].status).toBe(403);
  });

  it('refuses an oversized body with 413, by its Content-Length or while it streams, and keeps serving', async () => {
    const { bridge, session } = await start({ maxBodyBytes: 1024 });
    const before = databaseFingerprint(session.db);
    const host = `127.0.0.1:${bridge.port}`;
    const headers = { host, [bridgeTokenHeader]: bridge.token, 'content-type': 'application/json' };
    const declared = await raw(bridge.port, { method: 'POST', path: '/api/demo.load', headers: { ...headers, 'content-length': 5000 }, body: 'x'.repeat(5000) });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'too-large' } });
    // Chunked: no Content-Length, the limit is found while reading.
    const streamed = await raw(bridge.port, { method: 'POST', path: '/api/demo.load', headers: { ...headers, 'transfer-encoding': 'chunked' }, body: `{"a":"${'x'.repeat(4000)}"}` });
    expect(streamed.status).toBe(413);
    expect(databaseFingerprint(session.db)).toBe(before);
    const ok = await raw(bridge.port, { method: 'POST', path: '/api/app.info', headers });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
  });

  it('never puts the token in an API answer, ok or error', async () => {
    const { bridge } = await start();
    const host = `127.0.0.1:${bridge.port}`;
    const withToken = { host, [bridgeTokenHeader]: bridge.token };
    const bodies: string[] = [];
    for (const name of callNames.filter((name) => name !== 'demo.load')) bodies.push((await raw(bridge.port, { method: 'POST', path: `/api/${name}`, headers: withToken })).body);
    bodies.push((await raw(bridge.port, { method: 'POST', path: '/api/app.info', headers: withToken, body: `{"token":"${bridge.token}"}` })).body);
    bodies.push((await raw(bridge.port, { method: 'POST', path: '/api/app.info', headers: withToken, body: '{not json' })).body);
    bodies.push((await raw(bridge.port, { method: 'POST', path: '/api/app.info', headers: { host, [bridgeTokenHeader]: bridge.token.slice(1) } })).body);
    bodies.push((await raw(bridge.port, { path: '/api/events?token=wrong', headers: { host } })).body);
    expect(bodies.length).toBeGreaterThan(5);
    for (const body of bodies) expect(body).not.toContain(bridge.token);
    // Only the page itself carries it (that is how the renderer finds it).
    expect((await raw(bridge.port, { path: '/', headers: { host } })).body).toContain(bridge.token);
  });

  it('survives malformed URLs (bad %-escapes) with a 404 or an unknown-call answer, not a crash', async () => {
    const { bridge } = await start();
    const host = `127.0.0.1:${bridge.port}`;
    expect((await raw(bridge.port, { path: '/%E0%A4%A', headers: { host } })).status).toBe(404);
    const api = await raw(bridge.port, { method: 'POST', path: '/api/%E0%A4%A', headers: { host, [bridgeTokenHeader]: bridge.token } });
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect((await raw(bridge.port, { path: '/', headers: { host } })).status).toBe(200);
  });
});
