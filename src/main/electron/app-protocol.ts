import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { contentSecurityPolicy } from './security';
import { contentTypeOf } from '../services/content-types';

/**
 * The renderer is loaded from `app://renderer/…` instead of `file://` (Electron's security
 * checklist, item 18; issue 14, item 12): a file:// page may read any file the user can, an
 * app:// page only what this handler serves, which is the built renderer folder and nothing else.
 */
const appScheme = 'app';
const appHost = 'renderer';
export const appRendererUrl = `${appScheme}://${appHost}/index.html`;

/** Before the app is ready: app:// is a standard, secure origin (fetch, storage, CSP work as on https). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/**
 * Answers an app:// request: only `app://renderer/<path>`, only a real file (symlinks resolved)
 * inside the renderer folder; anything else is 404.
 */
function serveAppRequest(rendererDir: string, requestUrl: string): Response {
  const notFound = () => new Response('Ikke fundet', { status: 404, headers: securityHeaders });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return notFound();
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return notFound();
  }
  try {
    const root = fs.realpathSync(rendererDir);
    const file = fs.realpathSync(path.resolve(root, relative));
    if (!file.startsWith(root + path.sep) || !fs.statSync(file).isFile()) return notFound();
    return new Response(fs.readFileSync(file), {
      status: 200,
      headers: { 'content-type': contentTypeOf(file), ...securityHeaders },
    });
  } catch {
    return notFound();
  }
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(appScheme, (request) => serveAppRequest(rendererDir, request.url));
}

/**
 * The dev server's URL (electron-vite sets ELECTRON_RENDERER_URL) is honoured only in
 * development, never in the packaged app, and only on the loopback host.
 */
export function devRendererUrl(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | null {
  if (isPackaged) return null;
  const given = env.ELECTRON_RENDERER_URL;
  if (!given) return null;
  try {
    const url = new URL(given);
    return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1') ? given : null;
  } catch {
    return null;
  }
}
