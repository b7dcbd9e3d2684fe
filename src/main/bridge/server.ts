import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { dispatch } from '../handlers';
import type { Session } from '../handlers/session';

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
}

export interface Bridge {
  url: string;
  /** The address the socket is bound to (always 127.0.0.1). */
  address: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

const defaultMaxBodyBytes = 64 * 1024 * 1024;

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

  const server = http.createServer((request, response) => {
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
      sseClients.add(response);
      request.on('close', () => sseClients.delete(response));
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
      const envelope = await dispatch(options.session, name, args);
      sendJson(response, 200, envelope);
    });
  }

  function serveStatic(pathname: string, response: http.ServerResponse) {
    const relative = pathname === '/' ? 'index.html' : safeDecode(pathname).replace(/^\/+/, '');
    const filePath = path.resolve(rendererDir, relative);
    if (!filePath.startsWith(rendererDir + path.sep) || !fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) {
      response.writeHead(404).end('Ikke fundet');
      return;
    }
    const extension = path.extname(filePath);
    let body: Buffer | string = fs.readFileSync(filePath);
    if (relative === 'index.html') {
      // The renderer finds the bridge and its token in a meta tag: no inline script, so the CSP stays strict.
      body = body.toString('utf8').replace('</head>', `<meta name="indsatsmonitor-bridge-token" content="${token}"></head>`);
    }
    response.writeHead(200, { 'content-type': contentTypes[extension] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(body);
  }

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
