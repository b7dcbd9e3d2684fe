import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeTokenHeader } from '../../src/main/bridge/server';
import { startTestBridge, stopTestBridges } from '../helpers/test-bridge';

/**
 * Issue 14, items 9 and 12: the bridge closes idle sockets and caps connections, serves only
 * real files inside the renderer folder (no symlink escape), streams them, and no response can
 * be framed by another page or sniffed into another type.
 */
afterEach(stopTestBridges);

function get(port: number, requestPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: requestPath, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A socket that connects and then says nothing; resolves when the server closes it. */
function idleSocket(port: number): { socket: net.Socket; closed: Promise<void> } {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed };
}

describe('bridge limits (issue 14, item 9)', () => {
  it('closes sockets that stay idle, and half-sent requests, once the idle timeout passes', async () => {
    const { bridge } = await startTestBridge({ idleTimeoutMs: 300 });
    const idle = Array.from({ length: 20 }, () => idleSocket(bridge.port));
    const half = idleSocket(bridge.port);
    half.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Every one of them is closed by the server (the test would time out if one stayed open).
    await Promise.all([...idle.map((entry) => entry.closed), half.closed]);
    expect(idle.every((entry) => entry.socket.destroyed)).toBe(true);
  });

  it('keeps the event stream and a long call open past the idle timeout', async () => {
    const { bridge, session } = await startTestBridge({ idleTimeoutMs: 300 });
    const events = await new Promise<http.IncomingMessage>((resolve) =>
      http.get({ host: '127.0.0.1', port: bridge.port, path: `/api/events?token=${bridge.token}` }, resolve),
    );
    let closed = false;
    events.on('close', () => (closed = true));
    // A call that works for longer than the idle timeout (demo.load writes 37,044 rows) is answered.
    const answer = await new Promise<string>((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port: bridge.port, path: '/api/demo.load', method: 'POST', headers: { [bridgeTokenHeader]: bridge.token, 'content-type': 'application/json' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(JSON.parse(answer)).toMatchObject({ ok: true, value: { rows: 37044 } });
    // Twice the idle timeout later the event stream is still open.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(closed).toBe(false);
    expect((session.db.prepare('SELECT COUNT(*) AS n FROM measurement').get() as { n: number }).n).toBe(37044);
    events.destroy();
  });

  it('caps open connections: past the cap a new connection is closed at once, the ones inside stay', async () => {
    const { bridge } = await startTestBridge({ maxConnections: 5, idleTimeoutMs: 60_000 });
    const inside = Array.from({ length: 5 }, () => idleSocket(bridge.port));
    await Promise.all(inside.map((entry) => new Promise((resolve) => entry.socket.once('connect', resolve))));
    // Give the server its accept for each of the five before the sixth knocks.
    await get(bridge.port, '/').catch(() => undefined);
    const extra = idleSocket(bridge.port);
    await extra.closed;
    expect(inside.some((entry) => entry.socket.destroyed)).toBe(false);
    for (const entry of inside) entry.socket.destroy();
  });
});

describe('bridge static files (issue 14, item 9)', () => {
  it('a symlink inside the renderer folder that points outside it is not followed', async () => {
    const { bridge, dir } = await startTestBridge();
    const secret = path.join(dir, 'hemmelig.txt');
    fs.writeFileSync(secret, 'må ikke kunne læses');
    fs.symlinkSync(secret, path.join(dir, 'renderer', 'link.txt'));
    fs.symlinkSync(dir, path.join(dir, 'renderer', 'op'));
    expect((await get(bridge.port, '/link.txt')).status).toBe(404);
    expect((await get(bridge.port, '/op/hemmelig.txt')).status).toBe(404);
    expect((await get(bridge.port, '/op/test.db')).status).toBe(404);
  });

  it('streams a large file intact', async () => {
    const { bridge, dir } = await startTestBridge();
    const bytes = crypto.randomBytes(24 * 1024 * 1024);
    fs.writeFileSync(path.join(dir, 'renderer', 'stor.png'), bytes);
    const response = await get(bridge.port, '/stor.png');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(crypto.createHash('sha256').update(response.body).digest('hex')).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('framing and sniffing (issue 14, item 12)', () => {
  it('every response, whatever its status, says frame-ancestors none, DENY and nosniff', async () => {
    const { bridge } = await startTestBridge();
    const responses = [
      await get(bridge.port, '/'),
      await get(bridge.port, '/findes-ikke.js'),
      await get(bridge.port, '/api/app.info', {}, 'POST'),
      await get(bridge.port, '/api/app.info', { [bridgeTokenHeader]: bridge.token }, 'POST'),
      await get(bridge.port, '/api/app.info', { [bridgeTokenHeader]: bridge.token }, 'GET'),
      await get(bridge.port, '/', { host: 'evil.example' }),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 404, 403, 200, 405, 421]);
    for (const response of responses) {
      expect(response.headers['content-security-policy']).toBe("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
