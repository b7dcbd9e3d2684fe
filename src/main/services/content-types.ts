import path from 'node:path';

/** The built renderer's file types, for the two servers of it (the bridge and Electron's `app://`). */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export function contentTypeOf(filePath: string): string {
  return contentTypes[path.extname(filePath)] ?? 'application/octet-stream';
}
