import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { dispatch } from '../handlers';
import type { Session } from '../handlers/session';
import { contentTypeOf } from '../services/content-types';

/**
 * The browser bridge: serves the built renderer and the handler table over HTTP on loopback,
 * so the unchanged renderer runs in a plain browser (end-to-end tests in Chromium). It binds
 * 127.0.0.1 only, on a random port by default, and every API request needs this start's token.
 */
export interface BridgeOptions {
  session: Session;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
  /** Largest request body accepted (default 64 MB); tests lower it. */
  maxBodyBytes?: number;
  // trust-store (issue 14, item 9): bounded sockets; tests lower these.
  /** A socket with no traffic this long is closed (default 30 s; never while a call is being answered or for the event stream). */
  idleTimeoutMs?: number;
  /** At most this many open connections (default 64). */
  maxConnections?: number;
}

export interface Bridge {
  url: string;
  /** The address the socket is bound to (always 127.0.0.1). */
  address: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const defaultMaxBodyBytes = 64 * 1024 * 1024;

// trust-store (issue 14, items 9 and 12): limits and the headers every response carries.
const defaultIdleTimeoutMs = 30_000;
const defaultMaxConnections = 64;
const headersTimeoutMs = 10_000;
const requestTimeoutMs = 120_000;
const eventStreamHeartbeatMs = 15_000;

/** No page may frame the bridge's (clickjacking), and no response is sniffed into another type. */
const bridgeSecurityHeaders: Record<string, string> = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

export const bridgeTokenHeader = 'x-indsatsmonitor-token';

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const rendererDir = path.resolve(options.rendererDir);
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const forward = (name: string, payload: unknown) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const client of sseClients) client.write(frame);
  };
  options.session.events.on('event', forward);

  const tokenMatches = (given: string | null | undefined) =>
    typeof given === 'string' && given.length === token.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token));

  const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(bridgeSecurityHeaders)) response.setHeader(name, value);
    // A page on another origin could reach loopback through DNS rebinding: only our own host name is served.
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      response.writeHead(421).end('Misdirected request');
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      handleApi(url, request, response);
      return;
    }
    serveStatic(url.pathname, response);
  });

  function handleApi(url: URL, request: http.IncomingMessage, response: http.ServerResponse) {
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token'))) return refuse(response);
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      // The event stream is meant to stay open: no idle timeout, and a comment line now and then keeps it alive.
      request.socket.setTimeout(0);
      const heartbeat = setInterval(() => response.write(': \n\n'), eventStreamHeartbeatMs);
      heartbeat.unref();
      sseClients.add(response);
      request.on('close', () => {
        clearInterval(heartbeat);
        sseClients.delete(response);
      });
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    if (!tokenMatches(request.headers[bridgeTokenHeader] as string | undefined)) return refuse(response);
    const name = safeDecode(url.pathname.slice('/api/'.length));
    const tooLarge = () => {
      // Answer first, then drop the connection: the rest of the body is never read.
      sendJson(response, 413, { ok: false, error: { code: 'too-large', message: 'Forespørgslen er for stor og blev afvist.' } }, { connection: 'close' });
      response.once('finish', () => request.destroy());
    };
    if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (response.headersSent) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', async () => {
      if (response.writableEnded) return;
      let args: unknown;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        args = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        return sendJson(response, 400, { ok: false, error: { code: 'invalid-json', message: 'Forespørgslen var ikke gyldig JSON.' } });
      }
      // A long call (an import) sends nothing while it works: no idle timeout until it has answered.
      request.socket.setTimeout(0);
      const envelope = await dispatch(options.session, name, args);
      response.once('finish', () => request.socket.setTimeout(idleTimeoutMs));
      sendJson(response, 200, envelope);
    });
  }

  /**
   * The renderer's files: the real path (symlinks resolved) must lie inside the renderer folder's
   * real path, and files are streamed, never read whole (issue 14, item 9). index.html is small
   * and gets the token, so it is read.
   */
  let realRendererDir: string | null = null;
  function serveStatic(pathname: string, response: http.ServerResponse) {
    const relative = pathname === '/' ? 'index.html' : safeDecode(pathname).replace(/^\/+/, '');
    const notFound = () => {
      if (!response.headersSent) response.writeHead(404).end('Ikke fundet');
      else response.destroy();
    };
    let filePath: string;
    try {
      realRendererDir ??= fs.realpathSync(rendererDir);
      filePath = fs.realpathSync(path.resolve(rendererDir, relative));
      if (!filePath.startsWith(realRendererDir + path.sep) || !fs.statSync(filePath).isFile()) return notFound();
    } catch {
      return notFound();
    }
    const headers = { 'content-type': contentTypeOf(filePath), 'cache-control': 'no-store' };
    if (relative === 'index.html') {
      // The renderer finds the bridge and its token in a meta tag: no inline script, so the CSP stays strict.
      const body = fs.readFileSync(filePath, 'utf8').replace('</head>', `<meta name="indsatsmonitor-bridge-token" content="${token}"></head>`);
      response.writeHead(200, headers);
      response.end(body);
      return;
    }
    const stream = fs.createReadStream(filePath);
    stream.once('error', notFound);
    stream.once('open', () => {
      response.writeHead(200, headers);
      stream.pipe(response);
    });
  }

  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  server.keepAliveTimeout = Math.min(5_000, idleTimeoutMs);
  // With no 'timeout' listener, a socket idle this long is destroyed.
  server.timeout = idleTimeoutMs;
  server.maxConnections = options.maxConnections ?? defaultMaxConnections;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const bound = server.address() as { port: number; address: string };
  port = bound.port;

  return {
    url: `http://127.0.0.1:${port}/`,
    address: bound.address,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        options.session.events.off('event', forward);
        for (const client of sseClients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function refuse(response: http.ServerResponse) {
  sendJson(response, 403, { ok: false, error: { code: 'forbidden', message: 'Adgang nægtet: forespørgslen mangler broens nøgle.' } });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders });
  response.end(JSON.stringify(body));
}

/** A malformed %-escape in a call name is an unknown call, not a thrown URIError. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
