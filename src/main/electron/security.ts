import type { BrowserWindowConstructorOptions, Session as ElectronSession, WebContents } from 'electron';

/** The renderer is untrusted: isolated, sandboxed, no Node, web security on. */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} satisfies BrowserWindowConstructorOptions['webPreferences'];

/** No remote origin anywhere: scripts, styles, images, fonts and connections come from the app itself. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // AG Grid and the chart library inject their styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Is this URL our own renderer (the built file, or the dev server electron-vite started)? */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl);
    if (own.protocol === 'file:') return target.protocol === 'file:' && target.pathname === own.pathname;
    // app:// is not a special scheme for URL: its origin is "null", so compare scheme and host.
    if (own.protocol === 'app:') return target.protocol === 'app:' && target.host === own.host;
    return target.origin === own.origin;
  } catch {
    return false;
  }
}

/** Blocks navigation away from the app, new windows, and every permission request. */
export function lockDownContents(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, rendererUrl)) event.preventDefault();
  });
  // trust-store (issue 14, item 12): subframes too (Electron's will-navigate sees only the main frame).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function lockDownSession(session: ElectronSession, options: { allowDevServer?: boolean; allowFile?: boolean } = {}): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  // Nothing but our own files (app://; file:// only when the renderer itself is a file, as in tests) and, in development only, the local dev server is ever loaded.
  session.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const local =
      url.startsWith('app:') ||
      (options.allowFile === true && url.startsWith('file:')) ||
      url.startsWith('devtools:') ||
      (options.allowDevServer === true && /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url));
    callback({ cancel: !local });
  });
}
